// A real registry for tests: Debian's `docker-registry` (CNCF distribution 2.8) on a free loopback port,
// with filesystem storage in a temp dir and optional htpasswd basic auth; plus a tiny pusher that speaks
// the distribution HTTP API directly.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export interface RegistryBinaries {
  /** `docker-registry` (Debian package docker-registry). */
  readonly registry: boolean;
  /** `htpasswd` (Debian package apache2-utils). */
  readonly htpasswd: boolean;
}

/** Whether the binaries the real-registry tests need are installed. */
export function registryBinaries(): RegistryBinaries {
  return {
    registry: isExecutable(REGISTRY_BINARY) || onPath('docker-registry') !== undefined,
    htpasswd: onPath('htpasswd') !== undefined,
  };
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`: the domain to use in references. */
  readonly host: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** The htpasswd user, when started with auth. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Kills the registry and removes its storage. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRegistryOptions {
  /** Turns on htpasswd basic auth with this one user. */
  readonly auth?: { readonly username: string; readonly password: string };
}

/** Starts a registry and waits until `/v2/` answers. */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  const binary = isExecutable(REGISTRY_BINARY)
    ? REGISTRY_BINARY
    : (onPath('docker-registry') ?? REGISTRY_BINARY);
  const dir = await mkdtemp(join(tmpdir(), 'slipway-registry-'));
  try {
    let htpasswdLine = '';
    if (options.auth !== undefined) {
      htpasswdLine = execFileSync('htpasswd', ['-Bbn', options.auth.username, options.auth.password], {
        encoding: 'utf8',
      });
      await writeFile(join(dir, 'htpasswd'), htpasswdLine);
    }
    // The port is free when asked and taken a moment later; a lost race shows as an early exit: try again.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const configPath = join(dir, 'config.yml');
      await writeFile(configPath, registryConfig(dir, port, options.auth !== undefined));
      const child = spawn(binary, ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
      const stderr: Buffer[] = [];
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
      const url = `http://127.0.0.1:${port}`;
      const ready = await waitUntilReady(url, child);
      if (ready) {
        let stopped = false;
        return {
          host: `127.0.0.1:${port}`,
          url,
          ...(options.auth === undefined ? {} : { auth: options.auth }),
          async stop() {
            if (stopped) return;
            stopped = true;
            await kill(child);
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      await kill(child);
      if (attempt >= 3) {
        throw new Error(
          `docker-registry did not start: ${Buffer.concat(stderr).toString('utf8').slice(-2000)}`,
        );
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface PushedImage {
  /** The manifest digest the registry answered (checked against the bytes sent). */
  readonly digest: string;
  readonly mediaType: string;
  readonly manifest: Uint8Array;
}

export interface PushOptions {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Repository path, e.g. `shop/cart`. */
  readonly repository: string;
  readonly tag: string;
  readonly auth?: { readonly username: string; readonly password: string } | undefined;
  /** Makes the image distinct from others pushed with the same repository. Default: random. */
  readonly seed?: string | undefined;
}

/**
 * Pushes a tiny one-layer OCI image: monolithic uploads (`POST` then `PUT ?digest=`) of a config and a
 * layer, then `PUT` of the manifest by tag. Basic auth only (the test registry's kind).
 */
export async function pushImage(options: PushOptions): Promise<PushedImage> {
  const headers: Record<string, string> =
    options.auth === undefined
      ? {}
      : {
          Authorization: `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`,
        };
  const seed = options.seed ?? randomBytes(8).toString('hex');
  const layerContent = Buffer.from(`slipway test layer ${seed}\n`);
  const layer = gzipSync(layerContent);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { 'org.slipway.seed': seed } },
      rootfs: { type: 'layers', diff_ids: [sha256(layerContent)] },
    }),
  );
  const configDigest = await uploadBlob(options, headers, config);
  const layerDigest = await uploadBlob(options, headers, layer);
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length },
      ],
    }),
  );
  const response = await fetch(`${options.url}/v2/${options.repository}/manifests/${options.tag}`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': mediaType },
    body: manifest,
  });
  if (response.status !== 201) {
    throw new Error(`manifest PUT answered ${response.status}: ${await response.text()}`);
  }
  await response.body?.cancel();
  const digest = response.headers.get('docker-content-digest');
  const computed = sha256(manifest);
  if (digest !== computed)
    throw new Error(`registry answered digest ${digest} for a manifest hashing to ${computed}`);
  return { digest: computed, mediaType, manifest: new Uint8Array(manifest) };
}

async function uploadBlob(
  options: PushOptions,
  headers: Record<string, string>,
  bytes: Buffer,
): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`${options.url}/v2/${options.repository}/blobs/uploads/`, {
    method: 'POST',
    headers,
  });
  if (start.status !== 202)
    throw new Error(`blob upload POST answered ${start.status}: ${await start.text()}`);
  await start.body?.cancel();
  const location = start.headers.get('location');
  if (location === null) throw new Error('blob upload POST answered no Location');
  const target = new URL(location, options.url);
  target.searchParams.set('digest', digest);
  const put = await fetch(target, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob upload PUT answered ${put.status}: ${await put.text()}`);
  await put.body?.cancel();
  return digest;
}

function registryConfig(dir: string, port: number, withAuth: boolean): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(join(dir, 'data'))}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
  ];
  if (withAuth) {
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: slipway-test',
      `    path: ${JSON.stringify(join(dir, 'htpasswd'))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface LoopbackServer {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** A plain Node HTTP server on a free loopback port, for playing token servers and misbehaving registries. */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
