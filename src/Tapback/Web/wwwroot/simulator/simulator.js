// The phone simulator: a Messages-like page that texts the gateway as the phone number in the
// "Texting from" field, and shows what that phone sees, live.

import {
  ApiError, editMessage, loadEvents, loadPhone, newEventId, openStream, savePhone, sendMessage, sendReaction, sendTyping, unsendMessage,
} from "./api.js";
import { Conversation } from "./conversation.js";
import { effects } from "./effects.js";
import { TapbackPicker } from "./tapback.js";

const defaultNumber = "+15551234567";
const storageKey = "tapback.simulator.from";

const $ = (id) => document.getElementById(id);
const fromField = $("from");
const log = $("conversation");
const text = $("text");
const send = $("send");
const attach = $("attach");
const preview = $("preview");
const previewImage = $("preview-image");
const banner = $("banner");
const bannerText = $("banner-text");

const screen = $("screen");
const smsOnly = $("sms-only");
const context = $("context");
const contextText = $("context-text");
const effectButton = $("effect-button");
const effectMenu = $("effects");
const effectChip = $("effect-chip");

const conversation = new Conversation(log, $("typing"), screen);
let from = "";
let mode = null; // { kind: "reply" | "edit", messageId } while the composer replies or edits
let effect = null; // the effect the next message is sent with
let typingOn = false;
let typingSent = Promise.resolve(); // the phone's typing reports, in order, before its message
let loaded = false;
let closeStream = () => {};
let generation = 0;
let pending = null; // { fileName, contentType, base64, url } chosen but not sent yet

function showError(error) {
  bannerText.textContent = error instanceof ApiError ? error.message : "Something went wrong. Try again.";
  banner.hidden = false;
  if (!(error instanceof ApiError)) {
    console.error(error);
  }
}

function hideError() {
  banner.hidden = true;
  bannerText.textContent = "";
}

function storedNumber() {
  try {
    return localStorage.getItem(storageKey) || defaultNumber;
  } catch {
    return defaultNumber; // storage disabled: still usable, just not remembered
  }
}

function remember(number) {
  try {
    localStorage.setItem(storageKey, number);
  } catch {
    // Not remembered across reloads; nothing else depends on it.
  }
}

/** Shows the conversation of this phone: its history, then its live events. */
async function switchTo(number) {
  number = number.trim();
  if (number === from && loaded) {
    return;
  }
  from = number;
  loaded = false;
  const mine = ++generation;
  closeStream();
  closeStream = () => {};
  conversation.reset();
  setMode(null);
  typingOn = false;
  hideError();
  if (!number) {
    showError(new ApiError("Enter the phone number this simulated iPhone texts from.", 400));
    return;
  }
  remember(number);
  try {
    const [events, phone] = await Promise.all([loadEvents(number), loadPhone(number)]);
    if (mine !== generation) {
      return;
    }
    showService(phone?.imessage !== false);
    for (const event of events ?? []) {
      conversation.apply(event);
    }
    conversation.live = true;
    loaded = true;
  } catch (error) {
    if (mine === generation) {
      showError(error);
    }
    return;
  }
  let lost = false;
  closeStream = openStream(number, {
    onEvent: (event) => conversation.apply(event),
    onOpen: () => {
      if (lost) {
        lost = false;
        hideError();
      }
    },
    onLost: (closed) => {
      lost = true;
      showError(new ApiError(closed
        ? "Live updates stopped. Reload the page to reconnect."
        : "Lost the connection to Tapback. Reconnecting…", 0));
    },
  });
}

function updateSendButton() {
  send.disabled = text.value.trim() === "" && pending === null;
}

function growField() {
  text.style.height = "auto";
  text.style.height = `${Math.min(text.scrollHeight, 120)}px`;
}

function clearAttachment() {
  if (pending) {
    URL.revokeObjectURL(pending.url);
  }
  pending = null;
  preview.hidden = true;
  previewImage.removeAttribute("src");
  attach.value = "";
  updateSendButton();
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new ApiError(`Could not read ${file.name}.`, 0));
    reader.readAsDataURL(file);
  });
}

/** An SMS-only phone writes green text messages, with no effects; the checkbox says which it is. */
function showService(imessage) {
  smsOnly.checked = !imessage;
  screen.classList.toggle("sms", !imessage);
  text.placeholder = imessage ? "iMessage" : "Text Message";
  effectButton.hidden = !imessage;
  if (!imessage) {
    setEffect(null);
  }
}

/** The composer replies to or edits a message (with a line saying so above the field), or neither. */
function setMode(next) {
  if (mode?.kind === "edit" && next?.kind !== "edit") {
    text.value = "";
    growField();
  }
  mode = next;
  context.hidden = !next;
  if (!next) {
    contextText.textContent = "";
  } else if (next.kind === "reply") {
    const original = conversation.message(next.messageId);
    contextText.textContent = `Replying to “${original?.text || "a message"}”`;
  } else {
    contextText.textContent = "Editing";
    text.value = conversation.message(next.messageId)?.text ?? "";
    growField();
  }
  updateSendButton();
}

function setEffect(next) {
  effect = next;
  effectChip.hidden = !next;
  $("effect-chip-text").textContent = next ? `Sending with ${effects[next].label}` : "";
}

/** Tells the agent the phone is typing while its field has words, and stopped when it has none. */
function reportTyping() {
  const now = text.value.trim() !== "" && mode?.kind !== "edit" && !smsOnly.checked;
  if (now === typingOn || !from) {
    return;
  }
  typingOn = now;
  const number = from;
  typingSent = typingSent.then(() => sendTyping(number, now)).catch(() => {
    // Only the agent's view of the indicator is lost; the message itself still goes.
  });
}

async function submit() {
  const body = text.value.trim();
  if ((body === "" && pending === null) || send.dataset.busy) {
    return;
  }
  send.dataset.busy = "true";
  send.disabled = true;
  try {
    if (mode?.kind === "edit") {
      await editMessage(mode.messageId, body);
      hideError();
      setMode(null);
      return;
    }
    const attachments = pending
      ? [{ fileName: pending.fileName, contentType: pending.contentType, base64: pending.base64 }]
      : undefined;
    // The typing report goes first, so the message (which clears it) is the last word.
    await typingSent;
    await sendMessage({ from, text: body, eventId: newEventId(), attachments, replyTo: mode?.messageId, effect });
    typingOn = false;
    hideError();
    text.value = "";
    growField();
    clearAttachment();
    setMode(null);
    setEffect(null);
  } catch (error) {
    showError(error);
  } finally {
    delete send.dataset.busy;
    updateSendButton();
    text.focus();
  }
}

fromField.value = storedNumber();
$("from-form").addEventListener("submit", (e) => {
  e.preventDefault();
  switchTo(fromField.value);
  text.focus();
});
fromField.addEventListener("change", () => switchTo(fromField.value));

$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  submit();
});
text.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    submit();
  }
});
text.addEventListener("input", () => {
  growField();
  updateSendButton();
  reportTyping();
});
text.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && mode) {
    setMode(null);
  }
});
$("context-close").addEventListener("click", () => {
  setMode(null);
  text.focus();
});
$("effect-chip-close").addEventListener("click", () => {
  setEffect(null);
  text.focus();
});

smsOnly.addEventListener("change", async () => {
  const imessage = !smsOnly.checked;
  try {
    const phone = await savePhone(from, imessage);
    showService(phone?.imessage !== false);
    hideError();
  } catch (error) {
    smsOnly.checked = !smsOnly.checked;
    showError(error);
  }
});

function closeEffects(restoreFocus) {
  effectMenu.hidden = true;
  effectButton.setAttribute("aria-expanded", "false");
  if (restoreFocus) {
    effectButton.focus();
  }
}
effectButton.addEventListener("click", () => {
  if (!effectMenu.hidden) {
    closeEffects(true);
    return;
  }
  effectMenu.hidden = false;
  effectButton.setAttribute("aria-expanded", "true");
  effectMenu.querySelector("button").focus();
});
effectMenu.addEventListener("click", (e) => {
  const choice = e.target.closest("button[data-effect]");
  if (choice) {
    setEffect(choice.dataset.effect);
    closeEffects(false);
    text.focus();
  }
});
effectMenu.addEventListener("keydown", (e) => {
  if (e.key === "Escape") {
    e.preventDefault();
    closeEffects(true);
  }
});
document.addEventListener("pointerdown", (e) => {
  if (!effectMenu.hidden && !effectMenu.contains(e.target) && !effectButton.contains(e.target)) {
    closeEffects(false);
  }
});
// Invisible ink: the words show while the bubble is tapped open.
log.addEventListener("click", (e) => {
  const row = e.target.closest?.(".row.fx-invisible-ink");
  if (row && e.target.closest(".bubble")) {
    row.classList.toggle("revealed");
  }
});

attach.addEventListener("change", async () => {
  const file = attach.files?.[0];
  if (!file) {
    return;
  }
  if (!file.type.startsWith("image/")) {
    showError(new ApiError(`${file.name} is not an image.`, 0));
    attach.value = "";
    return;
  }
  try {
    const base64 = await readBase64(file);
    clearAttachment();
    pending = { fileName: file.name, contentType: file.type, base64, url: URL.createObjectURL(file) };
    previewImage.src = pending.url;
    preview.hidden = false;
    updateSendButton();
    text.focus();
  } catch (error) {
    showError(error);
  }
});
$("preview-remove").addEventListener("click", () => {
  clearAttachment();
  text.focus();
});
$("banner-close").addEventListener("click", hideError);

new TapbackPicker($("picker"), log, (messageId) => conversation.myReaction(messageId), async (messageId, reaction, remove) => {
  try {
    await sendReaction({ from, messageId, reaction, remove });
    hideError();
  } catch (error) {
    showError(error);
  }
}, async (messageId, action) => {
  if (action === "unsend") {
    try {
      await unsendMessage(messageId);
      hideError();
    } catch (error) {
      showError(error);
    }
    return;
  }
  setMode({ kind: action, messageId });
  text.focus();
});

const clock = $("clock");
const tick = () => {
  clock.textContent = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }).replace(/\s?[AP]M$/i, "");
};
tick();
setInterval(tick, 15_000);

switchTo(fromField.value);
