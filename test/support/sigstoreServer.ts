import { createHash, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// Deep imports: the package's index also loads nock, which would take over every HTTP request of the process.
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock/dist/fulcio/index.js';
import { initializeTLog, rekorHandler, rekorV2Handler } from '@sigstore/mock/dist/rekor/index.js';
import type { Handler } from '@sigstore/mock/dist/shared.types.js';
import { initializeTSA, tsaHandler } from '@sigstore/mock/dist/timestamp/index.js';
import { generateKeyPair } from '@sigstore/mock/dist/util/key.js';
import { GITHUB_ISSUER, verifiedJwtClaims } from './githubOidc.js';

/**
 * Sigstore's services for tests: `@sigstore/mock`'s Fulcio, Rekor (v1 and v2) and timestamp authority handlers
 * served with node:http on 127.0.0.1, and the TrustedRoot (protobuf JSON) a verifier needs to trust them.
 *
 * Two things the mock leaves out are added here, as the real Fulcio does them:
 * - the identity token is checked against the issuer's key when one is given (`oidcKey`): a forged token
 *   gets 401 and no certificate;
 * - the certificate's subject follows Fulcio's rules: for GitHub's issuer the URI
 *   `https://github.com/<job_workflow_ref>`, else the `email` claim, else `sub`.
 *
 * Known limits of the mock: its Rekor DSSE entries do not verify (test the log with message-signature
 * bundles, DSSE with timestamps); its TSA's clock should be a whole second (the default here) or about one
 * timestamp in ten fails to verify; its root certificates are dated when created, so the services' clock
 * is set only after they exist (see `clock`).
 */

export interface SigstoreServices {
  /** Base URL: Fulcio at `/api/v2/signingCert`, Rekor at `/api/v1|v2/log/entries`, TSA at `/api/v1/timestamp`. */
  readonly url: string;
  readonly fulcioUrl: string;
  readonly rekorUrl: string;
  /** The full timestamp endpoint (`…/api/v1/timestamp`), as sigstore-js' TSA client takes it. */
  readonly tsaUrl: string;
  /** TrustedRoot JSON (`application/vnd.dev.sigstore.trustedroot+json;version=0.1`). */
  readonly trustedRoot: TrustedRootJson;
  /** A file holding `trustedRoot`, removed by close(). */
  readonly trustedRootPath: string;
  /** PEM of the certificate authority's root (for independent chain checks). */
  readonly caRootPem: string;
  /** Requests per path, in order. */
  readonly requests: string[];
  /** Makes the next `count` requests to `path` fail with `status` (e.g. the TSA answering 500). */
  failNext(path: string, status: number, count?: number): void;
  close(): Promise<void>;
}

export interface TrustedRootJson {
  mediaType: string;
  tlogs: unknown[];
  certificateAuthorities: unknown[];
  ctlogs: unknown[];
  timestampAuthorities: unknown[];
}

export interface SigstoreServicesOptions {
  /** Tokens must verify with this key (the fake GitHub OIDC server's); otherwise they are only decoded. */
  oidcKey?: KeyObject;
  /**
   * The services' one fixed clock (Fulcio's certificates, the CT log, Rekor, the TSA); default: the next
   * whole second once the services' root certificates exist. One clock, because a certificate issued a
   * second after a TSA's fixed time is not yet valid at that time (it happened on a loaded machine).
   */
  clock?: Date;
}

export async function startSigstoreServices(
  options: SigstoreServicesOptions = {},
): Promise<SigstoreServices> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const caKeys = generateKeyPair('prime256v1');
  const ctKeys = generateKeyPair('prime256v1');
  const tlogKeys = generateKeyPair('prime256v1');
  const tsaKeys = generateKeyPair('prime256v1');
  // Read by the mock services whenever they issue, log or stamp; set below, once every root exists.
  const clock = new Date(0);
  const ctlog = await initializeCTLog(ctKeys, clock);
  const ca = await initializeCA(caKeys, ctlog, clock);
  const tlog = await initializeTLog(url, tlogKeys, clock);
  const tsa = await initializeTSA(tsaKeys, clock);

  const fulcio = fulcioHandler(ca, { subjectClaim: SUBJECT_CLAIM });
  const handlers: Handler[] = [
    { path: fulcio.path, fn: (body) => issueCertificate(fulcio, body, options.oidcKey) },
    rekorHandler(tlog),
    rekorV2Handler(tlog),
    tsaHandler(tsa),
  ];
  const requests: string[] = [];
  const failures = new Map<string, { status: number; count: number }>();
  server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const pathname = new URL(request.url ?? '/', url).pathname;
      requests.push(pathname);
      const failure = failures.get(pathname);
      if (failure !== undefined && failure.count > 0) {
        failure.count--;
        response.writeHead(failure.status).end('failing on purpose');
        return;
      }
      const handler = request.method === 'POST' ? handlers.find((h) => h.path === pathname) : undefined;
      if (handler === undefined) {
        response.writeHead(404).end('not found');
        return;
      }
      handler
        .fn(Buffer.concat(chunks).toString('utf8'))
        .then(({ statusCode, response: body, contentType }) => {
          response.writeHead(statusCode, { 'content-type': contentType ?? 'application/json' });
          response.end(
            typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          );
        })
        .catch((error: unknown) => {
          response.writeHead(500).end(String(error));
        });
    });
  });

  const start = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
  const der = (key: KeyObject) => key.export({ format: 'der', type: 'spki' });
  const b64 = (bytes: ArrayBufferView | Buffer) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const trustedRoot: TrustedRootJson = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: b64(der(tlogKeys.publicKey)),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start },
        },
        logId: { keyId: createHash('sha256').update(der(tlogKeys.publicKey)).digest('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: b64(der(ctKeys.publicKey)),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start },
        },
        logId: { keyId: b64(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }],
        },
        validFor: { start },
      },
    ],
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'slipway-sigstore-'));
  const trustedRootPath = path.join(dir, 'trusted_root.json');
  writeFileSync(trustedRootPath, JSON.stringify(trustedRoot, null, 2));
  const caRootPem = `-----BEGIN CERTIFICATE-----\n${b64(ca.rootCertificate).replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

  // The mock dates its roots "now" at creation: a clock taken before them (even a second) stamps and issues
  // at a time when the roots were not yet valid. The next whole second after the last root is safe.
  clock.setTime(options.clock?.getTime() ?? Math.ceil(Date.now() / 1000) * 1000);
  return {
    url,
    fulcioUrl: url,
    rekorUrl: url,
    tsaUrl: `${url}/api/v1/timestamp`,
    trustedRoot,
    trustedRootPath,
    caRootPem,
    requests,
    failNext: (pathname, status, count = 1) => {
      failures.set(pathname, { status, count });
    },
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(dir, { recursive: true, force: true });
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SUBJECT_CLAIM = 'slipway_test_fulcio_subject';

/**
 * Checks the token (when a key is known), works out the subject as Fulcio does, and hands the request to the
 * mock with that subject in a claim of its own. The mock only decodes the token, so re-encoding its payload
 * (the signature part left as it was) is enough to pass the subject along.
 */
async function issueCertificate(fulcio: Handler, body: string, oidcKey: KeyObject | undefined) {
  let request: { credentials?: { oidcIdentityToken?: unknown } };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return { statusCode: 400, response: 'request body is not JSON' };
  }
  const token = request.credentials?.oidcIdentityToken;
  if (typeof token !== 'string') return { statusCode: 400, response: 'no identity token' };
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined)
    return { statusCode: 400, response: 'the identity token is not a JWT' };
  const claims =
    oidcKey === undefined
      ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>)
      : verifiedJwtClaims(token, oidcKey);
  if (claims === undefined) return { statusCode: 401, response: 'the identity token does not verify' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now())
    return { statusCode: 401, response: 'the identity token has expired' };
  if (claims.aud !== 'sigstore')
    return { statusCode: 401, response: `audience ${String(claims.aud)} is not sigstore` };
  const subject =
    claims.iss === GITHUB_ISSUER
      ? `https://github.com/${String(claims.job_workflow_ref)}`
      : typeof claims.email === 'string'
        ? claims.email
        : String(claims.sub);
  const withSubject = Buffer.from(JSON.stringify({ ...claims, [SUBJECT_CLAIM]: subject })).toString(
    'base64url',
  );
  const forwarded = {
    ...request,
    credentials: { oidcIdentityToken: `${header}.${withSubject}.${signature}` },
  };
  return fulcio.fn(JSON.stringify(forwarded));
}
