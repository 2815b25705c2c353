// The loop breaker on the dashboard: a paused conversation's badge in the lists, and on its page a
// banner with the evidence and the one click that resumes it (POST /api/admin/conversations/{id}/resume).

import { api } from "./api.js";
import { el, when } from "./dom.js";

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const kindText = (evidence) =>
  evidence.kind === "fast_replies" ? "fast replies" : evidence.echo ? "its own messages echoed back" : "the same reply again and again";

/** The list's mark of a paused conversation. */
export function pauseBadge(pause) {
  return el("span", { class: "badge status-paused", "data-paused": "true", title: pause.evidence.detail }, "paused: loop suspected");
}

/** The conversation page's banner: hidden until show() is given an open pause. */
export function pauseBanner(conversationId, resumed) {
  const title = el("strong", {}, "The agent is paused here: this looks like two programs talking.");
  const detail = el("p", { class: "pause-detail" });
  const evidence = el("p", { class: "pause-evidence" });
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const button = el("button", { type: "button", class: "primary", id: "pause-resume" }, "Resume");
  const element = el("section", { class: "pause-banner", id: "pause-banner", "aria-label": "Paused by the loop breaker", hidden: true },
    title, detail, evidence,
    el("p", { class: "hint" }, "Its sends are held and the built-in agent answers no one here until you resume; new messages are still stored."),
    el("div", { class: "actions" }, button), error);
  button.addEventListener("click", async () => {
    button.disabled = true;
    error.hidden = true;
    try {
      await api.resumeConversation(conversationId);
      await resumed();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  function show(pause) {
    element.hidden = !pause;
    if (!pause) return;
    const found = pause.evidence;
    detail.textContent = found.detail;
    const times = found.replyTimesMs ?? [];
    evidence.textContent = [
      `Paused ${when(pause.pausedAt)} for ${kindText(found)} over ${found.rounds} rounds.`,
      times.length > 0 ? `Reply times: ${times.map(seconds).join(", ")}.` : null,
      found.sample ? `Text: “${found.sample}”` : null,
    ].filter(Boolean).join(" ");
  }
  return { element, show };
}
