// Promotions racing from one machine (a monorepo release job that promotes fifty services in parallel, say)
// share its cores: every push that goes stale has cost a fetch, a plan, a commit and a push of CPU the winner
// needed, and the backoff that spreads the losers leaves the branch idle while the last of them sleep. Measured
// on 2 cores (bench/promote/contention.ts, 64 racers over file://): about half of the racing wall time idle in
// backoff, or, with shorter windows, up to 19 attempts and the cores busy with doomed ones.
//
// So racers on one machine take turns: each attempt (fetch → plan → commit → push) holds the branch's lane, a
// Unix socket in a private directory, and the others wait on a connection to it, which the kernel closes when
// the holder lets go or dies. The lane is advisory: the push's compare-and-swap on the remote keeps every
// promotion correct, racers on other machines still race with backoff, and a lane that cannot be had (no
// private directory, a holder stuck past `maxWaitMs`) means racing as before, never a failure.
//
// A socket file whose holder died refuses connections; it is removed only after refusing several times over
// (a new holder's socket refuses for the microseconds between its bind and its listen), so that no waiter
// removes a live holder's socket and two promotions hold one lane.
//
// A holder that pushed and has waiters also leaves them what it pushed, as a pack beside its socket (see
// git/handoff.ts): the next holder reads the branch from it instead of fetching it. Written whole before the
// lane is let go (a temporary name, then renamed), read by the next holder only, and removed by it; any other
// pack of the lane is left from a turn nobody took, and the next holder removes it too.

import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { MAX_HANDOFF_BYTES } from '../git/handoff.js';
import type { HostLaneOptions } from './lane-directory.js';

/** The lanes one attempt holds; release lets the next racer on this machine in. */
export interface LaneHold {
  /**
   * Whether another promotion from this machine held a lane of the directory since the promotion started, or
   * when this one asked: it may have pushed, so tips read before are stale.
   */
  readonly othersCame: boolean;
  /**
   * Per key, the commit the promotion that held its lane just before pushed, when this one took the lane
   * right as it was let go: the branch's tip, unless a push from another machine came in between.
   */
  readonly landed: ReadonlyMap<string, string>;
  /** Per key of `landed`, the pack of that commit the holder before left (see git/handoff.ts), if it did. */
  readonly handed: ReadonlyMap<string, Buffer>;
  /** Whether another promotion waits for one of these lanes now: only then is a pack worth making. */
  waiting(): boolean;
  /**
   * Lets go of the lanes, telling the waiters what this attempt pushed (per key), if it did, and leaving them
   * the packs of those commits given in `packs`.
   */
  release(landed?: ReadonlyMap<string, string>, packs?: ReadonlyMap<string, Buffer>): Promise<void>;
}

/** What a holder tells its waiters as it lets go: a commit id and a newline, and nothing else is taken. */
const LANDED_LINE = /^([0-9a-f]{40}|[0-9a-f]{64})\n$/;
/** The most a waiter reads from a holder. */
const MAX_LANDED_BYTES = 66;

/** Refusals in a row, a little apart, from one socket file before it is taken for a dead holder's. */
const STALE_REFUSALS = 3;
const REFUSAL_PAUSE_MS = 20;

/** The name of one branch's lane: a hash, so nothing of the URL shows in the file system. */
function laneName(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** The socket of a lane: 32 hex digits and `.sock`, LANE_SOCKET_NAME_LENGTH, which laneDirectory makes room for. */
function laneSocketPath(dir: string, key: string): string {
  return path.join(dir, `${laneName(key)}.sock`);
}

/** Where a holder of the lane leaves the pack of `commit` for the next one. */
function handoffPath(dir: string, key: string, commit: string): string {
  return path.join(dir, `${laneName(key)}-${commit}.pack`);
}

/**
 * Takes the lanes of `keys` (config repo and branch), in a fixed order so two multi-branch promotions never
 * wait on each other; undefined when one could not be had within `maxWaitMs` (the ones taken are let go).
 */
export async function takeLanes(
  options: HostLaneOptions,
  keys: readonly string[],
): Promise<LaneHold | undefined> {
  const deadline = performance.now() + options.maxWaitMs;
  // Every bind and unlink of a lane's socket changes the directory: looked at before our own bind, a change
  // since the start says another promotion took a lane meanwhile (and may have pushed). Gone (a cleaner of
  // temporary files removed it): no lane, racing.
  const stats = await lstat(options.dir, { bigint: true }).catch(() => undefined);
  if (stats === undefined) return undefined;
  let othersCame = stats.ctimeNs !== options.since;
  const servers: Array<{ readonly key: string; readonly server: Server }> = [];
  const landed = new Map<string, string>();
  const handed = new Map<string, Buffer>();
  const release = async (
    pushed?: ReadonlyMap<string, string>,
    packs?: ReadonlyMap<string, Buffer>,
  ): Promise<void> => {
    const held = servers.splice(0);
    // Written before any lane is let go: a waiter that hears the commit finds its pack whole, or none.
    for (const { key, server } of held) {
      const commit = pushed?.get(key);
      const pack = packs?.get(key);
      if (commit !== undefined && pack !== undefined && (waiters.get(server)?.size ?? 0) > 0) {
        await leavePack(handoffPath(options.dir, key, commit), pack);
      }
    }
    for (const { key, server } of held) closeLane(server, pushed?.get(key));
  };
  for (const key of [...new Set(keys)].sort()) {
    const taken = await takeLane(laneSocketPath(options.dir, key), deadline);
    if (taken === undefined) {
      await release();
      return undefined;
    }
    servers.push({ key, server: taken.server });
    othersCame ||= taken.waited;
    if (taken.landed !== undefined) {
      landed.set(key, taken.landed);
      const pack = await takePack(handoffPath(options.dir, key, taken.landed));
      if (pack !== undefined) handed.set(key, pack);
    }
    await removeLeftPacks(options.dir, key);
  }
  const waiting = () => servers.some(({ server }) => (waiters.get(server)?.size ?? 0) > 0);
  return { othersCame, landed, handed, waiting, release };
}

/** Leaves `pack` at `file`, whole or not at all; a failure only means the next holder fetches. */
async function leavePack(file: string, pack: Buffer): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(partial, pack, { flag: 'wx', mode: 0o600 });
    await rename(partial, file);
  } catch {
    await unlink(partial).catch(() => {});
  }
}

/**
 * The pack the holder before left at `file`, removed once read: only a regular file of this user (never a
 * link or a FIFO), at most MAX_HANDOFF_BYTES. Undefined when there is none or it is not such a file. What it holds is
 * checked by git against the object ids (ConfigRepo.takeOver).
 */
async function takePack(file: string): Promise<Buffer | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking, so that a FIFO planted under the name is refused by the check below, not waited on.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.uid !== process.getuid?.() || stats.size > MAX_HANDOFF_BYTES)
      return undefined;
    const pack = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(pack, 0, stats.size, 0);
    return bytesRead === stats.size ? pack : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => {});
    await unlink(file).catch(() => {});
  }
}

/**
 * Removes what earlier holders of the lane of `key` left and nobody took (a turn taken by a promotion that had
 * not waited, a holder killed while writing): the lane is ours, so no pack of it is being written.
 */
async function removeLeftPacks(dir: string, key: string): Promise<void> {
  const prefix = `${laneName(key)}-`;
  const names = await readdir(dir).catch(() => []);
  for (const name of names) {
    if (name.startsWith(prefix) && /\.pack(?:\.\d+\.tmp)?$/.test(name)) {
      await unlink(path.join(dir, name)).catch(() => {});
    }
  }
}

/** Peers waiting on a lane, so letting go of it wakes them at once. */
const waiters = new WeakMap<Server, Set<Socket>>();

async function takeLane(
  socketPath: string,
  deadline: number,
): Promise<{ server: Server; waited: boolean; landed?: string } | undefined> {
  let waited = false;
  let refused: { readonly id: string; count: number } | undefined;
  // What the last holder said it pushed: good only if the lane is ours right after it let go.
  let landed: string | undefined;
  for (;;) {
    const server = await listen(socketPath);
    if (server === 'unusable') return undefined;
    if (server !== 'busy') return { server, waited, ...(landed === undefined ? {} : { landed }) };
    waited = true;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    const answer = await waitForHolder(socketPath, left);
    landed = typeof answer === 'object' ? answer.landed : undefined;
    const holder = typeof answer === 'object' ? 'waited' : answer;
    if (holder === 'unusable') return undefined;
    if (holder === 'busy') await pause();
    if (holder !== 'refused') {
      refused = undefined;
      continue;
    }
    const id = await socketIdentity(socketPath);
    if (id === undefined) continue;
    refused = refused?.id === id ? { id, count: refused.count + 1 } : { id, count: 1 };
    if (refused.count < STALE_REFUSALS) {
      await pause();
      continue;
    }
    // The same file refused every time: its holder is gone. Removed only if it is still that file.
    if ((await socketIdentity(socketPath)) === id) await unlink(socketPath).catch(() => {});
    refused = undefined;
  }
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, REFUSAL_PAUSE_MS));

/** Which socket file is at `socketPath` (inode and change time), or undefined when none is. */
async function socketIdentity(socketPath: string): Promise<string | undefined> {
  try {
    const stats = await lstat(socketPath, { bigint: true });
    return stats.isSocket() ? `${stats.ino}:${stats.ctimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on the lane's socket: 'busy' when another process does (or left its socket behind). */
function listen(socketPath: string): Promise<Server | 'busy' | 'unusable'> {
  return new Promise((resolve) => {
    const peers = new Set<Socket>();
    const server = createServer((socket) => {
      peers.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => peers.delete(socket));
      // Nothing is read from a peer: the connection only says when this lane is let go.
      socket.resume();
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'EADDRINUSE' ? 'busy' : 'unusable');
    });
    server.listen(socketPath, () => {
      waiters.set(server, peers);
      // A promotion that ends while holding it must not stay alive for the lane's sake.
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Closes a lane: Node unlinks its socket at once, and every waiter hears `landed` (when given) and the end of its
 * connection now rather than at exit. Not waited for: a waiter that does not close its side is cut off.
 */
function closeLane(server: Server, landed: string | undefined): void {
  server.close();
  for (const peer of waiters.get(server) ?? []) {
    if (landed === undefined) peer.end();
    else peer.end(`${landed}\n`);
    peer.setTimeout(1000, () => peer.destroy());
  }
}

/**
 * Connects to the lane's holder and waits until it lets go (an object: with the commit it pushed, if it said). 'refused': nobody listens on the socket
 * there (its holder died, or has bound and not listened yet); 'free': it went away in between; 'busy': the
 * holder's queue of waiters is full; 'unusable': anything else, or no answer in time.
 */
function waitForHolder(
  socketPath: string,
  timeoutMs: number,
): Promise<{ readonly landed?: string } | 'refused' | 'free' | 'busy' | 'unusable'> {
  return new Promise((resolve) => {
    let connected = false;
    let heard = '';
    const socket = createConnection(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('unusable');
    }, timeoutMs);
    socket.on('connect', () => {
      connected = true;
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      heard += chunk;
      if (heard.length > MAX_LANDED_BYTES) socket.destroy();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected) return;
      clearTimeout(timer);
      const outcomes: Record<string, 'refused' | 'free' | 'busy'> = {
        ECONNREFUSED: 'refused',
        ENOENT: 'free',
        EAGAIN: 'busy',
      };
      resolve(outcomes[error.code ?? ''] ?? 'unusable');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const landed = LANDED_LINE.exec(heard)?.[1];
      if (connected) resolve(landed === undefined ? {} : { landed });
    });
  });
}
