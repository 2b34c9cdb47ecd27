import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import { apiFailure, type CallContext, calling, gitHubError } from './errors.js';
import { refTip } from './read.js';
import { entriesAt, gitBlobSha, mapLimit, PathThroughFileError, type TreeEntry } from './tree.js';

/** Who wrote or committed (GitHub uses the token's user when absent; `date` is ISO 8601). */
export interface GitIdentity {
  name: string;
  email: string;
  date?: string;
}

/**
 * How the branch moves to the new commit:
 * - `fast-forward` (default): only from `parent` — GitHub's compare-and-swap (`force: false`); a branch that
 *   moved is stale, a missing one an error.
 * - `create`: the branch must not exist yet; a concurrent creation is stale.
 * - `{ lease }`: forced, but only over `lease` (null: the branch must not exist), for a branch Slipway owns
 *   (a pull request's head), never an environment branch. The REST API has no compare-and-swap for a forced
 *   update, so the lease is checked with a read just before the update: a writer that moves the branch in
 *   between (milliseconds) is overwritten. A creation is exact.
 */
export type BranchMove = 'fast-forward' | 'create' | { readonly lease: string | null };

export interface CommitFilesInput {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  /** The commit the change is based on (the tip the caller read). */
  parent: string;
  /**
   * Path → new bytes, or null to delete. Files not named here are untouched; modes of changed files are kept.
   * A symlink is never written through (as in git mode), and a directory or submodule never replaced.
   */
  files: ReadonlyMap<string, Buffer | null>;
  message: string;
  author?: GitIdentity;
  committer?: GitIdentity;
  move?: BranchMove;
  /**
   * What the caller already read of `parent` (readBranch's snapshot): its root tree and every entry. The parent
   * and its directories are then not read again, which saves a request per directory on the way to each file.
   */
  base?: { readonly tree: string; readonly entries: readonly TreeEntry[] };
}

export type CommitFilesResult =
  /**
   * The branch now points to `sha`. `changed` false: nothing differed, no commit was made and `sha` is the
   * parent (with `fast-forward` the branch did not move; `create` and `lease` point it at the parent).
   */
  | { ok: true; sha: string; changed: boolean }
  /** The branch is not where the move required (GitHub: "Update is not a fast forward"): re-apply on its tip. */
  | { ok: false; reason: 'stale' };

type TreeItem = { path: string; mode: '100644' | '100755' | '120000'; type: 'blob' } & (
  | { sha: string | null }
  | { content: string }
);

type Context = (action: string) => CallContext;

/**
 * Commits `files` on top of `parent` through the Git Data API — a tree on the parent's tree, a commit — then
 * moves `branch` to it as `move` says: three requests when `base` is given and every file is UTF-8 text (its
 * bytes go inline in the tree call; other bytes are uploaded as blobs first). GitHub signs the commit
 * (web-flow, "Verified") and no clone is needed.
 */
export async function commitFilesViaApi(input: CommitFilesInput): Promise<CommitFilesResult> {
  const { client, owner, repo, branch } = input;
  const context: Context = (action) => ({
    owner,
    repo,
    branch,
    action,
    permission: 'contents: write',
    apiUrl: client.apiUrl,
  });
  for (const file of input.files.keys()) {
    if (file === '' || file.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new SlipwayError(`invalid path in commit: ${JSON.stringify(file)}`, {
        where: `${owner}/${repo} (branch ${branch})`,
        fix: 'use a relative path inside the repository, with / separators',
      });
    }
  }
  const sha = (await createCommit(input, context)) ?? input.parent;
  return await moveBranch(input, context, sha);
}

/** Blobs, a tree on the parent's tree and the commit; undefined when no file differs (nothing is written). */
async function createCommit(input: CommitFilesInput, context: Context): Promise<string | undefined> {
  const { client, owner, repo, branch, parent } = input;
  const where = `${owner}/${repo} (branch ${branch})`;
  let baseTree: string;
  let existing: ReadonlyMap<string, TreeEntry | undefined>;
  try {
    if (input.base === undefined) {
      const { data: parentCommit } = await calling(
        context(`reading parent commit ${parent.slice(0, 12)}`),
        async () => (await client.api()).rest.git.getCommit({ owner, repo, commit_sha: parent }),
      );
      baseTree = parentCommit.tree.sha;
      existing = await entriesAt(client, context('reading the parent tree'), baseTree, [
        ...input.files.keys(),
      ]);
    } else {
      baseTree = input.base.tree;
      existing = entriesIn(input.base.entries, [...input.files.keys()]);
    }
  } catch (error) {
    if (!(error instanceof PathThroughFileError)) throw error;
    throw new SlipwayError(`cannot write ${error.path}: ${error.file} is a file in the branch`, { where });
  }

  const items: TreeItem[] = [];
  const uploads: Array<{ path: string; content: Buffer; sha: string }> = [];
  for (const [file, content] of input.files) {
    const current = existing.get(file);
    if (current?.type === 'tree' || current?.type === 'commit') {
      throw new SlipwayError(
        `cannot write ${file}: it is a ${current.type === 'tree' ? 'directory' : 'submodule'}`,
        { where },
      );
    }
    if (content !== null && current?.mode === '120000') {
      throw new SlipwayError(`refusing to write ${file}: it is a symlink`, {
        where,
        fix: 'write the file it points to, or replace the link by hand',
      });
    }
    const mode = current?.mode === '100755' || current?.mode === '120000' ? current.mode : '100644';
    if (content === null) {
      if (current !== undefined) items.push({ path: file, mode, type: 'blob', sha: null });
      continue;
    }
    const sha = gitBlobSha(content);
    if (current?.sha === sha) continue;
    // Text goes inline (GitHub stores a tree entry's `content` as UTF-8): no blob upload, one round trip less.
    const text = content.toString('utf8');
    if (mode !== '120000' && Buffer.from(text, 'utf8').equals(content)) {
      items.push({ path: file, mode, type: 'blob', content: text });
      continue;
    }
    uploads.push({ path: file, content, sha });
    items.push({ path: file, mode, type: 'blob', sha });
  }
  if (items.length === 0) return undefined;

  await mapLimit(uploads, 4, async (upload) => {
    const { data } = await calling(context(`uploading ${upload.path}`), async () =>
      (await client.api()).rest.git.createBlob({
        owner,
        repo,
        content: upload.content.toString('base64'),
        encoding: 'base64',
      }),
    );
    if (data.sha !== upload.sha) {
      throw new SlipwayError(`GitHub stored ${upload.path} as blob ${data.sha}, expected ${upload.sha}`, {
        where,
      });
    }
  });

  const { data: tree } = await calling(context('creating the tree'), async () =>
    (await client.api()).rest.git.createTree({ owner, repo, base_tree: baseTree, tree: items }),
  );
  const { data: commit } = await calling(context('creating the commit'), async () =>
    (await client.api()).rest.git.createCommit({
      owner,
      repo,
      message: input.message,
      tree: tree.sha,
      parents: [parent],
      ...(input.author === undefined ? {} : { author: input.author }),
      ...(input.committer === undefined ? {} : { committer: input.committer }),
    }),
  );
  return commit.sha;
}

/** Points the branch at `sha` as `input.move` allows; a branch that is not where the move needs it is stale. */
async function moveBranch(
  input: CommitFilesInput,
  context: Context,
  sha: string,
): Promise<CommitFilesResult> {
  const { client, owner, repo, branch } = input;
  const move = input.move ?? 'fast-forward';
  const changed = sha !== input.parent;
  const moved: CommitFilesResult = { ok: true, sha, changed };
  const stale: CommitFilesResult = { ok: false, reason: 'stale' };
  if (move === 'fast-forward' && !changed) return moved;
  const lease = typeof move === 'object' ? move.lease : undefined;
  if (typeof move === 'object' && (await refTip(input)) !== (lease ?? undefined)) return stale;
  try {
    if (move === 'create' || (typeof move === 'object' && lease === null)) {
      await (await client.api()).rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
    } else {
      await (await client.api()).rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha,
        force: typeof move === 'object',
      });
    }
    return moved;
  } catch (error) {
    const failure = apiFailure(error);
    if (failure?.status === 422) {
      if (/not a fast.?forward/i.test(failure.message) || /reference already exists/i.test(failure.message)) {
        return stale;
      }
      if (/reference does not exist/i.test(failure.message)) {
        if (typeof move === 'object') return stale;
        throw new SlipwayError(`branch ${branch} does not exist`, {
          where: `${owner}/${repo}`,
          fix: 'create the branch first (or commit with move: create)',
          cause: error,
        });
      }
      if (/protected branch|through a pull request|required status/i.test(failure.message)) {
        throw new SlipwayError(`GitHub refused to move the protected branch ${branch} (${failure.message})`, {
          where: `${owner}/${repo} (branch ${branch})`,
          fix: 'promote through a pull request (mode: pull-request), or let this token bypass the branch protection',
          cause: error,
        });
      }
    }
    throw gitHubError(error, context(`updating branch ${branch}`));
  }
}

/**
 * The entries at `paths` in a whole listing, as entriesAt finds them by walking: undefined where nothing is,
 * PathThroughFileError for a path that goes through a file.
 */
function entriesIn(
  listing: readonly TreeEntry[],
  paths: readonly string[],
): Map<string, TreeEntry | undefined> {
  const byPath = new Map(listing.map((entry) => [entry.path, entry]));
  const found = new Map<string, TreeEntry | undefined>();
  for (const file of paths) {
    const parts = file.split('/');
    for (let index = 1; index < parts.length; index += 1) {
      const here = parts.slice(0, index).join('/');
      const entry = byPath.get(here);
      if (entry !== undefined && entry.type !== 'tree') throw new PathThroughFileError(file, here);
    }
    found.set(file, byPath.get(file));
  }
  return found;
}
