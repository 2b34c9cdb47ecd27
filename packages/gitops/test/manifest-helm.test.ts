import { describe, expect, test } from 'vitest';
import {
  editFile,
  type FileEdit,
  ManifestError,
  type ScanContext,
  scanFile,
  searchTerms,
} from '../src/manifest/index.js';

// Values shapes taken from public charts: Bitnami (registry/repository/tag/digest, global.imageRegistry),
// kube-prometheus-stack (tag + bare-hex `sha`), ingress-nginx (registry/image/tag/digest), Argo CD
// (global.image), podinfo (repository + tag: "").
const NGINX = 'docker.io/bitnami/nginx';
const HEX = '4843ea2bc818a06bf43533c9d3f9e1f7ea1206ff39640f33968358047b9497c6';
const DIGEST = `sha256:${HEX}`;
const OLD_HEX = 'c'.repeat(64);
const none: ScanContext = { valuesPaths: [], markerImages: new Map() };
const nginx = { repository: NGINX, tag: '1.27.3', digest: DIGEST };

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

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('Helm values variants', () => {
  test('Bitnami registry + repository + digest without a tag: the digest is written', () => {
    const text = lines('image:', '  registry: docker.io', '  repository: bitnami/nginx', '  digest: ""');
    const result = edited(editFile('values.yaml', text, [nginx], 'digest', none));
    expect(result.text).toBe(
      lines('image:', '  registry: docker.io', '  repository: bitnami/nginx', `  digest: "${DIGEST}"`),
    );
    expect(result.changes).toEqual([
      { file: 'values.yaml', line: 4, repository: NGINX, before: 'digest: ', after: `digest: ${DIGEST}` },
    ]);
  });

  test('global.imageRegistry replaces every image registry: the site is the global registry’s image', () => {
    const text = lines(
      'global:',
      '  imageRegistry: registry.example.com',
      'image:',
      '  registry: docker.io',
      '  repository: bitnami/nginx',
      '  tag: 1.25.3',
      'metrics:',
      '  image:',
      '    repository: docker.io/bitnami/nginx-exporter', // no registry key: global does not apply
      '    tag: 1.0.0',
    );
    // What the chart deploys is registry.example.com/bitnami/nginx, so docker.io's is not here.
    const hub = scanFile('values.yaml', text, new Set([NGINX]), none);
    expect(hub).toEqual({ kind: 'scanned', sites: [] });
    const mirror = 'registry.example.com/bitnami/nginx';
    const result = edited(editFile('values.yaml', text, [{ ...nginx, repository: mirror }], 'tag', none));
    expect(result.text).toBe(text.replace('tag: 1.25.3', 'tag: 1.27.3'));
    const exporter = scanFile('values.yaml', text, new Set(['docker.io/bitnami/nginx-exporter']), none);
    expect(exporter.kind === 'scanned' && exporter.sites.map((site) => site.line)).toEqual([10]);
  });

  test('an empty global.imageRegistry leaves each registry as written', () => {
    const text = lines(
      'global:',
      '  imageRegistry: ""',
      'image:',
      '  registry: docker.io',
      '  repository: bitnami/nginx',
      '  tag: 1.25.3',
    );
    const result = edited(editFile('values.yaml', text, [nginx], 'tag', none));
    expect(result.text).toBe(text.replace('tag: 1.25.3', 'tag: 1.27.3'));
  });

  test('kube-prometheus-stack `sha` holds the bare hex: it is written without sha256: and read back', () => {
    const text = lines(
      'prometheusOperator:',
      '  image:',
      '    registry: docker.io',
      '    repository: bitnami/nginx',
      '    tag: ""',
      `    sha: "${OLD_HEX}"`,
      '    pullPolicy: IfNotPresent',
    );
    const scan = scanFile('values.yaml', text, new Set([NGINX]), none);
    expect(scan).toMatchObject({ kind: 'scanned', sites: [{ line: 5, digest: `sha256:${OLD_HEX}` }] });
    const result = edited(editFile('values.yaml', text, [nginx], 'tag+digest', none));
    expect(result.text).toBe(text.replace('tag: ""', 'tag: "1.27.3"').replace(OLD_HEX, HEX));
    // Pinning by tag clears the sha, so the chart no longer pins the old digest.
    const byTag = edited(editFile('values.yaml', text, [nginx], 'tag', none));
    expect(byTag.text).toBe(text.replace('tag: ""', 'tag: "1.27.3"').replace(OLD_HEX, ''));
  });

  test('a sha value cannot hold a digest of another algorithm', () => {
    const text = lines('image:', `  repository: ${NGINX}`, '  tag: "1.0"', '  sha: ""');
    const sha512 = `sha512:${'a'.repeat(128)}`;
    const error = thrown(() =>
      editFile('values.yaml', text, [{ repository: NGINX, tag: '1.1', digest: sha512 }], 'digest', none),
    );
    expect(error.message).toContain('sha holds a sha256 hex digest');
    expect(error.where).toBe('values.yaml:3');
  });

  test('ingress-nginx `registry` + `image` + `tag` + `digest`: tag and digest change, digestChroot stays', () => {
    const text = lines(
      'controller:',
      '  image:',
      '    chroot: false',
      '    registry: docker.io',
      '    image: bitnami/nginx',
      '    tag: "v1.9.4"',
      `    digest: sha256:${OLD_HEX}`,
      `    digestChroot: sha256:${'b'.repeat(64)}`,
      '    pullPolicy: IfNotPresent',
    );
    const result = edited(editFile('values.yaml', text, [nginx], 'tag+digest', none));
    expect(result.text).toBe(text.replace('"v1.9.4"', '"1.27.3"').replace(`sha256:${OLD_HEX}`, DIGEST));
  });

  test('ingress-nginx today: the registry comes from global.image.registry; chroot: true runs <image>-chroot', () => {
    const text = lines(
      'global:',
      '  image:',
      '    registry: docker.io',
      'controller:',
      '  image:',
      '    chroot: false',
      '    # registry: registry.k8s.io',
      '    image: bitnami/nginx',
      '    tag: "v1.9.4"',
      `    digest: sha256:${OLD_HEX}`,
      `    digestChroot: sha256:${'b'.repeat(64)}`,
    );
    const result = edited(editFile('values.yaml', text, [nginx], 'tag+digest', none));
    expect(result.text).toBe(text.replace('"v1.9.4"', '"1.27.3"').replace(`sha256:${OLD_HEX}`, DIGEST));
    const chroot = text.replace('chroot: false', 'chroot: true');
    expect(scanFile('values.yaml', chroot, new Set([NGINX]), none)).toEqual({ kind: 'scanned', sites: [] });
    const chrootImage = { ...nginx, repository: `${NGINX}-chroot` };
    const inChroot = edited(editFile('values.yaml', chroot, [chrootImage], 'tag+digest', none));
    expect(inChroot.text).toBe(
      chroot.replace('"v1.9.4"', '"1.27.3"').replace(`sha256:${'b'.repeat(64)}`, DIGEST),
    );
  });

  test('several images in one file, subchart keys, a numeric tag: each site, only its scalars', () => {
    const text = lines(
      'image:',
      `  repository: ${NGINX}`,
      '  tag: 1.10',
      '  pullPolicy: Always',
      'sidecar:',
      '  image:',
      `    repository: ${NGINX}`,
      "    tag: '1.10'",
      'initImage:',
      `  repository: ${NGINX}`,
      '  tag: ""',
      'redis:', // a subchart's values
      '  image:',
      '    repository: docker.io/library/redis',
      '    tag: 7.2.4',
    );
    const result = edited(editFile('values.yaml', text, [{ repository: NGINX, tag: '1.11' }], 'tag', none));
    expect(result.text).toBe(
      text
        .replace('tag: 1.10', 'tag: "1.11"')
        .replace("tag: '1.10'", "tag: '1.11'")
        .replace('tag: ""', 'tag: "1.11"'),
    );
    expect(result.changes.map((change) => [change.line, change.before])).toEqual([
      [3, 'tag: 1.10'],
      [8, 'tag: 1.10'],
      [11, 'tag: '],
    ]);
  });

  test('a matching image with no tag or digest value is refused at its line, nothing else', () => {
    const text = lines('image:', `  repository: ${NGINX}`, '  pullPolicy: IfNotPresent');
    const error = thrown(() => editFile('values.yaml', text, [nginx], 'tag', none));
    expect(error.message).toBe(`the Helm image repository: ${NGINX} has no tag or digest value to write`);
    expect(error.where).toBe('values.yaml:2');
    expect(error.fix).toContain('tag: ""');
    // A repository that is not promoted is not Slipway's business.
    expect(scanFile('values.yaml', text, new Set(['ghcr.io/shop/cart']), none)).toEqual({
      kind: 'scanned',
      sites: [],
    });
  });

  test('ambiguous shapes are refused with file, line and reason, never a bug: error', () => {
    const nested = lines('image:', `  repository: ${NGINX}`, '  tag:', '    name: "1.0"');
    const error = thrown(() => editFile('values.yaml', nested, [nginx], 'tag', none));
    expect(error.message).toBe(`the tag of the Helm image repository: ${NGINX} is not a plain value`);
    expect(error.where).toBe('values.yaml:4');
    const both = lines('image:', `  repository: ${NGINX}`, '  tag: "1.0"', '  digest: ""', '  sha: ""');
    const twice = thrown(() => editFile('values.yaml', both, [nginx], 'digest', none));
    expect(twice.message).toContain('has both a digest and a sha value');
    expect(twice.where).toBe('values.yaml:5');
  });
});

test('an image map without tag or digest is fine when a values path names its version', () => {
  const text = lines('image:', `  repository: ${NGINX}`, '  version: "1.0"');
  const context: ScanContext = { valuesPaths: [{ path: ['image', 'version'] }], markerImages: new Map() };
  const result = edited(editFile('values.yaml', text, [nginx], 'tag', context));
  expect(result.text).toBe(text.replace('"1.0"', '"1.27.3"'));
});

test('a file naming an ingress-nginx image without its -chroot suffix is still a candidate for it', () => {
  expect(searchTerms(['registry.k8s.io/ingress-nginx/controller-chroot'])).toEqual([
    'controller-chroot',
    'controller',
    '$imagepolicy',
  ]);
});

// Argo CD Image Updater's values fixture: `sidecar` names its image through a YAML merge key. Helm (go-yaml)
// applies a `<<` where it is written: keys after it win, keys before it are overridden by what it brings.
describe('Helm values through YAML merge keys', () => {
  const MYAPP = 'docker.io/library/myapp';
  const myapp = { repository: MYAPP, tag: 'v2.0.0' };

  test('a map inheriting repository through <<: *anchor gets its own tag edited too', () => {
    const text = lines(
      'images:',
      '  app: &app-image',
      '    repository: myapp',
      '    tag: v1.0.0',
      '  sidecar:',
      '    <<: *app-image',
      '    tag: v1.0.0',
    );
    const scan = scanFile('values.yaml', text, new Set([MYAPP]), none);
    expect(scan.kind === 'scanned' && scan.sites.map((site) => [site.line, site.kind])).toEqual([
      [4, 'helm'],
      [7, 'helm'],
    ]);
    const result = edited(editFile('values.yaml', text, [myapp], 'tag', none));
    expect(result.text).toBe(text.replaceAll('tag: v1.0.0', 'tag: v2.0.0'));
    expect(result.changes.map((change) => change.line)).toEqual([4, 7]);
  });

  test('registry and repository come through a merge sequence: earlier maps win, own keys after << win', () => {
    const text = lines(
      'defaults: &defaults',
      '  registry: quay.io',
      '  repository: other',
      'names: &names',
      '  repository: library/myapp',
      '  pullPolicy: Always',
      'image:',
      '  <<: [*names, *defaults]',
      '  tag: v1.0.0',
      'mirror:',
      '  <<: [*defaults, *names]',
      '  registry: docker.io',
      '  repository: library/myapp',
      '  tag: v1.0.0',
    );
    // `image` is quay.io/library/myapp (repository from names, registry from defaults); `mirror` overrides
    // both after its `<<`: docker.io/library/myapp, not the image promoted.
    const quay = { repository: 'quay.io/library/myapp', tag: 'v2.0.0' };
    const result = edited(editFile('values.yaml', text, [quay], 'tag', none));
    expect(result.text).toBe(text.replace('  tag: v1.0.0\nmirror', '  tag: v2.0.0\nmirror'));
  });

  test('a merged map that merges another is read through both; the ingress-nginx image name too', () => {
    const text = lines(
      'base: &base',
      '  registry: registry.k8s.io',
      'controller: &controller',
      '  <<: *base',
      '  image: ingress-nginx/controller',
      'image:',
      '  <<: *controller',
      '  tag: v1.0.0',
      '  digest: ""',
    );
    const controller = { repository: 'registry.k8s.io/ingress-nginx/controller', tag: 'v1.1.0' };
    const result = edited(editFile('values.yaml', text, [controller], 'tag', none));
    expect(result.text).toBe(text.replace('tag: v1.0.0', 'tag: v1.1.0'));
  });

  test('an own key written before << is overridden by the merge, as Helm reads it', () => {
    const text = lines(
      'app: &app',
      '  repository: myapp',
      '  tag: v1.0.0',
      'other:',
      '  repository: otherapp',
      '  <<: *app',
      '  pullPolicy: Always',
    );
    // `other` renders myapp:v1.0.0 (Helm); its tag is app's, edited once at app's site.
    const result = edited(editFile('values.yaml', text, [myapp], 'tag', none));
    expect(result.text).toBe(text.replace('tag: v1.0.0', 'tag: v2.0.0'));
    expect(result.sites.map((site) => site.line)).toEqual([3]);
    // otherapp is what a YAML 1.2 reader sees, not what Helm deploys: no site, and no refusal for its tag.
    const other = scanFile('values.yaml', text, new Set(['docker.io/library/otherapp']), none);
    expect(other).toEqual({ kind: 'scanned', sites: [] });
  });

  test('a tag inherited from a map that is not the same image is refused, naming the map and the line', () => {
    const text = lines(
      'defaults: &defaults',
      '  tag: v1.0.0',
      '  pullPolicy: Always',
      'image:',
      '  <<: *defaults',
      '  repository: myapp',
    );
    const error = thrown(() => editFile('values.yaml', text, [myapp], 'tag', none));
    expect(error.message).toBe(
      `the tag of the Helm image repository: myapp comes through a merge key from line 2, where it is no value of ${MYAPP}`,
    );
    expect(error.where).toBe('values.yaml:5');
  });

  test('a digest inherited from the same image is written there; the own tag stays a plain tag under every pin', () => {
    const text = lines(
      'app: &app',
      '  repository: myapp',
      '  tag: v1.0.0',
      '  digest: ""',
      'sidecar:',
      '  <<: *app',
      '  tag: v1.0.0',
    );
    const pinned = { ...myapp, digest: DIGEST };
    for (const pin of ['tag+digest', 'digest'] as const) {
      const result = edited(editFile('values.yaml', text, [pinned], pin, none));
      expect(result.text).toBe(text.replaceAll('tag: v1.0.0', 'tag: v2.0.0').replace('""', `"${DIGEST}"`));
    }
    const byTag = edited(editFile('values.yaml', text, [pinned], 'tag', none));
    expect(byTag.text).toBe(text.replaceAll('tag: v1.0.0', 'tag: v2.0.0'));
  });

  test('aliases are resolved without expansion: many maps merging one anchor stay linear', () => {
    const maps = Array.from({ length: 2000 }, (_, i) => [`s${i}:`, '  <<: *app', `  tag: v1.0.0`]).flat();
    const text = lines('app: &app', '  repository: myapp', '  tag: v1.0.0', ...maps);
    const result = edited(editFile('values.yaml', text, [myapp], 'tag', none));
    expect(result.changes).toHaveLength(2001);
  });
});
