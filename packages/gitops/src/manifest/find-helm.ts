import type { FileLocation } from '@slipway/errors';
// Helm values: image maps (`repository` + `tag`/`digest`/`sha`, `registry`, `global.imageRegistry`), read
// through YAML merge keys as Helm reads them.
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { at, ManifestError } from './error.js';
import { markerOf } from './markers.js';
import { Anchors, type MergedMap, mergedMap } from './merge-keys.js';
import { type RawSite, type Slot, scalarStart } from './raw-site.js';
import type { Lines } from './text.js';
import { type Doc, mapAt, repositoryOf, stringAt } from './yaml.js';

/** The `global` values that decide which registry a Helm image map's repository is pulled from. */
interface GlobalRegistries {
  /**
   * A non-empty `global.imageRegistry` (Bitnami's `common.images.image`, kube-prometheus-stack): it replaces
   * the registry of every image that has a `registry` value.
   */
  imageRegistry?: string;
  /** `global.image.registry` (ingress-nginx merges `global.image` under each image): fills a missing registry. */
  imageDefaultRegistry?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The registries a map's `global` key sets for it and everything below it. */
function globalRegistries(map: YAMLMap, outer: GlobalRegistries): GlobalRegistries {
  const global = mapAt(map, 'global');
  if (global === undefined) return outer;
  const imageRegistry = nonEmpty(stringAt(global, 'imageRegistry')) ?? outer.imageRegistry;
  const image = mapAt(global, 'image');
  const imageDefaultRegistry =
    (image === undefined ? undefined : nonEmpty(stringAt(image, 'registry'))) ?? outer.imageDefaultRegistry;
  return {
    ...(imageRegistry === undefined ? {} : { imageRegistry }),
    ...(imageDefaultRegistry === undefined ? {} : { imageDefaultRegistry }),
  };
}

function forEachValuesMap(
  node: unknown,
  outer: GlobalRegistries,
  visit: (map: YAMLMap, globals: GlobalRegistries) => void,
): void {
  if (isMap(node)) {
    const inScope = globalRegistries(node, outer);
    visit(node, inScope);
    for (const pair of node.items) forEachValuesMap(pair.value, inScope, visit);
  } else if (isSeq(node)) {
    for (const item of node.items) forEachValuesMap(item, outer, visit);
  }
}

/** A Helm image map naming a promoted repository with no value to write, and the refusal it earns. */
export interface Unwritable {
  map: YAMLMap;
  error: ManifestError;
}

/**
 * A tag or digest a Helm image map inherits through a merge key: it is edited by the site of the map it is
 * written in, which must be a site of the same image, or this map would keep the old one.
 */
export interface InheritedSlot {
  node: Scalar;
  repository: string;
  error: ManifestError;
}

/**
 * The slot a Helm image map keeps a value in: absent, a scalar, or something Slipway must not guess at.
 * `inherited`: the scalar Helm reads through a merge key instead (only the map's own scalars are its slots).
 */
function helmSlot(map: MergedMap, key: string): { node?: Scalar; bad?: Node; inherited?: Scalar } {
  const found = map.get(key);
  if (found === undefined) return {};
  const { pair, own } = found;
  if (!own) return isScalar(pair.value) ? { inherited: pair.value } : {};
  if (isScalar(pair.value)) return { node: pair.value };
  // `tag:` with nothing after it is an empty scalar to the parser; anything else is a collection or alias.
  return pair.value === null ? {} : { bad: pair.value as Node };
}

/** The scalar Helm reads at `key` of a values map, own or merged. */
function mergedScalar(map: MergedMap, key: string): Scalar | undefined {
  const value = map.get(key)?.pair.value;
  return isScalar(value) ? value : undefined;
}

function mergedString(map: MergedMap, key: string): string | undefined {
  const value = mergedScalar(map, key)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Helm values: an image map with `repository` (or ingress-nginx's `image` next to `registry`), an optional
 * `registry` (overridden by `global.imageRegistry`), and a `tag`, a `digest` or a `sha` (bare hex) to write.
 * The image is named as Helm reads the map, through merge keys (`<<: *defaults`); the values written are the
 * map's own (an inherited tag is the site of the map that holds it).
 */
export function findHelmSites(
  file: string,
  text: string,
  lines: Lines,
  doc: Doc,
  index: number,
  targets: ReadonlySet<string>,
  claimed: ReadonlySet<Scalar>,
  claim: (site: RawSite) => void,
  found: { unwritable: Unwritable[]; inherited: InheritedSlot[] },
): void {
  const anchors = new Anchors(doc);
  forEachValuesMap(doc.contents, {}, (written, globals) => {
    const map = mergedMap(written, anchors);
    const ownRegistry = mergedString(map, 'registry');
    let repositoryKey = 'repository';
    let repositoryNode = mergedScalar(map, 'repository');
    let name: string | undefined;
    let digestKey = 'digest';
    if (typeof repositoryNode?.value === 'string') {
      const registry = map.get('registry') === undefined ? undefined : (globals.imageRegistry ?? ownRegistry);
      name = registry ? `${registry.replace(/\/+$/, '')}/${repositoryNode.value}` : repositoryNode.value;
    } else if (repositoryNode === undefined) {
      // ingress-nginx: `registry` (or `global.image.registry`) + `image` + `tag` + `digest`; with `chroot: true`
      // the chart runs `<image>-chroot` pinned by `digestChroot`.
      const image = mergedScalar(map, 'image');
      const registry = nonEmpty(ownRegistry) ?? globals.imageDefaultRegistry;
      if (
        registry !== undefined &&
        typeof image?.value === 'string' &&
        repositoryOf(image.value) !== undefined &&
        (map.get('tag') !== undefined || map.get('digest') !== undefined)
      ) {
        const chroot = mergedScalar(map, 'chroot')?.value === true;
        repositoryKey = 'image';
        repositoryNode = image;
        name = `${registry.replace(/\/+$/, '')}/${image.value}${chroot ? '-chroot' : ''}`;
        if (chroot) digestKey = 'digestChroot';
      }
    }
    if (repositoryNode === undefined || name === undefined) return;
    // A full-reference marker says the value is a whole reference, not a chart's repository name.
    if (markerOf(repositoryNode, text)?.field === 'full') return;
    const repository = repositoryOf(name);
    if (repository === undefined || !targets.has(repository)) return;
    const shown = `${repositoryKey}: ${String(repositoryNode.value)}`;

    const tag = helmSlot(map, 'tag');
    const digest = helmSlot(map, digestKey);
    const sha = helmSlot(map, 'sha');
    const where = (node: { range?: [number, number, number] | null }): FileLocation =>
      at(file, lines.line(node.range?.[0] ?? scalarStart(repositoryNode)));
    for (const [key, slot] of [
      ['tag', tag],
      [digestKey, digest],
      ['sha', sha],
    ] as const) {
      if (slot.bad === undefined) continue;
      throw new ManifestError(`the ${key} of the Helm image ${shown} is not a plain value`, {
        where: where(slot.bad as { range?: [number, number, number] | null }),
        fix: `write ${key} as a plain or quoted value next to ${repositoryKey}`,
      });
    }
    if (digest.node !== undefined && sha.node !== undefined) {
      throw new ManifestError(`the Helm image ${shown} has both a digest and a sha value`, {
        where: where(sha.node),
        fix: 'keep the one your chart reads and remove the other',
      });
    }
    const digestSlot: Slot | undefined =
      digest.node !== undefined
        ? { node: digest.node, key: digestKey }
        : sha.node !== undefined
          ? { node: sha.node, key: 'sha', form: 'hex' }
          : undefined;
    const hasOwn = tag.node !== undefined || digestSlot !== undefined;
    let inherits = false;
    for (const [key, slot] of [
      ['tag', tag],
      [digestKey, digest],
      ['sha', sha],
    ] as const) {
      const node = slot.inherited;
      if (node === undefined) continue;
      inherits = true;
      // An empty value inherited beside one of the map's own pins nothing.
      if (hasOwn && (node.value === null || node.value === '')) continue;
      found.inherited.push({
        node,
        repository,
        error: new ManifestError(
          `the ${key} of the Helm image ${shown} comes through a merge key from line ${lines.line(scalarStart(node))}, where it is no value of ${repository}`,
          {
            where: at(file, lines.line(written.range?.[0] ?? scalarStart(repositoryNode))),
            fix: `write ${key} in this map, after its \`<<:\`, so the image has a value of its own`,
          },
        ),
      });
    }
    const inheritedDigest = digest.inherited ?? sha.inherited;
    // A map whose tag and digest all come through a merge key is the business of the map that holds them.
    if (!hasOwn && inherits) return;
    if (!hasOwn) {
      // A chart falls back to its appVersion; unless a marker or a values path names a value of this map,
      // there is nothing to promote into (decided once every rule has run).
      found.unwritable.push({
        map: written,
        error: new ManifestError(`the Helm image ${shown} has no tag or digest value to write`, {
          where: where(repositoryNode),
          fix: `add \`tag: ""\` next to ${repositoryKey} (your chart reads it), or name the value with --values-path`,
        }),
      });
      return;
    }
    // A scalar another rule (a Flux marker) already owns stays with it.
    if (tag.node !== undefined && claimed.has(tag.node)) return;
    const ownDigest = digestSlot !== undefined && !claimed.has(digestSlot.node) ? digestSlot : undefined;
    if (tag.node === undefined && ownDigest === undefined) return;
    // An inherited repository is written at its anchor: the site is ordered by its own values.
    const anchorStart = Math.min(
      map.get(repositoryKey)?.own === false ? Number.POSITIVE_INFINITY : scalarStart(repositoryNode),
      tag.node ? scalarStart(tag.node) : Number.POSITIVE_INFINITY,
      ownDigest ? scalarStart(ownDigest.node) : Number.POSITIVE_INFINITY,
    );
    claim({
      kind: 'helm',
      repository,
      order: anchorStart,
      anchor: repositoryNode,
      anchorKey: repositoryKey,
      ...(tag.node ? { tag: { node: tag.node, key: 'tag' } } : {}),
      ...(ownDigest ? { digest: ownDigest } : {}),
      ...(digestSlot === undefined && inheritedDigest !== undefined ? { inheritedDigest } : {}),
      doc: index,
    });
  });
}
