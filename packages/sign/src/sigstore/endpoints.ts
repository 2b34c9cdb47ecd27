// Where keyless signing goes: Fulcio (certificates), Rekor (transparency log) and a timestamp authority.
// Public-good Sigstore by default; GitHub's own instance (private repositories: Fulcio and a TSA, no
// Rekor, as actions/toolkit's attest package uses it); URLs given one by one; or a Sigstore SigningConfig
// file. Everything is checked here, where it enters, and comes out as one typed value.

import { SlipwayError } from '@slipway/errors';
import { z } from 'zod';

export const PUBLIC_GOOD_FULCIO_URL = 'https://fulcio.sigstore.dev';
export const PUBLIC_GOOD_REKOR_URL = 'https://rekor.sigstore.dev';
export const PUBLIC_GOOD_TSA_URL = 'https://timestamp.sigstore.dev/api/v1/timestamp';
export const GITHUB_FULCIO_URL = 'https://fulcio.githubapp.com';
export const GITHUB_TSA_URL = 'https://timestamp.githubapp.com/api/v1/timestamp';
export const SIGNING_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.signingconfig.v0.2+json';

export type SigstoreInstance = 'public-good' | 'github';
export const SIGSTORE_INSTANCES: readonly SigstoreInstance[] = ['public-good', 'github'];

export interface RekorEndpoint {
  readonly url: string;
  /** Rekor's API: 1 (public-good today) or 2 (tile-based logs). */
  readonly version: 1 | 2;
}

/** The services one signature uses; no Rekor means no transparency log entry (a timestamp is needed then). */
export interface SigstoreEndpoints {
  readonly fulcioUrl: string;
  readonly rekor?: RekorEndpoint | undefined;
  readonly tsaUrl?: string | undefined;
}

export interface EndpointOptions {
  /** `--sigstore`: the instance whose services are the defaults. */
  readonly instance?: SigstoreInstance | undefined;
  readonly fulcioUrl?: string | undefined;
  readonly rekorUrl?: string | undefined;
  readonly tsaUrl?: string | undefined;
  /** A SigningConfig file's bytes and where they came from (for errors). */
  readonly signingConfig?: { readonly bytes: Uint8Array; readonly where: string } | undefined;
  /**
   * `--tlog-upload`: whether the signature goes to Rekor. Undefined: as the instance does (public-good: yes,
   * github: no log). False needs a timestamp authority, or nothing would vouch for when the short-lived
   * certificate signed.
   */
  readonly tlogUpload?: boolean | undefined;
  /** Accept `http://` to hosts other than loopback (`SLIPWAY_ALLOW_HTTP=1`). */
  readonly allowHttp?: boolean | undefined;
}

/** The endpoints the options name; throws a SlipwayError naming the flag for anything unusable. */
export function resolveEndpoints(options: EndpointOptions): SigstoreEndpoints {
  const allowHttp = options.allowHttp === true;
  if (options.signingConfig !== undefined && options.instance !== undefined) {
    throw new SlipwayError('--signing-config and --sigstore both say which services to use', {
      where: '--signing-config',
      fix: 'give one of them',
    });
  }
  const base: SigstoreEndpoints =
    options.signingConfig !== undefined
      ? parseSigningConfig(options.signingConfig.bytes, options.signingConfig.where, allowHttp)
      : options.instance === 'github'
        ? { fulcioUrl: GITHUB_FULCIO_URL, tsaUrl: GITHUB_TSA_URL }
        : { fulcioUrl: PUBLIC_GOOD_FULCIO_URL, rekor: { url: PUBLIC_GOOD_REKOR_URL, version: 1 } };
  const fulcioUrl =
    options.fulcioUrl === undefined
      ? base.fulcioUrl
      : serviceUrl(options.fulcioUrl, '--fulcio-url', allowHttp);
  let rekor =
    options.rekorUrl === undefined
      ? base.rekor
      : { url: serviceUrl(options.rekorUrl, '--rekor-url', allowHttp), version: base.rekor?.version ?? 1 };
  const tsaUrl =
    options.tsaUrl === undefined ? base.tsaUrl : serviceUrl(options.tsaUrl, '--tsa-url', allowHttp);
  if (options.tlogUpload === false) rekor = undefined;
  if (options.tlogUpload === true && rekor === undefined) {
    throw new SlipwayError('--tlog-upload is true but no transparency log is configured', {
      where: '--tlog-upload',
      fix: 'give --rekor-url, or --tlog-upload false to rely on the timestamp authority alone',
    });
  }
  if (rekor === undefined && tsaUrl === undefined) {
    throw new SlipwayError('keyless signing without a transparency log needs a timestamp authority', {
      where: '--tlog-upload',
      fix: 'give --tsa-url (GitHub private repositories: --sigstore github), or leave --tlog-upload on',
    });
  }
  return {
    fulcioUrl,
    ...(rekor === undefined ? {} : { rekor }),
    ...(tsaUrl === undefined ? {} : { tsaUrl }),
  };
}

/** A service URL from a flag or file: https, or http only to loopback (or anywhere with SLIPWAY_ALLOW_HTTP=1). */
export function serviceUrl(text: string, where: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SlipwayError(`"${text}" is not a URL`, { where, fix: 'give an https:// URL' });
  }
  if (url.username !== '' || url.password !== '') {
    throw new SlipwayError('the service URL carries credentials', {
      where,
      fix: 'remove user:password@ from the URL; Sigstore services take none',
    });
  }
  const plainAllowed = url.protocol === 'http:' && (allowHttp || isLoopback(url.hostname));
  if (url.protocol !== 'https:' && !plainAllowed) {
    throw new SlipwayError(`"${url.origin}" is not an https:// URL`, {
      where,
      fix: 'use https:// (http:// only to a loopback host, or anywhere with SLIPWAY_ALLOW_HTTP=1)',
    });
  }
  return url.href.replace(/\/$/, '');
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

const service = z.object({
  url: z.string(),
  majorApiVersion: z.number().int().positive(),
  validFor: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
  operator: z.string().optional(),
});
type Service = z.infer<typeof service>;
const selector = z.object({ selector: z.string(), count: z.number().optional() });
const signingConfigSchema = z.object({
  mediaType: z.string(),
  caUrls: z.array(service).default([]),
  oidcUrls: z.array(service).default([]),
  rekorTlogUrls: z.array(service).default([]),
  tsaUrls: z.array(service).default([]),
  rekorTlogConfig: selector.optional(),
  tsaConfig: selector.optional(),
});

/**
 * Reads a SigningConfig v0.2 (`signing_config.json`, as cosign's `--signing-config` takes it) the way
 * sigstore-js does: of each kind, the newest service valid now whose API this client speaks (Fulcio 1,
 * Rekor 1–2, TSA 1); a log or timestamp authority only when its `…Config` selects one (`ANY`).
 */
export function parseSigningConfig(bytes: Uint8Array, where: string, allowHttp = false): SigstoreEndpoints {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new SlipwayError('the signing config is not JSON', {
      where,
      fix: 'give a Sigstore signing_config.json',
      cause: error,
    });
  }
  const parsed = signingConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SlipwayError(
      `the signing config is not a Sigstore SigningConfig: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`,
      { where, fix: `give a ${SIGNING_CONFIG_MEDIA_TYPE} document` },
    );
  }
  const config = parsed.data;
  if (config.mediaType !== SIGNING_CONFIG_MEDIA_TYPE) {
    throw new SlipwayError(`the signing config's mediaType is "${config.mediaType}"`, {
      where,
      fix: `Slipway reads ${SIGNING_CONFIG_MEDIA_TYPE}; get a current signing_config.json (cosign 3 and the Sigstore TUF repository publish one)`,
    });
  }
  const ca = pick(config.caUrls, 1, 'caUrls', where);
  if (ca === undefined) {
    throw new SlipwayError('the signing config has no Fulcio (caUrls) valid now with API version 1', {
      where,
      fix: 'add a caUrls entry, or pass --fulcio-url',
    });
  }
  const fulcioUrl = serviceUrl(ca.url, `${where} caUrls`, allowHttp);
  let rekor: RekorEndpoint | undefined;
  if (config.rekorTlogConfig !== undefined) {
    checkSelector(config.rekorTlogConfig.selector, 'rekorTlogConfig', where);
    const log = pick(config.rekorTlogUrls, 2, 'rekorTlogUrls', where);
    if (log === undefined) {
      throw new SlipwayError('the signing config selects a transparency log but lists none valid now', {
        where,
        fix: 'add a rekorTlogUrls entry with majorApiVersion 1 or 2, or remove rekorTlogConfig',
      });
    }
    rekor = {
      url: serviceUrl(log.url, `${where} rekorTlogUrls`, allowHttp),
      version: log.majorApiVersion === 2 ? 2 : 1,
    };
  }
  let tsaUrl: string | undefined;
  if (config.tsaConfig !== undefined) {
    checkSelector(config.tsaConfig.selector, 'tsaConfig', where);
    const tsa = pick(config.tsaUrls, 1, 'tsaUrls', where);
    if (tsa === undefined) {
      throw new SlipwayError('the signing config selects a timestamp authority but lists none valid now', {
        where,
        fix: 'add a tsaUrls entry with majorApiVersion 1, or remove tsaConfig',
      });
    }
    tsaUrl = serviceUrl(tsa.url, `${where} tsaUrls`, allowHttp);
  }
  return {
    fulcioUrl,
    ...(rekor === undefined ? {} : { rekor }),
    ...(tsaUrl === undefined ? {} : { tsaUrl }),
  };
}

function checkSelector(value: string, field: string, where: string): void {
  if (value !== 'ANY') {
    throw new SlipwayError(`the signing config's ${field}.selector is ${value}`, {
      where,
      fix: 'Slipway (as sigstore-js) uses one service of each kind: set the selector to ANY',
    });
  }
}

function pick(
  services: readonly Service[],
  maxVersion: number,
  field: string,
  where: string,
): Service | undefined {
  const now = Date.now();
  const time = (text: string | undefined, edge: string): number | undefined => {
    if (text === undefined) return undefined;
    const value = Date.parse(text);
    if (Number.isNaN(value)) {
      throw new SlipwayError(
        `the signing config's ${field} has a validFor.${edge} that is no date: "${text}"`,
        {
          where,
          fix: 'write RFC 3339 times such as 2025-04-01T00:00:00Z',
        },
      );
    }
    return value;
  };
  return services
    .map((entry) => ({
      entry,
      start: time(entry.validFor?.start, 'start') ?? 0,
      end: time(entry.validFor?.end, 'end'),
    }))
    .filter(
      ({ entry, start, end }) =>
        entry.majorApiVersion <= maxVersion && start <= now && (end === undefined || end > now),
    )
    .sort((a, b) => b.start - a.start)[0]?.entry;
}
