// Small helpers for building the pages without a framework. Text always goes in as text, never HTML.

/** Creates an element: el("a", { href: "#" }, "text", child). Attributes starting with "on" are listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

export const when = (iso) => (iso ? timeFormat.format(new Date(iso)) : "");
export const clock = (iso) => (iso ? clockFormat.format(new Date(iso)) : "");

/** A status badge; the word is always shown, the colour only repeats it. */
export function badge(status) {
  return el("span", { class: `badge status-${status}` }, status);
}

/** "00:30:00" ⇄ minutes, for the session timeout fields. */
export function minutesOf(timeSpan) {
  if (!timeSpan) return "";
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(timeSpan);
  if (!match) return "";
  const [, days = "0", hours, minutes] = match;
  return String(Number(days) * 1440 + Number(hours) * 60 + Number(minutes));
}

export function timeSpanOf(minutes) {
  const total = Number(minutes);
  if (!minutes || !Number.isFinite(total) || total <= 0) return null;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = Math.round(total % 60);
  const pad = (n) => String(n).padStart(2, "0");
  return `${days > 0 ? `${days}.` : ""}${pad(hours)}:${pad(rest)}:00`;
}

/** Shows field errors from a 400 problem next to their fields (by data-field), else in the form's alert. */
export function showErrors(form, error) {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const alert = form.querySelector("[role=alert]");
  let placed = false;
  for (const [field, messages] of Object.entries(error.errors ?? {})) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) continue;
    const message = el("p", { class: "field-error error", id: `${input.id}-error` }, messages.join(" "));
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${message.id}`.trim());
    input.closest(".field")?.append(message);
    placed = true;
  }
  if (alert) {
    alert.textContent = placed ? "Fix the fields marked below." : error.message;
    alert.hidden = false;
  }
}

export function clearErrors(form) {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const alert = form.querySelector("[role=alert]");
  if (alert) alert.hidden = true;
}

/**
 * A secret the server shows once (an integration token, an API key, a webhook signing secret): a
 * read-only field with a Copy button. Selecting the text is the fallback where the clipboard is refused.
 */
export function oneTimeSecret(id, label, value, hint) {
  const input = el("input", { id, readonly: true, value, "aria-describedby": `${id}-hint`, spellcheck: "false" });
  const copy = el("button", { type: "button", class: "quiet" }, "Copy");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(value);
      copy.textContent = "Copied";
    } catch {
      input.select();
    }
  });
  return el("div", { class: "field" }, el("label", { for: id }, label), el("div", { class: "inline" }, input, copy),
    el("p", { id: `${id}-hint`, class: "hint" }, hint));
}

/** Asks before something that cannot be undone; resolves true when the person confirms. */
export function confirmDanger(title, text, confirmLabel) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-ok").textContent = confirmLabel;
  dialog.returnValue = "";
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
  });
}

/** An idempotency key: random, and made without crypto.randomUUID, which plain-HTTP pages lack. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dash_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Reports an error in the page's banner. */
export function reportError(error) {
  window.dispatchEvent(new CustomEvent("dashboard-error", { detail: error }));
}

/** A button that asks before it does something that cannot be undone, then does it; a failure goes to the banner. */
export function dangerButton(label, accessibleName, question, act) {
  const button = el("button", { type: "button", class: "quiet", "aria-label": accessibleName }, label);
  button.addEventListener("click", async () => {
    if (!(await confirmDanger(question.title, question.text, label))) {
      button.focus();
      return;
    }
    try {
      await act();
    } catch (error) {
      reportError(error);
    }
  });
  return button;
}
