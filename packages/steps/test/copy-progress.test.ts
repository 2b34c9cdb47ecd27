// `slipway copy` byte progress through real registries, with the CLI runtime in process and an injected
// clock (each reading one second later), so what is printed depends on bytes and counts, never on timing.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage, writeImage } from '../../../bench/copy/image.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { RegistryRepository } from '../../oci/src/index.js';
import { copyStep } from '../src/copy/step.js';
import { runCli } from '../src/runtime/cli.js';

const skip = !process.env.CI && !registryBinaries().registry;
const MiB = 1024 * 1024;

let dir: string;
let env: NodeJS.ProcessEnv;
let one: TestRegistry;
let two: TestRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-copy-progress-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  [one, two] = await Promise.all([startRegistry(), startRegistry()]);
  const big = generateImage({ layerSizes: [6 * MiB, 3 * MiB] });
  await writeImage(new RegistryRepository(one.host, 'app/big', { env }), big, ['v1']);
  const tiny = generateImage({ layerSizes: [20_000] });
  await writeImage(new RegistryRepository(one.host, 'app/tiny', { env }), tiny, ['v1']);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function copy(
  args: string[],
  interactive: boolean,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let time = 0;
  const code = await runCli(
    [copyStep],
    ['copy', ...args],
    {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      env,
      cwd: dir,
      interactive,
      now: () => (time += 1000),
    },
    '9.9.9',
  );
  return { code, out, err };
}

/** The bytes done of each progress line, as printed (to 0.1 of its unit). */
function progressBytes(text: string): number[] {
  const unit: Record<string, number> = { B: 1, KiB: 1024, MiB: MiB };
  return [...text.matchAll(/: ([\d.]+) (B|KiB|MiB) of [\d.]+ MiB \(\d+%\), [\d.]+ \S+\/s, /g)].map(
    (m) => Number(m[1]) * (unit[m[2] as string] ?? Number.NaN),
  );
}

describe.skipIf(skip)('slipway copy byte progress', () => {
  it('prints rising byte progress on stderr for a multi-MB copy, and nothing of it on --json stdout', async () => {
    const to = `${two.host}/mirror/big:v1`;
    const { code, out, err } = await copy([`${one.host}/app/big:v1`, to, '--json'], false);
    expect(code, err).toBe(0);
    // stdout is the one JSON object, nothing else.
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toMatchObject({ blobs: { copied: 3 } });
    const lines = err.split('\n').filter((line) => line.startsWith(`copy to ${to}: `));
    expect(lines.length).toBeGreaterThan(5);
    const bytes = progressBytes(lines.join('\n'));
    expect(bytes).toHaveLength(lines.length);
    // Never back (two lines may print the same 0.1 MiB), and from the first line to the last it rose.
    for (let i = 1; i < bytes.length; i++) expect(bytes[i]).toBeGreaterThanOrEqual(bytes[i - 1] as number);
    expect(bytes.at(-1)).toBeGreaterThan(bytes[0] as number);
    expect(lines.at(-1)).toMatch(/\(100%\), .*, done$/);
  });

  it('in a terminal redraws one progress line in place and ends it before the result', async () => {
    const { code, out, err } = await copy([`${one.host}/app/big:v1`, `${two.host}/mirror/big2:v1`], true);
    expect(code, err).toBe(0);
    expect(out).toMatch(/^copied /);
    const redraws = err.split('\r').filter((part) => part.startsWith('copy to '));
    expect(redraws.length).toBeGreaterThan(5);
    // The last redraw ends the line (the escape clears what a longer earlier line left).
    const last = redraws.at(-1) ?? '';
    expect(last).toMatch(/\(100%\), [^\n]*, done/);
    const ESC = String.fromCharCode(27);
    expect(last.slice(last.indexOf(', done'))).toMatch(new RegExp(`^, done\\${ESC}\\[K\\n {2}manifest `));
  });

  it('prints no progress for a tiny copy', async () => {
    const { code, err } = await copy([`${one.host}/app/tiny:v1`, `${two.host}/mirror/tiny:v1`], false);
    expect(code, err).toBe(0);
    expect(err).toContain('Copying 1 manifest(s)');
    expect(progressBytes(err)).toEqual([]);
    expect(err).not.toContain('\r');
  });
});
