import { describe, expect, it } from 'vitest';
import {
  familiarRepository,
  formatReference,
  InvalidReferenceError,
  parseReference,
  shortDigest,
} from '../src/index.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['index.docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined],
    ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', undefined],
    ['localhost:5000/shop/cart:1.4.2', 'localhost:5000', 'shop/cart', '1.4.2', undefined],
    ['localhost/cart', 'localhost', 'cart', undefined, undefined],
    [`127.0.0.1:5000/a/b/c@${D}`, '127.0.0.1:5000', 'a/b/c', undefined, D],
    [`registry.example.com/shop/cart:1.4.2@${D}`, 'registry.example.com', 'shop/cart', '1.4.2', D],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:sha-abc',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      'team/api',
      'sha-abc',
      undefined,
    ],
    ['ghcr.io/o/my__app.x-y:v1_2', 'ghcr.io', 'o/my__app.x-y', 'v1_2', undefined],
    ['[::1]:5000/x:1', '[::1]:5000', 'x', '1', undefined],
  ])('%s', (input, domain, path, tag, digest) => {
    const ref = parseReference(input);
    expect(ref.domain).toBe(domain);
    expect(ref.path).toBe(path);
    expect(ref.repository).toBe(`${domain}/${path}`);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it.each([
    ['', /empty/],
    ['Shop/Cart:1', /lowercase/],
    ['shop/cart:', /tag ""/],
    ['shop/cart:-bad', /tag "-bad"/],
    ['shop/cart:1\n# x', /white space/],
    ['shop/cart:a: b', /white space/],
    ['shop/cart:a#b', /tag "a#b"/],
    [`shop/cart@sha256:${'A'.repeat(64)}`, /digest/],
    ['shop/cart@sha256:abc', /digest/],
    [`shop/cart@md5:${'a'.repeat(32)}`, /digest/],
    ['shop//cart', /path component ""/],
    ['registry.example.com/', /path after the registry/],
    ['-bad.example.com/x', /registry host/],
    [`x/${'a'.repeat(300)}`, /longer than 255/],
  ])('rejects %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError);
    expect(() => parseReference(input)).toThrow(message);
  });

  it('never treats a prefix as the same repository', () => {
    expect(parseReference('shop/cart').repository).not.toBe(parseReference('shop/cart-legacy').repository);
  });
});

describe('formatting', () => {
  it('formats and shortens', () => {
    expect(formatReference('nginx', '1', D)).toBe(`nginx:1@${D}`);
    expect(formatReference('nginx', undefined, D)).toBe(`nginx@${D}`);
    expect(shortDigest(D)).toBe('sha256:aaaaaaaaaaaa');
    expect(familiarRepository(parseReference('docker.io/library/nginx'))).toBe('nginx');
    expect(familiarRepository(parseReference('ghcr.io/a/b'))).toBe('ghcr.io/a/b');
  });
});
