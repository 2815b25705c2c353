// Turns the conversation's event list into iMessage bubbles. Every event is applied once by id,
// so the stream's replay after a reconnect never duplicates a bubble.

import { bubbleEffectClass, effects, play } from "./effects.js";
import { formatStamp, formatTime } from "./time.js";

export const reactions = {
  love: { glyph: "❤️", label: "Loved" },
  like: { glyph: "👍", label: "Liked" },
  dislike: { glyph: "👎", label: "Disliked" },
  laugh: { glyph: "😂", label: "Laughed at" },
  emphasize: { glyph: "‼️", label: "Emphasized" },
  question: { glyph: "❓", label: "Questioned" },
};

const runGapMs = 60_000; // bubbles closer than this read as one run, tail on the last
const stampGapMs = 15 * 60_000; // a pause this long gets a timestamp, as in Messages

export class Conversation {
  /**
   * @param {HTMLElement} log the role="log" element; @param {HTMLElement} typing its indicator;
   * @param {HTMLElement} screen where screen effects play
   */
  constructor(log, typing, screen) {
    this.log = log;
    this.typing = typing;
    this.screen = screen;
    this.status = document.createElement("p");
    this.status.className = "status";
    this.reset();
  }

  reset() {
    this.seen = new Set();
    // Effects play only for what arrives while the page is open, not for the history it loads.
    this.live = false;
    this.messages = new Map(); // messageId → { id, fromMe, at, row, bubble, text, history, service, unsent }
    this.order = [];
    this.myReactions = new Map(); // messageId → reaction the phone gave
    this.theirReactions = new Map(); // messageId → reaction the agent gave
    this.reads = new Map(); // messageId → Date
    for (const row of this.log.querySelectorAll(".row, .stamp")) {
      row.remove();
    }
    this.status.remove();
    this.typing.hidden = true;
  }

  myReaction(messageId) {
    return this.myReactions.get(messageId) ?? null;
  }

  /** A message as the page shows it now, or undefined. */
  message(messageId) {
    return this.messages.get(messageId);
  }

  apply(event) {
    if (event == null || this.seen.has(event.id)) {
      return;
    }
    this.seen.add(event.id);
    const stick = this.nearBottom();
    switch (event.type) {
      case "message.sent":
      case "message.received":
        this.addMessage(event);
        if (!event.fromMe) {
          this.typing.hidden = true;
        }
        if (this.live && event.effect) {
          this.playEffect(event.messageId);
        }
        break;
      case "message.edited":
        this.editMessage(event);
        break;
      case "message.unsent":
        this.unsendMessage(event);
        break;
      case "read":
        this.reads.set(event.messageId, new Date(event.at));
        break;
      case "typing.started":
        this.typing.hidden = false;
        break;
      case "typing.stopped":
        this.typing.hidden = true;
        break;
      case "reaction": {
        const map = event.fromMe ? this.myReactions : this.theirReactions;
        if (event.removed) {
          map.delete(event.messageId);
        } else {
          map.set(event.messageId, event.reaction);
        }
        this.renderTapbacks(event.messageId);
        break;
      }
      default:
        return;
    }
    this.refresh();
    if (stick || event.fromMe) {
      this.log.scrollTop = this.log.scrollHeight;
    }
  }

  nearBottom() {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
  }

  addMessage(event) {
    if (this.messages.has(event.messageId)) {
      return;
    }
    const at = new Date(event.at);
    const previous = this.messages.get(this.order.at(-1));
    if (!previous || at - previous.at > stampGapMs) {
      const stamp = document.createElement("p");
      stamp.className = "stamp";
      stamp.innerHTML = formatStamp(at);
      this.log.insertBefore(stamp, this.typing);
    }

    const row = document.createElement("div");
    row.className = `row ${event.fromMe ? "me" : "them"}`;
    row.dataset.messageId = event.messageId;
    if (event.service === "SMS") {
      row.classList.add("sms"); // a text message: a green bubble, as Messages draws SMS
    }
    if (event.replyTo) {
      row.append(this.quote(event.replyTo));
    }
    const effectClass = bubbleEffectClass(event.effect);
    if (effectClass) {
      row.classList.add(effectClass);
      row.dataset.effect = event.effect;
    } else if (effects[event.effect]) {
      row.dataset.effect = event.effect;
    }
    // As in Messages, each file is a bubble of its own and a caption is a text bubble below them:
    // one message, several bubbles in one row, the tail and the tapbacks on the last.
    const bubbles = [];
    for (const attachment of event.attachments ?? []) {
      bubbles.push(this.attachmentBubble(event, attachment));
    }
    if (event.text || bubbles.length === 0) {
      const bubble = this.newBubble(event);
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = event.text ?? "";
      bubble.append(text);
      bubbles.push(bubble);
    }
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = event.fromMe ? "You: " : "Tapback: ";
    bubbles[0].prepend(who);
    const bubble = bubbles.at(-1);
    const tapbacks = document.createElement("span");
    tapbacks.className = "tapbacks";
    bubble.append(tapbacks);
    row.append(...bubbles);
    if (effects[event.effect]) {
      row.append(this.replayButton(event));
    }
    this.log.insertBefore(row, this.typing);
    this.messages.set(event.messageId, {
      id: event.messageId, fromMe: event.fromMe, at, row, bubble,
      text: event.text ?? "", history: [], service: event.service ?? null, unsent: false,
    });
    this.order.push(event.messageId);
    this.renderTapbacks(event.messageId);
  }

  newBubble(event) {
    const bubble = document.createElement("div");
    bubble.className = `bubble ${event.fromMe ? "me" : "them"}`;
    // Every bubble opens the menu (long-press, right-click, Enter): a tapback or Reply on the
    // agent's; Reply, Edit or Undo Send on the phone's own.
    bubble.tabIndex = 0;
    bubble.setAttribute("aria-haspopup", "dialog");
    bubble.setAttribute("aria-description", event.fromMe
      ? "Press Enter to reply, edit or undo send"
      : "Press Enter to react with a tapback or reply");
    return bubble;
  }

  /** The quoted original above an inline reply, joined to it by the thread line. */
  quote(replyTo) {
    const quote = document.createElement("div");
    const original = this.messages.get(replyTo);
    quote.className = `quote ${original?.fromMe ? "of-me" : "of-them"}`;
    quote.dataset.replyTo = replyTo;
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = "In reply to: ";
    const text = document.createElement("span");
    text.className = "quote-text";
    text.textContent = this.quotedText(original);
    quote.append(who, text);
    return quote;
  }

  quotedText(original) {
    if (!original) {
      return "A message";
    }
    if (original.unsent) {
      return "Unsent message";
    }
    return original.text || "Attachment";
  }

  /** Keeps the quotes of replies to a message in step with its edits and unsend. */
  refreshQuotes(messageId) {
    for (const quote of this.log.querySelectorAll(".quote")) {
      if (quote.dataset.replyTo === messageId) {
        quote.querySelector(".quote-text").textContent = this.quotedText(this.messages.get(messageId));
      }
    }
  }

  replayButton(event) {
    const replay = document.createElement("button");
    replay.type = "button";
    replay.className = "fx-replay";
    replay.textContent = `Sent with ${effects[event.effect].label} · Replay`;
    replay.addEventListener("click", () => this.playEffect(event.messageId));
    return replay;
  }

  playEffect(messageId) {
    const message = this.messages.get(messageId);
    if (message && !message.unsent && message.row.dataset.effect) {
      play(message.row.dataset.effect, { screen: this.screen, row: message.row, text: message.text });
    }
  }

  /** An edit replaces the words; "Edited" under the bubble opens the earlier versions, as in Messages. */
  editMessage(event) {
    const message = this.messages.get(event.messageId);
    if (!message || message.unsent) {
      return;
    }
    const text = message.bubble.querySelector(".text");
    if (!text) {
      return;
    }
    message.history.push(message.text);
    message.text = event.text ?? "";
    text.textContent = message.text;
    let label = message.row.querySelector(".edited");
    if (!label) {
      label = document.createElement("button");
      label.type = "button";
      label.className = "edited";
      label.textContent = "Edited";
      label.setAttribute("aria-expanded", "false");
      label.addEventListener("click", () => this.toggleHistory(message));
      message.bubble.after(label);
    }
    if (label.getAttribute("aria-expanded") === "true") {
      this.toggleHistory(message);
      this.toggleHistory(message);
    }
    this.refreshQuotes(event.messageId);
  }

  toggleHistory(message) {
    const label = message.row.querySelector(".edited");
    const open = message.row.querySelector(".edit-history");
    if (open) {
      open.remove();
      label.setAttribute("aria-expanded", "false");
      return;
    }
    const list = document.createElement("ol");
    list.className = "edit-history";
    list.setAttribute("aria-label", "Earlier versions");
    for (const earlier of message.history) {
      const item = document.createElement("li");
      item.className = `earlier ${message.fromMe ? "me" : "them"}`;
      item.textContent = earlier;
      list.append(item);
    }
    message.bubble.before(list);
    label.setAttribute("aria-expanded", "true");
  }

  /** An unsent message leaves only a line saying so where it was. */
  unsendMessage(event) {
    const message = this.messages.get(event.messageId);
    if (!message || message.unsent) {
      return;
    }
    message.unsent = true;
    message.text = "";
    message.history = [];
    const notice = document.createElement("p");
    notice.className = "unsent-notice";
    notice.textContent = `${message.fromMe ? "You" : "Tapback"} unsent a message`;
    message.row.replaceChildren(notice);
    message.row.classList.add("unsent");
    this.refreshQuotes(event.messageId);
  }

  attachmentBubble(event, attachment) {
    const bubble = this.newBubble(event);
    if (attachment.contentType?.startsWith("image/")) {
      const image = document.createElement("img");
      image.src = attachment.url;
      image.alt = attachment.fileName ? `Image ${attachment.fileName}` : "Image";
      image.loading = "lazy";
      image.addEventListener("load", () => {
        if (this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80 + image.height) {
          this.log.scrollTop = this.log.scrollHeight;
        }
      }, { once: true });
      bubble.append(image);
      bubble.classList.add("has-media");
    } else {
      const link = document.createElement("a");
      link.href = attachment.url;
      link.textContent = attachment.fileName || "Attachment";
      link.target = "_blank";
      link.rel = "noopener";
      bubble.append(link);
    }
    return bubble;
  }

  renderTapbacks(messageId) {
    const message = this.messages.get(messageId);
    if (!message) {
      return; // a reaction to a message this page has not seen yet is drawn when it arrives
    }
    const holder = message.bubble.querySelector(".tapbacks");
    holder.replaceChildren();
    for (const [side, map] of [["them", this.theirReactions], ["me", this.myReactions]]) {
      const reaction = reactions[map.get(messageId)];
      if (!reaction) {
        continue;
      }
      const badge = document.createElement("span");
      badge.className = `tapback from-${side}`;
      badge.dataset.reaction = map.get(messageId);
      badge.setAttribute("role", "img");
      badge.setAttribute("aria-label", `${side === "me" ? "You" : "Tapback"} ${reaction.label.toLowerCase()} this`);
      badge.textContent = reaction.glyph;
      holder.append(badge);
    }
    message.row.classList.toggle("reacted", holder.childElementCount > 0);
  }

  /** Grouping and the tail depend on neighbours, so they are recomputed after every change. */
  refresh() {
    const list = this.order.map((id) => this.messages.get(id));
    list.forEach((message, i) => {
      const prev = list[i - 1];
      const next = list[i + 1];
      const joinsPrev = prev && prev.fromMe === message.fromMe && message.at - prev.at < runGapMs;
      const joinsNext = next && next.fromMe === message.fromMe && next.at - message.at < runGapMs;
      message.row.classList.toggle("first", !joinsPrev);
      message.row.classList.toggle("last", !joinsNext);
      message.bubble.classList.toggle("tail", !joinsNext);
    });

    const mine = list.filter((m) => m.fromMe && !m.unsent).at(-1);
    if (!mine) {
      this.status.remove();
      return;
    }
    const read = this.reads.get(mine.id);
    const status = read ? `<strong>Read</strong> ${formatTime(read)}` : "Delivered";
    if (this.status.innerHTML !== status) {
      this.status.innerHTML = status; // only on change, so the live region does not repeat it
    }
    if (this.status.parentElement !== mine.row) {
      mine.row.append(this.status);
    }
  }
}
