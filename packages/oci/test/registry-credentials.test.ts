import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerConfigPath, resolveCredentials } from '../src/index.js';

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slipway-creds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh DOCKER_CONFIG directory holding `config`. */
async function dockerConfig(config: unknown): Promise<NodeJS.ProcessEnv> {
  const configDir = join(dir, `config-${n++}`);
  await mkdir(configDir, { recursive: true });
  await writeFile(
    join(configDir, 'config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  );
  return { DOCKER_CONFIG: configDir, PATH: process.env.PATH };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('resolveCredentials', () => {
  it('prefers explicit credentials', async () => {
    const env = await dockerConfig({ auths: { 'ghcr.io': { auth: b64('file:secret') } } });
    const found = await resolveCredentials('ghcr.io', {
      credentials: { username: 'me', password: 'pw' },
      env,
    });
    expect(found).toEqual({ username: 'me', password: 'pw', source: 'credentials passed explicitly' });
  });

  it('reads auths[host].auth, splitting at the first colon', async () => {
    const env = await dockerConfig({ auths: { 'ghcr.io': { auth: b64('bot:pa:ss') } } });
    const found = await resolveCredentials('ghcr.io', { env });
    expect(found).toMatchObject({ username: 'bot', password: 'pa:ss' });
    expect(found.source).toBe(`docker config ${dockerConfigPath(env)} (auths["ghcr.io"])`);
  });

  it('reads username/password and identitytoken fields', async () => {
    const env = await dockerConfig({
      auths: {
        'a.example': { username: 'u', password: 'p' },
        'b.example': { identitytoken: 'refresh-me' },
      },
    });
    expect(await resolveCredentials('a.example', { env })).toMatchObject({ username: 'u', password: 'p' });
    const b = await resolveCredentials('b.example', { env });
    expect(b.identityToken).toBe('refresh-me');
    expect(b.password).toBeUndefined();
  });

  it('matches keys with a scheme or path, and Docker Hub under https://index.docker.io/v1/', async () => {
    const env = await dockerConfig({
      auths: {
        'https://registry.example.com:5000/v2/': { auth: b64('scheme:1') },
        'https://index.docker.io/v1/': { auth: b64('hub:2') },
      },
    });
    expect(await resolveCredentials('registry.example.com:5000', { env })).toMatchObject({
      username: 'scheme',
    });
    expect(await resolveCredentials('docker.io', { env })).toMatchObject({ username: 'hub' });
    expect(await resolveCredentials('registry.example.com', { env })).toEqual({
      source: `anonymous (no credentials for registry.example.com in ${dockerConfigPath(env)})`,
    });
    const legacy = await dockerConfig({ auths: { 'index.docker.io': { auth: b64('old:3') } } });
    expect(await resolveCredentials('docker.io', { env: legacy })).toMatchObject({ username: 'old' });
  });

  it('falls back to ~/.docker/config.json and to anonymous when there is no file', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.docker'), { recursive: true });
    await writeFile(
      join(home, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'q.io': { auth: b64('h:p') } } }),
    );
    expect(await resolveCredentials('q.io', { env: { HOME: home } })).toMatchObject({ username: 'h' });
    expect((await resolveCredentials('q.io', { env: { HOME: join(dir, 'nobody') } })).source).toMatch(
      /^anonymous/,
    );
  });

  it('reports a broken config or auth entry without showing the secret', async () => {
    const broken = await dockerConfig('{ not json');
    await expect(resolveCredentials('q.io', { env: broken })).rejects.toThrow(/not valid JSON/);
    const bad = await dockerConfig({ auths: { 'q.io': { auth: b64('no-colon-secret') } } });
    const error = await resolveCredentials('q.io', { env: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(String((error as Error).message)).not.toContain('no-colon-secret');
  });
});

describe('credential helpers', () => {
  let bin: string;
  let record: string;

  beforeAll(async () => {
    bin = join(dir, 'bin');
    record = join(dir, 'helper-record');
    await mkdir(bin, { recursive: true });
    // Records its argv and stdin; answers per host; "<token>" for tokens, "not found" for unknown hosts.
    const script = `#!/bin/sh
input=$(cat)
printf '%s\\n' "$*" > "${record}.argv"
printf '%s' "$input" > "${record}.stdin"
case "$input" in
  helper.example) echo '{"ServerURL":"helper.example","Username":"helped","Secret":"s3cret"}' ;;
  token.example) echo '{"ServerURL":"token.example","Username":"<token>","Secret":"idtok"}' ;;
  https://index.docker.io/v1/) echo '{"ServerURL":"hub","Username":"hubber","Secret":"h"}' ;;
  broken.example) echo 'keychain exploded' >&2; exit 3 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;
    await writeFile(join(bin, 'docker-credential-test'), script);
    await chmod(join(bin, 'docker-credential-test'), 0o755);
  });

  const envWith = async (config: unknown) => ({
    ...(await dockerConfig(config)),
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
  });

  it('runs credHelpers[host] with the host on stdin and only "get" on argv', async () => {
    const env = await envWith({ credHelpers: { 'helper.example': 'test' } });
    const found = await resolveCredentials('helper.example', { env });
    expect(found).toMatchObject({ username: 'helped', password: 's3cret' });
    expect(found.source).toContain('docker-credential-test (credHelpers');
    expect(await readFile(`${record}.stdin`, 'utf8')).toBe('helper.example');
    expect((await readFile(`${record}.argv`, 'utf8')).trim()).toBe('get');
  });

  it('runs credsStore for every host, sends Docker Hub as https://index.docker.io/v1/, maps <token>', async () => {
    const env = await envWith({ credsStore: 'test' });
    expect(await resolveCredentials('docker.io', { env })).toMatchObject({ username: 'hubber' });
    expect(await readFile(`${record}.stdin`, 'utf8')).toBe('https://index.docker.io/v1/');
    const token = await resolveCredentials('token.example', { env });
    expect(token.identityToken).toBe('idtok');
    expect(token.username).toBeUndefined();
  });

  it('treats "credentials not found" as none, falling back to inline auths', async () => {
    const env = await envWith({ credsStore: 'test', auths: { 'inline.example': { auth: b64('in:line') } } });
    expect(await resolveCredentials('inline.example', { env })).toMatchObject({ username: 'in' });
    const none = await resolveCredentials('nothing.example', { env });
    expect(none.source).toMatch(/^anonymous \(credential helper docker-credential-test/);
  });

  it('fails clearly when a helper fails or is missing', async () => {
    const env = await envWith({ credHelpers: { 'broken.example': 'test', 'missing.example': 'absent' } });
    await expect(resolveCredentials('broken.example', { env })).rejects.toThrow(
      /docker-credential-test failed \(exit code 3\)/,
    );
    await expect(resolveCredentials('missing.example', { env })).rejects.toThrow(
      /docker-credential-absent is not installed/,
    );
  });
});
