import type { UploadedFile } from "./agent-options.js";
import { TapbackApiError, TapbackError, TapbackFrameError, type ProblemDetails } from "./errors.js";
import type { MessageSent } from "./events.js";

/** The gateway's answer to `upload_attachment`: where to PUT the bytes. */
export interface UploadTicket {
  attachmentId: string;
  uploadUrl: string;
  downloadUrl: string;
  requiredHeaders?: Record<string, string>;
  expiresAt?: string;
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface PendingSend {
  frame: string;
  waiters: Waiter<MessageSent>[];
}

interface PendingUpload extends Waiter<UploadTicket> {
  frame: string;
  /** Written on the current connection: its answer may come on it. */
  written: boolean;
}

interface PendingAction extends Waiter<void> {
  frame: string;
}

/**
 * What the agent has asked of the gateway and not yet seen through. A send stays until its outcome
 * arrives and is written again on every new connection under its clientMessageId (the gateway's
 * idempotency key: a repeat sends nothing new and hears the first send's report). Other actions wait
 * here while the client is disconnected and go when it connects; uploads wait for their answer.
 */
export class Outbox {
  private readonly sends = new Map<string, PendingSend>();
  private readonly uploads: PendingUpload[] = [];
  private readonly actions: PendingAction[] = [];
  private stopped: Error | undefined;

  constructor(
    /** Writes a frame on the open connection; undefined when there is none. */
    private readonly write: (frame: string) => Promise<void> | undefined,
    private readonly fetch: typeof globalThis.fetch,
    private readonly maxFrameBytes: number,
  ) {}

  send(clientMessageId: string, frame: string, fatal: Error | undefined, signal?: AbortSignal): Promise<MessageSent> {
    const refusal = fatal ?? this.stopped ?? this.tooLarge(frame);
    if (refusal) return Promise.reject(refusal);
    return new Promise<MessageSent>((resolve, reject) => {
      const waiter = { resolve, reject };
      const pending = this.sends.get(clientMessageId);
      if (pending) {
        // The same id again is the same send: wait for its one outcome (the gateway would refuse another message under it).
        pending.waiters.push(waiter);
      } else {
        this.sends.set(clientMessageId, { frame, waiters: [waiter] });
        this.write(frame)?.catch(() => undefined); // written again on the next connection
      }
      signal?.addEventListener(
        "abort",
        () => {
          const entry = this.sends.get(clientMessageId);
          if (!entry) return;
          entry.waiters = entry.waiters.filter((w) => w !== waiter);
          if (entry.waiters.length === 0) this.sends.delete(clientMessageId);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  act(frame: string, fatal: Error | undefined): Promise<void> {
    const refusal = fatal ?? this.stopped ?? this.tooLarge(frame);
    if (refusal) return Promise.reject(refusal);
    const written = this.write(frame);
    if (written) return written.catch(() => this.queue(frame));
    return this.queue(frame);
  }

  upload(frame: string, fatal: Error | undefined, signal?: AbortSignal): Promise<UploadTicket> {
    const refusal = fatal ?? this.stopped;
    if (refusal) return Promise.reject(refusal);
    return new Promise<UploadTicket>((resolve, reject) => {
      const pending: PendingUpload = { frame, written: false, resolve, reject };
      this.uploads.push(pending);
      this.writeUpload(pending);
      signal?.addEventListener("abort", () => this.removeUpload(pending, signal.reason), { once: true });
    });
  }

  async put(ticket: UploadTicket, body: Uint8Array, signal?: AbortSignal): Promise<UploadedFile> {
    const response = await this.fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.requiredHeaders ?? {}, body, signal });
    if (!response.ok) {
      const text = await response.text();
      let problem: ProblemDetails = { status: response.status, detail: text.slice(0, 1000) };
      try {
        problem = JSON.parse(text) as ProblemDetails;
      } catch {
        // keep the text
      }
      throw new TapbackApiError(response.status, problem);
    }
    return { attachmentId: ticket.attachmentId, downloadUrl: ticket.downloadUrl };
  }

  /** A new connection is open (after `ready`): everything unfinished goes on it, oldest first. */
  connected(): void {
    for (const pending of this.sends.values()) this.write(pending.frame)?.catch(() => undefined);
    for (const action of this.actions.splice(0)) {
      const written = this.write(action.frame);
      if (written) written.then(action.resolve, () => this.actions.push(action));
      else this.actions.push(action);
    }
    for (const upload of this.uploads) this.writeUpload(upload);
  }

  disconnected(): void {
    // An answer to an upload asked on the old connection never comes: ask again on the next one.
    for (const upload of this.uploads) upload.written = false;
  }

  sent(data: MessageSent): void {
    const pending = data.clientMessageId === undefined ? undefined : this.sends.get(data.clientMessageId);
    if (!pending) return;
    this.sends.delete(data.clientMessageId!);
    for (const waiter of pending.waiters) waiter.resolve(data);
  }

  failed(clientMessageId: string, error: Error): void {
    const pending = this.sends.get(clientMessageId);
    if (!pending) return;
    this.sends.delete(clientMessageId);
    for (const waiter of pending.waiters) waiter.reject(error);
  }

  /** An `error` frame: true when it answered a send or an upload (which then rejects). */
  refused(error: TapbackFrameError): boolean {
    if (error.requestType === "send_message" && error.clientMessageId !== undefined && this.sends.has(error.clientMessageId)) {
      this.failed(error.clientMessageId, error);
      return true;
    }
    if (error.requestType === "upload_attachment") {
      const upload = this.uploads.find((pending) => pending.written);
      if (upload) {
        this.removeUpload(upload, error);
        return true;
      }
    }
    return false;
  }

  uploadAnswered(data: Record<string, unknown>): void {
    // The gateway answers upload requests in the order it got them.
    const upload = this.uploads.find((pending) => pending.written);
    if (!upload) return;
    this.uploads.splice(this.uploads.indexOf(upload), 1);
    upload.resolve(data as unknown as UploadTicket);
  }

  stop(error: Error): void {
    this.stopped = error;
    for (const pending of this.sends.values()) for (const waiter of pending.waiters) waiter.reject(error);
    this.sends.clear();
    for (const upload of this.uploads.splice(0)) upload.reject(error);
    for (const action of this.actions.splice(0)) action.reject(error);
  }

  /**
   * A frame over the gateway's limit is closed with 1009; repeated on every reconnect it would close
   * every connection, so it is refused here instead.
   */
  private tooLarge(frame: string): Error | undefined {
    const bytes = Buffer.byteLength(frame);
    return bytes > this.maxFrameBytes
      ? new TapbackError(`The frame is ${bytes} bytes; the gateway takes at most ${this.maxFrameBytes} (Tapback:Gateway:WebSocket:MaxFrameBytes). Send fewer or shorter parts.`)
      : undefined;
  }

  private queue(frame: string): Promise<void> {
    return new Promise<void>((resolve, reject) => this.actions.push({ frame, resolve, reject }));
  }

  private writeUpload(upload: PendingUpload): void {
    const written = this.write(upload.frame);
    if (!written) return;
    upload.written = true;
    written.catch(() => (upload.written = false));
  }

  private removeUpload(upload: PendingUpload, reason: unknown): void {
    const index = this.uploads.indexOf(upload);
    if (index < 0) return;
    this.uploads.splice(index, 1);
    upload.reject(reason);
  }
}
