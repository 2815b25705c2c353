// Conversations and their sessions, one conversation's history drawn as bubbles, and the operator's reply box.

import { api } from "./api.js";
import { clearErrors, clock, el, newKey, showErrors, when } from "./dom.js";
import { pauseBadge, pauseBanner } from "./pause.js";

const reactionEmoji = { love: "❤️", like: "👍", dislike: "👎", laugh: "😂", emphasize: "‼️", question: "❓" };

const conversationHref = (conversationId, sessionId) =>
  `#/conversations/${encodeURIComponent(conversationId)}${sessionId ? `/sessions/${encodeURIComponent(sessionId)}` : ""}`;

/** List items for conversations (newest first), each with links to its sessions (newest first). */
export function conversationList(conversations, emptyText) {
  if (conversations.length === 0) return [el("p", { class: "empty" }, emptyText)];
  return conversations.map((conversation) => el("div", { class: "item conversation-item", "data-conversation-id": conversation.id },
    el("span", { class: "item-main" },
      el("a", { class: "item-name", href: conversationHref(conversation.id) },
        conversation.displayName ?? (conversation.isGroup ? "Group chat" : conversation.handle)),
      conversation.pause ? pauseBadge(conversation.pause) : null,
      el("span", { class: "muted" },
        `${conversation.messageCount} messages · ${conversation.transport} · last ${when(conversation.lastMessageAt)}`),
      conversation.sessions.length > 0
        ? el("ul", { class: "sessions", "aria-label": "Sessions" }, conversation.sessions.map((session, index) =>
          el("li", {}, el("a", { href: conversationHref(conversation.id, session.id) },
            `${index === 0 && !session.endedAt ? "Current session" : "Session"} · ${when(session.startedAt)} · ${session.turnCount} turns`))))
        : null)));
}

export function conversationsView() {
  const list = el("div", { class: "list", id: "conversation-list" });
  const element = el("div", { class: "page" },
    el("h1", {}, "Conversations"),
    el("p", { class: "lead" }, "Every conversation, newest first, whoever answers it: a paired agent or the built-in one."),
    list);
  async function refresh() {
    list.replaceChildren(...conversationList(await api.conversations(), "No conversations yet. Text Tapback from the phone simulator."));
  }
  return { title: "Conversations", element, refresh };
}

export function conversationView(conversationId, sessionId) {
  const heading = el("h1", {}, "Conversation");
  const summary = el("p", { class: "lead" });
  const sessionNav = el("nav", { class: "session-nav", "aria-label": "Sessions of this conversation" });
  const log = el("div", { class: "history", id: "history", role: "log", "aria-live": "polite", "aria-label": "History", tabindex: "0" });
  const reply = replyForm(conversationId, async () => {
    await refresh();
    log.scrollTop = log.scrollHeight;
  });
  const banner = pauseBanner(conversationId, async () => {
    await refresh();
  });
  const element = el("div", { class: "page" },
    el("p", { class: "crumbs" }, el("a", { href: "#/conversations" }, "Conversations"), " ›"),
    heading, summary, banner.element, sessionNav, log, reply);

  async function refresh() {
    const history = await api.history(conversationId, sessionId);
    const conversation = history.conversation;
    banner.show(conversation.pause);
    heading.textContent = conversation.displayName ?? (conversation.isGroup ? "Group chat" : conversation.handle);
    summary.textContent = `${conversation.transport} · ${conversation.messageCount} messages · started ${when(conversation.createdAt)}`
      + (history.truncated ? " · showing the newest 500" : "");
    sessionNav.replaceChildren(
      el("a", { href: conversationHref(conversationId), "aria-current": sessionId ? false : "page" }, "Whole history"),
      ...conversation.sessions.map((session, index) => el("a", {
        href: conversationHref(conversationId, session.id), "aria-current": session.id === sessionId ? "page" : false,
      }, `${index === 0 && !session.endedAt ? "Current session" : "Session"} ${when(session.startedAt)}`)));
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.replaceChildren(...(history.items.length === 0
      ? [el("p", { class: "empty" }, "Nothing here yet.")]
      : history.items.map(item)));
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  return { title: "Conversation", element, refresh };
}

// The operator's reply, sent by the gateway like an agent's (POST /api/admin/conversations/{id}/messages).
// One key per reply: a retry after a lost answer repeats it and sends nothing twice; editing the text
// makes it another reply with a new key.
function replyForm(conversationId, sent) {
  let key = null;
  const text = el("textarea", { id: "reply-text", name: "body", rows: "2", required: true, "data-field": "body",
    "aria-describedby": "reply-hint", placeholder: "Write a reply…" });
  const send = el("button", { type: "submit", class: "primary" }, "Send");
  const form = el("form", { class: "reply", id: "reply-form", "aria-label": "Reply", novalidate: true },
    el("div", { class: "field" },
      el("label", { for: text.id }, "Reply as the operator"),
      el("div", { class: "reply-row" }, text, send),
      el("p", { id: "reply-hint", class: "hint" }, "The phone gets it from this conversation's number, like the agent's answers. Ctrl+Enter sends.")),
    el("p", { class: "error", role: "alert", hidden: true }));
  text.addEventListener("input", () => {
    key = null;
  });
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!text.value.trim()) {
      showErrors(form, { message: "Write the reply first.", errors: { body: ["Write the reply first."] } });
      return;
    }
    key ??= newKey();
    send.disabled = true;
    try {
      await api.reply(conversationId, text.value, key);
      text.value = "";
      key = null;
      await sent();
    } catch (error) {
      showErrors(form, error);
    } finally {
      send.disabled = false;
    }
  });
  return form;
}

function item(entry) {
  switch (entry.kind) {
    case "message": return message(entry);
    case "summary": return el("div", { class: "note summary", "data-kind": "summary" },
      el("strong", {}, "Summary of what came before"), el("p", {}, entry.text));
    case "error": return el("div", { class: "note error-note", "data-kind": "error" }, el("strong", {}, "Agent error "), entry.text);
    case "pause": case "resume": return el("div", { class: `note ${entry.kind}-note`, "data-kind": entry.kind }, entry.text);
    case "session": return el("div", { class: "divider", "data-kind": "session" }, el("span", {}, `${entry.text} · ${when(entry.at)}`));
    default: return el("div", { class: "note" }, entry.text ?? entry.kind);
  }
}

function message(entry) {
  const out = entry.direction === "out";
  const reactions = entry.reactions ?? [];
  return el("div", { class: `row ${out ? "out" : "in"}`, "data-message-id": entry.id },
    el("div", { class: "bubble-wrap" },
      out || entry.unsentAt ? null : el("span", { class: "sender" }, entry.sender),
      entry.unsentAt
        ? el("p", { class: "unsent", "data-unsent": "true" }, `${out ? "You" : entry.sender} unsent a message`)
        : el("div", { class: "bubble" },
          entry.text ? el("p", { class: "text" }, entry.text) : null,
          ...(entry.attachments ?? []).map(attachment),
          ...(entry.approvals ?? []).map(approval)),
      entry.editedAt && !entry.unsentAt ? edited(entry) : null,
      reactions.length > 0
        ? el("ul", { class: "tapbacks", "aria-label": "Tapbacks" }, reactions.map((reaction) =>
          el("li", { "data-reaction": reaction.reaction, title: `${reaction.reaction} from ${reaction.sender}` },
            el("span", { "aria-hidden": "true" }, reactionEmoji[reaction.reaction] ?? reaction.reaction),
            el("span", { class: "visually-hidden" }, `${reaction.reaction} from ${reaction.sender}`))))
        : null,
      el("span", { class: "meta" }, `${clock(entry.at)}${out ? ` · ${entry.state}` : ""}${entry.service === "SMS" ? " · SMS" : ""}${entry.effect ? ` · sent with ${entry.effect.replace("_", " ")}` : ""}`)));
}

// "Edited", as Messages shows it; the earlier texts open beneath it, oldest first.
function edited(entry) {
  const earlier = entry.edits ?? [];
  return el("details", { class: "edited", "data-edited": "true" },
    el("summary", { title: `Edited ${when(entry.editedAt)}` }, "Edited"),
    earlier.length > 0
      ? el("ol", { "aria-label": "Earlier versions" }, earlier.map((text) => el("li", {}, text)))
      : null);
}

function attachment(file) {
  const label = `${file.fileName} (${file.contentType}, ${Math.max(1, Math.round(file.sizeBytes / 1024))} KB)`;
  const media = file.contentType.startsWith("image/")
    ? el("img", { src: file.url, alt: file.fileName, loading: "lazy" })
    : file.contentType.startsWith("audio/")
      ? el("audio", { src: file.url, controls: true, preload: "none", "aria-label": file.fileName })
      : null;
  return el("div", { class: "attachment" },
    media,
    el("a", { href: file.url, download: file.fileName }, label),
    file.transcript ? el("p", { class: "transcript" }, el("strong", {}, "Transcript: "), file.transcript) : null);
}

function approval(entry) {
  return el("div", { class: `approval approval-${entry.state}` },
    el("strong", {}, "Tool call "), el("code", {}, `${entry.toolName}(${entry.arguments})`),
    el("span", { class: "muted" }, ` — ${entry.state}${entry.decidedBy ? ` by ${entry.decidedBy}` : ""}`));
}
