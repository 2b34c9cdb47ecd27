import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransferProgress } from '@slipway/ci';
import { LayoutRepository } from '@slipway/oci';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFiles } from '../src/index.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-files-test-'));
  dirs.push(dir);
  return dir;
}

async function appDir(time: number, mode: number): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'bin'));
  await writeFile(join(dir, 'bin', 'server'), '#!/bin/sh\necho serving\n');
  await chmod(join(dir, 'bin', 'server'), 0o755 & mode);
  await writeFile(join(dir, 'config.json'), '{"port":8080}\n');
  await chmod(join(dir, 'config.json'), 0o666 & mode);
  for (const path of ['bin/server', 'config.json', 'bin', '']) await utimes(join(dir, path), time, time);
  return dir;
}

const skopeo = (() => {
  try {
    execFileSync('skopeo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const config = {
  entrypoint: ['/app/bin/server'],
  cmd: ['--port', '8080'],
  env: { PORT: '8080', MODE: 'prod' },
  workdir: '/app',
  user: '1000:1000',
  labels: { 'org.example.team': 'cart' },
  exposedPorts: ['8080', '9090/udp'],
};

describe('files builder', () => {
  it('reports byte progress while it writes the layer and while it uploads it', async () => {
    const context = await tempDir();
    const size = 3 * 1024 * 1024 + 7;
    await writeFile(join(context, 'data.bin'), randomBytes(size));
    await writeFile(join(context, 'small.txt'), 'hello\n');
    const updates: TransferProgress[] = [];
    const built = await buildFiles({
      context,
      targets: [{ repository: new LayoutRepository(join(await tempDir(), 'out')), tags: ['v1'] }],
      onTransfer: (update) => updates.push(update),
    });
    const layer = updates.filter((u) => u.label === `layer from ${context}`);
    const push = updates.filter((u) => u.label.startsWith('push to '));
    expect(layer.length).toBeGreaterThan(1);
    expect(layer.every((u) => u.total === size + 6)).toBe(true);
    expect(layer.at(-1)?.done).toBe(size + 6);
    expect(push.length).toBeGreaterThan(1);
    expect(push.every((u) => u.total === built.layer.size)).toBe(true);
    expect(push.at(-1)?.done).toBe(built.layer.size);
    for (const series of [layer, push]) {
      expect(series.map((u) => u.done)).toEqual([...series.map((u) => u.done)].sort((a, b) => a - b));
    }
    // Nothing after the upload but the manifest: the layer's progress came first.
    expect(updates.indexOf(push[0] as TransferProgress)).toBeGreaterThan(
      updates.indexOf(layer.at(-1) as TransferProgress),
    );
  });

  it('writes a scratch image to a layout, the same digest for the same input on any clock, umask and order', async () => {
    const out = await tempDir();
    const first = await buildFiles({
      context: await appDir(1_000, 0o777),
      destination: '/app',
      config,
      sourceDateEpoch: 1_700_000_000,
      targets: [{ repository: new LayoutRepository(join(out, 'a')), tags: ['v1'] }],
    });
    const second = await buildFiles({
      context: await appDir(2_000_000_000, 0o750),
      destination: '/app',
      config,
      sourceDateEpoch: 1_700_000_000,
      targets: [{ repository: new LayoutRepository(join(out, 'b')), tags: ['v1'] }],
    });
    expect(second.digest).toBe(first.digest);
    expect(second.layer.digest).toBe(first.layer.digest);
    expect(first.platform).toBe('linux/amd64');
    // Known bytes: the digest is a function of the input alone (a regression here breaks reproducibility).
    expect(first.layer.diffId).toBe(
      'sha256:4a159556d9e328aca013d3353012ce656b7954bdd6055d19039415d8a02c08d3',
    );
    expect(first.layer.digest).toBe(
      'sha256:60d49b7514afb1401ea281238c1e9eb09b18945f3b5a07b6686af6582402ee4d',
    );
    expect(first.digest).toBe('sha256:190a8e6c0be8fa6ab8210ab71214d0eef566fffc29b5f1a08ac1b1fb97a622cb');

    const layout = new LayoutRepository(join(out, 'a'));
    expect((await layout.resolve('v1'))?.digest).toBe(first.digest);
    const configBlob = JSON.parse(
      await readFile(join(out, 'a', 'blobs', 'sha256', first.config.digest.slice(7)), 'utf8'),
    ) as Record<string, unknown>;
    expect(configBlob).toMatchObject({
      created: '2023-11-14T22:13:20.000Z',
      architecture: 'amd64',
      os: 'linux',
      config: {
        User: '1000:1000',
        ExposedPorts: { '8080/tcp': {}, '9090/udp': {} },
        Env: ['PORT=8080', 'MODE=prod'],
        Entrypoint: ['/app/bin/server'],
        Cmd: ['--port', '8080'],
        WorkingDir: '/app',
        Labels: { 'org.example.team': 'cart' },
      },
      rootfs: { type: 'layers', diff_ids: [first.layer.diffId] },
    });
  });

  it('gives the same digest for a copy made under another umask, with fresh times', async () => {
    const source = await appDir(1, 0o777);
    const copy = join(await tempDir(), 'copy');
    execFileSync('sh', ['-c', 'umask 077 && cp -R "$0" "$1"', source, copy]);
    expect((await stat(join(copy, 'config.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(copy, 'bin', 'server'))).mode & 0o777).toBe(0o700);
    const digestOf = async (context: string) =>
      (
        await buildFiles({
          context,
          targets: [{ repository: new LayoutRepository(await tempDir()), tags: [] }],
        })
      ).digest;
    expect(await digestOf(copy)).toBe(await digestOf(source));
  });

  it.skipIf(!skopeo)('is read by skopeo (an independent OCI implementation)', async () => {
    const out = await tempDir();
    const built = await buildFiles({
      context: await appDir(1, 0o777),
      destination: '/app',
      config,
      targets: [{ repository: new LayoutRepository(out), tags: ['latest'] }],
    });
    const inspect = JSON.parse(
      execFileSync('skopeo', ['inspect', `oci:${out}:latest`], { encoding: 'utf8' }),
    ) as {
      Digest: string;
      Labels: Record<string, string>;
      Layers: string[];
      Env: string[];
      Created: string;
    };
    expect(inspect.Digest).toBe(built.digest);
    expect(inspect.Layers).toEqual([built.layer.digest]);
    expect(inspect.Env).toEqual(['PORT=8080', 'MODE=prod']);
    expect(inspect.Created).toBe('1970-01-01T00:00:00Z');
    // skopeo copies it byte for byte, and the copy verifies.
    const copy = await tempDir();
    execFileSync('skopeo', ['copy', '--quiet', `oci:${out}:latest`, `oci:${copy}:copied`]);
    expect(JSON.parse(await readFile(join(copy, 'index.json'), 'utf8')).manifests[0].digest).toBe(
      built.digest,
    );
  });

  it('stacks on a base image from a layout, keeping its layers and config', async () => {
    const store = await tempDir();
    const baseDir = await tempDir();
    await writeFile(join(baseDir, 'os-release'), 'ID=tiny\n');
    const layout = new LayoutRepository(store);
    const base = await buildFiles({
      context: baseDir,
      destination: '/etc',
      platform: 'linux/arm64/v8',
      config: { env: { PATH: '/bin', MODE: 'dev' }, cmd: ['/bin/sh'], labels: { base: 'yes' } },
      targets: [{ repository: layout, tags: ['base'] }],
    });
    const app = await buildFiles({
      context: await appDir(5, 0o777),
      destination: '/app',
      base: { repository: layout, reference: 'base' },
      config: { env: { MODE: 'prod' }, entrypoint: ['/app/bin/server'], labels: { app: 'cart' } },
      targets: [{ repository: new LayoutRepository(join(store, 'out')), tags: ['app'] }],
    });
    expect(app.platform).toBe('linux/arm64/v8');
    const manifest = JSON.parse(Buffer.from(app.manifest).toString('utf8')) as {
      layers: { digest: string }[];
      annotations: Record<string, string>;
    };
    expect(manifest.layers.map((layer) => layer.digest)).toEqual([base.layer.digest, app.layer.digest]);
    expect(manifest.annotations['org.opencontainers.image.base.digest']).toBe(base.digest);
    const out = new LayoutRepository(join(store, 'out'));
    expect(await out.hasBlob(base.layer.digest)).toBe(true);
    const configBlob = JSON.parse(
      await readFile(join(store, 'out', 'blobs', 'sha256', app.config.digest.slice(7)), 'utf8'),
    ) as { config: Record<string, unknown>; rootfs: { diff_ids: string[] }; variant: string };
    expect(configBlob.variant).toBe('v8');
    expect(configBlob.config.Env).toEqual(['PATH=/bin', 'MODE=prod']);
    // A new entrypoint clears the base's cmd, as in a Dockerfile.
    expect(configBlob.config.Cmd).toBeNull();
    expect(configBlob.config.Labels).toEqual({ base: 'yes', app: 'cart' });
    expect(configBlob.rootfs.diff_ids).toEqual([base.layer.diffId, app.layer.diffId]);
  });

  it('rejects bad settings clearly', async () => {
    const context = await appDir(1, 0o777);
    const targets = [{ repository: new LayoutRepository(await tempDir()), tags: [] }];
    await expect(buildFiles({ context, targets, config: { exposedPorts: ['http'] } })).rejects.toThrow(
      /exposed port "http" is not valid/,
    );
    await expect(buildFiles({ context, targets, config: { workdir: 'app' } })).rejects.toThrow(
      /workdir "app" is not an absolute path/,
    );
    await expect(buildFiles({ context, targets, platform: 'amd64' })).rejects.toThrow(/os\/architecture/);
    await expect(buildFiles({ context: join(context, 'missing'), targets })).rejects.toThrow(
      /does not exist/,
    );
  });
});
