import { SlipwayError } from '@slipway/errors';
import { branchTip, commitTreeViaApi, defaultBranchViaApi, readPathsViaApi } from '@slipway/github';
import { ConfigRepo, type GitAuth, GitError } from '../git/index.js';
import { FILE_LIMITS, fileTooLarge } from '../limits.js';
import { normaliseRepoPath } from './target.js';
import type { GitHubRepo } from './transport.js';

export interface ConfigFilesRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** Branch to read; default: the config repo's default branch (where its owners keep the policy). */
  readonly ref?: string;
  /** Read through the GitHub API (`--via github-api`): no git at all. Default: a one-branch git fetch. */
  readonly github?: GitHubRepo;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
}

export interface ConfigFilesReader {
  readonly ref: string;
  readonly commit: string;
  /**
   * The files that exist among `paths` (repo-relative), read from the ref's tip. One over `limit` bytes
   * (default: {@link FILE_LIMITS}.file; keys pass `.key`) is refused before it is read.
   */
  read(paths: readonly string[], limit?: number): Promise<Map<string, Buffer>>;
}

/**
 * Gives `work` a reader of single files on one branch of the config repo (the policy and the keys it names).
 * Through git it fetches only the commit, its trees and the blobs asked for; through the GitHub API it lists
 * only the directories on the paths asked for and reads their blobs.
 */
export async function withConfigFiles<T>(
  request: ConfigFilesRequest,
  work: (reader: ConfigFilesReader) => Promise<T>,
): Promise<T> {
  if (request.github !== undefined) return await work(await apiConfigFiles(request.github, request.ref));
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  try {
    const ref = request.ref ?? (await repo.defaultBranch());
    let whole = false;
    const fetched = (await repo.fetchBranches([ref], { blobs: 'none' })).get(ref) ?? null;
    if (fetched === null) throw missingRef(ref, repo.url);
    let tip = fetched;
    const read = async (paths: readonly string[], limit = FILE_LIMITS.file): Promise<Map<string, Buffer>> => {
      const wanted = repoPaths(paths);
      if (!whole) {
        try {
          await repo.prefetchBlobs([{ commit: tip, under: wanted }]);
        } catch (error) {
          if (!(error instanceof GitError)) throw error;
          whole = true; // the server will not send single blobs: take the branch whole, once
          tip = (await repo.fetchBranches([ref], { blobs: 'all' })).get(ref) ?? tip;
        }
      }
      // Sizes from the object store (a prefetched blob is on disk, not in this process): refuse before reading.
      for (const file of wanted) {
        for (const entry of await repo.listTree(tip, file, { sizes: true })) {
          const refusal =
            entry.path === file ? sizeRefusal(entry.path, entry.size ?? 0, limit, ref) : undefined;
          if (refusal !== undefined) throw refusal;
        }
      }
      return repo.readFiles(tip, wanted);
    };
    return await work({ ref, commit: tip, read });
  } finally {
    await repo.dispose();
  }
}

/**
 * The same reader through the GitHub API: the ref's tip is read once, and its commit once (by the first read:
 * a failed read of it is tried again by the next), files at that commit on demand.
 */
async function apiConfigFiles(github: GitHubRepo, ref: string | undefined): Promise<ConfigFilesReader> {
  const branch = ref ?? (await defaultBranchViaApi(github));
  const commit = await branchTip({ ...github, branch });
  if (commit === undefined) throw missingRef(branch, `${github.owner}/${github.repo}`);
  let tree: Promise<string> | undefined;
  const treeOnce = (): Promise<string> => {
    tree ??= commitTreeViaApi({ ...github, branch, commit }).catch((error: unknown) => {
      tree = undefined;
      throw error;
    });
    return tree;
  };
  return {
    ref: branch,
    commit,
    read: (paths, limit = FILE_LIMITS.file) => {
      const wanted = repoPaths(paths);
      return treeOnce().then((root) =>
        readPathsViaApi({
          ...github,
          branch,
          commit,
          tree: root,
          paths: wanted,
          refuseSize: (path, size) => sizeRefusal(path, size, limit, branch),
        }),
      );
    },
  };
}

function sizeRefusal(file: string, size: number, limit: number, ref: string): Error | undefined {
  if (size <= limit) return undefined;
  return fileTooLarge(
    file,
    size,
    limit,
    `branch ${ref}`,
    'a policy or key file this large is not one: check what was committed there',
  );
}

function repoPaths(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const normalised = normaliseRepoPath(path);
    return normalised === undefined ? [] : [normalised];
  });
}

function missingRef(ref: string, where: string): SlipwayError {
  return new SlipwayError(`branch ${ref} does not exist`, {
    where,
    fix: 'check --policy-ref (the policy is read from the default branch unless it names another)',
  });
}
