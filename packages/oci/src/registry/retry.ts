// Bounded retries with one backoff policy: exponential from `baseDelayMs`, jittered (so parallel blob
// transfers that failed together do not come back together), capped at `maxDelayMs`, and a
// `Retry-After` the registry asked for honoured within that cap. `RetryBudget` is the loop's counter for
// whole blob transfers (a download resumed, an upload restarted in a new session); `sendWithRetry` is one
// HTTP exchange (429 and 5xx answers and dropped connections) on the same budget.

import { networkErrorCode } from './errors.js';
import type { HttpRequest, HttpResponse, HttpTransport } from './http.js';

export interface RetryOptions {
  /** Attempts in all, first included. Default 3. */
  readonly attempts?: number | undefined;
  /** Backoff before the 2nd attempt; doubles after. Default 250 ms. */
  readonly baseDelayMs?: number | undefined;
  /** No wait is longer than this, whatever `Retry-After` says. Default 5 s. */
  readonly maxDelayMs?: number | undefined;
  /** An attempt fails when nothing moves for this long (connecting, answering, reading). Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** Injectable for tests. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  readonly now?: (() => number) | undefined;
  /** In [0, 1): where in the upper half of the backoff a wait falls. Injectable for tests (`() => 1`: no jitter). */
  readonly random?: (() => number) | undefined;
}

/**
 * Counts the attempts of one operation and waits between them. After a failed attempt, `again()` waits
 * the jittered backoff (or the `Retry-After` asked, capped) and answers true, or answers false at once
 * when the attempts are spent: the caller then reports the failure with {@link RetryBudget.attempt}.
 */
export class RetryBudget {
  /** The attempt under way, from 1. */
  attempt = 1;
  readonly #attempts: number;
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;

  constructor(options: RetryOptions = {}) {
    this.#attempts = Math.max(1, options.attempts ?? 3);
    this.#baseDelay = options.baseDelayMs ?? 250;
    this.#maxDelay = options.maxDelayMs ?? 5_000;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
  }

  /** Whether another attempt is left. */
  get exhausted(): boolean {
    return this.attempt >= this.#attempts;
  }

  /** Waits before the next attempt and answers true; false (no wait) when none is left. */
  async again(retryAfterMs?: number): Promise<boolean> {
    if (this.exhausted) return false;
    const backoff = Math.min(this.#maxDelay, this.#baseDelay * 2 ** (this.attempt - 1));
    // Half fixed, half random: never much shorter than asked, yet spread out.
    const jittered = Math.round(backoff * (0.5 + 0.5 * Math.min(1, Math.max(0, this.#random()))));
    await this.#sleep(retryAfterMs === undefined ? jittered : Math.min(this.#maxDelay, retryAfterMs));
    this.attempt++;
    return true;
  }
}

export interface RetriedResponse {
  readonly response: HttpResponse;
  /** How many attempts it took (or were spent, when the response is still a failure). */
  readonly attempts: number;
}

/** Thrown when no attempt got an HTTP answer. */
export class NetworkFailure extends Error {
  constructor(
    readonly url: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`no answer from ${url}`, { cause });
    this.name = 'NetworkFailure';
  }
}

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

export function isRetryableNetworkError(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  const code = networkErrorCode(error);
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/**
 * `Retry-After` in milliseconds (delta-seconds or an HTTP date), or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sends `request` up to `attempts` times; its body must be replayable (a string or bytes, not a stream). */
export async function sendWithRetry(
  transport: HttpTransport,
  request: HttpRequest,
  options: RetryOptions = {},
): Promise<RetriedResponse> {
  const budget = new RetryBudget(options);
  const now = options.now ?? Date.now;
  for (;;) {
    let response: HttpResponse;
    try {
      response = await transport({ ...request, idleTimeoutMs: options.timeoutMs ?? request.idleTimeoutMs });
    } catch (error) {
      if (!isRetryableNetworkError(error) || !(await budget.again()))
        throw new NetworkFailure(request.url, budget.attempt, error);
      continue;
    }
    if (budget.exhausted || !isRetryableStatus(response.status)) {
      return { response, attempts: budget.attempt };
    }
    const asked = parseRetryAfter(response.headers.get('retry-after'), now());
    await response.discard();
    await budget.again(asked);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
