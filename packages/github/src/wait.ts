import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import { apiFailure } from './errors.js';
import { type CommitCheck, commitStatuses } from './statuses.js';

/** How a wait for deployment feedback ended. */
export type WaitState = 'success' | 'failure' | 'timeout';

export interface WaitForDeploymentInput {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** The config repo commit the agent (Flux, Argo CD) reports on. */
  sha: string;
  /**
   * Context prefixes to wait for (e.g. `kustomization/apps`); each must be matched by at least one status or
   * check run. Empty: every status and check run present, and at least one.
   */
  contexts?: readonly string[];
  timeoutMs: number;
  intervalMs: number;
  /** Defaults to a real timer; callers with their own clock pass theirs. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Called after each poll whose matching checks differ from the previous poll's (and after the first). */
  onChange?: (change: { checks: readonly CommitCheck[]; changed: readonly CommitCheck[] }) => void;
  /** Called when a poll failed in a way worth retrying (5xx, network); the wait goes on. */
  onRetry?: (error: unknown) => void;
}

export interface WaitOutcome {
  state: WaitState;
  /** The matching statuses and check runs last seen, sorted by context. */
  checks: CommitCheck[];
  /** Those in failure or error (when state is failure). */
  failed: CommitCheck[];
  /** Context prefixes nothing matched yet (with `contexts`). */
  missing: string[];
  polls: number;
  elapsedMs: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls the commit statuses and check runs of `sha` until every matching one is `success` (→ success), one is
 * `failure` or `error` (→ failure, at once), or `timeoutMs` passed (→ timeout, with what was last seen).
 * Transient API failures (5xx, network) are retried until the deadline; anything else is thrown.
 */
export async function waitForDeployment(input: WaitForDeploymentInput): Promise<WaitOutcome> {
  const sleep = input.sleep ?? realSleep;
  const now = input.now ?? Date.now;
  const prefixes = [...(input.contexts ?? [])];
  const started = now();
  const deadline = started + input.timeoutMs;
  let previous = new Map<string, string>();
  let checks: CommitCheck[] = [];
  let polls = 0;
  for (;;) {
    polls += 1;
    let seen: CommitCheck[] | undefined;
    try {
      seen = await commitStatuses({
        client: input.client,
        owner: input.owner,
        repo: input.repo,
        ref: input.sha,
      });
    } catch (error) {
      if (!isTransient(error)) throw error;
      input.onRetry?.(error);
    }
    if (seen !== undefined) {
      checks = seen.filter((check) => matches(check.context, prefixes));
      const current = new Map(checks.map((check) => [key(check), fingerprint(check)]));
      const changed = checks.filter((check) => previous.get(key(check)) !== fingerprint(check));
      if (polls === 1 || changed.length > 0 || current.size !== previous.size)
        input.onChange?.({ checks, changed });
      previous = current;
      const failed = checks.filter((check) => check.state === 'failure' || check.state === 'error');
      const missing = prefixes.filter((prefix) => !checks.some((check) => matches(check.context, [prefix])));
      const outcome = (state: WaitState): WaitOutcome => ({
        state,
        checks,
        failed,
        missing,
        polls,
        elapsedMs: now() - started,
      });
      if (failed.length > 0) return outcome('failure');
      if (checks.length > 0 && missing.length === 0 && checks.every((check) => check.state === 'success'))
        return outcome('success');
    }
    const left = deadline - now();
    if (left <= 0) {
      const missing = prefixes.filter((prefix) => !checks.some((check) => matches(check.context, [prefix])));
      return { state: 'timeout', checks, failed: [], missing, polls, elapsedMs: now() - started };
    }
    await sleep(Math.min(input.intervalMs, left));
  }
}

/** `kustomization/apps` matches `kustomization/apps` and `kustomization/apps/1a2b3c`, not `kustomization/apps2`. */
function matches(context: string, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return true;
  return prefixes.some(
    (prefix) => context === prefix || context.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
  );
}

const key = (check: CommitCheck) => `${check.source}\0${check.context}`;
const fingerprint = (check: CommitCheck) => `${check.state}\0${check.description ?? ''}`;

function isTransient(error: unknown): boolean {
  const cause = error instanceof SlipwayError ? error.cause : error;
  const failure = apiFailure(cause);
  if (failure !== undefined) return failure.status >= 500 || (failure.status === 429 && !failure.rateLimited);
  return (
    cause instanceof Error &&
    /fetch failed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up/i.test(
      `${cause.message} ${String((cause as { code?: unknown }).code ?? '')}`,
    )
  );
}
