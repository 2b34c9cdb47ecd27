// Where promotions from one machine take turns (see lane.ts): a directory only this user can write. Checked
// with synchronous calls before the promotion's first request, which starts before the socket code loads.

import { lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface HostLaneOptions {
  /** A directory only this user can write, as laneDirectory found it. */
  readonly dir: string;
  /**
   * The directory's change time when the promotion started (laneDirectory): a lane taken or let go since
   * changed it, so tips read before may be stale.
   */
  readonly since: bigint;
  /** How long to wait for a lane before racing without it. */
  readonly maxWaitMs: number;
}

/** How long a promotion waits for a lane before racing without it: a stuck holder delays, never blocks. */
export const LANE_WAIT_MS = 120_000;

/** Longest socket path Linux and macOS take (sun_path), with the terminating NUL. */
const MAX_SOCKET_PATH = 103;

/** The default lane directory: `$XDG_RUNTIME_DIR/slipway`, else `/tmp/slipway-<uid>` (as tmux does). */
export function defaultHostLaneDirectory(env: NodeJS.ProcessEnv): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime !== undefined && path.isAbsolute(runtime)) return path.join(runtime, 'slipway');
  return `/tmp/slipway-${uid}`;
}

/**
 * The length of a lane socket's file name (lane.ts: 32 hex digits of a hash and `.sock`). Kept here, apart
 * from the socket code, so that this module stays out of the chunk the bundle loads with it.
 */
export const LANE_SOCKET_NAME_LENGTH = 37;

/**
 * Makes sure `dir` is a directory only this user can write (created, mode 0700, when missing) and returns its
 * change time; a string says why it cannot be used.
 */
export function laneDirectory(dir: string): { readonly since: bigint } | string {
  if (!path.isAbsolute(dir)) return `${dir} is not an absolute path`;
  if (Buffer.byteLength(dir) + 1 + LANE_SOCKET_NAME_LENGTH > MAX_SOCKET_PATH) {
    return `${dir} is too long for a Unix socket path`;
  }
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot create ${dir}: ${String(error)}`;
  }
  const stats = lstatSync(dir, { bigint: true });
  if (!stats.isDirectory()) return `${dir} is not a directory (a symlink?)`;
  if (stats.uid !== BigInt(process.getuid?.() ?? -1)) return `${dir} belongs to another user`;
  if ((stats.mode & 0o077n) !== 0n) {
    return `${dir} is open to other users (mode ${(stats.mode & 0o777n).toString(8)})`;
  }
  return { since: stats.ctimeNs };
}
