// Serves a CodeCommitFake's handler table over HTTP as CodeCommit's API speaks it (AWS JSON 1.1: `POST /`
// with `X-Amz-Target: CodeCommit_20150413.<Action>`, errors as `{"__type", "message"}`), so a CLI in a child
// process, pointed here by AWS_ENDPOINT_URL_CODECOMMIT, runs the real SDK pipeline (credentials, SigV4,
// retries, parsing) against the same bare-repo-backed state the in-process tests use. Listens on 127.0.0.1.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CodeCommitFake } from './codecommitFake.js';

const TARGET_PREFIX = 'CodeCommit_20150413.';
/** Request members that are blobs (base64 on the wire, bytes to the handlers). */
const BLOB_INPUTS = new Set(['fileContent']);
const MAX_BODY = 16 * 1024 * 1024;

export interface CodeCommitHttpApi {
  /** `http://127.0.0.1:<port>`: the value of AWS_ENDPOINT_URL_CODECOMMIT. */
  readonly url: string;
  /** Access key ids of the SigV4 `Authorization` headers seen, in order. */
  readonly callers: string[];
  close(): Promise<void>;
}

export async function serveCodeCommitApi(
  fake: CodeCommitFake,
  options: { accessKeyId?: string } = {},
): Promise<CodeCommitHttpApi> {
  const callers: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => {
      void answer(request, Buffer.concat(chunks), size).then(
        ({ status, body }) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
        },
      );
    });
  });

  async function answer(
    request: http.IncomingMessage,
    body: Buffer,
    size: number,
  ): Promise<{ status: number; body: unknown }> {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
      return { status: 400, body: { __type: 'UnknownOperationException', message: target } };
    }
    if (size > MAX_BODY)
      return { status: 413, body: { __type: 'RequestEntityTooLarge', message: `${size}` } };
    const credential = /Credential=([^/,\s]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
    if (
      credential === undefined ||
      (options.accessKeyId !== undefined && credential !== options.accessKeyId)
    ) {
      return {
        status: 403,
        body: {
          __type: 'UnrecognizedClientException',
          message: 'The security token included in the request is invalid.',
        },
      };
    }
    callers.push(credential);
    const input = decodeBlobs(JSON.parse(body.toString('utf8') || '{}')) as Record<string, unknown>;
    try {
      const output = await fake.dispatch(target.slice(TARGET_PREFIX.length), input);
      return { status: 200, body: encode(output ?? {}) };
    } catch (error) {
      const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      if (failure.$metadata === undefined) throw error;
      return {
        status: failure.$metadata.httpStatusCode ?? 400,
        body: { __type: failure.name ?? 'Exception', message: failure.message ?? '' },
      };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    callers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Base64 request blobs as bytes, as the SDK hands them to aws-sdk-client-mock handlers. */
function decodeBlobs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeBlobs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      BLOB_INPUTS.has(key) && typeof member === 'string'
        ? Buffer.from(member, 'base64')
        : decodeBlobs(member),
    ]),
  );
}

/** An output as JSON 1.1 carries it: bytes in base64, dates in epoch seconds, nothing undefined. */
function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(encode);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [key, encode(member)]),
  );
}
