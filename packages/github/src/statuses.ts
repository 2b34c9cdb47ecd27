import type { GitHubClient } from './client.js';
import { type CallContext, calling } from './errors.js';

export type CheckState = 'pending' | 'success' | 'failure' | 'error';

/** One commit status or check run, in one shape. */
export interface CommitCheck {
  /** The status context, or the check run's name. */
  context: string;
  state: CheckState;
  description: string | null;
  url: string | null;
  /** ISO 8601; null when GitHub gives no time. */
  updatedAt: string | null;
  /** Where it came from: the Statuses API or the Checks API. */
  source: 'status' | 'check-run';
}

/**
 * How a check run's status and conclusion read as a commit status state: not completed → pending; success,
 * neutral and skipped → success (GitHub counts them as passing); failure, timed_out, action_required and
 * startup_failure → failure; cancelled and stale → error (the check gave no verdict).
 */
export function checkRunState(
  status: string | null | undefined,
  conclusion: string | null | undefined,
): CheckState {
  if (status !== 'completed') return 'pending';
  switch (conclusion) {
    case 'success':
    case 'neutral':
    case 'skipped':
      return 'success';
    case 'cancelled':
    case 'stale':
      return 'error';
    case null:
    case undefined:
      return 'pending';
    default:
      return 'failure';
  }
}

/**
 * The latest status per context (combined status) and the latest check run per name for `ref` (a sha, branch
 * or tag), normalised and sorted by context.
 */
export async function commitStatuses(input: {
  client: GitHubClient;
  owner: string;
  repo: string;
  ref: string;
}): Promise<CommitCheck[]> {
  const { client, owner, repo, ref } = input;
  const context = (action: string, permission: string): CallContext => ({
    owner,
    repo,
    action,
    permission,
    apiUrl: client.apiUrl,
  });
  const checks: CommitCheck[] = [];

  for (let page = 1; ; page += 1) {
    const { data } = await calling(context(`reading the statuses of ${ref}`, 'statuses: read'), async () =>
      (await client.api()).rest.repos.getCombinedStatusForRef({ owner, repo, ref, per_page: 100, page }),
    );
    for (const status of data.statuses) {
      checks.push({
        context: status.context,
        state: toState(status.state),
        description: status.description ?? null,
        url: status.target_url ?? null,
        updatedAt: status.updated_at ?? status.created_at ?? null,
        source: 'status',
      });
    }
    if (data.statuses.length < 100 || checks.length >= data.total_count) break;
  }

  const runs = await calling(context(`reading the check runs of ${ref}`, 'checks: read'), async () => {
    const api = await client.api();
    return api.paginate(api.rest.checks.listForRef, {
      owner,
      repo,
      ref,
      filter: 'latest',
      per_page: 100,
    });
  });
  for (const run of runs) {
    checks.push({
      context: run.name,
      state: checkRunState(run.status, run.conclusion),
      description: run.output?.title ?? (run.conclusion === null ? run.status : run.conclusion),
      url: run.details_url ?? run.html_url ?? null,
      updatedAt: run.completed_at ?? run.started_at ?? null,
      source: 'check-run',
    });
  }
  return checks.sort((a, b) => (a.context < b.context ? -1 : a.context > b.context ? 1 : 0));
}

function toState(state: string): CheckState {
  return state === 'success' || state === 'failure' || state === 'error' ? state : 'pending';
}
