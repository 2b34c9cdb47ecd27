import { describe, expect, it } from 'vitest';
import { branchTip, commitFiles, createBareRepo, readFileAt } from './support/bareRepo.js';
import { withCleanup } from './support/cleanup.js';
import { gitSync, gitText } from './support/git.js';
import { type GitHubServer, type GitHubServerOptions, startGitHubServer } from './support/githubServer.js';

const TOKEN = 'ghs_fakeToken123';

interface Fixture {
  server: GitHubServer;
  repoPath: string;
  /** Calls the fake; `T` is the shape the test reads from the JSON answer. */
  api: <T = ErrorBody>(
    method: string,
    path: string,
    body?: unknown,
    token?: string | null,
  ) => Promise<{ status: number; json: T }>;
}

interface ErrorBody {
  message: string;
  documentation_url: string;
  errors?: { message?: string }[];
}
interface Sha {
  sha: string;
}
interface GitCommit extends Sha {
  message: string;
  tree: Sha;
  parents: Sha[];
  verification: { verified: boolean; reason: string };
}
interface Tree extends Sha {
  truncated: boolean;
  tree: { path: string; type: string }[];
}
interface Blob extends Sha {
  content: string;
}
interface Ref {
  ref: string;
  object: Sha;
}
interface Pull {
  number: number;
  node_id: string;
  body: string | null;
}
interface Content {
  path: string;
  content: string;
}
interface Status {
  context: string;
  state: string;
}
interface GraphqlBody {
  data: {
    enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { mergeMethod: string } } } | null;
    repository: { pullRequest: { id: string } | null };
  };
  errors?: { message: string }[];
}

async function withServer(
  test: (fixture: Fixture) => Promise<void>,
  options: Partial<GitHubServerOptions> = {},
): Promise<void> {
  await withCleanup(async (defer) => {
    const repo = createBareRepo({
      branches: {
        main: { 'README.md': 'config repo\n' },
        'env/dev': {
          'apps/cart/deployment.yaml': 'image: cart:1.0.0\n',
          'apps/shop/deployment.yaml': 'image: shop:2.0.0\n',
          'bin/run.sh': { executable: '#!/bin/sh\necho hi\n' },
        },
      },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN, ...options });
    defer(server.close);
    const api = async <T = ErrorBody>(
      method: string,
      path: string,
      body?: unknown,
      token: string | null = TOKEN,
    ) => {
      const headers: Record<string, string> = { Accept: 'application/vnd.github+json' };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: (text === '' ? undefined : JSON.parse(text)) as T };
    };
    await test({ server, repoPath: repo.path, api });
  });
}

const R = '/repos/acme/config';

/** Creates a commit on top of `parent` writing `file` through the API; returns its sha. */
async function apiCommit(
  api: Fixture['api'],
  parent: string,
  file: string,
  content: string,
): Promise<string> {
  const parentCommit = await api<GitCommit>('GET', `${R}/git/commits/${parent}`);
  const tree = await api<Tree>('POST', `${R}/git/trees`, {
    base_tree: parentCommit.json.tree.sha,
    tree: [{ path: file, mode: '100644', type: 'blob', content }],
  });
  const commit = await api<GitCommit>('POST', `${R}/git/commits`, {
    message: `write ${file}`,
    tree: tree.json.sha,
    parents: [parent],
  });
  expect(commit.status).toBe(201);
  return commit.json.sha;
}

describe('fake GitHub server: auth and errors', () => {
  it('requires the token (Bearer or token scheme) and answers GitHub-shaped JSON errors', async () => {
    await withServer(async ({ api, server }) => {
      const none = await api('GET', R, undefined, null);
      expect(none.status).toBe(401);
      expect(none.json).toMatchObject({
        message: 'Requires authentication',
        documentation_url: expect.any(String),
      });
      const wrong = await api('GET', R, undefined, 'nope');
      expect(wrong.status).toBe(401);
      expect(wrong.json.message).toBe('Bad credentials');

      const ok = await api('GET', R);
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ full_name: 'acme/config', default_branch: 'main' });
      const tokenScheme = await fetch(`${server.url}${R}`, { headers: { Authorization: `token ${TOKEN}` } });
      expect(tokenScheme.status).toBe(200);

      expect((await api('GET', '/repos/acme/other')).status).toBe(404);
      expect((await api('GET', `${R}/nowhere`)).json).toMatchObject({ message: 'Not Found' });
      // The token never lands in recorded requests.
      expect(JSON.stringify(server.state.requests)).not.toContain(TOKEN);
    });
  });

  it('answers writes with 403 for a read-only token', async () => {
    await withServer(
      async ({ api }) => {
        const write = await api('POST', `${R}/git/blobs`, { content: 'x', encoding: 'utf-8' });
        expect(write.status).toBe(403);
        expect(write.json.message).toBe('Resource not accessible by integration');
        expect((await api('GET', `${R}/git/ref/heads/main`)).status).toBe(200);
      },
      { permission: 'read' },
    );
  });

  it('bounds request bodies and rejects malformed JSON', async () => {
    await withServer(
      async ({ api, server }) => {
        const big = await api('POST', `${R}/git/blobs`, { content: 'x'.repeat(4096), encoding: 'utf-8' });
        expect(big.status).toBe(413);
        const bad = await fetch(`${server.url}${R}/git/blobs`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}` },
          body: '{nope',
        });
        expect(bad.status).toBe(400);
      },
      { maxBodyBytes: 1024 },
    );
  });

  it('stops listening on close', async () => {
    const repo = createBareRepo({ branches: { main: { a: 'a' } } });
    try {
      const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN });
      await server.close();
      await expect(fetch(`${server.url}${R}`)).rejects.toThrow();
      await server.close();
    } finally {
      repo.cleanup();
    }
  });
});

describe('fake GitHub server: git data in the bare repo', () => {
  it('round-trips blobs, trees and commits into real git objects', async () => {
    await withServer(async ({ api, repoPath }) => {
      const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      const blob = await api<Sha>('POST', `${R}/git/blobs`, {
        content: bytes.toString('base64'),
        encoding: 'base64',
      });
      expect(blob.status).toBe(201);
      expect(gitSync(['cat-file', 'blob', blob.json.sha], { env: { GIT_DIR: repoPath } })).toEqual(bytes);
      const read = await api<Blob>('GET', `${R}/git/blobs/${blob.json.sha}`);
      expect(Buffer.from(read.json.content, 'base64')).toEqual(bytes);
      expect(read.json).toMatchObject({ encoding: 'base64', size: bytes.length });

      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const parentCommit = await api<GitCommit>('GET', `${R}/git/commits/${parent}`);
      expect(parentCommit.json.parents).toEqual([]);
      const tree = await api<Tree>('POST', `${R}/git/trees`, {
        base_tree: parentCommit.json.tree.sha,
        tree: [
          { path: 'apps/cart/deployment.yaml', mode: '100644', type: 'blob', content: 'image: cart:1.1.0\n' },
          { path: 'data/blob.bin', mode: '100644', type: 'blob', sha: blob.json.sha },
          { path: 'apps/shop/deployment.yaml', mode: '100644', type: 'blob', sha: null },
        ],
      });
      expect(tree.status).toBe(201);
      const listing = gitText(['ls-tree', '-r', '--name-only', tree.json.sha], {
        env: { GIT_DIR: repoPath },
      });
      expect(listing.split('\n')).toEqual(['apps/cart/deployment.yaml', 'bin/run.sh', 'data/blob.bin']);
      // Untouched entries keep their mode and blob.
      const run = gitText(['ls-tree', tree.json.sha, 'bin/run.sh'], { env: { GIT_DIR: repoPath } });
      expect(run).toMatch(/^100755 blob /);

      const commit = await api<GitCommit>('POST', `${R}/git/commits`, {
        message: 'promote(dev): cart 1.1.0\n\nSlipway-Image: cart:1.1.0\n',
        tree: tree.json.sha,
        parents: [parent],
        author: { name: 'Ada', email: 'ada@example.test', date: '2024-05-01T10:00:00Z' },
      });
      expect(commit.status).toBe(201);
      expect(commit.json).toMatchObject({
        message: 'promote(dev): cart 1.1.0\n\nSlipway-Image: cart:1.1.0\n',
        author: { name: 'Ada', email: 'ada@example.test', date: '2024-05-01T10:00:00Z' },
        committer: { name: 'Ada', email: 'ada@example.test' },
        parents: [{ sha: parent }],
        tree: { sha: tree.json.sha },
        verification: { verified: true, reason: 'valid' },
      });
      const raw = gitText(['cat-file', 'commit', commit.json.sha], { env: { GIT_DIR: repoPath } });
      expect(raw).toContain(`tree ${tree.json.sha}`);
      expect(raw).toContain(`parent ${parent}`);
      expect(raw).toContain('author Ada <ada@example.test> 1714557600 +0000');
      expect(raw).toContain('Slipway-Image: cart:1.1.0');

      // A commit made with git directly is not reported as verified.
      const plain = await api<GitCommit>('GET', `${R}/git/commits/${parent}`);
      expect(plain.json.verification).toMatchObject({ verified: false, reason: 'unsigned' });

      const recursive = await api<Tree>('GET', `${R}/git/trees/${tree.json.sha}?recursive=1`);
      expect(recursive.json.truncated).toBe(false);
      expect(
        recursive.json.tree.map((entry: { path: string; type: string }) => `${entry.type} ${entry.path}`),
      ).toEqual([
        'tree apps',
        'tree apps/cart',
        'blob apps/cart/deployment.yaml',
        'tree bin',
        'blob bin/run.sh',
        'tree data',
        'blob data/blob.bin',
      ]);
      const flat = await api<Tree>('GET', `${R}/git/trees/${tree.json.sha}`);
      expect(flat.json.tree.map((entry: { path: string }) => entry.path)).toEqual(['apps', 'bin', 'data']);
    });
  });

  it('rejects malformed tree paths and unknown objects', async () => {
    await withServer(async ({ api }) => {
      const bad = await api('POST', `${R}/git/trees`, {
        tree: [{ path: '../escape', mode: '100644', type: 'blob', content: 'x' }],
      });
      expect(bad.status).toBe(422);
      const missing = await api('POST', `${R}/git/trees`, {
        tree: [{ path: 'a', mode: '100644', type: 'blob', sha: '0'.repeat(40) }],
      });
      expect(missing.status).toBe(422);
      const noTree = await api('POST', `${R}/git/commits`, {
        message: 'x',
        tree: '1'.repeat(40),
        parents: [],
      });
      expect(noTree.status).toBe(422);
      expect((await api('GET', `${R}/git/blobs/${'2'.repeat(40)}`)).status).toBe(404);
    });
  });

  it('fast-forwards a branch, refuses a stale update with 422, and allows force', async () => {
    await withServer(async ({ api, repoPath }) => {
      const start = branchTip(repoPath, 'env/dev') ?? '';
      const ref = await api<Ref>('GET', `${R}/git/ref/heads/env/dev`);
      expect(ref.json).toMatchObject({ ref: 'refs/heads/env/dev', object: { sha: start, type: 'commit' } });
      // Octokit encodes the slash in the branch name.
      expect((await api<Ref>('GET', `${R}/git/ref/heads%2Fenv%2Fdev`)).json.object.sha).toBe(start);

      const first = await apiCommit(api, start, 'a.txt', 'a');
      const second = await apiCommit(api, start, 'b.txt', 'b');
      const ff = await api<Ref>('PATCH', `${R}/git/refs/heads/env/dev`, { sha: first, force: false });
      expect(ff.status).toBe(200);
      expect(ff.json.object.sha).toBe(first);
      expect(branchTip(repoPath, 'env/dev')).toBe(first);

      const stale = await api('PATCH', `${R}/git/refs/heads/env/dev`, { sha: second, force: false });
      expect(stale.status).toBe(422);
      expect(stale.json.message).toBe('Update is not a fast forward');
      expect(branchTip(repoPath, 'env/dev')).toBe(first);

      // A push from git outside the API moves the branch: an update based on the old tip is stale too.
      const pushed = commitFiles(repoPath, 'env/dev', { 'c.txt': 'c' });
      const third = await apiCommit(api, first, 'd.txt', 'd');
      expect((await api('PATCH', `${R}/git/refs/heads/env/dev`, { sha: third })).status).toBe(422);
      expect(branchTip(repoPath, 'env/dev')).toBe(pushed);

      const forced = await api('PATCH', `${R}/git/refs/heads/env/dev`, { sha: second, force: true });
      expect(forced.status).toBe(200);
      expect(branchTip(repoPath, 'env/dev')).toBe(second);

      expect((await api('PATCH', `${R}/git/refs/heads/nope`, { sha: second })).json.message).toBe(
        'Reference does not exist',
      );
      expect((await api('GET', `${R}/git/ref/heads/nope`)).status).toBe(404);
    });
  });

  it('lets exactly one of two concurrent updates from the same parent win', async () => {
    await withServer(async ({ api, repoPath }) => {
      const start = branchTip(repoPath, 'env/dev') ?? '';
      const commits = await Promise.all([1, 2, 3, 4].map((n) => apiCommit(api, start, `f${n}.txt`, `${n}`)));
      const results = await Promise.all(
        commits.map((sha) => api('PATCH', `${R}/git/refs/heads/env/dev`, { sha, force: false })),
      );
      expect(results.map((result) => result.status).sort()).toEqual([200, 422, 422, 422]);
      const winner = commits[results.findIndex((result) => result.status === 200)];
      expect(branchTip(repoPath, 'env/dev')).toBe(winner);
    });
  });

  it('creates refs once: a second create answers 422 "Reference already exists"', async () => {
    await withServer(async ({ api, repoPath }) => {
      const tip = branchTip(repoPath, 'main') ?? '';
      const created = await api('POST', `${R}/git/refs`, { ref: 'refs/heads/env/prod', sha: tip });
      expect(created.status).toBe(201);
      expect(branchTip(repoPath, 'env/prod')).toBe(tip);
      const again = await api('POST', `${R}/git/refs`, { ref: 'refs/heads/env/prod', sha: tip });
      expect(again.status).toBe(422);
      expect(again.json.message).toBe('Reference already exists');
      expect((await api('POST', `${R}/git/refs`, { ref: 'heads/x', sha: tip })).status).toBe(422);
    });
  });

  it('serves contents and commits by ref', async () => {
    await withServer(async ({ api, repoPath }) => {
      const file = await api<Content>('GET', `${R}/contents/apps/cart/deployment.yaml?ref=env/dev`);
      expect(file.status).toBe(200);
      expect(file.json).toMatchObject({
        type: 'file',
        path: 'apps/cart/deployment.yaml',
        encoding: 'base64',
      });
      expect(Buffer.from(file.json.content, 'base64').toString('utf8')).toBe('image: cart:1.0.0\n');
      const dir = await api<Content[]>('GET', `${R}/contents/apps?ref=env/dev`);
      expect(dir.json.map((entry: { path: string }) => entry.path)).toEqual(['apps/cart', 'apps/shop']);
      expect((await api('GET', `${R}/contents/README.md`)).status).toBe(200);
      expect((await api('GET', `${R}/contents/missing.yaml?ref=env/dev`)).status).toBe(404);

      const commit = await api<Sha & { commit: { message: string } }>('GET', `${R}/commits/env/dev`);
      expect(commit.json.sha).toBe(branchTip(repoPath, 'env/dev'));
      expect(commit.json.commit.message).toBe('init env/dev');
    });
  });
});

describe('fake GitHub server: pull requests', () => {
  it('creates, lists, updates, labels, auto-merges and merges a pull request', async () => {
    await withServer(async ({ api, server, repoPath }) => {
      const mainTip = branchTip(repoPath, 'main') ?? '';
      const branchCommit = await apiCommit(api, mainTip, 'README.md', 'changed\n');
      await api('POST', `${R}/git/refs`, { ref: 'refs/heads/promote/dev', sha: branchCommit });

      const created = await api<Pull>('POST', `${R}/pulls`, {
        title: 'promote dev',
        body: 'first',
        head: 'promote/dev',
        base: 'main',
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        number: 1,
        state: 'open',
        title: 'promote dev',
        head: { ref: 'promote/dev', sha: branchCommit, label: 'acme:promote/dev' },
        base: { ref: 'main' },
      });
      const duplicate = await api('POST', `${R}/pulls`, {
        title: 'again',
        head: 'promote/dev',
        base: 'main',
      });
      expect(duplicate.status).toBe(422);
      expect(duplicate.json.errors?.[0]?.message).toBe('A pull request already exists for acme:promote/dev.');

      const listed = await api<Pull[]>('GET', `${R}/pulls?head=acme:promote/dev&base=main&state=open`);
      expect(listed.json.map((pr: { number: number }) => pr.number)).toEqual([1]);
      expect((await api('GET', `${R}/pulls?head=acme:other&base=main`)).json).toEqual([]);
      expect((await api('GET', `${R}/pulls?head=someone-else:promote/dev`)).json).toEqual([]);

      const updated = await api<Pull>('PATCH', `${R}/pulls/1`, { title: 'promote dev (2)', body: 'second' });
      expect(updated.json).toMatchObject({ number: 1, title: 'promote dev (2)', body: 'second' });
      expect((await api<Pull>('GET', `${R}/pulls/1`)).json.body).toBe('second');

      const labels = await api<{ name: string }[]>('POST', `${R}/issues/1/labels`, {
        labels: ['slipway', 'env:dev'],
      });
      expect(labels.json.map((label: { name: string }) => label.name)).toEqual(['slipway', 'env:dev']);
      expect(server.state.labels).toEqual([
        { repo: 'acme/config', number: 1, labels: ['slipway', 'env:dev'] },
      ]);

      const graphql = await api<GraphqlBody>('POST', '/graphql', {
        query:
          'mutation($id: ID!, $method: PullRequestMergeMethod!) { enablePullRequestAutoMerge(input: {pullRequestId: $id, mergeMethod: $method}) { pullRequest { autoMergeRequest { mergeMethod } } } }',
        variables: { id: created.json.node_id, method: 'SQUASH' },
      });
      expect(graphql.json.errors).toBeUndefined();
      expect(graphql.json.data.enablePullRequestAutoMerge?.pullRequest.autoMergeRequest.mergeMethod).toBe(
        'SQUASH',
      );
      expect(server.state.autoMerge).toEqual([
        { repo: 'acme/config', number: 1, pullRequestId: created.json.node_id, mergeMethod: 'SQUASH' },
      ]);
      const lookup = await api<GraphqlBody>('POST', '/graphql', {
        query: 'query { repository(owner: "acme", name: "config") { pullRequest(number: 1) { id } } }',
      });
      expect(lookup.json.data.repository.pullRequest?.id).toBe(created.json.node_id);

      const merged = await api('PUT', `${R}/pulls/1/merge`, { merge_method: 'merge' });
      expect(merged.status).toBe(200);
      expect(readFileAt(repoPath, 'main', 'README.md')?.toString('utf8')).toBe('changed\n');
      const parents = gitText(['rev-list', '--parents', '-n', '1', 'main'], {
        env: { GIT_DIR: repoPath },
      }).split(' ');
      expect(parents.slice(1)).toEqual([mainTip, branchCommit]);
      expect((await api('GET', `${R}/pulls/1`)).json).toMatchObject({ state: 'closed', merged: true });
      expect((await api('GET', `${R}/pulls?head=acme:promote/dev`)).json).toEqual([]);
      expect((await api('GET', `${R}/pulls?head=acme:promote/dev&state=closed`)).json).toHaveLength(1);
    });
  });

  it('refuses a pull request without commits, and auto-merge where the repo does not allow it', async () => {
    await withServer(
      async ({ api, repoPath }) => {
        const tip = branchTip(repoPath, 'main') ?? '';
        await api('POST', `${R}/git/refs`, { ref: 'refs/heads/same', sha: tip });
        const empty = await api('POST', `${R}/pulls`, { title: 't', head: 'same', base: 'main' });
        expect(empty.status).toBe(422);
        expect(empty.json.errors?.[0]?.message).toBe('No commits between main and same');

        const pr = await api<Pull>('POST', `${R}/pulls`, { title: 't', head: 'env/dev', base: 'main' });
        expect(pr.status).toBe(201);
        const graphql = await api<GraphqlBody>('POST', '/graphql', {
          query: `mutation { enablePullRequestAutoMerge(input: {pullRequestId: "${pr.json.node_id}", mergeMethod: MERGE}) { clientMutationId } }`,
        });
        expect(graphql.json.errors?.[0]?.message).toBe(
          'Pull request Auto merge is not allowed for this repository',
        );
      },
      { allowAutoMerge: false },
    );
  });
});

describe('fake GitHub server: statuses and check runs', () => {
  it('combines the latest status per context and lists check runs', async () => {
    await withServer(async ({ api, server, repoPath }) => {
      const sha = branchTip(repoPath, 'env/dev') ?? '';
      const post = (state: string, context: string) =>
        api('POST', `${R}/statuses/${sha}`, {
          state,
          context,
          description: `${context} ${state}`,
          target_url: 'https://ci.test/1',
        });
      expect((await post('pending', 'ci/build')).status).toBe(201);
      await post('success', 'ci/build');
      await post('pending', 'ci/deploy');
      let combined = await api<{ state: string; statuses: Status[] }>('GET', `${R}/commits/env/dev/status`);
      expect(combined.json.state).toBe('pending');
      expect(
        combined.json.statuses.map((s: { context: string; state: string }) => `${s.context}=${s.state}`),
      ).toEqual(['ci/build=success', 'ci/deploy=pending']);
      await post('success', 'ci/deploy');
      combined = await api('GET', `${R}/commits/${sha}/status`);
      expect(combined.json).toMatchObject({ state: 'success', total_count: 2, sha });
      expect((await api('GET', `${R}/commits/${sha}/statuses`)).json).toHaveLength(4);
      expect((await api('POST', `${R}/statuses/${sha}`, { state: 'bogus' })).status).toBe(422);
      expect((await api('POST', `${R}/statuses/${'3'.repeat(40)}`, { state: 'success' })).status).toBe(422);

      server.addCheckRun('acme/config', sha, { name: 'test', status: 'in_progress' });
      const lint = server.addCheckRun('acme/config', sha, {
        name: 'lint',
        conclusion: 'failure',
        title: 'lint failed',
      });
      const runs = await api<{ total_count: number; check_runs: unknown[] }>(
        'GET',
        `${R}/commits/env/dev/check-runs`,
      );
      expect(runs.json.total_count).toBe(2);
      expect(runs.json.check_runs).toEqual([
        expect.objectContaining({ name: 'test', status: 'in_progress', conclusion: null }),
        expect.objectContaining({ id: lint.id, name: 'lint', status: 'completed', conclusion: 'failure' }),
      ]);
    });
  });
});
