// A stand-in for CodeCommit's git endpoint (`git-codecommit.<region>.amazonaws.com/v1/repos/<name>`) on
// 127.0.0.1: real bare repositories served by git http-backend (through gitHttpServer's gate), reachable only
// with the SigV4 git credential CodeCommit accepts. The server recomputes that credential itself with
// node:crypto from the test AWS credentials it knows (an implementation independent of the SDK signer Slipway
// uses: a mistake in one does not hide in the other), for the host it is reached on and the repository path,
// within a clock window. Each request is then authorised by an IAM policy (test/support/iamPolicy.ts):
// `codecommit:GitPull` for fetches, `codecommit:GitPush` for pushes, with `codecommit:References` = the refs a
// push updates, read from the pkt-line commands at the head of the receive-pack body.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import {
  type GateDecision,
  type GatedRequest,
  type GitHttpServer,
  startGitHttpServer,
} from './gitHttpServer.js';
import { codeCommitArn, evaluateIam, type PolicyDocument } from './iamPolicy.js';

/** AWS credentials the server knows (an IAM user's keys, or a role session's with its token). */
export interface TestAwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface CodeCommitGitServerOptions {
  /** Directory holding the bare repositories: `/v1/repos/<name>` serves `<root>/<name>.git`. */
  readonly root: string;
  /** The identities whose credentials are accepted. */
  readonly identities: readonly TestAwsCredentials[];
  /** The region the credential must be scoped to (default eu-west-1). */
  readonly region?: string;
  readonly accountId?: string;
  /** The identity policies every request is evaluated against (default: everything allowed). */
  readonly policy?: PolicyDocument | readonly PolicyDocument[];
  /** The server's clock (default: the real one); move it to make a credential expired. */
  readonly now?: () => Date;
  /** How far a credential's timestamp may be from the server's clock (default 15 minutes, as AWS). */
  readonly skewMs?: number;
  /**
   * How long to hold an authorised request before serving it (ms; 0 or undefined: none), e.g. to make a
   * promotion outlive the clock window between its fetch and its push.
   */
  readonly holdMs?: (request: {
    readonly method: string;
    readonly service: string | null;
  }) => number | undefined;
}

/** What the server decided about one request. */
export type AuthOutcome =
  | 'ok'
  | 'no-credentials'
  | 'malformed'
  | 'unknown-key'
  | 'bad-session-token'
  | 'expired'
  | 'bad-signature'
  | 'denied';

export interface AuthRecord {
  readonly method: string;
  /** The request path (`/v1/repos/<name>/info/refs`). */
  readonly path: string;
  readonly outcome: AuthOutcome;
  /** The access key id the credential named (never the secret). */
  readonly accessKeyId?: string;
  /** The IAM action evaluated, and the refs of a push. */
  readonly action?: string;
  readonly references?: readonly string[];
  /** The decision's Sid, for a denial. */
  readonly statement?: string;
}

export interface CodeCommitGitServer {
  /** `http://127.0.0.1:<port>`: the value of SLIPWAY_CODECOMMIT_GIT_ENDPOINT. */
  readonly endpoint: string;
  /** `<endpoint>/v1/repos/<name>`. */
  readonly urlOf: (repositoryName: string) => string;
  /** Every request's outcome, in order. */
  readonly auth: AuthRecord[];
  /** The Authorization headers received (to check what was, and was not, sent). */
  readonly authorizations: string[];
  readonly close: () => Promise<void>;
}

const REPO_PATH = /^\/v1\/repos\/([A-Za-z0-9._-]{1,100})(\/.*)?$/;
const PASSWORD = /^(\d{8}T\d{6})Z([0-9a-f]{64})$/;
/** How many receive-pack commands are read at most (a push of Slipway's updates a handful of refs). */
const MAX_COMMANDS = 1000;

/** Starts the server on 127.0.0.1 (port 0); always `close()` it. */
export async function startCodeCommitGitServer(
  options: CodeCommitGitServerOptions,
): Promise<CodeCommitGitServer> {
  const region = options.region ?? 'eu-west-1';
  const accountId = options.accountId ?? '123456789012';
  const skewMs = options.skewMs ?? 15 * 60_000;
  const now = options.now ?? (() => new Date());
  const auth: AuthRecord[] = [];
  const authorizations: string[] = [];

  const decide = (request: GatedRequest): GateDecision => {
    const path = request.url.pathname;
    const record = (outcome: AuthOutcome, more: Partial<AuthRecord> = {}) =>
      auth.push({ method: request.method, path, outcome, ...more });
    const header = request.headers.authorization;
    if (header !== undefined) authorizations.push(header);
    const repo = REPO_PATH.exec(path);
    if (repo === null) return text(404, 'repository not found\n');
    const name = repo[1] ?? '';
    const rest = repo[2] ?? '/';

    if (header === undefined || !header.startsWith('Basic ')) {
      record('no-credentials');
      return {
        pass: false,
        status: 401,
        headers: { 'WWW-Authenticate': 'Basic realm="AWS CodeCommit"', 'Content-Type': 'text/plain' },
        body: 'authentication required\n',
      };
    }
    const pair = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    const username = colon === -1 ? pair : pair.slice(0, colon);
    const password = colon === -1 ? '' : pair.slice(colon + 1);
    const percent = username.indexOf('%');
    const accessKeyId = percent === -1 ? username : username.slice(0, percent);
    const sessionToken = percent === -1 ? undefined : username.slice(percent + 1);
    const signed = PASSWORD.exec(password);
    if (signed === null) {
      record('malformed', { accessKeyId });
      return text(403, 'The request signature is malformed: expected <timestamp>Z<signature>\n');
    }
    const identity = options.identities.find((candidate) => candidate.accessKeyId === accessKeyId);
    if (identity === undefined) {
      record('unknown-key', { accessKeyId });
      return text(403, 'The security token included in the request is invalid.\n');
    }
    if ((identity.sessionToken ?? undefined) !== sessionToken) {
      record('bad-session-token', { accessKeyId });
      return text(403, 'The security token included in the request is invalid.\n');
    }
    const timestamp = signed[1] ?? '';
    const signedAt = parseTimestamp(timestamp);
    const serverTime = now();
    if (Math.abs(serverTime.getTime() - signedAt.getTime()) > skewMs) {
      record('expired', { accessKeyId });
      return text(
        403,
        `Signature expired: ${timestamp}Z is now earlier than ${stamp(new Date(serverTime.getTime() - skewMs))}Z (${stamp(serverTime)}Z - ${skewMs / 60_000} min.)\n`,
      );
    }
    const host = hostnameOf(request.headers);
    const expected = gitSignature(identity.secretAccessKey, region, timestamp, host, `/v1/repos/${name}`);
    const given = Buffer.from(signed[2] ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      record('bad-signature', { accessKeyId });
      return text(
        403,
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n',
      );
    }

    const service = rest === '/info/refs' ? request.url.searchParams.get('service') : rest.replace(/^\//, '');
    const push = service === 'git-receive-pack';
    const action = push ? 'codecommit:GitPush' : 'codecommit:GitPull';
    let references: readonly string[] | undefined;
    if (push && request.method === 'POST') {
      const commands = receivePackCommands(request);
      if (commands === undefined) return text(400, 'malformed receive-pack request\n');
      references = commands.refs;
      const decision = evaluateIam(options.policy ?? ALLOW_ALL, {
        action,
        resource: codeCommitArn(name, region, accountId),
        context: { 'codecommit:References': references },
      });
      if (decision.decision !== 'allow') {
        record('denied', {
          accessKeyId,
          action,
          references,
          ...(decision.statement === undefined ? {} : { statement: decision.statement }),
        });
        return refusedPush(commands, deniedMessage(action, name, region, accountId, decision.decision));
      }
    } else {
      const decision = evaluateIam(options.policy ?? ALLOW_ALL, {
        action,
        resource: codeCommitArn(name, region, accountId),
      });
      if (decision.decision !== 'allow') {
        record('denied', {
          accessKeyId,
          action,
          ...(decision.statement === undefined ? {} : { statement: decision.statement }),
        });
        return text(403, `${deniedMessage(action, name, region, accountId, decision.decision)}\n`);
      }
    }
    record('ok', { accessKeyId, action, ...(references === undefined ? {} : { references }) });
    return { pass: true, pathInfo: `/${name}.git${rest}` };
  };

  const timers = new Set<NodeJS.Timeout>();
  const gate = async (request: GatedRequest): Promise<GateDecision> => {
    const decision = decide(request);
    const rest = REPO_PATH.exec(request.url.pathname)?.[2] ?? '/';
    const service = rest === '/info/refs' ? request.url.searchParams.get('service') : rest.replace(/^\//, '');
    const hold = decision.pass ? (options.holdMs?.({ method: request.method, service }) ?? 0) : 0;
    if (hold > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, hold);
        timers.add(timer);
      });
    }
    return decision;
  };
  const server: GitHttpServer = await startGitHttpServer({ root: options.root, gate });
  return {
    endpoint: server.url,
    urlOf: (repositoryName) => `${server.url}/v1/repos/${repositoryName}`,
    auth,
    authorizations,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}

const ALLOW_ALL: PolicyDocument = { Statement: { Effect: 'Allow', Action: 'codecommit:*', Resource: '*' } };

/**
 * The signature CodeCommit expects in the git password, computed from scratch: SigV4 over the canonical
 * request `GIT`, the repository path, no query, the `host` header alone and an empty payload.
 */
export function gitSignature(
  secretAccessKey: string,
  region: string,
  timestamp: string,
  host: string,
  path: string,
): Buffer {
  const date = timestamp.slice(0, 8);
  const canonical = `GIT\n${path}\n\nhost:${host}\n\nhost\n`;
  const scope = `${date}/${region}/codecommit/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${timestamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  let key = hmac(`AWS4${secretAccessKey}`, date);
  for (const part of [region, 'codecommit', 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign);
}

/** The git password (`<timestamp>Z<signature>`) for `url` at `date`, as the server would accept it. */
export function gitPasswordFor(secretAccessKey: string, region: string, url: string, date: Date): string {
  const parsed = new URL(url);
  const timestamp = stamp(date);
  return `${timestamp}Z${gitSignature(secretAccessKey, region, timestamp, parsed.hostname, parsed.pathname).toString('hex')}`;
}

interface ReceivePackCommands {
  /** The refs the push updates (creates, moves or deletes). */
  readonly refs: string[];
  readonly sideBand: boolean;
}

/** The commands at the head of a receive-pack request: `<old> <new> <ref>[\0<capabilities>]` pkt-lines. */
function receivePackCommands(request: GatedRequest): ReceivePackCommands | undefined {
  let body = request.body;
  if (/gzip/i.test(String(request.headers['content-encoding'] ?? ''))) body = gunzipSync(body);
  const refs: string[] = [];
  let capabilities: string[] = [];
  let offset = 0;
  while (refs.length < MAX_COMMANDS) {
    const length = Number.parseInt(body.subarray(offset, offset + 4).toString('latin1'), 16);
    if (!Number.isInteger(length) || offset + 4 > body.length) return undefined;
    if (length === 0) return { refs, sideBand: capabilities.some((cap) => cap.startsWith('side-band')) };
    if (length < 4 || offset + length > body.length) return undefined;
    let line = body
      .subarray(offset + 4, offset + length)
      .toString('utf8')
      .replace(/\n$/, '');
    offset += length;
    if (line.startsWith('shallow ') || line.startsWith('push-cert')) continue;
    const nul = line.indexOf('\0');
    if (nul !== -1) {
      capabilities = line.slice(nul + 1).split(' ');
      line = line.slice(0, nul);
    }
    const ref = /^[0-9a-f]{40,64} [0-9a-f]{40,64} (\S+)$/.exec(line)?.[1];
    if (ref === undefined) return undefined;
    refs.push(ref);
  }
  return undefined;
}

/**
 * A push refused by IAM, answered as receive-pack's report: every ref `ng`, with the reason on the side band
 * as `remote:` lines (the way CodeCommit shows a push its policies deny).
 */
function refusedPush(commands: ReceivePackCommands, message: string): GateDecision {
  const inner = Buffer.concat([
    pkt('unpack ok\n'),
    ...commands.refs.map((ref) => pkt(`ng ${ref} pre-receive hook declined\n`)),
    Buffer.from('0000'),
  ]);
  const body = commands.sideBand
    ? Buffer.concat([
        pkt(Buffer.concat([Buffer.from([2]), Buffer.from(`error: ${message}\n`)])),
        pkt(Buffer.concat([Buffer.from([1]), inner])),
        Buffer.from('0000'),
      ])
    : inner;
  return {
    pass: false,
    status: 200,
    headers: { 'Content-Type': 'application/x-git-receive-pack-result', 'Cache-Control': 'no-cache' },
    body,
  };
}

function deniedMessage(
  action: string,
  name: string,
  region: string,
  accountId: string,
  decision: 'explicit-deny' | 'implicit-deny',
): string {
  return `User: arn:aws:sts::${accountId}:assumed-role/slipway-promote/test is not authorized to perform: ${action} on resource: ${codeCommitArn(name, region, accountId)} ${decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : 'because no identity-based policy allows the action'}`;
}

function pkt(data: string | Buffer): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([Buffer.from((bytes.length + 4).toString(16).padStart(4, '0')), bytes]);
}

function text(status: number, body: string): GateDecision {
  return { pass: false, status, headers: { 'Content-Type': 'text/plain' }, body };
}

function hostnameOf(headers: IncomingHttpHeaders): string {
  return new URL(`http://${headers.host ?? 'localhost'}`).hostname;
}

function parseTimestamp(timestamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(timestamp) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** `YYYYMMDDTHHMMSS`, as the credential carries it. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').slice(0, 15);
}
