// OCI image layouts: what Slipway writes, read back and by skopeo/umoci; what skopeo writes, read by Slipway.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '@slipway/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobOf,
  contentOf,
  generateImage,
  indexOf,
  readAll,
  sha256,
  writeImage,
  writeIndex,
} from '../../../bench/copy/image.js';
import {
  formatLocation,
  LayoutRepository,
  openRepository,
  parseLocation,
  REF_NAME_ANNOTATION,
} from '../src/index.js';

const run = promisify(execFile);
const hasSkopeo = await run('skopeo', ['--version']).then(
  () => true,
  () => false,
);
const hasUmoci = await run('umoci', ['--version']).then(
  () => true,
  () => false,
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-layout-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
function freshLayout(): LayoutRepository {
  counter += 1;
  return new LayoutRepository(join(dir, `layout-${counter}`));
}

describe('parseLocation / formatLocation', () => {
  it('reads layouts with tags and digests, and registry references', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseLocation('oci:./out:v1')).toEqual({ kind: 'layout', path: './out', tag: 'v1' });
    expect(parseLocation('oci:/tmp/a:b/c')).toEqual({ kind: 'layout', path: '/tmp/a:b/c' });
    expect(parseLocation(`oci:out@${digest}`)).toEqual({ kind: 'layout', path: 'out', digest });
    expect(parseLocation(`oci:out:v2@${digest}`)).toEqual({ kind: 'layout', path: 'out', tag: 'v2', digest });
    const registry = parseLocation('docker://127.0.0.1:5000/shop/cart:1.0');
    expect(registry.kind).toBe('registry');
    expect(formatLocation(registry)).toBe('127.0.0.1:5000/shop/cart:1.0');
    for (const text of ['oci:out:v2', `oci:/x/y@${digest}`, 'oci:out']) {
      expect(formatLocation(parseLocation(text))).toBe(text);
    }
  });

  it('says how to fix bad input', () => {
    for (const text of ['oci:', 'oci:out:-bad', 'oci:out@sha256:abc', 'Shop/Cart', '']) {
      const error = (() => {
        try {
          parseLocation(text);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, text).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).fix).toMatch(/oci:/);
    }
  });
});

describe('LayoutRepository', () => {
  it('round-trips blobs and a tagged manifest, writing a valid layout', async () => {
    const layout = freshLayout();
    const image = generateImage({ layerSizes: [3000, 70_000] });
    await writeImage(layout, image, ['v1', 'latest']);

    expect(JSON.parse(await readFile(join(layout.path, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    const index = JSON.parse(await readFile(join(layout.path, 'index.json'), 'utf8'));
    expect(index.schemaVersion).toBe(2);
    expect(index.manifests).toHaveLength(2);
    expect(await layout.listTags()).toEqual(['latest', 'v1']);
    expect(await layout.resolve('v1')).toEqual({
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    });
    const manifest = await layout.getManifest('v1');
    expect(manifest?.digest).toBe(image.manifest.digest);
    expect(Buffer.from(manifest?.bytes ?? [])).toEqual(Buffer.from(image.manifest.bytes));
    expect((await layout.getManifest(image.manifest.digest))?.digest).toBe(image.manifest.digest);
    const layer = image.layers[1]!;
    expect(await layout.hasBlob(layer.descriptor.digest)).toBe(true);
    const blob = await layout.getBlob(layer.descriptor.digest);
    expect(blob.size).toBe(layer.bytes.byteLength);
    expect(sha256(await readAll(blob.stream))).toBe(layer.descriptor.digest);
    expect(await layout.resolve('absent')).toBeUndefined();
    expect(await layout.getManifest(`sha256:${'0'.repeat(64)}`)).toBeUndefined();
    // No temporary files are left behind.
    expect((await readdir(layout.path)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  it('refuses a blob whose bytes differ from its digest, leaving nothing', async () => {
    const layout = freshLayout();
    const blob = blobOf('application/octet-stream', Buffer.from('right'));
    await expect(layout.putBlob(blob.descriptor, contentOf(Buffer.from('wrong')))).rejects.toThrow(
      /hashing to/,
    );
    expect(await layout.hasBlob(blob.descriptor.digest)).toBe(false);
    expect((await readdir(layout.path)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a manifest whose blobs or children are missing', async () => {
    const layout = freshLayout();
    const image = generateImage({ layerSizes: [100] });
    await layout.putBlob(image.config.descriptor, contentOf(image.config.bytes));
    await expect(layout.putManifest(image.manifest, ['v1'])).rejects.toThrow(/1 blob is missing/);
    const other = generateImage({ layerSizes: [100] });
    await expect(layout.putManifest(indexOf([other]), ['multi'])).rejects.toThrow(/child manifest/);
    expect(await layout.listTags()).toEqual([]);
    await expect(
      layout.putManifest({ ...image.manifest, digest: `sha256:${'1'.repeat(64)}` }, []),
    ).rejects.toThrow(/hash to/);
  });

  it('moves a re-pointed tag and keeps the others', async () => {
    const layout = freshLayout();
    const one = generateImage({ layerSizes: [10] });
    const two = generateImage({ layerSizes: [10] });
    await writeImage(layout, one, ['stable', 'latest']);
    await writeImage(layout, two, ['latest']);
    expect((await layout.resolve('latest'))?.digest).toBe(two.manifest.digest);
    expect((await layout.resolve('stable'))?.digest).toBe(one.manifest.digest);
    const index = JSON.parse(await readFile(join(layout.path, 'index.json'), 'utf8'));
    expect(index.manifests).toHaveLength(2);
  });

  it('keeps every tag when writers race in one process', async () => {
    const layout = freshLayout();
    const images = Array.from({ length: 12 }, () => generateImage({ layerSizes: [50] }));
    await Promise.all(images.map((image, i) => writeImage(layout, image, [`t${i}`])));
    expect(await layout.listTags()).toHaveLength(12);
    for (const [i, image] of images.entries()) {
      expect((await layout.resolve(`t${i}`))?.digest).toBe(image.manifest.digest);
    }
  });

  it('keeps every tag when writers in several processes race (index.json lock file)', async () => {
    const layout = freshLayout();
    const script = join(dir, 'writer.mts');
    const imageModule = new URL('../../../bench/copy/image.ts', import.meta.url).pathname;
    const storeModule = new URL('../src/index.ts', import.meta.url).pathname;
    await writeFile(
      script,
      [
        `import { generateImage, writeImage } from ${JSON.stringify(imageModule)};`,
        `import { LayoutRepository } from ${JSON.stringify(storeModule)};`,
        'const [path, prefix] = process.argv.slice(2);',
        'const layout = new LayoutRepository(path);',
        'await Promise.all(Array.from({ length: 8 }, (_, i) =>',
        '  writeImage(layout, generateImage({ layerSizes: [20] }), [prefix + "-" + i])));',
      ].join('\n'),
    );
    await Promise.all(
      ['a', 'b', 'c'].map((prefix) =>
        run(process.execPath, ['--import', 'tsx', script, layout.path, prefix]),
      ),
    );
    const tags = await layout.listTags();
    expect(tags).toHaveLength(24);
    expect((await readdir(layout.path)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  it('finds referrers by subject and through the sha256-<hex> tag index', async () => {
    const layout = freshLayout();
    const image = generateImage({ layerSizes: [10] });
    await writeImage(layout, image, ['v1']);
    const subject = {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.byteLength,
    };
    const sbom = generateImage({
      layerSizes: [10],
      extra: { artifactType: 'application/spdx+json', subject },
    });
    await writeImage(layout, sbom);
    const referrers = await layout.referrers(image.manifest.digest);
    expect(referrers).toEqual([
      {
        mediaType: sbom.manifest.mediaType,
        digest: sbom.manifest.digest,
        size: sbom.manifest.bytes.byteLength,
        artifactType: 'application/spdx+json',
      },
    ]);
    expect(await layout.referrers(image.manifest.digest, 'application/other')).toEqual([]);
    // Another tool's fallback index.
    const sig = generateImage({ layerSizes: [10] });
    await writeImage(layout, sig);
    const fallback = indexOf([sig]);
    await layout.putManifest(fallback, [image.manifest.digest.replace(':', '-')]);
    expect((await layout.referrers(image.manifest.digest)).map((r) => r.digest).sort()).toEqual(
      [sbom.manifest.digest, sig.manifest.digest].sort(),
    );
  });

  it('reports a broken index.json with where and how to fix', async () => {
    const layout = freshLayout();
    await writeImage(layout, generateImage({ layerSizes: [10] }), ['v1']);
    await writeFile(join(layout.path, 'index.json'), '{not json');
    const error = await layout.resolve('v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).where).toMatch(/index\.json$/);
  });

  it('is what openRepository opens for oci: locations', () => {
    const repository = openRepository(parseLocation(`oci:${join(dir, 'x')}:v1`));
    expect(repository).toBeInstanceOf(LayoutRepository);
    expect(repository.registry).toBeUndefined();
    expect(repository.name).toBe(`oci:${join(dir, 'x')}`);
  });
});

describe.skipIf(!process.env.CI && !hasSkopeo)('layouts with skopeo and umoci as peers', () => {
  it('skopeo and umoci read an image and an index Slipway wrote', async () => {
    const layout = freshLayout();
    const image = generateImage({ layerSizes: [1000, 2000] });
    await writeImage(layout, image, ['v1']);
    const amd = generateImage({ layerSizes: [500], architecture: 'amd64' });
    const arm = generateImage({ layerSizes: [500], architecture: 'arm64' });
    const index = await writeIndex(layout, [amd, arm], ['multi']);

    const inspected = JSON.parse((await run('skopeo', ['inspect', `oci:${layout.path}:v1`])).stdout) as {
      Digest: string;
      Layers: string[];
    };
    expect(inspected.Digest).toBe(image.manifest.digest);
    expect(inspected.Layers).toEqual(image.layers.map((layer) => layer.descriptor.digest));
    const raw = (await run('skopeo', ['inspect', '--raw', `oci:${layout.path}:multi`])).stdout;
    expect(sha256(Buffer.from(raw))).toBe(index.digest);

    // skopeo copies out of it, every platform, digests preserved.
    const out = join(dir, `skopeo-out-${counter}`);
    await run('skopeo', [
      'copy',
      '--all',
      '--preserve-digests',
      `oci:${layout.path}:multi`,
      `oci:${out}:copied`,
    ]);
    const copied = new LayoutRepository(out);
    expect((await copied.resolve('copied'))?.digest).toBe(index.digest);
    expect(await copied.hasBlob(arm.layers[0]!.descriptor.digest)).toBe(true);

    if (hasUmoci || process.env.CI) {
      const listed = (await run('umoci', ['ls', '--layout', layout.path])).stdout.split('\n').filter(Boolean);
      expect(listed.sort()).toEqual(['multi', 'v1']);
      const stat = JSON.parse(
        (await run('umoci', ['stat', '--json', '--image', `${layout.path}:v1`])).stdout,
      );
      expect(stat.history).toBeDefined();
      // umoci unpacks the layers: they are real tar+gzip.
      const bundle = join(dir, `bundle-${counter}`);
      await run('umoci', ['unpack', '--rootless', '--image', `${layout.path}:v1`, bundle]);
      expect((await readdir(join(bundle, 'rootfs'))).sort()).toEqual(['layer-0.bin', 'layer-1.bin']);
    }
  });

  it('reads what skopeo wrote, and adds to a layout skopeo keeps writing to', async () => {
    const source = freshLayout();
    const image = generateImage({ layerSizes: [1000] });
    await writeImage(source, image, ['v1']);
    const target = join(dir, `skopeo-target-${counter}`);
    await run('skopeo', ['copy', '--preserve-digests', `oci:${source.path}:v1`, `oci:${target}:from-skopeo`]);

    const layout = new LayoutRepository(target);
    const manifest = await layout.getManifest('from-skopeo');
    expect(manifest?.digest).toBe(image.manifest.digest);
    const blob = await layout.getBlob(image.layers[0]!.descriptor.digest);
    expect(sha256(await readAll(blob.stream))).toBe(image.layers[0]!.descriptor.digest);

    // Slipway tags into skopeo's layout; skopeo then adds another; all three tags stay.
    const mine = generateImage({ layerSizes: [10] });
    await writeImage(layout, mine, ['from-slipway']);
    await run('skopeo', ['copy', '--preserve-digests', `oci:${source.path}:v1`, `oci:${target}:again`]);
    expect(await layout.listTags()).toEqual(['again', 'from-skopeo', 'from-slipway']);
    const index = JSON.parse(await readFile(join(target, 'index.json'), 'utf8'));
    expect(
      index.manifests.map(
        (m: { annotations?: Record<string, string> }) => m.annotations?.[REF_NAME_ANNOTATION],
      ),
    ).toContain('from-slipway');
  });
});
