import { describe, expect, it } from 'vitest';
import {
  hostOf,
  parseChallenges,
  parseRetryAfter,
  pickChallenge,
  RegistryError,
  registryEndpoint,
  repositoryScope,
  TokenCache,
  tokenCacheKey,
} from '../src/index.js';

describe('registryEndpoint', () => {
  it.each([
    ['docker.io', 'https://registry-1.docker.io', false],
    ['ghcr.io', 'https://ghcr.io', false],
    ['registry.example.com:8443', 'https://registry.example.com:8443', false],
    ['localhost', 'http://localhost', true],
    ['localhost:5000', 'http://localhost:5000', true],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000', true],
    ['[::1]:5000', 'http://[::1]:5000', true],
    ['127.0.0.2:5000', 'https://127.0.0.2:5000', false],
    ['localhost.example.com', 'https://localhost.example.com', false],
  ])('%s → %s', (domain, baseUrl, insecure) => {
    expect(registryEndpoint(domain)).toEqual({ domain, baseUrl, insecure });
  });

  it('uses plain HTTP for domains the caller marks insecure, port-exact or any port for a bare host', () => {
    const insecureRegistries = ['registry.lan:5000', 'http://build.lan/', 'other.lan:6000'];
    expect(registryEndpoint('registry.lan:5000', { insecureRegistries }).baseUrl).toBe(
      'http://registry.lan:5000',
    );
    expect(registryEndpoint('registry.lan:5001', { insecureRegistries }).baseUrl).toBe(
      'https://registry.lan:5001',
    );
    expect(registryEndpoint('build.lan', { insecureRegistries }).baseUrl).toBe('http://build.lan');
    expect(registryEndpoint('build.lan:9000', { insecureRegistries }).baseUrl).toBe('http://build.lan:9000');
    expect(registryEndpoint('docker.io', { insecureRegistries: ['docker.io'] }).baseUrl).toBe(
      'https://registry-1.docker.io',
    );
  });

  it('hostOf keeps IPv6 brackets', () => {
    expect(hostOf('[::1]:5000')).toBe('[::1]');
    expect(hostOf('a.b:1')).toBe('a.b');
    expect(hostOf('a.b')).toBe('a.b');
  });
});

describe('WWW-Authenticate', () => {
  it('parses a Bearer challenge', () => {
    const header =
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"';
    expect(parseChallenges(header)).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/nginx:pull',
        },
      },
    ]);
  });

  it('parses Basic, unquoted values, escapes, odd spacing and several challenges', () => {
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
    expect(parseChallenges('basic  realm = plain , charset="UTF-8"')).toEqual([
      { scheme: 'basic', params: { realm: 'plain', charset: 'UTF-8' } },
    ]);
    expect(parseChallenges('Bearer realm="a\\"b"')[0]?.params.realm).toBe('a"b');
    const both = parseChallenges('Basic realm="x", Bearer realm="https://t/token",service="s"');
    expect(both.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(pickChallenge(both)?.scheme).toBe('bearer');
    expect(pickChallenge(parseChallenges('Negotiate abc=='))).toBeUndefined();
    expect(parseChallenges('')).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jan 2023 00:00:03 GMT', now)).toBe(0);
  });
});

describe('TokenCache', () => {
  it('forgets tokens at their expiry and keys by identity', () => {
    const cache = new TokenCache();
    const anonymous = tokenCacheKey('r', 's', repositoryScope('a/b'), '');
    const alice = tokenCacheKey('r', 's', repositoryScope('a/b'), 'alice');
    cache.set(alice, 't', 1000);
    expect(cache.get(alice, 999)).toBe('t');
    expect(cache.get(anonymous, 999)).toBeUndefined();
    expect(cache.get(alice, 1000)).toBeUndefined();
    expect(repositoryScope('a/b', ['pull', 'push'])).toBe('repository:a/b:pull,push');
  });
});

describe('RegistryError', () => {
  it('names registry, repository, reference and credential source, with a fix', () => {
    const error = new RegistryError(
      'not-found',
      'tag "1" not found',
      { registry: 'r.io', repository: 'a/b', reference: '1', credentialSource: 'anonymous' },
      { fix: 'push it', status: 404, code: 'MANIFEST_UNKNOWN' },
    );
    expect(error.oneLine()).toBe('r.io/a/b:1: tag "1" not found (credentials: anonymous); push it');
    expect(error).toMatchObject({
      kind: 'not-found',
      registry: 'r.io',
      repository: 'a/b',
      reference: '1',
      status: 404,
    });
  });
});
