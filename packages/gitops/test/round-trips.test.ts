// What one promotion asks the config repo's server, request by request: each request is a round trip on a real
// link (bench/promote/latency.ts measures them through a 50 ms proxy). These pin the counts down, so a change
// that asks the server something twice, or reads what it already knows, fails here.

import { createGitHubClient } from '@slipway/github';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { type RecordedApiRequest, startGitHubServer } from '../../../test/support/githubServer.js';
import { DEFAULT_RETRY, environmentTarget, promote, withConfigFiles } from '../src/promotion/index.js';

const TOKEN = 'ghs_R0undTr1psT0kenValue_5a4b3c';
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };
const CART = 'registry.example.com/shop/cart';
const DIGEST = `sha256:${'4'.repeat(64)}`;
const DEPLOYMENT = `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart # kept\r\n          image: ${CART}:1.0.0\n`;
const FILES = {
  'apps/cart/deployment.yaml': DEPLOYMENT,
  'apps/cart/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'apps/cart/service.yaml': 'kind: Service\nmetadata:\n  name: cart\n',
  'apps/web/deployment.yaml': DEPLOYMENT.replaceAll('cart', 'web'),
  'docs/runbook.md': `${CART} is deployed by Slipway\n`,
};

/** `GET /repos/acme/config/git/trees/<sha>?recursive=1` → `GET git/trees/<sha> recursive`. */
function shown(request: RecordedApiRequest): string {
  const path = request.path.replace('/repos/acme/config/', '').replace('/repos/acme/config', 'repo');
  return `${request.method} ${path}${request.query.recursive === undefined ? '' : ' recursive'}`;
}

async function withServer<T>(
  files: Record<string, string>,
  test: (world: {
    repoPath: string;
    requests: RecordedApiRequest[];
    github: { client: ReturnType<typeof createGitHubClient>; owner: string; repo: string };
  }) => Promise<T>,
): Promise<T> {
  return withCleanup(async (defer) => {
    const repo = createBareRepo({
      branches: { main: files, 'env/dev': FILES },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN });
    defer(server.close);
    const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
    return test({
      repoPath: repo.path,
      requests: server.state.requests,
      github: { client, owner: 'acme', repo: 'config' },
    });
  });
}

describe('round trips through the GitHub API', () => {
  it('a scoped promotion reads the ref, one listing and each file once, then makes one tree, one commit and one ref update', async () => {
    await withServer({ 'README.md': 'config\n' }, async ({ repoPath, requests, github }) => {
      const before = branchTip(repoPath, 'env/dev') ?? '';
      const [outcome] = await promote({
        configRepo: repoPath,
        via: 'github-api',
        github,
        targets: [{ ...environmentTarget('dev'), path: 'apps/cart' }],
        images: [{ name: CART, repository: CART, tag: '1.1.0', digest: DIGEST }],
        pin: 'tag+digest',
        valuesPaths: [],
        createBranch: false,
        dryRun: false,
        author: bot,
        committer: bot,
        source: {},
        retry: DEFAULT_RETRY,
      });
      const after = branchTip(repoPath, 'env/dev') ?? '';
      expect(outcome).toMatchObject({ commit: after, noop: false, attempts: 1 });
      // The edit is byte-exact (the CR stays), though its bytes travelled inline in the tree call.
      expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        DEPLOYMENT.replace(`${CART}:1.0.0`, `${CART}:1.1.0@${DIGEST}`),
      );

      const blobs = requests.filter((r) => r.method === 'GET' && r.path.includes('/git/blobs/'));
      expect(new Set(blobs.map((r) => r.path)).size).toBe(blobs.length);
      expect(blobs).toHaveLength(3);
      expect(requests.filter((r) => !blobs.includes(r)).map(shown)).toEqual([
        'GET git/ref/heads/env/dev',
        `GET git/trees/${before} recursive`,
        'POST git/trees',
        'POST git/commits',
        'PATCH git/refs/heads/env/dev',
      ]);
    });
  });

  it('reads the policy of the default branch in three requests and its blob: no commit read', async () => {
    const policy = 'environments:\n  - name: dev\n';
    await withServer({ '.slipway.yaml': policy }, async ({ repoPath, requests, github }) => {
      const read = await withConfigFiles(
        { configRepo: repoPath, github, written: ['env/{env}'], warn: () => {} },
        async (reader) => (await reader?.read(['.slipway.yaml']))?.get('.slipway.yaml')?.toString('utf8'),
      );
      expect(read).toBe(policy);
      const main = branchTip(repoPath, 'main') ?? '';
      expect(requests.map(shown)).toEqual([
        'GET repo',
        'GET git/ref/heads/main',
        `GET git/trees/${main}`,
        expect.stringMatching(/^GET git\/blobs\/[0-9a-f]{40}$/),
      ]);
    });
  });
});

describe('round trips over git smart HTTP', () => {
  // At the floor already (a guard, not a reduction): one negotiation for the tip, one fetch of the folder's
  // files (a filter cannot name a folder on common servers), one push.
  it('a scoped promotion asks the server 7 requests: fetch, the files under --path, push', async () => {
    await withCleanup(async (defer) => {
      const repo = createBareRepo({
        name: 'config.git',
        branches: { 'env/dev': FILES },
        config: { 'uploadpack.allowFilter': 'true' },
      });
      defer(repo.cleanup);
      const server = await startGitHttpServer({
        root: `${repo.path}/..`,
        username: 'x-access-token',
        password: TOKEN,
        recordHeaders: true,
      });
      defer(server.close);
      const [outcome] = await promote({
        configRepo: `${server.url}/config.git`,
        auth: { token: TOKEN },
        targets: [{ ...environmentTarget('dev'), path: 'apps/cart' }],
        images: [{ name: CART, repository: CART, tag: '1.1.0', digest: DIGEST }],
        pin: 'tag+digest',
        valuesPaths: [],
        createBranch: false,
        dryRun: false,
        author: bot,
        committer: bot,
        source: {},
        retry: DEFAULT_RETRY,
      });
      expect(outcome).toMatchObject({ commit: branchTip(repo.path, 'env/dev'), noop: false, attempts: 1 });
      expect(server.requests.map((r) => `${r.method} ${r.url.replace('/config.git/', '')}`)).toEqual([
        'GET info/refs?service=git-upload-pack',
        'POST git-upload-pack',
        'POST git-upload-pack',
        'GET info/refs?service=git-upload-pack',
        'POST git-upload-pack',
        'GET info/refs?service=git-receive-pack',
        'POST git-receive-pack',
      ]);
    });
  });
});
