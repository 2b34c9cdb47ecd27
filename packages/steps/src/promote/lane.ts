import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import {
  defaultHostLaneDirectory,
  type HostLaneOptions,
  LANE_WAIT_MS,
  laneDirectory,
} from '@slipway/gitops/access';

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
