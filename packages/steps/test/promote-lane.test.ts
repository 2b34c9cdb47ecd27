// The promote step's choices about lanes: which directory the environment asks for, whether it can be used,
// and how long tips read ahead stay usable with one and without.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { hostLane, laneDirectoryFrom, readAheadFreshForMs } from '../src/promote/lane.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-step-lane-'));
  dirs.push(dir);
  return dir;
}

describe('the promote step and lanes', () => {
  it('takes SLIPWAY_LANE_DIR, off, or the default, and refuses a relative directory', () => {
    expect(laneDirectoryFrom({ SLIPWAY_LANE_DIR: '/run/lanes' })).toBe('/run/lanes');
    expect(laneDirectoryFrom({ SLIPWAY_LANE_DIR: 'off' })).toBeUndefined();
    expect(laneDirectoryFrom({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/slipway');
    expect(laneDirectoryFrom({})).toBe(`/tmp/slipway-${process.getuid?.()}`);
    expect(() => laneDirectoryFrom({ SLIPWAY_LANE_DIR: 'lanes' })).toThrow(SlipwayError);
  });

  it('races, saying why, rather than use a directory others can write', () => {
    const open = path.join(scratch(), 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const notes: string[] = [];
    expect(hostLane(open, (message) => notes.push(message))).toBeUndefined();
    expect(notes).toEqual([
      expect.stringMatching(/race for the branch instead of taking turns: .* open to other/),
    ]);
    const lane = hostLane(path.join(scratch(), 'lanes'), (message) => notes.push(message));
    expect(lane).toMatchObject({ maxWaitMs: 120_000 });
  });

  it('keeps tips read ahead for 60 s with a lane and 1 s without, unless SLIPWAY_READ_AHEAD_SECONDS says', () => {
    const lane = hostLane(path.join(scratch(), 'lanes'), () => {});
    expect(lane).toBeDefined();
    expect(readAheadFreshForMs({}, lane)).toBe(60_000);
    expect(readAheadFreshForMs({}, undefined)).toBe(1_000);
    expect(readAheadFreshForMs({ SLIPWAY_READ_AHEAD_SECONDS: '5' }, lane)).toBe(5_000);
    expect(() => readAheadFreshForMs({ SLIPWAY_READ_AHEAD_SECONDS: 'soon' }, lane)).toThrow();
  });
});
