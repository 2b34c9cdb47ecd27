// A keyed `.sig` signature logged in Rekor v1, as cosign 2 `sign --key --tlog-upload` does: a `hashedrekord`
// entry (the payload's SHA-256, the DER signature, the public key), its proof kept in the layer's
// `dev.sigstore.cosign/bundle` annotation, which a default `cosign verify --key` insists on. sigstore-js
// makes the entry; it is loaded here, on first use only.

import { SlipwayError } from '@slipway/errors';
import type { Signer } from '../keys/types.js';
import { REKOR_BUNDLE_ANNOTATION } from './cosign2-keyless.js';
import { serviceFailure } from './sign-bundle.js';

export interface TlogUpload {
  /** Rekor's base URL (its v1 API: `/api/v1/log/entries`). */
  readonly rekorUrl: string;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const RETRY = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 };

/**
 * Logs `signature` (already made by `signer` over `payload`) in Rekor; answers the layer annotations that
 * carry the proof. The layer's signature and the logged one must be the same bytes, so sigstore-js is handed
 * the signature made rather than asked to sign again (ECDSA signatures differ each time).
 */
export async function logLayerSignature(options: {
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  readonly signer: Signer;
  readonly tlog: TlogUpload;
}): Promise<Record<string, string>> {
  const { payload, signature, signer, tlog } = options;
  const sigstore = await import('@sigstore/sign');
  const timeout = tlog.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const witness = new sigstore.RekorWitness({
    rekorBaseURL: tlog.rekorUrl,
    majorApiVersion: 1,
    // A conflict is a retry of this very request after Rekor took it: the entry is there, fetch it.
    fetchOnConflict: true,
    timeout,
    retry: RETRY,
  });
  const made = {
    sign: async (data: Buffer) => {
      if (!data.equals(payload)) throw new Error('bug: Rekor asked to sign other bytes than the payload');
      return {
        signature: Buffer.from(signature),
        key: { $case: 'publicKey' as const, publicKey: signer.publicKeyPem },
      };
    },
  };
  let bundle: Awaited<ReturnType<InstanceType<typeof sigstore.MessageSignatureBundleBuilder>['create']>>;
  try {
    bundle = await new sigstore.MessageSignatureBundleBuilder({
      signer: made,
      witnesses: [witness],
    }).create({ data: Buffer.from(payload) });
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw new SlipwayError(`Rekor ${serviceFailure(error)} when asked to log the signature`, {
      where: tlog.rekorUrl,
      fix: 'retry; check the Rekor URL and that this machine reaches it, or sign without the log (the signature then needs cosign verify --insecure-ignore-tlog)',
      cause: error,
    });
  }
  const entry = bundle.verificationMaterial.tlogEntries[0];
  const promise = entry?.inclusionPromise?.signedEntryTimestamp;
  if (entry === undefined || promise === undefined) {
    throw new SlipwayError('Rekor logged the signature without a signed entry timestamp', {
      where: tlog.rekorUrl,
      fix: "use a Rekor v1 log (cosign 2 reads only v1's signed entry timestamp)",
    });
  }
  return {
    [REKOR_BUNDLE_ANNOTATION]: rekorBundleAnnotation({
      signedEntryTimestamp: promise,
      body: entry.canonicalizedBody,
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logId: entry.logId.keyId,
    }),
  };
}

/**
 * cosign's RekorBundle (pkg/cosign/bundle), keys in its order: `SignedEntryTimestamp` base64, `Payload` with
 * the entry body base64, the integrated time and index as JSON integers and the log ID in hex.
 */
function rekorBundleAnnotation(entry: {
  signedEntryTimestamp: Buffer;
  body: Buffer;
  integratedTime: number;
  logIndex: number;
  logId: Buffer;
}): string {
  return JSON.stringify({
    SignedEntryTimestamp: entry.signedEntryTimestamp.toString('base64'),
    Payload: {
      body: entry.body.toString('base64'),
      integratedTime: entry.integratedTime,
      logIndex: entry.logIndex,
      logID: entry.logId.toString('hex'),
    },
  });
}
