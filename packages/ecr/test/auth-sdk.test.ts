// The real SDK pipeline (default credential chain, endpoint rules, SigV4 signing, retries, JSON parsing),
// answered by an in-process HTTP handler: nothing leaves the machine.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlipwayError } from '@slipway/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EcrCredentials } from '../src/index.js';
import { ACCOUNT, ecrToken, envCredentials, fakeEcrHandler, HOST } from './support.js';

const EXPIRES = 1_900_000_000; // seconds, as ECR's JSON carries it

function tokenAnswer() {
  return {
    status: 200,
    body: {
      authorizationData: [
        {
          authorizationToken: ecrToken('from-the-wire'),
          expiresAt: EXPIRES,
          proxyEndpoint: `https://${HOST}`,
        },
      ],
    },
  };
}

/** The environment of a machine with no AWS configuration at all, and no instance metadata lookups. */
function bareAwsEnvironment() {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_MAX_ATTEMPTS',
    'CODEBUILD_BUILD_ID',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/slipway-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/slipway-test/aws-credentials');
}

beforeEach(() => bareAwsEnvironment());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('GetAuthorizationToken through the SDK', () => {
  it('signs with the given credentials, calls the regional endpoint and parses the expiry', async () => {
    const { handler, requests } = fakeEcrHandler(() => tokenAnswer());
    const credentials = new EcrCredentials({
      credentials: envCredentials(),
      clientConfig: { requestHandler: handler },
    });
    const login = await credentials.credentialsFor(HOST);
    expect(login.password).toBe('from-the-wire');
    expect(login.expiresAt).toEqual(new Date(EXPIRES * 1000));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      hostname: 'api.ecr.eu-west-1.amazonaws.com',
      target: 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken',
      body: { registryIds: [ACCOUNT] },
    });
    expect(requests[0]?.authorization).toMatch(
      /Credential=AKIDEXAMPLEKEY\/\d{8}\/eu-west-1\/ecr\/aws4_request/,
    );
  });

  it('uses the FIPS endpoint for a FIPS registry', async () => {
    const { handler, requests } = fakeEcrHandler(() => tokenAnswer());
    const credentials = new EcrCredentials({
      credentials: envCredentials(),
      clientConfig: { requestHandler: handler },
    });
    await credentials.credentialsFor(`${ACCOUNT}.dkr.ecr-fips.us-gov-west-1.amazonaws.com`);
    expect(requests[0]?.hostname).toBe('api.ecr-fips.us-gov-west-1.amazonaws.com');
    expect(requests[0]?.authorization).toContain('/us-gov-west-1/ecr/aws4_request');
  });

  it('reports AccessDenied from the wire', async () => {
    const { handler } = fakeEcrHandler(() => ({
      status: 400,
      errorType: 'AccessDeniedException',
      body: {
        __type: 'AccessDeniedException',
        message:
          'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: ecr:GetAuthorizationToken',
      },
    }));
    const credentials = new EcrCredentials({
      credentials: envCredentials(),
      clientConfig: { requestHandler: handler },
    });
    const error = (await credentials.credentialsFor(HOST).catch((e: unknown) => e)) as SlipwayError;
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.oneLine()).toContain(
      `${HOST}: ECR denied GetAuthorizationToken on account 123456789012 in eu-west-1 using AWS credentials from environment variables`,
    );
    expect(error.oneLine()).toContain('allow the IAM action ecr:GetAuthorizationToken');
  });

  it('lets the SDK retry throttling, then says so', async () => {
    const { handler, requests } = fakeEcrHandler(() => ({
      status: 400,
      errorType: 'ThrottlingException',
      body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
    }));
    const credentials = new EcrCredentials({
      credentials: envCredentials(),
      maxAttempts: 2,
      clientConfig: { requestHandler: handler },
    });
    const error = (await credentials.credentialsFor(HOST).catch((e: unknown) => e)) as SlipwayError;
    expect(requests).toHaveLength(2);
    expect(error.message).toContain(
      'ECR throttled GetAuthorizationToken on account 123456789012 in eu-west-1',
    );
    expect(error.message).toContain('after 2 attempts');
  });
});

describe('the default credential chain', () => {
  it('finds environment variables and says so', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret-never-shown');
    vi.stubEnv('AWS_SESSION_TOKEN', 'env-session-never-shown');
    const { handler, requests } = fakeEcrHandler(() => tokenAnswer());
    const login = await new EcrCredentials({ clientConfig: { requestHandler: handler } }).credentialsFor(
      HOST,
    );
    expect(login.source).toBe(
      `ECR GetAuthorizationToken for account ${ACCOUNT} in eu-west-1 with AWS credentials from environment variables ` +
        '(AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN, as aws-actions/configure-aws-credentials sets them)',
    );
    expect(requests[0]?.authorization).toContain('Credential=AKIDFROMENV/');
    expect(login.source).not.toContain('never-shown');
  });

  it('with nothing configured: a clear error and no ECR call', async () => {
    const { handler, requests } = fakeEcrHandler(() => tokenAnswer());
    const error = (await new EcrCredentials({ clientConfig: { requestHandler: handler } })
      .credentialsFor(HOST)
      .catch((e: unknown) => e)) as SlipwayError;
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.where).toBe(HOST);
    expect(error.message).toMatch(
      /^no AWS credentials for account 123456789012 in eu-west-1: the AWS SDK's default chain/,
    );
    expect(error.fix).toContain('aws-actions/configure-aws-credentials');
    expect(requests).toHaveLength(0);
  });

  describe('container credentials (CodeBuild)', () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) =>
        server === undefined ? resolve() : server.close(() => resolve()),
      );
      server = undefined;
    });

    it("names the CodeBuild project's service role", async () => {
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            AccessKeyId: 'ASIAFROMCONTAINER',
            SecretAccessKey: 'container-secret-never-shown',
            Token: 'container-token-never-shown',
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', `http://127.0.0.1:${port}/credentials`);
      vi.stubEnv('CODEBUILD_BUILD_ID', 'shop-build:0f6e');
      const { handler, requests } = fakeEcrHandler(() => tokenAnswer());
      const login = await new EcrCredentials({ clientConfig: { requestHandler: handler } }).credentialsFor(
        HOST,
      );
      expect(login.source).toContain("with AWS credentials from the CodeBuild project's service role");
      expect(requests[0]?.authorization).toContain('Credential=ASIAFROMCONTAINER/');
    });
  });
});
