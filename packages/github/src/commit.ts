import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import { apiFailure, type CallContext, calling, gitHubError } from './errors.js';
import { entriesAt, gitBlobSha, mapLimit, PathThroughFileError } from './tree.js';

/** Who wrote or committed (GitHub uses the token's user when absent; `date` is ISO 8601). */
export interface GitIdentity {
  name: string;
  email: string;
  date?: string;
}

export interface CommitFilesInput {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  /** The commit the change is based on (the tip the caller read); the branch moves only if it is still there. */
  parent: string;
  /** Path → new bytes, or null to delete. Files not named here are untouched; modes of changed files are kept. */
  files: ReadonlyMap<string, Buffer | null>;
  message: string;
  author?: GitIdentity;
  committer?: GitIdentity;
  /** The branch does not exist yet: create it at the new commit (a concurrent creation makes the result stale). */
  createBranch?: boolean;
}

export type CommitFilesResult =
  /** The branch now points to `sha` (`changed` false: nothing differed, `sha` is the parent). */
  | { ok: true; sha: string; changed: boolean }
  /** The branch moved since `parent` (GitHub: "Update is not a fast forward"): re-apply on the new tip. */
  | { ok: false; reason: 'stale' };

type TreeItem = { path: string; mode: '100644' | '100755' | '120000'; type: 'blob'; sha: string | null };

/**
 * Commits `files` on top of `parent` through the Git Data API — blobs, a tree on `base_tree`, a commit, then a
 * ref update with `force: false` — so GitHub signs it (web-flow, "Verified") and no clone is needed. The ref
 * update is GitHub's compare-and-swap: a branch that moved answers `{ ok: false, reason: 'stale' }`.
 */
export async function commitFilesViaApi(input: CommitFilesInput): Promise<CommitFilesResult> {
  const { client, owner, repo, branch, parent } = input;
  const context = (action: string): CallContext => ({
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

  const { data: parentCommit } = await calling(context(`reading parent commit ${parent.slice(0, 12)}`), () =>
    client.octokit.rest.git.getCommit({ owner, repo, commit_sha: parent }),
  );
  const baseTree = parentCommit.tree.sha;

  let existing: Awaited<ReturnType<typeof entriesAt>>;
  try {
    existing = await entriesAt(client, context('reading the parent tree'), baseTree, [...input.files.keys()]);
  } catch (error) {
    if (!(error instanceof PathThroughFileError)) throw error;
    throw new SlipwayError(`cannot write ${error.path}: ${error.file} is a file in the branch`, {
      where: `${owner}/${repo} (branch ${branch})`,
    });
  }

  const items: TreeItem[] = [];
  const uploads: Array<{ path: string; content: Buffer; sha: string }> = [];
  for (const [file, content] of input.files) {
    const current = existing.get(file);
    if (current?.type === 'tree' || current?.type === 'commit') {
      throw new SlipwayError(
        `cannot write ${file}: it is a ${current.type === 'tree' ? 'directory' : 'submodule'}`,
        {
          where: `${owner}/${repo} (branch ${branch})`,
        },
      );
    }
    const mode = current?.mode === '100755' || current?.mode === '120000' ? current.mode : '100644';
    if (content === null) {
      if (current !== undefined) items.push({ path: file, mode, type: 'blob', sha: null });
      continue;
    }
    const sha = gitBlobSha(content);
    if (current?.sha === sha) continue;
    uploads.push({ path: file, content, sha });
    items.push({ path: file, mode, type: 'blob', sha });
  }

  if (items.length === 0) {
    if (input.createBranch === true) return await updateRef(input, context, parent);
    return { ok: true, sha: parent, changed: false };
  }

  await mapLimit(uploads, 4, async (upload) => {
    const { data } = await calling(context(`uploading ${upload.path}`), () =>
      client.octokit.rest.git.createBlob({
        owner,
        repo,
        content: upload.content.toString('base64'),
        encoding: 'base64',
      }),
    );
    if (data.sha !== upload.sha) {
      throw new SlipwayError(`GitHub stored ${upload.path} as blob ${data.sha}, expected ${upload.sha}`, {
        where: `${owner}/${repo} (branch ${branch})`,
      });
    }
  });

  const { data: tree } = await calling(context('creating the tree'), () =>
    client.octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: items }),
  );
  const { data: commit } = await calling(context('creating the commit'), () =>
    client.octokit.rest.git.createCommit({
      owner,
      repo,
      message: input.message,
      tree: tree.sha,
      parents: [parent],
      ...(input.author === undefined ? {} : { author: input.author }),
      ...(input.committer === undefined ? {} : { committer: input.committer }),
    }),
  );
  return await updateRef(input, context, commit.sha);
}

async function updateRef(
  input: CommitFilesInput,
  context: (action: string) => CallContext,
  sha: string,
): Promise<CommitFilesResult> {
  const { client, owner, repo, branch } = input;
  const changed = sha !== input.parent;
  try {
    if (input.createBranch === true) {
      await client.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
    } else {
      await client.octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
    }
    return { ok: true, sha, changed };
  } catch (error) {
    const failure = apiFailure(error);
    if (failure?.status === 422) {
      if (/not a fast.?forward/i.test(failure.message) || /reference already exists/i.test(failure.message)) {
        return { ok: false, reason: 'stale' };
      }
      if (/reference does not exist/i.test(failure.message)) {
        throw new SlipwayError(`branch ${branch} does not exist`, {
          where: `${owner}/${repo}`,
          fix: 'create the branch first (or commit with createBranch)',
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
