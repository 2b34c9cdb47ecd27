// Every registry body Slipway holds is bounded, not only manifests: error bodies are cut at 64 KiB (the
// status is the news), token answers and tag lists are refused over their limits. A loopback server plays
// the hostile registry: a 2 GB Content-Length it never delivers, or a chunked body that does not end.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../../../test/support/registry.js';
import {
  nodeHttpTransport,
  parseReference,
  RegistryError,
  RegistryRepository,
  resolveDigest,
  TokenCache,
} from '../src/index.js';

const env = { HOME: '/nonexistent-home' };
const KiB = 1024;
const MiB = 1024 * KiB;
/** What an "endless" body sends at most, so that code reading it whole fails by time, not by memory. */
const ENDLESS_CAP = 256 * MiB;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

interface Hostile {
  readonly server: LoopbackServer;
  /** Body bytes the server got to write, over all answers (what the client read, plus socket buffers). */
  sent(): number;
}

/**
 * Answers `status` with `head` and then spaces: with `announce: 'trickle'` a Content-Length of 2 GB of
 * which 64 KiB come and then nothing; with `'endless'` a chunked body written as fast as it is read.
 */
async function hostile(
  route: (request: IncomingMessage, response: ServerResponse) => { status: number; head: string } | undefined,
  announce: 'trickle' | 'endless',
): Promise<Hostile> {
  let sent = 0;
  const server = await startLoopbackServer((request, response) => {
    const answer = route(request, response);
    if (answer === undefined) return;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (announce === 'trickle') headers['Content-Length'] = String(2 * 1024 ** 3);
    response.writeHead(answer.status, headers);
    const limit = announce === 'trickle' ? 64 * KiB : ENDLESS_CAP;
    let first = Buffer.from(answer.head);
    let written = 0;
    const piece = Buffer.alloc(64 * KiB, 0x20);
    const more = (): void => {
      while (written < limit && !response.destroyed) {
        const next =
          first.byteLength > 0 ? first : piece.subarray(0, Math.min(piece.byteLength, limit - written));
        first = Buffer.alloc(0);
        written += next.byteLength;
        sent += next.byteLength;
        if (!response.write(next)) {
          response.once('drain', more);
          return;
        }
      }
      // Then nothing: the connection stays open, the body never ends.
    };
    more();
  });
  servers.push(server);
  return { server, sent: () => sent };
}

const ERROR_HEAD = JSON.stringify({
  errors: [{ code: 'UNAVAILABLE', message: 'hostile registry says no', detail: null }],
});

function options() {
  return { env, tokenCache: new TokenCache(), retry: { sleep: async () => {} } };
}

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe('error bodies are read up to 64 KiB, then cut', () => {
  it.each([
    [500, 'trickle'],
    [500, 'endless'],
    [404, 'trickle'],
    [403, 'endless'],
  ] as const)(
    'a %i on a manifest with a %s body of 2 GB ends at once with the registry’s error',
    async (status, announce) => {
      const registry = await hostile(() => ({ status, head: ERROR_HEAD }), announce);
      const error = await failure(
        resolveDigest(parseReference(`${registry.server.host}/shop/cart:v1`), options()),
      );
      expect(error.status).toBe(status);
      // The body was cut after its first 64 KiB, which still hold the registry's own words.
      expect(error.message).toContain('hostile registry says no');
      expect(registry.sent()).toBeLessThan(ENDLESS_CAP / 8);
    },
  );

  it('cuts an error body at the limit without waiting for a trickle to end', async () => {
    const registry = await hostile(() => ({ status: 500, head: ERROR_HEAD }), 'trickle');
    const response = await nodeHttpTransport({ method: 'GET', url: `${registry.server.url}/v2/` });
    const text = await response.text({ limit: 64 * KiB, tooLarge: 'cut' });
    expect(text.length).toBe(64 * KiB);
    expect(text.startsWith(ERROR_HEAD)).toBe(true);
  });
});

describe('token answers are bounded at 1 MiB', () => {
  it.each(['trickle', 'endless'] as const)(
    'a token server answering a %s body of 2 GB is refused cleanly',
    async (announce) => {
      const registry = await hostile((request, response) => {
        if (request.url?.startsWith('/token') === true) return { status: 200, head: '{"token": "' };
        response.writeHead(401, {
          'WWW-Authenticate': `Bearer realm="${registry.server.url}/token",service="hostile"`,
          'Content-Type': 'application/json',
        });
        response.end('{"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]}');
        return undefined;
      }, announce);
      const error = await failure(
        resolveDigest(parseReference(`${registry.server.host}/shop/cart:v1`), options()),
      );
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toContain(`token server ${registry.server.url}/token answered with a body that`);
      expect(error.message).toContain('more than the 1 MiB a token answer may have');
      expect(error.message).toMatch(
        announce === 'trickle' ? /announces 2147483648 bytes/ : /holds more than 1048576 bytes/,
      );
      expect(registry.sent()).toBeLessThan(ENDLESS_CAP / 8);
    },
  );
});

describe('tag lists are bounded at 16 MiB', () => {
  it.each(['trickle', 'endless'] as const)(
    'a tag list with a %s body of 2 GB is refused cleanly',
    async (announce) => {
      const registry = await hostile(
        () => ({ status: 200, head: '{"name": "shop/cart", "tags": [' }),
        announce,
      );
      const repository = new RegistryRepository(registry.server.host, 'shop/cart', options());
      const error = await failure(repository.listTags());
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toContain(`registry ${registry.server.host} answered tag list with a body that`);
      expect(error.message).toContain('more than the 16 MiB a page of tags may have');
      expect(registry.sent()).toBeLessThan(ENDLESS_CAP / 2);
    },
  );
});
