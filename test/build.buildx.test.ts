// The buildx builder and builder detection against a recorded contract: a fake `docker` on PATH records its
// argv and environment and answers as buildx does (a metadata file with `containerimage.digest`), so the
// exact command line is asserted without a docker engine.

import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { openRepository, parseLocation } from '@slipway/oci';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build, buildWithBuildx, detectBuilder } from '../packages/build/src/index.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
/** Secrets in Slipway's environment that no `--secret` names: a builder must not see them. */
const UNPASSED_SECRETS = {
  SLIPWAY_TOKEN: 'slipway-token-not-for-builds-1',
  GITHUB_TOKEN: 'ghs_github-token-not-for-builds-2',
  SLIPWAY_KEY_PASSWORD: 'key-password-not-for-builds-3',
  COSIGN_PASSWORD: 'cosign-password-not-for-builds-4',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-not-for-builds-5',
  AWS_SESSION_TOKEN: 'aws-session-not-for-builds-6',
  BUILDKIT_TOKEN: 'prefix-allowed-but-secret-looking-7',
};
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-buildx-test-'));
  dirs.push(dir);
  return dir;
}

interface Recording {
  argv: string[];
  env: Record<string, string | undefined>;
  dockerConfig?: string;
}

type Behaviour =
  | 'ok'
  | 'syntax-error'
  | 'no-engine'
  | 'slow-info'
  | 'engine'
  | 'no-buildx'
  | 'no-buildx-flags'
  | 'buildx-0.11';

/** Writes a fake `docker` into a fresh bin dir; returns the PATH to use and where recordings go. */
async function fakeDocker(behaviour: Behaviour): Promise<{ path: string; log: string }> {
  const bin = await tempDir();
  const log = join(bin, 'calls.jsonl');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const argv = process.argv.slice(2);
const behaviour = ${JSON.stringify(behaviour)};
const env = { ...process.env };
const record = { argv, env };
if (process.env.DOCKER_CONFIG) {
  try { record.dockerConfig = fs.readFileSync(path.join(process.env.DOCKER_CONFIG, 'config.json'), 'utf8'); } catch {}
}
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(record) + '\\n');
if (argv[0] === 'info') {
  if (behaviour === 'slow-info') { setTimeout(() => process.exit(0), 20000); return; }
  if (behaviour === 'engine') { process.stdout.write('28.2.2\\n'); process.exit(0); }
  process.stderr.write('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\\n');
  process.exit(1);
}
// A docker CLI without the buildx plugin: newer ones name the missing command, older ones parse the
// build's flags as docker's own.
if (argv[0] === 'buildx' && behaviour === 'no-buildx') {
  process.stderr.write("docker: 'buildx' is not a docker command.\\nSee 'docker --help'\\n");
  process.exit(1);
}
if (argv[0] === 'buildx' && behaviour === 'no-buildx-flags') {
  const flag = argv.find((arg) => arg.startsWith('--'));
  process.stderr.write('unknown flag: ' + flag + "\\nSee 'docker --help'.\\n");
  process.exit(125);
}
// buildx before 0.12 has no --annotation: cobra refuses it before anything is built.
if (argv[0] === 'buildx' && argv[1] === 'build' && behaviour === 'buildx-0.11' && argv.includes('--annotation')) {
  process.stderr.write("unknown flag: --annotation\\nSee 'docker buildx build --help'.\\n");
  process.exit(1);
}
if (argv[0] === 'buildx' && argv[1] === 'version') { process.stdout.write('github.com/docker/buildx v0.23.0\\n'); process.exit(0); }
if (argv[0] === 'buildx' && argv[1] === 'build') {
  if (behaviour === 'syntax-error') {
    process.stderr.write('#1 [internal] load build definition from Dockerfile\\n');
    process.stderr.write('Dockerfile:2\\n--------------------\\n   2 | >>> COPYY a /a\\n--------------------\\n');
    process.stderr.write('ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: COPYY\\n');
    process.exit(1);
  }
  if (behaviour === 'no-engine') {
    process.stderr.write('ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\\n');
    process.exit(1);
  }
  const file = argv[argv.indexOf('--metadata-file') + 1];
  const output = argv[argv.indexOf('--output') + 1] || '';
  if (output.startsWith('type=oci,')) {
    // Like buildx's OCI exporter with tar=false: a layout directory holding the image.
    const crypto = require('node:crypto');
    const zlib = require('node:zlib');
    const dest = /dest=([^,]+)/.exec(output)[1];
    const name = /name=([^,]+)/.exec(output)[1];
    const sha = (bytes) => 'sha256:' + crypto.createHash('sha256').update(bytes).digest('hex');
    fs.mkdirSync(path.join(dest, 'blobs', 'sha256'), { recursive: true });
    const put = (bytes) => { const d = sha(bytes); fs.writeFileSync(path.join(dest, 'blobs', 'sha256', d.slice(7)), bytes); return { digest: d, size: bytes.length }; };
    const tar = Buffer.alloc(1024);
    const layer = zlib.gzipSync(tar);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha(tar)] } }));
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(layer) }] }));
    const m = put(manifest);
    fs.writeFileSync(path.join(dest, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    fs.writeFileSync(path.join(dest, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...m, annotations: { 'org.opencontainers.image.ref.name': name } }] }));
    fs.writeFileSync(file, JSON.stringify({ 'containerimage.descriptor': { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...m }, 'containerimage.digest': m.digest }));
    process.exit(0);
  }
  fs.writeFileSync(file, JSON.stringify({
    'buildx.build.ref': 'builder/builder0/abc',
    'containerimage.config.digest': 'sha256:${'c'.repeat(64)}',
    'containerimage.descriptor': { mediaType: 'application/vnd.oci.image.index.v1+json', digest: '${DIGEST}', size: 856 },
    'containerimage.digest': '${DIGEST}',
    'image.name': 'x',
  }));
  process.stderr.write('#12 DONE 0.1s\\n');
  process.exit(0);
}
process.stderr.write('unexpected call\\n');
process.exit(2);
`;
  await writeFile(join(bin, 'docker'), script);
  await chmod(join(bin, 'docker'), 0o755);
  return { path: bin, log };
}

async function recordings(log: string): Promise<Recording[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Recording);
}

/** The one line a face prints for the failure. */
async function oneLine(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  return (error as SlipwayError).oneLine();
}

async function contextDir(dockerfile = 'FROM scratch\nCOPY a /a\n'): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, 'a'), 'a\n');
  return dir;
}

const SECRET_VALUE = 'npm_s3cr3t_value_that_must_not_leak';

describe('buildx (recorded contract)', () => {
  it('pushes with the exact argv, secrets by file or env name only, credentials in a private config', async () => {
    const docker = await fakeDocker('ok');
    const context = await contextDir();
    const secretFile = join(await tempDir(), 'netrc');
    await writeFile(secretFile, 'machine x password y\n');
    const home = await tempDir();
    const result = await buildWithBuildx({
      context,
      buildArgs: { NODE_VERSION: '20', APP: 'cart' },
      platforms: ['linux/amd64', 'linux/arm64'],
      target: 'runtime',
      labels: { 'org.opencontainers.image.revision': 'abc' },
      annotations: {
        'org.opencontainers.image.revision': 'abc',
        'org.opencontainers.image.description': 'cart: the shop, its basket',
      },
      secrets: [
        { id: 'npm', env: 'NPM_TOKEN' },
        { id: 'netrc', src: secretFile },
      ],
      sourceDateEpoch: 1_700_000_000,
      cacheFrom: [{ type: 'registry', ref: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cart:cache' }],
      cacheTo: [
        { type: 'registry', ref: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cart:cache' },
        { type: 'registry', ref: 'ghcr.io/acme/cart:cache', mode: 'min' },
        'type=gha,mode=max',
      ],
      provenance: false,
      output: {
        type: 'registry',
        references: ['ghcr.io/acme/cart:main', 'ghcr.io/acme/cart:sha-1a2b3c4'],
        credentials: { username: 'bot', password: 'registry-password-xyz' },
      },
      env: { PATH: `${docker.path}:/usr/bin:/bin`, HOME: home, NPM_TOKEN: SECRET_VALUE, ...UNPASSED_SECRETS },
    });
    expect(result).toMatchObject({
      builder: 'buildx',
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 856,
      pushed: ['ghcr.io/acme/cart:main', 'ghcr.io/acme/cart:sha-1a2b3c4'],
    });
    const [call] = await recordings(docker.log);
    expect(call).toBeDefined();
    const argv = call?.argv ?? [];
    const metadataFile = argv[argv.indexOf('--metadata-file') + 1] ?? '';
    expect(argv).toEqual([
      'buildx',
      'build',
      '--file',
      join(context, 'Dockerfile'),
      '--metadata-file',
      metadataFile,
      '--platform',
      'linux/amd64,linux/arm64',
      '--target',
      'runtime',
      '--build-arg',
      'NODE_VERSION=20',
      '--build-arg',
      'APP=cart',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--annotation',
      'manifest:org.opencontainers.image.revision=abc',
      '--annotation',
      'manifest:org.opencontainers.image.description=cart: the shop, its basket',
      '--secret',
      'id=npm,env=NPM_TOKEN',
      '--secret',
      `id=netrc,src=${secretFile}`,
      '--cache-from',
      'type=registry,ref=123456789012.dkr.ecr.eu-west-1.amazonaws.com/cart:cache',
      '--cache-to',
      'type=registry,ref=123456789012.dkr.ecr.eu-west-1.amazonaws.com/cart:cache,mode=max,image-manifest=true,oci-mediatypes=true',
      '--cache-to',
      'type=registry,ref=ghcr.io/acme/cart:cache,mode=min',
      '--cache-to',
      'type=gha,mode=max',
      '--provenance=false',
      '--tag',
      'ghcr.io/acme/cart:main',
      '--tag',
      'ghcr.io/acme/cart:sha-1a2b3c4',
      '--push',
      context,
    ]);
    expect(metadataFile).toMatch(/metadata\.json$/);
    // No secret on the command line; the env secret reaches docker through its environment.
    const joined = argv.join(' ');
    expect(joined).not.toContain(SECRET_VALUE);
    expect(joined).not.toContain('registry-password-xyz');
    expect(call?.env.NPM_TOKEN).toBe(SECRET_VALUE);
    expect(call?.env.SOURCE_DATE_EPOCH).toBe('1700000000');
    // The build's environment holds the one secret the user passed (--secret id=npm,env=NPM_TOKEN), no other.
    const seen = JSON.stringify(call?.env);
    for (const [name, value] of Object.entries(UNPASSED_SECRETS)) {
      expect(call?.env, name).not.toHaveProperty(name);
      expect(seen, name).not.toContain(value);
    }
    // Credentials went into a private docker config, which is gone afterwards; buildx state stays the caller's.
    const dockerConfig = JSON.parse(call?.dockerConfig ?? '{}') as {
      auths: Record<string, { auth: string }>;
      cliPluginsExtraDirs: string[];
    };
    expect(Buffer.from(dockerConfig.auths['ghcr.io']?.auth ?? '', 'base64').toString()).toBe(
      'bot:registry-password-xyz',
    );
    expect(dockerConfig.cliPluginsExtraDirs).toEqual([join(home, '.docker', 'cli-plugins')]);
    expect(call?.env.BUILDX_CONFIG).toBe(join(home, '.docker', 'buildx'));
    await expect(readFile(join(call?.env.DOCKER_CONFIG ?? '', 'config.json'))).rejects.toThrow();
  });

  it('exports an OCI layout when asked, with the ambient docker config', async () => {
    const docker = await fakeDocker('ok');
    const context = await contextDir();
    const out = join(await tempDir(), 'layout');
    const result = await buildWithBuildx({
      context,
      dockerfile: join(context, 'Dockerfile'),
      output: { type: 'layout', dir: out, tag: 'build' },
      env: { PATH: `${docker.path}:/usr/bin:/bin`, HOME: '/nonexistent' },
    });
    expect(result.layout).toEqual({ dir: out, tag: 'build' });
    const [call] = await recordings(docker.log);
    const argv = call?.argv ?? [];
    expect(argv.slice(-3)).toEqual(['--output', `type=oci,dest=${out},tar=false,name=build`, context]);
    expect(call?.env.DOCKER_CONFIG).toBeUndefined();
    expect(argv).not.toContain('--push');
  });

  it('maps a Dockerfile syntax error to a SlipwayError naming the line, not a stack', async () => {
    const docker = await fakeDocker('syntax-error');
    const context = await contextDir('FROM scratch\nCOPYY a /a\n');
    const error = await buildWithBuildx({
      context,
      output: { type: 'layout', dir: join(context, 'out'), tag: 'x' },
      env: { PATH: `${docker.path}:/usr/bin:/bin` },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toBe(
      `${join(context, 'Dockerfile')}:2: docker buildx build failed: failed to solve: dockerfile parse error on line 2: unknown instruction: COPYY; see the build log above`,
    );
  });

  it('says when no docker engine is reachable', async () => {
    const docker = await fakeDocker('no-engine');
    const context = await contextDir();
    expect(
      await oneLine(
        buildWithBuildx({
          context,
          output: { type: 'layout', dir: join(context, 'out'), tag: 'x' },
          env: { PATH: `${docker.path}:/usr/bin:/bin` },
        }),
      ),
    ).toMatch(/; no docker engine is reachable: start one, or use the buildah or files builder$/);
  });

  it.each(['no-buildx', 'no-buildx-flags'] as const)(
    'says "install buildx" when the docker CLI has no buildx plugin (%s), not docker\'s words',
    async (behaviour) => {
      const docker = await fakeDocker(behaviour);
      const context = await contextDir();
      const line = await oneLine(
        buildWithBuildx({
          context,
          output: { type: 'layout', dir: join(context, 'out'), tag: 'x' },
          env: { PATH: `${docker.path}:/usr/bin:/bin` },
        }),
      );
      expect(line).toBe(
        `buildx builder: the docker CLI (${join(docker.path, 'docker')}) has no buildx plugin: install buildx; install buildx (the docker-buildx-plugin package, or docker/setup-buildx-action on GitHub), or use --builder buildah or --builder files`,
      );
      expect(line).not.toContain('unknown flag');
      expect(line).not.toContain('is not a docker command');
    },
  );

  it('builds without --annotation on a buildx older than 0.12, and says so in the log', async () => {
    const docker = await fakeDocker('buildx-0.11');
    const context = await contextDir();
    const log: string[] = [];
    const result = await buildWithBuildx({
      context,
      labels: { 'org.opencontainers.image.version': '1.2.3' },
      annotations: { 'org.opencontainers.image.version': '1.2.3' },
      output: { type: 'registry', references: ['ghcr.io/acme/cart:1.2.3'] },
      env: { PATH: `${docker.path}:/usr/bin:/bin` },
      onLog: (line) => log.push(line),
    });
    expect(result.digest).toBe(DIGEST);
    const calls = await recordings(docker.log);
    expect(calls.map((call) => call.argv.filter((arg) => arg.startsWith('--annotation')).length)).toEqual([
      1, 0,
    ]);
    const retried = calls[1]?.argv ?? [];
    expect(retried).not.toContain('manifest:org.opencontainers.image.version=1.2.3');
    expect(retried).toContain('org.opencontainers.image.version=1.2.3');
    expect(log).toContain(
      'docker buildx is older than 0.12 and takes no --annotation: building without OCI manifest annotations (the labels carry the same values); upgrade buildx to have them',
    );
  });

  it('names --file when the Dockerfile is missing', async () => {
    const docker = await fakeDocker('ok');
    const env = { PATH: `${docker.path}:/usr/bin:/bin` };
    const output = { type: 'layout' as const, dir: '/tmp/x', tag: 'x' };
    const empty = await tempDir();
    expect(await oneLine(buildWithBuildx({ context: empty, output, env }))).toBe(
      `${join(empty, 'Dockerfile')}: Dockerfile ${join(empty, 'Dockerfile')} does not exist; add a Dockerfile to ${empty}, or name one with --file (the action input file)`,
    );
    const context = await contextDir();
    expect(
      await oneLine(
        buildWithBuildx({ context, dockerfile: join(context, 'docker', 'Dockerfile.prod'), output, env }),
      ),
    ).toBe(
      `${join(context, 'docker', 'Dockerfile.prod')}: Dockerfile ${join(context, 'docker', 'Dockerfile.prod')} does not exist; check the path given to --file (the action input file): relative paths start at the working directory, not the context`,
    );
    expect(await recordings(docker.log)).toEqual([]);
  });

  it('refuses a missing context or Dockerfile before running docker', async () => {
    const docker = await fakeDocker('ok');
    const env = { PATH: `${docker.path}:/usr/bin:/bin` };
    const output = { type: 'layout' as const, dir: '/tmp/x', tag: 'x' };
    await expect(buildWithBuildx({ context: '/nonexistent/ctx', output, env })).rejects.toThrow(
      /build context \/nonexistent\/ctx does not exist/,
    );
    const empty = await tempDir();
    await expect(buildWithBuildx({ context: empty, output, env })).rejects.toThrow(
      /Dockerfile .* does not exist/,
    );
    await expect(
      buildWithBuildx({
        context: await contextDir(),
        output,
        env,
        secrets: [{ id: 'npm', env: 'NPM_TOKEN' }],
      }),
    ).rejects.toThrow(/reads NPM_TOKEN, which is not set/);
    expect(await recordings(docker.log)).toEqual([]);
  });

  it('runs through build() with native push: tags from metadata, labels, digest pinned', async () => {
    const docker = await fakeDocker('ok');
    const context = await contextDir();
    const result = await build({
      destinations: ['ghcr.io/acme/cart'],
      builder: 'buildx',
      buildx: { push: 'native' },
      context,
      ci: {
        platform: 'github-actions',
        commitSha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
        ref: 'refs/heads/main',
        repositoryUrl: 'https://github.com/acme/cart',
      },
      git: { commitTime: 1_700_000_000 },
      reuse: false,
      env: { PATH: `${docker.path}:/usr/bin:/bin` },
    });
    expect(result).toMatchObject({
      digest: DIGEST,
      image: `ghcr.io/acme/cart@${DIGEST}`,
      tags: ['main', 'sha-1a2b3c4'],
      references: [`ghcr.io/acme/cart:main@${DIGEST}`, `ghcr.io/acme/cart:sha-1a2b3c4@${DIGEST}`],
      reused: false,
      builder: 'buildx',
      source: { status: 'disabled' },
    });
    const [call] = await recordings(docker.log);
    const argv = call?.argv ?? [];
    expect(argv).toContain('org.opencontainers.image.created=2023-11-14T22:13:20.000Z');
    // The tag rules' OCI annotations, as the build step's `annotations` output lists them.
    const annotations = argv.filter((_arg, index) => argv[index - 1] === '--annotation');
    expect(annotations).toEqual(
      Object.entries(result.annotations).map(([key, value]) => `manifest:${key}=${value}`),
    );
    expect(annotations).toContain(
      'manifest:org.opencontainers.image.revision=1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
    );
    expect(argv.filter((_arg, index) => argv[index - 1] === '--tag')).toEqual([
      'ghcr.io/acme/cart:main',
      'ghcr.io/acme/cart:sha-1a2b3c4',
    ]);
  });
});

describe('auto builder', () => {
  it('takes buildx when docker info answers', async () => {
    const docker = await fakeDocker('engine');
    expect(await detectBuilder({ env: { PATH: docker.path } })).toEqual({
      builder: 'buildx',
      reason: 'docker engine 28.2.2 answered, with buildx',
    });
  });

  it('falls back to buildah when docker has no engine, or is too slow to say', async () => {
    const bin = await tempDir();
    await writeFile(join(bin, 'buildah'), '#!/bin/sh\nexit 0\n');
    await chmod(join(bin, 'buildah'), 0o755);
    const noEngine = await fakeDocker('no-engine');
    expect(await detectBuilder({ env: { PATH: `${noEngine.path}:${bin}` } })).toEqual({
      builder: 'buildah',
      reason: 'no docker engine answered docker info; buildah is installed',
    });
    const slow = await fakeDocker('slow-info');
    const started = Date.now();
    const detection = await detectBuilder({ env: { PATH: `${slow.path}:${bin}` }, timeoutMs: 300 });
    expect(detection.reason).toBe('docker info did not answer within 300 ms; buildah is installed');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says what to install when neither works', async () => {
    const empty = await tempDir();
    await mkdir(join(empty, 'bin'));
    expect(await oneLine(detectBuilder({ env: { PATH: join(empty, 'bin') } }))).toMatch(
      /no image builder is available here: docker is not installed, and buildah is not installed; install buildah/,
    );
  });
});

describe.skipIf(!registryBinaries().registry)('buildx through build() (copy mode, real registry)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('exports a layout, then copies it to the registry with every tag and the src- tag', async () => {
    const docker = await fakeDocker('ok');
    const context = await contextDir();
    const result = await build({
      destinations: [`${registry.host}/shop/buildx`],
      builder: 'buildx',
      context,
      ci: { platform: 'local', commitSha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d', ref: 'refs/heads/dev' },
      env: { PATH: `${docker.path}:/usr/bin:/bin` },
    });
    expect(result.builder).toBe('buildx');
    expect(result.reused).toBe(false);
    const repository = openRepository(parseLocation(`${registry.host}/shop/buildx`), {});
    const keyTag = result.source.status === 'keyed' ? result.source.tag : 'none';
    for (const tag of ['dev', 'sha-1a2b3c4', keyTag]) {
      expect((await repository.resolve(tag))?.digest).toBe(result.digest);
    }
    const [call] = await recordings(docker.log);
    expect(call?.argv.find((arg) => arg.startsWith('type=oci,dest='))).toMatch(/,tar=false,name=build$/);

    // Built once: the second run does not call docker.
    const again = await build({
      destinations: [`${registry.host}/shop/buildx`],
      builder: 'buildx',
      context,
      ci: { platform: 'local', commitSha: '2a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d', ref: 'refs/heads/dev' },
      env: { PATH: `${docker.path}:/usr/bin:/bin` },
    });
    expect(again.reused).toBe(true);
    expect(await recordings(docker.log)).toHaveLength(1);
  });
});
