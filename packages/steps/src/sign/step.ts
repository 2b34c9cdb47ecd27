import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { allowsHttp } from '@slipway/gitops';
import type { BundleWitnesses, ImageBundle, SigstoreEndpoints } from '@slipway/sign';
import { input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { openImage, pinnedName, resolveDigest } from '../images/open.js';
import { KEY_PASSWORD_VARIABLES } from './password.js';
import { IDENTITY_TOKEN_VARIABLES, MAX_SIGNING_CONFIG_BYTES } from './sigstore.js';

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

const SIGSTORE_FLAGS = [
  'fulcio-url',
  'rekor-url',
  'tsa-url',
  'signing-config',
  'sigstore',
  'tlog-upload',
] as const;

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
    sigstore: input.optionalOneOf(
      'Sigstore instance for keyless signing: public-good (Fulcio + Rekor at sigstore.dev, the default) or github (GitHub’s Fulcio and timestamp authority, no public log: private repositories).',
      ['public-good', 'github'] as const,
    ),
    'fulcio-url': input.string('Fulcio URL for keyless signing (default: the --sigstore instance’s).'),
    'rekor-url': input.string('Rekor URL (default: the --sigstore instance’s; https://rekor.sigstore.dev).'),
    'tsa-url': input.string(
      'RFC 3161 timestamp authority, e.g. https://timestamp.sigstore.dev/api/v1/timestamp (default: none; github: GitHub’s).',
    ),
    'signing-config': input.string(
      'A Sigstore SigningConfig v0.2 JSON file naming Fulcio, Rekor and the TSA (as cosign’s --signing-config).',
    ),
    'tlog-upload': input.optionalOneOf(
      'Log the signature in Rekor. Default: true keyless (false with --sigstore github, which has no log; then a timestamp vouches for the time), false with a key.',
      ['true', 'false'] as const,
    ),
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
  prepare: (values) => {
    const keyless = values.key === undefined;
    if (keyless && values.identity !== undefined) {
      throw new SlipwayError('--identity names the docker-reference of a key signature', {
        where: '--identity',
        fix: 'drop it for keyless signing (the bundle names the image by digest), or sign with --key',
      });
    }
    if (!keyless) {
      if (values['fulcio-url'] !== undefined) {
        throw new SlipwayError('--fulcio-url is for keyless signing', {
          where: '--fulcio-url',
          fix: 'drop it, or drop --key to sign keyless',
        });
      }
      const given = SIGSTORE_FLAGS.filter((name) => values[name] !== undefined);
      if (given.length > 0 && !values.referrer) {
        throw new SlipwayError(
          `--${given[0]} applies to the bundle referrer, which a key signature writes only with --referrer`,
          {
            where: `--${given[0]}`,
            fix: 'add --referrer, or drop the flag',
          },
        );
      }
    }
    return {
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
    };
  },
  run: async (params, context): Promise<SignStepResult> => {
    const sign = await import('@slipway/sign');
    // The services are checked before anything is asked of a registry or a token endpoint.
    const endpoints = sign.resolveEndpoints({
      instance: params.sigstore,
      fulcioUrl: params['fulcio-url'],
      rekorUrl: params['rekor-url'],
      tsaUrl: params['tsa-url'],
      signingConfig: await readSigningConfig(params['signing-config'], context),
      tlogUpload: params.key === undefined ? tlogFlag(params['tlog-upload']) : undefined,
      allowHttp: allowsHttp(context.env),
    });
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
  const token = await sign.identityToken({
    env: context.env,
    mask: context.reporter.mask,
    allowHttp: allowsHttp(context.env),
  });
  const { image, base } = await openSigned(request, context);
  context.reporter.info(
    `Signing ${base.pinned} keyless (identity token from ${token.source}, Fulcio ${endpoints.fulcioUrl})`,
  );
  const signer = { kind: 'keyless', identityToken: token.token, fulcioUrl: endpoints.fulcioUrl } as const;
  const signOne = (digest: string) =>
    sign.signImageBundle({
      repository: image.repository,
      digest,
      signer,
      annotations,
      ...witnessesOf(endpoints),
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
    bundleWitnesses: keyWitnesses(endpoints, params['tlog-upload']),
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

function tlogFlag(value: 'true' | 'false' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
}

function witnessesOf(endpoints: SigstoreEndpoints): BundleWitnesses {
  return { rekorUrl: endpoints.rekor?.url, rekorVersion: endpoints.rekor?.version, tsaUrl: endpoints.tsaUrl };
}

/** A key's bundle is logged only when asked (`--tlog-upload true`); timestamped when a TSA is named. */
function keyWitnesses(endpoints: SigstoreEndpoints, tlog: 'true' | 'false' | undefined): BundleWitnesses {
  if (tlog === 'true' && endpoints.rekor === undefined) {
    throw new SlipwayError('--tlog-upload is true but no transparency log is configured', {
      where: '--tlog-upload',
      fix: 'give --rekor-url',
    });
  }
  return {
    rekorUrl: tlog === 'true' ? endpoints.rekor?.url : undefined,
    rekorVersion: endpoints.rekor?.version,
    tsaUrl: endpoints.tsaUrl,
  };
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

async function readSigningConfig(
  file: string | undefined,
  context: StepContext,
): Promise<{ bytes: Uint8Array; where: string } | undefined> {
  if (file === undefined) return undefined;
  const full = path.resolve(context.cwd, file);
  try {
    const info = await stat(full);
    if (!info.isFile() || info.size > MAX_SIGNING_CONFIG_BYTES) {
      throw new SlipwayError(
        `the signing config is not a file of at most ${MAX_SIGNING_CONFIG_BYTES} bytes`,
        {
          where: file,
          fix: 'give the path of a Sigstore signing_config.json',
        },
      );
    }
    return { bytes: new Uint8Array(await readFile(full)), where: file };
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    throw new SlipwayError('the signing config cannot be read', {
      where: file,
      fix: 'give the path of a Sigstore signing_config.json',
      cause: error,
    });
  }
}
