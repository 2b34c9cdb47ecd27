// AWS KMS keys, named as cosign names them: `awskms://[endpoint]/<key id | alias/name | key or alias ARN>`.
// KMS signs SHA-256 digests (`MessageType: DIGEST`, `ECDSA_SHA_256`) and answers DER signatures;
// `GetPublicKey` answers SPKI DER, so verification happens locally like for any public key.

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { GetPublicKeyCommandOutput, KMSClient, KMSClientConfig } from '@aws-sdk/client-kms';
import { SlipwayError } from '@slipway/errors';
import { isDerEcdsaSignature } from './der.js';
import { publicKeyVerifier } from './local.js';
import { keyFingerprint, publicKeyPem, type Signer, type Verifier } from './types.js';

export const KMS_SCHEME = 'awskms://';

export interface KmsKeyUri {
  /** The URI as given. */
  readonly uri: string;
  /** `host[:port]` of a KMS-compatible endpoint, when the URI names one. */
  readonly endpoint: string | undefined;
  /** What KMS calls `KeyId`: a key id, `alias/name`, or an ARN. */
  readonly keyId: string;
  /** The region an ARN names. */
  readonly region: string | undefined;
}

export interface KmsOptions {
  /** A client to use (tests, custom credentials). Default: a new `KMSClient` per endpoint and region. */
  readonly client?: KMSClient | undefined;
  /** Region when the key is not an ARN; default: the SDK's chain (`AWS_REGION`, profile). */
  readonly region?: string | undefined;
}

const KEY_ID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_RE = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const ARN_RE = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

export function isKmsUri(text: string): boolean {
  return text.startsWith(KMS_SCHEME);
}

/** Parses `awskms:///alias/release`, `awskms:///<key id or ARN>`, `awskms://<endpoint>/…`. */
export function parseKmsUri(uri: string): KmsKeyUri {
  const invalid = (reason: string) =>
    new SlipwayError(`invalid AWS KMS key URI: ${reason}`, {
      where: uri,
      fix: 'write awskms:///alias/<name>, awskms:///<key id>, awskms:///<key ARN> or awskms://<endpoint>/<key>',
    });
  if (!isKmsUri(uri)) throw invalid(`it does not start with ${KMS_SCHEME}`);
  const rest = uri.slice(KMS_SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw invalid('the key is missing');
  const endpoint = rest.slice(0, slash);
  const keyId = rest.slice(slash + 1);
  if (endpoint !== '' && !/^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(endpoint)) {
    throw invalid(`endpoint "${endpoint}" is not host[:port]`);
  }
  const arn = ARN_RE.exec(keyId);
  if (arn === null && !KEY_ID_RE.test(keyId) && !ALIAS_RE.test(keyId)) {
    throw invalid(`"${keyId}" is not a key id, alias/<name> or KMS ARN`);
  }
  return { uri, endpoint: endpoint === '' ? undefined : endpoint, keyId, region: arn?.[1] };
}

/** A signer whose private key never leaves KMS. Fetches the public key (and checks its spec) first. */
export async function kmsSigner(uri: string, options: KmsOptions = {}): Promise<Signer> {
  const key = parseKmsUri(uri);
  const { client, commands } = await kmsClient(key, options);
  const publicKey = await fetchPublicKey(key, client, commands);
  return {
    description: `AWS KMS key ${key.keyId}`,
    publicKey,
    publicKeyPem: publicKeyPem(publicKey),
    fingerprint: keyFingerprint(publicKey),
    async sign(payload) {
      const digest = createHash('sha256').update(payload).digest();
      let signature: Uint8Array | undefined;
      try {
        const answer = await client.send(
          new commands.SignCommand({
            KeyId: key.keyId,
            Message: digest,
            MessageType: 'DIGEST',
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        );
        signature = answer.Signature;
      } catch (error) {
        throw kmsError(key, 'Sign', error);
      }
      if (signature === undefined || !isDerEcdsaSignature(signature)) {
        throw new SlipwayError('AWS KMS answered no DER ECDSA signature', {
          where: key.uri,
          fix: 'check that the key is an ECC_NIST_P256 SIGN_VERIFY key',
        });
      }
      return new Uint8Array(signature);
    },
  };
}

/** A verifier over a KMS key's public key (fetched once; verification is local). */
export async function kmsVerifier(uri: string, options: KmsOptions = {}): Promise<Verifier> {
  const key = parseKmsUri(uri);
  const { client, commands } = await kmsClient(key, options);
  return publicKeyVerifier(await fetchPublicKey(key, client, commands), `AWS KMS key ${key.keyId}`);
}

type KmsModule = typeof import('@aws-sdk/client-kms');

/** The HTTP timeouts of the KMS client Slipway creates (one given in the options keeps its own). */
export const KMS_HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 } as const;

async function kmsClient(
  key: KmsKeyUri,
  options: KmsOptions,
): Promise<{ client: KMSClient; commands: KmsModule }> {
  // Loaded on first use: most runs never touch KMS and the SDK is heavy to load.
  const commands = await import('@aws-sdk/client-kms');
  if (options.client !== undefined) return { client: options.client, commands };
  // The SDK's default is no timeout: 10 s to connect, 60 s of silence on a request (then the SDK retries).
  const config: KMSClientConfig = { requestHandler: KMS_HTTP_TIMEOUTS };
  const region = key.region ?? options.region;
  if (region !== undefined) config.region = region;
  if (key.endpoint !== undefined) {
    const loopback = /^(localhost|127\.[0-9.]+)(:|$)/.test(key.endpoint);
    config.endpoint = `${loopback ? 'http' : 'https'}://${key.endpoint}`;
  }
  return { client: new commands.KMSClient(config), commands };
}

async function fetchPublicKey(key: KmsKeyUri, client: KMSClient, commands: KmsModule): Promise<KeyObject> {
  let answer: GetPublicKeyCommandOutput;
  try {
    answer = await client.send(new commands.GetPublicKeyCommand({ KeyId: key.keyId }));
  } catch (error) {
    throw kmsError(key, 'GetPublicKey', error);
  }
  if (answer.KeySpec !== 'ECC_NIST_P256') {
    throw new SlipwayError(`AWS KMS key has key spec ${answer.KeySpec ?? 'unknown'}, not ECC_NIST_P256`, {
      where: key.uri,
      fix: 'create the signing key with `aws kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY` (containers/image verifies ECDSA P-256 with SHA-256 only)',
    });
  }
  if (answer.KeyUsage !== undefined && answer.KeyUsage !== 'SIGN_VERIFY') {
    throw new SlipwayError(`AWS KMS key has key usage ${answer.KeyUsage}, not SIGN_VERIFY`, {
      where: key.uri,
      fix: 'use a key created with --key-usage SIGN_VERIFY',
    });
  }
  if (answer.PublicKey === undefined) {
    throw new SlipwayError('AWS KMS answered no public key', {
      where: key.uri,
      fix: 'retry; check the key state',
    });
  }
  return createPublicKey({ key: Buffer.from(answer.PublicKey), format: 'der', type: 'spki' });
}

function kmsError(key: KmsKeyUri, operation: string, error: unknown): SlipwayError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fix =
    name === 'NotFoundException'
      ? `check the key or alias "${key.keyId}" and the region (AWS_REGION)`
      : name === 'AccessDeniedException'
        ? `grant kms:${operation} on the key to the role Slipway runs as`
        : name === 'KMSInvalidStateException' || name === 'DisabledException'
          ? 'enable the key (it is disabled or pending deletion)'
          : 'check the AWS credentials, the region (AWS_REGION) and the key';
  return new SlipwayError(`AWS KMS ${operation} failed: ${name}: ${message}`, {
    where: key.uri,
    fix,
    cause: error,
  });
}
