// What Slipway believes of a registry, against the real docker-registry behind a lying proxy: a
// manifest's digest comes from its bytes (a rewritten Docker-Content-Digest is refused with both
// digests), and a manifest or signature manifest over 4 MiB is refused without being read whole, whether
// its Content-Length says so, lies (2 GB announced, a trickle sent) or is absent, for resolve, copy, sign
// and verify, and through the built CLI.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyImage,
  parseReference,
  RegistryError,
  RegistryRepository,
  resolveDigest,
} from '../packages/oci/src/index.js';
import { signImage, verifyImage } from '../packages/sign/src/index.js';
import { newKey } from '../packages/sign/test/helpers.js';
import { type Fault, type FaultProxy, type ProxiedRequest, startFaultProxy } from './support/faultProxy.js';
import {
  type PushedImage,
  pushImage,
  registryBinaries,
  startRegistry,
  type TestRegistry,
} from './support/registry.js';
import { runSlipway } from './support/slipway.js';

const skip = !process.env.CI && !registryBinaries().registry;
const LIE = `sha256:${'c'.repeat(64)}`;
const MiB = 1024 * 1024;

let dir: string;
let env: NodeJS.ProcessEnv;
let registry: TestRegistry;
let proxy: FaultProxy;
let image: PushedImage;
const key = newKey();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-registry-trust-'));
  env = { HOME: join(dir, 'home'), PATH: process.env.PATH };
  if (skip) return;
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  image = await pushImage({ url: registry.url, repository: 'trust/app', tag: 'v1' });
  await signImage({
    repository: new RegistryRepository(registry.host, 'trust/app', { env }),
    digest: image.digest,
    signer: key.signer,
  });
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

function proxied(path = 'trust/app'): RegistryRepository {
  return new RegistryRepository(proxy.host, path, { env, sleep: async () => {} });
}

/** `fault` for manifest reads (GET, HEAD) whose path ends with `suffix`. */
function onManifest(suffix: string, fault: Fault) {
  return (request: ProxiedRequest): Fault =>
    request.kind === 'manifest' &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.url.endsWith(suffix)
      ? fault
      : 'pass';
}

async function failure(rule: (request: ProxiedRequest) => Fault, work: () => Promise<unknown>) {
  proxy.setFaults(rule);
  try {
    return await work().then(
      () => undefined,
      (error: unknown) => error,
    );
  } finally {
    proxy.setFaults(() => 'pass');
  }
}

describe.skipIf(skip)('a manifest digest comes from its bytes', () => {
  it('resolveDigest refuses a lying Docker-Content-Digest, naming the registry and both digests', async () => {
    const error = await failure(onManifest('/v1', { digest: LIE }), () =>
      resolveDigest(parseReference(`${proxy.host}/trust/app:v1`), { env, sleep: async () => {} }),
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as RegistryError).kind).toBe('digest-mismatch');
    const line = (error as RegistryError).oneLine();
    expect(line).toContain(LIE);
    expect(line).toContain(image.digest);
    expect(line).toContain(`${proxy.host}/trust/app:v1`);
  });

  it('resolve and getManifest by tag refuse it too (copy, sign and verify read through them)', async () => {
    for (const read of [
      (r: RegistryRepository) => r.resolve('v1'),
      (r: RegistryRepository) => r.getManifest('v1'),
    ]) {
      const error = await failure(onManifest('/v1', { digest: LIE }), () => read(proxied()));
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).message).toContain(LIE);
      expect((error as RegistryError).message).toContain(image.digest);
    }
  });

  it('resolveDigest takes one round trip, as the HEAD it replaces did', async () => {
    proxy.setFaults(() => 'pass');
    const start = proxy.log.length;
    const resolved = await resolveDigest(parseReference(`${proxy.host}/trust/app:v1`), { env });
    expect(resolved.digest).toBe(image.digest);
    const manifestRequests = proxy.log.slice(start).filter((r) => r.kind === 'manifest');
    expect(manifestRequests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe.skipIf(skip)('manifest reads are bounded at 4 MiB', () => {
  const bodies: [string, Fault][] = [
    ['a 5 MiB manifest', { body: { bytes: 5 * MiB } }],
    ['a Content-Length of 2 GB with a trickle', { body: { bytes: 64 * 1024, announce: 2 * 1024 ** 3 } }],
    ['a 5 MiB manifest without Content-Length', { body: { bytes: 5 * MiB, announce: 'none' } }],
  ];
  const operations: [string, string, () => Promise<unknown>][] = [
    ['resolve', '/v1', () => resolveDigest(parseReference(`${proxy.host}/trust/app:v1`), { env })],
    [
      'copy',
      '/v1',
      () =>
        copyImage({
          from: proxied(),
          reference: 'v1',
          to: new RegistryRepository(registry.host, 'trust/copy', { env }),
          tags: ['v1'],
        }),
    ],
    [
      'sign (reading the .sig)',
      '.sig',
      () => signImage({ repository: proxied(), digest: image.digest, signer: key.signer }),
    ],
    [
      'verify',
      '.sig',
      () => verifyImage({ repository: proxied(), reference: image.digest, keys: [key.verifier] }),
    ],
  ];
  for (const [what, fault] of bodies) {
    for (const [operation, suffix, work] of operations) {
      it(`${operation} refuses ${what}`, { timeout: 20_000 }, async () => {
        const error = await failure(onManifest(suffix, fault), work);
        expect(error).toBeInstanceOf(RegistryError);
        expect((error as RegistryError).kind).toBe('invalid-response');
        expect((error as RegistryError).oneLine()).toMatch(/more than the 4 MiB a manifest may have/);
        expect((error as RegistryError).fix).toBeTruthy();
      });
    }
  }
});

describe.skipIf(skip)('the CLI', () => {
  it('copy refuses a lying digest and a 2 GB manifest with one line each, and tags nothing', {
    timeout: 60_000,
  }, async () => {
    const faults: [Fault, RegExp][] = [
      [{ digest: LIE }, new RegExp(`${LIE}.*${image.digest}|${image.digest}.*${LIE}`)],
      [{ body: { bytes: 64 * 1024, announce: 2 * 1024 ** 3 } }, /more than the 4 MiB a manifest may have/],
    ];
    for (const [fault, expected] of faults) {
      proxy.setFaults(onManifest('/v1', fault));
      let result: Awaited<ReturnType<typeof runSlipway>>;
      try {
        result = await runSlipway(
          [
            'copy',
            '--source',
            `${proxy.host}/trust/app:v1`,
            '--destination',
            `${registry.host}/trust/cli:v1`,
          ],
          {
            env: { HOME: env.HOME },
          },
        );
      } finally {
        proxy.setFaults(() => 'pass');
      }
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('error: aborted');
    }
    expect(await new RegistryRepository(registry.host, 'trust/cli', { env }).resolve('v1')).toBeUndefined();
  });
});
