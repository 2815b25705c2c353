// The bubble menu: opened on a bubble by long-press, right-click or Enter. On an agent bubble, the
// six tapbacks in a row (choosing the one already given removes it) and Reply; on the phone's own,
// Reply, Edit and Undo Send, as Messages offers them (not on an SMS, which cannot be changed).

const longPressMs = 450;

export class TapbackPicker {
  /**
   * @param {HTMLElement} picker the role="dialog" element holding one button per reaction
   * @param {HTMLElement} log the conversation, where agent bubbles live
   * @param {(messageId: string) => string | null} current the phone's reaction to a message
   * @param {(messageId: string, reaction: string, remove: boolean) => void} choose
   * @param {(messageId: string, action: "reply" | "edit" | "unsend") => void} act
   */
  constructor(picker, log, current, choose, act) {
    this.picker = picker;
    this.log = log;
    this.current = current;
    this.choose = choose;
    this.act = act;
    this.reactions = picker.querySelector(".picker-options");
    this.buttons = [];
    this.bubble = null;
    this.listen();
  }

  listen() {
    const agentBubble = (target) => target.closest?.(".row:not(.unsent) > .bubble:not(.typing-bubble)");
    this.log.addEventListener("contextmenu", (e) => {
      const bubble = agentBubble(e.target);
      if (bubble) {
        e.preventDefault();
        this.open(bubble);
      }
    });
    this.log.addEventListener("keydown", (e) => {
      const bubble = agentBubble(e.target);
      if (bubble && e.target === bubble && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        this.open(bubble);
      }
    });

    let timer = 0;
    let origin = null;
    const cancel = () => {
      clearTimeout(timer);
      origin = null;
    };
    this.log.addEventListener("pointerdown", (e) => {
      const bubble = agentBubble(e.target);
      if (!bubble || e.button !== 0) {
        return;
      }
      origin = { x: e.clientX, y: e.clientY };
      timer = setTimeout(() => {
        origin = null;
        this.open(bubble);
      }, longPressMs);
    });
    this.log.addEventListener("pointermove", (e) => {
      if (origin && Math.hypot(e.clientX - origin.x, e.clientY - origin.y) > 10) {
        cancel();
      }
    });
    for (const type of ["pointerup", "pointercancel", "pointerleave", "scroll"]) {
      this.log.addEventListener(type, cancel);
    }

    this.picker.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-reaction]");
      if (button && this.bubble) {
        const messageId = this.bubble.closest(".row").dataset.messageId;
        const reaction = button.dataset.reaction;
        this.close();
        this.choose(messageId, reaction, this.current(messageId) === reaction);
        return;
      }
      const action = e.target.closest("button[data-action]");
      if (action && this.bubble) {
        const messageId = this.bubble.closest(".row").dataset.messageId;
        this.close(false);
        this.act(messageId, action.dataset.action);
      }
    });
    this.picker.addEventListener("keydown", (e) => {
      const index = this.buttons.indexOf(document.activeElement);
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        const step = e.key === "ArrowRight" ? 1 : -1;
        this.buttons[(index + step + this.buttons.length) % this.buttons.length].focus();
      } else if (e.key === "Tab") {
        // Keep focus inside the small dialog until a reaction is chosen or it is dismissed.
        e.preventDefault();
        const step = e.shiftKey ? -1 : 1;
        this.buttons[(index + step + this.buttons.length) % this.buttons.length].focus();
      }
    });
    document.addEventListener("pointerdown", (e) => {
      if (!this.picker.hidden && !this.picker.contains(e.target)) {
        this.close(false);
      }
    });
  }

  open(bubble) {
    const row = bubble.closest(".row");
    const messageId = row.dataset.messageId;
    const own = row.classList.contains("me");
    const sms = row.classList.contains("sms");
    this.reactions.hidden = own;
    for (const button of this.picker.querySelectorAll("button[data-action]")) {
      const action = button.dataset.action;
      button.hidden = action === "reply" ? sms : !own || sms || (action === "edit" && !row.querySelector(".text"));
    }
    if (own && [...this.picker.querySelectorAll("button[data-action]")].every((button) => button.hidden)) {
      return; // the phone's own SMS: nothing Messages offers on it here
    }
    const mine = this.current(messageId);
    for (const button of this.picker.querySelectorAll("button[data-reaction]")) {
      button.setAttribute("aria-pressed", String(button.dataset.reaction === mine));
    }
    this.bubble?.classList.remove("selected");
    this.bubble = bubble;
    bubble.classList.add("selected");
    this.picker.hidden = false;
    this.buttons = [...this.picker.querySelectorAll("button")].filter((b) => !b.hidden && !b.closest("[hidden]"));

    // Above the bubble, or below it when the bubble is near the top of the screen.
    const screen = this.picker.offsetParent.getBoundingClientRect();
    const box = bubble.getBoundingClientRect();
    const width = this.picker.offsetWidth;
    const height = this.picker.offsetHeight;
    let top = box.top - screen.top - height - 8;
    if (box.top - height - 8 < this.log.getBoundingClientRect().top) {
      top = box.bottom - screen.top + 8;
    }
    const left = Math.min(Math.max(box.left - screen.left, 8), screen.width - width - 8);
    this.picker.style.top = `${top}px`;
    this.picker.style.left = `${left}px`;
    (this.buttons.find((b) => b.dataset.reaction === mine) ?? this.buttons[0])?.focus();
  }

  close(restoreFocus = true) {
    if (this.picker.hidden) {
      return;
    }
    this.picker.hidden = true;
    const bubble = this.bubble;
    this.bubble = null;
    bubble?.classList.remove("selected");
    if (restoreFocus && bubble?.isConnected) {
      bubble.focus();
    }
  }
}
