import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from './support/actionRunner.js';
import { type BareRepo, branchTip, createBareRepo, listCommits } from './support/bareRepo.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const manifest =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: registry.example.com/shop/cart:1.0.0\n';

let repo: BareRepo | undefined;
afterEach(() => repo?.cleanup());

describe('actions/promote (the committed bundle, run as the runner runs it)', () => {
  it('promotes, sets outputs in GITHUB_OUTPUT and writes a summary table', async () => {
    repo = createBareRepo({ branches: { 'env/dev': { 'apps/cart/deployment.yaml': manifest } } });
    const run = await runAction('promote', {
      'config-repo': repo.url,
      env: 'dev',
      image: `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
    });
    expect(run.stdout).not.toMatch(/::error/);
    expect(run.code).toBe(0);
    const tip = branchTip(repo.path, 'env/dev');
    expect(run.outputs).toMatchObject({ commit: tip, branch: 'env/dev', noop: 'false', attempts: '1' });
    expect(JSON.parse(run.outputs.changes ?? '[]')).toEqual([
      {
        file: 'apps/cart/deployment.yaml',
        line: 7,
        before: 'registry.example.com/shop/cart:1.0.0',
        after: `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
      },
    ]);
    expect(run.summary).toContain('| File | Line | Before → after |');
    expect(run.summary).toContain(
      `| \`apps/cart/deployment.yaml\` | 7 | \`registry.example.com/shop/cart:1.0.0\` → \`registry.example.com/shop/cart:1.1.0@${DIGEST}\` |`,
    );
    const [commit] = listCommits(repo.path, 'env/dev');
    expect(commit?.author).toBe(
      'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
    );
    expect(commit?.message).toContain(`Slipway-Source-Commit: ${'e'.repeat(40)}`);
    expect(commit?.message).toContain('Slipway-Run: https://github.com/acme/shop/actions/runs/4242');
  });

  it('fails with exit code 1 and an ::error annotation naming the problem, and masks the token', async () => {
    repo = createBareRepo({ branches: { 'env/dev': { 'apps/cart/deployment.yaml': manifest } } });
    const run = await runAction('promote', {
      'config-repo': repo.url,
      env: 'dev',
      image: 'registry.example.com/shop/cart',
      token: 'ghp_ActionSecret123',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::add-mask::ghp_ActionSecret123');
    expect(run.stdout).toMatch(
      /::error::image registry.example.com\/shop\/cart has neither a tag nor a digest/,
    );
    expect(run.outputs).toEqual({});
  });

  it('annotates the file and line of a config-repo file that does not parse', async () => {
    repo = createBareRepo({
      branches: {
        'env/dev': {
          'apps/cart/deployment.yaml': manifest,
          'apps/cart/broken.yaml':
            'containers:\n  - image: registry.example.com/shop/cart:1.0\n    name: [unclosed\n',
        },
      },
    });
    const run = await runAction('promote', {
      'config-repo': repo.url,
      env: 'dev',
      image: `registry.example.com/shop/cart:1.1.0@${DIGEST}`,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=apps\/cart\/broken.yaml,line=\d+::/);
  });
});
