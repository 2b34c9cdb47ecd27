import { describe, expect, it } from 'vitest';
import { branchTip as tipOnDisk } from '../../../test/support/bareRepo.js';
import {
  branchTip,
  commitTreeViaApi,
  defaultBranchViaApi,
  readBranch,
  readFilesViaApi,
  readPathsViaApi,
  searchTree,
} from '../src/index.js';
import { DEV_FILES, failureLine, withGitHub } from './fixture.js';

describe('reading a branch through the API', () => {
  it('reads the tip, the whole tree and the bytes of chosen files', async () => {
    await withGitHub(async ({ client, repoPath }) => {
      const repo = { client, owner: 'acme', repo: 'config' };
      const tip = await readBranch({ ...repo, branch: 'env/dev' });
      expect(tip?.sha).toBe(tipOnDisk(repoPath, 'env/dev'));
      if (tip === undefined) return;
      expect(tip.entries.map((entry) => `${entry.mode} ${entry.path}`)).toEqual([
        '040000 apps',
        '040000 apps/cart',
        '100644 apps/cart/deployment.yaml',
        '100644 apps/cart/kustomization.yaml',
        '040000 apps/shop',
        '100644 apps/shop/values.yaml',
        '040000 assets',
        '100644 assets/logo.bin',
        '040000 bin',
        '100755 bin/deploy.sh',
        '100644 crlf.yaml',
        '120000 current.yaml',
      ]);

      // Regular files only: the symlink current.yaml is not a candidate.
      const yaml = searchTree(tip, (entry) => /\.ya?ml$/.test(entry.path));
      expect(yaml.map((entry) => entry.path)).toEqual([
        'apps/cart/deployment.yaml',
        'apps/cart/kustomization.yaml',
        'apps/shop/values.yaml',
        'crlf.yaml',
      ]);

      const { files } = await readFilesViaApi({
        ...repo,
        tip,
        paths: [
          ...yaml.map((entry) => entry.path),
          'assets/logo.bin',
          'missing.yaml',
          'apps',
          'current.yaml',
        ],
      });
      expect([...files.keys()]).toEqual([...yaml.map((entry) => entry.path), 'assets/logo.bin'].sort());
      expect(files.get('crlf.yaml')?.toString('utf8')).toBe('a: 1\r\nb: 2\r\n');
      expect(files.get('assets/logo.bin')).toEqual(DEV_FILES['assets/logo.bin']);
      expect(files.get('apps/cart/deployment.yaml')?.toString('utf8')).toBe(
        DEV_FILES['apps/cart/deployment.yaml'],
      );

      const fresh = await readFilesViaApi({ ...repo, branch: 'env/dev', paths: ['apps/shop/values.yaml'] });
      expect(fresh.tip.sha).toBe(tip.sha);
      expect(fresh.files.get('apps/shop/values.yaml')?.toString()).toBe('image:\n  tag: 2.0.0\n');
    });
  });

  it('reads single paths of a commit as git cat-file does, listing only the directories on them', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const repo = { client, owner: 'acme', repo: 'config' };
      expect(await defaultBranchViaApi(repo)).toBe('main');
      const commit = tipOnDisk(repoPath, 'env/dev') ?? '';
      const files = await readPathsViaApi({
        ...repo,
        commit,
        paths: [
          'apps/cart/kustomization.yaml',
          'current.yaml',
          'apps/cart',
          'missing.yaml',
          'crlf.yaml/below',
          'apps/nope/x.yaml',
        ],
      });
      // Any blob, a symlink's bytes being its target; directories, missing paths and paths through a file: absent.
      expect(Object.fromEntries([...files].map(([path, bytes]) => [path, bytes.toString('utf8')]))).toEqual({
        'apps/cart/kustomization.yaml': DEV_FILES['apps/cart/kustomization.yaml'],
        'current.yaml': 'apps/cart/deployment.yaml',
      });
      const trees = server.state.requests.filter((request) => request.path.includes('/git/trees/'));
      // The root, apps and apps/cart: each listed once, none recursively.
      expect(trees).toHaveLength(3);
      expect(trees.filter((request) => request.query.recursive !== undefined)).toEqual([]);

      // The commit itself is never read: its id names its root tree. Given that tree, the same.
      const commitReads = () =>
        server.state.requests.filter(
          (request) => request.path === `/repos/acme/config/git/commits/${commit}`,
        );
      expect(commitReads()).toHaveLength(0);
      const tree = await commitTreeViaApi({ ...repo, commit });
      expect(commitReads()).toHaveLength(1);
      const again = await readPathsViaApi({ ...repo, commit, tree, paths: ['crlf.yaml', 'current.yaml'] });
      expect([...again.keys()].sort()).toEqual(['crlf.yaml', 'current.yaml']);
      expect(again.get('crlf.yaml')?.toString('utf8')).toBe('a: 1\r\nb: 2\r\n');
      expect(commitReads()).toHaveLength(1);
    });
  });

  it('tells a missing branch (undefined) from a missing repository (error)', async () => {
    await withGitHub(async ({ client }) => {
      expect(await branchTip({ client, owner: 'acme', repo: 'config', branch: 'env/nope' })).toBeUndefined();
      expect(await readBranch({ client, owner: 'acme', repo: 'config', branch: 'env/nope' })).toBeUndefined();
      await expect(
        readFilesViaApi({ client, owner: 'acme', repo: 'config', branch: 'env/nope', paths: ['a'] }),
      ).rejects.toThrow(/branch env\/nope does not exist/);
      expect(await failureLine(branchTip({ client, owner: 'acme', repo: 'gone', branch: 'main' }))).toMatch(
        /acme\/gone.*404.*contents: read/,
      );
    });
  });

  it('walks the tree directory by directory when GitHub truncates the recursive listing', async () => {
    await withGitHub(
      async ({ client, server }) => {
        const tip = await readBranch({ client, owner: 'acme', repo: 'config', branch: 'env/dev' });
        if (tip === undefined) return expect.unreachable('env/dev exists');
        expect(tip.entries).toHaveLength(12);
        expect(searchTree(tip, () => true)).toHaveLength(6);
        const treeCalls = server.state.requests.filter((request) => request.path.includes('/git/trees/'));
        // One truncated recursive answer, then root, apps, apps/cart, apps/shop, assets and bin.
        expect(treeCalls).toHaveLength(7);
      },
      { maxTreeEntries: 3 },
    );
  });
});
