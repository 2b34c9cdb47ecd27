import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testGitEnv } from './git.js';

/**
 * A loopback stand-in for the GitHub REST (and a sliver of GraphQL) API whose repositories are real bare git
 * repositories: blobs, trees, commits and refs created through it are git objects and refs in the bare repo, so
 * fast-forward checks and races behave like GitHub's. Pull requests, labels, statuses, check runs and auto-merge
 * requests live in memory (`state`).
 */

const DOCS = 'https://docs.github.com/rest';

/** How startGitHubServer behaves. */
export interface GitHubServerOptions {
  /** `owner/name` → path of the bare repository that holds its git data (matched case-insensitively). */
  repos: Record<string, string>;
  /** The token every request must carry as `Authorization: Bearer <token>` or `token <token>`. */
  token: string;
  /** What the token may do: `read` answers every write with 403 "Resource not accessible by integration". */
  permission?: 'read' | 'write';
  /** Whether the repositories allow auto-merge (GraphQL `enablePullRequestAutoMerge`); default true. */
  allowAutoMerge?: boolean;
  /** The user the token belongs to (author of API commits that name none, of pull requests, of statuses). */
  user?: { login: string; name: string; email: string };
  /** Largest request body accepted (413 beyond); default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * Largest recursive tree listing answered in full; beyond it the answer is cut and says `truncated: true`
   * (GitHub's limit is 100,000 entries or 7 MB). Default: no limit.
   */
  maxTreeEntries?: number;
  /** Runs before each authorised request is handled (e.g. to move a branch under a client's feet). */
  onRequest?: (request: { method: string; path: string }) => void | Promise<void>;
}

/** A request the server saw; the Authorization header is never kept. */
export interface RecordedApiRequest {
  method: string;
  /** Path without query, decoded, e.g. `/repos/acme/config/git/refs/heads/env/dev`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (undefined when there was none). */
  body: unknown;
  /** The status the server answered with. */
  status: number;
}

/** A pull request as the fake keeps it. */
export interface FakePullRequest {
  repo: string;
  number: number;
  nodeId: string;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergeCommitSha: string | null;
  labels: string[];
  autoMerge: { mergeMethod: 'MERGE' | 'SQUASH' | 'REBASE' } | null;
  createdAt: string;
  updatedAt: string;
}

/** One `POST /issues/{n}/labels` call. */
export interface LabelRequest {
  repo: string;
  number: number;
  labels: string[];
}

/** One successful `enablePullRequestAutoMerge` mutation. */
export interface AutoMergeRequest {
  repo: string;
  number: number;
  pullRequestId: string;
  mergeMethod: 'MERGE' | 'SQUASH' | 'REBASE';
}

/** A commit status (`POST /repos/{o}/{r}/statuses/{sha}`). */
export interface FakeStatus {
  id: number;
  repo: string;
  sha: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  context: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A check run (added with `addCheckRun`; mutate it to move it along). */
export interface FakeCheckRun {
  id: number;
  repo: string;
  sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion:
    | 'success'
    | 'failure'
    | 'neutral'
    | 'cancelled'
    | 'skipped'
    | 'timed_out'
    | 'action_required'
    | 'stale'
    | null;
  detailsUrl: string | null;
  title: string | null;
  startedAt: string;
  completedAt: string | null;
}

/** Everything the fake holds besides git data; live, for assertions (and for tests to adjust). */
export interface GitHubServerState {
  pulls: FakePullRequest[];
  labels: LabelRequest[];
  autoMerge: AutoMergeRequest[];
  statuses: FakeStatus[];
  checkRuns: FakeCheckRun[];
  requests: RecordedApiRequest[];
  permission: 'read' | 'write';
  allowAutoMerge: boolean;
}

/** A running fake; always `close()` it (see withCleanup). */
export interface GitHubServer {
  /** `http://127.0.0.1:<port>`: the API base URL (GraphQL at `<url>/graphql`). */
  url: string;
  state: GitHubServerState;
  /** Adds a check run for `sha` of `repo` (`owner/name`), as a GitHub App would. */
  addCheckRun: (
    repo: string,
    sha: string,
    run: Partial<Omit<FakeCheckRun, 'id' | 'repo' | 'sha'>> & { name: string },
  ) => FakeCheckRun;
  /** Stops the server: drops open connections and kills running git processes. */
  close: () => Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const notFound = () => new ApiError(404, 'Not Found');

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

interface Repo {
  fullName: string;
  owner: string;
  name: string;
  path: string;
}

interface Person {
  name: string;
  email: string;
  date: string;
}

/** Starts the fake on 127.0.0.1 (free port). */
export async function startGitHubServer(options: GitHubServerOptions): Promise<GitHubServer> {
  const user = options.user ?? { login: 'slipway-bot', name: 'slipway-bot', email: 'bot@users.noreply.test' };
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const repos = new Map<string, Repo>();
  for (const [fullName, repoPath] of Object.entries(options.repos)) {
    const [owner = '', name = ''] = fullName.split('/');
    repos.set(fullName.toLowerCase(), { fullName, owner, name, path: repoPath });
  }
  const state: GitHubServerState = {
    pulls: [],
    labels: [],
    autoMerge: [],
    statuses: [],
    checkRuns: [],
    requests: [],
    permission: options.permission ?? 'write',
    allowAutoMerge: options.allowAutoMerge ?? true,
  };
  const children = new Set<ChildProcess>();
  const inFlight = new Set<Promise<void>>();
  /** Commits created through the API: GitHub signs those (web-flow) and reports them verified. */
  const apiCommits = new Set<string>();
  const locks = new Map<string, Promise<unknown>>();
  let nextId = 1;
  let closed = false;
  let base = '';

  const git = (repo: Repo, args: string[], input?: Buffer | string, env: Record<string, string> = {}) =>
    new Promise<GitResult>((resolve, reject) => {
      if (closed) {
        reject(new ApiError(503, 'Server is shutting down'));
        return;
      }
      const child = spawn('git', args, {
        env: testGitEnv({ GIT_DIR: repo.path, ...env }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.stdin.on('error', () => {});
      child.on('error', reject);
      child.on('close', (code) => {
        children.delete(child);
        resolve({
          code: code ?? -1,
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
      child.stdin.end(input ?? '');
    });

  const gitOk = async (repo: Repo, args: string[], input?: Buffer | string, env?: Record<string, string>) => {
    const result = await git(repo, args, input, env);
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const gitLine = async (repo: Repo, args: string[], input?: Buffer | string, env?: Record<string, string>) =>
    (await gitOk(repo, args, input, env)).toString('utf8').trim();

  /** Serialises ref-changing work per repository (GitHub's ref updates are atomic). */
  const locked = <T>(repo: Repo, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(repo.fullName) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    locks.set(
      repo.fullName,
      next.catch(() => {}),
    );
    return next;
  };

  const objectType = async (repo: Repo, sha: string): Promise<string | undefined> => {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
    const result = await git(repo, ['cat-file', '-t', sha]);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
  };

  const refTip = async (repo: Repo, ref: string): Promise<string | undefined> => {
    const result = await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
  };

  /** A sha, branch, tag or full ref → commit sha (undefined when unknown). */
  const resolveCommit = async (repo: Repo, ref: string): Promise<string | undefined> => {
    if (ref === '' || ref.startsWith('-') || ref.includes('..') || ref.includes(':')) return undefined;
    if (/^[0-9a-f]{40}$/.test(ref)) return (await objectType(repo, ref)) === 'commit' ? ref : undefined;
    for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`, ref.startsWith('refs/') ? ref : '']) {
      if (candidate === '') continue;
      const sha = await refTip(repo, candidate);
      if (sha !== undefined) return sha;
    }
    return undefined;
  };

  const defaultBranch = async (repo: Repo) => {
    const result = await git(repo, ['symbolic-ref', '--short', 'HEAD']);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : 'main';
  };

  const repoUrl = (repo: Repo) => `${base}/repos/${repo.fullName}`;

  // ---- git objects -------------------------------------------------------------------------------------

  const readCommit = async (repo: Repo, sha: string) => {
    const raw = (await gitOk(repo, ['cat-file', 'commit', sha])).toString('utf8');
    const split = raw.indexOf('\n\n');
    const header = split === -1 ? raw : raw.slice(0, split);
    const message = split === -1 ? '' : raw.slice(split + 2);
    let tree = '';
    const parents: string[] = [];
    const people: Record<string, Person> = {};
    for (const line of header.split('\n')) {
      const space = line.indexOf(' ');
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      if (key === 'tree') tree = value;
      else if (key === 'parent') parents.push(value);
      else if (key === 'author' || key === 'committer') {
        const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value);
        if (match !== null) {
          people[key] = {
            name: match[1] ?? '',
            email: match[2] ?? '',
            date: new Date(Number(match[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          };
        }
      }
    }
    const nobody = { name: '', email: '', date: '' };
    return {
      sha,
      tree,
      parents,
      message,
      author: people.author ?? nobody,
      committer: people.committer ?? nobody,
    };
  };

  const verification = (sha: string) =>
    apiCommits.has(sha)
      ? { verified: true, reason: 'valid', signature: null, payload: null, verified_at: null }
      : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

  const gitCommitJson = async (repo: Repo, sha: string) => {
    const commit = await readCommit(repo, sha);
    return {
      sha,
      node_id: `C_${sha}`,
      url: `${repoUrl(repo)}/git/commits/${sha}`,
      html_url: `${base}/${repo.fullName}/commit/${sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree, url: `${repoUrl(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((parent) => ({
        sha: parent,
        url: `${repoUrl(repo)}/git/commits/${parent}`,
        html_url: `${base}/${repo.fullName}/commit/${parent}`,
      })),
      verification: verification(sha),
    };
  };

  interface LsEntry {
    mode: string;
    type: string;
    sha: string;
    size: number | undefined;
    path: string;
  }

  const lsTree = async (
    repo: Repo,
    treeish: string,
    args: string[],
    paths: string[] = [],
  ): Promise<LsEntry[]> => {
    const out = (await gitOk(repo, ['ls-tree', '-z', '-l', ...args, treeish, '--', ...paths])).toString(
      'utf8',
    );
    return out
      .split('\0')
      .filter((record) => record !== '')
      .map((record) => {
        const tab = record.indexOf('\t');
        const [mode = '', type = '', sha = '', size = '-'] = record.slice(0, tab).split(/\s+/);
        return {
          mode,
          type,
          sha,
          size: size === '-' ? undefined : Number(size),
          path: record.slice(tab + 1),
        };
      });
  };

  const treeEntryJson = (repo: Repo, entry: LsEntry) => ({
    path: entry.path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
    ...(entry.size === undefined ? {} : { size: entry.size }),
    url: `${repoUrl(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
  });

  const treeJson = async (repo: Repo, tree: string, recursive: boolean) => {
    const entries = await lsTree(repo, tree, recursive ? ['-r', '-t'] : []);
    const limit = recursive ? (options.maxTreeEntries ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    return {
      sha: tree,
      url: `${repoUrl(repo)}/git/trees/${tree}`,
      tree: entries.slice(0, limit).map((entry) => treeEntryJson(repo, entry)),
      truncated: entries.length > limit,
    };
  };

  const validPath = (file: string) =>
    file !== '' &&
    file.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part !== '.git');

  /** POST /git/trees: base_tree + entries → a new tree written through a temporary index. */
  const createTree = async (repo: Repo, body: Record<string, unknown>): Promise<string> => {
    const entries = new Map<string, { mode: string; sha: string }>();
    const baseTree = body.base_tree;
    if (baseTree !== undefined && baseTree !== null) {
      if (typeof baseTree !== 'string')
        throw new ApiError(422, 'Invalid request.\n\n"base_tree" is not a string.');
      const type = await objectType(repo, baseTree);
      if (type !== 'tree' && type !== 'commit') throw new ApiError(422, 'base_tree is not a valid tree oid');
      for (const entry of await lsTree(repo, baseTree, ['-r', '--full-tree'])) {
        entries.set(entry.path, { mode: entry.mode, sha: entry.sha });
      }
    }
    const removeAt = (file: string) => {
      for (const key of [...entries.keys()])
        if (key === file || key.startsWith(`${file}/`)) entries.delete(key);
      // A file at a parent path (`a` when writing `a/b`) gives way to the directory.
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i += 1) entries.delete(parts.slice(0, i).join('/'));
    };
    if (!Array.isArray(body.tree)) throw new ApiError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
    for (const raw of body.tree as unknown[]) {
      if (typeof raw !== 'object' || raw === null) throw new ApiError(422, 'Invalid tree info');
      const entry = raw as Record<string, unknown>;
      const file = entry.path;
      const mode = entry.mode;
      if (typeof file !== 'string' || !validPath(file)) {
        throw new ApiError(422, 'tree.path contains a malformed path component');
      }
      if (typeof mode !== 'string' || !['100644', '100755', '040000', '160000', '120000'].includes(mode)) {
        throw new ApiError(422, 'Invalid tree info');
      }
      if ('content' in entry && entry.content !== undefined) {
        if (typeof entry.content !== 'string' || mode === '040000' || mode === '160000') {
          throw new ApiError(422, 'Invalid tree info');
        }
        const sha = await gitLine(repo, ['hash-object', '-w', '--stdin'], entry.content);
        removeAt(file);
        entries.set(file, { mode, sha });
        continue;
      }
      if (entry.sha === null) {
        removeAt(file);
        continue;
      }
      if (typeof entry.sha !== 'string')
        throw new ApiError(422, 'Must supply either tree.sha or tree.content');
      const type = await objectType(repo, entry.sha);
      const expected = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
      if (mode !== '160000' && type !== expected) throw new ApiError(422, 'GitRPC::BadObjectState');
      removeAt(file);
      if (mode === '040000') {
        for (const sub of await lsTree(repo, entry.sha, ['-r'])) {
          entries.set(`${file}/${sub.path}`, { mode: sub.mode, sha: sub.sha });
        }
      } else entries.set(file, { mode, sha: entry.sha });
    }
    if (entries.size === 0) return await gitLine(repo, ['mktree'], '');
    const indexDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-ghfake-'));
    try {
      const env = { GIT_INDEX_FILE: path.join(indexDir, 'index') };
      const info = [...entries].map(([file, { mode, sha }]) => `${mode} ${sha}\t${file}\0`).join('');
      await gitOk(repo, ['update-index', '--add', '-z', '--index-info'], info, env);
      return await gitLine(repo, ['write-tree'], undefined, env);
    } finally {
      rmSync(indexDir, { recursive: true, force: true });
    }
  };

  const person = (value: unknown, fallback: Person): Person => {
    if (typeof value !== 'object' || value === null) return fallback;
    const record = value as Record<string, unknown>;
    if (typeof record.name !== 'string' || typeof record.email !== 'string') {
      throw new ApiError(
        422,
        'Invalid request.\n\n"name" and "email" are required for author and committer.',
      );
    }
    return {
      name: record.name,
      email: record.email,
      date: typeof record.date === 'string' ? record.date : fallback.date,
    };
  };

  const createCommit = async (repo: Repo, body: Record<string, unknown>) => {
    const { message, tree } = body;
    const parents = body.parents ?? [];
    if (typeof message !== 'string')
      throw new ApiError(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
    if (typeof tree !== 'string' || (await objectType(repo, tree)) !== 'tree') {
      throw new ApiError(422, 'Tree SHA does not exist');
    }
    if (!Array.isArray(parents)) throw new ApiError(422, 'Invalid request.\n\n"parents" is not an array.');
    for (const parent of parents) {
      if (typeof parent !== 'string' || (await objectType(repo, parent)) !== 'commit') {
        throw new ApiError(422, 'Parent SHA does not exist or is not a commit object');
      }
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const me = { name: user.name, email: user.email, date: now };
    const author = person(body.author, me);
    const committer = person(body.committer, author);
    const sha = await gitLine(
      repo,
      ['commit-tree', tree, ...(parents as string[]).flatMap((parent) => ['-p', parent])],
      message,
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: author.date,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        GIT_COMMITTER_DATE: committer.date,
      },
    );
    apiCommits.add(sha);
    return sha;
  };

  const refJson = (repo: Repo, ref: string, sha: string) => ({
    ref,
    node_id: `REF_${Buffer.from(`${repo.fullName}:${ref}`).toString('base64url')}`,
    url: `${repoUrl(repo)}/git/${ref}`,
    object: { sha, type: 'commit', url: `${repoUrl(repo)}/git/commits/${sha}` },
  });

  const validRefName = async (repo: Repo, ref: string) =>
    ref.startsWith('refs/') &&
    ref.split('/').length >= 3 &&
    (await git(repo, ['check-ref-format', ref])).code === 0;

  const isAncestor = async (repo: Repo, ancestor: string, descendant: string) =>
    (await git(repo, ['merge-base', '--is-ancestor', ancestor, descendant])).code === 0;

  /** Compare-and-swap of a ref; false when someone else moved it first. */
  const casRef = async (repo: Repo, ref: string, next: string, current: string) =>
    (await git(repo, ['update-ref', ref, next, current])).code === 0;

  // ---- pulls -------------------------------------------------------------------------------------------

  const branchJson = async (repo: Repo, branch: string) => ({
    label: `${repo.owner}:${branch}`,
    ref: branch,
    sha: (await refTip(repo, `refs/heads/${branch}`)) ?? null,
    user: { login: repo.owner },
    repo: { name: repo.name, full_name: repo.fullName, owner: { login: repo.owner } },
  });

  const pullJson = async (repo: Repo, pr: FakePullRequest) => ({
    id: pr.number,
    node_id: pr.nodeId,
    number: pr.number,
    url: `${repoUrl(repo)}/pulls/${pr.number}`,
    html_url: `${base}/${repo.fullName}/pull/${pr.number}`,
    state: pr.state,
    title: pr.title,
    body: pr.body,
    draft: pr.draft,
    user: { login: user.login },
    labels: pr.labels.map((name) => ({ name })),
    head: await branchJson(repo, pr.head),
    base: await branchJson(repo, pr.base),
    merged: pr.merged,
    merge_commit_sha: pr.mergeCommitSha,
    auto_merge:
      pr.autoMerge === null
        ? null
        : { merge_method: pr.autoMerge.mergeMethod.toLowerCase(), enabled_by: { login: user.login } },
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
  });

  const findPull = (repo: Repo, number: number) => {
    const pr = state.pulls.find(
      (candidate) => candidate.repo === repo.fullName && candidate.number === number,
    );
    if (pr === undefined) throw notFound();
    return pr;
  };

  const validationFailed = (resource: string, field: string, message?: string) =>
    new ApiError(422, 'Validation Failed', {
      errors: [
        message === undefined ? { resource, field, code: 'invalid' } : { resource, code: 'custom', message },
      ],
    });

  const headBranch = (repo: Repo, head: string) => {
    const colon = head.indexOf(':');
    if (colon === -1) return head;
    if (head.slice(0, colon).toLowerCase() !== repo.owner.toLowerCase()) return undefined;
    return head.slice(colon + 1);
  };

  const createPull = async (repo: Repo, body: Record<string, unknown>) => {
    const { title, head, base: baseBranch } = body;
    if (typeof title !== 'string' || title === '') throw validationFailed('PullRequest', 'title');
    if (typeof head !== 'string') throw validationFailed('PullRequest', 'head');
    if (typeof baseBranch !== 'string') throw validationFailed('PullRequest', 'base');
    const headName = headBranch(repo, head);
    const headTip = headName === undefined ? undefined : await refTip(repo, `refs/heads/${headName}`);
    if (headName === undefined || headTip === undefined) throw validationFailed('PullRequest', 'head');
    const baseTip = await refTip(repo, `refs/heads/${baseBranch}`);
    if (baseTip === undefined) throw validationFailed('PullRequest', 'base');
    const existing = state.pulls.find(
      (pr) =>
        pr.repo === repo.fullName && pr.state === 'open' && pr.head === headName && pr.base === baseBranch,
    );
    if (existing !== undefined) {
      throw validationFailed(
        'PullRequest',
        'head',
        `A pull request already exists for ${repo.owner}:${headName}.`,
      );
    }
    if (await isAncestor(repo, headTip, baseTip)) {
      throw validationFailed('PullRequest', 'head', `No commits between ${baseBranch} and ${headName}`);
    }
    const now = new Date().toISOString();
    const number = nextId++;
    const pr: FakePullRequest = {
      repo: repo.fullName,
      number,
      nodeId: `PR_${Buffer.from(`${repo.fullName}#${number}`).toString('base64url')}`,
      title,
      body: typeof body.body === 'string' ? body.body : null,
      head: headName,
      base: baseBranch,
      state: 'open',
      draft: body.draft === true,
      merged: false,
      mergeCommitSha: null,
      labels: [],
      autoMerge: null,
      createdAt: now,
      updatedAt: now,
    };
    state.pulls.push(pr);
    return pr;
  };

  const mergePull = async (repo: Repo, pr: FakePullRequest, body: Record<string, unknown>) => {
    if (pr.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
    const method = body.merge_method ?? 'merge';
    const ref = `refs/heads/${pr.base}`;
    const baseTip = await refTip(repo, ref);
    const headTip = await refTip(repo, `refs/heads/${pr.head}`);
    if (baseTip === undefined || headTip === undefined)
      throw new ApiError(405, 'Pull Request is not mergeable');
    if (typeof body.sha === 'string' && body.sha !== headTip) {
      throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
    }
    let next: string;
    if (method === 'rebase') {
      if (!(await isAncestor(repo, baseTip, headTip)))
        throw new ApiError(405, "This branch can't be rebased");
      next = headTip;
    } else if (method === 'merge' || method === 'squash') {
      const merged = await git(repo, ['merge-tree', '--write-tree', baseTip, headTip]);
      if (merged.code !== 0) throw new ApiError(405, 'Pull Request is not mergeable');
      const tree = merged.stdout.toString('utf8').split('\n')[0] ?? '';
      const title =
        typeof body.commit_title === 'string'
          ? body.commit_title
          : method === 'merge'
            ? `Merge pull request #${pr.number} from ${repo.owner}/${pr.head}`
            : `${pr.title} (#${pr.number})`;
      const detail =
        typeof body.commit_message === 'string' ? body.commit_message : method === 'merge' ? pr.title : '';
      next = await createCommit(repo, {
        message: detail === '' ? title : `${title}\n\n${detail}`,
        tree,
        parents: method === 'merge' ? [baseTip, headTip] : [baseTip],
      });
    } else throw new ApiError(422, 'Invalid request.\n\n"merge_method" is not a valid value.');
    if (!(await casRef(repo, ref, next, baseTip))) throw new ApiError(409, 'Base branch was modified.');
    pr.state = 'closed';
    pr.merged = true;
    pr.mergeCommitSha = next;
    pr.autoMerge = null;
    pr.updatedAt = new Date().toISOString();
    return { sha: next, merged: true, message: 'Pull Request successfully merged' };
  };

  // ---- statuses and checks -----------------------------------------------------------------------------

  const statusJson = (repo: Repo, status: FakeStatus) => ({
    id: status.id,
    node_id: `SC_${status.id}`,
    url: `${repoUrl(repo)}/statuses/${status.sha}`,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: { login: user.login },
  });

  const latestStatuses = (repo: Repo, sha: string) => {
    const latest = new Map<string, FakeStatus>();
    for (const status of state.statuses) {
      if (status.repo === repo.fullName && status.sha === sha) latest.set(status.context, status);
    }
    return [...latest.values()];
  };

  const checkRunJson = (repo: Repo, run: FakeCheckRun) => ({
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.sha,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    details_url: run.detailsUrl,
    html_url: `${base}/${repo.fullName}/runs/${run.id}`,
    url: `${repoUrl(repo)}/check-runs/${run.id}`,
    output: { title: run.title, summary: null },
    app: { slug: 'fake-ci' },
  });

  // ---- graphql -----------------------------------------------------------------------------------------

  const graphql = async (body: Record<string, unknown>): Promise<unknown> => {
    const query = typeof body.query === 'string' ? body.query : '';
    const variables = (
      typeof body.variables === 'object' && body.variables !== null ? body.variables : {}
    ) as Record<string, unknown>;
    /** The value of `name:` in the query: a `$variable` or a literal. */
    const argument = (name: string): unknown => {
      const match = new RegExp(`(?<![$\\w])${name}\\s*:\\s*(\\$\\w+|"[^"]*"|[\\w-]+)`).exec(query);
      const raw = match?.[1];
      if (raw === undefined) return undefined;
      if (raw.startsWith('$')) return variables[raw.slice(1)];
      if (raw.startsWith('"')) return raw.slice(1, -1);
      return /^\d+$/.test(raw) ? Number(raw) : raw;
    };
    if (query.includes('enablePullRequestAutoMerge')) {
      const id = argument('pullRequestId');
      const method = argument('mergeMethod') ?? 'MERGE';
      const pr = state.pulls.find((candidate) => candidate.nodeId === id);
      if (pr === undefined) {
        return {
          data: { enablePullRequestAutoMerge: null },
          errors: [
            {
              type: 'NOT_FOUND',
              path: ['enablePullRequestAutoMerge'],
              message: `Could not resolve to a node with the global id of '${String(id)}'`,
            },
          ],
        };
      }
      if (state.permission !== 'write') {
        return {
          data: { enablePullRequestAutoMerge: null },
          errors: [
            {
              type: 'FORBIDDEN',
              path: ['enablePullRequestAutoMerge'],
              message: 'Resource not accessible by integration',
            },
          ],
        };
      }
      if (!state.allowAutoMerge) {
        return {
          data: { enablePullRequestAutoMerge: null },
          errors: [
            {
              type: 'UNPROCESSABLE',
              path: ['enablePullRequestAutoMerge'],
              message: 'Pull request Auto merge is not allowed for this repository',
            },
          ],
        };
      }
      if (method !== 'MERGE' && method !== 'SQUASH' && method !== 'REBASE') {
        return { errors: [{ message: `Argument 'mergeMethod' has an invalid value (${String(method)}).` }] };
      }
      pr.autoMerge = { mergeMethod: method };
      state.autoMerge.push({
        repo: pr.repo,
        number: pr.number,
        pullRequestId: pr.nodeId,
        mergeMethod: method,
      });
      return {
        data: {
          enablePullRequestAutoMerge: {
            clientMutationId: null,
            pullRequest: {
              id: pr.nodeId,
              number: pr.number,
              autoMergeRequest: { mergeMethod: method, enabledAt: new Date().toISOString() },
            },
          },
        },
      };
    }
    if (query.includes('pullRequest(')) {
      const owner = argument('owner');
      const name = argument('name');
      const number = argument('number');
      const fullName = `${String(owner)}/${String(name)}`.toLowerCase();
      const pr = state.pulls.find(
        (candidate) => candidate.repo.toLowerCase() === fullName && candidate.number === number,
      );
      return {
        data: { repository: { pullRequest: pr === undefined ? null : { id: pr.nodeId, number: pr.number } } },
      };
    }
    return {
      errors: [
        { message: 'This fake answers only enablePullRequestAutoMerge and pullRequest(number:) { id }' },
      ],
    };
  };

  // ---- routing -----------------------------------------------------------------------------------------

  const mutating = (method: string) => method !== 'GET' && method !== 'HEAD';

  const route = async (
    method: string,
    pathname: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    rawBody: unknown,
  ): Promise<{ status: number; body: unknown }> => {
    if (pathname === '/graphql' || pathname === '/api/graphql') {
      if (method !== 'POST') throw notFound();
      return { status: 200, body: await graphql(body) };
    }
    const prefix = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
    if (prefix === null) throw notFound();
    const repo = repos.get(
      `${decodeURIComponent(prefix[1] ?? '')}/${decodeURIComponent(prefix[2] ?? '')}`.toLowerCase(),
    );
    if (repo === undefined) throw notFound();
    const rest = prefix[3] ?? '';
    if (mutating(method) && state.permission !== 'write') {
      throw new ApiError(403, 'Resource not accessible by integration');
    }
    const match = (pattern: RegExp) => {
      const found = pattern.exec(rest);
      return found === null ? undefined : found.slice(1).map((part) => decodeURIComponent(part));
    };
    let m: string[] | undefined;

    if (rest === '' && method === 'GET') {
      return {
        status: 200,
        body: {
          id: 1,
          node_id: `R_${Buffer.from(repo.fullName).toString('base64url')}`,
          name: repo.name,
          full_name: repo.fullName,
          owner: { login: repo.owner },
          private: true,
          default_branch: await defaultBranch(repo),
          allow_auto_merge: state.allowAutoMerge,
          permissions: { admin: false, push: state.permission === 'write', pull: true },
          url: repoUrl(repo),
          html_url: `${base}/${repo.fullName}`,
        },
      };
    }

    // git data
    if (rest === '/git/blobs' && method === 'POST') {
      const { content, encoding } = body;
      if (typeof content !== 'string')
        throw new ApiError(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
      if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'base64') {
        throw new ApiError(422, 'encoding must be "utf-8" or "base64"');
      }
      const bytes = encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
      const sha = await gitLine(repo, ['hash-object', '-w', '--stdin'], bytes);
      return { status: 201, body: { sha, url: `${repoUrl(repo)}/git/blobs/${sha}` } };
    }
    m = match(/^\/git\/blobs\/([0-9a-f]{40})$/);
    if (m && method === 'GET') {
      const sha = m[0] ?? '';
      if ((await objectType(repo, sha)) !== 'blob') throw notFound();
      const bytes = await gitOk(repo, ['cat-file', 'blob', sha]);
      const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
      return {
        status: 200,
        body: {
          sha,
          node_id: `B_${sha}`,
          size: bytes.length,
          url: `${repoUrl(repo)}/git/blobs/${sha}`,
          content: content === '' ? '' : `${content}\n`,
          encoding: 'base64',
        },
      };
    }
    m = match(/^\/git\/trees\/(.+)$/);
    if (m && method === 'GET') {
      const treeish = m[0] ?? '';
      const type = await objectType(repo, treeish);
      let tree: string | undefined;
      if (type === 'tree') tree = treeish;
      else {
        const commit = await resolveCommit(repo, treeish);
        if (commit !== undefined) tree = await gitLine(repo, ['rev-parse', `${commit}^{tree}`]);
      }
      if (tree === undefined) throw notFound();
      const recursive = query.has('recursive') && !['0', 'false'].includes(query.get('recursive') ?? '');
      return { status: 200, body: await treeJson(repo, tree, recursive) };
    }
    if (rest === '/git/trees' && method === 'POST') {
      const tree = await createTree(repo, body);
      return { status: 201, body: await treeJson(repo, tree, false) };
    }
    if (rest === '/git/commits' && method === 'POST') {
      const sha = await createCommit(repo, body);
      return { status: 201, body: await gitCommitJson(repo, sha) };
    }
    m = match(/^\/git\/commits\/([0-9a-f]{40})$/);
    if (m && method === 'GET') {
      const sha = m[0] ?? '';
      if ((await objectType(repo, sha)) !== 'commit') throw notFound();
      return { status: 200, body: await gitCommitJson(repo, sha) };
    }
    m = match(/^\/git\/ref\/(.+)$/);
    if (m && method === 'GET') {
      const ref = `refs/${m[0] ?? ''}`;
      const sha = (await validRefName(repo, ref)) ? await refTip(repo, ref) : undefined;
      if (sha === undefined) throw notFound();
      return { status: 200, body: refJson(repo, ref, sha) };
    }
    if (rest === '/git/refs' && method === 'POST') {
      const { ref, sha } = body;
      if (typeof ref !== 'string' || !(await validRefName(repo, ref))) {
        throw new ApiError(422, "Reference name must start with 'refs/' and have at least two slashes.");
      }
      if (typeof sha !== 'string' || (await objectType(repo, sha)) !== 'commit') {
        throw new ApiError(422, 'Object does not exist');
      }
      return await locked(repo, async () => {
        const created = await git(repo, ['update-ref', ref, sha, '']);
        if (created.code !== 0) throw new ApiError(422, 'Reference already exists');
        return { status: 201, body: refJson(repo, ref, sha) };
      });
    }
    m = match(/^\/git\/refs\/(.+)$/);
    if (m && (method === 'PATCH' || method === 'POST')) {
      const ref = `refs/${m[0] ?? ''}`;
      const { sha } = body;
      const force = body.force === true;
      if (typeof sha !== 'string' || (await objectType(repo, sha)) !== 'commit') {
        throw new ApiError(422, 'Object does not exist');
      }
      return await locked(repo, async () => {
        const current = (await validRefName(repo, ref)) ? await refTip(repo, ref) : undefined;
        if (current === undefined) throw new ApiError(422, 'Reference does not exist');
        if (!force && !(await isAncestor(repo, current, sha))) {
          throw new ApiError(422, 'Update is not a fast forward');
        }
        if (!(await casRef(repo, ref, sha, current))) throw new ApiError(422, 'Update is not a fast forward');
        return { status: 200, body: refJson(repo, ref, sha) };
      });
    }
    m = match(/^\/git\/refs\/(.+)$/);
    if (m && method === 'DELETE') {
      const ref = `refs/${m[0] ?? ''}`;
      return await locked(repo, async () => {
        const current = (await validRefName(repo, ref)) ? await refTip(repo, ref) : undefined;
        if (current === undefined) throw new ApiError(422, 'Reference does not exist');
        await gitOk(repo, ['update-ref', '-d', ref, current]);
        return { status: 204, body: undefined };
      });
    }
    m = match(/^\/contents(?:\/(.*))?$/);
    if (m && method === 'GET') {
      const file = (m[0] ?? '').replace(/\/+$/, '');
      const ref = query.get('ref') ?? (await defaultBranch(repo));
      const commit = await resolveCommit(repo, ref);
      if (commit === undefined) throw new ApiError(404, `No commit found for the ref ${ref}`);
      const contentJson = (entry: LsEntry) => ({
        type:
          entry.type === 'tree'
            ? 'dir'
            : entry.mode === '120000'
              ? 'symlink'
              : entry.type === 'commit'
                ? 'submodule'
                : 'file',
        name: entry.path.split('/').at(-1) ?? entry.path,
        path: entry.path,
        sha: entry.sha,
        size: entry.size ?? 0,
        url: `${repoUrl(repo)}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`,
        git_url: `${repoUrl(repo)}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
      });
      if (file === '') {
        return { status: 200, body: (await lsTree(repo, commit, [])).map(contentJson) };
      }
      if (!validPath(file)) throw notFound();
      const [entry] = await lsTree(repo, commit, ['--full-tree'], [file]);
      if (entry === undefined || entry.path !== file) throw notFound();
      if (entry.type === 'tree') {
        return {
          status: 200,
          body: (await lsTree(repo, `${commit}:${file}`, [])).map((sub) =>
            contentJson({ ...sub, path: `${file}/${sub.path}` }),
          ),
        };
      }
      const bytes = await gitOk(repo, ['cat-file', 'blob', entry.sha]);
      return {
        status: 200,
        body: {
          ...contentJson(entry),
          encoding: 'base64',
          content: `${(bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n')}\n`,
        },
      };
    }
    m = match(/^\/commits\/(.+)\/status$/);
    if (m && method === 'GET') {
      const sha = await resolveCommit(repo, m[0] ?? '');
      if (sha === undefined) throw new ApiError(422, `No commit found for SHA: ${m[0] ?? ''}`);
      const statuses = latestStatuses(repo, sha);
      const combined = statuses.some((status) => status.state === 'error' || status.state === 'failure')
        ? 'failure'
        : statuses.length > 0 && statuses.every((status) => status.state === 'success')
          ? 'success'
          : 'pending';
      return {
        status: 200,
        body: {
          state: combined,
          sha,
          total_count: statuses.length,
          statuses: statuses.map((status) => statusJson(repo, status)),
          commit_url: `${repoUrl(repo)}/commits/${sha}`,
          url: `${repoUrl(repo)}/commits/${sha}/status`,
        },
      };
    }
    m = match(/^\/commits\/(.+)\/statuses$/);
    if (m && method === 'GET') {
      const sha = await resolveCommit(repo, m[0] ?? '');
      if (sha === undefined) throw new ApiError(422, `No commit found for SHA: ${m[0] ?? ''}`);
      const all = state.statuses
        .filter((status) => status.repo === repo.fullName && status.sha === sha)
        .reverse();
      return { status: 200, body: all.map((status) => statusJson(repo, status)) };
    }
    m = match(/^\/commits\/(.+)\/check-runs$/);
    if (m && method === 'GET') {
      const sha = await resolveCommit(repo, m[0] ?? '');
      if (sha === undefined) throw new ApiError(422, `No commit found for SHA: ${m[0] ?? ''}`);
      let runs = state.checkRuns.filter((run) => run.repo === repo.fullName && run.sha === sha);
      if (query.get('filter') !== 'all') {
        const latest = new Map<string, FakeCheckRun>();
        for (const run of runs) latest.set(run.name, run);
        runs = [...latest.values()];
      }
      return {
        status: 200,
        body: { total_count: runs.length, check_runs: runs.map((run) => checkRunJson(repo, run)) },
      };
    }
    m = match(/^\/commits\/(.+)$/);
    if (m && method === 'GET') {
      const sha = await resolveCommit(repo, m[0] ?? '');
      if (sha === undefined) throw new ApiError(422, `No commit found for SHA: ${m[0] ?? ''}`);
      const commit = await gitCommitJson(repo, sha);
      return {
        status: 200,
        body: {
          sha,
          node_id: commit.node_id,
          url: `${repoUrl(repo)}/commits/${sha}`,
          html_url: commit.html_url,
          commit: {
            author: commit.author,
            committer: commit.committer,
            message: commit.message,
            tree: commit.tree,
            url: commit.url,
            verification: commit.verification,
          },
          parents: commit.parents,
        },
      };
    }
    m = match(/^\/statuses\/([0-9a-f]{40})$/);
    if (m && method === 'POST') {
      const sha = m[0] ?? '';
      if ((await objectType(repo, sha)) !== 'commit')
        throw new ApiError(422, `No commit found for SHA: ${sha}`);
      const statusState = body.state;
      if (
        statusState !== 'pending' &&
        statusState !== 'success' &&
        statusState !== 'failure' &&
        statusState !== 'error'
      ) {
        throw validationFailed('Status', 'state');
      }
      const now = new Date().toISOString();
      const status: FakeStatus = {
        id: nextId++,
        repo: repo.fullName,
        sha,
        state: statusState,
        context: typeof body.context === 'string' ? body.context : 'default',
        description: typeof body.description === 'string' ? body.description : null,
        targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
        createdAt: now,
        updatedAt: now,
      };
      state.statuses.push(status);
      return { status: 201, body: statusJson(repo, status) };
    }

    // pulls
    if (rest === '/pulls' && method === 'GET') {
      const wanted = query.get('state') ?? 'open';
      const head = query.get('head');
      const headName = head === null ? undefined : headBranch(repo, head);
      const baseName = query.get('base');
      const pulls = state.pulls
        .filter(
          (pr) =>
            pr.repo === repo.fullName &&
            (wanted === 'all' || pr.state === wanted) &&
            (head === null || pr.head === headName) &&
            (baseName === null || pr.base === baseName),
        )
        .reverse();
      return { status: 200, body: await Promise.all(pulls.map((pr) => pullJson(repo, pr))) };
    }
    if (rest === '/pulls' && method === 'POST') {
      const pr = await locked(repo, () => createPull(repo, body));
      return { status: 201, body: await pullJson(repo, pr) };
    }
    m = match(/^\/pulls\/(\d+)$/);
    if (m) {
      const pr = findPull(repo, Number(m[0]));
      if (method === 'GET') return { status: 200, body: await pullJson(repo, pr) };
      if (method === 'PATCH') {
        if (typeof body.title === 'string') pr.title = body.title;
        if (typeof body.body === 'string' || body.body === null) pr.body = body.body;
        if (body.state === 'open' || body.state === 'closed') pr.state = body.state;
        if (typeof body.base === 'string') {
          if ((await refTip(repo, `refs/heads/${body.base}`)) === undefined)
            throw validationFailed('PullRequest', 'base');
          pr.base = body.base;
        }
        pr.updatedAt = new Date().toISOString();
        return { status: 200, body: await pullJson(repo, pr) };
      }
    }
    m = match(/^\/pulls\/(\d+)\/merge$/);
    if (m && method === 'PUT') {
      const pr = findPull(repo, Number(m[0]));
      return { status: 200, body: await locked(repo, () => mergePull(repo, pr, body)) };
    }
    m = match(/^\/issues\/(\d+)\/labels$/);
    if (m && method === 'POST') {
      const pr = findPull(repo, Number(m[0]));
      const list = Array.isArray(rawBody) ? rawBody : body.labels;
      if (!Array.isArray(list) || !list.every((label): label is string => typeof label === 'string')) {
        throw validationFailed('Label', 'labels');
      }
      state.labels.push({ repo: repo.fullName, number: pr.number, labels: [...list] });
      for (const label of list) if (!pr.labels.includes(label)) pr.labels.push(label);
      return {
        status: 200,
        body: pr.labels.map((name, index) => ({ id: index + 1, name, color: 'ededed', default: false })),
      };
    }
    throw notFound();
  };

  const readBody = (req: http.IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          reject(new ApiError(413, 'Request body too large'));
          req.removeAllListeners('data');
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    // GHES clients put `/api/v3` in front of every REST path.
    const rawPath = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    let decodedPath = rawPath;
    try {
      decodedPath = decodeURIComponent(rawPath);
    } catch {}
    const recorded: RecordedApiRequest = {
      method,
      path: decodedPath,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
    };
    const send = (status: number, payload: unknown) => {
      recorded.status = status;
      if (res.headersSent || res.destroyed) return;
      if (payload === undefined) {
        res.writeHead(status);
        res.end();
        return;
      }
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'X-GitHub-Media-Type': 'github.v3; format=json',
      });
      res.end(text);
    };
    state.requests.push(recorded);
    try {
      const authorization = req.headers.authorization;
      if (authorization === undefined) throw new ApiError(401, 'Requires authentication');
      const match = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization);
      if (match?.[1] !== options.token) throw new ApiError(401, 'Bad credentials');
      const raw = await readBody(req);
      let parsed: unknown;
      if (raw.length > 0) {
        try {
          parsed = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new ApiError(400, 'Problems parsing JSON');
        }
      }
      recorded.body = parsed;
      await options.onRequest?.({ method, path: decodedPath });
      const body = (
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {}
      ) as Record<string, unknown>;
      const answer = await route(method, rawPath, url.searchParams, body, parsed);
      send(answer.status, answer.body);
    } catch (error) {
      if (error instanceof ApiError) {
        send(error.status, {
          message: error.message,
          ...error.extra,
          documentation_url: DOCS,
          status: String(error.status),
        });
      } else {
        send(500, {
          message: `fake GitHub server error: ${String(error)}`,
          documentation_url: DOCS,
          status: '500',
        });
      }
      if (!req.complete) req.resume();
    }
  };

  const server = http.createServer((req, res) => {
    const work = handle(req, res).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    state,
    addCheckRun: (repoName, sha, run) => {
      const repo = repos.get(repoName.toLowerCase());
      if (repo === undefined) throw new Error(`unknown repo ${repoName}`);
      const now = new Date().toISOString();
      const checkRun: FakeCheckRun = {
        id: nextId++,
        repo: repo.fullName,
        sha,
        status: 'completed',
        conclusion: run.status === undefined || run.status === 'completed' ? 'success' : null,
        detailsUrl: null,
        title: null,
        startedAt: now,
        completedAt: run.status === undefined || run.status === 'completed' ? now : null,
        ...run,
      };
      state.checkRuns.push(checkRun);
      return checkRun;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      for (const child of children) child.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
    },
  };
}
