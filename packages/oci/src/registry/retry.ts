// One HTTP exchange with bounded retries: 429 and 5xx answers and dropped connections are tried again
// after a short backoff, or after the `Retry-After` the registry asked for (capped).

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
  const attempts = Math.max(1, options.attempts ?? 3);
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    let response: HttpResponse;
    try {
      response = await transport({ ...request, idleTimeoutMs: options.timeoutMs ?? request.idleTimeoutMs });
    } catch (error) {
      if (attempt >= attempts || !isRetryableNetworkError(error))
        throw new NetworkFailure(request.url, attempt, error);
      await sleep(backoff);
      continue;
    }
    if (attempt >= attempts || !isRetryableStatus(response.status)) return { response, attempts: attempt };
    const asked = parseRetryAfter(response.headers.get('retry-after'), now());
    await response.discard();
    await sleep(asked === undefined ? backoff : Math.min(maxDelay, asked));
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
