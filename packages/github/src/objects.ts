import { SlipwayError } from '@slipway/errors';
import type { GitHubClient } from './client.js';
import type { GitIdentity } from './commit.js';
import { apiFailure, type CallContext, calling, gitHubError } from './errors.js';
import { entriesAt, gitBlobSha, mapLimit, PathThroughFileError } from './tree.js';

interface RepoInput {
  client: GitHubClient;
  owner: string;
  repo: string;
}

const context = (input: RepoInput, action: string, permission: string, branch?: string): CallContext => ({
  owner: input.owner,
  repo: input.repo,
  ...(branch === undefined ? {} : { branch }),
  action,
  permission,
  apiUrl: input.client.apiUrl,
});

export interface CreateCommitInput extends RepoInput {
  /** The commit the change is based on. */
  parent: string;
  /** Path → new bytes. Files not named here are kept; modes of changed files are kept. */
  files: ReadonlyMap<string, Buffer>;
  message: string;
  author?: GitIdentity;
  committer?: GitIdentity;
  /** For messages only: where the commit is meant to go. */
  branch?: string;
}

/**
 * Creates a commit on top of `parent` through the Git Data API (blobs, a tree on `base_tree`, the commit) and
 * moves no branch: the caller points a ref at it (e.g. with leaseBranchViaApi). GitHub signs it (web-flow).
 */
export async function createCommitViaApi(input: CreateCommitInput): Promise<string> {
  const { client, owner, repo, parent, branch } = input;
  const where = `${owner}/${repo}${branch === undefined ? '' : ` (branch ${branch})`}`;
  const write = (action: string) => context(input, action, 'contents: write', branch);
  const { data: parentCommit } = await calling(write(`reading parent commit ${parent.slice(0, 12)}`), () =>
    client.octokit.rest.git.getCommit({ owner, repo, commit_sha: parent }),
  );
  let existing: Awaited<ReturnType<typeof entriesAt>>;
  try {
    existing = await entriesAt(client, write('reading the parent tree'), parentCommit.tree.sha, [
      ...input.files.keys(),
    ]);
  } catch (error) {
    if (!(error instanceof PathThroughFileError)) throw error;
    throw new SlipwayError(`cannot write ${error.path}: ${error.file} is a file in the branch`, { where });
  }
  const items: Array<{ path: string; mode: '100644' | '100755'; type: 'blob'; sha: string }> = [];
  const uploads: Array<{ path: string; content: Buffer; sha: string }> = [];
  for (const [file, content] of input.files) {
    if (file === '' || file.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new SlipwayError(`invalid path in commit: ${JSON.stringify(file)}`, { where });
    }
    const current = existing.get(file);
    if (current !== undefined && current.type === 'blob' && current.mode === '120000') {
      throw new SlipwayError(`refusing to write ${file}: it is a symlink`, {
        where,
        fix: 'write the file it points to, or replace the link by hand',
      });
    }
    if (current?.type === 'tree' || current?.type === 'commit') {
      throw new SlipwayError(
        `cannot write ${file}: it is a ${current.type === 'tree' ? 'directory' : 'submodule'}`,
        { where },
      );
    }
    const sha = gitBlobSha(content);
    if (current?.sha === sha) continue;
    uploads.push({ path: file, content, sha });
    items.push({ path: file, mode: current?.mode === '100755' ? '100755' : '100644', type: 'blob', sha });
  }
  await mapLimit(uploads, 4, async (upload) => {
    const { data } = await calling(write(`uploading ${upload.path}`), () =>
      client.octokit.rest.git.createBlob({
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
  const tree =
    items.length === 0
      ? parentCommit.tree.sha
      : (
          await calling(write('creating the tree'), () =>
            client.octokit.rest.git.createTree({
              owner,
              repo,
              base_tree: parentCommit.tree.sha,
              tree: items,
            }),
          )
        ).data.sha;
  const { data: commit } = await calling(write('creating the commit'), () =>
    client.octokit.rest.git.createCommit({
      owner,
      repo,
      message: input.message,
      tree,
      parents: [parent],
      ...(input.author === undefined ? {} : { author: input.author }),
      ...(input.committer === undefined ? {} : { committer: input.committer }),
    }),
  );
  return commit.sha;
}

export type LeaseResult = { ok: true } | { ok: false; reason: 'stale'; current: string | undefined };

/**
 * Points `branch` at `sha` whatever it held — but only if it still holds `expected` (undefined: the branch
 * must not exist): a force update with a lease, for a branch the caller owns (never an environment branch).
 * The REST API has no compare-and-swap for a forced update, so the lease is checked with a read just before
 * the update: a writer that moves the branch in between (milliseconds) is overwritten. A creation is exact.
 */
export async function leaseBranchViaApi(
  input: RepoInput & { branch: string; sha: string; expected: string | undefined },
): Promise<LeaseResult> {
  const { client, owner, repo, branch, sha } = input;
  const write = context(input, `updating branch ${branch}`, 'contents: write', branch);
  const current = await readRef(input, branch);
  if (current !== input.expected) return { ok: false, reason: 'stale', current };
  try {
    if (input.expected === undefined) {
      await client.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
    } else {
      await client.octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
    }
    return { ok: true };
  } catch (error) {
    const failure = apiFailure(error);
    if (failure?.status === 422 && /already exists|does not exist/i.test(failure.message)) {
      return { ok: false, reason: 'stale', current: await readRef(input, branch) };
    }
    throw gitHubError(error, write);
  }
}

async function readRef(input: RepoInput, branch: string): Promise<string | undefined> {
  try {
    const { data } = await input.client.octokit.rest.git.getRef({
      owner: input.owner,
      repo: input.repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if (apiFailure(error)?.status === 404) return undefined;
    throw gitHubError(error, context(input, `reading branch ${branch}`, 'contents: read', branch));
  }
}
