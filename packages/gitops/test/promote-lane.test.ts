// A promotion that waited for its branch's lane reads the branch again in its turn, by the commit the one
// before it pushed (no listing), and pushes on top of it in its first attempt: real git, a real lane socket.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  branchTip,
  commitFiles,
  createBareRepo,
  listCommits,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { gitText } from '../../../test/support/git.js';
import { startGitHttpServer } from '../../../test/support/gitHttpServer.js';
import { type HostLaneOptions, laneDirectory } from '../src/access.js';
import { ConfigRepo } from '../src/git/index.js';
import { environmentTarget, promote, takeLanes } from '../src/index.js';
import { bot, devRepos, promoteRequest } from './support/promote-fixture.js';

const makeRepo = devRepos();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const deployment = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: ${image}
`;
const CART = 'registry.example.com/shop/cart';
const DIGEST = `sha256:${'c'.repeat(64)}`;

function lanes(): HostLaneOptions {
  const base = mkdtempSync(path.join(os.tmpdir(), 'slipway-lanes-'));
  dirs.push(base);
  const dir = path.join(base, 'lanes');
  const opened = laneDirectory(dir);
  if (typeof opened === 'string') throw new Error(opened);
  return { dir, since: opened.since, maxWaitMs: 10_000 };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('timed out');
}

describe('a promotion taking turns on one machine', () => {
  it('plans first, waits for the lane to push, and reads the branch again by the commit the holder pushed', async () => {
    const repo = makeRepo({
      'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`),
      'apps/shop/deployment.yaml': deployment('shop', 'registry.example.com/shop/shop:1.0.0'),
    });
    const lane = lanes();
    // Another promotion from this machine holds env/dev's lane.
    const other = await takeLanes(lane, [`${repo.url}\0env/dev`]);
    if (other === undefined) throw new Error('no lane');
    const commands: string[][] = [];
    const progress: string[] = [];
    const promotion = promote(
      promoteRequest(
        repo,
        { repository: CART, digest: DIGEST },
        { lane, onCommand: (argv) => commands.push(argv), progress: (m) => progress.push(m) },
      ),
    );
    // It plans and writes its commit before it asks for the lane; no push while the lane is held.
    await until(() => commands.some((argv) => argv.includes('fast-import')));
    await new Promise((r) => setTimeout(r, 100));
    expect(commands.some((argv) => argv.includes('push'))).toBe(false);
    // The holder pushes (here: a commit straight into the bare repo) and lets go, saying what it pushed.
    commitFiles(repo.path, 'env/dev', {
      'apps/shop/deployment.yaml': deployment('shop', 'registry.example.com/shop/shop:2.0.0'),
    });
    const pushed = branchTip(repo.path, 'env/dev');
    if (pushed === undefined) throw new Error('no env/dev');
    const before = commands.length;
    await other.release(new Map([[`${repo.url}\0env/dev`, pushed]]));

    const [outcome] = await promotion;
    expect(outcome).toMatchObject({ noop: false, attempts: 1 });
    expect(progress.join('\n')).toMatch(
      /another promotion from this machine went first .*reading the branch again/,
    );
    // In its turn, one fetch, by the commit it was told: no ls-remote, no fetch by branch name.
    const inTurn = commands.slice(before);
    const fetches = inTurn.filter((argv) => argv.includes('fetch'));
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.at(-1)).toBe(`+${pushed}:refs/slipway/env/dev`);
    expect(inTurn.filter((argv) => argv.includes('ls-remote'))).toEqual([]);
    // On top of the holder's commit, both changes kept.
    expect(listCommits(repo.path, 'env/dev')[1]?.sha).toBe(pushed);
    expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `${CART}:1.1.0@${DIGEST}`,
    );
    expect(readFileAt(repo.path, 'env/dev', 'apps/shop/deployment.yaml')?.toString()).toContain('shop:2.0.0');
  });

  it('takes over what the holder pushed from the pack it left: no fetch in its turn, only the push', async () => {
    // A repository that serves partial clones, as the scoped promotions of a monorepo release read it.
    const files: Record<string, string> = {};
    for (const name of ['cart', 'shop', 'pay']) {
      files[`apps/${name}/deployment.yaml`] = deployment(name, `registry.example.com/shop/${name}:1.0.0`);
    }
    const repo = createBareRepo({
      branches: { main: { 'README.md': 'config\n' }, 'env/dev': files },
      defaultBranch: 'main',
      config: { 'uploadpack.allowFilter': 'true', 'uploadpack.allowAnySHA1InWant': 'true' },
    });
    dirs.push(path.dirname(repo.path));
    const lane = lanes();
    const key = `${repo.url}\0env/dev`;
    const other = await takeLanes(lane, [key]);
    if (other === undefined) throw new Error('no lane');
    // The holder: another promotion's temporary repository, scoped to apps/shop.
    const holder = await ConfigRepo.open(repo.url);
    try {
      const base = (await holder.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev');
      if (base === undefined || base === null) throw new Error('no env/dev');
      await holder.prefetchBlobs([{ commit: base, under: ['apps/shop'] }]);
      const commands: string[][] = [];
      const progress: string[] = [];
      const promotion = promote(
        promoteRequest(
          repo,
          { repository: CART, digest: DIGEST },
          {
            targets: [environmentTarget('dev', { path: 'apps/cart' })],
            lane,
            onCommand: (argv) => commands.push(argv),
            progress: (m) => progress.push(m),
          },
        ),
      );
      await until(() => commands.some((argv) => argv.includes('fast-import')));
      // Its waiting is what makes the holder pack what it pushes (lane.test.ts: nobody waiting, no pack).
      await until(() => other.waiting());
      const pushed = await holder.commit({
        parent: base,
        files: new Map([
          [
            'apps/shop/deployment.yaml',
            Buffer.from(deployment('shop', 'registry.example.com/shop/shop:2.0.0')),
          ],
        ]),
        message: 'shop 2.0.0',
        author: bot,
        committer: bot,
      });
      expect((await holder.push([{ branch: 'env/dev', commit: pushed }])).ok).toBe(true);
      const pack = await holder.handOver(pushed);
      if (pack === undefined) throw new Error('no pack');
      const before = commands.length;
      await other.release(new Map([[key, pushed]]), new Map([[key, pack]]));

      const [outcome] = await promotion;
      expect(outcome).toMatchObject({ noop: false, attempts: 1 });
      expect(progress.join('\n')).toMatch(/Reading env\/dev as the promotion before pushed it/);
      // In its turn, nothing but the push reaches the config repo.
      const inTurn = commands.slice(before);
      expect(inTurn.filter((argv) => ['fetch', 'ls-remote'].includes(argv[1] ?? ''))).toEqual([]);
      expect(inTurn.filter((argv) => argv[1] === 'push')).toHaveLength(1);
      expect(listCommits(repo.path, 'env/dev')[1]?.sha).toBe(pushed);
      expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
        `${CART}:1.1.0@${DIGEST}`,
      );
      expect(readFileAt(repo.path, 'env/dev', 'apps/shop/deployment.yaml')?.toString()).toContain(
        'shop:2.0.0',
      );
      expect(gitText(['fsck', '--strict'], { env: { GIT_DIR: repo.path } })).toBe('');
      // The pack was taken and removed with the lane.
      expect(readdirSync(lane.dir)).toEqual([]);
    } finally {
      await holder.dispose();
    }
  });

  it('pushes at once, on what it read, when nobody else from this machine came', async () => {
    const repo = makeRepo({ 'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`) });
    const commands: string[][] = [];
    const [outcome] = await promote(
      promoteRequest(
        repo,
        { repository: CART, digest: DIGEST },
        { lane: lanes(), onCommand: (argv) => commands.push(argv) },
      ),
    );
    expect(outcome).toMatchObject({ noop: false, attempts: 1 });
    expect(commands.filter((argv) => argv.includes('fetch'))).toHaveLength(1);
  });

  it('keys the lane by the address without its credentials: a token in the URL is no other lane', async () => {
    const repo = makeRepo({ 'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`) });
    const server = await startGitHttpServer({
      root: path.dirname(repo.path),
      username: 'x-access-token',
      password: 'lane-secret',
    });
    try {
      const plain = `${server.url}/${path.basename(repo.path)}`;
      const withToken = plain.replace('http://', 'http://x-access-token:lane-secret@');
      const lane = lanes();
      const other = await takeLanes(lane, [`${plain}\0env/dev`]);
      if (other === undefined) throw new Error('no lane');
      const commands: string[][] = [];
      const promotion = promote(
        promoteRequest(
          repo,
          { repository: CART, digest: DIGEST },
          { configRepo: withToken, lane, onCommand: (argv) => commands.push(argv) },
        ),
      );
      await until(() => commands.some((argv) => argv.includes('fast-import')));
      await new Promise((r) => setTimeout(r, 100));
      // Held up by the lane taken under the address without the token.
      expect(commands.some((argv) => argv.includes('push'))).toBe(false);
      await other.release();
      const [outcome] = await promotion;
      expect(outcome).toMatchObject({ noop: false, attempts: 1 });
      // Nothing in the lane directory names the token (nor anything else: the sockets are named by a hash).
      expect(readdirSync(lane.dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
