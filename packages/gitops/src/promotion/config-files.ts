import {
  type CodeCommitRepo,
  branchTipViaApi as codeCommitBranchTip,
  defaultBranchViaApi as codeCommitDefaultBranch,
  readFilesViaApi as readCodeCommitFiles,
} from '@slipway/codecommit';
import { SlipwayError } from '@slipway/errors';
import { branchTip, defaultBranchViaApi, readPathsViaApi } from '@slipway/github';
import { ConfigRepo, type GitAuth, GitError } from '../git/index.js';
import { FILE_LIMITS, fileTooLarge } from '../limits.js';
import { assertPolicyRef, branchName, missingDefaultBranch, writtenByPromotions } from './policy-source.js';
import { normaliseRepoPath } from './target.js';
import type { GitHubRepo } from './transport.js';

export interface ConfigFilesRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /**
   * Branch to read (`--policy-ref`); default: the config repo's default branch (where its owners keep the
   * policy). A branch promotions can write is refused before anything is read (see policy-source.ts).
   */
  readonly ref?: string;
  /** The branches and branch templates (`env/{env}`) promotions write: never a source of the policy. */
  readonly written: readonly string[];
  /**
   * With `ref` naming a branch other than the default one: the branches and templates the owners' policy on the
   * default branch makes promotions write, given a reader of that branch (it holds no policy: none). `ref` is
   * refused when it is one of them; otherwise a loosened policy pushed to an environment branch the flags and
   * `env/{env}` do not name (`staging: {branch: staging}`) could be named with --policy-ref and obeyed.
   */
  readonly writtenByOwners?: (defaultBranch: ConfigFilesReader) => Promise<readonly string[]>;
  /** Told when no branch could hold a policy, so none is read (see missingDefaultBranch). */
  readonly warn: (message: string) => void;
  /** Read through the GitHub API (`--via github-api`): no git at all. Default: a one-branch git fetch. */
  readonly github?: GitHubRepo;
  /** Read through the CodeCommit API (`--via codecommit-api`): no git at all. */
  readonly codecommit?: CodeCommitRepo;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
  /**
   * Through git: the temporary repository to read in, opened by the caller, who disposes of it (a promotion
   * reads the policy and then its branches through one). Default: one of its own, gone when `work` ends.
   */
  readonly repo?: ConfigRepo;
}

export interface ConfigFilesReader {
  readonly ref: string;
  /** Whether the branch was named (`--policy-ref`) rather than found as the default branch. */
  readonly given: boolean;
  /**
   * Set when promotions can write this branch (the default branch is an environment branch): why. A policy
   * found here is not to be trusted; with none, nothing is lost.
   */
  readonly writtenBy: string | undefined;
  readonly commit: string;
  /**
   * The files that exist among `paths` (repo-relative), read from the ref's tip. One over `limit` bytes
   * (default: {@link FILE_LIMITS}.file; keys pass `.key`) is refused before it is read.
   */
  read(paths: readonly string[], limit?: number): Promise<Map<string, Buffer>>;
}

/**
 * Gives `work` a reader of single files on the branch the policy comes from (the policy and the keys it
 * names), or undefined when no branch could hold a policy. Through git it fetches only the commit, its trees
 * and the blobs asked for; through the GitHub API it lists only the directories on the paths asked for and
 * reads their blobs. Both paths decide where the policy may come from with the same functions.
 */
export async function withConfigFiles<T>(
  request: ConfigFilesRequest,
  work: (reader: ConfigFilesReader | undefined) => Promise<T>,
): Promise<T> {
  const given = request.ref === undefined ? undefined : branchName(request.ref);
  if (request.ref !== undefined) assertPolicyRef(request.ref, request.written);
  const api =
    request.github !== undefined
      ? gitHubFiles(request.github)
      : request.codecommit !== undefined
        ? codeCommitFiles(request.codecommit)
        : undefined;
  if (api !== undefined) return await work(await apiConfigFiles(request, api, given));
  const repo =
    request.repo ??
    (await ConfigRepo.open(request.configRepo, request.auth, {
      tmpRoot: request.tmpRoot,
      onCommand: request.onCommand,
    }));
  try {
    const head =
      given === undefined || request.writtenByOwners !== undefined ? await repo.headBranch() : undefined;
    const ref = given ?? head;
    // The owners' policy on the default branch comes in the same fetch as --policy-ref (commit and trees only).
    const owners = given !== undefined && head !== undefined && head !== given ? head : undefined;
    const tips =
      ref === undefined
        ? new Map<string, string | null>()
        : await repo.fetchBranches(owners === undefined ? [ref] : [ref, owners], { blobs: 'none' });
    const fetched = ref === undefined ? null : (tips.get(ref) ?? null);
    if (fetched === null || ref === undefined) {
      if (given !== undefined) throw missingRef(given, repo.url);
      const instead = missingDefaultBranch(ref, await repo.branches(), request.written, repo.url);
      const tip =
        instead.branch === undefined
          ? null
          : ((await repo.fetchBranches([instead.branch], { blobs: 'none' })).get(instead.branch) ?? null);
      if (instead.branch !== undefined && tip === null) throw missingRef(instead.branch, repo.url);
      request.warn(instead.warning);
      if (instead.branch === undefined || tip === null) return await work(undefined);
      return await work(gitReader(repo, instead.branch, tip, false, request.written));
    }
    const ownersTip = owners === undefined ? null : (tips.get(owners) ?? null);
    if (given !== undefined && owners !== undefined && ownersTip !== null) {
      await refuseOwnersBranch(request, given, gitReader(repo, owners, ownersTip, false, request.written));
    }
    return await work(gitReader(repo, ref, fetched, given !== undefined, request.written));
  } finally {
    if (request.repo === undefined) await repo.dispose();
  }
}

/**
 * Refuses `--policy-ref` when the policy on the default branch makes it a branch promotions write: that
 * policy is the owners' word on which branches are environments, whatever the branch named says of itself.
 */
async function refuseOwnersBranch(
  request: ConfigFilesRequest,
  given: string,
  defaultBranch: ConfigFilesReader,
): Promise<void> {
  if (request.writtenByOwners === undefined) return;
  const written = await request.writtenByOwners(defaultBranch);
  assertPolicyRef(given, written, `the policy on the default branch ${defaultBranch.ref} says so`);
}

/**
 * A reader of single files at `tip` of `ref`: it fetches only the blobs asked for, or, when the server will
 * not send single blobs, the branch whole (once).
 */
function gitReader(
  repo: ConfigRepo,
  ref: string,
  fetched: string,
  given: boolean,
  written: readonly string[],
): ConfigFilesReader {
  let whole = false;
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
  return {
    ref,
    given,
    writtenBy: writtenByPromotions(ref, written),
    commit: fetched,
    read,
  };
}

/** What reading single files through a forge's API takes: the default branch, a tip, files at a commit. */
interface ApiFiles {
  /** The repository, for messages. */
  readonly where: string;
  defaultBranch(): Promise<string | undefined>;
  tip(branch: string): Promise<string | undefined>;
  /** A reader of files at `commit` of `branch`, each refused by `refuseSize` when too large. */
  reader(
    branch: string,
    commit: string,
  ): (
    paths: readonly string[],
    refuseSize: (path: string, size: number) => Error | undefined,
  ) => Promise<Map<string, Buffer>>;
}

function gitHubFiles(github: GitHubRepo): ApiFiles {
  return {
    where: `${github.owner}/${github.repo}`,
    defaultBranch: () => defaultBranchViaApi(github),
    tip: (branch) => branchTip({ ...github, branch }),
    reader: (branch, commit) => async (paths, refuseSize) =>
      readPathsViaApi({ ...github, branch, commit, paths, refuseSize }),
  };
}

/**
 * CodeCommit's GetFile answers a file's size only with its bytes (at most 6 MB: the API's own bound), so the
 * size limit is checked as each file arrives, before any of them is parsed.
 */
function codeCommitFiles(repo: CodeCommitRepo): ApiFiles {
  return {
    where: repo.display,
    defaultBranch: () => codeCommitDefaultBranch(repo),
    tip: (branch) => codeCommitBranchTip(repo, branch),
    reader: (branch, commit) => async (paths, refuseSize) => {
      const read = await readCodeCommitFiles(repo, commit, paths, { branch });
      const files = new Map<string, Buffer>();
      for (const [path, file] of read) {
        const refusal = refuseSize(path, file.bytes.length);
        if (refusal !== undefined) throw refusal;
        files.set(path, file.bytes);
      }
      return files;
    },
  };
}

/**
 * The same reader through a forge's API. The API does not list branches here, so a missing default branch is
 * always an error naming --policy-ref. With --policy-ref, the default branch's policy is read first (its name,
 * tip, commit, and the blobs on the way to the policy).
 */
async function apiConfigFiles(
  request: ConfigFilesRequest,
  api: ApiFiles,
  given: string | undefined,
): Promise<ConfigFilesReader> {
  const head =
    given === undefined || request.writtenByOwners === undefined ? undefined : await api.defaultBranch();
  const branch = given ?? (await api.defaultBranch());
  const commit = branch === undefined ? undefined : await api.tip(branch);
  if (commit === undefined || branch === undefined) {
    if (given !== undefined) throw missingRef(given, api.where);
    missingDefaultBranch(branch, undefined, request.written, api.where);
    throw new Error('bug: a missing default branch without a branch list must be refused');
  }
  if (given !== undefined && head !== undefined && head !== given) {
    const ownersTip = await api.tip(head);
    if (ownersTip !== undefined) {
      await refuseOwnersBranch(request, given, apiReader(api, head, ownersTip, false, request.written));
    }
  }
  return apiReader(api, branch, commit, given !== undefined, request.written);
}

/** Files at `commit` of `branch` on demand. */
function apiReader(
  api: ApiFiles,
  branch: string,
  commit: string,
  given: boolean,
  written: readonly string[],
): ConfigFilesReader {
  const read = api.reader(branch, commit);
  return {
    ref: branch,
    given,
    writtenBy: writtenByPromotions(branch, written),
    commit,
    read: (paths, limit = FILE_LIMITS.file) =>
      read(repoPaths(paths), (path, size) => sizeRefusal(path, size, limit, branch)),
  };
}

function sizeRefusal(file: string, size: number, limit: number, ref: string): Error | undefined {
  if (size <= limit) return undefined;
  return fileTooLarge(
    file,
    size,
    limit,
    `branch ${ref}`,
    'a policy, key or trusted root file this large is not one: check what was committed there',
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
