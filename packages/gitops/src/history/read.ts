import { SlipwayError } from '@slipway/errors';
import { ConfigRepo, type GitAuth } from '../git/index.js';
import type { EnvironmentTarget } from '../promotion/target.js';
import { type HistoryEntry, historyEntry } from './entry.js';

export interface HistoryRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  readonly target: EnvironmentTarget;
  /** Only commits that set this image (normalised repository); manual commits are kept (they may have). */
  readonly repository?: string;
  /** How many commits of the branch to read (newest first; default 50). */
  readonly limit?: number;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
}

export interface History {
  readonly env: string;
  readonly branch: string;
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** Whether the branch has more commits than were read. */
  readonly truncated: boolean;
}

/** An environment's promotions, rollbacks and hand edits, from the branch's commits alone (no trees, no files). */
export async function readHistory(request: HistoryRequest): Promise<History> {
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  try {
    return await historyIn(repo, request.target, request.limit ?? 50, request.repository);
  } finally {
    await repo.dispose();
  }
}

/** `readHistory` in an open repo. */
export async function historyIn(
  repo: ConfigRepo,
  target: EnvironmentTarget,
  limit: number,
  repository?: string,
): Promise<History> {
  const log = await repo.log(target.branch, { limit: limit + 1 });
  if (log === null) {
    throw new SlipwayError(`branch ${target.branch} of environment ${target.env} does not exist`, {
      where: repo.url,
      fix: 'check --env (and --branch-template, or the policy in .slipway.yaml)',
    });
  }
  const entries = log
    .slice(0, limit)
    .map((entry) => historyEntry(entry, target.env))
    .filter(
      (entry) =>
        repository === undefined ||
        entry.kind === 'manual' ||
        entry.images.some((image) => image.repository === repository) ||
        entry.unpinned?.repository === repository,
    );
  return { env: target.env, branch: target.branch, entries, truncated: log.length > limit };
}
