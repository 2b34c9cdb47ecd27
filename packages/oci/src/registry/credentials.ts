// Which credentials to offer a registry: explicit ones, else what `docker login` left in the docker
// config (inline `auths`, or a credential helper from `credHelpers` / `credsStore`).

import { join } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { DEFAULT_DOMAIN } from '../reference.js';
import { runCredentialHelper } from './credential-helper.js';

/** Credentials a caller passes in. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Credentials found for one registry, with words saying where they came from (never the secret). */
export interface ResolvedCredentials {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** An OAuth2 refresh token (`identitytoken` in the docker config, `<token>` from a helper). */
  readonly identityToken?: string | undefined;
  /** E.g. `docker config /home/me/.docker/config.json (auths["ghcr.io"])`, or `anonymous (…)`. */
  readonly source: string;
}

export interface CredentialOptions {
  /** Used as is, ahead of anything in the docker config. */
  readonly credentials?: Credentials | undefined;
  /** Where `DOCKER_CONFIG`, `HOME` and the helpers' `PATH` come from. Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/** The key `docker login` uses for Docker Hub in the docker config and with credential helpers. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTNAMES = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

export function hasSecret(credentials: ResolvedCredentials): boolean {
  return (
    credentials.identityToken !== undefined ||
    (credentials.username !== undefined && credentials.password !== undefined)
  );
}

/** The docker config file in effect: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG;
  if (dir !== undefined && dir !== '') return join(dir, 'config.json');
  const home =
    env.HOME !== undefined && env.HOME !== '' ? env.HOME : process.getBuiltinModule('node:os').homedir();
  return join(home, '.docker', 'config.json');
}

/** The server address docker uses for a registry domain (what `docker login` stores and helpers receive). */
export function dockerServerAddress(domain: string): string {
  return domain === DEFAULT_DOMAIN ? DOCKER_HUB_CONFIG_KEY : domain;
}

/** Finds the credentials for `domain` (a normalised reference domain). Never throws for "none found". */
export async function resolveCredentials(
  domain: string,
  options: CredentialOptions = {},
): Promise<ResolvedCredentials> {
  if (options.credentials !== undefined) {
    return { ...options.credentials, source: 'credentials passed explicitly' };
  }
  const env = options.env ?? process.env;
  const path = dockerConfigPath(env);
  const config = await readDockerConfig(path);
  const anonymous = { source: `anonymous (no credentials for ${domain} in ${path})` };
  if (config === undefined) return anonymous;

  const serverAddress = dockerServerAddress(domain);
  const helperKey = findKey(config.credHelpers, domain);
  const helper = helperKey === undefined ? undefined : config.credHelpers[helperKey];
  if (helper !== undefined && helper !== '') {
    const found = await runCredentialHelper(helper, serverAddress, { env });
    const source = `credential helper docker-credential-${helper} (credHelpers in ${path})`;
    return found === undefined
      ? { source: `anonymous (${source} has none for ${serverAddress})` }
      : { ...found, source };
  }

  let storeMiss: string | undefined;
  if (config.credsStore !== undefined && config.credsStore !== '') {
    const found = await runCredentialHelper(config.credsStore, serverAddress, { env });
    const source = `credential helper docker-credential-${config.credsStore} (credsStore in ${path})`;
    if (found !== undefined) return { ...found, source };
    storeMiss = `${source} has none for ${serverAddress}`;
  }

  const authKey = findKey(config.auths, domain);
  const entry = authKey === undefined ? undefined : config.auths[authKey];
  if (authKey !== undefined && entry !== undefined) {
    const inline = decodeAuthEntry(entry, path, authKey);
    if (inline !== undefined) return { ...inline, source: `docker config ${path} (auths["${authKey}"])` };
  }
  return storeMiss === undefined ? anonymous : { source: `anonymous (${storeMiss})` };
}

interface DockerConfig {
  auths: Record<string, unknown>;
  credHelpers: Record<string, string>;
  credsStore: string | undefined;
}

async function readDockerConfig(path: string): Promise<DockerConfig | undefined> {
  // Read once a registry asks for credentials (its first 401): node:fs/promises loads then, not at start-up.
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SlipwayError(`cannot read the docker config: ${(error as Error).message}`, {
      where: path,
      fix: 'make the file readable, or point DOCKER_CONFIG at another directory',
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SlipwayError('the docker config is not valid JSON', {
      where: path,
      fix: 'repair the file (or run `docker login` again), or point DOCKER_CONFIG at another directory',
    });
  }
  if (!isRecord(parsed)) return undefined;
  const credHelpers: Record<string, string> = {};
  if (isRecord(parsed.credHelpers)) {
    for (const [key, value] of Object.entries(parsed.credHelpers)) {
      if (typeof value === 'string') credHelpers[key] = value;
    }
  }
  return {
    auths: isRecord(parsed.auths) ? parsed.auths : {},
    credHelpers,
    credsStore: typeof parsed.credsStore === 'string' ? parsed.credsStore : undefined,
  };
}

/**
 * Docker's key matching: the exact server address first, then any key whose hostname (scheme and path
 * dropped) is the registry's. Docker Hub answers to its legacy names too.
 */
function findKey(record: Record<string, unknown>, domain: string): string | undefined {
  const serverAddress = dockerServerAddress(domain);
  if (Object.hasOwn(record, serverAddress)) return serverAddress;
  const wanted = domain === DEFAULT_DOMAIN ? DOCKER_HUB_HOSTNAMES : new Set([domain.toLowerCase()]);
  return Object.keys(record).find((key) => wanted.has(convertToHostname(key)));
}

function convertToHostname(key: string): string {
  const stripped = key.replace(/^https?:\/\//i, '');
  const slash = stripped.indexOf('/');
  return (slash < 0 ? stripped : stripped.slice(0, slash)).toLowerCase();
}

function decodeAuthEntry(
  entry: unknown,
  path: string,
  key: string,
): Omit<ResolvedCredentials, 'source'> | undefined {
  if (!isRecord(entry)) return undefined;
  const identityToken = nonEmptyString(entry.identitytoken);
  const auth = nonEmptyString(entry.auth);
  let username = nonEmptyString(entry.username);
  let password = nonEmptyString(entry.password);
  if (auth !== undefined) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      // Say nothing about the content: it is a secret even when malformed.
      throw new SlipwayError(`auths["${key}"].auth is not base64 of "username:password"`, {
        where: path,
        fix: `run \`docker login ${key}\` again`,
      });
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (identityToken !== undefined) return { username, identityToken };
  if (username !== undefined && password !== undefined) return { username, password };
  return undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
