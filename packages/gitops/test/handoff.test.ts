// A commit handed from one temporary repository to another as a pack (handoff.ts): real git, a real bare repo.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { branchTip, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { gitText } from '../../../test/support/git.js';
import { blobId, registerShallow, withShallow } from '../src/git/handoff.js';
import { ConfigRepo } from '../src/git/index.js';

const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A config repo of 12 services, each in its own folder, served with filters. */
function servicesRepo() {
  const files: Record<string, string> = { 'README.md': 'config\n' };
  for (let i = 0; i < 12; i++) files[`apps/svc-${i}/deployment.yaml`] = `image: svc-${i}:1\n`;
  const repo = createBareRepo({
    defaultBranch: 'env/dev',
    branches: { 'env/dev': files },
    config: { 'uploadpack.allowFilter': 'true', 'uploadpack.allowAnySHA1InWant': 'true' },
  });
  cleanups.push(repo.cleanup);
  return repo;
}

/** A temp repo reading `env/dev` the way a scoped promotion does: commits and trees, then one folder's blobs. */
async function scopedReader(url: string, folder: string, commands: string[][] = []) {
  const repo = await ConfigRepo.open(url, {}, { onCommand: (argv) => commands.push(argv) });
  cleanups.push(() => repo.dispose());
  const tip = (await repo.fetchBranches(['env/dev'], { blobs: 'none' })).get('env/dev');
  if (tip === undefined || tip === null) throw new Error('no env/dev');
  await repo.prefetchBlobs([{ commit: tip, under: [folder] }]);
  return { repo, tip };
}

async function promoteOnce(repo: ConfigRepo, parent: string, file: string, content: string): Promise<string> {
  const commit = await repo.commit({
    parent,
    files: new Map([[file, Buffer.from(content)]]),
    message: `set ${file}`,
    author: bot,
    committer: bot,
  });
  const pushed = await repo.push([{ branch: 'env/dev', commit }]);
  expect(pushed.ok).toBe(true);
  return commit;
}

/** Another promotion, scoped to `folder`, that pushes `content` to `file` and packs what it pushed. */
async function pushedAndPacked(
  url: string,
  folder: string,
  file: string,
  content: string,
): Promise<{ commit: string; pack: Buffer }> {
  const holder = await scopedReader(url, folder);
  const commit = await promoteOnce(holder.repo, holder.tip, file, content);
  const pack = await holder.repo.handOver(commit);
  if (pack === undefined) throw new Error('no pack');
  return { commit, pack };
}

const networkCommands = (commands: string[][]) =>
  commands.filter((argv) => ['fetch', 'ls-remote', 'push'].includes(argv[1] ?? ''));

describe('handing a pushed commit to the next promotion', () => {
  it('lets a repository many commits behind take it over, read it, commit on it and push, with no fetch', async () => {
    const remote = servicesRepo();
    // The receiver read the branch first; two other promotions pushed since, the second handing over.
    const commands: string[][] = [];
    const receiver = await scopedReader(remote.url, 'apps/svc-5', commands);
    const first = await scopedReader(remote.url, 'apps/svc-1');
    await promoteOnce(first.repo, first.tip, 'apps/svc-1/deployment.yaml', 'image: svc-1:2\n');
    const { commit: handed, pack } = await pushedAndPacked(
      remote.url,
      'apps/svc-2',
      'apps/svc-2/deployment.yaml',
      'image: svc-2:2\n',
    );

    commands.length = 0;
    expect(await receiver.repo.takeOver(new Map([['env/dev', { commit: handed, pack }]]))).toBe(true);
    const tips = await receiver.repo.fetchBranches(['env/dev'], { blobs: 'new' });
    expect(tips.get('env/dev')).toBe(handed);
    // Every tree is here (its own folder and the others'), and the blob the holder wrote.
    expect((await receiver.repo.listTree(handed)).map((entry) => entry.path)).toContain(
      'apps/svc-11/deployment.yaml',
    );
    const read = await receiver.repo.readFiles(handed, [
      'apps/svc-2/deployment.yaml',
      'apps/svc-5/deployment.yaml',
    ]);
    expect(read.get('apps/svc-2/deployment.yaml')?.toString()).toBe('image: svc-2:2\n');
    expect(read.get('apps/svc-5/deployment.yaml')?.toString()).toBe('image: svc-5:1\n');
    // On a commit whose parent it never saw: the push walks no further than the shallow commit.
    const own = await promoteOnce(receiver.repo, handed, 'apps/svc-5/deployment.yaml', 'image: svc-5:2\n');
    expect(networkCommands(commands).map((argv) => argv[1])).toEqual(['push']);
    expect(branchTip(remote.path, 'env/dev')).toBe(own);
    expect(readFileAt(remote.path, 'env/dev', 'apps/svc-1/deployment.yaml')?.toString()).toBe(
      'image: svc-1:2\n',
    );
    expect(gitText(['fsck', '--strict'], { env: { GIT_DIR: remote.path } })).toBe('');
    // Used once: the next fetch asks the remote again.
    await receiver.repo.fetchBranches(['env/dev'], { blobs: 'new' });
    expect(networkCommands(commands).map((argv) => argv[1])).toEqual(['push', 'fetch']);
  });

  it('packs the commit, every tree and the written blobs, and no other blob or commit', async () => {
    const remote = servicesRepo();
    const { commit, pack } = await pushedAndPacked(
      remote.url,
      'apps/svc-3',
      'apps/svc-3/deployment.yaml',
      'image: svc-3:2\n',
    );
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'slipway-handoff-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    writeFileSync(path.join(scratch, 'handed.pack'), pack);
    gitText(['init', '--bare', '--quiet', path.join(scratch, 'x.git')]);
    gitText(['index-pack', path.join(scratch, 'handed.pack')], {
      env: { GIT_DIR: path.join(scratch, 'x.git') },
    });
    const kinds = gitText(['verify-pack', '-v', path.join(scratch, 'handed.pack')])
      .split('\n')
      .map((line) => line.split(/\s+/))
      .filter((fields) => /^[0-9a-f]{40}$/.test(fields[0] ?? ''));
    const count = (type: string) => kinds.filter((fields) => fields[1] === type).length;
    // The root, apps and 12 service folders; the one blob written (the svc-3 blob the holder prefetched is not).
    expect({ commits: count('commit'), trees: count('tree'), blobs: count('blob') }).toEqual({
      commits: 1,
      trees: 14,
      blobs: 1,
    });
    expect(kinds.find((fields) => fields[1] === 'blob')?.[0]).toBe(
      blobId(Buffer.from('image: svc-3:2\n'), commit),
    );
  });

  it('refuses a pack that does not hold the announced commit, or is damaged, and the next fetch goes to the remote', async () => {
    const remote = servicesRepo();
    const commands: string[][] = [];
    const receiver = await scopedReader(remote.url, 'apps/svc-5', commands);
    const { commit, pack } = await pushedAndPacked(
      remote.url,
      'apps/svc-1',
      'apps/svc-1/deployment.yaml',
      'image: svc-1:2\n',
    );
    const damaged = Buffer.from(pack);
    damaged[damaged.length - 30] = (damaged[damaged.length - 30] ?? 0) ^ 0xff;
    expect(await receiver.repo.takeOver(new Map([['env/dev', { commit, pack: damaged }]]))).toBe(false);
    // A commit this repository holds already is taken (the pack's objects come in beside it); one that is
    // nowhere is refused by the check by id, and takes back what the earlier call handed.
    expect(await receiver.repo.takeOver(new Map([['env/dev', { commit: receiver.tip, pack }]]))).toBe(true);
    expect(await receiver.repo.takeOver(new Map([['env/dev', { commit: 'e'.repeat(40), pack }]]))).toBe(
      false,
    );
    commands.length = 0;
    expect((await receiver.repo.fetchBranches(['env/dev'], { blobs: 'new' })).get('env/dev')).toBe(commit);
    expect(networkCommands(commands).map((argv) => argv[1])).toEqual(['fetch']);
  });

  it('takes nothing over into a repository that holds every blob (a promotion without --path)', async () => {
    const remote = servicesRepo();
    const receiver = await ConfigRepo.open(remote.url);
    cleanups.push(() => receiver.dispose());
    await receiver.fetchBranches(['env/dev']);
    const { commit, pack } = await pushedAndPacked(
      remote.url,
      'apps/svc-1',
      'apps/svc-1/deployment.yaml',
      'image: svc-1:2\n',
    );
    expect(await receiver.takeOver(new Map([['env/dev', { commit, pack }]]))).toBe(false);
  });
});

describe('the shallow file', () => {
  it('adds commits once, keeps what is there, and drops what is not an id', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(withShallow(`${a}\n`, [b, a])).toBe(`${a}\n${b}\n`);
    expect(withShallow('', [b])).toBe(`${b}\n`);
    expect(withShallow(`${a}\r\nnot an id\n`, [b])).toBe(`${b}\n`);
  });

  it('is written under git’s lock, and not at all while another process holds it', async () => {
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'slipway-shallow-'));
    cleanups.push(() => rmSync(gitDir, { recursive: true, force: true }));
    const a = 'a'.repeat(40);
    writeFileSync(path.join(gitDir, 'shallow'), `${a}\n`);
    mkdirSync(path.join(gitDir, 'objects'));
    writeFileSync(path.join(gitDir, 'shallow.lock'), '');
    expect(await registerShallow(gitDir, ['b'.repeat(40)])).toBe(false);
    expect(readFileSync(path.join(gitDir, 'shallow'), 'utf8')).toBe(`${a}\n`);
    rmSync(path.join(gitDir, 'shallow.lock'));
    expect(await registerShallow(gitDir, ['b'.repeat(40)])).toBe(true);
    expect(readFileSync(path.join(gitDir, 'shallow'), 'utf8')).toBe(`${a}\n${'b'.repeat(40)}\n`);
  });
});
