import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  commitFiles,
  countCommits,
  createBareRepo,
  installHook,
  listCommits,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { ConfigRepo, GitError } from '../src/git/index.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
spec:
  template:
    spec:
      containers:
        - name: cart
          image: ghcr.io/acme/cart:1.0.0
`;

const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function fixture(options: Parameters<typeof createBareRepo>[0]): BareRepo {
  const repo = createBareRepo(options);
  cleanups.push(repo.cleanup);
  return repo;
}

async function open(url: string, argv: string[][] = []): Promise<ConfigRepo> {
  const repo = await ConfigRepo.open(url, {}, { onCommand: (args) => argv.push(args) });
  cleanups.push(() => repo.dispose());
  return repo;
}

function twoEnvs(): BareRepo {
  return fixture({
    defaultBranch: 'main',
    branches: {
      main: { 'README.md': 'config\n' },
      'env/dev': {
        'apps/cart/deployment.yaml': DEPLOYMENT,
        'apps/cart/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'apps/web/deployment.yaml': 'image: ghcr.io/acme/web:2.0.0\n',
        'apps/cart/current': { symlink: 'deployment.yaml' },
        'scripts/run.sh': { executable: '#!/bin/sh\necho hi\n' },
      },
      'env/prod': { 'apps/cart/deployment.yaml': DEPLOYMENT },
    },
  });
}

describe('ConfigRepo: fetch and read', () => {
  it('fetches several branches in one shallow fetch and reports a missing one as null', async () => {
    const remote = twoEnvs();
    const argv: string[][] = [];
    const repo = await open(remote.url, argv);
    const tips = await repo.fetchBranches(['env/dev', 'env/prod', 'env/staging']);
    expect(tips.get('env/dev')).toBe(branchTip(remote.path, 'env/dev'));
    expect(tips.get('env/prod')).toBe(branchTip(remote.path, 'env/prod'));
    expect(tips.get('env/staging')).toBeNull();
    const fetches = argv.filter((args) => args[1] === 'fetch');
    expect(fetches[0]).toEqual(expect.arrayContaining(['--depth=1', '--no-tags', '--no-write-fetch-head']));
    expect(fetches.at(-1)?.filter((arg) => arg.startsWith('+refs/heads/'))).toHaveLength(2);
    expect(argv.some((args) => args.includes('checkout') || args.includes('clone'))).toBe(false);
    expect(argv.some((args) => args.includes('remote') || args.includes('config'))).toBe(false);

    // All present: exactly one fetch, no ls-remote.
    const argv2: string[][] = [];
    const again = await open(remote.url, argv2);
    await again.fetchBranches(['env/dev', 'env/prod']);
    expect(argv2.filter((args) => args[1] === 'fetch' || args[1] === 'ls-remote')).toHaveLength(1);

    // None present.
    const none = await again.fetchBranches(['nope/one', 'nope/two']);
    expect([...none.values()]).toEqual([null, null]);
  });

  it('lists the tree with modes, greps, and reads many files in one cat-file', async () => {
    const remote = twoEnvs();
    const argv: string[][] = [];
    const repo = await open(remote.url, argv);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;

    const all = await repo.listTree(dev);
    expect(all.map((entry) => entry.path).sort()).toEqual([
      'apps/cart/current',
      'apps/cart/deployment.yaml',
      'apps/cart/kustomization.yaml',
      'apps/web/deployment.yaml',
      'scripts/run.sh',
    ]);
    const link = all.find((entry) => entry.path === 'apps/cart/current');
    expect(link).toMatchObject({ mode: '120000', type: 'blob' });
    expect(all.find((entry) => entry.path === 'scripts/run.sh')?.mode).toBe('100755');
    expect((await repo.listTree(dev, 'apps/cart/')).map((entry) => entry.path).sort()).toEqual([
      'apps/cart/current',
      'apps/cart/deployment.yaml',
      'apps/cart/kustomization.yaml',
    ]);

    expect((await repo.grep(dev, ['GHCR.IO/ACME/CART'], [])).sort()).toEqual(['apps/cart/deployment.yaml']);
    expect((await repo.grep(dev, ['acme/cart', 'acme/web'], ['apps/'])).sort()).toEqual([
      'apps/cart/deployment.yaml',
      'apps/web/deployment.yaml',
    ]);
    expect(await repo.grep(dev, ['acme/web'], ['apps/cart'])).toEqual([]);
    expect(await repo.grep(dev, ['no such text'], [])).toEqual([]);

    const before = argv.filter((args) => args[1] === 'cat-file').length;
    const files = await repo.readFiles(dev, [
      'apps/cart/deployment.yaml',
      'apps/web/deployment.yaml',
      'apps/cart/current',
      'does/not/exist.yaml',
      'apps/cart',
    ]);
    expect(argv.filter((args) => args[1] === 'cat-file').length - before).toBe(1);
    expect(files.get('apps/cart/deployment.yaml')?.toString()).toBe(DEPLOYMENT);
    expect(files.get('apps/web/deployment.yaml')?.toString()).toBe('image: ghcr.io/acme/web:2.0.0\n');
    // The symlink's target, never what it points to.
    expect(files.get('apps/cart/current')?.toString()).toBe('deployment.yaml');
    expect(files.has('does/not/exist.yaml')).toBe(false);
    expect(files.has('apps/cart')).toBe(false);
  });

  it('reads binary content byte for byte, including newlines and NULs', async () => {
    const bytes = Buffer.from([0, 10, 13, 255, 10, 0, 1, 2, 3]);
    const remote = fixture({ branches: { 'env/dev': { 'a.bin': bytes, 'b.txt': 'b\n', 'c.txt': '' } } });
    const repo = await open(remote.url);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const files = await repo.readFiles(dev, ['a.bin', 'nope', 'b.txt', 'c.txt']);
    expect(files.get('a.bin')?.equals(bytes)).toBe(true);
    expect(files.get('b.txt')?.toString()).toBe('b\n');
    expect(files.get('c.txt')?.length).toBe(0);
  });

  it('finds the default branch', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    expect(await repo.defaultBranch()).toBe('main');
  });

  it('accepts a plain local path and makes it absolute', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.path);
    expect(repo.url).toBe(remote.path);
    expect((await repo.fetchBranches(['env/dev'])).get('env/dev')).toBe(branchTip(remote.path, 'env/dev'));
  });

  it('fails clearly for a repository that does not exist', async () => {
    const repo = await open('file:///nonexistent/slipway/config.git');
    const error = await repo.fetchBranches(['env/dev']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).reason).toBe('not-found');
  });

  it('refuses branch names and ids that could become options or force refspecs', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    await expect(repo.fetchBranches(['--upload-pack=touch /tmp/x'])).rejects.toThrow(
      /not a valid branch name/,
    );
    await expect(repo.push([{ branch: '+env/dev', commit: 'a'.repeat(40) }])).rejects.toThrow(/branch name/);
    await expect(repo.push([{ branch: 'env/dev:main', commit: 'a'.repeat(40) }])).rejects.toThrow(
      /branch name/,
    );
    await expect(repo.listTree('--output=/tmp/x')).rejects.toThrow(/not a commit id/);
    await expect(repo.readFiles('a'.repeat(40), ['../etc/passwd'])).rejects.toThrow(/not a valid path/);
  });
});

describe('ConfigRepo: commit and push', () => {
  it('round-trips grep, read, commit and push onto a bare repo (shallow fetch, exact bytes, parent)', async () => {
    const remote = twoEnvs();
    const argv: string[][] = [];
    const repo = await open(remote.url, argv);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const [hit] = await repo.grep(dev, ['ghcr.io/acme/cart'], ['apps/**/*.yaml']);
    expect(hit).toBe('apps/cart/deployment.yaml');
    const current = (await repo.readFiles(dev, [hit!])).get(hit!)!;
    const next = Buffer.from(current.toString().replace('cart:1.0.0', 'cart:1.1.0'));
    const binary = Buffer.from([0xff, 0x00, 0x0a, 0x0d, 0x0a]);

    const commit = await repo.commit({
      parent: dev,
      files: new Map([
        [hit!, next],
        ['apps/cart/new/config.bin', binary],
        ['scripts/run.sh', Buffer.from('#!/bin/sh\necho changed\n')],
      ]),
      message: 'promote cart 1.1.0 to dev\n\nSlipway-Image: ghcr.io/acme/cart:1.1.0\n',
      author: { name: 'Ada Author', email: 'ada@example.test' },
      committer: bot,
    });
    expect(commit).toMatch(/^[0-9a-f]{40}$/);

    const diff = await repo.diff(dev, commit);
    expect(diff).toContain('-          image: ghcr.io/acme/cart:1.0.0');
    expect(diff).toContain('+          image: ghcr.io/acme/cart:1.1.0');
    expect(diff).toContain('apps/cart/new/config.bin');

    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });

    expect(branchTip(remote.path, 'env/dev')).toBe(commit);
    expect(readFileAt(remote.path, 'env/dev', hit!)?.equals(next)).toBe(true);
    expect(readFileAt(remote.path, 'env/dev', 'apps/cart/new/config.bin')?.equals(binary)).toBe(true);
    expect(readFileAt(remote.path, 'env/dev', 'apps/web/deployment.yaml')?.toString()).toContain('web:2.0.0');
    const [head, base] = listCommits(remote.path, 'env/dev');
    expect(head?.parents).toEqual([dev]);
    expect(base?.sha).toBe(dev);
    expect(head?.message).toBe('promote cart 1.1.0 to dev\n\nSlipway-Image: ghcr.io/acme/cart:1.1.0');
    expect(head?.author).toBe('Ada Author <ada@example.test>');
    expect(head?.committer).toBe('Slipway Bot <bot@slipway.test>');
    expect(countCommits(remote.path, 'env/dev')).toBe(2);
    // Modes: the executable stays executable, the symlink stays a symlink.
    const after = await repo.listTree(commit);
    expect(after.find((entry) => entry.path === 'scripts/run.sh')?.mode).toBe('100755');
    expect(after.find((entry) => entry.path === 'apps/cart/current')?.mode).toBe('120000');
    expect(after.find((entry) => entry.path === 'apps/cart/new/config.bin')?.mode).toBe('100644');

    const pushes = argv.filter((args) => args[1] === 'push');
    expect(pushes).toHaveLength(1);
    for (const args of pushes) {
      expect(args.some((arg) => /^(-f|--force.*|--mirror|--delete|-d|\+.*)$/.test(arg))).toBe(false);
    }
  });

  it('commits on top of a deep history fetched shallow, and deletes files', async () => {
    const remote = twoEnvs();
    for (let i = 0; i < 5; i++) commitFiles(remote.path, 'env/dev', { [`history/${i}.txt`]: `${i}\n` });
    const repo = await open(remote.url);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const commit = await repo.commit({
      parent: dev,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from('replaced\n')]]),
      deletions: ['history/0.txt', 'not/there.txt'],
      message: 'shallow',
      author: bot,
      committer: bot,
    });
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    expect(countCommits(remote.path, 'env/dev')).toBe(7);
    expect(readFileAt(remote.path, 'env/dev', 'history/0.txt')).toBeUndefined();
    expect(readFileAt(remote.path, 'env/dev', 'history/1.txt')?.toString()).toBe('1\n');
  });

  it('writes paths with spaces, quotes, backslashes and non-ASCII names byte for byte, in one git process', async () => {
    const remote = twoEnvs();
    const argv: string[][] = [];
    const repo = await open(remote.url, argv);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const files = new Map([
      ['apps/my cart/values.yaml', Buffer.from('image: a\n')],
      ['apps/"quoted"/x.yaml', Buffer.from('b\n')],
      ['apps/back\\slash/x.yaml', Buffer.from('c\n')],
      ['apps/caf\u00e9/\u30ab\u30fc\u30c8.yaml', Buffer.from('d\n')],
      ['"leading-quote.yaml', Buffer.from('e\n')],
      ['apps/tab\there.yaml', Buffer.from('f\n')],
      ['apps/empty.yaml', Buffer.alloc(0)],
    ]);
    const before = argv.length;
    const commit = await repo.commit({
      parent: dev,
      files,
      deletions: ['apps/web/deployment.yaml'],
      message: 'no trailing newline',
      author: bot,
      committer: bot,
    });
    const verbs = argv
      .slice(before)
      .map((args) => args.find((arg, i) => i > 0 && !arg.startsWith('-') && args[i - 1] !== '-c') ?? '');
    expect(verbs.filter((verb) => verb !== 'ls-tree')).toEqual(['fast-import']);
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    for (const [file, content] of files) expect(readFileAt(remote.path, 'env/dev', file)).toEqual(content);
    expect(readFileAt(remote.path, 'env/dev', 'apps/web/deployment.yaml')).toBeUndefined();
    expect(listCommits(remote.path, 'env/dev')[0]?.message).toBe('no trailing newline');
  });

  it('refuses to write through a symlink', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    await expect(
      repo.commit({
        parent: dev,
        files: new Map([['apps/cart/current', Buffer.from('x')]]),
        message: 'm',
        author: bot,
        committer: bot,
      }),
    ).rejects.toThrow(/symlink/);
  });

  it('classifies a push after the branch moved as stale, and leaves the remote alone', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const commit = await repo.commit({
      parent: dev,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from('ours\n')]]),
      message: 'ours',
      author: bot,
      committer: bot,
    });
    const theirs = commitFiles(remote.path, 'env/dev', { 'apps/web/deployment.yaml': 'theirs\n' }, 'theirs');
    const result = await repo.push([{ branch: 'env/dev', commit }]);
    expect(result).toMatchObject({ ok: false, kind: 'stale', branch: 'env/dev' });
    expect(branchTip(remote.path, 'env/dev')).toBe(theirs);

    // Refetch and retry works.
    const fresh = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    expect(fresh).toBe(theirs);
    const retry = await repo.commit({
      parent: fresh,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from('ours\n')]]),
      message: 'ours again',
      author: bot,
      committer: bot,
    });
    expect(await repo.push([{ branch: 'env/dev', commit: retry }])).toEqual({ ok: true });
  });

  it('creates a missing branch, and classifies a lost create race as stale', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    const tips = await repo.fetchBranches(['env/dev', 'env/staging']);
    expect(tips.get('env/staging')).toBeNull();
    const dev = tips.get('env/dev')!;
    const make = (text: string) =>
      repo.commit({
        parent: dev,
        files: new Map([['apps/cart/deployment.yaml', Buffer.from(text)]]),
        message: text,
        author: bot,
        committer: bot,
      });
    const ours = await make('staging ours\n');
    // Someone else creates env/staging first, from unrelated content.
    commitFiles(remote.path, 'env/staging', { 'other.yaml': 'x\n' }, 'created elsewhere');
    const lost = await repo.push([{ branch: 'env/staging', commit: ours }]);
    expect(lost).toMatchObject({ ok: false, kind: 'stale', branch: 'env/staging' });

    const created = await make('prod-like\n');
    expect(await repo.push([{ branch: 'env/new', commit: created }])).toEqual({ ok: true });
    expect(branchTip(remote.path, 'env/new')).toBe(created);
  });

  it('classifies a server-side ref lock (a concurrent update in flight) as stale', async () => {
    const remote = twoEnvs();
    const repo = await open(remote.url);
    const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
    const commit = await repo.commit({
      parent: dev,
      files: new Map([['apps/cart/deployment.yaml', Buffer.from('locked\n')]]),
      message: 'locked',
      author: bot,
      committer: bot,
    });
    const lock = path.join(remote.path, 'refs', 'heads', 'env', 'dev.lock');
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, '');
    const result = await repo.push([{ branch: 'env/dev', commit }]);
    expect(result).toMatchObject({ ok: false, kind: 'stale', branch: 'env/dev' });
    rmSync(lock);
    expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
  });

  it('classifies a protected branch (pre-receive hook declines) as refused', async () => {
    const remote = twoEnvs();
    installHook(
      remote.path,
      'pre-receive',
      'while read old new ref; do\n  if [ "$ref" = refs/heads/env/prod ]; then echo "env/prod is a protected branch" >&2; exit 1; fi\ndone\nexit 0',
    );
    const repo = await open(remote.url);
    const tips = await repo.fetchBranches(['env/dev', 'env/prod']);
    const commitOn = (parent: string) =>
      repo.commit({
        parent,
        files: new Map([['apps/cart/deployment.yaml', Buffer.from('new\n')]]),
        message: 'promote',
        author: bot,
        committer: bot,
      });
    const prod = await commitOn(tips.get('env/prod')!);
    const dev = await commitOn(tips.get('env/dev')!);
    const result = await repo.push([{ branch: 'env/prod', commit: prod }]);
    expect(result).toMatchObject({ ok: false, kind: 'refused', branch: 'env/prod' });
    if (!result.ok) expect(result.message).toMatch(/hook declined|protected branch/);
    expect(branchTip(remote.path, 'env/prod')).toBe(tips.get('env/prod'));

    // Atomic: the refused branch takes the other one down with it (a pre-receive hook rejects the whole
    // push, so git reports every ref as declined).
    const atomic = await repo.push(
      [
        { branch: 'env/dev', commit: dev },
        { branch: 'env/prod', commit: prod },
      ],
      { atomic: true },
    );
    expect(atomic).toMatchObject({ ok: false, kind: 'refused' });
    expect(branchTip(remote.path, 'env/dev')).toBe(tips.get('env/dev'));
  });

  it('atomic push moves every branch, and a stale one blocks all', async () => {
    const remote = twoEnvs();
    const argv: string[][] = [];
    const repo = await open(remote.url, argv);
    const tips = await repo.fetchBranches(['env/dev', 'env/prod']);
    const commitOn = (parent: string, text: string) =>
      repo.commit({
        parent,
        files: new Map([['apps/cart/deployment.yaml', Buffer.from(text)]]),
        message: text,
        author: bot,
        committer: bot,
      });
    const dev = await commitOn(tips.get('env/dev')!, 'dev\n');
    const prod = await commitOn(tips.get('env/prod')!, 'prod\n');
    commitFiles(remote.path, 'env/prod', { moved: 'yes\n' });
    const blocked = await repo.push(
      [
        { branch: 'env/dev', commit: dev },
        { branch: 'env/prod', commit: prod },
      ],
      { atomic: true },
    );
    expect(blocked).toMatchObject({ ok: false, kind: 'stale', branch: 'env/prod' });
    expect(branchTip(remote.path, 'env/dev')).toBe(tips.get('env/dev'));

    const fresh = await repo.fetchBranches(['env/prod']);
    const prod2 = await commitOn(fresh.get('env/prod')!, 'prod\n');
    expect(
      await repo.push(
        [
          { branch: 'env/dev', commit: dev },
          { branch: 'env/prod', commit: prod2 },
        ],
        { atomic: true },
      ),
    ).toEqual({ ok: true });
    expect(branchTip(remote.path, 'env/dev')).toBe(dev);
    expect(branchTip(remote.path, 'env/prod')).toBe(prod2);
    for (const args of argv.filter((a) => a[1] === 'push')) {
      expect(args).toContain('--atomic');
      expect(args.some((arg) => arg.startsWith('--force') || arg === '-f' || arg.startsWith('+'))).toBe(
        false,
      );
    }
  });

  it('removes the temp dir on dispose and refuses further use', async () => {
    const remote = twoEnvs();
    const repo = await ConfigRepo.open(remote.url);
    await repo.fetchBranches(['env/dev']);
    expect(existsSync(repo.tempDir)).toBe(true);
    await repo.dispose();
    expect(existsSync(repo.tempDir)).toBe(false);
    await repo.dispose();
    await expect(repo.fetchBranches(['env/dev'])).rejects.toThrow(/disposed/);
  });

  it('ignores GIT_DIR / GIT_INDEX_FILE / GIT_WORK_TREE leaking from the environment', async () => {
    const remote = twoEnvs();
    const saved = { ...process.env };
    process.env.GIT_DIR = '/nonexistent/leak.git';
    process.env.GIT_INDEX_FILE = '/nonexistent/index';
    process.env.GIT_WORK_TREE = '/nonexistent/tree';
    try {
      const repo = await open(remote.url);
      const dev = (await repo.fetchBranches(['env/dev'])).get('env/dev')!;
      const commit = await repo.commit({
        parent: dev,
        files: new Map([['x.txt', Buffer.from('x')]]),
        message: 'leak test',
        author: bot,
        committer: bot,
      });
      expect(await repo.push([{ branch: 'env/dev', commit }])).toEqual({ ok: true });
    } finally {
      for (const key of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_WORK_TREE']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
