// One ECR API client per region and endpoint flavour (FIPS, dual-stack), with the AWS SDK's default
// credential chain unless credentials are given, and words for where the credentials came from.

import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { credentialsError } from './errors.js';
import type { EcrHost } from './host.js';

export interface EcrClientOptions {
  /**
   * AWS credentials or a provider of them. Default: the SDK's default chain (environment variables, the
   * web identity token that aws-actions/configure-aws-credentials or EKS sets, shared config and profiles,
   * the CodeBuild/ECS container role, the EC2 instance role).
   */
  readonly credentials?: ECRClientConfig['credentials'] | undefined;
  /** SDK attempts per call (retries on throttling and 5xx included). Default: the SDK's (3, or AWS_MAX_ATTEMPTS). */
  readonly maxAttempts?: number | undefined;
  /** Further client settings (request handler, logger, …). Region, FIPS and dual-stack come from the host. */
  readonly clientConfig?:
    | Omit<
        ECRClientConfig,
        'region' | 'useFipsEndpoint' | 'useDualstackEndpoint' | 'credentials' | 'maxAttempts'
      >
    | undefined;
  /** Where to read the names used to describe the credential source (AWS_ROLE_ARN, AWS_PROFILE, …). */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * The SDK's own default is no timeout at all: a silent endpoint would hold a run until the CI job's limit.
 * 10 s to connect, and a request whose socket stays idle 60 s is given up (and retried by the SDK).
 */
export const AWS_HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 } as const;

/** ECR API clients, made on first use and kept for the process (or the object's life). */
export class EcrClients {
  readonly #options: EcrClientOptions;
  readonly #clients = new Map<string, ECRClient>();

  constructor(options: EcrClientOptions = {}) {
    this.#options = options;
  }

  /** The API client for a registry: its region, on the FIPS or dual-stack endpoint when the host is one. */
  clientFor(registry: EcrHost): ECRClient {
    const key = `${registry.region}|${registry.fips}|${registry.dualStack}`;
    let client = this.#clients.get(key);
    if (client === undefined) {
      const config: ECRClientConfig = {
        requestHandler: AWS_HTTP_TIMEOUTS,
        ...this.#options.clientConfig,
        region: registry.region,
        useFipsEndpoint: registry.fips,
        useDualstackEndpoint: registry.dualStack,
      };
      if (this.#options.credentials !== undefined) config.credentials = this.#options.credentials;
      if (this.#options.maxAttempts !== undefined) config.maxAttempts = this.#options.maxAttempts;
      client = new ECRClient(config);
      this.#clients.set(key, client);
    }
    return client;
  }

  /**
   * Resolves the client's AWS credentials (the SDK keeps them until they near expiry) and says where they
   * came from. Throws a SlipwayError when there are none or they cannot be obtained.
   */
  async credentialSource(registry: EcrHost): Promise<string> {
    const client = this.clientFor(registry);
    let identity: unknown;
    try {
      identity = await client.config.credentials();
    } catch (error) {
      throw credentialsError(error, registry);
    }
    return describeCredentialSource(identity, {
      env: this.#options.env ?? process.env,
      explicit: this.#options.credentials !== undefined,
    });
  }

  /** Releases the clients' sockets. */
  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}

/**
 * Where resolved AWS credentials came from, in words, from the SDK's `$source` marks (which provider of the
 * chain produced them) and the environment. Never includes a secret: at most a role ARN or profile name.
 */
export function describeCredentialSource(
  identity: unknown,
  options: { env?: NodeJS.ProcessEnv | undefined; explicit?: boolean | undefined } = {},
): string {
  const env = options.env ?? process.env;
  const marks = sourceMarks(identity);
  const has = (mark: string) => marks.has(mark);
  const role = nonEmpty(env.AWS_ROLE_ARN);
  const profile = nonEmpty(env.AWS_PROFILE) ?? 'default';

  if (has('CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN') || has('CREDENTIALS_STS_ASSUME_ROLE_WEB_ID')) {
    return `a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE${role === undefined ? '' : `, role ${role}`})`;
  }
  if (has('CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN')) return `a web identity token (profile ${profile})`;
  if (has('CREDENTIALS_PROFILE_SSO') || has('CREDENTIALS_PROFILE_SSO_LEGACY') || has('CREDENTIALS_SSO')) {
    return `IAM Identity Center (SSO) login (profile ${profile})`;
  }
  if (has('CREDENTIALS_PROFILE_PROCESS') || has('CREDENTIALS_PROCESS')) {
    return `a credential_process (profile ${profile})`;
  }
  if (has('CREDENTIALS_PROFILE_SOURCE_PROFILE')) return `an assumed role (profile ${profile})`;
  if (has('CREDENTIALS_PROFILE_LOGIN') || has('CREDENTIALS_LOGIN'))
    return `an AWS console login (profile ${profile})`;
  if (has('CREDENTIALS_PROFILE') || has('CREDENTIALS_PROFILE_NAMED_PROVIDER')) {
    return `the shared config (profile ${profile})`;
  }
  if (has('CREDENTIALS_ENV_VARS')) {
    const session = nonEmpty(env.AWS_SESSION_TOKEN) !== undefined;
    return session
      ? 'environment variables (AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN, as aws-actions/configure-aws-credentials sets them)'
      : 'environment variables (AWS_ACCESS_KEY_ID)';
  }
  if (has('CREDENTIALS_HTTP')) {
    if (nonEmpty(env.CODEBUILD_BUILD_ID) !== undefined) return "the CodeBuild project's service role";
    return 'the container credentials endpoint (ECS task role, CodeBuild or EKS Pod Identity)';
  }
  if (has('CREDENTIALS_IMDS')) return 'the EC2 instance profile (instance metadata)';
  if (has('CREDENTIALS_CODE') || options.explicit === true) return 'credentials given to Slipway';
  return "the AWS SDK's default credential chain";
}

function sourceMarks(identity: unknown): Set<string> {
  if (typeof identity !== 'object' || identity === null) return new Set();
  const source = (identity as { $source?: unknown }).$source;
  if (typeof source !== 'object' || source === null) return new Set();
  return new Set(Object.keys(source));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
