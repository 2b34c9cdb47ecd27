import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { collectEntries, hashDirectory, writeLayer } from '../src/index.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-tar-'));
  dirs.push(dir);
  return dir;
}

const LONG_NAME = `${'deep/'.repeat(30)}${'n'.repeat(120)}.txt`;

/** The same tree, written in a given order, with given permission bits and times. */
async function makeTree(
  root: string,
  variant: { order: 'forward' | 'reverse'; loose: boolean; time: number },
): Promise<void> {
  const files: [string, string, boolean][] = [
    ['app/server.js', 'console.log("hi")\n', false],
    ['app/run.sh', '#!/bin/sh\nexec node server.js\n', true],
    ['app/static/index.html', '<h1>cart</h1>\n', false],
    ['README.md', '# cart\n', false],
    ['ünïcödé.txt', 'names are bytes\n', false],
    [LONG_NAME, 'long\n', false],
    ['empty', '', false],
  ];
  const ordered = variant.order === 'forward' ? files : [...files].reverse();
  for (const [path, content, executable] of ordered) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
    // A different umask shows as different group/other bits.
    await chmod(
      join(root, path),
      executable ? (variant.loose ? 0o775 : 0o700) : variant.loose ? 0o664 : 0o600,
    );
  }
  await symlink('app/server.js', join(root, 'entry.js'));
  await symlink(`../${'x'.repeat(150)}`, join(root, 'app/long-link'));
  for (const dir of ['app', 'app/static']) await chmod(join(root, dir), variant.loose ? 0o775 : 0o700);
  for (const path of ['app/server.js', 'app/run.sh', 'README.md', 'app', 'app/static', '']) {
    await utimes(join(root, path), variant.time, variant.time + 17);
  }
}

async function layerOf(dir: string, mtime = 0) {
  const out = await tempDir();
  return writeLayer(await collectEntries(dir), join(out, 'layer'), { mtime, compression: 'gzip' });
}

// The layer of makeTree's fixed input, pinned: any change of writer (a tar library, another gzip) must keep
// these bytes, or every files-builder image changes digest and build once stops matching. The tar's digest
// (diffId) depends on the writer alone; the gzip digest also on Node's bundled zlib (Node 20 here).
const PINNED = {
  diffId: 'sha256:1d93aa42197a4b84d2dda9d05f8a4ce13a1ba4b4cd5fbbb134fb7156988f3ac9',
  gzip: 'sha256:e6397a8b2dad0107d8904ebce5c58cf8cfe64fc9f190d479b659a95134decfe1',
  gzipSize: 829,
};

describe('deterministic layers', () => {
  it('writes the pinned bytes for a fixed input (tar and gzip)', async () => {
    const dir = await tempDir();
    await makeTree(dir, { order: 'forward', loose: false, time: 1_000 });
    const layer = await layerOf(dir, 1_700_000_000);
    expect({ diffId: layer.diffId, gzip: layer.digest, gzipSize: layer.size }).toEqual(PINNED);
  });

  it('gives the same digest twice, and whatever the order, times and permission bits', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await makeTree(a, { order: 'forward', loose: false, time: 1_000_000 });
    await makeTree(b, { order: 'reverse', loose: true, time: 1_700_000_000 });
    const first = await layerOf(a);
    const again = await layerOf(a);
    const other = await layerOf(b);
    expect(again.digest).toBe(first.digest);
    expect(other.digest).toBe(first.digest);
    expect(other.diffId).toBe(first.diffId);
    expect(await hashDirectory(a)).toBe(await hashDirectory(b));
  });

  it('changes with content, with the executable bit and with the epoch', async () => {
    const a = await tempDir();
    await makeTree(a, { order: 'forward', loose: false, time: 5 });
    const base = await layerOf(a);
    await writeFile(join(a, 'README.md'), '# cart!\n');
    const edited = await layerOf(a);
    expect(edited.digest).not.toBe(base.digest);
    await chmod(join(a, 'README.md'), 0o755);
    expect((await layerOf(a)).digest).not.toBe(edited.digest);
    expect((await layerOf(a, 1_700_000_000)).digest).not.toBe((await layerOf(a, 0)).digest);
  });

  it('writes a tar that GNU tar reads back: sorted, root-owned, fixed modes and times, links, long names', async () => {
    const dir = await tempDir();
    await makeTree(dir, { order: 'reverse', loose: true, time: 1_234_567 });
    const layer = await layerOf(dir, 1_700_000_000);
    const gz = await readFile(layer.path);
    // gzip header: no name, no mtime, fixed OS byte.
    expect(gz[3]).toBe(0); // FLG: no FNAME, no FEXTRA
    expect(gz.subarray(4, 8)).toEqual(Buffer.alloc(4));
    expect(gz[9]).toBe(0xff);
    const tar = gunzipSync(gz);
    expect(`sha256:${createHash('sha256').update(tar).digest('hex')}`).toBe(layer.diffId);
    expect(layer.size).toBe(gz.length);

    const listing = execFileSync(
      'tar',
      ['--numeric-owner', '--full-time', '--quoting-style=literal', '-tvf', '-'],
      {
        input: tar,
        env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n');
    const rows = listing.map((line) => {
      const [mode, owner, , date, time, ...rest] = line.split(/\s+/);
      return { mode, owner, when: `${date} ${time}`, name: rest.join(' ') };
    });
    expect(new Set(rows.map((row) => row.owner))).toEqual(new Set(['0/0']));
    expect(new Set(rows.map((row) => row.when))).toEqual(new Set(['2023-11-14 22:13:20']));
    const byName = new Map(rows.map((row) => [row.name.split(' -> ')[0] ?? '', row]));
    expect(byName.get('app/')?.mode).toBe('drwxr-xr-x');
    expect(byName.get('app/run.sh')?.mode).toBe('-rwxr-xr-x');
    expect(byName.get('app/server.js')?.mode).toBe('-rw-r--r--');
    expect(byName.get('entry.js')?.name).toBe('entry.js -> app/server.js');
    expect(byName.get('app/long-link')?.name).toBe(`app/long-link -> ../${'x'.repeat(150)}`);
    expect(byName.has(LONG_NAME)).toBe(true);
    expect(byName.has('ünïcödé.txt')).toBe(true);
    // Parents before children, names in byte order within a directory.
    expect(rows.map((row) => row.name.split(' -> ')[0])).toEqual([
      'README.md',
      'app/',
      'app/long-link',
      'app/run.sh',
      'app/server.js',
      'app/static/',
      'app/static/index.html',
      ...Array.from({ length: 30 }, (_, i) => `${'deep/'.repeat(i + 1)}`),
      LONG_NAME,
      'empty',
      'entry.js',
      'ünïcödé.txt',
    ]);
    // No user or group names in any header.
    for (let offset = 0; offset + 512 <= tar.length; offset += 512) {
      const block = tar.subarray(offset, offset + 512);
      if (block.subarray(257, 262).toString() !== 'ustar') continue;
      expect(block.subarray(265, 329).every((byte) => byte === 0)).toBe(true);
    }

    // And extracting it gives the files back.
    const out = await tempDir();
    execFileSync('tar', ['-xf', '-', '-C', out], { input: tar });
    expect(await readFile(join(out, LONG_NAME), 'utf8')).toBe('long\n');
    expect(await readFile(join(out, 'app/run.sh'), 'utf8')).toContain('exec node');
  });

  it('places content under a destination with its parent directories', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'a');
    const entries = await collectEntries(dir, { destination: '/srv/www/' });
    expect(entries.map((entry) => `${entry.type}:${entry.path}`)).toEqual([
      'directory:srv',
      'directory:srv/www',
      'file:srv/www/a.txt',
    ]);
    await expect(collectEntries(dir, { destination: '/srv/../etc' })).rejects.toThrow(/must not contain/);
  });

  it('refuses a missing directory and sockets with clear errors', async () => {
    await expect(collectEntries('/nonexistent/slipway-context')).rejects.toThrow(
      /build context \/nonexistent\/slipway-context does not exist/,
    );
    const dir = await tempDir();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'sock'), resolve));
    try {
      const error = await collectEntries(dir).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).message).toMatch(/socket, pipe or device/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
