import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { runSlipway } from './support/slipway.js';

const SERVICES = 16;
const name = (i: number): string => `svc-${String(i).padStart(2, '0')}`;
const digest = (i: number): string => `sha256:${i.toString(16).padStart(2, '0').repeat(32)}`;

const deployment = (service: string, ref: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${service}
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${ref} # promoted by CI
`;

let repo: BareRepo | undefined;
afterEach(() => repo?.cleanup());

describe('concurrent promotions to one branch', () => {
  it(`${SERVICES} pipelines promoting ${SERVICES} services at once all land, as ${SERVICES} commits, no update lost`, async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= SERVICES; i += 1) {
      files[`apps/${name(i)}/deployment.yaml`] = deployment(
        name(i),
        `registry.example.com/shop/${name(i)}:1.0.0`,
      );
    }
    repo = createBareRepo({ branches: { 'env/dev': files } });
    const base = branchTip(repo.path, 'env/dev');
    const url = repo.url;

    const runs = await Promise.all(
      Array.from({ length: SERVICES }, (_, k) => {
        const i = k + 1;
        return runSlipway([
          'promote',
          '--config-repo',
          url,
          '--env',
          'dev',
          '--image',
          `registry.example.com/shop/${name(i)}:2.0.0@${digest(i)}`,
          '--json',
        ]);
      }),
    );

    for (const run of runs) {
      expect(run.stderr).not.toMatch(/error/);
      expect(run.code).toBe(0);
    }
    const results = runs.map(
      (r) => JSON.parse(r.stdout) as { noop: boolean; attempts: number; commit: string },
    );
    expect(results.every((r) => !r.noop)).toBe(true);
    // With real contention, some pipelines must have re-applied their intent on a moved tip.
    expect(Math.max(...results.map((r) => r.attempts))).toBeGreaterThan(1);

    const commits = listCommits(repo.path, 'env/dev');
    expect(commits).toHaveLength(SERVICES + 1);
    expect(commits.at(-1)?.sha).toBe(base);
    expect(new Set(commits.slice(0, SERVICES).map((c) => c.sha))).toEqual(
      new Set(results.map((r) => r.commit)),
    );
    // A straight line: every promotion is a fast-forward of the one before (no force, no merge).
    for (let k = 0; k < SERVICES; k += 1) expect(commits[k]?.parents).toEqual([commits[k + 1]?.sha]);

    for (let i = 1; i <= SERVICES; i += 1) {
      const text = readFileAt(repo.path, 'env/dev', `apps/${name(i)}/deployment.yaml`)?.toString('utf8');
      expect(text).toBe(deployment(name(i), `registry.example.com/shop/${name(i)}:2.0.0@${digest(i)}`));
    }
  }, 240_000);

  it('two pipelines promoting the same image race to one commit; the loser re-applies and finds a no-op', async () => {
    repo = createBareRepo({
      branches: {
        'env/dev': {
          'apps/cart/deployment.yaml': deployment('cart', 'registry.example.com/shop/cart:1.0.0'),
        },
      },
    });
    const url = repo.url;
    const args = [
      'promote',
      '--config-repo',
      url,
      '--env',
      'dev',
      '--image',
      `registry.example.com/shop/cart:2.0.0@${digest(7)}`,
      '--json',
    ];
    const runs = await Promise.all([runSlipway(args), runSlipway(args), runSlipway(args)]);
    for (const run of runs) expect(run.code).toBe(0);
    const results = runs.map((r) => JSON.parse(r.stdout) as { noop: boolean });
    expect(results.filter((r) => !r.noop).length).toBeGreaterThanOrEqual(1);
    // No empty commits: exactly one promotion commit, whoever won.
    expect(listCommits(repo.path, 'env/dev')).toHaveLength(2);
  }, 120_000);
});
