export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 30, baseDelayMs: 100, maxDelayMs: 3_000 };

/**
 * Exponential backoff with "full jitter": racing pipelines spread out instead of colliding again in step.
 * `random` is injectable so tests can pin it.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 20));
  return Math.round(policy.baseDelayMs / 2 + random() * ceiling);
}
