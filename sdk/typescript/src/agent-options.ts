import type { ReconnectOptions } from "./backoff.js";
import type { AgentEvent, AgentEventMap, AgentEventType } from "./events.js";

export interface AgentClientOptions {
  /** Tapback's base URL, e.g. `http://localhost:5000` (`https://` connects with `wss://`). */
  url: string | URL;
  /** The paired phone number (E.164), as given to `exchange`. */
  phone: string;
  /** The integration token from `exchange` (`tbk_…`) or an API key of the integration. */
  token: string;
  /** Backoff between reconnects (full jitter, doubling, capped). */
  reconnect?: ReconnectOptions;
  /** Stops the client when aborted, as `close()` does. */
  signal?: AbortSignal;
  /**
   * A connection with no frame and no ping from the gateway for this long is taken for dead and
   * opened again, in milliseconds. The gateway pings within 30 s of quiet. Default 90 000.
   */
  idleTimeoutMs?: number;
  /** A random source in [0, 1) for the backoff's jitter (tests). */
  random?: () => number;
  /** A `fetch` of your own for the upload PUT; default the global one. */
  fetch?: typeof fetch;
  /** The gateway's frame limit (`Tapback:Gateway:WebSocket:MaxFrameBytes`); a larger frame is refused before it is sent. Default 1 MiB. */
  maxFrameBytes?: number;
}

/** What a handler of one event type receives. */
export type EventHandler<K extends AgentEventType> = (data: AgentEventMap[K], event: Extract<AgentEvent, { type: K }>) => unknown;

/** A message to send; `text`, `attachments` or both. */
export interface OutgoingMessage {
  /** The chat (an event's `chatId`, or the paired phone number); omitted, the paired phone's one-to-one chat. */
  chatId?: string;
  text?: string;
  /** `attachmentId`s from `upload()`, attached to this message. */
  attachments?: string[];
  /** A message id of the same chat to answer inline (a thread reply). */
  replyTo?: string;
  /** A bubble or screen effect: `slam`, `loud`, `gentle`, `invisible_ink`, `confetti`, … */
  effect?: string;
  /** Send later (at most 14 days ahead). */
  sendAt?: Date | string;
  /**
   * The send's idempotency key; one is made when omitted. The same id again sends nothing new (the
   * gateway answers with the first send's outcome): the client repeats a send across reconnects under it.
   */
  clientMessageId?: string;
  /** Stops waiting for the outcome (the send itself may still go). */
  signal?: AbortSignal;
}

export interface UploadOptions {
  filename: string;
  contentType: string;
  signal?: AbortSignal;
}

/** A file uploaded for a later send: put `attachmentId` in `attachments`. */
export interface UploadedFile {
  attachmentId: string;
  /** A signed URL of the file, valid for a day. */
  downloadUrl: string;
}

/** Why the connection ended, for `disconnected` listeners. */
export interface Disconnected {
  code: number;
  reason: string;
}
