import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { reconnectDelay } from "./backoff.js";
import { Dispatcher, type Link } from "./dispatcher.js";
import { SendFailedError, TapbackConnectionClosedError, TapbackError, TapbackFrameError } from "./errors.js";
import { EventStream } from "./event-stream.js";
import type { AgentEvent, AgentEventType, Connected, MessageSent, ReceivedMessage, UnknownAgentEvent } from "./events.js";
import { delay } from "./http.js";
import type { AgentClientOptions, Disconnected, EventHandler, OutgoingMessage, UploadedFile, UploadOptions } from "./agent-options.js";
import { frame, socketUrl, toEvent } from "./frames.js";
import { Outbox, type UploadTicket } from "./outbox.js";

interface Listeners {
  error: Set<(error: Error) => void>;
  connected: Set<(connected: Connected) => void>;
  disconnected: Set<(disconnected: Disconnected) => void>;
}

/** One WebSocket connection's lifetime. */
interface Connection extends Link {
  socket: WebSocket;
  dropped: boolean;
  connected: boolean;
}

const ReplacedOrRevoked = 4000;

/**
 * The agent WebSocket (docs/protocol.md): connects with the integration's credential, asks for acked
 * delivery, hands each event to your handlers (or `for await` loop) in order and acks it once they
 * finished, reconnects with jittered backoff after a drop, and repeats unfinished sends under their
 * `clientMessageId` so a reconnect neither loses nor doubles one.
 */
export class AgentClient {
  private readonly listeners: Listeners = { error: new Set(), connected: new Set(), disconnected: new Set() };
  private readonly dispatcher = new Dispatcher(this, (error) => this.emitError(error));
  private readonly outbox: Outbox;
  private readonly stopper = new AbortController();
  private connection: Connection | undefined;
  private starting: Promise<Connected> | undefined;
  private fatal: Error | undefined;
  private closing = false;
  private finished!: (error: Error | undefined) => void;

  /** Settles once the client stopped for good: with the error that ended it (a refused credential, `4000`), or undefined after `close()`. */
  readonly closed: Promise<Error | undefined>;

  constructor(private readonly options: AgentClientOptions) {
    if (!options.token) throw new TypeError("AgentClient needs options.token: the integration token from exchange() or an API key.");
    if (!options.phone) throw new TypeError("AgentClient needs options.phone: the paired phone number (E.164).");
    this.closed = new Promise((resolve) => (this.finished = resolve));
    this.outbox = new Outbox((frame) => this.write(frame), options.fetch ?? globalThis.fetch, options.maxFrameBytes ?? 1024 * 1024);
    options.signal?.addEventListener("abort", () => void this.close(), { once: true });
  }

  /** Calls `handler` for each event of `type`, in order; the event is acked once every handler finished. Returns an unsubscribe. */
  on<K extends AgentEventType>(type: K, handler: EventHandler<K>): () => void;
  /** Every event, the unknown ones included. */
  on(type: "event", handler: (event: AgentEvent | UnknownAgentEvent) => unknown): () => void;
  /** Refused frames not tied to a send (`error` frames), failed handlers, dropped connections. */
  on(type: "error", handler: (error: Error) => void): () => void;
  on(type: "connected", handler: (connected: Connected) => void): () => void;
  on(type: "disconnected", handler: (disconnected: Disconnected) => void): () => void;
  on(type: string, handler: (...args: never[]) => unknown): () => void {
    const set: Set<unknown> =
      type === "error" || type === "connected" || type === "disconnected"
        ? this.listeners[type]
        : type === "event"
          ? this.dispatcher.everyEvent
          : this.handlerSet(type);
    set.add(handler);
    if (type !== "error" && type !== "connected" && type !== "disconnected") this.dispatcher.wake();
    return () => void set.delete(handler);
  }

  /** Connects (and keeps reconnecting); resolves on the first `connected`. Register handlers first. */
  start(): Promise<Connected> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (!this.starting) {
      this.starting = new Promise<Connected>((resolve, reject) => void this.run(resolve, reject));
      // Whoever started the client through events() need not await this promise.
      this.starting.catch(() => undefined);
    }
    return this.starting;
  }

  /**
   * The events as an async iterable (connecting when not started): an event is acked when the loop asks
   * for the next one. `break` or a throw leaves the event in hand unacked, to be delivered again.
   */
  events(options: { signal?: AbortSignal } = {}): AsyncIterableIterator<AgentEvent | UnknownAgentEvent> {
    const stream = new EventStream((ended) => {
      this.dispatcher.streams.delete(ended);
    }, options.signal);
    if (this.stopper.signal.aborted || this.closing) stream.end(this.fatal);
    else if (stream.active) {
      this.dispatcher.streams.add(stream);
      this.dispatcher.wake();
      void this.start();
    }
    return stream;
  }

  /**
   * Sends a message; resolves with its `message.sent`, rejects with `SendFailedError` (`message.failed`)
   * or `TapbackFrameError` (refused). A send the governor holds (`message.held`) resolves once it goes.
   */
  send(message: OutgoingMessage): Promise<MessageSent> {
    const clientMessageId = message.clientMessageId ?? randomUUID();
    const parts: Record<string, unknown>[] = [];
    if (message.text !== undefined) parts.push({ type: "text", value: message.text });
    for (const attachmentId of message.attachments ?? []) parts.push({ type: "media", attachmentId });
    const sendAt = message.sendAt instanceof Date ? message.sendAt.toISOString() : message.sendAt;
    const data = { chatId: message.chatId, parts, clientMessageId, replyTo: message.replyTo, effect: message.effect, sendAt };
    return this.outbox.send(clientMessageId, frame("send_message", data), this.fatal, message.signal);
  }

  /** Answers `message` inline (a thread reply) in its chat. */
  reply(message: Pick<ReceivedMessage, "chatId" | "messageId">, reply: string | Omit<OutgoingMessage, "chatId" | "replyTo">): Promise<MessageSent> {
    const fields = typeof reply === "string" ? { text: reply } : reply;
    return this.send({ ...fields, chatId: message.chatId, replyTo: message.messageId });
  }

  /** Puts (or with `remove`, takes back) a tapback on a message. */
  react(messageId: string, reactionType: string, options: { remove?: boolean } = {}): Promise<void> {
    return this.outbox.act(frame("send_reaction", { messageId, operation: options.remove ? "remove" : "add", reactionType }), this.fatal);
  }

  /** Shows (`on` true) or hides the typing indicator in a chat. */
  typing(chatId: string, on = true): Promise<void> {
    return this.outbox.act(frame(on ? "start_typing" : "stop_typing", { chatId }), this.fatal);
  }

  /** Marks a chat read up to the person's latest message. */
  markRead(chatId: string): Promise<void> {
    return this.outbox.act(frame("mark_read", { chatId }), this.fatal);
  }

  /** Edits a message the agent sent; the outcome comes as `message.edited` or `message.failed` (`operation: "edit"`). */
  edit(messageId: string, text: string, options: { clientMessageId?: string } = {}): Promise<void> {
    return this.outbox.act(frame("edit_message", { messageId, text, clientMessageId: options.clientMessageId ?? randomUUID() }), this.fatal);
  }

  /** Unsends a message the agent sent, or cancels its send still waiting. */
  unsend(messageId: string): Promise<void> {
    return this.outbox.act(frame("unsend_message", { messageId }), this.fatal);
  }

  /** Uploads a file for a later send: asks for an upload URL, PUTs the bytes, resolves with its `attachmentId`. */
  async upload(bytes: Uint8Array | Blob, options: UploadOptions): Promise<UploadedFile> {
    const body = bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes;
    const request = frame("upload_attachment", { filename: options.filename, contentType: options.contentType, sizeBytes: body.byteLength });
    const ticket: UploadTicket = await this.outbox.upload(request, this.fatal, options.signal);
    return this.outbox.put(ticket, body, options.signal);
  }

  /**
   * Stops: lets the handler at work finish and acks its event, ends every `for await` loop (the event
   * a loop holds stays unacked), closes the connection normally, and rejects unfinished sends.
   * Events not yet handled are delivered again on the next start.
   */
  async close(): Promise<void> {
    if (!this.stopper.signal.aborted && !this.closing) {
      this.closing = true;
      for (const stream of [...this.dispatcher.streams]) stream.end();
      this.dispatcher.stop();
      // From inside a handler, waiting for the dispatch would wait for that very handler.
      if (!Dispatcher.insideHandlerOf(this)) await this.dispatcher.idle;
    }
    this.stop(undefined);
    await this.closed;
  }

  private handlerSet(type: string): Set<(data: never, event: never) => unknown> {
    let set = this.dispatcher.handlers.get(type);
    if (!set) this.dispatcher.handlers.set(type, (set = new Set()));
    return set;
  }

  private async run(resolve: (connected: Connected) => void, reject: (error: Error) => void): Promise<void> {
    let attempt = 0;
    let everConnected = false;
    while (!this.stopper.signal.aborted) {
      const outcome = await this.connectOnce((connected) => {
        if (!everConnected) {
          everConnected = true;
          resolve(connected);
        }
      });
      if (outcome.fatal) {
        this.stop(outcome.fatal);
        break;
      }
      // A connection that worked starts the backoff over; one dropped for a failed handler does not,
      // so an event that fails every time is retried ever more slowly instead of in a tight loop.
      attempt = outcome.connected && !outcome.dropped ? 0 : attempt + 1;
      if (this.stopper.signal.aborted) break;
      try {
        await delay(reconnectDelay(attempt, this.options.reconnect, this.options.random), this.stopper.signal);
      } catch {
        break;
      }
    }
    if (!everConnected) reject(this.fatal ?? new TapbackError("The client was closed before it connected."));
  }

  private connectOnce(onConnected: (connected: Connected) => void): Promise<{ connected: boolean; dropped: boolean; fatal?: Error }> {
    return new Promise((settle) => {
      const socket = new WebSocket(socketUrl(this.options.url, this.options.phone), {
        headers: { Authorization: `Bearer ${this.options.token}` },
        handshakeTimeout: 30_000,
      });
      const connection: Connection = {
        socket,
        dropped: false,
        connected: false,
        ack: (seq) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(frame("ack", { seq }));
        },
        drop: () => {
          connection.dropped = true;
          socket.close(1000, "an event was not handled");
        },
      };
      this.connection = connection;
      let refused: Error | undefined;
      let idle: NodeJS.Timeout | undefined;
      const idleTimeout = this.options.idleTimeoutMs ?? 90_000;
      const alive = () => {
        clearTimeout(idle);
        // A gateway that vanished without a FIN is only noticed by its silence.
        idle = setTimeout(() => socket.terminate(), idleTimeout);
      };
      const onStop = () => socket.close(1000, "agent stopping");
      this.stopper.signal.addEventListener("abort", onStop, { once: true });

      socket.on("open", () => {
        alive();
        socket.send(frame("ready", { acks: true }));
        this.outbox.connected();
      });
      socket.on("ping", alive);
      socket.on("message", (raw, isBinary) => {
        alive();
        if (isBinary) return;
        this.receive(connection, raw.toString(), onConnected);
      });
      socket.on("error", (error) => {
        // ws reports a refused upgrade as "Unexpected server response: 401". Neither of these
        // refusals goes away by trying again.
        if (/Unexpected server response: 401\b/.test(error.message)) {
          refused = new TapbackConnectionClosedError(
            "Tapback refused the credential (401): the token or API key is wrong or revoked, or belongs to another phone.",
            401,
          );
        } else if (/Unexpected server response: 400\b/.test(error.message)) {
          refused = new TapbackConnectionClosedError(
            `Tapback refused the connection (400): is '${this.options.phone}' the paired phone number, in E.164 (+15551234567)?`,
            400,
          );
        } else {
          this.emitError(new TapbackError(`The connection to Tapback failed: ${error.message}`));
        }
      });
      socket.on("close", (code, reasonBytes) => {
        clearTimeout(idle);
        this.stopper.signal.removeEventListener("abort", onStop);
        if (this.connection === connection) this.connection = undefined;
        this.outbox.disconnected();
        const reason = reasonBytes.toString();
        if (connection.connected) for (const listener of this.listeners.disconnected) listener({ code, reason });
        const fatal =
          refused ??
          (code === ReplacedOrRevoked
            ? new TapbackConnectionClosedError(`Tapback closed the connection with 4000 (${reason || "replaced or revoked"}); the client does not reconnect.`, code)
            : undefined);
        settle({ connected: connection.connected, dropped: connection.dropped, fatal });
      });
    });
  }

  private receive(connection: Connection, text: string, onConnected: (connected: Connected) => void): void {
    let parsed: { type?: unknown; seq?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      this.emitError(new TapbackError("Tapback sent a frame that is not JSON; ignored."));
      return;
    }
    const type = typeof parsed.type === "string" ? parsed.type : "";
    const data = (parsed.data ?? {}) as Record<string, unknown>;
    const seq = typeof parsed.seq === "number" ? parsed.seq : undefined;
    switch (type) {
      case "connected": {
        const connected = data as unknown as Connected;
        connection.connected = true;
        this.dispatcher.connectedAs(connected.integrationId);
        onConnected(connected);
        for (const listener of this.listeners.connected) listener(connected);
        return;
      }
      case "error": {
        const error = new TapbackFrameError(String(data.message ?? "Tapback refused a frame."), str(data.requestType), str(data.clientMessageId));
        if (!this.outbox.refused(error)) this.emitError(error);
        return;
      }
      case "upload_attachment.response":
        this.outbox.uploadAnswered(data);
        return;
    }

    // Outcomes settle their sends at once, outside the ordered dispatch: a handler awaiting send()
    // would otherwise wait for an event queued behind itself.
    if (type === "message.sent") this.outbox.sent(data as unknown as MessageSent);
    if (type === "message.failed" && data.operation === undefined && typeof data.clientMessageId === "string") {
      this.outbox.failed(data.clientMessageId, new SendFailedError(String(data.error), String(data.chatId), str(data.messageId), data.clientMessageId));
    }
    this.dispatcher.enqueue(connection, toEvent(type, seq, data));
  }

  private write(text: string): Promise<void> | undefined {
    const socket = this.connection?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return undefined;
    return new Promise<void>((resolve, reject) => socket.send(text, (error) => (error ? reject(error) : resolve())));
  }

  private emitError(error: Error): void {
    for (const listener of this.listeners.error) listener(error);
  }

  private stop(fatal: Error | undefined): void {
    if (this.stopper.signal.aborted) return;
    this.fatal = fatal;
    if (fatal) this.emitError(fatal);
    this.stopper.abort();
    this.dispatcher.stop();
    this.outbox.stop(fatal ?? new TapbackError("The client was closed before the outcome was heard."));
    for (const stream of [...this.dispatcher.streams]) stream.end(fatal);
    // The run loop settles start(); closed settles when the socket (if any) has closed.
    const socket = this.connection?.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.once("close", () => this.finished(fatal));
    else this.finished(fatal);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
