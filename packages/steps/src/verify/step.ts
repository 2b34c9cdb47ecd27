import { SlipwayError } from '@slipway/errors';
import type { IdentityRule, VerifiedSignature } from '@slipway/sign';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { openImage, pinnedName } from '../images/open.js';

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
    'Verify an image’s cosign-compatible signatures against trusted public keys (PEM files, env vars or AWS KMS), with an identity rule.',
  branding: { icon: 'shield', color: 'green' },
  positionals: ['image'],
  inputs: {
    image: input.requiredString('Image to verify: a registry reference (tag or digest) or oci:<dir>[:tag].'),
    key: input.list(
      'Trusted public key(s): a .pub path, env://NAME, or awskms:///alias/name. One valid signature by any is enough.',
      {
        required: true,
      },
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
      description: 'Fingerprints (SHA-256 of SPKI DER) of the keys that verified a signature, one per line.',
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
    return {
      image: values.image,
      keys: values.key,
      identity,
      insecureRegistries: values['insecure-registry'],
    };
  },
  run: async (params, context): Promise<VerifyStepResult> => {
    const { loadVerifiers, verifyImage } = await import('@slipway/sign');
    const image = await openImage(params.image, { insecureRegistries: params.insecureRegistries }, context);
    const keys = await loadVerifiers(params.keys, { env: context.env });
    const result = await verifyImage({
      repository: image.repository,
      reference: image.reference,
      keys,
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
    'verified-by': [...new Set(r.verified.map((v) => v.keyFingerprint))].join('\n'),
  }),
  json: (r) => ({
    digest: r.digest,
    image: r.pinned,
    signatureTag: r.signatureTag,
    verified: r.verified.map((v) => ({
      keyFingerprint: v.keyFingerprint,
      key: v.keyDescription,
      dockerReference: v.dockerReference,
    })),
    rejected: r.rejected,
  }),
  summary: (r) =>
    `## Slipway verify\n\n\`${r.pinned}\`: ${r.verified.length} valid signature${r.verified.length === 1 ? '' : 's'}${r.rejected > 0 ? ` (${r.rejected} not trusted)` : ''}\n\n| Key fingerprint | Key | Signed identity |\n| --- | --- | --- |\n${r.verified
      .map(
        (v) => `| \`${v.keyFingerprint.slice(0, 16)}…\` | ${v.keyDescription} | \`${v.dockerReference}\` |`,
      )
      .join('\n')}\n`,
  text: (r) =>
    `verified ${r.pinned}\n${r.verified.map((v) => `  by ${v.keyFingerprint} (${v.keyDescription}) for ${v.dockerReference}`).join('\n')}\n`,
});
