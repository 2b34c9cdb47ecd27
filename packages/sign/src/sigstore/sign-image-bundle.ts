// cosign 3's image signature: the sign statement for the digest, signed into a bundle, stored as a
// referrer of the image. One path for keyless signing and for a key's bundle beside its `.sig` tag.

import { type BundleReferrer, writeBundleReferrer } from '../referrer.js';
import type { SignatureRepository } from '../repository.js';
import { type BundleSigner, type SignedBundle, signBundle } from './sign-bundle.js';
import { encodeStatement, imageSignatureStatement, SIGN_PREDICATE_TYPE } from './statement.js';

/** Where a bundle's signature is witnessed: a transparency log, a timestamp authority, both or neither. */
export interface BundleWitnesses {
  readonly rekorUrl?: string | undefined;
  readonly rekorVersion?: 1 | 2 | undefined;
  readonly tsaUrl?: string | undefined;
}

export interface ImageBundle extends BundleReferrer, Omit<SignedBundle, 'bytes'> {}

export async function signImageBundle(
  options: {
    readonly repository: SignatureRepository;
    readonly digest: string;
    readonly signer: BundleSigner;
    readonly annotations?: Readonly<Record<string, string>> | undefined;
  } & BundleWitnesses,
): Promise<ImageBundle> {
  const statement = encodeStatement(
    imageSignatureStatement({ digest: options.digest, annotations: options.annotations }),
  );
  const { bytes, ...signed } = await signBundle({
    statement,
    signer: options.signer,
    rekorUrl: options.rekorUrl,
    rekorVersion: options.rekorVersion,
    tsaUrl: options.tsaUrl,
  });
  const referrer = await writeBundleReferrer({
    repository: options.repository,
    digest: options.digest,
    bundle: bytes,
    predicateType: SIGN_PREDICATE_TYPE,
  });
  return { ...referrer, ...signed };
}
