import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { SlipwayError } from '@slipway/errors';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EcrCredentials, type EcrCredentialsOptions } from '../src/index.js';
import { ACCOUNT, envCredentials, HOST, OTHER_ACCOUNT, serviceError, tokenOutput } from './support.js';

const ecr = mockClient(ECRClient);
const HOUR = 60 * 60 * 1000;

let clock = Date.parse('2026-03-01T10:00:00Z');
const now = () => clock;

function provider(options: EcrCredentialsOptions = {}) {
  return new EcrCredentials({ credentials: envCredentials(), now, env: {}, ...options });
}

beforeEach(() => {
  ecr.reset();
  clock = Date.parse('2026-03-01T10:00:00Z');
});
afterAll(() => ecr.restore());

describe('credentialsFor', () => {
  it('fetches a token for the registry account and decodes AWS:<password>', async () => {
    const expiresAt = new Date(clock + 12 * HOUR);
    ecr.on(GetAuthorizationTokenCommand).resolves(tokenOutput('pa55:word', expiresAt));
    const login = await provider().credentialsFor(HOST);
    expect(login).toEqual({
      username: 'AWS',
      password: 'pa55:word',
      expiresAt,
      source: `ECR GetAuthorizationToken for account ${ACCOUNT} in eu-west-1 with AWS credentials from environment variables (AWS_ACCESS_KEY_ID)`,
    });
    const calls = ecr.commandCalls(GetAuthorizationTokenCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({ registryIds: [ACCOUNT] });
    const client = calls[0]?.thisValue as ECRClient;
    expect(await client.config.region()).toBe('eu-west-1');
    expect(await client.config.useFipsEndpoint()).toBe(false);
  });

  it('asks for the account in the host (cross-account), on a client for its region', async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves(tokenOutput('p', new Date(clock + 12 * HOUR)));
    const credentials = provider();
    await credentials.credentialsFor(`${OTHER_ACCOUNT}.dkr.ecr.ap-northeast-1.amazonaws.com`);
    await credentials.credentialsFor(HOST);
    const calls = ecr.commandCalls(GetAuthorizationTokenCommand);
    expect(calls.map((call) => call.args[0].input.registryIds)).toEqual([[OTHER_ACCOUNT], [ACCOUNT]]);
    const regions = await Promise.all(calls.map((call) => (call.thisValue as ECRClient).config.region()));
    expect(regions).toEqual(['ap-northeast-1', 'eu-west-1']);
  });

  it('reuses the cached token, then fetches a new one shortly before it expires', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolvesOnce(tokenOutput('first', new Date(clock + 12 * HOUR)))
      .resolvesOnce(tokenOutput('second', new Date(clock + 24 * HOUR)));
    const credentials = provider();
    expect((await credentials.credentialsFor(HOST)).password).toBe('first');
    clock += 11 * HOUR;
    expect((await credentials.credentialsFor(HOST.toUpperCase())).password).toBe('first');
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1);
    clock += 50 * 60 * 1000; // 10 minutes before expiry: inside the 15-minute margin
    expect((await credentials.credentialsFor(HOST)).password).toBe('second');
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(2);
  });

  it('keeps a token per account and region', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .callsFake((input: { registryIds?: string[] }) =>
        tokenOutput(`for-${input.registryIds?.[0]}`, new Date(clock + 12 * HOUR)),
      );
    const credentials = provider();
    const a = await credentials.credentialsFor(HOST);
    const b = await credentials.credentialsFor(`${OTHER_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`);
    const c = await credentials.credentialsFor(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`);
    expect([a.password, b.password, c.password]).toEqual([
      `for-${ACCOUNT}`,
      `for-${OTHER_ACCOUNT}`,
      `for-${ACCOUNT}`,
    ]);
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(3);
    await credentials.credentialsFor(`${ACCOUNT}.dkr-ecr.eu-west-1.on.aws`);
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(3);
  });

  it('shares one request between concurrent callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    ecr.on(GetAuthorizationTokenCommand).callsFake(async () => {
      await gate;
      return tokenOutput('shared', new Date(clock + 12 * HOUR));
    });
    const credentials = provider();
    const both = Promise.all([credentials.credentialsFor(HOST), credentials.credentialsFor(HOST)]);
    await vi.waitFor(() => expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1));
    release();
    const [a, b] = await both;
    expect(a?.password).toBe('shared');
    expect(b?.password).toBe('shared');
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1);
  });

  it('does not cache a failure: the next call asks again', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejectsOnce(serviceError('ServerException', 'internal error', { attempts: 3 }))
      .resolvesOnce(tokenOutput('after', new Date(clock + 12 * HOUR)));
    const credentials = provider();
    await expect(credentials.credentialsFor(HOST)).rejects.toThrow(SlipwayError);
    expect((await credentials.credentialsFor(HOST)).password).toBe('after');
  });

  it('calls the FIPS API endpoint for a FIPS registry, and the dual-stack one for a dual-stack registry', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolves(tokenOutput('p', new Date(clock + 12 * HOUR), ACCOUNT, 'us-east-1'));
    await provider().credentialsFor(`${ACCOUNT}.dkr.ecr-fips.us-east-1.amazonaws.com`);
    await provider().credentialsFor(`${ACCOUNT}.dkr-ecr-fips.us-east-2.on.aws`);
    await provider().credentialsFor(`${ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn`);
    const hostnames = await Promise.all(
      ecr.commandCalls(GetAuthorizationTokenCommand).map(async (call) => {
        const { config } = call.thisValue as ECRClient;
        const endpoint = config.endpointProvider({
          Region: await config.region(),
          UseFIPS: await config.useFipsEndpoint(),
          UseDualStack: await config.useDualstackEndpoint(),
        });
        return endpoint.url.hostname;
      }),
    );
    expect(hostnames).toEqual([
      'api.ecr-fips.us-east-1.amazonaws.com',
      'ecr-fips.us-east-2.api.aws',
      'api.ecr.cn-north-1.amazonaws.com.cn',
    ]);
  });

  it('passes the password and the token to mask, once per mask function', async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves(tokenOutput('s3cret', new Date(clock + 12 * HOUR)));
    const reporterMask = vi.fn();
    const callerMask = vi.fn();
    const credentials = provider({ mask: reporterMask });
    await credentials.credentialsFor(HOST, { mask: callerMask });
    await credentials.credentialsFor(HOST, { mask: callerMask });
    const token = Buffer.from('AWS:s3cret').toString('base64');
    expect(reporterMask.mock.calls).toEqual([['s3cret'], [token]]);
    expect(callerMask.mock.calls).toEqual([['s3cret'], [token]]);
    const laterMask = vi.fn();
    await credentials.credentialsFor(HOST, { mask: laterMask });
    expect(laterMask).toHaveBeenCalledWith('s3cret');
  });

  it('refuses a host that is not ECR, before any AWS call', async () => {
    const error = await provider()
      .credentialsFor('123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.com')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).message).toContain('is not an Amazon ECR private registry');
    expect(ecr.calls()).toHaveLength(0);
  });

  it('refuses a malformed token without showing it', async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [{ authorizationToken: Buffer.from('not-a-login').toString('base64') }],
    });
    const error = (await provider()
      .credentialsFor(HOST)
      .catch((e: unknown) => e)) as SlipwayError;
    expect(error.oneLine()).toContain('is not base64 of "AWS:<password>"');
    expect(error.oneLine()).not.toContain('not-a-login');
    expect(error.oneLine()).not.toContain(Buffer.from('not-a-login').toString('base64'));
  });
});

describe('errors', () => {
  async function failure(options: EcrCredentialsOptions = {}): Promise<SlipwayError> {
    const error = await provider(options)
      .credentialsFor(HOST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    const text = (error as SlipwayError).oneLine();
    for (const secret of ['aws-secret-never-shown', 'aws-session-never-shown'])
      expect(text).not.toContain(secret);
    return error as SlipwayError;
  }

  it('AccessDenied names the registry, region, credential source and the permission to grant', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejects(
        serviceError(
          'AccessDeniedException',
          'User: arn:aws:sts::123456789012:assumed-role/ci/gha is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action',
        ),
      );
    const error = await failure({ env: { AWS_SESSION_TOKEN: 'aws-session-never-shown' } });
    expect(error.where).toBe(HOST);
    expect(error.message).toContain('ECR denied GetAuthorizationToken on account 123456789012 in eu-west-1');
    expect(error.message).toContain(
      'using AWS credentials from environment variables (AWS_ACCESS_KEY_ID with AWS_SESSION_TOKEN',
    );
    expect(error.message).toContain('arn:aws:sts::123456789012:assumed-role/ci/gha');
    expect(error.fix).toContain('ecr:GetAuthorizationToken (on resource "*")');
  });

  it('missing credentials: says none were found and how to configure them', async () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const error = await failure({
      credentials: async () => {
        throw missing;
      },
    });
    expect(error.where).toBe(HOST);
    expect(error.message).toContain('no AWS credentials for account 123456789012 in eu-west-1');
    expect(error.fix).toContain('aws-actions/configure-aws-credentials');
    expect(error.fix).toContain('CodeBuild');
    expect(ecr.calls()).toHaveLength(0);
  });

  it('expired AWS credentials: says so, with the source', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejects(
        serviceError('ExpiredTokenException', 'The security token included in the request is expired'),
      );
    const error = await failure();
    expect(error.message).toBe(
      'the AWS credentials from environment variables (AWS_ACCESS_KEY_ID) have expired (ExpiredTokenException)',
    );
    expect(error.fix).toContain('role-duration-seconds');
  });

  it('rejected keys: names the partition', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejects(
        serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
      );
    const error = await failure();
    expect(error.message).toContain('AWS rejected the credentials from environment variables');
    expect(error.fix).toContain('this registry is in aws');
  });

  it('throttling: after the SDK retries, says how many attempts were made', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .rejects(serviceError('ThrottlingException', 'Rate exceeded', { attempts: 3, throttling: true }));
    const error = await failure();
    expect(error.message).toContain(
      'ECR throttled GetAuthorizationToken on account 123456789012 in eu-west-1',
    );
    expect(error.message).toContain('after 3 attempts');
    expect(error.fix).toContain('AWS_MAX_ATTEMPTS');
  });

  it('network failures: say the API could not be reached', async () => {
    ecr.on(GetAuthorizationTokenCommand).rejects(
      Object.assign(new Error('getaddrinfo ENOTFOUND api.ecr.eu-west-1.amazonaws.com'), {
        code: 'ENOTFOUND',
      }),
    );
    const error = await failure();
    expect(error.message).toContain(
      'cannot reach the ECR API for account 123456789012 in eu-west-1 (ENOTFOUND)',
    );
  });
});

describe('invalidate', () => {
  it('drops an expired token so that the next call fetches a new one, once', async () => {
    ecr
      .on(GetAuthorizationTokenCommand)
      .resolvesOnce(tokenOutput('pw-stale-1', new Date(clock + 12 * HOUR)))
      .resolvesOnce(tokenOutput('pw-fresh-2', new Date(clock + 12 * HOUR)))
      .resolvesOnce(tokenOutput('pw-fresher-3', new Date(clock + 12 * HOUR)));
    const credentials = provider();
    expect((await credentials.credentialsFor(HOST)).password).toBe('pw-stale-1');

    // The registry answered 401 to the cached token.
    expect(credentials.invalidate(HOST)).toBe(true);
    expect((await credentials.credentialsFor(HOST)).password).toBe('pw-fresh-2');
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(2);

    // The fresh token is refused too: fetching again would not help.
    expect(credentials.invalidate(HOST)).toBe(false);
    const error = credentials.rejectedError(HOST, 'shop/cart');
    expect(error.where).toBe(`${HOST}/shop/cart`);
    expect(error.message).toBe(
      'the registry rejected a freshly fetched ECR token for account 123456789012 in eu-west-1 (AWS credentials from environment variables (AWS_ACCESS_KEY_ID))',
    );
    expect(error.fix).toContain('ecr:PutImage');
    expect(error.oneLine()).not.toContain('pw-');

    // Hours later, a token fetched after an invalidate may expire like any other.
    expect((await credentials.credentialsFor(HOST)).password).toBe('pw-fresher-3');
    clock += 3 * HOUR;
    expect(credentials.invalidate(HOST)).toBe(true);
  });

  it('ignores hosts that are not ECR', () => {
    expect(provider().invalidate('ghcr.io')).toBe(false);
  });
});
