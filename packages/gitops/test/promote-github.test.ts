import { createGitHubClient } from '@slipway/github';
import { describe, expect, it } from 'vitest';
import {
  branchTip,
  commitFiles,
  createBareRepo,
  listCommits,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { type Defer, withCleanup } from '../../../test/support/cleanup.js';
import { gitText } from '../../../test/support/git.js';
import { type GitHubServer, startGitHubServer } from '../../../test/support/githubServer.js';
import { unifiedDiff } from '../src/promotion/api-reader.js';
import {
  DEFAULT_RETRY,
  environmentTarget,
  type PromoteRequest,
  promote,
  pullRequestBody,
  pullRequestBranch,
} from '../src/promotion/index.js';

const TOKEN = 'ghs_ApiM0deT0kenValue_9f8e7d6c';
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };
const CART = 'registry.example.com/shop/cart';
const PAYMENTS = 'registry.example.com/shop/payments';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart # keep this comment
spec:
  template:
    spec:
      containers:
        - name: cart
          image: '${image}'   # set by CI\r
`;
const cronjob = (image: string): string =>
  `kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - {name: sync, image: ${image}}\n`;

const FILES = {
  'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`),
  'apps/payments/cronjob.yaml': cronjob(`${PAYMENTS}:0.9.0`),
  'apps/cart/README.md': `not yaml: ${CART}:1.0.0\n`,
  'other/notes.yaml': 'a: 1\n',
};

interface Fixture {
  server: GitHubServer;
  repoPath: string;
  defer: Defer;
  request: (overrides: Partial<PromoteRequest>) => PromoteRequest;
}

async function withFixture<T>(
  test: (fixture: Fixture) => Promise<T>,
  onRequest?: (fixture: { repoPath: string }, request: { method: string; path: string }) => Promise<void>,
): Promise<T> {
  return withCleanup(async (defer) => {
    const repo = createBareRepo({
      branches: { main: { 'README.md': 'config\n' }, 'env/dev': FILES },
      defaultBranch: 'main',
    });
    defer(repo.cleanup);
    const server = await startGitHubServer({
      repos: { 'acme/config': repo.path },
      token: TOKEN,
      ...(onRequest === undefined ? {} : { onRequest: (r) => onRequest({ repoPath: repo.path }, r) }),
    });
    defer(server.close);
    const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
    const request = (overrides: Partial<PromoteRequest>): PromoteRequest => ({
      configRepo: repo.path,
      targets: [environmentTarget('dev')],
      images: [{ name: CART, repository: CART, tag: '1.1.0', digest: D1 }],
      pin: 'tag+digest',
      valuesPaths: [],
      createBranch: false,
      dryRun: false,
      author: bot,
      committer: bot,
      source: { commit: 'abc123', runUrl: 'https://ci.example/run/7' },
      retry: { ...DEFAULT_RETRY, baseDelayMs: 5, maxDelayMs: 20 },
      github: { client, owner: 'acme', repo: 'config' },
      sleep: async () => {},
      ...overrides,
    });
    return await test({ server, repoPath: repo.path, defer, request });
  });
}

const changedFiles = (repoPath: string, from: string, to: string): string[] =>
  gitText(['diff', '--name-only', from, to], { env: { GIT_DIR: repoPath } })
    .split('\n')
    .filter((line) => line !== '');

describe('promote through the GitHub API (via: github-api)', () => {
  it('lands one verified commit with byte-exact edits, without running git', async () => {
    await withFixture(async ({ server, repoPath, request }) => {
      const before = branchTip(repoPath, 'env/dev') ?? '';
      const argv: string[][] = [];
      const [outcome] = await promote(request({ via: 'github-api', onCommand: (a) => argv.push(a) }));
      expect(argv).toEqual([]);
      const tip = branchTip(repoPath, 'env/dev') ?? '';
      expect(outcome).toMatchObject({ env: 'dev', branch: 'env/dev', commit: tip, noop: false, attempts: 1 });
      expect(listCommits(repoPath, 'env/dev')[0]?.parents).toEqual([before]);
      expect(changedFiles(repoPath, before, tip)).toEqual(['apps/cart/deployment.yaml']);
      expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(`${CART}:1.1.0@${D1}`),
      );
      const message = listCommits(repoPath, 'env/dev')[0]?.message ?? '';
      expect(message).toMatch(/^promote\(dev\): registry.example.com\/shop\/cart 1.1.0 \(/);
      expect(message).toContain(`Slipway-Image: ${CART}:1.1.0@${D1}`);
      expect(message).toContain('Slipway-Run: https://ci.example/run/7');
      const commit = await fetch(`${server.url}/repos/acme/config/git/commits/${tip}`, {
        headers: { authorization: `token ${TOKEN}` },
      }).then((r) => r.json() as Promise<{ verification: { verified: boolean } }>);
      expect(commit.verification.verified).toBe(true);
      // Only YAML under the branch was read: the README with the image name is never fetched.
      const blobReads = server.state.requests.filter(
        (r) => r.method === 'GET' && r.path.includes('/git/blobs/'),
      );
      expect(blobReads.length).toBeGreaterThan(0);
      expect(blobReads.length).toBeLessThanOrEqual(3);
    });
  });

  it('reads kustomizations named Kustomization and JSON manifests as git mode does', async () => {
    await withFixture(async ({ repoPath, request }) => {
      commitFiles(repoPath, 'env/dev', {
        'apps/cart/Kustomization': `resources: [deployment.yaml]\nimages:\n  - name: ${CART}\n    newTag: 1.0.0\n`,
        'apps/jobs/pod.json': `{"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "${CART}:1.0.0"}]}}\n`,
      });
      const [outcome] = await promote(request({ via: 'github-api' }));
      expect(outcome?.changes.map((c) => c.file)).toEqual(
        expect.arrayContaining(['apps/cart/Kustomization', 'apps/jobs/pod.json']),
      );
      expect(readFileAt(repoPath, 'env/dev', 'apps/jobs/pod.json')?.toString('utf8')).toBe(
        `{"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "${CART}:1.1.0@${D1}"}]}}\n`,
      );
    });
  });

  it('scans only YAML under --path and reports a missing image like git mode', async () => {
    await withFixture(async ({ request }) => {
      const error = await promote(
        request({
          via: 'github-api',
          targets: [environmentTarget('dev', { path: 'other' })],
        }),
      ).catch((e: unknown) => e);
      expect(String(error)).toMatch(
        /referenced nowhere on branch env\/dev \(searched under other\/.*\d+ candidate YAML files/,
      );
    });
  });

  it('two API promotions of different images from the same tip both land (no lost update)', async () => {
    await withFixture(async ({ repoPath, request }) => {
      const before = branchTip(repoPath, 'env/dev') ?? '';
      const [a, b] = await Promise.all([
        promote(request({ via: 'github-api', random: () => 0 })),
        promote(
          request({
            via: 'github-api',
            random: () => 0.5,
            images: [{ name: PAYMENTS, repository: PAYMENTS, tag: '1.0.0', digest: D2 }],
          }),
        ),
      ]);
      expect(a?.[0]?.noop).toBe(false);
      expect(b?.[0]?.noop).toBe(false);
      const commits = listCommits(repoPath, 'env/dev');
      expect(commits.length).toBe(3);
      expect(commits[1]?.parents).toEqual([before]);
      expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        deployment(`${CART}:1.1.0@${D1}`),
      );
      expect(readFileAt(repoPath, 'env/dev', 'apps/payments/cronjob.yaml')?.toString('utf8')).toBe(
        cronjob(`${PAYMENTS}:1.0.0@${D2}`),
      );
    });
  });

  it('re-applies the intent when the branch moves between reading and the ref update', async () => {
    let moved = '';
    await withFixture(
      async ({ repoPath, request }) => {
        const progress: string[] = [];
        const [outcome] = await promote(request({ via: 'github-api', progress: (m) => progress.push(m) }));
        expect(outcome?.attempts).toBe(2);
        expect(progress.join('\n')).toMatch(/env\/dev moved while promoting \(attempt 1\/30\)/);
        const commits = listCommits(repoPath, 'env/dev');
        expect(commits[0]?.parents).toEqual([moved]);
        expect(readFileAt(repoPath, 'env/dev', 'other/notes.yaml')?.toString('utf8')).toBe('a: 2\n');
        expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
          deployment(`${CART}:1.1.0@${D1}`),
        );
      },
      async ({ repoPath }, { method, path }) => {
        if (moved === '' && method === 'PATCH' && path.endsWith('/git/refs/heads/env/dev')) {
          moved = commitFiles(repoPath, 'env/dev', { 'other/notes.yaml': 'a: 2\n' }, 'someone else');
        }
      },
    );
  });

  it('with several environments, keeps the one that landed and retries only the stale one', async () => {
    let moved = '';
    await withFixture(
      async ({ repoPath, request }) => {
        commitFiles(repoPath, 'env/prod', FILES, 'init env/prod');
        const devBefore = branchTip(repoPath, 'env/dev') ?? '';
        const outcomes = await promote(
          request({ via: 'github-api', targets: [environmentTarget('dev'), environmentTarget('prod')] }),
        );
        const devTip = branchTip(repoPath, 'env/dev') ?? '';
        expect(moved).not.toBe('');
        expect(outcomes.map((o) => [o.branch, o.commit, o.noop])).toEqual([
          ['env/dev', devTip, false],
          ['env/prod', branchTip(repoPath, 'env/prod'), false],
        ]);
        expect(listCommits(repoPath, 'env/dev')[0]?.parents).toEqual([devBefore]);
        expect(outcomes.map((o) => o.changes.length)).toEqual([1, 1]);
        expect(listCommits(repoPath, 'env/prod')[0]?.parents).toEqual([moved]);
        for (const branch of ['env/dev', 'env/prod']) {
          expect(readFileAt(repoPath, branch, 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
            deployment(`${CART}:1.1.0@${D1}`),
          );
        }
      },
      async ({ repoPath }, { method, path }) => {
        if (moved === '' && method === 'PATCH' && path.endsWith('/git/refs/heads/env/prod')) {
          moved = commitFiles(repoPath, 'env/prod', { 'other/notes.yaml': 'a: 3\n' }, 'someone else');
        }
      },
    );
  });

  it('a dry run writes nothing and still shows the diff', async () => {
    await withFixture(async ({ server, repoPath, request }) => {
      const before = branchTip(repoPath, 'env/dev');
      const [outcome] = await promote(request({ via: 'github-api', dryRun: true }));
      expect(branchTip(repoPath, 'env/dev')).toBe(before);
      expect(server.state.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(outcome).toMatchObject({ commit: null, noop: false });
      expect(outcome?.diff).toContain(`-          image: '${CART}:1.0.0'   # set by CI\r`);
      expect(outcome?.diff).toContain(`+          image: '${CART}:1.1.0@${D1}'   # set by CI\r`);
    });
  });

  it('needs the config repo on GitHub', async () => {
    await withFixture(async ({ request }) => {
      const error = await promote(request({ via: 'github-api', github: undefined })).catch((e: unknown) => e);
      expect(String(error)).toMatch(/GitHub API \(--via github-api\) needs the config repo on GitHub/);
    });
  });
});

describe('promote through a pull request', () => {
  for (const via of ['git', 'github-api'] as const) {
    it(`pushes the commit to Slipway's branch and opens one pull request, updated by the next promotion (${via})`, async () => {
      await withFixture(async ({ server, repoPath, request }) => {
        const envTip = branchTip(repoPath, 'env/dev') ?? '';
        const pullRequests = { envs: new Set(['dev']) };
        const [first] = await promote(request({ via, pullRequests }));
        const head = 'slipway/promote/dev/cart';
        expect(branchTip(repoPath, 'env/dev')).toBe(envTip);
        const headTip = branchTip(repoPath, head) ?? '';
        expect(first).toMatchObject({
          branch: 'env/dev',
          commit: headTip,
          noop: false,
          pullRequest: { number: expect.any(Number), created: true, head },
        });
        expect(listCommits(repoPath, head)[0]?.parents).toEqual([envTip]);
        expect(server.state.pulls).toHaveLength(1);
        const pr = server.state.pulls[0];
        expect(pr).toMatchObject({ head, base: 'env/dev', state: 'open' });
        expect(pr?.title).toBe(`promote(dev): ${CART} 1.1.0 (${D1.slice(0, 19)})`);
        expect(pr?.labels).toEqual(['slipway', 'promotion', 'env:dev']);
        expect(pr?.body).toContain('`apps/cart/deployment.yaml:10`');
        expect(pr?.body).toContain(`\`${CART}:1.0.0\``);
        expect(pr?.body).toContain('Source commit: `abc123`');
        expect(pr?.body).toContain('Run: https://ci.example/run/7');

        const [second] = await promote(
          request({
            via,
            pullRequests,
            images: [{ name: CART, repository: CART, tag: '1.2.0', digest: D3 }],
          }),
        );
        expect(server.state.pulls).toHaveLength(1);
        expect(second?.pullRequest).toMatchObject({ number: pr?.number, created: false, head });
        const newHead = branchTip(repoPath, head) ?? '';
        expect(newHead).not.toBe(headTip);
        expect(listCommits(repoPath, head)[0]?.parents).toEqual([envTip]);
        expect(readFileAt(repoPath, head, 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
          deployment(`${CART}:1.2.0@${D3}`),
        );
        expect(server.state.pulls[0]?.title).toMatch(/cart 1.2.0/);
        expect(branchTip(repoPath, 'env/dev')).toBe(envTip);
      });
    });
  }

  it('pushes the head from a partial clone (--path) with git', async () => {
    await withFixture(async ({ server, repoPath, request }) => {
      const argv: string[][] = [];
      const [outcome] = await promote(
        request({
          targets: [environmentTarget('dev', { path: 'apps/cart' })],
          pullRequests: { envs: new Set(['dev']), labels: ['promo:{env}'] },
          onCommand: (a) => argv.push(a),
        }),
      );
      expect(argv.some((a) => a.includes('--filter=blob:none'))).toBe(true);
      expect(
        argv.some((a) =>
          a.some((x) => x.startsWith('--force-with-lease=refs/heads/slipway/promote/dev/cart:')),
        ),
      ).toBe(true);
      expect(outcome?.commit).toBe(branchTip(repoPath, 'slipway/promote/dev/cart'));
      expect(
        readFileAt(repoPath, 'slipway/promote/dev/cart', 'apps/payments/cronjob.yaml')?.toString('utf8'),
      ).toBe(cronjob(`${PAYMENTS}:0.9.0`));
      expect(server.state.pulls[0]?.labels).toEqual(['promo:dev']);
    });
  });

  it('never overwrites a head that moved since it was read (the lease), and retries', async () => {
    const head = 'slipway/promote/dev/cart';
    let armed = false;
    let reads = 0;
    let pushedByOther = '';
    await withFixture(
      async ({ repoPath, request }) => {
        const pullRequests = { envs: new Set(['dev']) };
        await promote(request({ via: 'github-api', pullRequests }));
        armed = true;
        const [outcome] = await promote(
          request({
            via: 'github-api',
            pullRequests,
            images: [{ name: CART, repository: CART, tag: '1.2.0', digest: D3 }],
          }),
        );
        expect(pushedByOther).not.toBe('');
        expect(outcome?.attempts).toBe(2);
        expect(readFileAt(repoPath, head, 'apps/cart/deployment.yaml')?.toString('utf8')).toBe(
          deployment(`${CART}:1.2.0@${D3}`),
        );
      },
      async ({ repoPath }, { method, path }) => {
        if (!armed || method !== 'GET' || !path.endsWith(`/git/ref/heads/${head}`)) return;
        reads += 1;
        // The first read is the attempt's; before the second (the lease check), another run moves the head.
        if (reads === 2) pushedByOther = commitFiles(repoPath, head, { 'x.txt': 'x\n' }, 'another run');
      },
    );
  });

  it('needs the config repo on GitHub', async () => {
    await withFixture(async ({ request }) => {
      const error = await promote(
        request({ github: undefined, pullRequests: { envs: new Set(['dev']) } }),
      ).catch((e: unknown) => e);
      expect(String(error)).toMatch(
        /promoting dev through a pull request needs the config repo on GitHub or AWS CodeCommit/,
      );
    });
  });

  it("refuses the policy's CodeCommit approval-rule template on GitHub, before anything is pushed", async () => {
    await withFixture(async ({ server, repoPath, request }) => {
      const error = await promote(
        request({
          pullRequests: {
            envs: new Set(['dev']),
            approvalRuleTemplates: new Map([
              ['dev', { name: 'two-approvers', declaredAt: '.slipway.yaml:6' }],
            ]),
          },
        }),
      ).catch((e: unknown) => e);
      expect(String(error)).toMatch(/approvalRuleTemplate "two-approvers" is a CodeCommit setting/);
      expect((error as { where?: string }).where).toBe('.slipway.yaml:6');
      expect(branchTip(repoPath, 'slipway/promote/dev/cart')).toBeUndefined();
      expect(server.state.pulls).toHaveLength(0);
    });
  });
});

describe('pull-request helpers', () => {
  it('names one stable branch per environment and image set', () => {
    const image = (repository: string) => ({ name: repository, repository });
    expect(pullRequestBranch('prod', [image(CART)])).toBe('slipway/promote/prod/cart');
    expect(pullRequestBranch('prod', [image(PAYMENTS), image(CART)])).toBe(
      'slipway/promote/prod/cart+payments',
    );
    expect(pullRequestBranch('prod', [image('a.example/cart'), image('b.example/cart')])).toMatch(
      /^slipway\/promote\/prod\/2-images-[0-9a-f]{10}$/,
    );
  });

  it('writes a body with before → after, verification and every change', () => {
    const body = pullRequestBody({
      env: 'prod',
      base: 'env/prod',
      head: 'slipway/promote/prod/cart',
      images: [
        {
          name: CART,
          tag: '1.1.0',
          digest: D1,
          previous: `${CART}:1.0.0`,
          verifiedBy: 'SHA256:abc',
          places: ['a.yaml:3'],
        },
      ],
      changes: [
        { file: 'a.yaml', line: 3, repository: CART, before: `${CART}:1.0.0`, after: `${CART}:1.1.0@${D1}` },
      ],
    });
    expect(body).toContain(
      `| \`${CART}\` | \`${CART}:1.0.0\` | \`${CART}:1.1.0@sha256:111111111111\` | \`SHA256:abc\` |`,
    );
    expect(body).toContain(`- \`a.yaml:3\`: \`${CART}:1.0.0\` → \`${CART}:1.1.0@${D1}\``);
  });

  it('diffs like git for dry runs', () => {
    expect(unifiedDiff('f.yaml', 'a\nb\nc\n', 'a\nB\nc\n')).toBe(
      'diff --git a/f.yaml b/f.yaml\n--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
    );
  });
});
