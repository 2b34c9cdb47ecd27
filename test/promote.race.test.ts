import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  // Racers on other machines race for the push (here: with the lanes off); racers on one machine take turns.
  // With --path, each promotion in its turn takes over what the one before pushed (a pack in the lane directory).
  const cases = [
    { lanes: 'off', scoped: false, as: 'racing, as from many machines' },
    { lanes: 'shared', scoped: false, as: 'taking turns on one machine' },
    { lanes: 'shared', scoped: true, as: 'taking turns with --path, handing over what each pushed' },
  ] as const;
  for (const { lanes, scoped, as } of cases) {
    it(`${SERVICES} pipelines promoting ${SERVICES} services at once all land, as ${SERVICES} commits, no update lost (${as})`, async () => {
      const files: Record<string, string> = {};
      for (let i = 1; i <= SERVICES; i += 1) {
        files[`apps/${name(i)}/deployment.yaml`] = deployment(
          name(i),
          `registry.example.com/shop/${name(i)}:1.0.0`,
        );
      }
      repo = createBareRepo({
        branches: { 'env/dev': files },
        config: { 'uploadpack.allowFilter': 'true', 'uploadpack.allowAnySHA1InWant': 'true' },
      });
      const base = branchTip(repo.path, 'env/dev');
      const url = repo.url;
      const laneDir =
        lanes === 'off' ? 'off' : path.join(mkdtempSync(path.join(os.tmpdir(), 'slipway-race-')), 'lanes');

      const runs = await Promise.all(
        Array.from({ length: SERVICES }, (_, k) => {
          const i = k + 1;
          return runSlipway(
            [
              'promote',
              '--config-repo',
              url,
              '--env',
              'dev',
              '--image',
              `registry.example.com/shop/${name(i)}:2.0.0@${digest(i)}`,
              ...(scoped ? ['--path', `apps/${name(i)}`] : []),
              '--json',
            ],
            { env: { SLIPWAY_LANE_DIR: laneDir } },
          );
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
      if (lanes === 'off') {
        // With real contention, some pipelines must have re-applied their intent on a moved tip.
        expect(Math.max(...results.map((r) => r.attempts))).toBeGreaterThan(1);
      } else {
        // Taking turns, no push went stale: every promotion landed with its first attempt, and the ones that
        // waited said so.
        expect(results.map((r) => r.attempts)).toEqual(results.map(() => 1));
        expect(runs.some((r) => r.stderr.includes('another promotion from this machine went first'))).toBe(
          true,
        );
        const handedOver = runs.filter((r) => r.stderr.includes('as the promotion before pushed it')).length;
        if (scoped) expect(handedOver).toBeGreaterThan(0);
        else expect(handedOver).toBe(0);
        // Every pack was taken by the promotion after, and every socket went with its holder.
        expect(readdirSync(laneDir)).toEqual([]);
        rmSync(path.dirname(laneDir), { recursive: true, force: true });
      }

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
  }

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

describe('SLIPWAY_LANE_DIR', () => {
  it('refuses a relative directory before anything is read', async () => {
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        'http://127.0.0.1:9/config.git',
        '--env',
        'dev',
        '--image',
        `registry.example.com/shop/cart:2.0.0@${digest(7)}`,
      ],
      { env: { SLIPWAY_LANE_DIR: 'lanes' } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/SLIPWAY_LANE_DIR must be an absolute directory, or off/);
    // Refused up front: no attempt to reach the config repo.
    expect(result.stderr).not.toMatch(/127\.0\.0\.1:9/);
  });

  it('races, and says why, when the directory is open to other users', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'slipway-lanes-'));
    try {
      const open = path.join(base, 'open');
      mkdirSync(open, { mode: 0o777 });
      chmodSync(open, 0o777);
      repo = createBareRepo({
        branches: {
          'env/dev': {
            'apps/cart/deployment.yaml': deployment('cart', 'registry.example.com/shop/cart:1.0.0'),
          },
        },
      });
      const result = await runSlipway(
        [
          'promote',
          '--config-repo',
          repo.url,
          '--env',
          'dev',
          '--image',
          `registry.example.com/shop/cart:2.0.0@${digest(7)}`,
        ],
        { env: { SLIPWAY_LANE_DIR: open } },
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /race for the branch instead of taking turns: .* is open to other users \(mode 777\)/,
      );
      expect(readdirSync(open)).toEqual([]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
