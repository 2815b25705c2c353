// Turns the conversation's event list into iMessage bubbles. Every event is applied once by id,
// so the stream's replay after a reconnect never duplicates a bubble.

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
  /** @param {HTMLElement} log the role="log" element; @param {HTMLElement} typing its indicator */
  constructor(log, typing) {
    this.log = log;
    this.typing = typing;
    this.status = document.createElement("p");
    this.status.className = "status";
    this.reset();
  }

  reset() {
    this.seen = new Set();
    this.messages = new Map(); // messageId → { id, fromMe, at, row, bubble }
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
    this.log.insertBefore(row, this.typing);
    this.messages.set(event.messageId, { id: event.messageId, fromMe: event.fromMe, at, row, bubble });
    this.order.push(event.messageId);
    this.renderTapbacks(event.messageId);
  }

  newBubble(event) {
    const bubble = document.createElement("div");
    bubble.className = `bubble ${event.fromMe ? "me" : "them"}`;
    if (!event.fromMe) {
      // Agent bubbles take a tapback: focusable, Enter opens the picker.
      bubble.tabIndex = 0;
      bubble.setAttribute("aria-haspopup", "dialog");
      bubble.setAttribute("aria-description", "Press Enter to react with a tapback");
    }
    return bubble;
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

    const mine = list.filter((m) => m.fromMe).at(-1);
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
