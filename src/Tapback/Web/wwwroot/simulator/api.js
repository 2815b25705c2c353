// The simulator's JSON API (see the contract in docs) and its server-sent event stream.

const base = "/api/simulator";

/** An API failure whose message is ready to show a person: problem+json detail, title, field errors. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

async function failure(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status line.
  }
  const fieldErrors = problem?.errors && typeof problem.errors === "object"
    ? Object.values(problem.errors).flat().filter((e) => typeof e === "string")
    : [];
  const headline = problem?.detail || problem?.title
    || `The server answered ${response.status} ${response.statusText}.`.replace(" .", ".");
  const parts = [headline, ...fieldErrors.filter((e) => !headline.includes(e))];
  return new ApiError(parts.join(" "), response.status);
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(base + path, {
      ...options,
      headers: { Accept: "application/json", ...(options.body ? { "Content-Type": "application/json" } : {}) },
    });
  } catch {
    throw new ApiError("Tapback is not reachable. Is the gateway running?", 0);
  }
  if (!response.ok) {
    throw await failure(response);
  }
  // A 202 may come with no body at all.
  const body = await response.text();
  return body && (response.headers.get("Content-Type") ?? "").includes("json") ? JSON.parse(body) : null;
}

function conversationPath(handle) {
  return `/conversations/${encodeURIComponent(handle)}`;
}

/** A fresh id per send, so a retried POST is recognised as the same message. */
export function newEventId() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  // randomUUID needs a secure context; a phone on the LAN opens the page over plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function sendMessage({ from, text, eventId, attachments, replyTo, effect }) {
  const body = { from, text, eventId };
  if (attachments?.length) {
    body.attachments = attachments;
  }
  if (replyTo) {
    body.replyTo = replyTo;
  }
  if (effect) {
    body.effect = effect;
  }
  return request("/messages", { method: "POST", body: JSON.stringify(body) });
}

/** Edits one of the phone's own messages (Apple's limits apply: the server answers 409 outside them). */
export function editMessage(messageId, text) {
  return request(`/messages/${encodeURIComponent(messageId)}/edit`, { method: "POST", body: JSON.stringify({ text }) });
}

export function unsendMessage(messageId) {
  return request(`/messages/${encodeURIComponent(messageId)}/unsend`, { method: "POST" });
}

/** Tells the agent the phone started or stopped typing. */
export function sendTyping(from, typing) {
  return request("/typing", { method: "POST", body: JSON.stringify({ from, typing }) });
}

export function loadPhone(handle) {
  return request(`/phones/${encodeURIComponent(handle)}`);
}

/** Puts the phone on iMessage, or (imessage false) makes it SMS-only. */
export function savePhone(handle, imessage) {
  return request(`/phones/${encodeURIComponent(handle)}`, { method: "PUT", body: JSON.stringify({ imessage }) });
}

export function sendReaction({ from, messageId, reaction, remove }) {
  return request("/reactions", {
    method: "POST",
    body: JSON.stringify({ from, messageId, reaction, remove: Boolean(remove) }),
  });
}

export function loadEvents(handle) {
  return request(`${conversationPath(handle)}/events`);
}

/**
 * Opens the live stream. The server replays every event first (EventSource cannot send
 * Last-Event-ID on its first request) and EventSource resumes from the last id by itself.
 */
export function openStream(handle, { onEvent, onLost, onOpen }) {
  const source = new EventSource(`${base}${conversationPath(handle)}/stream`);
  source.onmessage = (message) => {
    try {
      onEvent(JSON.parse(message.data));
    } catch (error) {
      console.error("Ignored an unreadable simulator event.", error);
    }
  };
  source.onopen = () => onOpen();
  source.onerror = () => onLost(source.readyState === EventSource.CLOSED);
  return () => source.close();
}
