import { generateKeyPairSync, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for GitHub Actions' OIDC token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`): answers
 * `GET <url>&audience=<aud>` carrying `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` with
 * `{"count":…,"value":"<jwt>"}`, the JWT signed ES256 by a key of its own and carrying GitHub's claims.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** The claims of one workflow run; the defaults describe `acme/shop`'s release workflow on main. */
export interface WorkflowClaims {
  repository: string;
  ref: string;
  sha: string;
  /** `<owner>/<repo>/<path>@<ref>` of the workflow file that runs the job (reusable workflows differ). */
  job_workflow_ref: string;
  workflow_ref: string;
  workflow: string;
  event_name: string;
  runner_environment: string;
  repository_id: string;
  repository_owner: string;
  repository_owner_id: string;
  repository_visibility: string;
  run_id: string;
  run_attempt: string;
}

export function workflowClaims(overrides: Partial<WorkflowClaims> = {}): WorkflowClaims {
  const repository = overrides.repository ?? 'acme/shop';
  const ref = overrides.ref ?? 'refs/heads/main';
  const workflow = `${repository}/.github/workflows/release.yml@${ref}`;
  return {
    repository,
    ref,
    sha: 'a'.repeat(40),
    job_workflow_ref: workflow,
    workflow_ref: workflow,
    workflow: 'release',
    event_name: 'push',
    runner_environment: 'github-hosted',
    repository_id: '123456',
    repository_owner: repository.split('/')[0] ?? 'acme',
    repository_owner_id: '654321',
    repository_visibility: 'private',
    run_id: '42',
    run_attempt: '1',
    ...overrides,
  };
}

export interface GitHubOidcServer {
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` (already has a query, as GitHub's does). */
  readonly requestUrl: string;
  /** `ACTIONS_ID_TOKEN_REQUEST_TOKEN`. */
  readonly requestToken: string;
  /** The key the tokens are signed with (a fake Fulcio checks them against it). */
  readonly publicKey: KeyObject;
  /** The environment a GitHub runner gives a job with `id-token: write`. */
  readonly env: Record<string, string>;
  /** Audiences asked for, in order. */
  readonly audiences: string[];
  /** A token for `audience` without going through HTTP (for `SIGSTORE_ID_TOKEN`). */
  issue(audience?: string, claims?: Partial<WorkflowClaims> & Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startGitHubOidc(
  options: { claims?: Partial<WorkflowClaims>; issuer?: string; lifetimeSeconds?: number } = {},
): Promise<GitHubOidcServer> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const requestToken = randomBytes(16).toString('hex');
  const issuer = options.issuer ?? GITHUB_ISSUER;
  const audiences: string[] = [];
  const issue = (audience = 'sigstore', extra: Record<string, unknown> = {}): string => {
    const claims = { ...workflowClaims(options.claims), ...extra };
    const now = Math.floor(Date.now() / 1000);
    return signJwt(privateKey, {
      jti: randomBytes(8).toString('hex'),
      sub: `repo:${claims.repository}:ref:${claims.ref}`,
      aud: audience,
      iss: issuer,
      nbf: now - 5,
      iat: now,
      exp: now + (options.lifetimeSeconds ?? 300),
      ...claims,
    });
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.headers.authorization !== `Bearer ${requestToken}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}');
      return;
    }
    const audience = url.searchParams.get('audience') ?? 'https://github.com/acme';
    audiences.push(audience);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ count: 1000, value: issue(audience) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const requestUrl = `http://127.0.0.1:${port}/_apis/token?api-version=2.0`;
  return {
    requestUrl,
    requestToken,
    publicKey,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    audiences,
    issue: (audience, claims) => issue(audience, claims),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function base64url(bytes: Buffer | string): string {
  return Buffer.from(bytes).toString('base64url');
}

function signJwt(key: KeyObject, claims: Record<string, unknown>): string {
  const head = `${base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'test' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(head), { key, dsaEncoding: 'ieee-p1363' });
  return `${head}.${base64url(signature)}`;
}

/** The JWT's claims, after checking its ES256 signature with `key`; undefined when it does not verify. */
export function verifiedJwtClaims(token: string, key: KeyObject): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return undefined;
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) return undefined;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
