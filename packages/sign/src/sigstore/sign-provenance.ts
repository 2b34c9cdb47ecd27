// Build provenance for an image, as `actions/attest-build-provenance` stores it with `push-to-registry`: the
// SLSA v1 statement for the digest, signed into a DSSE bundle, stored as a bundle referrer in every repository
// the image was pushed to. One signature per digest: the repositories share the statement, and a verifier
// matches its subject by digest.

import type { BundleReferrer } from '../referrer.js';
import { writeBundleReferrer } from '../referrer.js';
import type { SignatureRepository } from '../repository.js';
import type { CertificateIdentity } from './identity.js';
import { provenanceStatement, SLSA_PROVENANCE_V1, type WorkflowRun } from './provenance.js';
import { type BundleSigner, signBundle } from './sign-bundle.js';
import type { BundleWitnesses } from './sign-image-bundle.js';
import { encodeStatement } from './statement.js';

export interface ProvenanceReferrer extends BundleReferrer {
  /** The repository the referrer was written to. */
  readonly repository: string;
}

export interface SignedProvenance {
  readonly digest: string;
  readonly referrers: readonly ProvenanceReferrer[];
  readonly identity?: CertificateIdentity | undefined;
  readonly keyFingerprint?: string | undefined;
  readonly tlogEntries: number;
  readonly timestamps: number;
}

export async function signProvenance(
  options: {
    readonly run: WorkflowRun;
    /** The image's manifest digest and every repository it was pushed to; the first names the subject. */
    readonly digest: string;
    readonly repositories: readonly [SignatureRepository, ...SignatureRepository[]];
    readonly signer: BundleSigner;
  } & BundleWitnesses,
): Promise<SignedProvenance> {
  const [first] = options.repositories;
  const statement = provenanceStatement({
    run: options.run,
    jobWorkflowRef:
      options.signer.kind === 'keyless' ? jobWorkflowRef(options.signer.identityToken) : undefined,
    image: { repository: first.name, digest: options.digest },
  });
  const { bytes, ...signed } = await signBundle({
    statement: encodeStatement(statement),
    signer: options.signer,
    rekorUrl: options.rekorUrl,
    rekorVersion: options.rekorVersion,
    tsaUrl: options.tsaUrl,
  });
  const referrers: ProvenanceReferrer[] = [];
  for (const repository of options.repositories) {
    const referrer = await writeBundleReferrer({
      repository,
      digest: options.digest,
      bundle: bytes,
      predicateType: SLSA_PROVENANCE_V1,
    });
    referrers.push({ ...referrer, repository: repository.name });
  }
  return { digest: options.digest, referrers, ...signed };
}

const WORKFLOW_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[^\s@]+@\S+$/;

/**
 * GitHub's `job_workflow_ref` claim: the workflow whose job runs, the called one in a reusable workflow, which
 * Fulcio puts in the certificate and SLSA names as the builder. The token is GitHub's, fetched by us a moment
 * ago (Fulcio verifies it); here it is only read. Undefined for another issuer's token.
 */
function jobWorkflowRef(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const value =
      typeof claims === 'object' && claims !== null
        ? (claims as { job_workflow_ref?: unknown }).job_workflow_ref
        : undefined;
    return typeof value === 'string' && WORKFLOW_REF.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
