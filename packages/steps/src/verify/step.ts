import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import type { IdentityRule, TrustRoot, VerifiedSignature } from '@slipway/sign';
import { input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { openImage, pinnedName } from '../images/open.js';
import { identityFromInputs } from './identity-inputs.js';

export interface VerifyStepResult {
  readonly pinned: string;
  readonly digest: string;
  readonly signatureTag: string;
  readonly verified: readonly VerifiedSignature[];
  readonly rejected: number;
}

export const verifyStep = defineStep({
  name: 'verify',
  title: 'Slipway verify',
  description:
    'Verify an image’s cosign-compatible signatures (the .sig tag and Sigstore bundle referrers) against trusted public keys (PEM files, env vars or AWS KMS) or keyless certificate identities, with an identity rule.',
  branding: { icon: 'shield', color: 'green' },
  positionals: ['image'],
  inputs: {
    image: input.requiredString('Image to verify: a registry reference (tag or digest) or oci:<dir>[:tag].'),
    key: input.list(
      'Trusted public key(s): a .pub path, env://NAME, or awskms:///alias/name. One valid signature by any trusted key or identity is enough.',
    ),
    'certificate-identity': input.string(
      'Keyless: the certificate subject that must have signed, e.g. https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main.',
    ),
    'certificate-identity-regexp': input.string(
      'Keyless: a regular expression the certificate subject must match.',
    ),
    'certificate-oidc-issuer': input.string(
      'Keyless: the OIDC issuer that must have vouched for the signer (GitHub Actions: https://token.actions.githubusercontent.com).',
    ),
    'certificate-oidc-issuer-regexp': input.string(
      'Keyless: a regular expression the OIDC issuer must match.',
    ),
    'certificate-github-workflow-repository': input.string(
      'Keyless: the repository (owner/name) the signing workflow ran in.',
    ),
    'certificate-github-workflow-ref': input.string(
      'Keyless: the ref the signing workflow ran for (refs/heads/main).',
    ),
    'certificate-github-workflow-name': input.string('Keyless: the name of the signing workflow.'),
    'certificate-github-workflow-trigger': input.string(
      'Keyless: the event that triggered the signing workflow (push).',
    ),
    'certificate-github-workflow-sha': input.string('Keyless: the commit the signing workflow ran on.'),
    'trusted-root': input.string(
      'A Sigstore TrustedRoot JSON file (private or offline Sigstore) for keyless certificates, and, given with keys, to check the Rekor proofs of keyed .sig layers. Default for keyless: the public-good root, fetched through TUF.',
    ),
    'identity-rule': input.oneOf(
      'Which signed docker-reference is accepted: the image’s own repository, a fixed repository (after a copy), or an exact reference.',
      ['matchRepository', 'exactRepository', 'exactReference'] as const,
      'matchRepository',
    ),
    identity: input.string(
      'The repository (exactRepository) or reference (exactReference) the signature must name.',
    ),
    'insecure-registry': input.list('Registries to reach over plain HTTP (localhost always is).'),
  },
  outputs: {
    digest: { description: 'The manifest digest that was verified.' },
    image: { description: 'The verified image, pinned: repository@sha256:….' },
    'verified-by': {
      description:
        'Who verified: key fingerprints (SHA-256 of SPKI DER) and keyless identities (`<subject> (<issuer>)`), one per line.',
    },
  },
  prepare: (values) => {
    const rule = values['identity-rule'];
    if (rule !== 'matchRepository' && values.identity === undefined) {
      throw new SlipwayError(`--identity-rule ${rule} needs --identity`, {
        fix: rule === 'exactRepository' ? 'give --identity <repository>' : 'give --identity <repository:tag>',
      });
    }
    const identity: IdentityRule =
      rule === 'exactRepository'
        ? { rule, repository: values.identity ?? '' }
        : rule === 'exactReference'
          ? { rule, reference: values.identity ?? '' }
          : { rule };
    const certificate = identityFromInputs(values);
    if (values.key.length === 0 && certificate === undefined) {
      throw new SlipwayError('nothing to verify with: no trusted key and no certificate identity', {
        fix: 'give --key <public key>, or --certificate-identity and --certificate-oidc-issuer (keyless)',
      });
    }
    return {
      image: values.image,
      keys: values.key,
      identities: certificate === undefined ? [] : [certificate],
      trustedRoot: values['trusted-root'],
      identity,
      insecureRegistries: values['insecure-registry'],
    };
  },
  run: async (params, context): Promise<VerifyStepResult> => {
    const { loadVerifiers, verifyImage } = await import('@slipway/sign');
    // What is trusted is settled before the registry is asked anything.
    const keys = await loadVerifiers(params.keys, { env: context.env });
    // With keys alone a root is loaded only when given: it checks the Rekor proofs of keyed `.sig` layers.
    const trustRoot =
      params.identities.length === 0 && params.trustedRoot === undefined
        ? undefined
        : await openTrustRoot(params.trustedRoot, context);
    const image = await openImage(params.image, { insecureRegistries: params.insecureRegistries }, context);
    const result = await verifyImage({
      repository: image.repository,
      reference: image.reference,
      keys,
      identities: params.identities,
      trustRoot,
      identity: params.identity,
    });
    return {
      pinned: pinnedName(image, result.digest),
      digest: result.digest,
      signatureTag: result.signatureTag,
      verified: result.verified,
      rejected: result.rejected.length,
    };
  },
  outputValues: (r) => ({
    digest: r.digest,
    image: r.pinned,
    'verified-by': [...new Set(r.verified.map((v) => v.signedBy))].join('\n'),
  }),
  json: (r) => ({
    digest: r.digest,
    image: r.pinned,
    signatureTag: r.signatureTag,
    verified: r.verified.map((v) => ({
      format: v.format,
      signedBy: v.signedBy,
      keyFingerprint: v.keyFingerprint,
      key: v.keyDescription,
      identity: v.identity,
      dockerReference: v.dockerReference,
    })),
    rejected: r.rejected,
  }),
  summary: (r) =>
    `## Slipway verify\n\n\`${r.pinned}\`: ${r.verified.length} valid signature${r.verified.length === 1 ? '' : 's'}${r.rejected > 0 ? ` (${r.rejected} not trusted)` : ''}\n\n| Signed by | Key or certificate | Format | Signed identity |\n| --- | --- | --- | --- |\n${r.verified
      .map(
        (v) =>
          `| \`${v.keyFingerprint === undefined ? v.signedBy : `${v.keyFingerprint.slice(0, 16)}…`}\` | ${v.keyDescription} | ${v.format} | \`${v.dockerReference}\` |`,
      )
      .join('\n')}\n`,
  text: (r) =>
    `verified ${r.pinned}\n${r.verified.map((v) => `  by ${v.keyFingerprint === undefined ? v.signedBy : `${v.keyFingerprint} (${v.keyDescription})`} [${v.format}]${v.dockerReference === '' ? '' : ` for ${v.dockerReference}`}`).join('\n')}\n`,
});

/** The root keyless certificates are checked against: the given TrustedRoot file, else public-good via TUF. */
async function openTrustRoot(path: string | undefined, context: StepContext): Promise<TrustRoot> {
  const { loadTrustRoot, MAX_TRUSTED_ROOT_BYTES } = await import('@slipway/sign');
  if (path === undefined) return loadTrustRoot({ kind: 'public-good', env: context.env });
  const file = resolve(context.cwd, path);
  const refuse = (what: string) =>
    new SlipwayError(`the trusted root ${what}`, {
      where: `--trusted-root ${path}`,
      fix: 'give the path of a TrustedRoot JSON file (e.g. `cosign trusted-root create`, or your Sigstore instance’s trusted_root.json)',
    });
  let bytes: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      // Sized before it is read: a trusted root is kilobytes, and a wrong path could name anything.
      const { size } = await handle.stat();
      if (size > MAX_TRUSTED_ROOT_BYTES)
        throw refuse(`is ${size} bytes, more than the ${MAX_TRUSTED_ROOT_BYTES} allowed`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return loadTrustRoot({ kind: 'json', bytes, where: path });
}
