// Memory of how each registry challenges, and of the bearer tokens it handed out, so that later
// requests (in the same run) go straight to the registry with a token.

import type { AuthChallenge } from './challenge.js';

interface CachedToken {
  readonly token: string;
  /** Epoch milliseconds after which the token is not used again. */
  readonly expiresAt: number;
}

export class TokenCache {
  readonly #challenges = new Map<string, AuthChallenge>();
  readonly #tokens = new Map<string, CachedToken>();

  /** The challenge a registry (by base URL) last answered with. */
  challengeFor(baseUrl: string): AuthChallenge | undefined {
    return this.#challenges.get(baseUrl);
  }

  rememberChallenge(baseUrl: string, challenge: AuthChallenge): void {
    this.#challenges.set(baseUrl, challenge);
  }

  /** A token still valid at `now`, if any. */
  get(key: string, now: number): string | undefined {
    const cached = this.#tokens.get(key);
    if (cached === undefined) return undefined;
    if (cached.expiresAt <= now) {
      this.#tokens.delete(key);
      return undefined;
    }
    return cached.token;
  }

  set(key: string, token: string, expiresAt: number): void {
    this.#tokens.set(key, { token, expiresAt });
  }

  delete(key: string): void {
    this.#tokens.delete(key);
  }

  clear(): void {
    this.#challenges.clear();
    this.#tokens.clear();
  }
}

/**
 * Tokens are cached per (realm, service, scope) and per identity, so that one account's token is never
 * offered on behalf of another (or of anonymous access).
 */
export function tokenCacheKey(realm: string, service: string, scope: string, identity: string): string {
  return JSON.stringify([realm, service, scope, identity]);
}

/** The cache every client shares unless given its own: one process, one set of tokens. */
export const sharedTokenCache = new TokenCache();
