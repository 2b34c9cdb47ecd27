import { afterEach, describe, expect, it } from 'vitest';
import { type BareRepo, commitFiles, createBareRepo } from '../../../test/support/bareRepo.js';
import { type BranchReader, ConfigRepo } from '../src/git/index.js';
import { readConfigPathspec } from '../src/promotion/config-pathspec.js';
import { SnapshotCache } from '../src/promotion/snapshot-cache.js';

let repo: BareRepo | undefined;
let local: ConfigRepo | undefined;
afterEach(async () => {
  await local?.dispose();
  repo?.cleanup();
});

/** The real ConfigRepo, with every read it is asked for written down. */
function recording(inner: ConfigRepo): { reader: BranchReader; calls: string[] } {
  const calls: string[] = [];
  const reader: BranchReader = {
    url: inner.url,
    listTree: (commit, under, options) => {
      calls.push(`listTree ${under ?? ''}`);
      return inner.listTree(commit, under, options);
    },
    grep: (commit, terms, pathspecs) => {
      calls.push(`grep ${(pathspecs ?? []).join(' ')}`);
      return inner.grep(commit, terms, pathspecs);
    },
    readFiles: (commit, paths) => {
      calls.push(`readFiles ${paths.join(' ')}`);
      return inner.readFiles(commit, paths);
    },
    prefetchBlobs: (scopes) => {
      calls.push(`prefetchBlobs ${scopes.flatMap((s) => s.under).join(' ')}`);
      return inner.prefetchBlobs(scopes);
    },
  };
  return { reader, calls };
}

describe('SnapshotCache', () => {
  it('reads at a new tip only the paths that changed since the old one', async () => {
    repo = createBareRepo({
      branches: {
        'env/dev': {
          'apps/a/deploy.yaml': 'image: shop/a:1\n',
          'apps/b/deploy.yaml': 'image: shop/b:1\n',
          'apps/c/notes.md': 'shop/a lives here\n',
          'base/config.yaml': 'kind: Thing\n',
        },
      },
    });
    local = await ConfigRepo.open(repo.url);
    const { reader, calls } = recording(local);
    const changed: string[][] = [];
    const cache = new SnapshotCache(reader, async (from, to) => {
      const paths = await local!.changedPaths(from, to);
      changed.push(paths);
      return paths;
    });
    const read = async (commit: string) => ({
      list: (await cache.reader.listTree(commit, 'apps/a')).map((e) => e.path),
      grep: await cache.reader.grep(commit, ['shop/a'], [':(glob)apps/**/*.yaml']),
      files: Object.fromEntries(
        [...(await cache.reader.readFiles(commit, ['apps/a/deploy.yaml', 'apps/b/deploy.yaml', 'gone']))].map(
          ([path, bytes]) => [path, bytes.toString()],
        ),
      ),
    });

    const old = (await local.fetchBranches(['env/dev'])).get('env/dev') ?? '';
    await cache.moveTo('env/dev', old);
    expect(await read(old)).toEqual({
      list: ['apps/a/deploy.yaml'],
      grep: ['apps/a/deploy.yaml'],
      files: { 'apps/a/deploy.yaml': 'image: shop/a:1\n', 'apps/b/deploy.yaml': 'image: shop/b:1\n' },
    });
    expect(calls).toEqual([
      'listTree apps/a',
      'grep :(glob)apps/**/*.yaml',
      'readFiles apps/a/deploy.yaml apps/b/deploy.yaml gone',
    ]);

    // Another pipeline changes b (now naming shop/a too) and a file outside the search.
    commitFiles(repo.path, 'env/dev', {
      'apps/b/deploy.yaml': 'image: shop/b:2 # after shop/a\n',
      'base/config.yaml': 'kind: Other\n',
    });
    const tip = (await local.fetchBranches(['env/dev'])).get('env/dev') ?? '';
    calls.length = 0;
    await cache.moveTo('env/dev', tip);
    expect(changed).toEqual([['apps/b/deploy.yaml', 'base/config.yaml']]);
    expect(await read(tip)).toEqual({
      list: ['apps/a/deploy.yaml'],
      grep: ['apps/a/deploy.yaml', 'apps/b/deploy.yaml'],
      files: {
        'apps/a/deploy.yaml': 'image: shop/a:1\n',
        'apps/b/deploy.yaml': 'image: shop/b:2 # after shop/a\n',
      },
    });
    // a's listing and bytes, and the absent file, carry over; the search and the read cover b alone.
    expect(calls).toEqual(['grep :(literal)apps/b/deploy.yaml', 'readFiles apps/b/deploy.yaml']);

    // The same tip again: nothing is read at all.
    calls.length = 0;
    await cache.moveTo('env/dev', tip);
    await read(tip);
    expect(calls).toEqual([]);
  });

  it('reads a new tip afresh when the transport cannot tell what changed', async () => {
    repo = createBareRepo({ branches: { 'env/dev': { 'a.yaml': 'x: 1\n' } } });
    local = await ConfigRepo.open(repo.url);
    const { reader, calls } = recording(local);
    const cache = new SnapshotCache(reader);
    const old = (await local.fetchBranches(['env/dev'])).get('env/dev') ?? '';
    await cache.moveTo('env/dev', old);
    await cache.reader.readFiles(old, ['a.yaml']);
    commitFiles(repo.path, 'env/dev', { 'b.yaml': 'y: 1\n' });
    const tip = (await local.fetchBranches(['env/dev'])).get('env/dev') ?? '';
    await cache.moveTo('env/dev', tip);
    await cache.reader.readFiles(tip, ['a.yaml']);
    expect(calls).toEqual(['readFiles a.yaml', 'readFiles a.yaml']);
  });
});

describe('readConfigPathspec', () => {
  it('matches the glob and literal pathspecs the planner passes, as git does', () => {
    const yaml = readConfigPathspec(':(glob)apps/**/*.yaml');
    expect(yaml?.matches('apps/deploy.yaml')).toBe(true);
    expect(yaml?.matches('apps/a/b/deploy.yaml')).toBe(true);
    expect(yaml?.matches('apps/a/deploy.yml')).toBe(false);
    expect(yaml?.matches('apps/a/deploy.YAML')).toBe(false);
    expect(yaml?.matches('other/deploy.yaml')).toBe(false);
    expect(yaml?.matches('apps/a.yaml/readme')).toBe(false);
    expect(readConfigPathspec(':(glob)**/Kustomization')?.matches('x/Kustomization')).toBe(true);
    expect(readConfigPathspec(':(glob)**/Kustomization')?.matches('x/Kustomization.bak')).toBe(false);
    expect(readConfigPathspec(':(literal)apps/a*')?.matches('apps/a*')).toBe(true);
    expect(readConfigPathspec(':(literal)apps/a*')?.matches('apps/ab')).toBe(false);
  });

  it('declines what it cannot read exactly', () => {
    expect(readConfigPathspec('apps')).toBeUndefined();
    expect(readConfigPathspec(':(glob)apps/**/[ab].yaml')).toBeUndefined();
    expect(readConfigPathspec(':(glob,icase)**/*.yaml')).toBeUndefined();
  });
});
