import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branchTip, createBareRepo, readFileAt } from './support/bareRepo.js';
import { withCleanup } from './support/cleanup.js';
import { startGitHttpServer } from './support/gitHttpServer.js';
import { runSlipway } from './support/slipway.js';

// A config repo made with plain `git init --bare`: HEAD names refs/heads/master, while the branches pushed
// are main (the owners' policy) and env/*. git then shows no HEAD at all, so there is no default branch.
const CART = 'registry.example.com/shop/cart';
const DIGEST = `sha256:${'4843ea2bc818a06bf43533c9d3f9e1f7ea1206ff39640f33968358047b9497c6'}`;
const TOKEN = 'head-test-token';
const env = { SLIPWAY_TOKEN: TOKEN };
const values = (tag: string): string => `image:\n  repository: ${CART}\n  tag: "${tag}"\n`;
// The policy scopes dev to apps/a: that apps/b stays as it was shows the policy on main was read.
const policy = 'version: 1\nenvironments:\n  dev:\n    path: apps/a\n';

function headless(extra: Record<string, Record<string, string>> = {}) {
  return createBareRepo({
    branches: {
      main: { '.slipway.yaml': policy },
      'env/dev': { 'apps/a/values.yaml': values('1.0'), 'apps/b/values.yaml': values('1.0') },
      ...extra,
    },
    defaultBranch: 'master',
  });
}

describe('a config repo whose HEAD names a branch that does not exist', () => {
  for (const transport of ['file', 'http'] as const) {
    it(`promotes to an existing env branch, reading the policy from main, the only other branch (${transport})`, async () =>
      withCleanup(async (defer) => {
        const repo = headless();
        defer(repo.cleanup);
        let url = repo.url;
        if (transport === 'http') {
          const server = await startGitHttpServer({
            root: dirname(repo.path),
            username: 'x-access-token',
            password: TOKEN,
          });
          defer(server.close);
          url = `${server.url}/config.git`;
        }
        const result = await runSlipway(
          ['promote', '--config-repo', url, '--env', 'dev', '--image', `${CART}:1.1@${DIGEST}`],
          { env },
        );
        expect(result.stderr).not.toContain('bug:');
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain(
          "warning: the config repo's HEAD names no existing branch: the policy (.slipway.yaml) is read from main, the only branch promotions do not write; point the config repo's HEAD at main: `git symbolic-ref HEAD refs/heads/main` in the server's bare repository",
        );
        expect(result.stderr).toContain('or pass --policy-ref main');
        expect(readFileAt(repo.path, 'env/dev', 'apps/a/values.yaml')?.toString()).toBe(
          values(`1.1@${DIGEST}`),
        );
        expect(readFileAt(repo.path, 'env/dev', 'apps/b/values.yaml')?.toString()).toBe(values('1.0'));
      }));
  }

  it('with several branches that could hold the policy: refused, naming them, --policy-ref and git symbolic-ref', async () =>
    withCleanup(async (defer) => {
      const repo = headless({ feature: { 'README.md': 'not a policy\n' } });
      defer(repo.cleanup);
      const tip = branchTip(repo.path, 'env/dev');
      const result = await runSlipway([
        'promote',
        '--config-repo',
        repo.url,
        '--env',
        'dev',
        '--image',
        `${CART}:1.1@${DIGEST}`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('bug:');
      expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
        `slipway promote: error: ${repo.url}: the config repo's HEAD names no existing branch, so the policy (.slipway.yaml) cannot be read from it; name the branch that holds .slipway.yaml with --policy-ref (branches that could hold it: feature, main), or point the config repo's HEAD at <branch>: \`git symbolic-ref HEAD refs/heads/<branch>\` in the server's bare repository (on a Git host, make it the default branch)`,
      );
      expect(branchTip(repo.path, 'env/dev')).toBe(tip);
    }));

  it('--create-branch has no default branch to start from: a clear error naming the fix, nothing created', async () =>
    withCleanup(async (defer) => {
      const repo = createBareRepo({
        branches: { 'env/dev': { 'apps/a/values.yaml': values('1.0') } },
        defaultBranch: 'master',
      });
      defer(repo.cleanup);
      const result = await runSlipway([
        'promote',
        '--config-repo',
        repo.url,
        '--env',
        'staging',
        '--create-branch',
        '--image',
        `${CART}:1.1@${DIGEST}`,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('bug:');
      expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
        `slipway promote: error: ${repo.url}: cannot create env/staging: --create-branch starts a branch from the default branch, and the config repo's HEAD names no existing branch; point the config repo's HEAD at the branch to start from: \`git symbolic-ref HEAD refs/heads/<branch>\` in the server's bare repository (on a Git host, make it the default branch); or create env/staging yourself (\`git push <config repo> <branch>:env/staging\`)`,
      );
      expect(branchTip(repo.path, 'env/staging')).toBeUndefined();
    }));
});
