// Building for real: buildah (vfs, chroot) and the files builder against a real registry, read back by
// skopeo; build once (a second build of an unchanged context runs no builder and only adds tags).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CiContext, TransferProgress } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import {
  type HttpTransport,
  LayoutRepository,
  nodeHttpTransport,
  openRepository,
  parseLocation,
} from '@slipway/oci';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildOptions, build, buildWithBuildah, formatProgress } from '../packages/build/src/index.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';

const has = (binary: string) => {
  try {
    execFileSync(binary, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const binaries = registryBinaries();
const canBuildah = has('buildah');
const canSkopeo = has('skopeo');
const skipRegistry = !binaries.registry;

let registry: TestRegistry;
let scratch: string;
let storageRoot: string;
let wrapperBin: string;
let buildahLog: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'slipway-build-test-'));
  storageRoot = join(scratch, 'buildah-storage');
  // buildah behind a wrapper that records each invocation, to prove when no build ran.
  wrapperBin = join(scratch, 'bin');
  buildahLog = join(scratch, 'buildah-calls.log');
  await mkdir(wrapperBin);
  await writeFile(
    join(wrapperBin, 'buildah'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(buildahLog)}\nexec /usr/bin/buildah "$@"\n`,
  );
  await chmod(join(wrapperBin, 'buildah'), 0o755);
  if (!skipRegistry) registry = await startRegistry();
});

afterAll(async () => {
  await registry?.stop();
  if (scratch !== undefined) {
    // vfs storage leaves read-only directories behind; make them removable.
    execFileSync('chmod', ['-R', 'u+w', scratch], { stdio: 'ignore' });
    await rm(scratch, { recursive: true, force: true });
  }
});

const ci = (ref: string, sha = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d'): CiContext => ({
  platform: 'github-actions',
  repositoryUrl: 'https://github.com/acme/shop',
  githubRepository: 'acme/shop',
  commitSha: sha,
  ref,
});

const env = () => ({ ...process.env, PATH: `${wrapperBin}:${process.env.PATH ?? ''}` });

/** The `annotations` of the manifest a registry serves for `repository:tag`. */
async function manifestAnnotationsAt(repository: string, tag: string): Promise<Record<string, string>> {
  const stored = await openRepository(parseLocation(repository), {}).getManifest(tag);
  const manifest = JSON.parse(Buffer.from(stored?.bytes ?? new Uint8Array()).toString('utf8')) as {
    annotations?: Record<string, string>;
  };
  return manifest.annotations ?? {};
}

async function buildahCalls(): Promise<string[]> {
  const text = await readFile(buildahLog, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

function skopeoInspect(reference: string): {
  Digest: string;
  Labels: Record<string, string> | null;
  Layers: string[];
} {
  return JSON.parse(
    execFileSync('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`], { encoding: 'utf8' }),
  );
}

async function dockerContext(
  name: string,
  dockerfile = 'FROM scratch\nCOPY hello.txt /hello.txt\n',
): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, 'hello.txt'), `hello from ${name}\n`);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

describe.skipIf(skipRegistry || !canBuildah)('buildah builder (real)', () => {
  it('builds FROM scratch with a COPY, pushes through a layout to the registry; skopeo reads it', async () => {
    const context = await dockerContext('hello');
    const result = await build({
      destinations: [`${registry.host}/shop/hello`],
      builder: 'buildah',
      buildah: { storageRoot },
      context,
      ci: ci('refs/tags/v1.2.3'),
      tags: ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}', 'type=sha'],
      reuse: false,
      env: { ...env(), SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(result.builder).toBe('buildah');
    expect(result.tags).toEqual(['latest', '1.2.3', '1.2', 'sha-1a2b3c4']);
    expect(result.image).toBe(`${registry.host}/shop/hello@${result.digest}`);
    expect(result.references).toContain(`${registry.host}/shop/hello:1.2.3@${result.digest}`);
    if (canSkopeo) {
      for (const tag of result.tags) {
        const inspect = skopeoInspect(`${registry.host}/shop/hello:${tag}`);
        expect(inspect.Digest).toBe(result.digest);
        expect(inspect.Labels?.['org.opencontainers.image.version']).toBe('1.2.3');
        expect(inspect.Labels?.['org.opencontainers.image.created']).toBe('2023-11-14T22:13:20.000Z');
        expect(inspect.Labels?.['org.opencontainers.image.source']).toBe('https://github.com/acme/shop');
        expect(inspect.Layers).toHaveLength(1);
      }
      // The OCI labels are manifest annotations too.
      expect(await manifestAnnotationsAt(`${registry.host}/shop/hello`, '1.2.3')).toMatchObject({
        'org.opencontainers.image.version': '1.2.3',
        'org.opencontainers.image.revision': '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      });
      // The COPY'd file is in the layer.
      const out = join(scratch, 'hello-copy');
      execFileSync('skopeo', [
        'copy',
        '--quiet',
        '--src-tls-verify=false',
        `docker://${registry.host}/shop/hello:1.2.3`,
        `oci:${out}:x`,
      ]);
      const inspect = skopeoInspect(`${registry.host}/shop/hello:1.2.3`);
      const layer = (inspect.Layers[0] ?? '').slice('sha256:'.length);
      const listing = execFileSync('tar', ['-tzf', join(out, 'blobs', 'sha256', layer)], {
        encoding: 'utf8',
      });
      expect(listing).toContain('hello.txt');
    }
  });

  it('reports byte progress of its push from the layout to the registry, rising to the whole', async () => {
    const context = await dockerContext('big', 'FROM scratch\nCOPY big.bin /big.bin\n');
    await writeFile(join(context, 'big.bin'), randomBytes(3 * 1024 * 1024));
    const updates: TransferProgress[] = [];
    const result = await build({
      destinations: [`${registry.host}/shop/big`],
      builder: 'buildah',
      buildah: { storageRoot },
      context,
      ci: ci('refs/heads/main'),
      reuse: false,
      env: env(),
      onTransfer: (update) => updates.push(update),
    });
    expect(result.digest).toMatch(/^sha256:/);
    // Counts and bytes, not times: several updates for a 3 MiB layer (read from the layout in large
    // chunks), never back, ending at the whole.
    expect(updates.length).toBeGreaterThan(2);
    expect(new Set(updates.map((update) => update.label))).toEqual(
      new Set([`push to ${registry.host}/shop/big`]),
    );
    for (let i = 1; i < updates.length; i++) {
      expect(updates[i]?.done).toBeGreaterThan(updates[i - 1]?.done ?? 0);
    }
    const last = updates.at(-1);
    expect(last?.done).toBe(last?.total);
    expect(last?.total).toBeGreaterThan(3 * 1024 * 1024);
  });

  it('builds several platforms into one index', async () => {
    const context = await dockerContext('multi');
    const result = await build({
      destinations: [`${registry.host}/shop/multi-arch`],
      builder: 'buildah',
      buildah: { storageRoot },
      context,
      platforms: ['linux/amd64', 'linux/arm64'],
      ci: ci('refs/heads/main'),
      reuse: false,
      env: env(),
    });
    expect(result.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const repository = openRepository(parseLocation(`${registry.host}/shop/multi-arch`), {});
    const index = await repository.getManifest('main');
    expect(index?.digest).toBe(result.digest);
    const platforms = (
      JSON.parse(Buffer.from(index?.bytes ?? new Uint8Array()).toString('utf8')) as {
        manifests: { platform: { architecture: string } }[];
      }
    ).manifests.map((entry) => entry.platform.architecture);
    expect(platforms.sort()).toEqual(['amd64', 'arm64']);
  });

  it('pushes straight to a registry with docker:// (credentials through an auth file, never argv)', async () => {
    const context = await dockerContext('direct');
    const before = (await buildahCalls()).length;
    const built = await buildWithBuildah({
      context,
      storageRoot,
      output: {
        type: 'registry',
        references: [`${registry.host}/shop/direct:one`],
        credentials: { username: 'nobody', password: 'not-on-argv-123' },
      },
      env: env(),
    });
    expect(built.pushed).toEqual([`${registry.host}/shop/direct:one`]);
    const calls = (await buildahCalls()).slice(before);
    expect(calls.some((line) => line.includes('--authfile'))).toBe(true);
    expect(calls.join('\n')).not.toContain('not-on-argv-123');
    if (canSkopeo) expect(skopeoInspect(`${registry.host}/shop/direct:one`).Digest).toBe(built.digest);
  });

  it('passes env secrets as private files, never on argv', async () => {
    const context = await dockerContext(
      'secret',
      'FROM scratch\nCOPY hello.txt /hello.txt\n', // buildah accepts the secret even when unused
    );
    const before = (await buildahCalls()).length;
    await buildWithBuildah({
      context,
      storageRoot,
      secrets: [{ id: 'token', env: 'SLIPWAY_TEST_TOKEN' }],
      output: { type: 'layout', dir: join(scratch, 'secret-layout'), tag: 'x' },
      env: { ...env(), SLIPWAY_TEST_TOKEN: 'super-secret-token-value' },
    });
    const calls = (await buildahCalls()).slice(before).join('\n');
    expect(calls).toMatch(/--secret id=token,src=\//);
    expect(calls).not.toContain('super-secret-token-value');
  });

  it('maps a Dockerfile syntax error to a SlipwayError with the builder message and the line', async () => {
    const context = await dockerContext('bad', 'FROM scratch\nCOPYY hello.txt /hello.txt\n');
    const error = await buildWithBuildah({
      context,
      storageRoot,
      output: { type: 'layout', dir: join(scratch, 'bad-layout'), tag: 'x' },
      env: env(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    const line = (error as SlipwayError).oneLine();
    expect(line).toMatch(
      new RegExp(
        `^${join(context, 'Dockerfile')}:2: buildah build failed: building at STEP "COPYY ": .*Unknown instruction: "COPYY"; `,
      ),
    );
    expect(line).not.toContain('imagebuilder.Step');
    expect(line).not.toMatch(/\n|at .*\.ts:\d+/);
  });

  it('says clearly when the context is missing', async () => {
    const error = await build({
      destinations: [`${registry.host}/shop/missing`],
      builder: 'buildah',
      context: join(scratch, 'no-such-dir'),
      ci: ci('refs/heads/main'),
      env: env(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toMatch(
      /: build context .*no-such-dir does not exist; check the context path/,
    );
  });
});

describe.skipIf(skipRegistry)('files builder (real registry)', () => {
  async function appDir(name: string, time: number, mode: number): Promise<string> {
    const dir = join(scratch, name);
    await mkdir(join(dir, 'bin'), { recursive: true });
    await writeFile(join(dir, 'bin', 'app'), '#!/bin/sh\necho app\n');
    await chmod(join(dir, 'bin', 'app'), 0o755 & mode);
    await writeFile(join(dir, 'index.html'), '<h1>shop</h1>\n');
    await chmod(join(dir, 'index.html'), 0o644 & mode);
    for (const path of ['bin/app', 'index.html', 'bin', '']) await utimes(join(dir, path), time, time + 3);
    return dir;
  }

  const options = (context: string, repository: string): BuildOptions => ({
    destinations: [`${registry.host}/${repository}`],
    builder: 'files',
    context,
    files: { destination: '/srv', config: { entrypoint: ['/srv/bin/app'], exposedPorts: ['8080'] } },
    ci: ci('refs/heads/main'),
    git: { commitTime: 1_700_000_000 },
    reuse: false,
    env: {},
  });

  it('gives the same digest for the same directory, twice and with shuffled mtimes and umask', async () => {
    const first = await build(options(await appDir('files-a', 1_000, 0o777), 'shop/files'));
    const again = await build(options(join(scratch, 'files-a'), 'shop/files'));
    const shuffled = await build(options(await appDir('files-b', 1_999_999_999, 0o750), 'shop/files-other'));
    expect(again.digest).toBe(first.digest);
    expect(shuffled.digest).toBe(first.digest);
    expect(first.tags).toEqual(['main', 'sha-1a2b3c4']);
    if (canSkopeo) {
      const inspect = skopeoInspect(`${registry.host}/shop/files-other:main`);
      expect(inspect.Digest).toBe(first.digest);
      expect(inspect.Labels?.['org.opencontainers.image.revision']).toBe(
        '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      );
    }
  });

  it('writes to several destinations at once (a registry and a layout)', async () => {
    const layoutDir = join(scratch, 'multi-layout');
    const result = await build({
      ...options(await appDir('files-multi', 5, 0o777), 'shop/multi'),
      destinations: [`${registry.host}/shop/multi`, `oci:${layoutDir}:extra`],
    });
    const repo = openRepository(parseLocation(`${registry.host}/shop/multi`), {});
    expect((await repo.resolve('main'))?.digest).toBe(result.digest);
    const layout = new LayoutRepository(layoutDir);
    expect((await layout.resolve('extra'))?.digest).toBe(result.digest);
    expect((await layout.resolve('sha-1a2b3c4'))?.digest).toBe(result.digest);
    expect(result.references).toContain(`oci:${layoutDir}:extra@${result.digest}`);
    // What to promote: the first destination with the commit's tag, though `main` is pushed first.
    expect(result.tags[0]).toBe('main');
    expect(result.imageRef).toBe(`${registry.host}/shop/multi:sha-1a2b3c4@${result.digest}`);
  });

  it('pushes the tags of edge, schedule and match rules, and gives the OCI labels as annotations', async () => {
    const dir = await appDir('files-rules', 4, 0o644);
    const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const before = today();
    const nightly = await build({
      ...options(dir, 'shop/rules'),
      ci: { ...ci('refs/heads/trunk'), event: 'schedule', defaultBranch: 'trunk' },
      tags: ['type=edge', "type=schedule,pattern=nightly-{{date 'YYYYMMDD'}}", 'type=sha'],
    });
    // The run may cross midnight (UTC, the default time zone): either day is right.
    expect([`nightly-${before}`, `nightly-${today()}`]).toContain(nightly.tags[0]);
    expect(nightly.tags.slice(1)).toEqual(['edge', 'sha-1a2b3c4']);
    const release = await build({
      ...options(dir, 'shop/rules'),
      ci: ci('refs/tags/cart-v1.4.0'),
      tags: ['type=match,pattern=cart-v(.*),group=1', 'type=edge,branch=trunk'],
    });
    expect(release.tags).toEqual(['latest', '1.4.0']);
    expect(release.notes).toEqual(['type=edge,branch=trunk: ref refs/tags/cart-v1.4.0 is not branch trunk']);
    const repo = openRepository(parseLocation(`${registry.host}/shop/rules`), {});
    for (const tag of nightly.tags) {
      expect((await repo.resolve(tag))?.digest).toBe(nightly.digest);
    }
    for (const tag of ['latest', '1.4.0']) expect((await repo.resolve(tag))?.digest).toBe(release.digest);
    expect(release.annotations['org.opencontainers.image.version']).toBe('1.4.0');
    // Written into the manifest, where registries show them.
    expect(await manifestAnnotationsAt(`${registry.host}/shop/rules`, '1.4.0')).toEqual(release.annotations);
    expect(release.annotations['org.opencontainers.image.revision']).toBe(
      '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
    );
  });

  it('gives the digest alone as image-ref when the tag rules make no commit tag', async () => {
    const result = await build({
      ...options(await appDir('files-raw', 2, 0o644), 'shop/raw'),
      tags: ['type=raw,value=stable', 'type=ref,event=branch'],
    });
    expect(result.references).toContain(`${registry.host}/shop/raw:stable@${result.digest}`);
    expect(result.imageRef).toBe(`${registry.host}/shop/raw@${result.digest}`);
    expect(result.imageRef).toBe(result.image);
  });
});

describe.skipIf(skipRegistry || !canBuildah)('build once', () => {
  it('skips the build of an unchanged context and only adds the new tags', async () => {
    const repo = join(scratch, 'app-repo');
    const context = join(repo, 'services', 'cart');
    await mkdir(context, { recursive: true });
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY cart.txt /cart.txt\n');
    await writeFile(join(context, 'cart.txt'), 'cart v1\n');
    await writeFile(join(repo, 'README.md'), 'app\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    const first = git(repo, 'rev-parse', 'HEAD');

    const progress: string[] = [];
    const common = {
      destinations: [`${registry.host}/shop/cart`],
      builder: 'buildah' as const,
      buildah: { storageRoot },
      context,
      env: env(),
      onProgress: (event: { step: string }) => progress.push(event.step),
    };
    const built = await build({ ...common, ci: ci('refs/heads/main', first) });
    expect(built.reused).toBe(false);
    expect(built.source).toMatchObject({ status: 'keyed', source: 'git-tree' });
    const keyTag = built.source.status === 'keyed' ? built.source.tag : '';
    expect(keyTag).toMatch(/^src-[0-9a-f]{32}$/);
    const registryRepo = openRepository(parseLocation(`${registry.host}/shop/cart`), {});
    expect((await registryRepo.resolve(keyTag))?.digest).toBe(built.digest);

    // A commit elsewhere in the repository: the context's tree is unchanged.
    await appendFile(join(repo, 'README.md'), 'more\n');
    git(repo, 'commit', '-q', '-am', 'two');
    const second = git(repo, 'rev-parse', 'HEAD');
    const callsBefore = (await buildahCalls()).length;
    progress.length = 0;
    const reused = await build({
      ...common,
      ci: ci('refs/tags/v2.0.0', second),
      tags: ['type=semver,pattern={{version}}', 'type=sha'],
    });
    expect(reused.reused).toBe(true);
    expect(reused.digest).toBe(built.digest);
    expect(await buildahCalls()).toHaveLength(callsBefore); // no builder invocation at all
    expect(progress).not.toContain('build');
    expect(progress).toContain('reused');
    for (const tag of ['2.0.0', 'latest', `sha-${second.slice(0, 7)}`, keyTag]) {
      expect((await registryRepo.resolve(tag))?.digest).toBe(built.digest);
    }

    // An uncommitted change: no key, a real build, no src- tag for it.
    await writeFile(join(context, 'cart.txt'), 'cart v2 (dirty)\n');
    const dirty = await build({ ...common, ci: ci('refs/heads/main', second) });
    expect(dirty.reused).toBe(false);
    expect(dirty.source).toMatchObject({ status: 'bypassed' });
    expect(dirty.source.status === 'bypassed' ? dirty.source.reason : '').toMatch(
      /uncommitted changes \(.*cart\.txt\)/,
    );
    expect((await buildahCalls()).length).toBeGreaterThan(callsBefore);

    // Committed, it gets a new key and builds again.
    git(repo, 'commit', '-q', '-am', 'three');
    const rebuilt = await build({ ...common, ci: ci('refs/heads/main', git(repo, 'rev-parse', 'HEAD')) });
    expect(rebuilt.reused).toBe(false);
    expect(rebuilt.source.status === 'keyed' ? rebuilt.source.tag : '').not.toBe(keyTag);
  });

  it('keys a directory outside git by its content, and by build args', async () => {
    const context = await dockerContext('outside-git');
    const common = {
      destinations: [`${registry.host}/shop/outside`],
      builder: 'buildah' as const,
      buildah: { storageRoot },
      context,
      ci: ci('refs/heads/main'),
      env: env(),
    };
    const first = await build(common);
    expect(first.source).toMatchObject({ status: 'keyed', source: 'directory' });
    const second = await build(common);
    expect(second.reused).toBe(true);
    const withArg = await build({ ...common, buildArgs: { FLAVOUR: 'x' } });
    expect(withArg.reused).toBe(false);
  });
});

describe.skipIf(skipRegistry)('build once: registry round trips', () => {
  it('costs an unchanged service one GET, then one PUT per new tag', async () => {
    const repo = join(scratch, 'files-repo');
    const context = join(repo, 'web');
    await mkdir(context, { recursive: true });
    await writeFile(join(context, 'index.html'), '<h1>web</h1>\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    const calls: string[] = [];
    const countingTransport: HttpTransport = (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname}`);
      return nodeHttpTransport(request);
    };
    const options = (sha: string): BuildOptions => ({
      destinations: [`${registry.host}/shop/web`],
      openOptions: { transport: countingTransport },
      builder: 'files',
      context,
      ci: ci('refs/heads/main', sha),
      env: {},
    });
    const first = await build(options(git(repo, 'rev-parse', 'HEAD')));
    expect(first.reused).toBe(false);
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'two');
    const sha = git(repo, 'rev-parse', 'HEAD');
    calls.length = 0;
    const lines: string[] = [];
    const second = await build({ ...options(sha), onProgress: (event) => lines.push(formatProgress(event)) });
    expect(second.reused).toBe(true);
    const key = second.source.status === 'keyed' ? second.source.tag : '';
    expect(calls).toEqual([
      `GET /v2/shop/web/manifests/${key}`,
      'PUT /v2/shop/web/manifests/main',
      `PUT /v2/shop/web/manifests/sha-${sha.slice(0, 7)}`,
    ]);
    expect(lines).toEqual([
      `tags: main, sha-${sha.slice(0, 7)}`,
      expect.stringMatching(
        new RegExp(`^source key ${key} \\(git-tree [0-9a-f]{12}\\): looking in ${registry.host}/shop/web$`),
      ),
      `unchanged source: reusing ${second.digest} (${key}), no build`,
      `pushing to ${registry.host}/shop/web as main, sha-${sha.slice(0, 7)}`,
      `pushed ${second.digest} to ${registry.host}/shop/web`,
    ]);
  });

  it('stacks the files builder on a registry base in another repository', async () => {
    const baseDir = join(scratch, 'base-files');
    await mkdir(baseDir, { recursive: true });
    await writeFile(join(baseDir, 'os-release'), 'ID=slipway\n');
    const base = await build({
      destinations: [`${registry.host}/base/tiny:1`],
      builder: 'files',
      context: baseDir,
      files: { destination: '/etc', config: { env: { PATH: '/bin' } } },
      ci: ci('refs/heads/main'),
      tags: [],
      reuse: false,
      env: {},
    });
    const appDir = join(scratch, 'on-base');
    await mkdir(appDir, { recursive: true });
    await writeFile(join(appDir, 'app'), 'app\n');
    const app = await build({
      destinations: [`${registry.host}/shop/on-base`],
      builder: 'files',
      context: appDir,
      files: { base: `${registry.host}/base/tiny:1`, destination: '/app' },
      ci: ci('refs/heads/main'),
      reuse: false,
      env: {},
    });
    if (canSkopeo) {
      const inspect = skopeoInspect(`${registry.host}/shop/on-base:main`);
      expect(inspect.Digest).toBe(app.digest);
      expect(inspect.Layers).toHaveLength(2);
      expect(skopeoInspect(`${registry.host}/base/tiny:1`).Layers[0]).toBe(inspect.Layers[0]);
    }
    expect(base.tags).toEqual([]);
    expect(base.references).toEqual([`${registry.host}/base/tiny:1@${base.digest}`]);
  });

  it('on reuse, brings the other destinations up to date from the first', async () => {
    const dir = join(scratch, 'reuse-multi');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x'), 'x\n');
    const layoutDir = join(scratch, 'reuse-multi-layout');
    const first = await build({
      destinations: [`${registry.host}/shop/reuse-multi`],
      builder: 'files',
      context: dir,
      ci: ci('refs/heads/main'),
      env: {},
    });
    const second = await build({
      destinations: [`${registry.host}/shop/reuse-multi`, `oci:${layoutDir}`],
      builder: 'files',
      context: dir,
      ci: ci('refs/tags/v1.0.0'),
      tags: ['type=ref,event=tag'],
      env: {},
    });
    expect(second.reused).toBe(true);
    expect(second.digest).toBe(first.digest);
    const layout = new LayoutRepository(layoutDir);
    const keyTag = second.source.status === 'keyed' ? second.source.tag : 'none';
    for (const tag of ['v1.0.0', 'latest', keyTag])
      expect((await layout.resolve(tag))?.digest).toBe(first.digest);
  });
});
