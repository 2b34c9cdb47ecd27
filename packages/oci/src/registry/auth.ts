// The distribution auth flow: answer a registry's 401 challenge with Basic credentials, or with a bearer
// token fetched from the realm it names (and cached per realm, service, scope and identity).
// Secrets only ever go into `Authorization` headers and the token request: never into messages.

import { formatLimit, MAX_TOKEN_ANSWER_BYTES } from './bounded-read.js';
import { type AuthChallenge, parseChallenges, pickChallenge } from './challenge.js';
import { hasSecret, type ResolvedCredentials } from './credentials.js';
import { errorFromResponse, RegistryError, type RegistryErrorContext, unauthorizedError } from './errors.js';
import type { HttpRequest, HttpResponse } from './http.js';
import type { RetriedResponse } from './retry.js';
import { type TokenCache, tokenCacheKey } from './token-cache.js';

/** `repository:<path>:<actions>` as the token server expects it. */
export function repositoryScope(path: string, actions: readonly string[] = ['pull']): string {
  return `repository:${path}:${actions.join(',')}`;
}

/** Tokens without `expires_in` live 60 s (distribution's token spec). */
const DEFAULT_TOKEN_LIFETIME_S = 60;
/** The OAuth2 client id sent with refresh tokens. */
const CLIENT_ID = 'slipway';

export interface AuthenticatorOptions {
  /** The registry's base URL: challenges are remembered per registry. */
  readonly baseUrl: string;
  readonly cache: TokenCache;
  /** Resolves credentials at most once, and only when a registry asks for them. */
  readonly credentials: (context: RegistryErrorContext) => Promise<ResolvedCredentials>;
  /** Sends a request (with retries); throws a {@link RegistryError} when there is no answer. */
  readonly send: (request: HttpRequest, context: RegistryErrorContext) => Promise<RetriedResponse>;
  /** Removes secrets from text the token server sent back. */
  readonly scrub: (text: string) => string;
  readonly now: () => number;
}

export class Authenticator {
  readonly #options: AuthenticatorOptions;

  constructor(options: AuthenticatorOptions) {
    this.#options = options;
  }

  /**
   * The `Authorization` to send up front, when this registry challenged before: a cached token, a token
   * fetched now for the new scope, or Basic credentials. `undefined` means try anonymously.
   */
  async preemptive(scope: string, context: () => RegistryErrorContext): Promise<string | undefined> {
    const challenge = this.#options.cache.challengeFor(this.#options.baseUrl);
    if (challenge === undefined) return undefined;
    return this.#authorize(challenge, scope, context, false);
  }

  /**
   * Answers a 401: reads its challenge and returns the `Authorization` to retry with. A cached token for
   * the scope is dropped first (the registry just refused it, or it was never sent).
   */
  async answer(response: HttpResponse, scope: string, context: () => RegistryErrorContext): Promise<string> {
    const header = response.headers.get('www-authenticate');
    const challenge = header === null ? undefined : pickChallenge(parseChallenges(header));
    if (challenge === undefined) {
      throw unauthorizedError(context(), {
        status: 401,
        what: `registry ${context().registry}`,
        detail:
          header === null
            ? ' (the 401 carries no WWW-Authenticate challenge)'
            : ` (unsupported challenge "${header.split(' ')[0]}")`,
      });
    }
    this.#options.cache.rememberChallenge(this.#options.baseUrl, challenge);
    const authorization = await this.#authorize(challenge, scope, context, true);
    if (authorization === undefined) {
      throw unauthorizedError(context(), { status: 401, what: `registry ${context().registry}` });
    }
    return authorization;
  }

  async #authorize(
    challenge: AuthChallenge,
    scope: string,
    context: () => RegistryErrorContext,
    refresh: boolean,
  ): Promise<string | undefined> {
    const credentials = await this.#options.credentials(context());
    if (challenge.scheme === 'basic') {
      if (credentials.username === undefined || credentials.password === undefined) {
        if (!refresh) return undefined;
        throw unauthorizedError(context(), {
          status: 401,
          what: `registry ${context().registry} (Basic auth)`,
        });
      }
      return `Basic ${basic(credentials.username, credentials.password)}`;
    }
    const realm = challenge.params.realm ?? '';
    const service = challenge.params.service ?? '';
    const identity =
      credentials.identityToken !== undefined
        ? `token:${credentials.username ?? ''}`
        : (credentials.username ?? '');
    const key = tokenCacheKey(realm, service, scope, identity);
    const now = this.#options.now();
    if (refresh) this.#options.cache.delete(key);
    else {
      const cached = this.#options.cache.get(key, now);
      if (cached !== undefined) return `Bearer ${cached}`;
    }
    const { token, expiresIn } = await this.#fetchToken(realm, service, scope, credentials, context);
    // Stop using a token a little before it expires, so it does not expire in flight.
    const lifetimeMs = expiresIn * 1000;
    this.#options.cache.set(key, token, now + lifetimeMs - Math.min(10_000, lifetimeMs / 10));
    return `Bearer ${token}`;
  }

  async #fetchToken(
    realm: string,
    service: string,
    scope: string,
    credentials: ResolvedCredentials,
    context: () => RegistryErrorContext,
  ): Promise<{ token: string; expiresIn: number }> {
    let url: URL;
    try {
      url = new URL(realm);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw new RegistryError(
        'invalid-response',
        `registry ${context().registry} names an invalid token realm "${realm}"`,
        context(),
        {
          fix: 'check that the address is a container registry; its WWW-Authenticate header is broken',
        },
      );
    }
    // Never send credentials to a plain-HTTP realm on another host than the registry's own.
    const registryHost = new URL(this.#options.baseUrl).host;
    const mayCarrySecrets =
      url.protocol === 'https:' || url.host === registryHost || isLoopbackHost(url.hostname);

    let request: HttpRequest;
    if (credentials.identityToken !== undefined && mayCarrySecrets) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.identityToken,
        client_id: CLIENT_ID,
        scope,
      });
      if (service !== '') form.set('service', service);
      request = {
        method: 'POST',
        url: url.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      };
    } else {
      if (service !== '') url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = {};
      if (
        hasSecret(credentials) &&
        credentials.password !== undefined &&
        credentials.username !== undefined &&
        mayCarrySecrets
      ) {
        headers.Authorization = `Basic ${basic(credentials.username, credentials.password)}`;
        url.searchParams.set('account', credentials.username);
      }
      request = { method: 'GET', url: url.toString(), headers };
    }

    const { response, attempts } = await this.#options.send(request, context());
    const tokenServer = `${url.origin}${url.pathname}`;
    if (response.status === 401 || response.status === 403) {
      await response.discard();
      throw unauthorizedError(context(), { status: response.status, what: `access "${scope}"`, tokenServer });
    }
    if (!response.ok) {
      throw await errorFromResponse(response, context(), {
        what: `a token from ${tokenServer}`,
        scrub: this.#options.scrub,
        attempts,
      });
    }
    let body: unknown;
    try {
      body = await response.json({
        limit: MAX_TOKEN_ANSWER_BYTES,
        tooLarge: (seen) =>
          new RegistryError(
            'invalid-response',
            `token server ${tokenServer} answered with a body that ${seen}, more than the ${formatLimit(MAX_TOKEN_ANSWER_BYTES)} a token answer may have`,
            context(),
            {
              fix: 'check the token service the registry names in its WWW-Authenticate realm; it, or a proxy in front of it, is misbehaving',
            },
          ),
      });
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      body = undefined;
    }
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const token =
      typeof record.token === 'string' && record.token !== '' ? record.token : record.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new RegistryError(
        'invalid-response',
        `token server ${tokenServer} answered without a token`,
        context(),
        {
          fix: 'check the registry\'s token service; it should answer {"token": …} or {"access_token": …}',
        },
      );
    }
    const expiresIn =
      typeof record.expires_in === 'number' && Number.isFinite(record.expires_in) && record.expires_in > 0
        ? record.expires_in
        : DEFAULT_TOKEN_LIFETIME_S;
    return { token, expiresIn };
  }
}

function basic(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
