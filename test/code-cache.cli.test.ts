import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type RunResult, runNode } from './support/slipway.js';

// The V8 code cache of the CLI's chunks (packages/cli/bin/code-cache.js): where it is written, that a later run
// takes it as it is, and that a corrupt, foreign or shared cache is never trusted. What it saves is measured by
// bench/startup, not here.

/** What npm links `slipway` to: the code cache is installed there. */
const CLI_BIN = join(ROOT, 'packages/cli/bin/slipway.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-code-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy between two layouts that do not exist: loads the copy step's chunks, fails the same way each time. */
async function runCopy(cacheHome: string, env: Record<string, string> = {}): Promise<RunResult> {
  const missing = join(dir, 'no-such-layout');
  const result = await runNode([CLI_BIN, 'copy', `oci:${missing}`, `oci:${missing}-copy`], {
    env: { XDG_CACHE_HOME: cacheHome, ...env },
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^slipway copy: error: .*no-such-layout/);
  return result;
}

/** The one directory of this build's cache, and its files. */
async function cacheFiles(cacheHome: string): Promise<{ dir: string; files: string[] }> {
  const root = join(cacheHome, 'slipway', 'code-cache');
  const builds = await readdir(root);
  expect(builds).toHaveLength(1);
  const buildDir = join(root, builds[0] ?? '');
  return { dir: buildDir, files: (await readdir(buildDir)).sort() };
}

describe('slipway code cache', () => {
  it('writes a private cache of the chunks on the first run, and a later run takes it without writing again', async () => {
    const home = join(dir, 'first');
    const first = await runCopy(home);
    const { dir: buildDir, files } = await cacheFiles(home);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const name of files) expect(name).toMatch(/^\d+\.index\.cjs\.js\.v8$/);
    for (const path of [join(home, 'slipway'), join(home, 'slipway', 'code-cache'), buildDir]) {
      expect((await stat(path)).mode & 0o777, path).toBe(0o700);
    }
    const before = new Map<string, { ino: number; mtimeMs: number }>();
    for (const name of files) {
      const info = await stat(join(buildDir, name));
      expect(info.mode & 0o777, name).toBe(0o600);
      expect(info.size, name).toBeGreaterThan(0);
      before.set(name, { ino: info.ino, mtimeMs: info.mtimeMs });
    }

    const second = await runCopy(home);
    expect(second).toEqual(first);
    // Data V8 rejected, or none read, would be written anew (a new file renamed into place).
    expect((await cacheFiles(home)).files).toEqual(files);
    for (const name of files) {
      const info = await stat(join(buildDir, name));
      expect({ ino: info.ino, mtimeMs: info.mtimeMs }, name).toEqual(before.get(name));
    }
  });

  it('ignores a corrupt cache, or one made from another chunk, and writes it anew', async () => {
    const home = join(dir, 'corrupt');
    const clean = await runCopy(home);
    const { dir: buildDir, files } = await cacheFiles(home);
    const [first = '', second = ''] = files;
    const garbage = Buffer.alloc(4096, 0x5a);
    await writeFile(join(buildDir, first), garbage);
    await writeFile(join(buildDir, second), garbage.subarray(0, 16));
    expect(await runCopy(home)).toEqual(clean);
    expect((await readFile(join(buildDir, first))).equals(garbage)).toBe(false);
    expect((await readFile(join(buildDir, second))).length).toBeGreaterThan(16);

    // Each chunk given the other's data, valid V8 data of another source: refused, replaced, same answer.
    const firstData = await readFile(join(buildDir, first));
    const secondData = await readFile(join(buildDir, second));
    expect(firstData.length).not.toBe(secondData.length);
    await writeFile(join(buildDir, first), secondData);
    await writeFile(join(buildDir, second), firstData);
    expect(await runCopy(home)).toEqual(clean);
    expect((await readFile(join(buildDir, first))).equals(secondData)).toBe(false);
    expect((await readFile(join(buildDir, second))).equals(firstData)).toBe(false);
  });

  it('neither reads nor writes a cache directory others may write to, and SLIPWAY_CODE_CACHE=0 turns it off', async () => {
    const shared = join(dir, 'shared');
    await mkdir(join(shared, 'slipway', 'code-cache'), { recursive: true, mode: 0o700 });
    await chmod(join(shared, 'slipway', 'code-cache'), 0o777);
    await runCopy(shared);
    const root = join(shared, 'slipway', 'code-cache');
    expect(await readdir(root)).toEqual([]);

    const off = join(dir, 'off');
    await runCopy(off, { SLIPWAY_CODE_CACHE: '0' });
    await expect(stat(off)).rejects.toThrow(/ENOENT/);
  });

  it("removes other builds' directories but the three most recent when it makes its own, and nothing else", async () => {
    const home = join(dir, 'builds');
    const root = join(home, 'slipway', 'code-cache');
    const others = [1, 2, 3, 4, 5].map((n) => `${String(n).repeat(32)}-nodev20.0.0-x64`);
    for (const [index, name] of others.entries()) {
      await mkdir(join(root, name), { recursive: true, mode: 0o700 });
      await writeFile(join(root, name, '1.index.cjs.js.v8'), 'old');
      // Build 1 the oldest, build 5 the newest.
      const when = new Date(Date.UTC(2026, 0, 1 + index));
      await utimes(join(root, name), when, when);
    }
    await writeFile(join(root, 'notes.txt'), 'not a build');
    await chmod(join(home, 'slipway'), 0o700);
    await chmod(root, 0o700);

    await runCopy(home);
    const left = (await readdir(root)).sort();
    expect(left).toEqual(expect.arrayContaining(['notes.txt', others[2], others[3], others[4]]));
    expect(left).not.toContain(others[0]);
    expect(left).not.toContain(others[1]);
    expect(left).toHaveLength(5); // the three, the notes and this build's own
  });
});
