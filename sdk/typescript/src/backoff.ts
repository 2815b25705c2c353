/** How the agent client waits before connecting again. */
export interface ReconnectOptions {
  /** The ceiling of the first wait, in milliseconds; it doubles per failed try. Default 1 000. */
  initialDelayMs?: number;
  /** The largest ceiling, in milliseconds. Default 60 000. */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with full jitter (as docs/protocol.md asks): a random wait in
 * [0, min(max, initial × 2^attempt)), so many agents that lost one gateway do not all knock again at once.
 */
export function reconnectDelay(attempt: number, options: ReconnectOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 60_000;
  // 2^30 already passes any sane cap; stop doubling before the number grows without use.
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.floor(ceiling * random());
}
