// What a failed ECR call means for the person running Slipway: which registry and region, which AWS
// credentials were in use, and what to change. AWS error messages never carry a secret (they may carry
// the caller's ARN, which helps); tokens and passwords are never put into a message.

import { SlipwayError } from '@slipway/errors';
import type { EcrHost } from './host.js';

/** What an ECR API call was doing, for messages. */
export interface EcrCallContext {
  readonly registry: EcrHost;
  /** The API operation, e.g. `GetAuthorizationToken`. */
  readonly operation: string;
  /** The IAM action it needs, e.g. `ecr:GetAuthorizationToken`. */
  readonly permission: string;
  /** The repository concerned, if any. */
  readonly repository?: string | undefined;
  /** Where the AWS credentials came from, in words, when known. */
  readonly credentialSource?: string | undefined;
}

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

export const NO_CREDENTIALS_FIX =
  'in GitHub Actions run aws-actions/configure-aws-credentials before this step (with `permissions: id-token: write` for OIDC); ' +
  'in CodeBuild give the project a service role; elsewhere set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/** The error's AWS name (`AccessDeniedException`, `CredentialsProviderError`, …), if it has one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** Whether IAM refused the call: the AWS error itself, or the SlipwayError made of it (its cause). */
export function isAccessDenied(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && ACCESS_DENIED.has(name)) return true;
  const cause = error instanceof SlipwayError ? error.cause : undefined;
  const causeName = awsErrorName(cause);
  return causeName !== undefined && ACCESS_DENIED.has(causeName);
}

/** `account 123456789012 in eu-west-1 (FIPS, dual-stack)`. */
export function describeRegistry(registry: EcrHost): string {
  const flavours = [registry.fips ? 'FIPS' : undefined, registry.dualStack ? 'dual-stack' : undefined].filter(
    (flavour) => flavour !== undefined,
  );
  const suffix = flavours.length === 0 ? '' : ` (${flavours.join(', ')} endpoint)`;
  return `account ${registry.accountId} in ${registry.region}${suffix}`;
}

export function notEcrHostError(host: string): SlipwayError {
  return new SlipwayError(`${host} is not an Amazon ECR private registry`, {
    where: host,
    fix:
      'ECR registries are named <account>.dkr.ecr.<region>.amazonaws.com (or .amazonaws.com.cn, dkr.ecr-fips., ' +
      'or the dual-stack <account>.dkr-ecr.<region>.on.aws); public.ecr.aws needs no login to pull',
  });
}

/** The AWS SDK found no credentials, or could not obtain them (web identity, container role, profile). */
export function credentialsError(error: unknown, registry: EcrHost): SlipwayError {
  const name = awsErrorName(error);
  const detail = errorDetail(error);
  const where = registry.host;
  if (name === 'CredentialsProviderError') {
    return new SlipwayError(
      `no AWS credentials for ${describeRegistry(registry)}: the AWS SDK's default chain found none ` +
        `(environment variables, web identity token, shared config and profiles, container and instance roles)` +
        (detail === '' ? '' : ` (last: ${detail})`),
      { where, fix: NO_CREDENTIALS_FIX, cause: error },
    );
  }
  if (name !== undefined && ACCESS_DENIED.has(name)) {
    return new SlipwayError(
      `AWS refused the credentials the SDK tried to obtain for ${describeRegistry(registry)} (${name}: ${detail})`,
      {
        where,
        fix:
          "with OIDC, the role's trust policy must allow sts:AssumeRoleWithWebIdentity for this repository and ref " +
          '(token.actions.githubusercontent.com:sub); check the role ARN given to configure-aws-credentials',
        cause: error,
      },
    );
  }
  return new SlipwayError(
    `could not obtain AWS credentials for ${describeRegistry(registry)} (${name ?? 'Error'}: ${detail})`,
    { where, fix: NO_CREDENTIALS_FIX, cause: error },
  );
}

/** Turns a failed ECR API call into a message naming the registry, region, permission and credentials. */
export function ecrCallError(error: unknown, context: EcrCallContext): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const name = awsErrorName(error);
  const detail = errorDetail(error);
  const where =
    context.repository === undefined
      ? context.registry.host
      : `${context.registry.host}/${context.repository}`;
  const registry = describeRegistry(context.registry);
  const from = context.credentialSource === undefined ? '' : ` from ${context.credentialSource}`;
  const using = from === '' ? '' : ` using AWS credentials${from}`;
  const on = context.repository === undefined ? registry : `repository ${context.repository} (${registry})`;

  if (name === 'CredentialsProviderError') return credentialsError(error, context.registry);
  if (name !== undefined && ACCESS_DENIED.has(name)) {
    const resource = context.repository === undefined ? ' (on resource "*")' : '';
    return new SlipwayError(`ECR denied ${context.operation} on ${on}${using} (${name}: ${detail})`, {
      where,
      fix:
        `allow the IAM action ${context.permission}${resource} for these credentials` +
        (context.repository === undefined
          ? ''
          : `, and check the repository policy when the repository belongs to another account`),
      cause: error,
    });
  }
  if (name !== undefined && EXPIRED.has(name)) {
    return new SlipwayError(`the AWS credentials${from} have expired (${name})`, {
      where,
      fix:
        'run the job again; for long jobs raise role-duration-seconds in aws-actions/configure-aws-credentials, ' +
        'or let the SDK refresh them (a profile or container role instead of fixed session keys)',
      cause: error,
    });
  }
  if (name !== undefined && REJECTED_CREDENTIALS.has(name)) {
    return new SlipwayError(
      `AWS rejected the credentials${from} for ${context.operation} on ${on} (${name}: ${detail})`,
      {
        where,
        fix:
          'check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (or the profile); keys of one ' +
          `partition (aws, aws-cn, aws-us-gov) do not work in another, and this registry is in ${context.registry.partition}`,
        cause: error,
      },
    );
  }
  if (isThrottled(error)) {
    return new SlipwayError(
      `ECR throttled ${context.operation} on ${on} and kept refusing after ${attempts(error)} (${name}: ${detail})`,
      {
        where,
        fix: 'run the job again later, or run fewer ECR jobs at once; AWS_MAX_ATTEMPTS raises the SDK retries',
        cause: error,
      },
    );
  }
  const code = networkCode(error);
  if (code !== undefined) {
    return new SlipwayError(`cannot reach the ECR API for ${registry} (${code}) after ${attempts(error)}`, {
      where,
      fix:
        context.registry.dualStack || context.registry.fips
          ? 'check the network, proxy (HTTPS_PROXY) and that the FIPS or dual-stack API endpoint is reachable from here'
          : 'check the network and proxy (HTTPS_PROXY) settings, and the region in the registry host',
      cause: error,
    });
  }
  if (name === 'KmsException') {
    return new SlipwayError(`KMS refused ${context.operation} on ${on}${using} (${detail})`, {
      where,
      fix: 'check the KMS key (ID, ARN or alias in this region) and that its key policy lets these credentials use it',
      cause: error,
    });
  }
  if (name === 'LimitExceededException') {
    return new SlipwayError(`ECR quota reached for ${context.operation} on ${on} (${detail})`, {
      where,
      fix: 'delete unused repositories or images, or ask AWS for a higher quota',
      cause: error,
    });
  }
  return new SlipwayError(
    `ECR ${context.operation} failed on ${on}${using} (${name ?? 'Error'}: ${detail})`,
    {
      where,
      cause: error,
    },
  );
}

/**
 * The registry rejected an ECR token that had just been fetched: not an expiry, so the credentials can log
 * in but not do what was asked.
 */
export function tokenRejectedError(
  registry: EcrHost,
  credentialSource: string | undefined,
  repository?: string,
): SlipwayError {
  const using = credentialSource === undefined ? '' : ` (AWS credentials from ${credentialSource})`;
  return new SlipwayError(
    `the registry rejected a freshly fetched ECR token for ${describeRegistry(registry)}${using}`,
    {
      where: repository === undefined ? registry.host : `${registry.host}/${repository}`,
      fix:
        'allow ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to pull, plus ecr:InitiateLayerUpload, ' +
        'ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:BatchCheckLayerAvailability and ecr:PutImage to push ' +
        '(in IAM, and in the repository policy for another account)',
    },
  );
}

function isThrottled(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && THROTTLED.has(name)) return true;
  const retryable = (error as { $retryable?: { throttling?: unknown } } | null)?.$retryable;
  return retryable?.throttling === true;
}

function networkCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  const name = awsErrorName(error);
  if (name === 'TimeoutError') return 'timed out';
  return undefined;
}

function attempts(error: unknown): string {
  const count = (error as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof count === 'number' ? `${count} attempt${count === 1 ? '' : 's'}` : 'the SDK retries';
}

function errorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message.replace(/\s+/g, ' ').trim();
}
