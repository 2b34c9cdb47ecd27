import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import { apiFailure, type CallContext, calling, gitHubError } from './errors.js';
import { entriesAt, listAllEntries, mapLimit, type TreeEntry } from './tree.js';

/** A branch tip and its whole tree, as read through the API. */
export interface BranchSnapshot {
  owner: string;
  repo: string;
  branch: string;
  /** The commit the branch points to. */
  sha: string;
  /** Its root tree. */
  tree: string;
  /** Every entry (files, symlinks, submodules and directories), sorted by path. */
  entries: readonly TreeEntry[];
}

interface RepoInput {
  client: GitHubClient;
  owner: string;
  repo: string;
}

const readContext = (input: RepoInput, branch: string | undefined, action: string): CallContext => ({
  owner: input.owner,
  repo: input.repo,
  ...(branch === undefined ? {} : { branch }),
  action,
  permission: 'contents: read',
  apiUrl: input.client.apiUrl,
});

/** The repository's default branch (where its owners keep `.slipway.yaml`). */
export async function defaultBranchViaApi(input: RepoInput): Promise<string> {
  const { data } = await calling(readContext(input, undefined, 'reading the repository'), async () =>
    (await input.client.api()).rest.repos.get({ owner: input.owner, repo: input.repo }),
  );
  return data.default_branch;
}

/** The commit `branch` points to, or undefined when the branch does not exist (the repository must). */
export async function branchTip(input: RepoInput & { branch: string }): Promise<string | undefined> {
  const sha = await refTip(input);
  if (sha !== undefined) return sha;
  // 404 for the ref: the branch is missing, unless the repository itself is (or is hidden from the token).
  await calling(readContext(input, input.branch, 'reading the repository'), async () =>
    (await input.client.api()).rest.repos.get({ owner: input.owner, repo: input.repo }),
  );
  return undefined;
}

/** The commit `branch` points to, or undefined on a 404 (a missing branch, or a missing repository). */
export async function refTip(input: RepoInput & { branch: string }): Promise<string | undefined> {
  try {
    const { data } = await (await input.client.api()).rest.git.getRef({
      owner: input.owner,
      repo: input.repo,
      ref: `heads/${input.branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (apiFailure(error)?.status === 404) return undefined;
    throw gitHubError(error, readContext(input, input.branch, `reading branch ${input.branch}`));
  }
}

/**
 * The tip of `branch` with its complete tree listing, or undefined when the branch does not exist: two requests
 * (the ref, then the recursive listing asked by the commit's id, which GitHub answers with the root tree's id,
 * so the commit itself is never read); a directory walk when GitHub truncates. There is no grep over the API:
 * pick candidate files from `entries` (see searchTree), then read them with readFilesViaApi.
 */
export async function readBranch(input: RepoInput & { branch: string }): Promise<BranchSnapshot | undefined> {
  const sha = await branchTip(input);
  if (sha === undefined) return undefined;
  const context = readContext(input, input.branch, `reading commit ${sha.slice(0, 12)}`);
  const { tree, entries } = await listAllEntries(input.client, context, sha);
  return { owner: input.owner, repo: input.repo, branch: input.branch, sha, tree, entries };
}

/**
 * The regular files (modes 100644 and 100755; not symlinks, submodules or directories) of `tip` that
 * `predicate` accepts, e.g. `(entry) => /\.ya?ml$/.test(entry.path)`.
 */
export function searchTree(tip: BranchSnapshot, predicate: (entry: TreeEntry) => boolean): TreeEntry[] {
  return tip.entries.filter(
    (entry) =>
      entry.type === 'blob' && (entry.mode === '100644' || entry.mode === '100755') && predicate(entry),
  );
}

/**
 * The bytes of `paths` at the tip of a branch: pass `branch` (read afresh) or a `tip` from readBranch. Paths that
 * are not regular files there are absent from `files`. Throws when the branch does not exist.
 */
export async function readFilesViaApi(
  input: RepoInput &
    ({ branch: string; tip?: undefined } | { tip: BranchSnapshot; branch?: undefined }) & {
      paths: readonly string[];
    },
): Promise<{ tip: BranchSnapshot; files: Map<string, Buffer> }> {
  const branch = input.tip?.branch ?? input.branch ?? '';
  const tip = input.tip ?? (await readBranch({ ...input, branch }));
  if (tip === undefined) {
    throw new SlipwayError(`branch ${branch} does not exist`, {
      where: `${input.owner}/${input.repo}`,
      fix: 'check the branch name, or create the branch first',
    });
  }
  const byPath = new Map(tip.entries.map((entry) => [entry.path, entry]));
  const wanted = [...new Set(input.paths)].flatMap((file) => {
    const entry = byPath.get(file);
    return entry !== undefined && searchTree({ ...tip, entries: [entry] }, () => true).length === 1
      ? [entry]
      : [];
  });
  const blobs = await readBlobsViaApi({
    ...input,
    branch,
    shas: wanted.map((entry) => entry.sha),
    concurrency: 6,
  });
  const files = wanted
    .map((entry): [string, Buffer] => [entry.path, blobs.get(entry.sha) as Buffer])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { tip, files: new Map(files) };
}

/** The root tree of `commit` (one request). */
export async function commitTreeViaApi(
  input: RepoInput & { commit: string; branch?: string },
): Promise<string> {
  const context = readContext(input, input.branch, `reading commit ${input.commit.slice(0, 12)}`);
  const { data: commit } = await calling(context, async () =>
    (await input.client.api()).rest.git.getCommit({
      owner: input.owner,
      repo: input.repo,
      commit_sha: input.commit,
    }),
  );
  return commit.tree.sha;
}

/**
 * The blobs at `paths` in `commit`, as `git cat-file <commit>:<path>` reads them: any blob (a symlink's bytes are
 * its target; nothing is followed); a path that is missing, a directory or a submodule, or that goes through a
 * file, is absent. Only the directories on those paths are listed, never the whole tree: a few files of a big
 * repository (a policy and the keys it names) cost a few requests. The commit itself is never read: GitHub
 * lists a commit's root tree when asked for the tree of the commit's id (pass `tree` when it is known anyway).
 */
export async function readPathsViaApi(
  input: RepoInput & {
    commit: string;
    tree?: string;
    paths: readonly string[];
    branch?: string;
    /** Called with each blob's size (from the tree listing) before any is read: an error refuses them all. */
    refuseSize?: (path: string, size: number) => Error | undefined;
  },
): Promise<Map<string, Buffer>> {
  const context = readContext(input, input.branch, `reading commit ${input.commit.slice(0, 12)}`);
  const tree = input.tree ?? input.commit;
  const found = await entriesAt(input.client, context, tree, [...new Set(input.paths)], {
    throughFile: 'absent',
  });
  const blobs = [...found].flatMap(([path, entry]) =>
    entry?.type === 'blob' ? [{ path, sha: entry.sha, size: entry.size ?? 0 }] : [],
  );
  for (const blob of blobs) {
    const refusal = input.refuseSize?.(blob.path, blob.size);
    if (refusal !== undefined) throw refusal;
  }
  const bytes = await readBlobsViaApi({ ...input, shas: blobs.map((blob) => blob.sha) });
  return new Map(blobs.map(({ path, sha }) => [path, bytes.get(sha) as Buffer]));
}

/**
 * The bytes of blobs by id (a few requests at a time). Unlike readFilesViaApi, any blob is read, symlinks
 * included (their bytes are the link target); nothing is followed.
 */
export async function readBlobsViaApi(
  input: RepoInput & { shas: readonly string[]; concurrency?: number; branch?: string },
): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  await mapLimit([...new Set(input.shas)], input.concurrency ?? 8, async (sha) => {
    const { data } = await calling(
      readContext(input, input.branch, `reading blob ${sha.slice(0, 12)}`),
      async () =>
        (await input.client.api()).rest.git.getBlob({ owner: input.owner, repo: input.repo, file_sha: sha }),
    );
    blobs.set(sha, Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
  });
  return blobs;
}
