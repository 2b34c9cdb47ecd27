import { describe, expect, test } from 'vitest';
import {
  collectMarkerImages,
  editFile,
  type FileEdit,
  ManifestError,
  type ScanContext,
  scanFile,
  searchTerms,
} from '../src/manifest/index.js';

const CART = 'ghcr.io/shop/cart';
const DIGEST = `sha256:${'4843ea2bc818a06bf43533c9d3f9e1f7ea1206ff39640f33968358047b9497c6'}`;
const OLD = `sha256:${'c'.repeat(64)}`;
const none: ScanContext = { valuesPaths: [], markerImages: new Map() };
const cart = { repository: CART, tag: '1.4.2', digest: DIGEST };

function edited(result: FileEdit): Extract<FileEdit, { kind: 'edited' }> {
  if (result.kind !== 'edited') throw new Error(`expected an edit, got: ${result.reason}`);
  return result;
}

function thrown(run: () => unknown): ManifestError {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

describe('scanFile', () => {
  test('reports every kind of site with its line, pin and text, and nothing else', () => {
    const text = [
      'apiVersion: apps/v1', // 1
      'kind: Deployment',
      'metadata:',
      '  annotations:',
      `    image: ${CART}:0.1`, // 5: annotation, not a site
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      `        - image: ${CART}:1.0 # cart`, // 10
      `        - image: ${CART}-legacy:1.0`, // decoy
      '          env:',
      `            - {name: IMG, value: "${CART}:1.0"}`,
      '---',
      'values:',
      '  image:',
      `    repository: ${CART}`,
      `    tag: "1.1"`, // 18
      `    digest: ${OLD}`,
      `  job: {image: "${CART}@${OLD}"}`, // 20
      `  # image: ${CART}:9.9`,
    ].join('\n');
    const scan = scanFile('apps/cart.yaml', text, new Set([CART]), none);
    expect(scan).toEqual({
      kind: 'scanned',
      sites: [
        {
          file: 'apps/cart.yaml',
          line: 10,
          repository: CART,
          kind: 'container',
          tag: '1.0',
          text: `${CART}:1.0`,
        },
        {
          file: 'apps/cart.yaml',
          line: 18,
          repository: CART,
          kind: 'helm',
          tag: '1.1',
          digest: OLD,
          text: `tag: 1.1, digest: ${OLD}`,
        },
        {
          file: 'apps/cart.yaml',
          line: 20,
          repository: CART,
          kind: 'image-key',
          digest: OLD,
          text: `${CART}@${OLD}`,
        },
      ],
    });
  });

  test('matches by normalised repository, never by prefix', () => {
    const text =
      'a:\n  image: nginx:1.25\nb:\n  image: docker.io/library/nginx:1.25\nc:\n  image: nginx-extra:1\n';
    const scan = scanFile('v.yaml', text, new Set(['docker.io/library/nginx']), none);
    expect(scan.kind === 'scanned' && scan.sites.map((site) => site.line)).toEqual([2, 4]);
    const legacy = scanFile('v.yaml', `image: ${CART}-legacy:1\n`, new Set([CART]), none);
    expect(legacy).toEqual({ kind: 'scanned', sites: [] });
  });

  test('skips non-YAML files, chart templates and unparseable files that mention no target', () => {
    expect(scanFile('README.md', `image: ${CART}:1`, new Set([CART]), none).kind).toBe('skipped');
    const template = `image: "{{ .Values.image }}"\nother: ${CART}:1\n`;
    expect(scanFile('charts/cart/templates/deploy.yaml', template, new Set([CART]), none)).toMatchObject({
      kind: 'skipped',
      reason: expect.stringContaining('template'),
    });
    const brokenTemplate = `{{- if .Values.enabled }}\nimage: ${CART}:1\n{{- end }}\n`;
    expect(scanFile('deploy.yaml', brokenTemplate, new Set([CART]), none).kind).toBe('skipped');
    expect(scanFile('other.yaml', 'a: [unclosed\nb: 1\n', new Set([CART]), none).kind).toBe('skipped');
  });

  test('does not treat a Flux ImageRepository spec.image as an image to pin', () => {
    const text = `apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageRepository\nmetadata: {name: cart}\nspec:\n  image: ${CART}:1.0\n`;
    expect(scanFile('flux.yaml', text, new Set([CART]), none)).toEqual({ kind: 'scanned', sites: [] });
  });
});

describe('errors', () => {
  test('a file that mentions a target but does not parse is an error at its line', () => {
    const text = `images:\n  - name: ${CART}\n    newTag: 1.0\n   bad: [\n`;
    const error = thrown(() => scanFile('overlays/prod/kustomization.yaml', text, new Set([CART]), none));
    expect(error.where).toMatch(/^overlays\/prod\/kustomization\.yaml:\d+$/);
    expect(error.message).toContain(CART);
    expect(error.fix).toBeDefined();
    expect(() => editFile('overlays/prod/kustomization.yaml', text, [cart], 'tag', none)).toThrow(
      ManifestError,
    );
  });

  test('a values path that does not exist, or is not a scalar, in its named file', () => {
    const text = 'image:\n  app:\n    tag: 1.0\n';
    const missing = {
      valuesPaths: [{ file: 'values.yaml', path: ['image', 'api', 'tag'], repository: CART }],
      markerImages: new Map(),
    };
    expect(thrown(() => editFile('values.yaml', text, [cart], 'tag', missing)).where).toBe('values.yaml:1');
    const map = {
      valuesPaths: [{ file: 'values.yaml', path: ['image', 'app'], repository: CART }],
      markerImages: new Map(),
    };
    expect(thrown(() => editFile('values.yaml', text, [cart], 'tag', map)).where).toBe('values.yaml:3');
    // Other files do not have to hold it.
    expect(edited(editFile('other.yaml', text, [cart], 'tag', missing)).changes).toEqual([]);
  });

  test('a values path without a repository is ambiguous when several images are promoted', () => {
    const context = { valuesPaths: [{ path: ['app', 'tag'] }], markerImages: new Map() };
    const text = 'app:\n  tag: 1.0\n';
    expect(edited(editFile('v.yaml', text, [cart], 'tag', context)).text).toBe('app:\n  tag: 1.4.2\n');
    const other = { repository: 'ghcr.io/shop/payments', tag: '2' };
    expect(() => editFile('v.yaml', text, [cart, other], 'tag', context)).toThrow(ManifestError);
  });

  test('pins a site cannot express are errors, not silent half-edits', () => {
    const tagOnly = `image:\n  repository: ${CART}\n  tag: 1.0\n`;
    expect(thrown(() => editFile('v.yaml', tagOnly, [cart], 'digest', none)).where).toBe('v.yaml:3');
    // Typed, for the action's annotation: no one parses the text back.
    expect(thrown(() => editFile('v.yaml', tagOnly, [cart], 'digest', none)).location).toEqual({
      file: 'v.yaml',
      line: 3,
    });
    expect(() => editFile('v.yaml', tagOnly, [{ repository: CART, digest: DIGEST }], 'tag', none)).toThrow(
      /no tag/,
    );
    expect(() =>
      editFile('v.yaml', `image: ${CART}:1\n`, [{ repository: CART, tag: '2' }], 'digest', none),
    ).toThrow(/no digest/);
    expect(() => editFile('v.yaml', tagOnly, [cart, cart], 'tag', none)).toThrow(/twice/);
  });

  test('an image given by an alias of an unrecognised anchor is an error', () => {
    const text = `x-default: &img ${CART}:1.0\nspec:\n  containers:\n    - image: *img\n`;
    expect(thrown(() => editFile('d.yaml', text, [cart], 'tag', none)).where).toBe('d.yaml:4');
  });

  test('a block scalar holding an image is an error', () => {
    const text = `spec:\n  containers:\n    - image: >-\n        ${CART}:1.0\n`;
    expect(thrown(() => editFile('d.yaml', text, [cart], 'tag', none)).where).toBe('d.yaml:3');
  });
});

describe('editing', () => {
  test('an alias bomb is refused, naming the file and its first alias (Flux or kubectl would expand it)', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('spec:', '  containers:', `    - image: &img ${CART}:1.0`, '    - image: *img', `bomb: *a29`);
    const text = `${lines.join('\n')}\n`;
    expect(() => editFile('bomb.yaml', text, [cart], 'tag', none)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/aliases expand to more than 1,000,000 nodes/),
        where: 'bomb.yaml:2',
        location: { file: 'bomb.yaml', line: 2 },
      }),
    );
  });

  test('plain values that YAML 1.1 or 1.2 would read as non-strings are quoted', () => {
    const text = `image:\n  repository: ${CART}\n  tag: v1\n`;
    for (const [tag, written] of [
      ['1.10', '"1.10"'],
      ['010', '"010"'],
      ['true', '"true"'],
      ['yes', '"yes"'],
      ['1_0', '"1_0"'],
      ['null', '"null"'],
      ['1.4.2', '1.4.2'],
      ['v2', 'v2'],
    ] as const) {
      const result = edited(editFile('v.yaml', text, [{ repository: CART, tag }], 'tag', none));
      expect(result.text).toBe(`image:\n  repository: ${CART}\n  tag: ${written}\n`);
    }
  });

  test('a Helm digest key is cleared when pinning by tag; the repository stays as spelled', () => {
    const text = `image:\n  registry: docker.io\n  repository: nginx\n  tag: '1.25'\n  digest: '${OLD}'\n`;
    const result = edited(
      editFile('v.yaml', text, [{ repository: 'docker.io/library/nginx', tag: '1.27' }], 'tag', none),
    );
    expect(result.text).toBe(
      `image:\n  registry: docker.io\n  repository: nginx\n  tag: '1.27'\n  digest: ''\n`,
    );
    expect(result.changes).toEqual([
      {
        file: 'v.yaml',
        line: 4,
        repository: 'docker.io/library/nginx',
        before: `tag: 1.25, digest: ${OLD}`,
        after: 'tag: 1.27, digest: ',
      },
    ]);
  });

  test('Kustomize pin by digest removes newTag, pin by tag removes digest', () => {
    const text = `images:\n  - name: ${CART}\n    newTag: 1.0 # old\n    digest: ${OLD}\n`;
    const digest = edited(editFile('kustomization.yml', text, [cart], 'digest', none));
    expect(digest.text).toBe(`images:\n  - name: ${CART}\n    digest: ${DIGEST}\n`);
    const tag = edited(editFile('kustomization.yml', text, [cart], 'tag', none));
    expect(tag.text).toBe(`images:\n  - name: ${CART}\n    newTag: 1.4.2 # old\n`);
    const both = edited(editFile('kustomization.yml', tag.text, [cart], 'tag+digest', none));
    expect(both.text).toBe(`images:\n  - name: ${CART}\n    newTag: 1.4.2 # old\n    digest: ${DIGEST}\n`);
  });

  test('Kustomize entries only count in Kustomizations', () => {
    const text = `images:\n  - name: ${CART}\n    newTag: 1.0\n`;
    expect(edited(editFile('not-kustomize.yaml', text, [cart], 'tag', none)).changes).toEqual([]);
    const flux = `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nspec:\n  ${text.replace(/\n(?!$)/g, '\n  ')}`;
    expect(edited(editFile('flux.yaml', flux, [cart], 'tag', none)).text).toBe(flux.replace('1.0', '1.4.2'));
  });

  test('a site already at the desired value gives the very same text and no change', () => {
    const text = `spec:\n  containers:\n    - image: ${CART}:1.4.2@${DIGEST}\n`;
    const result = edited(editFile('d.yaml', text, [cart], 'tag+digest', none));
    expect(result.changes).toEqual([]);
    expect(result.text).toBe(text);
    expect(result.sites).toHaveLength(1);
  });
});

describe('markers', () => {
  test('collectMarkerImages joins ImagePolicy to ImageRepository and reads full and name markers', () => {
    const text = [
      'apiVersion: image.toolkit.fluxcd.io/v1beta2',
      'kind: ImageRepository',
      'metadata: {name: cart-repo, namespace: flux-system}',
      `spec: {image: ${CART}, interval: 5m}`,
      '---',
      'apiVersion: image.toolkit.fluxcd.io/v1beta2',
      'kind: ImagePolicy',
      'metadata: {name: cart, namespace: flux-system}',
      'spec:',
      '  imageRepositoryRef: {name: cart-repo}',
      '---',
      'apiVersion: image.toolkit.fluxcd.io/v1beta2',
      'kind: ImageRepository',
      'metadata: {name: search}',
      'spec: {image: ghcr.io/shop/search}',
      '---',
      'data:',
      '  a: ghcr.io/shop/payments:1 # {"$imagepolicy": "shop:payments"}',
      '  b: ghcr.io/shop/auth # {"$imagepolicy": "shop:auth:name"}',
      '  c: "1" # {"$imagepolicy": "shop:auth:tag"}',
    ].join('\n');
    expect(Object.fromEntries(collectMarkerImages('flux/images.yaml', text))).toEqual({
      'flux-system:cart-repo': CART,
      'flux-system:cart': CART,
      '*:search': 'ghcr.io/shop/search',
      'shop:payments': 'ghcr.io/shop/payments',
      'shop:auth': 'ghcr.io/shop/auth',
    });
    expect(collectMarkerImages('broken.yaml', 'a: [').size).toBe(0);
    expect(collectMarkerImages('notes.txt', text).size).toBe(0);
  });

  test('a tag marker resolves through the merged map, including objects without a namespace', () => {
    const text = 'tag: 1.0 # {"$imagepolicy": "apps:search:tag"}\n';
    const context = { valuesPaths: [], markerImages: new Map([['*:search', 'ghcr.io/shop/search']]) };
    const result = edited(
      editFile('v.yaml', text, [{ repository: 'ghcr.io/shop/search', tag: '2.0.0' }], 'tag', context),
    );
    expect(result.text).toBe('tag: 2.0.0 # {"$imagepolicy": "apps:search:tag"}\n');
    expect(
      edited(editFile('v.yaml', text, [{ repository: 'ghcr.io/shop/search', tag: '2' }], 'tag', none))
        .changes,
    ).toEqual([]);
  });
});

describe('markers on any scalar', () => {
  const full = '# {"$imagepolicy": "flux-system:cart"}';
  const pinned = `${CART}:1.4.2@${DIGEST}`;

  test('an untagged value under an image: key of a custom resource is set, under every pin', () => {
    // Found as a marker before the edit and, once tagged, by the image-key rule: verify saw the site change.
    const text = [
      'apiVersion: apps.example.com/v1',
      'kind: App',
      'spec:',
      `  image: ${CART} ${full}`,
      '',
    ].join('\n');
    for (const [pin, value] of [
      ['tag+digest', pinned],
      ['tag', `${CART}:1.4.2`],
      ['digest', `${CART}@${DIGEST}`],
    ] as const) {
      const result = edited(editFile('app.yaml', text, [cart], pin, none));
      expect(result.text).toBe(text.replace(`image: ${CART} `, `image: ${value} `));
      expect(result.sites.map((site) => [site.kind, site.line])).toEqual([['marker', 4]]);
    }
  });

  test('a Helm repository carrying a full-reference marker holds the reference, its tag sibling is left', () => {
    // The Helm rule and the marker both took it; once tagged, the Helm pair was gone: "2 sites became 1".
    const text = `image:\n  repository: ${CART} ${full}\n  tag: "1.0"\n`;
    const result = edited(editFile('values.yaml', text, [cart], 'tag+digest', none));
    expect(result.text).toBe(`image:\n  repository: ${pinned} ${full}\n  tag: "1.0"\n`);
    expect(result.sites.map((site) => site.kind)).toEqual(['marker']);
  });

  test('Helm pairs keep their :name, :tag and :digest markers and are set as Helm pairs', () => {
    const text = [
      'image:',
      `  repository: ${CART} # {"$imagepolicy": "flux-system:cart:name"}`,
      '  tag: 1.0 # {"$imagepolicy": "flux-system:cart:tag"}',
      `  digest: ${OLD} # {"$imagepolicy": "flux-system:cart:digest"}`,
      '',
    ].join('\n');
    const result = edited(editFile('values.yaml', text, [cart], 'tag+digest', none));
    expect(result.text).toBe(text.replace('tag: 1.0', 'tag: 1.4.2').replace(OLD, DIGEST));
    expect(result.sites.map((site) => site.kind)).toEqual(['helm']);
  });

  test('an untagged container image with a marker is the user asking for it, not a placeholder', () => {
    const text = [
      'spec:',
      '  containers:',
      `    - image: ${CART} ${full}`,
      '  initContainers:',
      `    - image: ${CART}:1.0`,
      '',
    ].join('\n');
    const result = edited(
      editFile('deploy.yaml', text, [cart], 'tag+digest', { ...none, placeholders: new Set([CART]) }),
    );
    expect(result.text).toBe(
      `spec:\n  containers:\n    - image: ${pinned} ${full}\n  initContainers:\n    - image: ${pinned}\n`,
    );
  });

  test('a :tag marker gets the tag alone, as Flux writes it: a label cannot hold a digest', () => {
    const text = [
      'metadata:',
      '  labels:',
      '    app.kubernetes.io/version: "1.0" # {"$imagepolicy": "flux-system:cart:tag"}',
      '',
    ].join('\n');
    const context = { ...none, markerImages: new Map([['flux-system:cart', CART]]) };
    const result = edited(editFile('deploy.yaml', text, [cart], 'tag+digest', context));
    expect(result.text).toBe(text.replace('"1.0"', '"1.4.2"'));
    expect(() => editFile('deploy.yaml', text, [cart], 'digest', context)).toThrow(ManifestError);
  });

  test('tag and digest markers on keys of any name, in sequences and flow maps', () => {
    const text = [
      'app:',
      '  version: "1.0" # {"$imagepolicy": "flux-system:cart:tag"}',
      `  sum: ${OLD} # {"$imagepolicy": "flux-system:cart:digest"}`,
      'args:',
      `  - ${CART}:1.0 ${full}`,
      '',
    ].join('\n');
    const context = { ...none, markerImages: new Map([['flux-system:cart', CART]]) };
    const result = edited(editFile('values.yaml', text, [cart], 'tag+digest', context));
    expect(result.text).toBe(
      text.replace('"1.0"', '"1.4.2"').replace(OLD, DIGEST).replace(`${CART}:1.0`, pinned),
    );
  });
});

describe('policies the user ties to an image (--image-policy)', () => {
  const text = [
    'app:',
    '  name: ghcr.io/shop/cart-mirror # {"$imagepolicy": "flux-system:cart:name"}',
    '  version: "1.0" # {"$imagepolicy": "flux-system:cart:tag"}',
    'worker:',
    '  version: "1.0" # {"$imagepolicy": "apps:worker:tag"}',
    '',
  ].join('\n');

  test('win over what the branch says, and tie markers nothing else ties', () => {
    const context = {
      ...none,
      markerImages: new Map([['apps:worker', 'ghcr.io/shop/other']]),
      imagePolicies: new Map([['apps:worker', CART]]),
    };
    const result = edited(editFile('values.yaml', text, [cart], 'tag', context));
    expect(result.text).toBe(
      text.replace('"1.0" # {"$imagepolicy": "apps', '"1.4.2" # {"$imagepolicy": "apps'),
    );
  });

  test('set :name and full markers to the image tied, as Flux sets them to the policy image', () => {
    const context = { ...none, imagePolicies: new Map([['flux-system:cart', CART]]) };
    const result = edited(editFile('values.yaml', text, [cart], 'tag', context));
    expect(result.text).toBe(
      text
        .replace('cart-mirror #', 'cart #')
        .replace('"1.0" # {"$imagepolicy": "flux', '"1.4.2" # {"$imagepolicy": "flux'),
    );
    const fullMarker = `image: ghcr.io/shop/cart-mirror:1.0 # {"$imagepolicy": "flux-system:cart"}\n`;
    const renamed = edited(editFile('values.yaml', fullMarker, [cart], 'tag', context));
    expect(renamed.text).toBe(fullMarker.replace('cart-mirror:1.0', 'cart:1.4.2'));
  });
});

test('searchTerms: last path components and the marker key', () => {
  expect(searchTerms([CART, 'docker.io/library/nginx', 'registry.example.com/shop/cart'])).toEqual([
    'cart',
    'nginx',
    '$imagepolicy',
  ]);
});
