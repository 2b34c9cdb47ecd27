import { parseReference } from '@slipway/oci';
import { describe, expect, it } from 'vitest';
import { parseImagePolicies } from '../src/images/policies.js';
import { parseIdentity, parseValuesPath, type RequestedImage } from '../src/promote/params.js';

const image = (text: string): RequestedImage => {
  const reference = parseReference(text);
  return {
    reference,
    request: { name: text.replace(/:[^:/]*$/, ''), repository: reference.repository, tag: reference.tag },
  };
};

describe('parseValuesPath', () => {
  const cart = image('registry.example.com/shop/cart:1.0.0');
  const api = image('localhost:5000/shop/api:2.0.0');

  it('takes file, dotted path and sequence indexes, and the only image', () => {
    expect(parseValuesPath('charts/cart/values.yaml:app.containers.0.image.tag', [cart])).toEqual({
      file: 'charts/cart/values.yaml',
      path: ['app', 'containers', '0', 'image', 'tag'],
      repository: 'registry.example.com/shop/cart',
    });
    expect(parseValuesPath('image.tag', [cart])).toEqual({
      path: ['image', 'tag'],
      repository: cart.request.repository,
    });
  });

  it('needs the image named when several are promoted, even with a registry port', () => {
    expect(() => parseValuesPath('values.yaml:image.tag', [cart, api])).toThrow(/does not say which image/);
    expect(parseValuesPath('localhost:5000/shop/api=values.yaml:api.tag', [cart, api])).toEqual({
      file: 'values.yaml',
      path: ['api', 'tag'],
      repository: 'localhost:5000/shop/api',
    });
    expect(() => parseValuesPath('ghcr.io/other=values.yaml:x', [cart, api])).toThrow(/not promoted here/);
  });

  it('refuses empty keys and files outside the repo', () => {
    expect(() => parseValuesPath('values.yaml:image..tag', [cart])).toThrow(/empty key/);
    expect(() => parseValuesPath('../../values.yaml:image.tag', [cart])).toThrow(/leaves the config repo/);
  });
});

describe('parseImagePolicies', () => {
  const cart = image('registry.example.com/shop/cart:1.0.0').request;
  const api = image('localhost:5000/shop/api:2.0.0').request;

  it('ties a policy to the only image, or to the image named after "="', () => {
    expect(parseImagePolicies(['flux-system:cart'], [cart])).toEqual([
      { policy: 'flux-system:cart', repository: cart.repository },
    ]);
    expect(
      parseImagePolicies(
        ['apps:cart=registry.example.com/shop/cart', 'apps:api.v2=localhost:5000/shop/api'],
        [cart, api],
      ),
    ).toEqual([
      { policy: 'apps:cart', repository: cart.repository },
      { policy: 'apps:api.v2', repository: api.repository },
    ]);
  });

  it('for status, ties a policy to any image named after "="', () => {
    expect(parseImagePolicies(['apps:web=nginx'], [], { anyRepository: true })).toEqual([
      { policy: 'apps:web', repository: 'docker.io/library/nginx' },
    ]);
    expect(() => parseImagePolicies(['apps:web'], [], { anyRepository: true })).toThrow(
      /does not say which image/,
    );
    expect(() => parseImagePolicies(['apps:web=Not A Repo'], [], { anyRepository: true })).toThrow(
      /not an image repository/,
    );
  });

  it('refuses what names no policy or no promoted image, naming the flag', () => {
    expect(() => parseImagePolicies(['cart'], [cart])).toThrow(
      /--image-policy "?cart"? does not name a Flux ImagePolicy/,
    );
    expect(() => parseImagePolicies(['flux-system:cart:tag'], [cart])).toThrow(/<namespace>:<name>/);
    expect(() => parseImagePolicies(['Flux:Cart'], [cart])).toThrow(/<namespace>:<name>/);
    expect(() => parseImagePolicies(['apps:cart'], [cart, api])).toThrow(/does not say which image/);
    expect(() => parseImagePolicies(['apps:cart=ghcr.io/other/cart'], [cart, api])).toThrow(
      /names image "?ghcr.io\/other\/cart"?, which is not promoted here/,
    );
    expect(() =>
      parseImagePolicies(
        ['apps:cart=registry.example.com/shop/cart', 'apps:cart=localhost:5000/shop/api'],
        [cart, api],
      ),
    ).toThrow(/given for two images/);
  });
});

describe('parseIdentity', () => {
  it('reads "Name <email>"', () => {
    expect(parseIdentity('Release Bot <bot@example.com>', 'author')).toEqual({
      name: 'Release Bot',
      email: 'bot@example.com',
    });
    expect(
      parseIdentity('github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>', 'author'),
    ).toEqual({
      name: 'github-actions[bot]',
      email: '41898282+github-actions[bot]@users.noreply.github.com',
    });
  });

  it.each(['bot@example.com', 'Bot <>', 'Bot <a@b> x', 'Bot\n<a@b>'])('refuses %j', (text) => {
    expect(() => parseIdentity(text, 'committer')).toThrow(/--committer .* is not "Name <email>"/);
  });
});
