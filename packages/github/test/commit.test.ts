import { inspect } from 'node:util';
import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { branchTip, commitFiles, listCommits, readFileAt } from '../../../test/support/bareRepo.js';
import { gitText } from '../../../test/support/git.js';
import { commitFilesViaApi, createGitHubClient, gitBlobSha } from '../src/index.js';
import { DEV_FILES, TOKEN, withGitHub } from './fixture.js';

const MESSAGE = `promote(dev): registry.test/shop/cart 1.1.0 (sha256:abcdef012345)

Set registry.test/shop/cart:1.1.0@sha256:abcdef in:
  - apps/cart/deployment.yaml:3

Slipway-Image: registry.test/shop/cart:1.1.0@sha256:abcdef
Slipway-Source-Commit: 0123456789abcdef0123456789abcdef01234567
`;

/** `mode type sha\tpath` of every file of a revision. */
const lsTree = (repoPath: string, rev: string) =>
  gitText(['ls-tree', '-r', rev], { env: { GIT_DIR: repoPath } })
    .split('\n')
    .filter((line) => line !== '');

/** Bytes that are not UTF-8: they cannot go inline in a tree call. */
const LOGO = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x80]);

describe('commitFilesViaApi', () => {
  it('lands one commit on the parent with only the named files changed (modes kept, others byte-identical)', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const before = lsTree(repoPath, parent);
      const deployment = Buffer.from(
        'apiVersion: apps/v1\nkind: Deployment\nimage: registry.test/shop/cart:1.1.0\n',
      );
      const script = Buffer.from('#!/bin/sh\necho deploy v2\n');
      const result = await commitFilesViaApi({
        client,
        owner: 'acme',
        repo: 'config',
        branch: 'env/dev',
        parent,
        files: new Map<string, Buffer | null>([
          ['apps/cart/deployment.yaml', deployment],
          ['bin/deploy.sh', script],
          ['apps/new/values.yaml', Buffer.from('tag: 1\n')],
          ['apps/new/logo.bin', LOGO],
          ['apps/shop/values.yaml', null],
          ['does/not/exist.yaml', null],
        ]),
        message: MESSAGE,
        author: { name: 'Slipway', email: 'slipway@example.test', date: '2024-06-01T12:00:00Z' },
      });
      expect(result).toEqual({ ok: true, sha: expect.stringMatching(/^[0-9a-f]{40}$/), changed: true });
      if (!result.ok) return;
      expect(branchTip(repoPath, 'env/dev')).toBe(result.sha);

      const [commit] = listCommits(repoPath, 'env/dev');
      expect(commit?.parents).toEqual([parent]);
      expect(commit?.message).toBe(MESSAGE.trimEnd());
      expect(commit?.author).toBe('Slipway <slipway@example.test>');
      expect(gitText(['cat-file', 'commit', result.sha], { env: { GIT_DIR: repoPath } })).toContain(
        'Slipway-Image: registry.test/shop/cart:1.1.0@sha256:abcdef\nSlipway-Source-Commit: 0123456789abcdef0123456789abcdef01234567',
      );

      expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')).toEqual(deployment);
      expect(readFileAt(repoPath, 'env/dev', 'apps/new/values.yaml')?.toString()).toBe('tag: 1\n');
      expect(readFileAt(repoPath, 'env/dev', 'apps/new/logo.bin')).toEqual(LOGO);
      expect(readFileAt(repoPath, 'env/dev', 'apps/shop/values.yaml')).toBeUndefined();
      const after = lsTree(repoPath, result.sha);
      // The script stays executable with its new content.
      expect(after).toContain(`100755 blob ${gitBlobSha(script)}\tbin/deploy.sh`);
      // Everything not named is the very same blob with the very same mode (binary, CRLF, symlink included).
      const untouched = (lines: string[]) =>
        lines.filter(
          (line) => !/\t(apps\/cart\/deployment\.yaml|bin\/deploy\.sh|apps\/new\/|apps\/shop\/)/.test(line),
        );
      expect(untouched(after)).toEqual(untouched(before));
      expect(untouched(after)).toHaveLength(4);
      expect(readFileAt(repoPath, 'env/dev', 'assets/logo.bin')).toEqual(DEV_FILES['assets/logo.bin']);

      // The calls: parent commit, tree walk, the one blob that is not UTF-8 text (the text goes inline in the
      // tree), tree, commit, ref update with force: false.
      const patch = server.state.requests.find((request) => request.method === 'PATCH');
      expect(patch).toMatchObject({
        path: '/repos/acme/config/git/refs/heads/env/dev',
        body: { force: false },
      });
      const blobs = server.state.requests.filter((request) => request.path.endsWith('/git/blobs'));
      expect(blobs).toHaveLength(1);
      const tree = server.state.requests.find((request) => request.path.endsWith('/git/trees'));
      const items =
        (tree?.body as { tree?: { path: string; content?: string; sha?: string | null }[] })?.tree ?? [];
      expect(
        items
          .filter((item) => item.content !== undefined)
          .map((item) => item.path)
          .sort(),
      ).toEqual(['apps/cart/deployment.yaml', 'apps/new/values.yaml', 'bin/deploy.sh']);
      expect(items.find((item) => item.path === 'apps/new/logo.bin')?.sha).toBe(gitBlobSha(LOGO));
      const commitJson = await (await client.api()).rest.git.getCommit({
        owner: 'acme',
        repo: 'config',
        commit_sha: result.sha,
      });
      expect(commitJson.data.verification).toMatchObject({ verified: true, reason: 'valid' });
    });
  });

  it('does nothing when every file already has its content', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const result = await commitFilesViaApi({
        client,
        owner: 'acme',
        repo: 'config',
        branch: 'env/dev',
        parent,
        files: new Map([['apps/shop/values.yaml', Buffer.from('image:\n  tag: 2.0.0\n')]]),
        message: 'noop',
      });
      expect(result).toEqual({ ok: true, sha: parent, changed: false });
      expect(branchTip(repoPath, 'env/dev')).toBe(parent);
      expect(server.state.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    });
  });

  it('lets exactly one of two commits from the same parent land; the other is stale', async () => {
    await withGitHub(async ({ client, repoPath }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const commit = (tag: string) =>
        commitFilesViaApi({
          client,
          owner: 'acme',
          repo: 'config',
          branch: 'env/dev',
          parent,
          files: new Map([['apps/shop/values.yaml', Buffer.from(`image:\n  tag: ${tag}\n`)]]),
          message: `promote(dev): shop ${tag}`,
        });
      const results = await Promise.all([commit('2.1.0'), commit('2.2.0')]);
      const ok = results.filter((result) => result.ok);
      expect(ok).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: 'stale' }]);
      const winner = ok[0];
      expect(branchTip(repoPath, 'env/dev')).toBe(winner?.ok === true ? winner.sha : undefined);
      expect(listCommits(repoPath, 'env/dev')).toHaveLength(2);
    });
  });

  it('is stale when the branch moved (a git push) after the caller read it', async () => {
    await withGitHub(async ({ client, repoPath }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const pushed = commitFiles(repoPath, 'env/dev', { 'other.yaml': 'x: 1\n' });
      const result = await commitFilesViaApi({
        client,
        owner: 'acme',
        repo: 'config',
        branch: 'env/dev',
        parent,
        files: new Map([['apps/shop/values.yaml', Buffer.from('image:\n  tag: 3\n')]]),
        message: 'late',
      });
      expect(result).toEqual({ ok: false, reason: 'stale' });
      expect(branchTip(repoPath, 'env/dev')).toBe(pushed);
    });
  });

  it('creates a missing branch, and is stale when someone created it first', async () => {
    await withGitHub(async ({ client, repoPath }) => {
      const parent = branchTip(repoPath, 'main') ?? '';
      const create = (file: string) =>
        commitFilesViaApi({
          client,
          owner: 'acme',
          repo: 'config',
          branch: 'env/prod',
          parent,
          files: new Map([[file, Buffer.from('a')]]),
          message: 'create env/prod',
          move: 'create',
        });
      const first = await create('a.yaml');
      expect(first.ok).toBe(true);
      expect(readFileAt(repoPath, 'env/prod', 'README.md')?.toString()).toBe('config\n');
      expect(await create('b.yaml')).toEqual({ ok: false, reason: 'stale' });
    });
  });

  it('names the repo, branch and permission on 401, 403 and 404, never the token', async () => {
    await withGitHub(async ({ server, repoPath }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const input = {
        owner: 'acme',
        repo: 'config',
        branch: 'env/dev',
        parent,
        files: new Map([['apps/shop/values.yaml', Buffer.from('changed\n')]]),
        message: 'm',
      };
      const failure = async (promise: Promise<unknown>) => {
        const error = await promise.then(
          () => expect.unreachable('expected a failure'),
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(SlipwayError);
        return error as SlipwayError;
      };

      const wrongToken = 'ghp_wrongTokenShouldNotLeak';
      const unauthorized = await failure(
        commitFilesViaApi({
          ...input,
          client: createGitHubClient({ token: wrongToken, apiUrl: server.url }),
        }),
      );
      const line = unauthorized.oneLine();
      expect(line).toContain('acme/config');
      expect(line).toContain('env/dev');
      expect(line).toContain('401');
      expect(line).toContain('contents: write');
      for (const text of [line, inspect(unauthorized, { depth: 20 }), JSON.stringify(unauthorized)]) {
        expect(text).not.toContain(wrongToken);
        expect(text).not.toContain(TOKEN);
      }

      const client = createGitHubClient({ token: TOKEN, apiUrl: server.url });
      const missing = await failure(commitFilesViaApi({ ...input, client, repo: 'nope' }));
      expect(missing.oneLine()).toMatch(/acme\/nope.*404.*contents: write/);

      server.state.permission = 'read';
      const forbidden = await failure(commitFilesViaApi({ ...input, client }));
      expect(forbidden.oneLine()).toMatch(
        /acme\/config \(branch env\/dev\): GitHub refused creating the tree \(403 Resource not accessible by integration\).*contents: write/,
      );
      expect(inspect(forbidden, { depth: 20 })).not.toContain(TOKEN);
      expect(branchTip(repoPath, 'env/dev')).toBe(parent);
    });
  });

  it('with a lease, forces only over the expected tip (null: the branch must not exist)', async () => {
    await withGitHub(async ({ client, repoPath, server }) => {
      const envTip = branchTip(repoPath, 'env/dev') ?? '';
      const commit = (tag: string, lease: string | null) =>
        commitFilesViaApi({
          client,
          owner: 'acme',
          repo: 'config',
          branch: 'slipway/promote/dev/shop',
          parent: envTip,
          files: new Map([['apps/shop/values.yaml', Buffer.from(`image:\n  tag: ${tag}\n`)]]),
          message: `promote(dev): shop ${tag}`,
          move: { lease },
        });
      const first = await commit('2.1.0', null);
      expect(first).toEqual({ ok: true, sha: expect.stringMatching(/^[0-9a-f]{40}$/), changed: true });
      if (!first.ok) return;
      expect(branchTip(repoPath, 'slipway/promote/dev/shop')).toBe(first.sha);
      // Someone created it first: stale, and nothing moved.
      expect(await commit('2.2.0', null)).toEqual({ ok: false, reason: 'stale' });
      expect(await commit('2.2.0', envTip)).toEqual({ ok: false, reason: 'stale' });
      expect(branchTip(repoPath, 'slipway/promote/dev/shop')).toBe(first.sha);
      // Over the tip it read, the head is replaced (not a fast-forward: a sibling of the first commit).
      const second = await commit('2.2.0', first.sha);
      expect(second.ok).toBe(true);
      if (!second.ok) return;
      expect(branchTip(repoPath, 'slipway/promote/dev/shop')).toBe(second.sha);
      expect(listCommits(repoPath, 'slipway/promote/dev/shop')[0]?.parents).toEqual([envTip]);
      const updates = server.state.requests.filter(
        (request) =>
          request.method === 'PATCH' && request.path.endsWith('/refs/heads/slipway/promote/dev/shop'),
      );
      expect(updates).toMatchObject([{ body: { sha: second.sha, force: true }, status: 200 }]);
      // The environment branch never moved.
      expect(branchTip(repoPath, 'env/dev')).toBe(envTip);
    });
  });

  it('refuses paths outside the repository, writes through files and through symlinks', async () => {
    await withGitHub(async ({ client, repoPath }) => {
      const parent = branchTip(repoPath, 'env/dev') ?? '';
      const attempt = (file: string) =>
        commitFilesViaApi({
          client,
          owner: 'acme',
          repo: 'config',
          branch: 'env/dev',
          parent,
          files: new Map([[file, Buffer.from('x')]]),
          message: 'm',
        });
      await expect(attempt('../escape')).rejects.toThrow(/invalid path/);
      await expect(attempt('/abs')).rejects.toThrow(/invalid path/);
      await expect(attempt('crlf.yaml/inner')).rejects.toThrow(/crlf\.yaml is a file/);
      await expect(attempt('apps/cart')).rejects.toThrow(/is a directory/);
      await expect(attempt('current.yaml')).rejects.toThrow(
        /refusing to write current\.yaml: it is a symlink/,
      );
      expect(branchTip(repoPath, 'env/dev')).toBe(parent);
    });
  });
});
