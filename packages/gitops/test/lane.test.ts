// Promotions from one machine take turns through a lane (a Unix socket in a private directory): real sockets,
// a real second process that dies holding one.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type HostLaneOptions, LANE_SOCKET_NAME_LENGTH, laneDirectory } from '../src/access.js';
import { type LaneHold, takeLanes } from '../src/index.js';

const dirs: string[] = [];
const holds: LaneHold[] = [];
afterEach(async () => {
  for (const hold of holds.splice(0)) await hold.release();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-lane-'));
  dirs.push(dir);
  return dir;
}

async function openLanes(maxWaitMs = 10_000): Promise<HostLaneOptions> {
  const dir = path.join(scratch(), 'lanes');
  const opened = laneDirectory(dir);
  if (typeof opened === 'string') throw new Error(opened);
  return { dir, since: opened.since, maxWaitMs };
}

async function take(options: HostLaneOptions, keys: readonly string[]): Promise<LaneHold> {
  const hold = await takeLanes(options, keys);
  if (hold === undefined) throw new Error('no lane');
  holds.push(hold);
  return hold;
}

const settled = (promise: Promise<unknown>): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]);

describe('lanes', () => {
  it('lets one promotion at a time hold a branch, and the next in as soon as it lets go', async () => {
    const lanes = await openLanes();
    const first = await take(lanes, ['repo\0env/dev']);
    expect(first.othersCame).toBe(false);
    const second = takeLanes(lanes, ['repo\0env/dev']);
    // Another branch, or another repository, is not held up.
    const other = await take(lanes, ['repo\0env/prod']);
    const otherRepo = await take(lanes, ['other\0env/dev']);
    expect(await settled(second)).toBe(false);
    await other.release();
    await otherRepo.release();
    // The holder says what it pushed as it lets go.
    await first.release(new Map([['repo\0env/dev', 'a'.repeat(40)]]));
    const next = await second;
    if (next === undefined) throw new Error('no lane after the first let go');
    holds.push(next);
    // It waited, so what it read before may be stale; and it heard what the holder pushed.
    expect(next.othersCame).toBe(true);
    expect(next.landed).toEqual(new Map([['repo\0env/dev', 'a'.repeat(40)]]));
    await next.release();
    // Nothing is left in the directory once every lane is let go.
    expect(readdirSync(lanes.dir)).toEqual([]);
  });

  it('says others came when a lane of the directory was taken and let go since the promotion started', async () => {
    const lanes = await openLanes();
    // The directory's change time ticks with the kernel's clock: let it tick past the opening.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await (await take(lanes, ['repo\0env/dev'])).release();
    const mine = await take(lanes, ['repo\0env/dev']);
    expect(mine.othersCame).toBe(true);
  });

  it('takes over the lane of a process that died holding it', async () => {
    const lanes = await openLanes();
    // A second process holds the lane, then dies without letting go.
    const script = `
      const { takeLanes } = await import(${JSON.stringify(LANE_MODULE)});
      const hold = await takeLanes({ dir: ${JSON.stringify(lanes.dir)}, since: 0n, maxWaitMs: 5000 }, ['repo\\0env/dev']);
      if (hold === undefined) process.exit(3);
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('held')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`the holder exited (${code}) before holding the lane`)));
      });
      const waiting = takeLanes(lanes, ['repo\0env/dev']);
      expect(await settled(waiting)).toBe(false);
      // Killed: no chance to let go, and its socket file stays behind.
      holder.kill('SIGKILL');
      const hold = await waiting;
      expect(hold).toBeDefined();
      if (hold !== undefined) holds.push(hold);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes nothing but a commit id from a holder', async () => {
    const lanes = await openLanes();
    // A process of this user that is no promotion listens on the lane and says too much as it lets go.
    const socketPath = path.join(
      lanes.dir,
      `${createHash('sha256').update('repo\0env/dev').digest('hex').slice(0, 32)}.sock`,
    );
    const peers: Socket[] = [];
    const server = createServer((peer) => peers.push(peer));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const waiting = takeLanes(lanes, ['repo\0env/dev']);
    await until(() => peers.length === 1);
    server.close();
    peers[0]?.end(`${'b'.repeat(40)}\n${'x'.repeat(1000)}`);
    const hold = await waiting;
    if (hold === undefined) throw new Error('no lane');
    holds.push(hold);
    expect(hold.landed).toEqual(new Map());
  });

  it('leaves the pack of what it pushed to the promotion waiting next, which takes and removes it', async () => {
    const lanes = await openLanes();
    const key = 'repo\0env/dev';
    const pushed = 'a'.repeat(40);
    const pack = Buffer.from('PACK of the pushed commit');
    // Nobody waits: nothing is written.
    const alone = await take(lanes, [key]);
    expect(alone.waiting()).toBe(false);
    await alone.release(new Map([[key, pushed]]), new Map([[key, pack]]));
    expect(readdirSync(lanes.dir)).toEqual([]);

    // A waiter that only listens: the pack stays where the holder left it, whole, for this user only.
    const listener = await take(lanes, [key]);
    const peer = createConnection(path.join(lanes.dir, `${laneName(key)}.sock`));
    let heard = '';
    peer.on('data', (chunk) => {
      heard += chunk.toString();
    });
    const closed = new Promise((resolve) => peer.on('close', resolve));
    await until(() => listener.waiting());
    await listener.release(new Map([[key, pushed]]), new Map([[key, pack]]));
    await closed;
    expect(heard).toBe(`${pushed}\n`);
    const packAt = path.join(lanes.dir, `${laneName(key)}-${pushed}.pack`);
    expect(readdirSync(lanes.dir)).toEqual([path.basename(packAt)]);
    expect(statSync(packAt).mode & 0o777).toBe(0o600);
    expect(readFileSync(packAt)).toEqual(pack);

    // A promotion that waited and takes the lane next takes the pack; nothing is left after it.
    const first = await take(lanes, [key]);
    const second = takeLanes(lanes, [key]);
    await until(() => first.waiting());
    await first.release(new Map([[key, pushed]]), new Map([[key, pack]]));
    const next = await second;
    if (next === undefined) throw new Error('no lane');
    holds.push(next);
    expect(next.handed).toEqual(new Map([[key, pack]]));
    expect(readdirSync(lanes.dir)).toEqual([`${laneName(key)}.sock`]);
    await next.release();
    expect(readdirSync(lanes.dir)).toEqual([]);
  });

  it('takes no pack that is a link, a FIFO or too big, and removes what earlier turns left', async () => {
    const lanes = await openLanes();
    const key = 'repo\0env/dev';
    const pushed = 'b'.repeat(40);
    const elsewhere = path.join(scratch(), 'pack');
    writeFileSync(elsewhere, 'PACK elsewhere');
    const packAt = path.join(lanes.dir, `${laneName(key)}-${pushed}.pack`);
    // A turn nobody took, and a holder killed while writing; another lane's pack stays.
    const left = [
      `${laneName(key)}-${'c'.repeat(40)}.pack`,
      `${laneName(key)}-${'d'.repeat(40)}.pack.123.tmp`,
    ];
    const others = `${laneName('repo\0env/prod')}-${'e'.repeat(40)}.pack`;
    for (const name of [...left, others]) writeFileSync(path.join(lanes.dir, name), 'PACK');
    for (const plant of [
      () => symlinkSync(elsewhere, packAt),
      () => execFileSync('mkfifo', [packAt]),
      () => {
        writeFileSync(packAt, '');
        truncateSync(packAt, 32 * 1024 * 1024 + 1);
      },
    ]) {
      const first = await take(lanes, [key]);
      const second = takeLanes(lanes, [key]);
      await until(() => first.waiting());
      // Planted while the lane is held: taking it would have removed it as left over.
      plant();
      await first.release(new Map([[key, pushed]]));
      const next = await second;
      if (next === undefined) throw new Error('no lane');
      holds.push(next);
      expect(next.landed).toEqual(new Map([[key, pushed]]));
      expect(next.handed).toEqual(new Map());
      await next.release();
      expect(readdirSync(lanes.dir)).toEqual([others]);
    }
    // The link was removed, not what it pointed to.
    expect(readFileSync(elsewhere, 'utf8')).toBe('PACK elsewhere');
  });

  it('races, rather than fail, when the lane directory was removed after the promotion started', async () => {
    const lanes = await openLanes();
    rmSync(lanes.dir, { recursive: true });
    expect(await takeLanes(lanes, ['repo\0env/dev'])).toBeUndefined();
  });

  it('gives up after maxWaitMs, and lets go of the lanes it took meanwhile', async () => {
    const lanes = await openLanes(300);
    await take(lanes, ['repo\0env/prod']);
    // env/dev sorts first: taken, then given back when env/prod cannot be had.
    expect(await takeLanes(lanes, ['repo\0env/prod', 'repo\0env/dev'])).toBeUndefined();
    const dev = await takeLanes({ ...lanes, maxWaitMs: 0 }, ['repo\0env/dev']);
    expect(dev).toBeDefined();
    await dev?.release();
  });

  it('holds a lane in the longest directory laneDirectory takes', async () => {
    const base = scratch();
    // sun_path holds 103 bytes and a NUL: the directory, a slash and the socket's name fill it exactly.
    const dir = path.join(base, 'd'.repeat(103 - base.length - 2 - LANE_SOCKET_NAME_LENGTH));
    expect(Buffer.byteLength(dir) + 1 + LANE_SOCKET_NAME_LENGTH).toBe(103);
    const opened = laneDirectory(dir);
    if (typeof opened === 'string') throw new Error(opened);
    const hold = await take({ dir, since: opened.since, maxWaitMs: 1000 }, ['repo\0env/dev']);
    expect(readdirSync(dir).map((name) => name.length)).toEqual([LANE_SOCKET_NAME_LENGTH]);
    await hold.release();
    expect(laneDirectory(`${dir}x`)).toMatch(/too long for a Unix socket path/);
  });

  it('uses only a directory of this user that nobody else can write', async () => {
    const base = scratch();
    expect(laneDirectory('relative/lanes')).toMatch(/not an absolute path/);
    expect(laneDirectory(path.join(base, 'x'.repeat(120)))).toMatch(/too long for a Unix socket path/);
    const open = path.join(base, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(laneDirectory(open)).toMatch(/open to other users \(mode 777\)/);
    const target = path.join(base, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = path.join(base, 'link');
    symlinkSync(target, link);
    expect(laneDirectory(link)).toMatch(/not a directory \(a symlink\?\)/);
    const created = path.join(base, 'created');
    expect(laneDirectory(created)).toEqual({ since: expect.any(BigInt) });
    expect(statSync(created).mode & 0o777).toBe(0o700);
  });
});

/** The hash that names a lane's files (lane.ts). */
const laneName = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

const LANE_MODULE = fileURLToPath(new URL('../src/promotion/lane.ts', import.meta.url));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('timed out');
}
