export interface RetryPolicy {
  readonly maxAttempts: number;
  /** The slot before one was measured, and the shortest slot: an attempt is never assumed quicker. */
  readonly baseDelayMs: number;
  /** The longest single wait, whatever the slot and the rejections. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 30, baseDelayMs: 50, maxDelayMs: 30_000 };

/** The window never spreads over more slots than this: enough for a few hundred racers to find a free one. */
const MAX_WINDOW_SLOTS = 128;

/**
 * Slotted backoff after `rejections` stale pushes in a row. Racing promotions share one serial lane: per
 * attempt-long window (a slot, `slotMs`: how long this promotion's last fetch → commit → push took, so it
 * grows with the machine's load and the link) only one push lands. A loser retries within a window of
 * 2^(rejections-1) slots, uniformly ("full jitter"): the first retry comes at once or within one slot, and each
 * further rejection, which says the lane is still crowded, doubles the window, so N racers spread over about N
 * slots after log2(N) rejections and then each slot has a good chance to hold one attempt. `random` is
 * injectable so tests can pin it.
 */
export function backoffDelay(
  policy: RetryPolicy,
  rejections: number,
  random: () => number,
  slotMs: number = policy.baseDelayMs,
): number {
  const slot = Math.max(policy.baseDelayMs, slotMs);
  const window = Math.min(MAX_WINDOW_SLOTS, 2 ** Math.max(0, Math.min(rejections - 1, 20)));
  return Math.round(Math.min(policy.maxDelayMs, random() * window * slot));
}
