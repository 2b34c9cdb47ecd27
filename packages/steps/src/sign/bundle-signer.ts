// The Sigstore inputs every step that signs a bundle takes (sign, and build's provenance), their checks, and
// the bundle signer they make: keyless (the OIDC token exchanged at Fulcio) or a key (file, env, KMS),
// witnessed by Rekor and/or a timestamp authority. One definition so both steps read them alike. Only types
// come from @slipway/sign here: the step definitions import this file, and naming the inputs must not load
// the signing code.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { allowsHttp } from '@slipway/gitops';
import type { BundleSigner, BundleWitnesses, SigstoreEndpoints } from '@slipway/sign';
import { type InputValues, input } from '../definition/inputs.js';
import type { StepContext } from '../definition/step.js';
import { MAX_SIGNING_CONFIG_BYTES } from './sigstore.js';

/**
 * A runner-wide private Sigstore (`SLIPWAY_FULCIO_URL`, …) reaches every signing step without editing the
 * workflow that calls it.
 */
const URL_VARIABLES = {
  'fulcio-url': 'SLIPWAY_FULCIO_URL',
  'rekor-url': 'SLIPWAY_REKOR_URL',
  'tsa-url': 'SLIPWAY_TSA_URL',
} as const;

export const sigstoreInputs = {
  sigstore: input.optionalOneOf(
    'Sigstore instance for keyless signing: public-good (Fulcio + Rekor at sigstore.dev, the default) or github (GitHub’s Fulcio and timestamp authority, no public log: private repositories).',
    ['public-good', 'github'] as const,
  ),
  'fulcio-url': input.string('Fulcio URL for keyless signing (default: the --sigstore instance’s).', {
    env: [URL_VARIABLES['fulcio-url']],
  }),
  'rekor-url': input.string('Rekor URL (default: the --sigstore instance’s; https://rekor.sigstore.dev).', {
    env: [URL_VARIABLES['rekor-url']],
  }),
  'tsa-url': input.string(
    'RFC 3161 timestamp authority, e.g. https://timestamp.sigstore.dev/api/v1/timestamp (default: none; github: GitHub’s).',
    { env: [URL_VARIABLES['tsa-url']] },
  ),
  'signing-config': input.string(
    'A Sigstore SigningConfig v0.2 JSON file naming Fulcio, Rekor and the TSA (as cosign’s --signing-config).',
  ),
  'tlog-upload': input.optionalOneOf(
    'Log the signature in Rekor. Default: true keyless (false with --sigstore github, which has no log; then a timestamp vouches for the time), false with a key.',
    ['true', 'false'] as const,
  ),
};

export type SigstoreInputValues = InputValues<typeof sigstoreInputs>;

const SIGSTORE_FLAGS = Object.keys(sigstoreInputs) as (keyof SigstoreInputValues)[];

/** How a step uses the Sigstore inputs, for its refusals to name its own flags. */
export interface SigstoreUse {
  /** The key flag's value; undefined: keyless. */
  readonly key: string | undefined;
  readonly keyFlag: string;
  /** Whether a bundle is signed at all in this call. */
  readonly signsBundle: boolean;
  /** What the flags apply to when no bundle is signed (`the bundle referrer, which … only with --referrer`). */
  readonly bundleNotSigned: string;
  /** What makes the step sign a bundle (`add --referrer`). */
  readonly signsBundleFix: string;
}

/**
 * The checks `prepare` makes of the Sigstore inputs. A URL that only came from its environment variable is a
 * runner-wide setting, never a refusal: it is dropped where nothing keyless is signed.
 */
export function checkSigstoreInputs<V extends SigstoreInputValues>(
  values: V,
  use: SigstoreUse,
  env: Readonly<Record<string, string | undefined>>,
): V {
  const fromEnvironment = (name: keyof SigstoreInputValues): boolean =>
    name in URL_VARIABLES &&
    values[name] !== undefined &&
    values[name] === env[URL_VARIABLES[name as keyof typeof URL_VARIABLES]];
  const given = SIGSTORE_FLAGS.filter((name) => values[name] !== undefined && !fromEnvironment(name));
  const keyed = use.key !== undefined;
  if (keyed && given.includes('fulcio-url')) {
    throw new SlipwayError('--fulcio-url is for keyless signing', {
      where: '--fulcio-url',
      fix: `drop it, or drop ${use.keyFlag} to sign keyless`,
    });
  }
  const first = given[0];
  if (!use.signsBundle && first !== undefined) {
    throw new SlipwayError(`--${first} applies to ${use.bundleNotSigned}`, {
      where: `--${first}`,
      fix: `${use.signsBundleFix}, or drop the flag`,
    });
  }
  if (keyed || !use.signsBundle) {
    // Only keyless signing wants Fulcio; without a bundle, nothing wants any of them.
    const dropped = SIGSTORE_FLAGS.filter(
      (name) => fromEnvironment(name) && (!use.signsBundle || name === 'fulcio-url'),
    );
    return { ...values, ...Object.fromEntries(dropped.map((name) => [name, undefined])) };
  }
  return values;
}

/**
 * The services named by the inputs, checked before anything is asked of a registry or a token endpoint.
 * `sign` is @slipway/sign, loaded by the caller when a bundle is signed.
 */
export async function sigstoreEndpoints(
  values: SigstoreInputValues,
  keyless: boolean,
  context: StepContext,
  sign: typeof import('@slipway/sign'),
): Promise<SigstoreEndpoints> {
  return sign.resolveEndpoints({
    instance: values.sigstore,
    fulcioUrl: values['fulcio-url'],
    rekorUrl: values['rekor-url'],
    tsaUrl: values['tsa-url'],
    signingConfig: await readSigningConfig(values['signing-config'], context),
    tlogUpload: keyless ? tlogFlag(values['tlog-upload']) : undefined,
    allowHttp: allowsHttp(context.env),
  });
}

/**
 * Who witnesses a bundle: keyless, the instance's log and/or timestamp authority; a key's bundle is logged
 * only when asked (`--tlog-upload true`), timestamped when a TSA is named.
 */
export function bundleWitnesses(
  endpoints: SigstoreEndpoints,
  keyless: boolean,
  tlog: 'true' | 'false' | undefined,
): BundleWitnesses {
  if (keyless) {
    return {
      rekorUrl: endpoints.rekor?.url,
      rekorVersion: endpoints.rekor?.version,
      tsaUrl: endpoints.tsaUrl,
    };
  }
  return {
    rekorUrl: tlog === 'true' ? requiredRekor(endpoints).url : undefined,
    rekorVersion: endpoints.rekor?.version,
    tsaUrl: endpoints.tsaUrl,
  };
}

/** The transparency log `--tlog-upload true` asks for; refused when none is configured. */
export function requiredRekor(endpoints: SigstoreEndpoints): NonNullable<SigstoreEndpoints['rekor']> {
  if (endpoints.rekor === undefined) {
    throw new SlipwayError('--tlog-upload is true but no transparency log is configured', {
      where: '--tlog-upload',
      fix: 'give --rekor-url',
    });
  }
  return endpoints.rekor;
}

/** The keyless signer: the OIDC token (masked as it is read), for `endpoints`' Fulcio. */
export async function keylessSigner(
  endpoints: SigstoreEndpoints,
  context: StepContext,
  sign: typeof import('@slipway/sign'),
): Promise<{ readonly signer: BundleSigner; readonly source: string }> {
  const token = await sign.identityToken({
    env: context.env,
    mask: context.reporter.mask,
    allowHttp: allowsHttp(context.env),
  });
  return {
    signer: { kind: 'keyless', identityToken: token.token, fulcioUrl: endpoints.fulcioUrl },
    source: token.source,
  };
}

function tlogFlag(value: 'true' | 'false' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
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
