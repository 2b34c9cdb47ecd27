import { tryParseReference } from '@slipway/oci';
import { isMap, isScalar, type Scalar } from 'yaml';
import { lineEnd } from './text.js';
import { documentKind, forEachValueScalar, loadFile, mapAt, repositoryOf, stringAt } from './yaml.js';

/** What a Flux setter marker says about the scalar it follows. */
export interface Marker {
  /** `ns:name` of the ImagePolicy. */
  policy: string;
  field: 'full' | 'name' | 'tag' | 'digest';
}

const MARKER_COMMENT = /^[ \t]*#[ \t]*(\{.*\})[ \t]*$/;

/** The `# {"$imagepolicy": "ns:name[:field]"}` comment on the line where `node` ends, if any. */
export function markerOf(node: Scalar, text: string): Marker | undefined {
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const rest = text.slice(end, lineEnd(text, end));
  const match = MARKER_COMMENT.exec(rest);
  if (match?.[1] === undefined || !match[1].includes('$imagepolicy')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const value = (parsed as Record<string, unknown>).$imagepolicy;
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  const [namespace, name, field] = parts;
  if (parts.length < 2 || parts.length > 3 || !namespace || !name) return undefined;
  if (field === undefined) return { policy: `${namespace}:${name}`, field: 'full' };
  if (field === 'tag' || field === 'name' || field === 'digest')
    return { policy: `${namespace}:${name}`, field };
  return undefined;
}

/**
 * Looks a policy up in merged marker images: the exact `ns:name`, else `*:name` (objects without a
 * namespace, which Kustomize or Flux usually place in one).
 */
export function lookupPolicy(images: ReadonlyMap<string, string>, policy: string): string | undefined {
  const exact = images.get(policy);
  if (exact !== undefined) return exact;
  const name = policy.slice(policy.indexOf(':') + 1);
  return images.get(`*:${name}`);
}

/**
 * Images named by Flux objects and markers in one file, `'ns:name' -> normalised repository`:
 * - an ImagePolicy whose `imageRepositoryRef` names an ImageRepository in the same file;
 * - every ImageRepository under its own `ns:name` (Flux setups usually name the policy after it);
 * - full-reference (`"ns:name"`) and `"ns:name:name"` markers.
 * Objects without `metadata.namespace` are keyed `*:name`. The caller merges the maps of all files.
 * A file that does not parse contributes nothing (scanning it reports the error).
 */
export function collectMarkerImages(file: string, text: string): Map<string, string> {
  const images = new Map<string, string>();
  let loaded: ReturnType<typeof loadFile>;
  try {
    loaded = loadFile(file, text, []);
  } catch {
    return images;
  }
  if (loaded.kind === 'skipped') return images;

  const repositories = new Map<string, string>();
  const policies: { key: string; ref: string }[] = [];
  for (const doc of loaded.docs) {
    const root = doc.contents;
    const kind = documentKind(doc);
    if (isMap(root) && kind?.group.startsWith('image.toolkit.fluxcd.io')) {
      const metadata = mapAt(root, 'metadata');
      const name = metadata === undefined ? undefined : stringAt(metadata, 'name');
      const namespace = (metadata === undefined ? undefined : stringAt(metadata, 'namespace')) ?? '*';
      const spec = mapAt(root, 'spec');
      if (name !== undefined && spec !== undefined) {
        if (kind.kind === 'ImageRepository') {
          const image = stringAt(spec, 'image');
          const repository = image === undefined ? undefined : tryParseReference(image)?.repository;
          if (repository !== undefined) repositories.set(`${namespace}:${name}`, repository);
        } else if (kind.kind === 'ImagePolicy') {
          const ref = mapAt(spec, 'imageRepositoryRef');
          const refName = ref === undefined ? undefined : stringAt(ref, 'name');
          const refNamespace = (ref === undefined ? undefined : stringAt(ref, 'namespace')) ?? namespace;
          if (refName !== undefined)
            policies.push({ key: `${namespace}:${name}`, ref: `${refNamespace}:${refName}` });
        }
      }
    }
    forEachValueScalar(root, ({ node }) => {
      const marker = markerOf(node, text);
      if (marker === undefined || !isScalar(node) || typeof node.value !== 'string') return;
      const repository =
        marker.field === 'full'
          ? tryParseReference(node.value)?.repository
          : marker.field === 'name'
            ? repositoryOf(node.value)
            : undefined;
      if (repository !== undefined && !images.has(marker.policy)) images.set(marker.policy, repository);
    });
  }
  for (const [key, repository] of repositories) if (!images.has(key)) images.set(key, repository);
  for (const policy of policies) {
    const repository = lookupPolicy(repositories, policy.ref);
    if (repository !== undefined) images.set(policy.key, repository);
  }
  return images;
}
