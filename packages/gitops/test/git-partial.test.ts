import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  commitFiles,
  createBareRepo,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { gitText } from '../../../test/support/git.js';
import { type GitHttpServer, startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { ConfigRepo } from '../src/git/index.js';
import { environmentTarget, promote } from '../src/promotion/index.js';

const USER = 'x-access-token';
const TOKEN = 'ghs_PartialCl0neT0kenValue_1a2b3c4d5e';
const FORMS = [TOKEN, `${USER}:${TOKEN}`, Buffer.from(`${USER}:${TOKEN}`).toString('base64')];
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };
const DIGEST = `sha256:${'d'.repeat(64)}`;
const IMAGE = 'registry.example.com/shop/cart';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  template:
    spec:
      containers:
        - name: cart
          image: ${IMAGE}:1.0.0
`;

/** Incompressible blobs outside `apps/cart`: what a scoped promotion must not download. */
const BIG_FILES = 8;
const BIG_SIZE = 256 * 1024;

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A config repo whose `env/dev` holds `apps/cart` (small) and 2 MiB of random secrets elsewhere. */
function bigRepo(config: Record<string, string> = { 'uploadpack.allowFilter': 'true' }): BareRepo {
  const files: Record<string, string | Buffer | { symlink: string } | { executable: string }> = {
    'apps/cart/deployment.yaml': DEPLOYMENT,
    'apps/cart/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'apps/cart/current': { symlink: 'deployment.yaml' },
    'apps/cart/check.sh': { executable: '#!/bin/sh\necho ok\n' },
    // Mentions the image outside the scope: never fetched, never edited.
    'apps/cart-legacy/deployment.yaml': DEPLOYMENT,
    'README.md': 'config\n',
  };
  for (let i = 0; i < BIG_FILES; i++) files[`apps/svc-${i}/sealedsecret.bin`] = randomBytes(BIG_SIZE);
  const repo = createBareRepo({ defaultBranch: 'main', branches: { 'env/dev': files, main: {} }, config });
  cleanups.push(repo.cleanup);
  return repo;
}

/** `git ls-tree -r` of a revision of a bare repo: path → "mode type oid". */
function treeOf(gitDir: string, rev: string): Map<string, string> {
  const out = gitText(['ls-tree', '-r', '--full-tree', rev], { env: { GIT_DIR: gitDir } });
  return new Map(
    out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const tab = line.indexOf('\t');
        return [line.slice(tab + 1), line.slice(0, tab)];
      }),
  );
}

/** The blobs present in the temp repo of `repo` (never fetches: it only enumerates what is there). */
function blobsHere(tempDir: string): Set<string> {
  const out = gitText(['cat-file', '--batch-all-objects', '--batch-check'], {
    env: { GIT_DIR: path.join(tempDir, 'repo.git') },
  });
  return new Set(
    out
      .split('\n')
      .filter((line) => line.split(' ')[1] === 'blob')
      .map((line) => line.split(' ')[0] ?? ''),
  );
}

function oidsUnder(gitDir: string, rev: string, dir: string): Set<string> {
  return new Set(
    [...treeOf(gitDir, rev)]
      .filter(([file]) => dir === '' || file.startsWith(`${dir}/`))
      .map(([, entry]) => entry.split(' ')[2] ?? ''),
  );
}

/** Every other file of the new tip is the old one, byte for byte (same mode, same blob). */
function expectOnlyChanged(gitDir: string, before: string, after: string, changed: string[]): void {
  const old = treeOf(gitDir, before);
  const now = treeOf(gitDir, after);
  expect([...now.keys()].sort()).toEqual([...old.keys()].sort());
  for (const [file, entry] of old) {
    if (changed.includes(file)) expect(now.get(file)).not.toBe(entry);
    else expect(now.get(file)).toBe(entry);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function startServer(
  remote: BareRepo,
  options: { protocolV0?: boolean } = {},
): Promise<{ server: GitHttpServer; url: string }> {
  const server = await startGitHttpServer({
    root: path.dirname(remote.path),
    username: USER,
    password: TOKEN,
    recordHeaders: true,
    ...options,
  });
  cleanups.push(server.close);
  return { server, url: `${server.url}/config.git` };
}

const uploadPackPosts = (server: GitHttpServer) =>
  server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/git-upload-pack'));
const bytesServed = (server: GitHttpServer) =>
  server.requests.reduce((sum, request) => sum + request.responseBytes, 0);

describe('partial fetch (commits and trees, then the blobs of a folder)', () => {
  it('over file:// fetches only the scoped blobs, and reads, commits and pushes without the others', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());

    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    expect(tip).toBe(branchTip(remote.path, 'env/dev'));
    expect(repo.isPartial).toBe(true);
    expect(blobsHere(repo.tempDir).size).toBe(0);
    // Trees are all here: listing needs no blob.
    expect((await repo.listTree(tip)).length).toBe(6 + BIG_FILES);

    const scoped = oidsUnder(remote.path, tip, 'apps/cart');
    expect(await repo.prefetchBlobs([{ commit: tip, under: ['apps/cart'] }])).toBe(scoped.size);
    expect(blobsHere(repo.tempDir)).toEqual(scoped);
    // Nothing left to fetch: a second prefetch does not talk to the remote.
    const fetchesBefore = argv.filter((args) => args.includes('fetch')).length;
    expect(await repo.prefetchBlobs([{ commit: tip, under: ['apps/cart/'] }])).toBe(0);
    expect(argv.filter((args) => args.includes('fetch')).length).toBe(fetchesBefore);

    const pathspecs = [':(glob)apps/cart/**/*.yaml'];
    expect(await repo.grep(tip, ['shop/cart'], pathspecs)).toEqual(['apps/cart/deployment.yaml']);
    const read = await repo.readFiles(tip, ['apps/cart/deployment.yaml', 'apps/cart/current']);
    expect(read.get('apps/cart/deployment.yaml')?.toString()).toBe(DEPLOYMENT);
    expect(read.get('apps/cart/current')?.toString()).toBe('deployment.yaml');

    const commit = await repo.commit({
      parent: tip,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from(DEPLOYMENT.replace('1.0.0', '2.0.0'))]]),
      message: 'promote cart',
      author: bot,
      committer: bot,
    });
    expect(await repo.diff(tip, commit)).toContain('+          image: registry.example.com/shop/cart:2.0.0');
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    expect(branchTip(remote.path, 'env/dev')).toBe(commit);
    expectOnlyChanged(remote.path, tip, commit, ['apps/cart/deployment.yaml']);
    expect(gitText(['fsck', '--no-dangling', '--connectivity-only'], { env: { GIT_DIR: remote.path } })).toBe(
      '',
    );

    // No lazy fetch ever happened: besides the new blob, only the scoped ones are here.
    const here = blobsHere(repo.tempDir);
    expect(here.size).toBe(scoped.size + 1);
    for (const oid of scoped) expect(here.has(oid)).toBe(true);
    expect(argv.filter((args) => args.includes('fetch'))).toHaveLength(2);
    expect(argv.find((args) => args.includes('--stdin'))).toEqual([
      'git',
      '-c',
      'fetch.negotiationAlgorithm=noop',
      'fetch',
      'slipway',
      '--no-tags',
      '--no-write-fetch-head',
      '--recurse-submodules=no',
      '--filter=blob:none',
      '--quiet',
      '--stdin',
    ]);
  });

  it('a push after the branch moved is refused as stale without downloading the new tip', async () => {
    const remote = bigRepo();
    const repo = await ConfigRepo.open(remote.url);
    cleanups.push(() => repo.dispose());
    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    await repo.prefetchBlobs([{ commit: tip, under: ['apps/cart'] }]);
    const commit = await repo.commit({
      parent: tip,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from(DEPLOYMENT.replace('1.0.0', '2.0.0'))]]),
      message: 'promote cart',
      author: bot,
      committer: bot,
    });
    // Another pipeline lands first, changing a big file.
    const moved = commitFiles(remote.path, 'env/dev', {
      'apps/svc-0/sealedsecret.bin': randomBytes(BIG_SIZE),
    });
    const before = blobsHere(repo.tempDir);

    expect(await repo.push([{ branch: 'env/dev', commit }])).toMatchObject({ ok: false, kind: 'stale' });
    expect(branchTip(remote.path, 'env/dev')).toBe(moved);
    // git did not fetch the new tip (nor its trees and blobs) to find out the push is not a fast-forward.
    expect(blobsHere(repo.tempDir)).toEqual(before);
    expect(() =>
      gitText(['cat-file', '-e', moved], {
        env: { GIT_DIR: path.join(repo.tempDir, 'repo.git'), GIT_NO_LAZY_FETCH: '1' },
      }),
    ).toThrow();
  });

  it('reads ahead: the fetch of the default branch lists it and brings the planned branch, its blob fetch the folder, and a second fetch goes to the remote', async () => {
    const remote = bigRepo();
    commitFiles(remote.path, 'main', { '.slipway.yaml': 'version: 1\n' });
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());
    repo.planReads({ branches: new Map([['env/dev', ['apps/cart']]]), freshForMs: 600_000 });
    const network = () => argv.filter((args) => args.includes('ls-remote') || args.includes('fetch'));

    expect(await repo.headBranch()).toBe('main');
    const main = (await repo.fetchBranches(['main'], { blobs: 'none' })).get('main')!;
    expect(main).toBe(branchTip(remote.path, 'main'));
    await repo.prefetchBlobs([{ commit: main, under: ['.slipway.yaml'] }]);
    // One fetch by name that makes its own listing (HEAD's branch read from its trace), one blob fetch.
    expect(network()).toHaveLength(2);
    expect(network()[0]).toEqual(
      expect.arrayContaining([
        'fetch',
        '+HEAD:refs/slipway-head/HEAD',
        '+refs/heads/env/dev:refs/slipway/env/dev',
      ]),
    );
    expect(network()[1]).toEqual(expect.arrayContaining(['fetch', '--stdin']));

    // The planned branch and its folder are here: its first fetch runs nothing, and its files read offline.
    const dev = branchTip(remote.path, 'env/dev')!;
    expect(await repo.fetchBranches(['env/dev'], { blobs: 'none' })).toEqual(new Map([['env/dev', dev]]));
    expect(await repo.prefetchBlobs([{ commit: dev, under: ['apps/cart'] }])).toBe(0);
    expect(network()).toHaveLength(2);
    expect(blobsHere(repo.tempDir)).toEqual(
      new Set([...oidsUnder(remote.path, dev, 'apps/cart'), ...oidsUnder(remote.path, main, '')]),
    );
    // The trace is read and gone.
    expect(readdirSync(repo.tempDir).sort()).toEqual(['no-hooks', 'repo.git']);

    // Another pipeline moves the branch: the next fetch (a retry's) asks the remote and sees it.
    const moved = commitFiles(remote.path, 'env/dev', { 'apps/cart/deployment.yaml': DEPLOYMENT });
    expect((await repo.fetchBranches(['env/dev'], { blobs: 'new' })).get('env/dev')).toBe(moved);
    expect(network()).toHaveLength(3);
  });

  it('lists ahead without a plan: the listing starts before the temporary repository is made (beside it), and headBranch takes its answer', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());
    expect(argv).toEqual([]); // opening runs nothing
    repo.listAhead();
    // Started at once, and needing no repository: the listing is the first command, `git init` the second.
    expect(argv.map((args) => args[1])).toEqual(['ls-remote', 'init']);
    expect(await repo.headBranch()).toBe('main');
    // The listing's GIT_DIR names a path that is never made: git found no repository to read or write there.
    expect(readdirSync(repo.tempDir).sort()).toEqual(['no-hooks', 'repo.git']);
    const main = (await repo.fetchBranches(['main'], { blobs: 'none' })).get('main')!;
    expect(main).toBe(branchTip(remote.path, 'main'));
    // One listing in all, and the fetch by commit id that follows a listing naming every branch it brings.
    expect(argv.filter((args) => args.includes('ls-remote'))).toHaveLength(1);
    expect(argv.find((args) => args.includes('fetch'))).toEqual(
      expect.arrayContaining([`+${main}:refs/slipway/main`]),
    );
    // The next listing goes to the remote again.
    expect(await repo.headBranch()).toBe('main');
    expect(argv.filter((args) => args.includes('ls-remote'))).toHaveLength(2);
  });

  it('lists ahead with a plan: the fetch that lists is the first command after `git init`, and headBranch takes its answer', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());
    repo.planReads({ branches: new Map([['env/dev', ['apps/cart']]]), freshForMs: 600_000 });
    repo.listAhead();
    expect(await repo.headBranch()).toBe('main');
    expect(argv.map((args) => args[1])).toEqual(['init', 'fetch']);
    expect((await repo.fetchBranches(['main', 'env/dev'], { blobs: 'none' })).get('main')).toBe(
      branchTip(remote.path, 'main'),
    );
    expect(argv.map((args) => args[1])).toEqual(['init', 'fetch']);
  });

  it('lists ahead: a failed listing is headBranch’s error, and one nobody takes is disposed of quietly', async () => {
    const missing = `file://${path.join(os.tmpdir(), `slipway-no-such-${randomBytes(4).toString('hex')}.git`)}`;
    const repo = await ConfigRepo.open(missing);
    cleanups.push(() => repo.dispose());
    repo.listAhead();
    await expect(repo.headBranch()).rejects.toThrow(/reading the default branch failed/);
    const unused = await ConfigRepo.open(missing);
    unused.listAhead();
    await unused.dispose();
    expect(existsSync(unused.tempDir)).toBe(false);
  });

  it('hands over tips read ahead only while fresh: older than freshForMs, the branch is fetched again and its move seen', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());
    let clock = 0;
    repo.planReads({ branches: new Map([['env/dev', ['apps/cart']]]), freshForMs: 1000, now: () => clock });
    await repo.headBranch();
    await repo.fetchBranches(['main'], { blobs: 'none' });
    const fetches = () => argv.filter((args) => args.includes('fetch')).length;
    expect(fetches()).toBe(1);
    // Another pipeline lands while this one is busy for a second (the policy, its gate).
    const moved = commitFiles(remote.path, 'env/dev', { 'apps/cart/deployment.yaml': DEPLOYMENT });
    clock = 1000;
    expect((await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')).toBe(moved);
    expect(fetches()).toBe(2);
  });

  it('reads ahead only the branches a listing named: a branch the remote lacks comes back missing, unfetched', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(remote.url, {}, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());
    repo.planReads({ branches: new Map([['env/prod', ['apps/cart']]]), freshForMs: 600_000 });
    await repo.headBranch();
    await repo.fetchBranches(['main'], { blobs: 'none' });
    expect(await repo.fetchBranches(['env/prod'], { blobs: 'none' })).toEqual(new Map([['env/prod', null]]));
    // The fetch by name that lists failed on env/prod, and its own listing (in its trace) said which branches
    // exist: main came by commit id, with no second listing, and env/prod was never asked for again.
    const network = argv.filter((args) => args.includes('fetch') || args.includes('ls-remote'));
    expect(network).toHaveLength(2);
    expect(network[1]).toEqual(
      expect.arrayContaining([`+${branchTip(remote.path, 'main')}:refs/slipway/main`]),
    );
    expect(network[1]?.join(' ')).not.toContain('env/prod');
  });

  /** A git that runs the real one with `script` around it (`$@` the arguments), for watching or changing a run. */
  function gitWrapper(script: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-git-wrapper-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'git');
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it('when the listing fetch leaves no trace to read (a git that writes none), lists the remote as before', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(
      remote.url,
      {},
      { onCommand: (args) => argv.push(args), git: gitWrapper('unset GIT_TRACE_PACKET; exec git "$@"') },
    );
    cleanups.push(() => repo.dispose());
    repo.planReads({ branches: new Map([['env/dev', ['apps/cart']]]), freshForMs: 600_000 });
    expect(await repo.headBranch()).toBe('main');
    expect((await repo.fetchBranches(['main'], { blobs: 'none' })).get('main')).toBe(
      branchTip(remote.path, 'main'),
    );
    expect((await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')).toBe(
      branchTip(remote.path, 'env/dev'),
    );
    // The fetch that lists, the listing it could not stand for, and the fetch by id after that listing.
    const network = argv.filter((args) => args.includes('fetch') || args.includes('ls-remote'));
    expect(network.map((args) => args[1])).toEqual(['fetch', 'ls-remote', 'fetch']);
  });

  it('over http with a token: the fetch that lists is one GET and two POSTs, and its trace never holds the token', async () => {
    const remote = bigRepo();
    const { server, url } = await startServer(remote);
    const kept = mkdtempSync(path.join(os.tmpdir(), 'slipway-trace-kept-'));
    cleanups.push(() => rmSync(kept, { recursive: true, force: true }));
    const git = gitWrapper(
      `git "$@"; code=$?; if [ -n "$GIT_TRACE_PACKET" ]; then cp "$GIT_TRACE_PACKET" '${kept}/trace'; fi; exit $code`,
    );
    const repo = await ConfigRepo.open(url, { token: TOKEN }, { git });
    cleanups.push(() => repo.dispose());
    repo.planReads({ branches: new Map([['env/dev', ['apps/cart']]]), freshForMs: 600_000 });
    expect(await repo.headBranch()).toBe('main');
    expect(server.requests.map((r) => `${r.method} ${r.url.replace(/^.*\/config\.git\//, '')}`)).toEqual([
      'GET info/refs?service=git-upload-pack',
      'POST git-upload-pack',
      'POST git-upload-pack',
    ]);
    const trace = readFileSync(path.join(kept, 'trace'), 'latin1');
    expect(trace).toMatch(/fetch< [0-9a-f]{40} HEAD symref-target:refs\/heads\/main/);
    for (const form of FORMS) expect(trace).not.toContain(form);
    // Read and removed: nothing of it stays in the temporary directory.
    expect(readdirSync(repo.tempDir).sort()).toEqual(['no-hooks', 'repo.git']);
  });

  it('over http with a token: only the scoped bytes travel, in two fetches, and the token stays in the environment', async () => {
    const remote = bigRepo();
    const { server, url } = await startServer(remote);
    const argv: string[][] = [];
    const repo = await ConfigRepo.open(url, { token: TOKEN }, { onCommand: (args) => argv.push(args) });
    cleanups.push(() => repo.dispose());

    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    expect(await repo.prefetchBlobs([{ commit: tip, under: ['apps/cart'] }])).toBe(4);
    const postsAfterPrefetch = uploadPackPosts(server).length;

    const files = await repo.readFiles(tip, ['apps/cart/deployment.yaml', 'apps/cart/kustomization.yaml']);
    expect(files.size).toBe(2);
    expect(await repo.grep(tip, ['shop/cart'], [':(glob)apps/cart/**/*.yaml'])).toEqual([
      'apps/cart/deployment.yaml',
    ]);
    const commit = await repo.commit({
      parent: tip,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from(DEPLOYMENT.replace('1.0.0', '3.0.0'))]]),
      message: 'promote cart',
      author: bot,
      committer: bot,
    });
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    expectOnlyChanged(remote.path, tip, commit, ['apps/cart/deployment.yaml']);

    // Reading, committing and pushing fetched nothing: no lazy fetch, no per-object requests.
    expect(uploadPackPosts(server).length).toBe(postsAfterPrefetch);
    // Far less than the 2 MiB of secrets went over the wire.
    expect(bytesServed(server)).toBeLessThan(64 * 1024);
    expect(blobsHere(repo.tempDir).size).toBe(5);

    // The token never reached argv or a file; the promisor remote lives in the environment, not the config.
    for (const args of argv) for (const form of FORMS) expect(args.join(' ')).not.toContain(form);
    for (const file of filesUnder(repo.tempDir)) {
      for (const form of FORMS) expect(readFileSync(file, 'latin1')).not.toContain(form);
    }
    const config = readFileSync(path.join(repo.tempDir, 'repo.git', 'config'), 'utf8');
    expect(config).not.toContain('127.0.0.1');
    expect(config).not.toMatch(/promisor|partialclone/i);
    expect(server.requests.every((r) => r.headers.authorization !== undefined)).toBe(true);
  });

  it('a lazy fetch (reading outside the prefetched folder) carries the token', async () => {
    const remote = bigRepo();
    const { server, url } = await startServer(remote);
    const repo = await ConfigRepo.open(url, { token: TOKEN });
    cleanups.push(() => repo.dispose());
    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    const before = uploadPackPosts(server).length;
    const files = await repo.readFiles(tip, ['README.md']);
    expect(files.get('README.md')?.toString()).toBe('config\n');
    expect(uploadPackPosts(server).length).toBeGreaterThan(before);
    expect(server.requests.filter((r) => r.headers.authorization === undefined)).toEqual([]);
  });

  it('when the server ignores filters (no uploadpack.allowFilter), every blob comes and nothing more is fetched', async () => {
    const remote = bigRepo({});
    const { server, url } = await startServer(remote);
    const repo = await ConfigRepo.open(url, { token: TOKEN });
    cleanups.push(() => repo.dispose());
    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    expect(blobsHere(repo.tempDir)).toEqual(oidsUnder(remote.path, tip, ''));
    const posts = uploadPackPosts(server).length;
    expect(await repo.prefetchBlobs([{ commit: tip, under: ['apps/cart'] }])).toBe(0);
    expect(uploadPackPosts(server).length).toBe(posts);
    const commit = await repo.commit({
      parent: tip,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from('image: x\n')]]),
      message: 'm',
      author: bot,
      committer: bot,
    });
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    expectOnlyChanged(remote.path, tip, commit, ['apps/cart/deployment.yaml']);
  });

  it('when the server will not send single blobs (protocol v0), prefetch fails and a full refetch recovers', async () => {
    const remote = bigRepo();
    const { url } = await startServer(remote, { protocolV0: true });
    const repo = await ConfigRepo.open(url, { token: TOKEN });
    cleanups.push(() => repo.dispose());
    const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev')!;
    expect(blobsHere(repo.tempDir).size).toBe(0);
    await expect(repo.prefetchBlobs([{ commit: tip, under: ['apps/cart'] }])).rejects.toThrow(
      /fetching 4 files failed/,
    );
    const again = (await repo.fetchBranches(['env/dev'])).get('env/dev');
    expect(again).toBe(tip);
    expect(blobsHere(repo.tempDir)).toEqual(oidsUnder(remote.path, tip, ''));
  });
});

describe('promote with --path (scoped to folders)', () => {
  const target = environmentTarget('dev', { path: 'apps/cart' });
  const request = (configRepo: string, extra: Partial<Parameters<typeof promote>[0]> = {}) => ({
    configRepo,
    targets: [target],
    images: [{ name: IMAGE, repository: IMAGE, tag: '1.4.2', digest: DIGEST }],
    pin: 'tag+digest' as const,
    valuesPaths: [],
    createBranch: false,
    dryRun: false,
    author: bot,
    committer: bot,
    source: {},
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    ...extra,
  });

  it('over file:// fetches only the folder, edits only it, and keeps every other file byte-identical', async () => {
    const remote = bigRepo();
    const before = branchTip(remote.path, 'env/dev')!;
    const argv: string[][] = [];
    const tmpRoot = scratchDir();
    let blobsAtPush: Set<string> | undefined;
    const progress: string[] = [];
    const [outcome] = await promote(
      request(remote.url, {
        progress: (m) => progress.push(m),
        tmpRoot,
        onCommand: (args) => {
          argv.push(args);
          // The temp repo just before the push: what was fetched, plus the new blob.
          if (args[1] === 'push') blobsAtPush = blobsHere(onlyTempRepo(tmpRoot));
        },
      }),
    );
    expect(outcome).toMatchObject({ noop: false, branch: 'env/dev' });
    const after = branchTip(remote.path, 'env/dev')!;
    expect(outcome?.commit).toBe(after);
    expectOnlyChanged(remote.path, before, after, ['apps/cart/deployment.yaml']);
    expect(readFileAt(remote.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `${IMAGE}:1.4.2@${DIGEST}`,
    );
    // The legacy folder mentions the image too, but lies outside --path.
    expect(readFileAt(remote.path, 'env/dev', 'apps/cart-legacy/deployment.yaml')?.toString()).toBe(
      DEPLOYMENT,
    );
    expect(blobsAtPush).toBeDefined();
    expect(blobsAtPush?.size).toBe(oidsUnder(remote.path, before, 'apps/cart').size + 1);
    const fetches = argv.filter((args) => args.includes('fetch'));
    expect(fetches).toHaveLength(2);
    expect(fetches[0]).toContain('--filter=blob:none');
    expect(progress[0]).toMatch(/only files under apps\/cart/);
  });

  it('without --path keeps fetching whole branches (every blob, no filter)', async () => {
    const remote = bigRepo();
    const argv: string[][] = [];
    const [outcome] = await promote(
      request(remote.url, {
        targets: [environmentTarget('dev')],
        onCommand: (args) => argv.push(args),
        images: [{ name: IMAGE, repository: IMAGE, tag: '1.4.3', digest: DIGEST }],
      }),
    );
    // Both folders mention the image: the whole branch is searched.
    expect(outcome?.changes.map((c) => c.file).sort()).toEqual([
      'apps/cart-legacy/deployment.yaml',
      'apps/cart/deployment.yaml',
    ]);
    const fetches = argv.filter((args) => args.includes('fetch'));
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.join(' ')).not.toMatch(/filter|refetch|slipway /);
  });

  it('falls back to whole branches when the server will not send single blobs, and still pushes', async () => {
    const remote = bigRepo();
    const { url } = await startServer(remote, { protocolV0: true });
    const before = branchTip(remote.path, 'env/dev')!;
    const progress: string[] = [];
    const argv: string[][] = [];
    const [outcome] = await promote(
      request(url, {
        auth: { token: TOKEN },
        progress: (m) => progress.push(m),
        onCommand: (args) => argv.push(args),
      }),
    );
    expect(outcome).toMatchObject({ noop: false, attempts: 1 });
    expectOnlyChanged(remote.path, before, branchTip(remote.path, 'env/dev')!, ['apps/cart/deployment.yaml']);
    expect(progress.join('\n')).toMatch(/would not send single files.*fetching whole branches/);
    expect(argv.filter((args) => args.includes('--refetch'))).toHaveLength(1);
  });

  it('with --from, fetches only the folder on both branches', async () => {
    const remote = bigRepo();
    gitText(['branch', 'env/staging', 'env/dev'], { env: { GIT_DIR: remote.path } });
    const pinned = DEPLOYMENT.replace('1.0.0', `1.4.2@${DIGEST}`);
    commitFiles(remote.path, 'env/dev', { 'apps/cart/deployment.yaml': pinned });
    const before = branchTip(remote.path, 'env/staging')!;
    const argv: string[][] = [];
    const tmpRoot = scratchDir();
    let blobsAtPush = new Set<string>();
    const [outcome] = await promote(
      request(remote.url, {
        targets: [environmentTarget('staging', { path: 'apps/cart' })],
        from: target,
        images: [{ name: IMAGE, repository: IMAGE }],
        tmpRoot,
        onCommand: (args) => {
          argv.push(args);
          if (args[1] === 'push') blobsAtPush = blobsHere(onlyTempRepo(tmpRoot));
        },
      }),
    );
    expect(outcome).toMatchObject({ noop: false, branch: 'env/staging' });
    const after = branchTip(remote.path, 'env/staging')!;
    expect(readFileAt(remote.path, 'env/staging', 'apps/cart/deployment.yaml')?.toString()).toBe(pinned);
    expectOnlyChanged(remote.path, before, after, ['apps/cart/deployment.yaml']);
    // Two fetches per branch (trees, then the folder's blobs); only the two folders' blobs are here.
    expect(argv.filter((args) => args.includes('fetch'))).toHaveLength(4);
    const scoped = new Set([
      ...oidsUnder(remote.path, 'env/dev', 'apps/cart'),
      ...oidsUnder(remote.path, before, 'apps/cart'),
    ]);
    expect([...blobsAtPush].filter((oid) => !scoped.has(oid))).toHaveLength(0);
    expect(scoped.size).toBe(5);
  });
});

function scratchDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-partial-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The one ConfigRepo temp dir under `tmpRoot`. */
function onlyTempRepo(tmpRoot: string): string {
  const dirs = readdirSync(tmpRoot).filter((name) => name.startsWith('slipway-'));
  expect(dirs).toHaveLength(1);
  return path.join(tmpRoot, dirs[0] ?? '');
}
