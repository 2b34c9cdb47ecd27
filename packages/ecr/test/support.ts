// Test helpers: fake AWS credentials, ECR tokens, SDK-shaped errors, and an HTTP handler that answers the
// real SDK pipeline (signing, endpoints, retries, parsing) without leaving the process.

import { type ECRClientConfig, ECRServiceException } from '@aws-sdk/client-ecr';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const HOST = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`;
export const DIGEST_A = `sha256:${'a'.repeat(64)}`;
export const DIGEST_B = `sha256:${'b'.repeat(64)}`;

/** Credentials marked as the SDK marks environment-variable credentials. */
export function envCredentials(): NonNullable<ECRClientConfig['credentials']> {
  return async () => {
    const identity = {
      accessKeyId: 'AKIDEXAMPLEKEY',
      secretAccessKey: 'aws-secret-never-shown',
      sessionToken: 'aws-session-never-shown',
      $source: { CREDENTIALS_ENV_VARS: 'g' },
    };
    return identity;
  };
}

/** base64 of `AWS:<password>`, as GetAuthorizationToken returns it. */
export function ecrToken(password: string): string {
  return Buffer.from(`AWS:${password}`).toString('base64');
}

export function tokenOutput(password: string, expiresAt: Date, account = ACCOUNT, region = 'eu-west-1') {
  return {
    authorizationData: [
      {
        authorizationToken: ecrToken(password),
        expiresAt,
        proxyEndpoint: `https://${account}.dkr.ecr.${region}.amazonaws.com`,
      },
    ],
  };
}

/** An error shaped like the ones the SDK throws for a service answer. */
export function serviceError(
  name: string,
  message: string,
  extra: { attempts?: number; throttling?: boolean } = {},
) {
  const error = new ECRServiceException({
    name,
    $fault: 'client',
    message,
    $metadata: { httpStatusCode: 400, attempts: extra.attempts ?? 1 },
  });
  if (extra.throttling === true) Object.assign(error, { $retryable: { throttling: true } });
  return error;
}

export interface RecordedRequest {
  readonly hostname: string;
  readonly target: string;
  readonly authorization: string;
  readonly body: unknown;
}

/** Answers ECR's JSON protocol from `respond`, recording each request. */
export function fakeEcrHandler(
  respond: (request: RecordedRequest) => { status: number; body: unknown; errorType?: string },
) {
  const requests: RecordedRequest[] = [];
  const handler = {
    metadata: { handlerProtocol: 'h1' },
    httpHandlerConfigs: () => ({}),
    updateHttpClientConfig: () => {},
    destroy: () => {},
    handle: async (request: {
      hostname: string;
      headers: Record<string, string>;
      body?: unknown;
    }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> => {
      const recorded: RecordedRequest = {
        hostname: request.hostname,
        target: request.headers['x-amz-target'] ?? '',
        authorization: request.headers.authorization ?? '',
        body: parseBody(request.body),
      };
      requests.push(recorded);
      const answer = respond(recorded);
      const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
      if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
      return {
        response: {
          statusCode: answer.status,
          headers,
          body: new TextEncoder().encode(JSON.stringify(answer.body)),
        },
      };
    },
  };
  return { handler, requests };
}

function parseBody(body: unknown): unknown {
  if (typeof body === 'string') return JSON.parse(body);
  if (body instanceof Uint8Array) return JSON.parse(new TextDecoder().decode(body));
  return undefined;
}
