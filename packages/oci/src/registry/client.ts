// A client for one registry: builds /v2/ URLs on its endpoint, authenticates (challenge flow, lazily
// resolved credentials), retries, and turns failures into RegistryErrors. Operations (resolve, and
// later pull, push, …) are built on `request`.

import { SlipwayError } from '@slipway/errors';
import { Authenticator, repositoryScope } from './auth.js';
import { type Credentials, type ResolvedCredentials, resolveCredentials } from './credentials.js';
import { type RegistryEndpoint, registryEndpoint } from './endpoint.js';
import {
  errorFromResponse,
  RegistryError,
  type RegistryErrorContext,
  unauthorizedError,
  unreachableError,
} from './errors.js';
import {
  BodyLengthError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  nodeHttpTransport,
  type StreamedBody,
} from './http.js';
import {
  isRetryableStatus,
  NetworkFailure,
  type RetriedResponse,
  type RetryOptions,
  sendWithRetry,
} from './retry.js';
import { sharedTokenCache, type TokenCache } from './token-cache.js';

export interface RegistryClientOptions {
  /** Used instead of the docker config. */
  readonly credentials?: Credentials | undefined;
  /** Domains to reach over plain HTTP (loopback hosts always are). */
  readonly insecureRegistries?: readonly string[] | undefined;
  /** Sends the HTTP requests; defaults to {@link nodeHttpTransport}. Tests wrap it to count or fail requests. */
  readonly transport?: HttpTransport | undefined;
  /** Environment for `DOCKER_CONFIG`, `HOME` and credential helpers' `PATH`. Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Defaults to one cache shared by the process. */
  readonly tokenCache?: TokenCache | undefined;
  /** Attempts, delays, timeout; `sleep` and `now` are injectable for tests. */
  readonly retry?: RetryOptions | undefined;
  /** Shortcut for `retry.sleep`. */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  readonly now?: (() => number) | undefined;
}

export interface RegistryRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Repository path (`shop/cart`): it scopes the token and names the repository in errors. */
  readonly repository: string;
  /** The part after `/v2/<repository>/`, e.g. `manifests/1.4.2`. */
  readonly resource: string;
  /** The tag or digest concerned, for error messages. */
  readonly reference?: string | undefined;
  /** Token scope actions. Default `['pull']`. */
  readonly actions?: readonly string[] | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Bytes are replayable: sent again on a retry or after answering a 401. A stream is sent once: no
   * retry, and a 401 comes back as the answer (the caller starts its operation over).
   */
  readonly body?: string | Uint8Array | StreamedBody | undefined;
  /** Words for messages: `manifest`, `blob …`. */
  readonly what: string;
}

export class RegistryClient {
  readonly endpoint: RegistryEndpoint;
  readonly #transport: HttpTransport;
  readonly #retry: RetryOptions;
  readonly #auth: Authenticator;
  readonly #credentialOptions: { credentials?: Credentials | undefined; env?: NodeJS.ProcessEnv | undefined };
  #credentials: Promise<ResolvedCredentials> | undefined;
  #resolved: ResolvedCredentials | undefined;

  constructor(domain: string, options: RegistryClientOptions = {}) {
    this.endpoint = registryEndpoint(domain, { insecureRegistries: options.insecureRegistries });
    this.#transport = options.transport ?? nodeHttpTransport;
    this.#retry = {
      ...options.retry,
      sleep: options.retry?.sleep ?? options.sleep,
      now: options.retry?.now ?? options.now,
    };
    this.#credentialOptions = { credentials: options.credentials, env: options.env };
    this.#auth = new Authenticator({
      baseUrl: this.endpoint.baseUrl,
      cache: options.tokenCache ?? sharedTokenCache,
      credentials: (context) => this.#loadCredentials(context),
      send: (request, context) => this.#send(request, context),
      scrub: (text) => this.scrub(text),
      now: options.now ?? Date.now,
    });
  }

  /** Where credentials came from, in words, or `anonymous` while none were needed. */
  get credentialSource(): string {
    return this.#resolved?.source ?? 'anonymous';
  }

  /** The message context for an operation on `repository`. */
  context(repository: string, reference?: string): RegistryErrorContext {
    return { registry: this.endpoint.domain, repository, reference, credentialSource: this.credentialSource };
  }

  /**
   * Sends a request to `/v2/<repository>/<resource>`, authenticating as the registry asks. Throws a
   * {@link RegistryError} for no answer, 401/403, and 429/5xx after retries; returns every other answer
   * (success, 404, …) for the operation to judge.
   */
  async request(request: RegistryRequest): Promise<HttpResponse> {
    const url = `${this.endpoint.baseUrl}/v2/${request.repository}/${request.resource}`;
    const scope = repositoryScope(request.repository, request.actions);
    const context = () => this.context(request.repository, request.reference);

    let authorization = await this.#auth.preemptive(scope, context);
    let answered = false;
    for (;;) {
      const headers: Record<string, string> = { ...request.headers };
      if (authorization !== undefined) headers.Authorization = authorization;
      const streamed = isStreamedBody(request.body) ? request.body : undefined;
      if (streamed !== undefined) headers['Content-Length'] = String(streamed.length);
      const { response, attempts } = await this.#send(
        { method: request.method, url, headers, body: request.body },
        context(),
        streamed !== undefined,
      );
      if (streamed !== undefined && response.status === 401) return response;

      if (response.status === 401 && !answered) {
        await response.discard();
        authorization = await this.#auth.answer(response, scope, context);
        answered = true;
        continue;
      }
      if (response.status === 401) {
        await response.discard();
        throw unauthorizedError(context(), {
          status: 401,
          what: `${request.what} on registry ${this.endpoint.domain}`,
        });
      }
      if (response.status === 403 || isRetryableStatus(response.status)) {
        throw await this.errorFor(response, request, attempts);
      }
      return response;
    }
  }

  /** The {@link RegistryError} for a failed answer to `request`. Consumes the body. */
  errorFor(response: HttpResponse, request: RegistryRequest, attempts?: number): Promise<RegistryError> {
    return errorFromResponse(response, this.context(request.repository, request.reference), {
      what: request.what,
      scrub: (text) => this.scrub(text),
      ...(attempts === undefined ? {} : { attempts }),
    });
  }

  /** Replaces any secret this client holds with `***`. */
  scrub(text: string): string {
    const credentials = this.#resolved;
    if (credentials === undefined) return text;
    let scrubbed = text;
    for (const secret of [credentials.password, credentials.identityToken]) {
      if (secret !== undefined && secret.length >= 3) scrubbed = scrubbed.split(secret).join('***');
    }
    return scrubbed;
  }

  async #send(request: HttpRequest, context: RegistryErrorContext, once = false): Promise<RetriedResponse> {
    try {
      return await sendWithRetry(
        this.#transport,
        request,
        once ? { ...this.#retry, attempts: 1 } : this.#retry,
      );
    } catch (error) {
      // The caller's stream was wrong, not the network: the caller words that.
      if (error instanceof NetworkFailure && error.cause instanceof BodyLengthError) throw error.cause;
      if (error instanceof NetworkFailure) {
        throw unreachableError(context, new URL(request.url).origin, error.cause, error.attempts);
      }
      throw error;
    }
  }

  #loadCredentials(context: RegistryErrorContext): Promise<ResolvedCredentials> {
    this.#credentials ??= resolveCredentials(this.endpoint.domain, this.#credentialOptions).then(
      (resolved) => {
        this.#resolved = resolved;
        return resolved;
      },
      (error: unknown) => {
        if (error instanceof SlipwayError && !(error instanceof RegistryError)) {
          throw new RegistryError('credentials', error.message, context, {
            fix: error.fix ?? 'check the docker config',
            cause: error,
          });
        }
        throw error;
      },
    );
    return this.#credentials;
  }
}

function isStreamedBody(body: RegistryRequest['body']): body is StreamedBody {
  return typeof body === 'object' && body !== null && 'stream' in body;
}
