// The identity a Fulcio leaf certificate binds, read with @sigstore/core's X.509 parser: the subject
// alternative name, the OIDC issuer and GitHub's workflow extensions. Fulcio writes each extension in a
// current form (a DER UTF8String) and most also in a legacy one (the raw text); the current one wins.

import type { CertificateIdentity } from './identity.js';

const FULCIO_OID = '1.3.6.1.4.1.57264.1.';
/** [current, legacy] OID suffixes, as identity.ts documents them. */
const FIELDS = {
  issuer: ['8', '1'],
  repository: ['12', '5'],
  ref: ['14', '6'],
  workflow: [undefined, '4'],
  trigger: ['20', '2'],
  sha: ['13', '3'],
} as const;

/** What the DER certificate says of its signer; undefined fields are absent from it. */
export async function identityFromCertificate(der: Uint8Array): Promise<CertificateIdentity> {
  const { X509Certificate } = await import('@sigstore/core');
  const certificate = X509Certificate.parse(Buffer.from(der));
  const read = ([current, legacy]: readonly [string | undefined, string]): string | undefined => {
    if (current !== undefined) {
      const extension = certificate.extension(FULCIO_OID + current);
      const text = extension?.valueObj.subs[0]?.value.toString('utf8');
      if (text !== undefined) return text;
    }
    return certificate.extension(FULCIO_OID + legacy)?.value.toString('utf8');
  };
  const sourceRepository = read(FIELDS.repository);
  return {
    subject: certificate.subjectAltName ?? '',
    issuer: read(FIELDS.issuer) ?? '',
    github: {
      // The current extension is the repository's URL; the legacy one (and the policy) says owner/repo.
      repository: sourceRepository?.replace(/^https:\/\/github\.com\//, ''),
      ref: read(FIELDS.ref),
      workflow: read(FIELDS.workflow),
      trigger: read(FIELDS.trigger),
      sha: read(FIELDS.sha),
    },
  };
}
