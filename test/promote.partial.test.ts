import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, readFileAt } from './support/bareRepo.js';
import { gitText } from './support/git.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { runSlipway } from './support/slipway.js';

const TOKEN = 'ghs_ScopedPr0moteT0kenThatMustNeverLeak42';
const DIGEST = `sha256:${'e'.repeat(64)}`;
const IMAGE = 'registry.example.com/shop/cart';
const DEPLOYMENT = `kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: cart
          image: ${IMAGE}:1.0.0
`;
/** 3 MiB of incompressible secrets outside apps/cart. */
const BIG = 12;
const BIG_SIZE = 256 * 1024;

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function bigRepo(config: Record<string, string>): BareRepo {
  const files: Record<string, string | Buffer> = {
    'apps/cart/deployment.yaml': DEPLOYMENT,
    'apps/cart/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'apps/web/deployment.yaml': DEPLOYMENT.replace('cart', 'web'),
  };
  for (let i = 0; i < BIG; i++) files[`apps/svc-${i}/sealedsecret.yaml`] = randomBytes(BIG_SIZE);
  const repo = createBareRepo({ branches: { 'env/dev': files }, config });
  cleanups.push(repo.cleanup);
  return repo;
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-partial-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A `git` first on PATH that logs every argv Slipway passes, then runs the real one. */
function gitWrapper(dir: string): { path: string; log: string } {
  const bin = join(dir, 'bin');
  const log = join(dir, 'git-argv.log');
  mkdirSync(bin);
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec /usr/bin/git "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  writeFileSync(log, '');
  return { path: `${bin}:${process.env.PATH ?? ''}`, log };
}

/** Every file but `changed` is the same blob with the same mode at both revisions. */
function expectOnlyChanged(gitDir: string, before: string, after: string, changed: string): void {
  const tree = (rev: string) =>
    gitText(['ls-tree', '-r', '--full-tree', rev], { env: { GIT_DIR: gitDir } })
      .split('\n')
      .filter((line) => !line.endsWith(`\t${changed}`));
  expect(tree(after)).toEqual(tree(before));
  expect(tree(before)).toHaveLength(2 + BIG);
}

function promoteArgs(url: string, tag: string): string[] {
  return [
    'promote',
    '--config-repo',
    url,
    '--env',
    'dev',
    '--path',
    'apps/cart',
    '--image',
    `${IMAGE}:${tag}@${DIGEST}`,
    '--json',
  ];
}

async function serve(repo: BareRepo, protocolV0 = false): Promise<{ server: GitHttpServer; url: string }> {
  const server = await startGitHttpServer({
    root: dirname(repo.path),
    username: 'x-access-token',
    password: TOKEN,
    recordHeaders: true,
    protocolV0,
  });
  cleanups.push(server.close);
  return { server, url: `${server.url}/config.git` };
}

const served = (server: GitHttpServer) => server.requests.reduce((sum, r) => sum + r.responseBytes, 0);

describe('promote --path on a big config repo (partial fetch)', () => {
  it('over http with a token fetches only the folder, pushes, and keeps every other file byte-identical', async () => {
    const repo = bigRepo({ 'uploadpack.allowFilter': 'true' });
    const { server, url } = await serve(repo);
    const dir = scratch();
    const git = gitWrapper(dir);
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const before = branchTip(repo.path, 'env/dev')!;

    const result = await runSlipway(promoteArgs(url, '1.1.0'), {
      env: { SLIPWAY_TOKEN: TOKEN, PATH: git.path, TMPDIR: tmp },
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: false, branch: 'env/dev' });
    const after = branchTip(repo.path, 'env/dev')!;
    expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `${IMAGE}:1.1.0@${DIGEST}`,
    );
    expectOnlyChanged(repo.path, before, after, 'apps/cart/deployment.yaml');

    // 3 MiB of secrets elsewhere; a few KiB went over the wire (trees, the folder, the push's answers).
    expect(served(server)).toBeLessThan(64 * 1024);
    const argv = readFileSync(git.log, 'utf8');
    expect(argv).toMatch(/fetch --depth=1 --filter=blob:none/);
    expect(argv).toMatch(/fetch slipway .*--stdin/);
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
    for (const secret of [TOKEN, basic]) {
      expect(argv).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    expect(server.requests.filter((r) => r.headers.authorization === undefined)).toEqual([]);
  });

  // The policy and the promotion read through one temporary repository, and the flags' branch and folder come
  // with the policy's reads: one fetch of commits and trees that makes its own listing (HEAD and env/dev: a GET
  // of info/refs, a POST to list, a POST to fetch), one fetch of files (the policy and apps/cart) and one push,
  // each a GET of info/refs and a POST.
  for (const policy of [undefined, 'version: 1\nenvironments:\n  dev:\n    path: apps/cart\n']) {
    it(`reads the policy and the folder in two fetches, the first listing, then pushes (${policy === undefined ? 'no policy' : 'a policy'})`, async () => {
      const repo = createBareRepo({
        branches: {
          main: policy === undefined ? { 'README.md': 'config\n' } : { '.slipway.yaml': policy },
          'env/dev': { 'apps/cart/deployment.yaml': DEPLOYMENT, 'apps/web/deployment.yaml': DEPLOYMENT },
        },
        defaultBranch: 'main',
        config: { 'uploadpack.allowFilter': 'true' },
      });
      cleanups.push(repo.cleanup);
      const { server, url } = await serve(repo);
      // The tips read ahead stay usable however slow this machine is today (default: 1 s), and no promotion of
      // another test, taking turns in the machine's lane directory meanwhile, makes them look stale.
      const lanes = mkdtempSync(join(tmpdir(), 'slipway-lanes-'));
      cleanups.push(() => rmSync(lanes, { recursive: true, force: true }));
      const result = await runSlipway(promoteArgs(url, '1.4.0'), {
        env: {
          SLIPWAY_TOKEN: TOKEN,
          SLIPWAY_READ_AHEAD_SECONDS: '600',
          SLIPWAY_LANE_DIR: join(lanes, 'lanes'),
        },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ noop: false, attempts: 1 });
      if (policy !== undefined) expect(result.stderr).toMatch(/Policy \.slipway\.yaml from main/);
      const asked = server.requests.map((r) => `${r.method} ${r.url.replace(/^.*\/config\.git\//, '')}`);
      expect(asked).toEqual([
        'GET info/refs?service=git-upload-pack',
        'POST git-upload-pack',
        'POST git-upload-pack',
        'GET info/refs?service=git-upload-pack',
        'POST git-upload-pack',
        'GET info/refs?service=git-receive-pack',
        'POST git-receive-pack',
      ]);
      expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
        `${IMAGE}:1.4.0@${DIGEST}`,
      );
    });
  }

  it('refuses a SLIPWAY_READ_AHEAD_SECONDS that is not a number of seconds, before anything is read', async () => {
    const repo = bigRepo({ 'uploadpack.allowFilter': 'true' });
    const { server, url } = await serve(repo);
    const result = await runSlipway(promoteArgs(url, '1.5.0'), {
      env: { SLIPWAY_TOKEN: TOKEN, SLIPWAY_READ_AHEAD_SECONDS: 'soon' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SLIPWAY_READ_AHEAD_SECONDS=soon is not a number of seconds/);
    expect(server.requests).toEqual([]);
  });

  it('falls back to whole branches when the server has no uploadpack.allowFilter (file://)', async () => {
    const repo = bigRepo({});
    const before = branchTip(repo.path, 'env/dev')!;
    const result = await runSlipway(promoteArgs(`file://${repo.path}`, '1.2.0'));
    expect(result.stderr).not.toMatch(/error|warning/i);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: false });
    expectOnlyChanged(repo.path, before, branchTip(repo.path, 'env/dev')!, 'apps/cart/deployment.yaml');
  });

  it('falls back to whole branches when the server will not send single blobs (protocol v0 over http)', async () => {
    const repo = bigRepo({ 'uploadpack.allowFilter': 'true' });
    const { server, url } = await serve(repo, true);
    const before = branchTip(repo.path, 'env/dev')!;
    const result = await runSlipway(promoteArgs(url, '1.3.0'), { env: { SLIPWAY_TOKEN: TOKEN } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: false, attempts: 1 });
    expect(result.stderr).toMatch(/fetching whole branches/);
    expect(result.stderr).not.toContain(TOKEN);
    expectOnlyChanged(repo.path, before, branchTip(repo.path, 'env/dev')!, 'apps/cart/deployment.yaml');
    // The refetch brought the whole tip.
    expect(served(server)).toBeGreaterThan(BIG * BIG_SIZE);
  });
});
