// Held: the sends the send governor holds (docs/governor.md), oldest first, each with its reason.
// Release sends it now past the limits (it is not held again); Discard drops it, and its agent hears
// message.failed.

import { api } from "./api.js";
import { dangerButton, el, reportError, when } from "./dom.js";

const reasonNames = {
  unanswered_limit: "Unanswered",
  recipient_rate: "Too fast to one person",
  new_conversations: "New conversations",
  outbound_ratio: "Outbound ratio",
  conversation_paused: "Conversation paused",
};

export function heldView() {
  const list = el("div", { class: "list", id: "held-list" });
  const more = el("p", { class: "muted", id: "held-more", hidden: true });
  const element = el("div", { class: "page" },
    el("h1", {}, "Held messages"),
    el("p", { class: "lead" },
      "Messages the send governor holds to keep the number out of spam filters. Each waits for what its reason says; release one to send it now, or discard it."),
    list, more);

  async function refresh() {
    const held = await api.held();
    list.replaceChildren(...(held.items.length === 0
      ? [el("p", { class: "empty" }, "Nothing is held.")]
      : held.items.map(row)));
    more.hidden = !held.nextCursor;
    more.textContent = held.nextCursor ? "More are held than shown; release or discard these to see the rest." : "";
  }

  function row(item) {
    const reason = reasonNames[item.reason] ?? item.reason;
    const release = el("button", { type: "button", class: "quiet", "aria-label": `Release the message to ${item.chatId}` }, "Release");
    release.addEventListener("click", async () => {
      release.disabled = true;
      try {
        await api.releaseHeld(item.messageId);
        await refresh();
      } catch (error) {
        release.disabled = false;
        reportError(error);
      }
    });
    const discard = dangerButton("Discard", `Discard the message to ${item.chatId}`, {
      title: "Discard this message?",
      text: `“${item.preview}” to ${item.chatId} is dropped and never sent; its agent is told it failed.`,
    }, async () => {
      await api.discardHeld(item.messageId);
      await refresh();
    });
    return el("div", { class: "item held-item", "data-message-id": item.messageId },
      el("span", { class: "item-main" },
        el("span", {}, el("span", { class: "badge status-paused", title: item.reason }, reason), " ",
          el("a", { href: `#/conversations/${encodeURIComponent(item.conversationId)}`, class: "item-name" }, item.chatId)),
        el("span", { class: "held-preview" }, item.preview),
        el("span", { class: "muted" }, item.detail),
        el("span", { class: "muted" }, `Held ${when(item.heldAt)} on ${item.transport}`,
          item.releaseAt ? ` · looked at again ${when(item.releaseAt)}` : "")),
      el("span", { class: "item-side" }, release, discard));
  }

  return { title: "Held messages", element, refresh };
}
