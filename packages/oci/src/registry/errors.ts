// The one error type registry access throws, and how registry answers become it.

import { SlipwayError } from '@slipway/errors';
import { MAX_ERROR_BODY_BYTES } from './bounded-read.js';
import type { HttpResponse } from './http.js';

export type RegistryErrorKind =
  /** The tag, digest or repository does not exist (404 `MANIFEST_UNKNOWN` / `NAME_UNKNOWN`). */
  | 'not-found'
  /** 401: no credentials, wrong credentials, or a token that does not cover the scope. */
  | 'unauthorized'
  /** 403: the credentials are valid but lack access. */
  | 'denied'
  /** No HTTP answer at all: DNS, refused or reset connections, timeouts, TLS. */
  | 'unreachable'
  /** 429 or 5xx still after the retries. */
  | 'server'
  /** The manifest bytes do not hash to the digest the registry announced. */
  | 'digest-mismatch'
  /** An answer that breaks the distribution protocol. */
  | 'invalid-response'
  /** The docker config or a credential helper could not give credentials. */
  | 'credentials';

/** What a registry operation was about, for messages. Never holds secrets. */
export interface RegistryErrorContext {
  /** Registry domain, e.g. `ghcr.io` or `127.0.0.1:5000`. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `shop/cart`. */
  readonly repository: string;
  /** The tag or digest asked for, when there is one. */
  readonly reference?: string | undefined;
  /** Where credentials came from (or `anonymous`), as {@link describeCredentialSource} words it. */
  readonly credentialSource: string;
}

export class RegistryError extends SlipwayError {
  readonly kind: RegistryErrorKind;
  readonly registry: string;
  readonly repository: string;
  readonly reference: string | undefined;
  readonly credentialSource: string;
  /** The HTTP status behind the error, when there was an answer. */
  readonly status: number | undefined;
  /** The distribution error code (`MANIFEST_UNKNOWN`, `DENIED`, …), when the registry sent one. */
  readonly code: string | undefined;

  constructor(
    kind: RegistryErrorKind,
    message: string,
    context: RegistryErrorContext,
    options: { fix: string; status?: number | undefined; code?: string | undefined; cause?: unknown },
  ) {
    super(`${message} (credentials: ${context.credentialSource})`, {
      where: `${context.registry}/${context.repository}${context.reference === undefined ? '' : referenceSuffix(context.reference)}`,
      fix: options.fix,
      cause: options.cause,
    });
    this.name = 'RegistryError';
    this.kind = kind;
    this.registry = context.registry;
    this.repository = context.repository;
    this.reference = context.reference;
    this.credentialSource = context.credentialSource;
    this.status = options.status;
    this.code = options.code;
  }
}

/** One entry of the distribution API's `{"errors": [{code, message, detail}]}` body. */
export interface DistributionErrorEntry {
  readonly code: string;
  readonly message: string;
}

/**
 * Reads a distribution error body; answers `[]` for anything else. Consumes the response body, of which
 * only the first {@link MAX_ERROR_BODY_BYTES} are read: the status is the news, a longer body is cut
 * (and then rarely parses), never a reason to fail or to read on.
 */
export async function readDistributionErrors(response: HttpResponse): Promise<DistributionErrorEntry[]> {
  let text: string;
  try {
    text = await response.text({ limit: MAX_ERROR_BODY_BYTES, tooLarge: 'cut' });
  } catch {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed) || !Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter(isRecord).map((entry) => ({
      code: typeof entry.code === 'string' ? entry.code : 'UNKNOWN',
      message: typeof entry.message === 'string' ? entry.message : '',
    }));
  } catch {
    return [];
  }
}

/**
 * Turns a failed registry answer into a {@link RegistryError}. `scrub` removes any secret from text the
 * registry sent back before it reaches a message.
 */
export async function errorFromResponse(
  response: HttpResponse,
  context: RegistryErrorContext,
  options: { what: string; scrub: (text: string) => string; attempts?: number },
): Promise<RegistryError> {
  const errors = response.status >= 400 ? await readDistributionErrors(response) : [];
  const first = errors[0];
  const code = first?.code;
  const said =
    first === undefined || first.message === '' ? '' : `: ${options.scrub(truncate(first.message))}`;
  const status = response.status;
  const where = `${options.what} on registry ${context.registry}`;

  if (status === 404) {
    if (code === 'NAME_UNKNOWN') {
      return new RegistryError(
        'not-found',
        `repository "${context.repository}" does not exist on registry ${context.registry}${said}`,
        context,
        {
          status,
          code,
          fix: `check the repository name "${context.repository}" (and the registry ${context.registry}); push the image first if it is new`,
        },
      );
    }
    const subject = context.reference === undefined ? options.what : describeReference(context);
    return new RegistryError(
      'not-found',
      `${subject} not found in repository "${context.repository}" on registry ${context.registry}${said}`,
      context,
      {
        status,
        code,
        fix:
          context.reference !== undefined && !context.reference.includes(':')
            ? `check the tag "${context.reference}": push it first or correct its spelling`
            : 'check the reference: push the image first or correct its spelling',
      },
    );
  }
  if (status === 401) return unauthorizedError(context, { status, code, detail: said, what: where });
  if (status === 403) {
    return new RegistryError('denied', `access denied to ${where}${said}`, context, {
      status,
      code,
      fix: `use credentials with pull access to "${context.repository}" (run \`docker login ${context.registry}\` with such an account, or grant this one access)`,
    });
  }
  if (status === 429 || status >= 500) {
    const tries =
      options.attempts === undefined
        ? ''
        : ` after ${options.attempts} attempt${options.attempts === 1 ? '' : 's'}`;
    return new RegistryError(
      'server',
      `registry ${context.registry} answered HTTP ${status}${tries} for ${options.what}${said}`,
      context,
      {
        status,
        code,
        fix: `retry later; or pass a digest (\`repo:tag@sha256:…\`) to promote without a registry`,
      },
    );
  }
  return new RegistryError('invalid-response', `unexpected HTTP ${status} from ${where}${said}`, context, {
    status,
    code,
    fix: 'check that the address is a container registry (distribution API /v2/)',
  });
}

/** A 401 the challenge flow could not get past. */
export function unauthorizedError(
  context: RegistryErrorContext,
  details: {
    status?: number;
    code?: string | undefined;
    detail?: string;
    what: string;
    tokenServer?: string;
  },
): RegistryError {
  const anonymous = context.credentialSource.startsWith('anonymous');
  const by = details.tokenServer === undefined ? '' : ` (token server ${details.tokenServer})`;
  const message = anonymous
    ? `authentication required for ${details.what}${by}${details.detail ?? ''}`
    : `credentials rejected for ${details.what}${by}${details.detail ?? ''}`;
  const fix = anonymous
    ? `log in with \`docker login ${context.registry}\` or pass credentials; the repository "${context.repository}" may also not exist (some registries answer 401 for unknown repositories)`
    : `check the username and password or token; make sure the account has pull access to "${context.repository}" (some registries answer 401 for unknown repositories)`;
  return new RegistryError('unauthorized', message, context, {
    status: details.status ?? 401,
    code: details.code,
    fix,
  });
}

export function unreachableError(
  context: RegistryErrorContext,
  url: string,
  cause: unknown,
  attempts: number,
): RegistryError {
  const reason = networkReason(cause);
  const untrusted = /CERT|SSL|TLS|SIGNATURE/.test(networkErrorCode(cause) ?? '');
  return new RegistryError(
    'unreachable',
    `cannot reach registry ${context.registry} at ${url} (${reason}${attempts > 1 ? `, ${attempts} attempts` : ''})`,
    context,
    {
      cause,
      fix: untrusted
        ? `the registry's TLS certificate is not trusted here: give Node its CA with NODE_EXTRA_CA_CERTS=<PEM file> (a private CA), or fix the certificate (name, expiry)`
        : `check the registry address, network and TLS (plain HTTP needs the registry marked insecure); or pass a digest (\`repo:tag@sha256:…\`) to promote without a registry`,
    },
  );
}

/** `tag "1.4"` or `digest sha256:…`. */
export function describeReference(context: Pick<RegistryErrorContext, 'reference'>): string {
  const reference = context.reference;
  if (reference === undefined) return 'manifest';
  return reference.includes(':') ? `digest ${reference}` : `tag "${reference}"`;
}

/** The error code a failed request carries (`ECONNRESET`, `ECONNREFUSED`, a TLS code, …), or `undefined`. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

function networkReason(cause: unknown): string {
  const code = networkErrorCode(cause);
  if (code !== undefined) return code;
  if (cause instanceof Error && cause.name === 'TimeoutError') return 'timed out';
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

function referenceSuffix(reference: string): string {
  return reference.includes(':') ? `@${reference}` : `:${reference}`;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
