// Byte progress of copyImage through real registries: counts and bytes, never times.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateImage, writeImage } from '../../../bench/copy/image.js';
import { registryBinaries, startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { type CopyProgress, copyImage, RegistryRepository } from '../src/index.js';

const skip = !process.env.CI && !registryBinaries().registry;

let dir: string;
let env: NodeJS.ProcessEnv;
let one: TestRegistry;
let two: TestRegistry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-copy-progress-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  [one, two] = await Promise.all([startRegistry(), startRegistry()]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('copyImage byte progress', () => {
  it('reports the bytes of each streamed blob as they move, rising to its size', async () => {
    const source = new RegistryRepository(one.host, 'app/big', { env });
    const image = generateImage({ layerSizes: [6 * 1024 * 1024, 3 * 1024 * 1024] });
    await writeImage(source, image, ['v1']);
    const events: CopyProgress[] = [];
    await copyImage({
      from: source,
      reference: 'v1',
      to: new RegistryRepository(two.host, 'mirror/big', { env }),
      tags: ['v1'],
      progress: (event) => events.push(event),
    });

    for (const blob of [image.config, ...image.layers]) {
      const { digest, size } = blob.descriptor;
      const moved = events.flatMap((e) => (e.type === 'blob-bytes' && e.digest === digest ? [e.done] : []));
      // A multi-MB layer arrives in many chunks; each report is more than the last, the last is the blob.
      if (size > 1024 * 1024) expect(moved.length).toBeGreaterThan(10);
      expect(moved.length).toBeGreaterThan(0);
      for (let i = 1; i < moved.length; i++) expect(moved[i]).toBeGreaterThan(moved[i - 1] as number);
      expect(moved.at(-1)).toBe(size);
      // Between its start and its end.
      const startAt = events.findIndex((e) => e.type === 'blob-start' && e.digest === digest);
      const doneAt = events.findIndex((e) => e.type === 'blob-done' && e.digest === digest);
      const bytesAt = events.findIndex((e) => e.type === 'blob-bytes' && e.digest === digest);
      expect(startAt).toBeLessThan(bytesAt);
      expect(bytesAt).toBeLessThan(doneAt);
    }
  });

  it('reports no bytes for blobs mounted or already there', async () => {
    const source = new RegistryRepository(one.host, 'app/small', { env });
    const image = generateImage({ layerSizes: [2 * 1024 * 1024] });
    await writeImage(source, image, ['v1']);
    const events: CopyProgress[] = [];
    const progress = (event: CopyProgress) => events.push(event);
    await copyImage({
      from: source,
      reference: 'v1',
      to: new RegistryRepository(one.host, 'prod/small', { env }),
      tags: ['v1'],
      progress,
    });
    await copyImage({ from: source, reference: 'v1', to: source, tags: ['v2'], progress });
    expect(events.filter((e) => e.type === 'blob-done').length).toBe(4);
    expect(events.filter((e) => e.type === 'blob-bytes')).toEqual([]);
  });
});
