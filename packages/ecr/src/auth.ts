// Registry credentials for ECR: `AWS` and a 12-hour password from GetAuthorizationToken, fetched with the
// AWS SDK's credentials, cached per account and region, shared between concurrent callers, and masked.

import { GetAuthorizationTokenCommand, type GetAuthorizationTokenCommandOutput } from '@aws-sdk/client-ecr';
import { SlipwayError } from '@slipway/errors';
import { type EcrClientOptions, EcrClients } from './clients.js';
import { describeRegistry, ecrCallError, notEcrHostError, tokenRejectedError } from './errors.js';
import { type EcrHost, parseEcrHost } from './host.js';

/** What a registry client needs to log in to ECR, with words for where it came from (never the secret). */
export interface EcrLogin {
  readonly username: 'AWS';
  readonly password: string;
  /** When ECR stops accepting the password (12 hours after it was issued). */
  readonly expiresAt: Date;
  /** E.g. `ECR GetAuthorizationToken for account 123… in eu-west-1 with AWS credentials from …`. */
  readonly source: string;
}

export interface EcrCredentialsOptions extends EcrClientOptions {
  /** Clients to share with other ECR helpers; made from the other options when absent. */
  readonly clients?: EcrClients | undefined;
  /** Called with every secret handed out (password and the base64 token), e.g. `reporter.mask`. */
  readonly mask?: ((secret: string) => void) | undefined;
  /** A cached password is replaced this long before it expires. Default 15 minutes. */
  readonly refreshBeforeExpiryMs?: number | undefined;
  readonly now?: (() => number) | undefined;
}

export interface CredentialsForOptions {
  /** Called with every secret handed out, in addition to the provider's own `mask`. */
  readonly mask?: ((secret: string) => void) | undefined;
}

/** ECR tokens live 12 hours; used when ECR's answer has no expiry. */
const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 15 * 60 * 1000;
/** A token rejected within this long of a re-fetch is not fetched again: the problem is not its age. */
const REFETCH_WINDOW_MS = 5 * 60 * 1000;

interface Entry {
  readonly login: EcrLogin;
  readonly secrets: readonly string[];
  readonly fetchedAt: number;
  /** Fetched because a caller invalidated the previous token. */
  readonly afterInvalidate: boolean;
  readonly credentialSource: string;
}

/** Hands out ECR registry credentials; one instance per process is enough. */
export class EcrCredentials {
  readonly #clients: EcrClients;
  readonly #mask: ((secret: string) => void) | undefined;
  readonly #refreshBeforeExpiryMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<Entry>>();
  readonly #invalidated = new Set<string>();
  readonly #lastSource = new Map<string, string>();
  readonly #masked = new WeakMap<(secret: string) => void, Set<string>>();

  constructor(options: EcrCredentialsOptions = {}) {
    this.#clients = options.clients ?? new EcrClients(options);
    this.#mask = options.mask;
    this.#refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The login for an ECR registry host. Reuses a cached password until shortly before it expires;
   * concurrent callers for the same account and region share one request. Throws a SlipwayError naming the
   * registry, region and credential source when there are no AWS credentials or ECR refuses them.
   */
  async credentialsFor(host: string, options: CredentialsForOptions = {}): Promise<EcrLogin> {
    const registry = requireEcrHost(host);
    const key = cacheKey(registry);
    const cached = this.#cache.get(key);
    let entry: Entry;
    if (cached !== undefined && this.#isFresh(cached)) {
      entry = cached;
    } else {
      let pending = this.#inFlight.get(key);
      if (pending === undefined) {
        pending = this.#fetch(registry, key).finally(() => this.#inFlight.delete(key));
        this.#inFlight.set(key, pending);
      }
      entry = await pending;
    }
    this.#maskWith(this.#mask, entry.secrets);
    this.#maskWith(options.mask, entry.secrets);
    return entry.login;
  }

  /**
   * Forgets the cached password for `host` after the registry rejected it (401). Returns whether fetching
   * a new one is worth it: `false` when the rejected password had itself just been fetched after an
   * earlier `invalidate`, so a second re-fetch would fail the same way; report {@link rejectedError} then.
   */
  invalidate(host: string): boolean {
    const registry = parseEcrHost(host);
    if (registry === undefined) return false;
    const key = cacheKey(registry);
    const entry = this.#cache.get(key);
    this.#cache.delete(key);
    this.#invalidated.add(key);
    return !(entry?.afterInvalidate === true && this.#now() - entry.fetchedAt < REFETCH_WINDOW_MS);
  }

  /** The error to report when the registry rejects a freshly fetched password. */
  rejectedError(host: string, repository?: string): SlipwayError {
    const registry = requireEcrHost(host);
    return tokenRejectedError(registry, this.#lastSource.get(cacheKey(registry)), repository);
  }

  #isFresh(entry: Entry): boolean {
    return this.#now() < entry.login.expiresAt.getTime() - this.#refreshBeforeExpiryMs;
  }

  async #fetch(registry: EcrHost, key: string): Promise<Entry> {
    const afterInvalidate = this.#invalidated.delete(key);
    const credentialSource = await this.#clients.credentialSource(registry);
    this.#lastSource.set(key, credentialSource);
    const client = this.#clients.clientFor(registry);
    let output: GetAuthorizationTokenCommandOutput;
    try {
      // registryIds no longer narrows what the token may do (it is scoped by the principal), but it makes
      // ECR answer with this registry's proxy endpoint and keeps older partitions happy.
      output = await client.send(new GetAuthorizationTokenCommand({ registryIds: [registry.accountId] }));
    } catch (error) {
      throw ecrCallError(error, {
        registry,
        operation: 'GetAuthorizationToken',
        permission: 'ecr:GetAuthorizationToken',
        credentialSource,
      });
    }
    const data =
      output.authorizationData?.find(
        (item) => item.proxyEndpoint?.includes(`${registry.accountId}.`) === true,
      ) ?? output.authorizationData?.[0];
    const token = data?.authorizationToken;
    if (token === undefined || token === '') {
      throw new SlipwayError(`ECR returned no authorization token for ${describeRegistry(registry)}`, {
        where: registry.host,
        fix: 'run the job again; if it persists, check the AWS Health Dashboard for ECR in this region',
      });
    }
    const password = decodePassword(token, registry);
    const fetchedAt = this.#now();
    const expiresAt = data?.expiresAt ?? new Date(fetchedAt + TOKEN_LIFETIME_MS);
    const entry: Entry = {
      login: {
        username: 'AWS',
        password,
        expiresAt,
        source: `ECR GetAuthorizationToken for ${describeRegistry(registry)} with AWS credentials from ${credentialSource}`,
      },
      secrets: [password, token],
      fetchedAt,
      afterInvalidate,
      credentialSource,
    };
    this.#cache.set(key, entry);
    return entry;
  }

  #maskWith(mask: ((secret: string) => void) | undefined, secrets: readonly string[]): void {
    if (mask === undefined) return;
    let seen = this.#masked.get(mask);
    if (seen === undefined) {
      seen = new Set();
      this.#masked.set(mask, seen);
    }
    for (const secret of secrets) {
      if (seen.has(secret)) continue;
      seen.add(secret);
      mask(secret);
    }
  }
}

/** The ECR host named by `host`, or a SlipwayError saying it is not one. */
export function requireEcrHost(host: string): EcrHost {
  const registry = parseEcrHost(host);
  if (registry === undefined) throw notEcrHostError(host);
  return registry;
}

function cacheKey(registry: EcrHost): string {
  return `${registry.accountId}/${registry.region}`;
}

/** `base64("AWS:<password>")` → the password. Says nothing about the content when malformed. */
function decodePassword(token: string, registry: EcrHost): string {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1 || decoded.slice(0, colon) !== 'AWS') {
    throw new SlipwayError(
      `ECR returned an authorization token for ${describeRegistry(registry)} that is not base64 of "AWS:<password>"`,
      {
        where: registry.host,
        fix: 'run the job again; if it persists, report it with the SDK version in use',
      },
    );
  }
  return decoded.slice(colon + 1);
}
