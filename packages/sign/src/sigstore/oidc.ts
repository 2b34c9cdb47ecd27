// The OIDC identity token Fulcio exchanges for a signing certificate: `SIGSTORE_ID_TOKEN` when given, else
// GitHub Actions' token endpoint asked for the audience `sigstore`. Both tokens are bearer credentials: they
// go through `mask` before anything can print them and never into an error, a log line or argv.

import { SlipwayError } from '@slipway/errors';
import { isLoopback } from './endpoints.js';

export const SIGSTORE_ID_TOKEN_VARIABLE = 'SIGSTORE_ID_TOKEN';
export const GITHUB_TOKEN_URL_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_URL';
export const GITHUB_TOKEN_REQUEST_VARIABLE = 'ACTIONS_ID_TOKEN_REQUEST_TOKEN';
/** The variables holding bearer credentials, for the faces to mask. */
export const IDENTITY_TOKEN_SECRET_VARIABLES = [SIGSTORE_ID_TOKEN_VARIABLE, GITHUB_TOKEN_REQUEST_VARIABLE];

export const SIGSTORE_AUDIENCE = 'sigstore';
const DEFAULT_TIMEOUT_MS = 30_000;
/** GitHub's answer is a JWT of a few KiB; anything far larger is not one. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface IdentityTokenOptions {
  /** The step's environment (never process.env read here). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers a secret with the reporter so nothing printed afterwards shows it. */
  readonly mask: (secret: string) => void;
  readonly timeoutMs?: number | undefined;
  /** Accept `http://` to a host other than loopback for the token endpoint (`SLIPWAY_ALLOW_HTTP=1`). */
  readonly allowHttp?: boolean | undefined;
}

export interface IdentityToken {
  readonly token: string;
  /** Where it came from, for messages: `SIGSTORE_ID_TOKEN` or `GitHub Actions OIDC`. */
  readonly source: string;
}

/** Whether an identity token can be had here without asking the network (for choosing keyless at all). */
export function identityTokenAvailable(env: Readonly<Record<string, string | undefined>>): boolean {
  return (
    nonEmpty(env[SIGSTORE_ID_TOKEN_VARIABLE]) !== undefined ||
    (nonEmpty(env[GITHUB_TOKEN_URL_VARIABLE]) !== undefined &&
      nonEmpty(env[GITHUB_TOKEN_REQUEST_VARIABLE]) !== undefined)
  );
}

export async function identityToken(options: IdentityTokenOptions): Promise<IdentityToken> {
  const { env, mask } = options;
  const given = nonEmpty(env[SIGSTORE_ID_TOKEN_VARIABLE]);
  if (given !== undefined) {
    mask(given);
    if (!JWT.test(given)) {
      throw new SlipwayError(`${SIGSTORE_ID_TOKEN_VARIABLE} does not hold a JWT`, {
        where: SIGSTORE_ID_TOKEN_VARIABLE,
        fix: 'set it to the OIDC identity token itself (three base64url parts separated by dots), or unset it',
      });
    }
    return { token: given, source: SIGSTORE_ID_TOKEN_VARIABLE };
  }
  const requestUrl = nonEmpty(env[GITHUB_TOKEN_URL_VARIABLE]);
  const requestToken = nonEmpty(env[GITHUB_TOKEN_REQUEST_VARIABLE]);
  if (requestToken !== undefined) mask(requestToken);
  if (requestUrl === undefined || requestToken === undefined) {
    if (env.GITHUB_ACTIONS === 'true') {
      throw new SlipwayError(
        'this GitHub Actions job cannot get an OIDC identity token for keyless signing',
        {
          where: GITHUB_TOKEN_URL_VARIABLE,
          fix: 'give the job `permissions: id-token: write` (and keep contents: read), or sign with --key',
        },
      );
    }
    throw new SlipwayError('no key and no OIDC identity token to sign with', {
      where: `--key, ${SIGSTORE_ID_TOKEN_VARIABLE}`,
      fix: `pass --key (a cosign.key path, env://NAME or awskms:///alias/name), or set ${SIGSTORE_ID_TOKEN_VARIABLE} to an OIDC token with audience "sigstore" for keyless signing (on GitHub Actions: permissions: id-token: write)`,
    });
  }
  const url = tokenEndpoint(requestUrl, options.allowHttp === true);
  const token = await fetchGitHubToken(url, requestToken, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  mask(token);
  return { token, source: 'GitHub Actions OIDC' };
}

function tokenEndpoint(text: string, allowHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SlipwayError(`${GITHUB_TOKEN_URL_VARIABLE} is not a URL`, {
      where: GITHUB_TOKEN_URL_VARIABLE,
      fix: 'leave it as the GitHub runner sets it',
    });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (allowHttp || isLoopback(url.hostname)))) {
    throw new SlipwayError(`${GITHUB_TOKEN_URL_VARIABLE} is not an https:// URL (${url.origin})`, {
      where: GITHUB_TOKEN_URL_VARIABLE,
      fix: 'leave it as the GitHub runner sets it (http:// only to a loopback host, or anywhere with SLIPWAY_ALLOW_HTTP=1)',
    });
  }
  url.searchParams.set('audience', SIGSTORE_AUDIENCE);
  return url;
}

async function fetchGitHubToken(url: URL, requestToken: string, timeoutMs: number): Promise<string> {
  const where = `GitHub OIDC token endpoint ${url.origin}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new SlipwayError(
      timedOut
        ? `the OIDC token request got no answer within ${Math.round(timeoutMs / 1000)} s`
        : `the OIDC token request failed: ${describeNetworkError(error)}`,
      { where, fix: 'retry the job; if it persists, check the runner can reach GitHub' },
    );
  }
  const body = await readBounded(response, where);
  if (response.status === 401 || response.status === 403) {
    throw new SlipwayError(`the OIDC token endpoint refused the request (HTTP ${response.status})`, {
      where,
      fix: 'the job needs `permissions: id-token: write`; ACTIONS_ID_TOKEN_REQUEST_TOKEN is only valid inside its own job',
    });
  }
  if (!response.ok) {
    throw new SlipwayError(`the OIDC token endpoint answered HTTP ${response.status}`, {
      where,
      fix: 'retry the job; GitHub may be having trouble (https://www.githubstatus.com)',
    });
  }
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown } | null)?.value;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || !JWT.test(value)) {
    throw new SlipwayError('the OIDC token endpoint did not answer with a token', {
      where,
      fix: 'retry the job; the answer should be JSON {"value": "<jwt>"}',
    });
  }
  return value;
}

async function readBounded(response: Response, where: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new SlipwayError(`the OIDC token endpoint answered more than ${MAX_RESPONSE_BYTES} bytes`, {
        where,
        fix: 'check ACTIONS_ID_TOKEN_REQUEST_URL points at GitHub’s token endpoint',
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : 'network error';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
