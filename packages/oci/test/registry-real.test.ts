// Against Debian's real docker-registry (CNCF distribution 2.8): anonymous and htpasswd basic auth.

import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pushImage,
  registryBinaries,
  startRegistry,
  type TestRegistry,
} from '../../../test/support/registry.js';
import { parseReference, RegistryError, resolveDigest } from '../src/index.js';

const binaries = registryBinaries();
// CI installs docker-registry and apache2-utils: there, missing binaries must fail, not skip.
const skip = !process.env.CI && !(binaries.registry && binaries.htpasswd);

const USER = 'promoter';
const PASSWORD = 'hunter2-correct-horse';

let dir: string;
/** No docker config unless a test writes one. */
let emptyEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-registry-test-'));
  emptyEnv = { HOME: join(dir, 'home'), PATH: process.env.PATH };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function catchRegistryError(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe.skipIf(skip)('anonymous registry', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('resolves a pushed tag to the digest the push returned', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.4.2' });
    const resolved = await resolveDigest(parseReference(`${registry.host}/shop/cart:1.4.2`), {
      env: emptyEnv,
    });
    expect(resolved).toEqual({ digest: pushed.digest, mediaType: pushed.mediaType });
  });

  it('follows a moved tag', async () => {
    await pushImage({ url: registry.url, repository: 'shop/moving', tag: 'main', seed: 'one' });
    const second = await pushImage({
      url: registry.url,
      repository: 'shop/moving',
      tag: 'main',
      seed: 'two',
    });
    const resolved = await resolveDigest(parseReference(`${registry.host}/shop/moving:main`), {
      env: emptyEnv,
    });
    expect(resolved.digest).toBe(second.digest);
  });

  it('verifies a digest reference on request, and fails for an unknown digest', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/pinned', tag: 'v1' });
    const ref = parseReference(`${registry.host}/shop/pinned:v1@${pushed.digest}`);
    expect(await resolveDigest(ref, { verifyDigest: true, env: emptyEnv })).toEqual({
      digest: pushed.digest,
      mediaType: pushed.mediaType,
    });
    const unknown = `sha256:${'0'.repeat(64)}`;
    const error = await catchRegistryError(
      resolveDigest(parseReference(`${registry.host}/shop/pinned@${unknown}`), {
        verifyDigest: true,
        env: emptyEnv,
      }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(unknown);
  });

  it('says which registry, repository and tag are unknown', async () => {
    await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.4.2' });
    const error = await catchRegistryError(
      resolveDigest(parseReference(`${registry.host}/shop/cart:9.9.9`), { env: emptyEnv }),
    );
    expect(error).toMatchObject({
      kind: 'not-found',
      registry: registry.host,
      repository: 'shop/cart',
      reference: '9.9.9',
      status: 404,
      code: 'MANIFEST_UNKNOWN',
      credentialSource: 'anonymous',
    });
    const line = error.oneLine();
    expect(line).toContain(registry.host);
    expect(line).toContain('shop/cart');
    expect(line).toContain('"9.9.9"');
    expect(line).toContain('credentials: anonymous');
    expect(error.fix).toMatch(/check the tag "9.9.9"/);

    const repo = await catchRegistryError(
      resolveDigest(parseReference(`${registry.host}/shop/nothing-here:1`), { env: emptyEnv }),
    );
    expect(repo.kind).toBe('not-found');
    expect(repo.oneLine()).toContain('shop/nothing-here');
  });
});

describe.skipIf(skip)('registry with htpasswd basic auth', () => {
  let registry: TestRegistry;
  let image: { digest: string };
  let ref: ReturnType<typeof parseReference>;

  beforeAll(async () => {
    registry = await startRegistry({ auth: { username: USER, password: PASSWORD } });
    image = await pushImage({ url: registry.url, repository: 'team/api', tag: 'v2', auth: registry.auth });
    ref = parseReference(`${registry.host}/team/api:v2`);
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('resolves with explicit credentials', async () => {
    const resolved = await resolveDigest(ref, {
      credentials: { username: USER, password: PASSWORD },
      env: emptyEnv,
    });
    expect(resolved.digest).toBe(image.digest);
  });

  it('rejects a wrong password with a clear error that does not contain it', async () => {
    const wrong = 'wrong-password-XYZ';
    const error = await catchRegistryError(
      resolveDigest(ref, { credentials: { username: USER, password: wrong }, env: emptyEnv }),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.status).toBe(401);
    const everything = `${error.oneLine()} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(Buffer.from(`${USER}:${wrong}`).toString('base64'));
    expect(error.oneLine()).toContain(registry.host);
    expect(error.oneLine()).toContain('team/api');
    expect(error.oneLine()).toContain('credentials passed explicitly');
    expect(error.fix).toMatch(/username and password/);
  });

  it('asks for a login when no credentials are configured', async () => {
    const error = await catchRegistryError(resolveDigest(ref, { env: emptyEnv }));
    expect(error.kind).toBe('unauthorized');
    expect(error.credentialSource).toMatch(/^anonymous \(no credentials for 127\.0\.0\.1:\d+ in /);
    expect(error.fix).toContain(`docker login ${registry.host}`);
  });

  it('uses auths from the docker config', async () => {
    const configDir = join(dir, 'docker-auths');
    await mkdir(configDir, { recursive: true });
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ auths: { [`http://${registry.host}`]: { auth } } }),
    );
    const resolved = await resolveDigest(ref, { env: { DOCKER_CONFIG: configDir, PATH: process.env.PATH } });
    expect(resolved.digest).toBe(image.digest);
  });

  it('names the docker config entry when its password is wrong', async () => {
    const configDir = join(dir, 'docker-auths-wrong');
    await mkdir(configDir, { recursive: true });
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { username: USER, password: 'stale-password' } } }),
    );
    const error = await catchRegistryError(
      resolveDigest(ref, { env: { DOCKER_CONFIG: configDir, PATH: process.env.PATH } }),
    );
    expect(error.credentialSource).toBe(
      `docker config ${join(configDir, 'config.json')} (auths["${registry.host}"])`,
    );
    expect(error.oneLine()).not.toContain('stale-password');
  });

  it('uses a credential helper, which gets the host on stdin and no secret on argv', async () => {
    const bin = join(dir, 'bin');
    const configDir = join(dir, 'docker-helper');
    await mkdir(bin, { recursive: true });
    await mkdir(configDir, { recursive: true });
    const record = join(dir, 'helper');
    await writeFile(
      join(bin, 'docker-credential-test'),
      `#!/bin/sh
input=$(cat)
printf '%s' "$input" > "${record}.stdin"
printf '%s' "$*" > "${record}.argv"
printf '{"ServerURL":"%s","Username":"${USER}","Secret":"${PASSWORD}"}' "$input"
`,
    );
    await chmod(join(bin, 'docker-credential-test'), 0o755);
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credHelpers: { [registry.host]: 'test' } }),
    );
    const env = { DOCKER_CONFIG: configDir, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };

    const resolved = await resolveDigest(ref, { env });
    expect(resolved.digest).toBe(image.digest);
    expect(await readFile(`${record}.stdin`, 'utf8')).toBe(registry.host);
    expect(await readFile(`${record}.argv`, 'utf8')).toBe('get');
  });
});
