import { afterEach, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  commitFiles,
  countCommits,
  createBareRepo,
  listCommits,
  readFileAt,
} from './support/bareRepo.js';
import { runSlipway } from './support/slipway.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;
const CART = 'registry.example.com/shop/cart';

const deployment = (cart: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart}
spec:
  template:
    spec:
      containers:
        - name: cart
          image: ${cart}
        - name: proxy
          image: docker.io/library/nginx:1.25@${D3}
`;

let repos: BareRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

function shop(): BareRepo {
  const files = { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) };
  const repo = createBareRepo({
    branches: {
      main: { 'README.md': '# config\n' },
      'env/dev': files,
      'env/staging': files,
      'env/prod': files,
    },
    defaultBranch: 'main',
  });
  repos.push(repo);
  return repo;
}

const env = { SLIPWAY_TEST: '1' };
async function slipway(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runSlipway(args, { env });
}
async function ok(args: string[]): Promise<string> {
  const result = await slipway(args);
  expect(result.stderr, result.stderr).not.toMatch(/error:/);
  expect(result.code).toBe(0);
  return result.stdout;
}
async function promote(
  repo: BareRepo,
  envName: string,
  image: string,
  extra: string[] = [],
): Promise<string> {
  return ok(['promote', '--config-repo', repo.url, '--env', envName, '--image', image, ...extra]);
}

/** dev 1.2.0 (D2), staging and prod 1.1.0 (D1) then prod 1.2.0: prod has two promotions of cart. */
async function promoted(): Promise<BareRepo> {
  const repo = shop();
  await promote(repo, 'dev', `${CART}:1.1.0@${D1}`, ['--run-url', 'https://ci.example.com/run/1']);
  await promote(repo, 'dev', `${CART}:1.2.0@${D2}`, ['--run-url', 'https://ci.example.com/run/2']);
  await promote(repo, 'staging', `${CART}:1.1.0@${D1}`);
  await promote(repo, 'prod', `${CART}:1.1.0@${D1}`, ['--run-url', 'https://ci.example.com/run/3']);
  await promote(repo, 'prod', `${CART}:1.2.0@${D2}`, ['--run-url', 'https://ci.example.com/run/4']);
  return repo;
}

type Cell = Record<string, unknown> | null;
interface StatusJson {
  environments: Array<{ env: string; branch: string; commit: string | null }>;
  images: Array<{ image: string; environments: Record<string, Cell> }>;
}

describe('slipway status', () => {
  it('shows what runs where, with ages from the trailers and ✓/≠ against the previous environment', async () => {
    const repo = await promoted();
    const status = JSON.parse(await ok(['status', '--config-repo', repo.url, '--json'])) as StatusJson;
    expect(status.environments.map((e) => [e.env, e.branch, e.commit])).toEqual([
      ['dev', 'env/dev', branchTip(repo.path, 'env/dev')],
      ['staging', 'env/staging', branchTip(repo.path, 'env/staging')],
      ['prod', 'env/prod', branchTip(repo.path, 'env/prod')],
    ]);
    const cart = status.images.find((i) => i.image === CART);
    expect(cart?.environments.dev).toMatchObject({
      tag: '1.2.0',
      digest: D2,
      matchesPrevious: null,
      pinned: false,
    });
    expect(cart?.environments.dev?.since).toEqual(expect.any(String));
    expect(cart?.environments.dev?.commit).toBe(branchTip(repo.path, 'env/dev'));
    expect(cart?.environments.staging).toMatchObject({ tag: '1.1.0', digest: D1, matchesPrevious: false });
    expect(cart?.environments.prod).toMatchObject({ tag: '1.2.0', digest: D2, matchesPrevious: false });
    // nginx is pinned by hand everywhere: no trailer, so no age, but the same digest everywhere.
    const nginx = status.images.find((i) => i.image === 'docker.io/library/nginx');
    expect(nginx?.environments.dev).toMatchObject({ tag: '1.25', digest: D3, since: null, commit: null });
    expect(nginx?.environments.staging).toMatchObject({ matchesPrevious: true, since: null });
    expect(nginx?.environments.prod).toMatchObject({ matchesPrevious: true });

    const text = await ok(['status', '--config-repo', repo.url, '--env', 'staging', '--env', 'prod']);
    expect(text).toMatch(/^IMAGE\s+staging\s+prod\n/);
    expect(text).toMatch(
      /registry\.example\.com\/shop\/cart\s+1\.1\.0 sha256:111111111111 \d+m\s+1\.2\.0 sha256:222222222222 \d+m ≠/,
    );
    expect(text).toMatch(
      /docker\.io\/library\/nginx\s+1\.25 sha256:333333333333 —\s+1\.25 sha256:333333333333 — ✓/,
    );

    const only = JSON.parse(
      await ok(['status', '--config-repo', repo.url, '--image', 'nginx', '--env', 'dev', '--json']),
    ) as StatusJson;
    expect(only.images.map((i) => i.image)).toEqual(['docker.io/library/nginx']);
  });

  it('takes the environments and their order from .slipway.yaml', async () => {
    const repo = await promoted();
    commitFiles(repo.path, 'main', {
      '.slipway.yaml': 'version: 1\nenvironments:\n  prod: {}\n  dev: {}\n',
    });
    const status = JSON.parse(await ok(['status', '--config-repo', repo.url, '--json'])) as StatusJson;
    expect(status.environments.map((e) => e.env)).toEqual(['prod', 'dev']);
    expect(status.images.find((i) => i.image === CART)?.environments.dev).toMatchObject({
      matchesPrevious: true,
    });
  });
});

describe('slipway history', () => {
  it('lists promotions newest first, with what they replaced and which run', async () => {
    const repo = await promoted();
    commitFiles(repo.path, 'env/prod', { 'apps/notes.txt': 'hand edit\n' }, 'bump replicas by hand');
    const entries = JSON.parse(
      await ok(['history', '--config-repo', repo.url, '--env', 'prod', '--image', CART, '--json']),
    ) as Array<Record<string, unknown>>;
    const commits = listCommits(repo.path, 'env/prod');
    expect(entries.map((e) => [e.kind, e.commit])).toEqual(
      commits.map((c, i) => [i === 0 || i === 3 ? 'manual' : 'promotion', c.sha]),
    );
    expect(entries[1]).toMatchObject({
      kind: 'promotion',
      run: 'https://ci.example.com/run/4',
      subject: `promote(prod): ${CART} 1.2.0 (sha256:222222222222)`,
      images: [
        {
          image: `${CART}:1.2.0@${D2}`,
          tag: '1.2.0',
          digest: D2,
          previous: `${CART}:1.1.0@${D1}`,
          verifiedBy: null,
        },
      ],
    });
    expect(entries[2]).toMatchObject({
      images: [{ digest: D1, previous: `${CART}:1.0.0` }],
      run: 'https://ci.example.com/run/3',
    });
    expect(entries[0]).toMatchObject({ kind: 'manual', subject: 'bump replicas by hand', images: [] });

    const limited = JSON.parse(
      await ok(['history', '--config-repo', repo.url, '--env', 'prod', '--limit', '2', '--json']),
    ) as unknown[];
    expect(limited).toHaveLength(2);
    const text = await ok(['history', '--config-repo', repo.url, '--env', 'prod']);
    expect(text).toMatch(
      /promotion\s+registry\.example\.com\/shop\/cart\s+1\.2\.0@222222222222\s+1\.1\.0@111111111111\s+https:\/\/ci\.example\.com\/run\/4/,
    );
  });

  it('fails on an unknown environment', async () => {
    const repo = shop();
    const result = await slipway(['history', '--config-repo', repo.url, '--env', 'qa']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/branch env\/qa of environment qa does not exist/);
  });
});

describe('slipway rollback', () => {
  it('promotes the earlier digest as a new commit, pins it, refuses later promotions until unpin', async () => {
    const repo = await promoted();
    const undone = branchTip(repo.path, 'env/prod') ?? '';
    const before = countCommits(repo.path, 'env/prod');
    const json = JSON.parse(
      await ok(['rollback', '--config-repo', repo.url, '--env', 'prod', '--image', CART, '--json']),
    ) as Record<string, unknown>;
    const tip = branchTip(repo.path, 'env/prod');
    expect(countCommits(repo.path, 'env/prod')).toBe(before + 1);
    expect(listCommits(repo.path, 'env/prod')[0]?.parents).toEqual([undone]);
    expect(json).toMatchObject({
      commit: tip,
      from: `${CART}:1.2.0@${D2}`,
      to: `${CART}:1.1.0@${D1}`,
      rollbackOf: undone,
      pinned: true,
    });
    const message = listCommits(repo.path, 'env/prod')[0]?.message ?? '';
    expect(message).toContain(`Slipway-Image: ${CART}:1.1.0@${D1}`);
    expect(message).toContain(`Slipway-Previous: ${CART}:1.2.0@${D2}`);
    expect(message).toContain(`Slipway-Rollback-Of: ${undone}`);
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(
      `image: ${CART}:1.1.0@${D1}`,
    );
    const pins = readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')?.toString() ?? '';
    expect(pins).toContain(`- image: ${CART}\n    digest: ${D1}\n    tag: 1.1.0\n`);
    expect(pins).toContain(`commit: ${undone}`);

    const status = JSON.parse(
      await ok(['status', '--config-repo', repo.url, '--env', 'prod', '--json']),
    ) as StatusJson;
    expect(status.images.find((i) => i.image === CART)?.environments.prod).toMatchObject({
      digest: D1,
      pinned: true,
      commit: tip,
    });

    // A later promotion of the image into prod is refused; the branch is untouched.
    const refused = await slipway([
      'promote',
      '--config-repo',
      repo.url,
      '--env',
      'prod',
      '--image',
      `${CART}:1.3.0@${D3}`,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `${CART} is pinned in prod at sha256:111111111111 by Slipway <slipway@localhost>`,
    );
    expect(refused.stderr).toContain(`slipway unpin --env prod --image ${CART}`);
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
    // Other environments are not pinned.
    await promote(repo, 'staging', `${CART}:1.3.0@${D3}`);

    // --override-pin goes through; the pin stays.
    await promote(repo, 'prod', `${CART}:1.3.0@${D3}`, ['--override-pin']);
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(`${CART}:1.3.0@${D3}`);
    expect(readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')).toBeDefined();

    // unpin removes it (a commit), then promote works.
    const unpinned = JSON.parse(
      await ok(['unpin', '--config-repo', repo.url, '--env', 'prod', '--image', CART, '--json']),
    ) as Record<string, unknown>;
    expect(unpinned).toMatchObject({
      commit: branchTip(repo.path, 'env/prod'),
      unpinned: CART,
      digest: D1,
      remaining: 0,
    });
    expect(readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')).toBeUndefined();
    await promote(repo, 'prod', `${CART}:1.2.0@${D2}`);
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(`${CART}:1.2.0@${D2}`);
    const again = await slipway(['unpin', '--config-repo', repo.url, '--env', 'prod', '--image', CART]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/is not pinned in prod/);
  });

  it('goes back n versions, to a digest, or to what a commit promoted', async () => {
    const repo = await promoted();
    await promote(repo, 'prod', `${CART}:1.3.0@${D3}`);
    const [, second, first] = listCommits(repo.path, 'env/prod');
    const rollback = async (to: string) =>
      JSON.parse(
        await ok([
          'rollback',
          '--config-repo',
          repo.url,
          '--env',
          'prod',
          '--image',
          CART,
          '--to',
          to,
          '--json',
        ]),
      ) as Record<string, unknown>;
    // Versions back from 1.3.0: 1.2.0, 1.1.0, then 1.0.0 has no digest.
    expect(await rollback('2')).toMatchObject({ from: `${CART}:1.3.0@${D3}`, to: `${CART}:1.1.0@${D1}` });
    expect(await rollback(D3)).toMatchObject({ from: `${CART}:1.1.0@${D1}`, to: `${CART}:1.3.0@${D3}` });
    expect(await rollback(second?.sha.slice(0, 10) ?? '')).toMatchObject({ to: `${CART}:1.2.0@${D2}` });
    expect(await rollback(first?.sha ?? '')).toMatchObject({ to: `${CART}:1.1.0@${D1}` });
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(`${CART}:1.1.0@${D1}`);

    const none = await slipway([
      'rollback',
      '--config-repo',
      repo.url,
      '--env',
      'prod',
      '--image',
      CART,
      '--to',
      '9',
    ]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/nothing to roll back to/);
  });

  it('lets --override-pin past a pin only where .slipway.yaml allows it (pins.override), and records it', async () => {
    const repo = await promoted();
    // prod's `override:` is on line 7.
    const policy = (override: string) =>
      `version: 1\nenvironments:\n  dev: {}\n  staging: {}\n  prod:\n    pins:\n      override: ${override}\n`;
    commitFiles(repo.path, 'main', { '.slipway.yaml': policy('never') });
    await ok(['rollback', '--config-repo', repo.url, '--env', 'prod', '--image', CART, '--reason', 'bad']);
    const tip = branchTip(repo.path, 'env/prod');
    const pins = readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')?.toString();
    expect(pins).toContain(`digest: ${D1}`);
    const args = ['promote', '--config-repo', repo.url, '--env', 'prod', '--image', `${CART}:1.3.0@${D3}`];

    // A plain promotion is refused, and --override-pin is not offered as the way out.
    const plain = await slipway(args);
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toContain(`${CART} is pinned in prod at sha256:111111111111`);
    expect(plain.stderr).toContain('(--override-pin is not allowed here: .slipway.yaml:7)');
    expect(plain.stderr).not.toContain('or promote with --override-pin');

    // --override-pin is refused by the policy: the file, the field's line and the fix; nothing is pushed.
    const refused = await slipway([...args, '--override-pin']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `.slipway.yaml:7: ${CART} is pinned in prod at sha256:111111111111 by Slipway <slipway@localhost>`,
    );
    expect(refused.stderr).toContain(
      `, and .slipway.yaml does not let --override-pin lift pins of ${CART} in prod (environments.prod.pins.override: never); run \`slipway unpin --env prod --image ${CART}\``,
    );
    expect(refused.stderr).toContain(
      "or change environments.prod.pins.override in .slipway.yaml through a reviewed change to the config repo's default branch",
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);

    // The policy's owners allow overrides of this image: the promotion goes through, names the pin, keeps it.
    commitFiles(repo.path, 'main', { '.slipway.yaml': policy(`[${CART}]`) });
    await promote(repo, 'prod', `${CART}:1.3.0@${D3}`, ['--override-pin']);
    expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(`${CART}:1.3.0@${D3}`);
    expect(readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')?.toString()).toBe(pins);
    const [commit] = listCommits(repo.path, 'env/prod');
    expect(commit?.parents).toEqual([tip]);
    expect(commit?.message).toContain(`Slipway-Pin-Overridden: ${CART}@${D1}`);

    const history = JSON.parse(
      await ok(['history', '--config-repo', repo.url, '--env', 'prod', '--limit', '1', '--json']),
    ) as Array<Record<string, unknown>>;
    expect(history[0]).toMatchObject({ kind: 'promotion', pinOverridden: [`${CART}@${D1}`] });
    const text = await ok(['history', '--config-repo', repo.url, '--env', 'prod', '--limit', '2']);
    expect(text).toMatch(/promotion\s+registry\.example\.com\/shop\/cart \(pin overridden\)\s+1\.3\.0@3{12}/);
    expect(text).toMatch(/rollback\s+registry\.example\.com\/shop\/cart\s+1\.1\.0/);
  });

  it('refuses when there is nothing to roll back to, or no such environment', async () => {
    const repo = shop();
    const tip = branchTip(repo.path, 'env/prod');
    const nothing = await slipway(['rollback', '--config-repo', repo.url, '--env', 'prod', '--image', CART]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.stderr).toMatch(
      /nothing to roll back to: no Slipway promotion of registry\.example\.com\/shop\/cart/,
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
    const unknown = await slipway(['rollback', '--config-repo', repo.url, '--env', 'qa', '--image', CART]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/branch env\/qa of environment qa does not exist/);
  });
});
