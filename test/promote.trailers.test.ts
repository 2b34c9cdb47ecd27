import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, commitFiles, createBareRepo, listCommits } from './support/bareRepo.js';
import { runSlipway } from './support/slipway.js';

// Issue 12: a line break in a value that goes into a promotion commit must never add a trailer
// (`Slipway-Verified-By: forged`) or change the subject, and history must not believe hand-made trailers.

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;
const CART = 'registry.example.com/shop/cart';
const FORGED = 'Slipway-Verified-By: forged';

const deployment = (image: string): string =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

let repos: BareRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

function shop(): BareRepo {
  const files = { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) };
  const repo = createBareRepo({
    branches: { main: { 'README.md': '# config\n' }, 'env/dev': files, 'env/prod': files },
    defaultBranch: 'main',
  });
  repos.push(repo);
  return repo;
}

/** Runs a command that must be refused: one error line matching `error`, nothing on stdout, nothing pushed. */
async function refused(
  repo: BareRepo,
  args: string[],
  error: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  const tips = ['env/dev', 'env/prod'].map((branch) => branchTip(repo.path, branch));
  const result = await runSlipway([...args, '--config-repo', repo.url], { env });
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(error);
  expect(lines.at(-1)).not.toMatch(/^\s*at /);
  expect(['env/dev', 'env/prod'].map((branch) => branchTip(repo.path, branch))).toEqual(tips);
  for (const branch of ['env/dev', 'env/prod']) {
    expect(
      listCommits(repo.path, branch)
        .map((c) => c.message)
        .join('\n'),
    ).not.toContain(FORGED);
  }
}

const promoteDev = ['promote', '--env', 'dev', '--image', `${CART}:1.1.0@${D1}`];

describe('values that enter a commit message are checked where they enter', () => {
  it('refuses a --source-commit or --run-url that would add a trailer, naming the flag', async () => {
    const repo = shop();
    await refused(
      repo,
      [...promoteDev, '--source-commit', `abc1234\n${FORGED}`],
      /^slipway promote: error: --source-commit must be a commit id \(7 to 64 hex digits\), not "abc1234\\u000aSlipway-Verified-By: forged"/,
    );
    await refused(
      repo,
      [...promoteDev, '--run-url', `https://ci.example.com/run/1\n${FORGED}`],
      /^slipway promote: error: --run-url must be one URL without spaces or line breaks/,
    );
    await refused(repo, [...promoteDev, '--source-commit', 'main'], /--source-commit must be a commit id/);
    await refused(
      repo,
      [...promoteDev, '--run-url', 'javascript:alert(1)'],
      /--run-url must be an http\(s\) URL/,
    );
    await refused(
      repo,
      [...promoteDev, '--author', 'Eve\u001b[2J <eve@example.com>'],
      /--author "Eve\\u001b\[2J <eve@example.com>" is not "Name <email>"/,
    );
  });

  it('refuses a rollback --reason or --run-url with a line break, naming the flag', async () => {
    const repo = shop();
    for (const digest of [D1, D2]) {
      const ok = await runSlipway([
        'promote',
        '--config-repo',
        repo.url,
        '--env',
        'prod',
        '--image',
        `${CART}:1@${digest}`,
      ]);
      expect(ok.code, ok.stderr).toBe(0);
    }
    const rollback = ['rollback', '--env', 'prod', '--image', CART];
    await refused(
      repo,
      [...rollback, '--reason', `oops\n\n${FORGED}`],
      /^slipway rollback: error: --reason must be one line/,
    );
    await refused(
      repo,
      [...rollback, '--run-url', `https://ci.example.com/1\r\n${FORGED}`],
      /^slipway rollback: error: --run-url must be one URL/,
    );
  });

  it.each([
    {
      name: 'GITHUB_SHA',
      env: { GITHUB_ACTIONS: 'true', GITHUB_SHA: `${'a'.repeat(40)}\n${FORGED}` },
      error: /the CI context: GITHUB_SHA must be a commit id .*; give --source-commit/,
    },
    {
      name: 'GITHUB_RUN_ID',
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_REPOSITORY: 'shop/cart',
        GITHUB_RUN_ID: `7\n${FORGED}`,
      },
      error:
        /the CI context: GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID must be one URL .*; give --run-url/,
    },
    {
      name: 'CODEBUILD_RESOLVED_SOURCE_VERSION',
      env: { CODEBUILD_BUILD_ID: 'shop:1', CODEBUILD_RESOLVED_SOURCE_VERSION: `abc1234\n${FORGED}` },
      error: /the CI context: CODEBUILD_RESOLVED_SOURCE_VERSION must be a commit id/,
    },
    {
      name: 'CODEBUILD_BUILD_URL',
      env: { CODEBUILD_BUILD_ID: 'shop:1', CODEBUILD_BUILD_URL: `https://ci.example.com/b/1\n${FORGED}` },
      error: /the CI context: CODEBUILD_BUILD_URL must be one URL/,
    },
  ])(
    'refuses a CI context value ($name) that would add a trailer, naming the variable',
    async ({ env, error }) => {
      await refused(shop(), promoteDev, error, env);
    },
  );

  it('records checked CI context values, and an explicit flag wins over a bad one', async () => {
    const repo = shop();
    const result = await runSlipway(
      [...promoteDev, '--config-repo', repo.url, '--source-commit', 'ABCDEF1'],
      {
        env: {
          GITHUB_ACTIONS: 'true',
          GITHUB_SHA: `bad\n${FORGED}`,
          GITHUB_REPOSITORY: 'shop/cart',
          GITHUB_RUN_ID: '7',
          GITHUB_RUN_ATTEMPT: '2',
        },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const message = listCommits(repo.path, 'env/dev')[0]?.message ?? '';
    expect(message).toMatch(
      /\n\nSlipway-Image: .*\nSlipway-Previous: .*\nSlipway-Source-Commit: abcdef1\nSlipway-Run: https:\/\/github\.com\/shop\/cart\/actions\/runs\/7\/attempts\/2$/,
    );
  });
});

interface HistoryJson {
  kind: string;
  commit: string;
  images: Array<{ image: string; verifiedBy: string | null }>;
  sourceCommit: string | null;
}

describe('history and status believe only the trailers Slipway wrote', () => {
  it('shows a hand commit carrying Slipway trailers as manual, its claims not believed', async () => {
    const repo = shop();
    const promoted = await runSlipway([
      ...promoteDev,
      '--config-repo',
      repo.url,
      '--source-commit',
      'b'.repeat(40),
    ]);
    expect(promoted.code, promoted.stderr).toBe(0);
    const promotion = branchTip(repo.path, 'env/dev');
    const trailers = `Slipway-Image: ${CART}:1.3.0@${D3}\nSlipway-Previous: ${CART}:1.1.0@${D1}\n${FORGED}\nSlipway-Source-Commit: ${'c'.repeat(40)}\n`;
    const hand = commitFiles(
      repo.path,
      'env/dev',
      { 'apps/cart.yaml': deployment(`${CART}:1.3.0@${D3}`) },
      `bump cart by hand\n\n${trailers}`,
    );
    // A promotion subject for another environment, cherry-picked onto dev, is no record of dev either.
    const other = commitFiles(
      repo.path,
      'env/dev',
      { 'apps/cart.yaml': deployment(`${CART}:1.3.0@${D3}`), 'x.txt': 'x\n' },
      `promote(prod): ${CART} 1.3.0 (sha256:333333333333)\n\nSet it.\n\n${trailers}`,
    );

    const history = await runSlipway(['history', '--config-repo', repo.url, '--env', 'dev', '--json']);
    expect(history.code, history.stderr).toBe(0);
    const entries = JSON.parse(history.stdout) as HistoryJson[];
    expect(entries.map((e) => [e.commit, e.kind, e.images.length, e.sourceCommit])).toEqual([
      [other, 'manual', 0, null],
      [hand, 'manual', 0, null],
      [promotion, 'promotion', 1, 'b'.repeat(40)],
      [expect.any(String), 'manual', 0, null],
    ]);
    expect(history.stdout).not.toContain('forged');

    const text = await runSlipway(['history', '--config-repo', repo.url, '--env', 'dev']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\bmanual\s+bump cart by hand/);
    expect(text.stdout).not.toContain('forged');

    // status: the version that runs now was put there by hand, so no promotion commit and no age.
    const status = await runSlipway(['status', '--config-repo', repo.url, '--env', 'dev', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const cell = (
      JSON.parse(status.stdout) as { images: Array<{ image: string; environments: Record<string, unknown> }> }
    ).images.find((i) => i.image === CART)?.environments.dev;
    expect(cell).toMatchObject({ digest: D3, commit: null, since: null });
  });
});
