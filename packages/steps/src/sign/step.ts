import { SlipwayError } from '@slipway/errors';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { openImage, pinnedName, resolveDigest } from '../images/open.js';
import { KEY_PASSWORD_VARIABLES } from './password.js';

export interface SignStepResult {
  readonly image: string;
  readonly digest: string;
  readonly pinned: string;
  readonly signatureRef: string;
  readonly keyFingerprint: string;
  readonly keyDescription: string;
  readonly identity: string;
  readonly added: boolean;
  readonly children: readonly string[];
  readonly isRegistry: boolean;
}

export const signStep = defineStep({
  name: 'sign',
  title: 'Slipway sign',
  description:
    'Sign an image by digest the way cosign does (simple signing payload, ECDSA P-256, stored as sha256-<hex>.sig), with a key file, an env var or AWS KMS.',
  branding: { icon: 'edit-3', color: 'green' },
  positionals: ['image'],
  secretEnv: KEY_PASSWORD_VARIABLES,
  secretEnvReferences: ['key'],
  inputs: {
    image: input.requiredString(
      'Image to sign: a registry reference (tag or digest) or oci:<dir>[:tag]; a tag is resolved to its digest first.',
    ),
    key: input.requiredString(
      'Signing key: a cosign.key path, env://NAME (the PEM in that variable), or awskms:///alias/name. Its password comes from SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD.',
      { env: ['SLIPWAY_SIGNING_KEY'] },
    ),
    annotation: input.list('Annotations key=value written into the signed payload (optional).'),
    identity: input.string(
      'docker-reference to sign (default: the repository without tag, as cosign writes it).',
    ),
    recursive: input.boolean('For a multi-platform index, also sign every platform manifest.', false),
    referrer: input.boolean(
      'Also store an OCI 1.1 referrer (sigstore bundle v0.3) beside the .sig tag.',
      false,
    ),
    'insecure-registry': input.list('Registries to reach over plain HTTP (localhost always is).'),
  },
  outputs: {
    digest: { description: 'The manifest digest that was signed.' },
    image: { description: 'The signed image, pinned: repository@sha256:….' },
    'signature-ref': { description: 'Where the signature lives: repository:sha256-<hex>.sig.' },
    'key-fingerprint': { description: 'SHA-256 of the public key (SPKI DER), hex.' },
    added: { description: 'false when the same key had already signed this digest (nothing written).' },
  },
  prepare: (values) => ({
    ...values,
    annotations: Object.fromEntries(
      values.annotation.map((pair) => {
        const eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new SlipwayError(`--annotation "${pair}" is not key=value`, {
            fix: 'write it like --annotation env=prod',
          });
        }
        return [pair.slice(0, eq), pair.slice(eq + 1)];
      }),
    ),
  }),
  run: async (params, context): Promise<SignStepResult> => {
    const { loadSigner, signImage } = await import('@slipway/sign');
    const image = await openImage(params.image, { insecureRegistries: params['insecure-registry'] }, context);
    const signer = await loadSigner(params.key, { env: context.env });
    const digest = await resolveDigest(image);
    context.reporter.info(
      `Signing ${pinnedName(image, digest)} with key ${signer.fingerprint.slice(0, 16)}… (${signer.description})`,
    );
    const result = await signImage({
      repository: image.repository,
      digest,
      signer,
      identity: params.identity,
      annotations: Object.keys(params.annotations).length > 0 ? params.annotations : undefined,
      recursive: params.recursive,
      referrer: params.referrer,
    });
    return {
      image: params.image,
      digest,
      pinned: pinnedName(image, digest),
      signatureRef: `${image.repository.name}:${result.signatureTag}`,
      keyFingerprint: result.keyFingerprint,
      keyDescription: signer.description,
      identity: result.identity,
      added: result.added,
      children: result.children.map((c) => c.digest),
      isRegistry: image.location.kind === 'registry',
    };
  },
  outputValues: (r) => ({
    digest: r.digest,
    image: r.pinned,
    'signature-ref': r.signatureRef,
    'key-fingerprint': r.keyFingerprint,
    added: String(r.added),
  }),
  json: (r) => ({
    digest: r.digest,
    image: r.pinned,
    signatureRef: r.signatureRef,
    keyFingerprint: r.keyFingerprint,
    identity: r.identity,
    added: r.added,
    children: r.children,
  }),
  summary: (r) => {
    const verify = r.isRegistry
      ? `\n\nCheck it with cosign:\n\n\`\`\`sh\ncosign verify --key cosign.pub --insecure-ignore-tlog=true ${r.pinned}\n\`\`\`\n`
      : '\n';
    return `## Slipway sign\n\n| | |\n| --- | --- |\n| Image | \`${r.pinned}\` |\n| Signature | \`${r.signatureRef}\`${r.added ? '' : ' (already signed by this key)'} |\n| Key | \`${r.keyFingerprint}\` (${r.keyDescription}) |\n| Identity | \`${r.identity}\` |${r.children.length > 0 ? `\n| Platform manifests | ${r.children.length} signed |` : ''}${verify}`;
  },
  text: (r) =>
    `${r.added ? 'signed' : 'already signed'} ${r.pinned}\n  signature ${r.signatureRef}\n  key       ${r.keyFingerprint}\n`,
});
