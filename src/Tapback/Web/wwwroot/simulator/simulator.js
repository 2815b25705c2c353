// The phone simulator: a Messages-like page that texts the gateway as the phone number in the
// "Texting from" field, and shows what that phone sees, live.

import { ApiError, loadEvents, newEventId, openStream, sendMessage, sendReaction } from "./api.js";
import { Conversation } from "./conversation.js";
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

const conversation = new Conversation(log, $("typing"));
let from = "";
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
  hideError();
  if (!number) {
    showError(new ApiError("Enter the phone number this simulated iPhone texts from.", 400));
    return;
  }
  remember(number);
  try {
    const events = await loadEvents(number);
    if (mine !== generation) {
      return;
    }
    for (const event of events ?? []) {
      conversation.apply(event);
    }
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

async function submit() {
  const body = text.value.trim();
  if ((body === "" && pending === null) || send.dataset.busy) {
    return;
  }
  send.dataset.busy = "true";
  send.disabled = true;
  try {
    const attachments = pending
      ? [{ fileName: pending.fileName, contentType: pending.contentType, base64: pending.base64 }]
      : undefined;
    await sendMessage({ from, text: body, eventId: newEventId(), attachments });
    hideError();
    text.value = "";
    growField();
    clearAttachment();
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
});

const clock = $("clock");
const tick = () => {
  clock.textContent = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }).replace(/\s?[AP]M$/i, "");
};
tick();
setInterval(tick, 15_000);

switchTo(fromField.value);
