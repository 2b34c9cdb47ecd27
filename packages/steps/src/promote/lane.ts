import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import {
  defaultHostLaneDirectory,
  type HostLaneOptions,
  LANE_WAIT_MS,
  laneDirectory,
  READ_AHEAD_FRESH_MS,
} from '@slipway/gitops/access';
import { timeoutFromEnvironment } from '@slipway/process';

/** Where promotions from this machine take turns (see gitops' lane.ts): a private directory, or `off`. */
const LANE_VARIABLE = 'SLIPWAY_LANE_DIR';

/**
 * The lane directory the environment asks for (default: `$XDG_RUNTIME_DIR/slipway` or `/tmp/slipway-<uid>`),
 * undefined for `off`; checked before anything is read, so a bad value is refused up front.
 */
export function laneDirectoryFrom(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[LANE_VARIABLE];
  if (value === 'off') return undefined;
  if (value === undefined || value === '') return defaultHostLaneDirectory(env);
  if (!path.isAbsolute(value) || value.includes('\0')) {
    throw new SlipwayError(`${LANE_VARIABLE} must be an absolute directory, or off`, {
      where: LANE_VARIABLE,
      fix: `set ${LANE_VARIABLE} to a directory only this user can write (it is created, mode 0700), or to off to let promotions from this machine race`,
    });
  }
  return value;
}

/**
 * The lane to take turns in, or undefined (racing) when its directory cannot be used: `note` says why. Opened
 * before the config repo is read, so that a lane taken by another promotion after this one read a tip shows.
 */
export function hostLane(
  dir: string | undefined,
  note: (message: string) => void,
): HostLaneOptions | undefined {
  if (dir === undefined) return undefined;
  const opened = laneDirectory(dir);
  if (typeof opened === 'string') {
    note(`promotions from this machine race for the branch instead of taking turns: ${opened}`);
    return undefined;
  }
  return { dir, since: opened.since, maxWaitMs: LANE_WAIT_MS };
}

/** How many seconds tips read ahead with the policy stay usable by the first attempt (see read-ahead.ts). */
const READ_AHEAD_VARIABLE = 'SLIPWAY_READ_AHEAD_SECONDS';

/**
 * With a lane, tips read ahead stay usable this long by default: a push from this machine since they were read
 * shows through the lane (the promotion then reads the branch again in its turn), and only one from another
 * machine can make them stale, which the push's compare-and-swap catches. Measured (64 racers over smart HTTP,
 * 2 cores): 24.3 → 22.1 s all at once, the re-reads of 64 racers whose policy phase outlasted 1 s saved.
 */
const READ_AHEAD_WITH_LANE_MS = 60_000;

/** How long tips read ahead stay usable: `SLIPWAY_READ_AHEAD_SECONDS`, else 60 s with a lane and 1 s without. */
export function readAheadFreshForMs(env: NodeJS.ProcessEnv, lane: HostLaneOptions | undefined): number {
  const fallback = lane === undefined ? READ_AHEAD_FRESH_MS : READ_AHEAD_WITH_LANE_MS;
  return timeoutFromEnvironment(READ_AHEAD_VARIABLE, fallback, env);
}
