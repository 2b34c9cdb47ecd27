import { SlipwayError } from '@slipway/errors';
import type { ImageBundle, SigstoreEndpoints } from '@slipway/sign';
import { input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { openImage, pinnedName, resolveDigest } from '../images/open.js';
import {
  bundleWitnesses,
  checkSigstoreInputs,
  keylessSigner,
  requiredRekor,
  sigstoreEndpoints,
  sigstoreInputs,
} from './bundle-signer.js';
import { KEY_PASSWORD_VARIABLES } from './password.js';
import { IDENTITY_TOKEN_VARIABLES } from './sigstore.js';

export interface SignStepResult {
  readonly image: string;
  readonly digest: string;
  readonly pinned: string;
  readonly repository: string;
  /** `repository:sha256-<hex>.sig` with a key; the bundle referrer `repository@sha256:…` keyless. */
  readonly signatureRef: string;
  readonly keyFingerprint?: string | undefined;
  readonly keyDescription?: string | undefined;
  /** The `docker-reference` of the simple-signing payload (key signatures only). */
  readonly identity?: string | undefined;
  readonly added: boolean;
  readonly children: readonly string[];
  readonly isRegistry: boolean;
  /** The bundle referrer, when one was written (keyless always; with a key when `referrer`). */
  readonly bundle?: ImageBundle | undefined;
}

export const signStep = defineStep({
  name: 'sign',
  title: 'Slipway sign',
  description:
    'Sign an image by digest as cosign does. With a key (file, env var or AWS KMS): the simple-signing payload in sha256-<hex>.sig (cosign 2, containers/image), plus a sigstore bundle referrer with --referrer. Without a key: keyless, cosign 3’s way — a Fulcio certificate for the OIDC identity (SIGSTORE_ID_TOKEN or GitHub Actions with id-token: write), logged in Rekor and/or timestamped, stored as an OCI 1.1 bundle referrer (sha256-<hex> index tag where the registry lacks the referrers API). cosign 3 `verify --key` reads the bundle and wants its Rekor entry (--tlog-upload true), or --insecure-ignore-tlog.',
  branding: { icon: 'edit-3', color: 'green' },
  positionals: ['image'],
  secretEnv: [...KEY_PASSWORD_VARIABLES, ...IDENTITY_TOKEN_VARIABLES],
  secretEnvReferences: ['key'],
  inputs: {
    image: input.requiredString(
      'Image to sign: a registry reference (tag or digest) or oci:<dir>[:tag]; a tag is resolved to its digest first.',
    ),
    key: input.string(
      'Signing key: a cosign.key path, env://NAME (the PEM in that variable), or awskms:///alias/name. Its password comes from SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD. Without a key: keyless signing.',
      { env: ['SLIPWAY_SIGNING_KEY'] },
    ),
    annotation: input.list('Annotations key=value written into the signed payload (optional).'),
    identity: input.string(
      'docker-reference to sign (default: the repository without tag, as cosign writes it). Key signatures only: a keyless bundle names the image by digest.',
    ),
    recursive: input.boolean('For a multi-platform index, also sign every platform manifest.', false),
    referrer: input.boolean(
      'With a key: also store an OCI 1.1 referrer (sigstore bundle v0.3) beside the .sig tag. Keyless signing always writes one.',
      false,
    ),
    ...sigstoreInputs,
    'insecure-registry': input.list('Registries to reach over plain HTTP (localhost always is).'),
  },
  outputs: {
    digest: { description: 'The manifest digest that was signed.' },
    image: { description: 'The signed image, pinned: repository@sha256:….' },
    'signature-ref': {
      description:
        'Where the signature lives: repository:sha256-<hex>.sig (key), or the bundle referrer repository@sha256:… (keyless).',
    },
    'key-fingerprint': { description: 'SHA-256 of the public key (SPKI DER), hex; empty when keyless.' },
    'bundle-digest': { description: 'Digest of the bundle referrer manifest; empty when none was written.' },
    'certificate-identity': {
      description: 'Keyless: the certificate’s subject (cosign --certificate-identity).',
    },
    'certificate-oidc-issuer': {
      description: 'Keyless: the OIDC issuer (cosign --certificate-oidc-issuer); empty for keys.',
    },
    added: { description: 'false when the same key had already signed this digest (nothing written).' },
  },
  prepare: (values, context) => {
    const keyless = values.key === undefined;
    if (keyless && values.identity !== undefined) {
      throw new SlipwayError('--identity names the docker-reference of a key signature', {
        where: '--identity',
        fix: 'drop it for keyless signing (the bundle names the image by digest), or sign with --key',
      });
    }
    const checked = checkSigstoreInputs(
      values,
      {
        key: values.key,
        keyFlag: '--key',
        // With a key, the services serve the bundle referrer (--referrer) or the `.sig` layer's Rekor entry.
        signsBundle: keyless || values.referrer || values['tlog-upload'] === 'true',
        bundleNotSigned:
          'the bundle referrer or the Rekor entry, which a key signature writes only with --referrer or --tlog-upload true',
        signsBundleFix: 'add --referrer or --tlog-upload true',
      },
      context.env,
    );
    return {
      ...checked,
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
    };
  },
  run: async (params, context): Promise<SignStepResult> => {
    const sign = await import('@slipway/sign');
    // The services are checked before anything is asked of a registry or a token endpoint.
    const endpoints = await sigstoreEndpoints(params, params.key === undefined, context, sign);
    const request: SignRequest = {
      params,
      annotations: Object.keys(params.annotations).length > 0 ? params.annotations : undefined,
      endpoints,
      sign,
    };
    return params.key === undefined
      ? signKeyless(request, context)
      : signWithKey(request, params.key, context);
  },
  outputValues: (r) => ({
    digest: r.digest,
    image: r.pinned,
    'signature-ref': r.signatureRef,
    'key-fingerprint': r.keyFingerprint ?? '',
    'bundle-digest': r.bundle?.manifestDigest ?? '',
    'certificate-identity': r.bundle?.identity?.subject ?? '',
    'certificate-oidc-issuer': r.bundle?.identity?.issuer ?? '',
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
    ...(r.bundle === undefined
      ? {}
      : {
          bundle: {
            manifestDigest: r.bundle.manifestDigest,
            bundleDigest: r.bundle.bundleDigest,
            fallbackTag: r.bundle.fallbackTag,
            tlogEntries: r.bundle.tlogEntries,
            timestamps: r.bundle.timestamps,
          },
        }),
    ...(r.bundle?.identity === undefined
      ? {}
      : { certificateIdentity: r.bundle.identity.subject, certificateOidcIssuer: r.bundle.identity.issuer }),
  }),
  summary: (r) => {
    const rows = [
      `| Image | \`${r.pinned}\` |`,
      r.keyFingerprint === undefined
        ? `| Bundle | \`${r.signatureRef}\` |`
        : `| Signature | \`${r.signatureRef}\`${r.added ? '' : ' (already signed by this key)'} |`,
      r.keyFingerprint === undefined ? '' : `| Key | \`${r.keyFingerprint}\` (${r.keyDescription ?? ''}) |`,
      r.identity === undefined ? '' : `| Identity | \`${r.identity}\` |`,
      r.bundle?.identity === undefined
        ? ''
        : `| Certificate identity | \`${r.bundle.identity.subject}\` |\n| OIDC issuer | \`${r.bundle.identity.issuer}\` |`,
      r.keyFingerprint !== undefined && r.bundle !== undefined
        ? `| Bundle | \`${r.repository}@${r.bundle.manifestDigest}\` |`
        : '',
      r.bundle === undefined ? '' : `| Witnessed by | ${witnessed(r.bundle)} |`,
      r.children.length > 0 ? `| Platform manifests | ${r.children.length} signed |` : '',
    ].filter((row) => row !== '');
    const verify = r.isRegistry
      ? `\n\nCheck it with cosign:\n\n\`\`\`sh\n${verifyCommand(r)}\n\`\`\`\n`
      : '\n';
    return `## Slipway sign\n\n| | |\n| --- | --- |\n${rows.join('\n')}${verify}`;
  },
  text: (r) => {
    if (r.keyFingerprint === undefined) {
      const who = r.bundle?.identity;
      return `signed ${r.pinned} (keyless)\n  bundle    ${r.signatureRef}\n  identity  ${who?.subject ?? ''}\n  issuer    ${who?.issuer ?? ''}\n  check     ${verifyCommand(r)}\n`;
    }
    const bundle = r.bundle === undefined ? '' : `  bundle    ${r.repository}@${r.bundle.manifestDigest}\n`;
    return `${r.added ? 'signed' : 'already signed'} ${r.pinned}\n  signature ${r.signatureRef}\n  key       ${r.keyFingerprint}\n${bundle}`;
  },
});

interface SignRequest {
  readonly params: {
    readonly image: string;
    readonly identity: string | undefined;
    readonly recursive: boolean;
    readonly referrer: boolean;
    readonly 'insecure-registry': readonly string[];
    readonly 'tlog-upload': 'true' | 'false' | undefined;
  };
  readonly annotations: Readonly<Record<string, string>> | undefined;
  readonly endpoints: SigstoreEndpoints;
  readonly sign: typeof import('@slipway/sign');
}

async function openSigned(request: SignRequest, context: StepContext) {
  const { params } = request;
  const image = await openImage(
    params.image,
    { insecureRegistries: [...params['insecure-registry']] },
    context,
  );
  const digest = await resolveDigest(image);
  return {
    image,
    base: {
      image: params.image,
      digest,
      pinned: pinnedName(image, digest),
      repository: image.repository.name,
      isRegistry: image.location.kind === 'registry',
    },
  };
}

/** cosign 3's keyless signature: a bundle referrer per manifest, no `.sig` tag. */
async function signKeyless(request: SignRequest, context: StepContext): Promise<SignStepResult> {
  const { sign, endpoints, annotations, params } = request;
  // The token first, so that without one nothing is asked of the registry.
  const { signer, source } = await keylessSigner(endpoints, context, sign);
  const { image, base } = await openSigned(request, context);
  context.reporter.info(
    `Signing ${base.pinned} keyless (identity token from ${source}, Fulcio ${endpoints.fulcioUrl})`,
  );
  const signOne = (digest: string) =>
    sign.signImageBundle({
      repository: image.repository,
      digest,
      signer,
      annotations,
      ...bundleWitnesses(endpoints, true, params['tlog-upload']),
    });
  const children = params.recursive ? await sign.indexChildDigests(image.repository, base.digest) : [];
  for (const child of children) await signOne(child);
  const bundle = await signOne(base.digest);
  return {
    ...base,
    signatureRef: `${image.repository.name}@${bundle.manifestDigest}`,
    added: true,
    children,
    bundle,
  };
}

/** The `.sig` tag as cosign 2 and containers/image read it, and with `referrer` the bundle beside it. */
async function signWithKey(request: SignRequest, key: string, context: StepContext): Promise<SignStepResult> {
  const { sign, endpoints, annotations, params } = request;
  const signer = await sign.loadSigner(key, { env: context.env });
  const { image, base } = await openSigned(request, context);
  context.reporter.info(
    `Signing ${base.pinned} with key ${signer.fingerprint.slice(0, 16)}… (${signer.description})`,
  );
  const result = await sign.signImage({
    repository: image.repository,
    digest: base.digest,
    signer,
    identity: params.identity,
    annotations,
    recursive: params.recursive,
    referrer: params.referrer,
    bundleWitnesses: bundleWitnesses(endpoints, false, params['tlog-upload']),
    tlog: sigTlog(endpoints, params['tlog-upload']),
  });
  return {
    ...base,
    signatureRef: `${image.repository.name}:${result.signatureTag}`,
    keyFingerprint: result.keyFingerprint,
    keyDescription: signer.description,
    identity: result.identity,
    added: result.added,
    children: result.children.map((c) => c.digest),
    bundle: result.referrer,
  };
}

/**
 * `--tlog-upload true` with a key logs the `.sig` signature as cosign 2 does, so a default `cosign verify --key`
 * (cosign 2 reads the `.sig` tag) accepts it: a Rekor v1 entry, its proof in the layer.
 */
function sigTlog(
  endpoints: SigstoreEndpoints,
  tlog: 'true' | 'false' | undefined,
): { rekorUrl: string } | undefined {
  if (tlog !== 'true') return undefined;
  const rekor = requiredRekor(endpoints);
  if (rekor.version !== 1) {
    throw new SlipwayError(
      `the signature tag's Rekor proof needs a Rekor v1 log; ${rekor.url} is v${rekor.version}`,
      {
        where: '--rekor-url',
        fix: 'name a Rekor v1 URL (cosign 2 reads only v1 proofs on .sig layers), or drop --tlog-upload',
      },
    );
  }
  return { rekorUrl: rekor.url };
}

function witnessed(bundle: ImageBundle): string {
  const parts = [
    bundle.tlogEntries > 0 ? `Rekor (${bundle.tlogEntries} entry)` : '',
    bundle.timestamps > 0 ? `timestamp authority (${bundle.timestamps})` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'nothing (no log entry, no timestamp)' : parts.join(', ');
}

function verifyCommand(r: SignStepResult): string {
  const who = r.bundle?.identity;
  if (who !== undefined) {
    return `cosign verify --certificate-identity '${who.subject}' --certificate-oidc-issuer '${who.issuer}' ${r.pinned}`;
  }
  const logged = (r.bundle?.tlogEntries ?? 0) > 0;
  return `cosign verify --key cosign.pub${logged ? '' : ' --insecure-ignore-tlog=true'} ${r.pinned}`;
}
