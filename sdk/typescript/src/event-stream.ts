import type { AgentEvent, UnknownAgentEvent } from "./events.js";

type Delivered = AgentEvent | UnknownAgentEvent;

/**
 * One `for await` consumer of the agent client's events. The client offers it one event at a time and
 * waits for the verdict: the event counts as handled when the loop asks for the next one (so its body
 * ran to the end). Leaving the loop with `break` or a throw leaves the event in hand unhandled: it is
 * not acked, and the gateway delivers it again.
 */
export class EventStream implements AsyncIterableIterator<Delivered> {
  private offered: { event: Delivered; settle: (handled: boolean) => void } | undefined;
  private inHand: ((handled: boolean) => void) | undefined;
  private waiting: { resolve: (result: IteratorResult<Delivered>) => void; reject: (error: unknown) => void } | undefined;
  private ended = false;
  private failure: unknown;

  constructor(private readonly onEnd: (stream: EventStream) => void, signal?: AbortSignal) {
    // An abort ends the loop at its next step: the event in hand is handled once the loop asks for
    // the next one (its body ran to the end), unlike a break.
    if (signal?.aborted) this.end(undefined, true);
    signal?.addEventListener("abort", () => this.end(undefined, true), { once: true });
  }

  get active(): boolean {
    return !this.ended;
  }

  /** Hands `event` to the loop; resolves true once the loop asked for the next one. */
  offer(event: Delivered): Promise<boolean> {
    if (this.ended) return Promise.resolve(true);
    return new Promise<boolean>((settle) => {
      if (this.waiting) {
        const waiting = this.waiting;
        this.waiting = undefined;
        this.inHand = settle;
        waiting.resolve({ value: event, done: false });
      } else {
        this.offered = { event, settle };
      }
    });
  }

  next(): Promise<IteratorResult<Delivered>> {
    this.inHand?.(true);
    this.inHand = undefined;
    if (this.offered) {
      const { event, settle } = this.offered;
      this.offered = undefined;
      this.inHand = settle;
      return Promise.resolve({ value: event, done: false });
    }
    if (this.ended) {
      return this.failure === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Delivered>> {
    this.inHand?.(false);
    this.inHand = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Delivered> {
    return this;
  }

  /**
   * Ends the loop; with `failure`, its next step throws it (the client stopped for good). With
   * `keepInHand` the event in hand waits for the loop's verdict (next or return), else it is unhandled.
   */
  end(failure?: unknown, keepInHand = false): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = failure;
    if (!keepInHand) {
      this.inHand?.(false);
      this.inHand = undefined;
    }
    this.offered?.settle(false);
    this.offered = undefined;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (failure === undefined) waiting.resolve({ value: undefined, done: true });
      else waiting.reject(failure);
    }
    this.onEnd(this);
  }
}
