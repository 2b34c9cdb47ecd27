// Key sources as users write them: a file path, `env://NAME` (the PEM text in an environment variable),
// PEM text itself, or an AWS KMS URI.

import { readFile, writeFile } from 'node:fs/promises';
import { SlipwayError } from '@slipway/errors';
import { isKmsUri, type KmsOptions, kmsSigner, kmsVerifier } from './kms.js';
import { generateKeyPair, localSigner, publicKeyVerifier, readPrivateKey, readPublicKey } from './local.js';
import type { Signer, Verifier } from './types.js';

export const PASSWORD_VARIABLES = ['SLIPWAY_KEY_PASSWORD', 'COSIGN_PASSWORD'] as const;
const ENV_SCHEME = 'env://';

/** A trusted key as the policy and flags name it. */
export type KeySource =
  | { readonly path: string }
  | { readonly pem: string }
  | { readonly kms: string }
  | { readonly env: string };

export interface KeyLoadOptions {
  /** For `env://` sources and the password variables. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Overrides `SLIPWAY_KEY_PASSWORD` / `COSIGN_PASSWORD`. */
  readonly password?: string | undefined;
  /** How `path` sources are read (the policy's keys live in the config repo). Default: the file system. */
  readonly readFile?: ((path: string) => Promise<string | Uint8Array>) | undefined;
  readonly kms?: KmsOptions | undefined;
}

/** `awskms://…` → kms, `env://NAME` → env, PEM text → pem, anything else → a path. */
export function parseKeySource(text: string): KeySource {
  if (isKmsUri(text)) return { kms: text };
  if (text.startsWith(ENV_SCHEME)) return { env: text.slice(ENV_SCHEME.length) };
  if (text.includes('-----BEGIN ')) return { pem: text };
  return { path: text };
}

/** The password for encrypted keys: the option, else SLIPWAY_KEY_PASSWORD, else COSIGN_PASSWORD (may be ""). */
export function keyPassword(options: KeyLoadOptions = {}): { password: string; source: string } {
  if (options.password !== undefined) return { password: options.password, source: 'the given password' };
  const env = options.env ?? process.env;
  for (const name of PASSWORD_VARIABLES) {
    const value = env[name];
    if (value !== undefined) return { password: value, source: name };
  }
  return { password: '', source: 'no password (SLIPWAY_KEY_PASSWORD and COSIGN_PASSWORD unset)' };
}

/** Loads a private key for signing from a path, `env://NAME`, PEM text or `awskms://…`. */
export async function loadSigner(source: string | KeySource, options: KeyLoadOptions = {}): Promise<Signer> {
  const parsed = typeof source === 'string' ? parseKeySource(source) : source;
  if ('kms' in parsed) return kmsSigner(parsed.kms, options.kms);
  const text = await keyText(parsed, options);
  const { password } = keyPassword(options);
  const privateKey = await readPrivateKey(text, password);
  return localSigner(privateKey, text.origin);
}

/** Loads a trusted public key from a path, `env://NAME`, PEM text or `awskms://…`. */
export async function loadVerifier(
  source: string | KeySource,
  options: KeyLoadOptions = {},
): Promise<Verifier> {
  const parsed = typeof source === 'string' ? parseKeySource(source) : source;
  if ('kms' in parsed) return kmsVerifier(parsed.kms, options.kms);
  const text = await keyText(parsed, options);
  return publicKeyVerifier(readPublicKey(text), text.origin);
}

/** Loads several trusted keys (in order, failing on the first unreadable one). */
export function loadVerifiers(
  sources: readonly (string | KeySource)[],
  options: KeyLoadOptions = {},
): Promise<Verifier[]> {
  return Promise.all(sources.map((source) => loadVerifier(source, options)));
}

export interface WriteKeyPairOptions {
  /** Where the encrypted private key goes (mode 0600), e.g. `cosign.key`. */
  readonly privateKeyPath: string;
  /** Where the public key goes, e.g. `cosign.pub`. */
  readonly publicKeyPath: string;
  /** Default: from SLIPWAY_KEY_PASSWORD / COSIGN_PASSWORD, else empty. */
  readonly password?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Replace existing files. Default false: refuse. */
  readonly overwrite?: boolean | undefined;
}

/** Generates a key pair and writes both files; never overwrites unless told. */
export async function writeKeyPair(
  options: WriteKeyPairOptions,
): Promise<{ privateKeyPath: string; publicKeyPath: string; publicKeyPem: string; fingerprint: string }> {
  const { password } = keyPassword({ password: options.password, env: options.env });
  const pair = await generateKeyPair({ password });
  const flag = options.overwrite === true ? 'w' : 'wx';
  for (const [path, text, mode] of [
    [options.privateKeyPath, pair.privateKeyPem, 0o600],
    [options.publicKeyPath, pair.publicKeyPem, 0o644],
  ] as const) {
    try {
      await writeFile(path, text, { flag, mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SlipwayError(
        code === 'EEXIST' ? 'the file already exists' : `cannot write the key (${code ?? String(error)})`,
        {
          where: path,
          fix:
            code === 'EEXIST'
              ? 'move the old key away, or pass --overwrite to replace it'
              : 'check the directory and its permissions',
          cause: error,
        },
      );
    }
  }
  return {
    privateKeyPath: options.privateKeyPath,
    publicKeyPath: options.publicKeyPath,
    publicKeyPem: pair.publicKeyPem,
    fingerprint: pair.fingerprint,
  };
}

async function keyText(
  source: { path: string } | { pem: string } | { env: string },
  options: KeyLoadOptions,
): Promise<{ text: string; origin: string }> {
  if ('pem' in source) return { text: source.pem, origin: 'inline PEM key' };
  if ('env' in source) {
    const value = (options.env ?? process.env)[source.env];
    if (value === undefined || value.trim() === '') {
      throw new SlipwayError(`environment variable ${source.env} is not set`, {
        where: `env://${source.env}`,
        fix: `set ${source.env} to the PEM text of the key (for example from a CI secret)`,
      });
    }
    return { text: value, origin: `environment variable ${source.env}` };
  }
  try {
    const content = await (options.readFile ?? readFile)(source.path);
    return {
      text: typeof content === 'string' ? content : Buffer.from(content).toString('utf8'),
      origin: `key file ${source.path}`,
    };
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SlipwayError(
      code === 'ENOENT' ? 'key file not found' : `cannot read the key file (${code ?? String(error)})`,
      {
        where: source.path,
        fix: 'check the path (relative paths start at the working directory, or the config repo for policy keys)',
        cause: error,
      },
    );
  }
}
