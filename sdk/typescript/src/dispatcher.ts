import { AsyncLocalStorage } from "node:async_hooks";
import { TapbackError } from "./errors.js";
import type { EventStream } from "./event-stream.js";
import type { AgentEvent, UnknownAgentEvent } from "./events.js";
import { reportKey } from "./frames.js";

type Delivered = AgentEvent | UnknownAgentEvent;

/** The connection an event came on: acks name seqs delivered on it only. */
export interface Link {
  /** Set once an event of this connection was not handled: the rest of its events wait for the redelivery. */
  readonly dropped: boolean;
  ack(seq: number): void;
  /** Gives up the connection so that the gateway delivers the unacked events again, in order. */
  drop(): void;
}

const MaxRememberedReports = 10_000;

/** Which client's handler the current code runs in: close() from inside a handler must not wait for that handler. */
const insideHandler = new AsyncLocalStorage<object>();

/**
 * Hands events to the handlers and loops one at a time, in the order they came, and acks each once
 * all of them finished with it. Repeats (an event handled before its ack got through, or a send's
 * report the gateway gave again) are acked without being handed over twice.
 */
export class Dispatcher {
  readonly handlers = new Map<string, Set<(data: never, event: never) => unknown>>();
  readonly everyEvent = new Set<(event: Delivered) => unknown>();
  readonly streams = new Set<EventStream>();
  private readonly reports = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private lastHandledSeq = -1;
  private integrationId: string | undefined;
  private consumerArrived: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly owner: object,
    private readonly emitError: (error: Error) => void,
  ) {}

  /** Settles once every event handed in so far was dispatched (or skipped after `stop`). */
  get idle(): Promise<void> {
    return this.chain;
  }

  /** True while `owner`'s handler runs in the calling code. */
  static insideHandlerOf(owner: object): boolean {
    return insideHandler.getStore() === owner;
  }

  /** Seqs are one integration's queue positions; another integration (a new pairing) counts anew. */
  connectedAs(integrationId: string | undefined): void {
    if (integrationId === this.integrationId) return;
    this.integrationId = integrationId;
    this.lastHandledSeq = -1;
  }

  enqueue(link: Link, event: Delivered): void {
    this.chain = this.chain.then(() => this.dispatch(link, event));
  }

  /** A consumer may have arrived (or the client is stopping): an event waiting for one looks again. */
  wake(): void {
    const arrived = this.consumerArrived;
    this.consumerArrived = undefined;
    arrived?.();
  }

  /** What has not started is left unacked, for the next start. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  private async dispatch(link: Link, event: Delivered): Promise<void> {
    if (link.dropped || this.stopped) return;
    const seq = event.seq;
    const report = reportKey(event);
    // A redelivery of an event handled before its ack got through (the connection dropped), or the
    // gateway's second report of a send repeated under its clientMessageId: acked, not handled again.
    const repeat = (seq !== undefined && seq <= this.lastHandledSeq) || (report !== undefined && this.reports.has(report));
    if (!repeat) {
      while (!this.hasConsumer()) {
        // Nothing listens yet: hold the event unacked rather than ack what no one heard.
        await new Promise<void>((resolve) => (this.consumerArrived = resolve));
        if (link.dropped || this.stopped) return;
      }
      if (!(await this.handle(event))) {
        // Not acked, and nothing after it may be: the gateway delivers it again, in order, after a reconnect.
        link.drop();
        return;
      }
      if (seq !== undefined) this.lastHandledSeq = seq;
      if (report !== undefined) this.remember(report);
    }
    if (seq !== undefined) link.ack(seq);
  }

  private async handle(event: Delivered): Promise<boolean> {
    let handled = true;
    const run = async (handler: () => unknown) => {
      try {
        await insideHandler.run(this.owner, handler);
      } catch (error) {
        handled = false;
        const type = event.type === "unknown" ? event.frameType : event.type;
        this.emitError(new TapbackError(`A handler of ${type} failed; the event is delivered again after a reconnect: ${messageOf(error)}`, { cause: error }));
      }
    };
    for (const handler of [...(this.handlers.get(event.type) ?? [])]) {
      await run(() => (handler as (data: unknown, event: unknown) => unknown)(event.data, event));
    }
    for (const handler of [...this.everyEvent]) await run(() => handler(event));
    const verdicts = await Promise.all([...this.streams].map((stream) => stream.offer(event)));
    return handled && verdicts.every(Boolean);
  }

  private hasConsumer(): boolean {
    if (this.everyEvent.size > 0 || this.streams.size > 0) return true;
    for (const set of this.handlers.values()) if (set.size > 0) return true;
    return false;
  }

  private remember(report: string): void {
    this.reports.add(report);
    if (this.reports.size > MaxRememberedReports) this.reports.delete(this.reports.values().next().value!);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
