// The identity token: SIGSTORE_ID_TOKEN, GitHub's token endpoint (the fake one on loopback), and the
// refusals, which name the fix and never a token.

import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { withCleanup } from '../../../test/support/cleanup.js';
import { startGitHubOidc } from '../../../test/support/githubOidc.js';
import { identityToken } from '../src/index.js';

function collector() {
  const masked: string[] = [];
  return { masked, mask: (secret: string) => masked.push(secret) };
}

async function failure(promise: Promise<unknown>): Promise<SlipwayError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SlipwayError);
  return error as SlipwayError;
}

describe('identityToken', () => {
  it('takes SIGSTORE_ID_TOKEN first, masked, without asking GitHub', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const token = oidc.issue('sigstore');
      const { masked, mask } = collector();
      const got = await identityToken({ env: { ...oidc.env, SIGSTORE_ID_TOKEN: token }, mask });
      expect(got).toEqual({ token, source: 'SIGSTORE_ID_TOKEN' });
      expect(masked).toContain(token);
      expect(oidc.audiences).toEqual([]);
    });
  });

  it('asks GitHub for the audience sigstore with the request token, and masks both', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const { masked, mask } = collector();
      const got = await identityToken({ env: oidc.env, mask });
      expect(oidc.audiences).toEqual(['sigstore']);
      expect(got.source).toBe('GitHub Actions OIDC');
      const claims = JSON.parse(Buffer.from(got.token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(claims.aud).toBe('sigstore');
      expect(masked).toEqual(expect.arrayContaining([oidc.requestToken, got.token]));
    });
  });

  it('a 401 from the endpoint: says the job needs id-token: write, shows no token', async () => {
    await withCleanup(async (defer) => {
      const oidc = await startGitHubOidc();
      defer(oidc.close);
      const wrong = 'not-the-request-token-0123456789';
      const error = await failure(
        identityToken({
          env: { ...oidc.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: wrong },
          mask: () => {},
        }),
      );
      expect(error.oneLine()).toContain('refused the request (HTTP 401)');
      expect(error.oneLine()).toContain('id-token: write');
      expect(error.oneLine()).not.toContain(wrong);
      expect(error.oneLine()).not.toContain('_apis/token');
    });
  });

  it('on a GitHub runner without the token URL: names permissions id-token: write', async () => {
    const error = await failure(identityToken({ env: { GITHUB_ACTIONS: 'true' }, mask: () => {} }));
    expect(error.oneLine()).toContain('permissions: id-token: write');
  });

  it('outside any OIDC context: names --key and SIGSTORE_ID_TOKEN', async () => {
    const error = await failure(identityToken({ env: {}, mask: () => {} }));
    expect(error.oneLine()).toContain('--key');
    expect(error.oneLine()).toContain('SIGSTORE_ID_TOKEN');
  });

  it('refuses a SIGSTORE_ID_TOKEN that is no JWT, without echoing it', async () => {
    const error = await failure(
      identityToken({ env: { SIGSTORE_ID_TOKEN: 'secret value' }, mask: () => {} }),
    );
    expect(error.oneLine()).toContain('does not hold a JWT');
    expect(error.oneLine()).not.toContain('secret value');
  });

  it('refuses a plain-http token endpoint off loopback', async () => {
    const error = await failure(
      identityToken({
        env: {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://example.com/token?x=1',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
        },
        mask: () => {},
      }),
    );
    expect(error.oneLine()).toContain('is not an https:// URL');
  });
});
