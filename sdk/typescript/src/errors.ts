/** A problem+json body, as every Tapback error answer carries (RFC 9457). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  /** What to change, in Tapback's words. */
  detail?: string;
  /** Field name → what is wrong with it (validation problems). */
  errors?: Record<string, string[]>;
  [key: string]: unknown;
}

/** Anything the SDK refuses or Tapback answered with an error. */
export class TapbackError extends Error {
  override name = "TapbackError";
}

/** A non-2xx HTTP answer from Tapback, with its problem+json body. */
export class TapbackApiError extends TapbackError {
  override name = "TapbackApiError";

  constructor(
    readonly status: number,
    readonly problem: ProblemDetails,
    /** Seconds to wait before trying again (`Retry-After`), on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(`Tapback answered ${status}: ${problem.detail ?? problem.title ?? "no detail"}`);
  }
}

/** An `error` frame of the agent WebSocket: the gateway refused a frame; nothing was done for it. */
export class TapbackFrameError extends TapbackError {
  override name = "TapbackFrameError";

  constructor(
    message: string,
    readonly requestType?: string,
    readonly clientMessageId?: string,
  ) {
    super(message);
  }
}

/** A send the gateway reported as `message.failed`. */
export class SendFailedError extends TapbackError {
  override name = "SendFailedError";

  constructor(
    message: string,
    readonly chatId: string,
    readonly messageId?: string,
    readonly clientMessageId?: string,
  ) {
    super(message);
  }
}

/** The connection ended for good: a refused credential (401) or a `4000` close (replaced or revoked). */
export class TapbackConnectionClosedError extends TapbackError {
  override name = "TapbackConnectionClosedError";

  constructor(
    message: string,
    /** The WebSocket close code (`4000`) or HTTP status (`401`) that ended it, when there was one. */
    readonly code?: number,
  ) {
    super(message);
  }
}
