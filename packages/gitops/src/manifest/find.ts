import { isDigest, isTag, tryParseReference } from '@slipway/oci';
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { isKustomizationFile } from './config-file.js';
import { at, ManifestError } from './error.js';
import { lookupPolicy, markerOf } from './markers.js';
import { Anchors, type MergedMap, mergedMap } from './merge-keys.js';
import { scalarString } from './scalar.js';
import type { Lines } from './text.js';
import type { ImageSite, ScanContext, SiteKind, ValuesPath } from './types.js';
import {
  type Doc,
  documentKind,
  findPair,
  forEachMap,
  forEachValueScalar,
  keyName,
  mapAt,
  repositoryOf,
  scalarAt,
  stringAt,
} from './yaml.js';

/** A scalar that holds a tag or a digest, with the key it sits under. */
export interface Slot {
  node: Scalar;
  key: string;
  /** `hex`: a digest written without its `sha256:` prefix (the `sha` value of prometheus-community charts). */
  form?: 'hex';
}

/** A site as found in the syntax tree: the scalars to read and rewrite. */
export interface RawSite {
  kind: SiteKind;
  repository: string;
  /** Offset used to order sites (stable across edits). */
  order: number;
  /** The scalar whose line the site reports when it has no tag or digest slot. */
  anchor: Scalar;
  anchorKey: string;
  /** A full reference (`repo:tag@digest`) and the repository as spelled there. */
  full?: { node: Scalar; spelled: string };
  /**
   * A `:name` marker of a policy `--image-policy` ties to a repository: the scalar is set to that name, as
   * Flux's setter sets it to the policy's image (which may be another repository than the one written there).
   */
  name?: { node: Scalar; spelled: string };
  tag?: Slot;
  digest?: Slot;
  /**
   * A Helm map's digest that comes through a merge key and is written by the site of the map holding it (the
   * same image): this site's own tag then stays a plain tag beside it, as in a map with both.
   */
  inheritedDigest?: Scalar;
  /** A Kustomize `images` entry: its `newTag` and `digest` keys may be inserted or removed. */
  kustomize?: YAMLMap;
  /** Which document of the file holds the site. */
  doc: number;
}

export interface FindInput {
  file: string;
  text: string;
  docs: readonly Doc[];
  lines: Lines;
  targets: ReadonlySet<string>;
  context: ScanContext;
  /** The repository a values path without one refers to; `undefined` when that would be ambiguous. */
  onlyRepository: string | undefined;
}

const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** Keys of maps whose `image` entries are metadata, not images to run: `podAnnotations`, `commonLabels`, … */
const NOT_IMAGE_MAPS = /(?:annotations|labels|selector)$/i;

/** The repository part of a full reference as spelled (`nginx` in `nginx:1.0@sha256:…`). */
export function spelledRepository(value: string): string {
  const atSign = value.indexOf('@');
  const name = atSign < 0 ? value : value.slice(0, atSign);
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return colon < 0 ? name : name.slice(0, colon);
}

function start(node: Scalar): number {
  return node.range?.[0] ?? 0;
}

export function findSites(input: FindInput): RawSite[] {
  const { file, docs, lines, targets } = input;
  const sites: RawSite[] = [];
  const claimed = new Set<Scalar>();
  const aliases: { alias: Node; doc: Doc }[] = [];
  const unwritable: Unwritable[] = [];
  const inherited: InheritedSlot[] = [];
  const claim = (site: RawSite): void => {
    for (const node of [site.full?.node, site.name?.node, site.tag?.node, site.digest?.node])
      if (node) claimed.add(node);
    sites.push(site);
  };

  const fullSite = (kind: SiteKind, node: Scalar, key: string, doc: number): RawSite | undefined => {
    if (claimed.has(node) || typeof node.value !== 'string') return undefined;
    const ref = tryParseReference(node.value);
    if (ref === undefined || !targets.has(ref.repository)) return undefined;
    const spelled = spelledRepository(node.value);
    return {
      kind,
      repository: ref.repository,
      order: start(node),
      anchor: node,
      anchorKey: key,
      full: { node, spelled },
      doc,
    };
  };

  const renamedByTiedMarker = (node: Scalar): boolean => {
    const marker = markerOf(node, input.text);
    return marker?.field === 'name' && input.context.imagePolicies?.has(marker.policy) === true;
  };

  // The rules run in order and a scalar belongs to the first that claims it, so the order is the
  // classification, before the edit and when verify reads the edited text again. Kustomize entries and
  // Helm pairs come first: they are what Kustomize and charts read, whatever markers they carry (a Helm
  // pair whose repository carries a full-reference marker is none: the user says it holds a reference).
  // Then Flux markers, the user's explicit word for any other scalar, whatever its key or whether it is
  // tagged yet: were they later, an untagged marked `image:` would become an image-key site once tagged,
  // and verify would see the site change.
  docs.forEach((doc, index) => {
    // Kustomize `images:` entries (kustomization files, Kustomize and Flux Kustomization objects).
    const images = kustomizeImages(file, doc);
    for (const entry of images) {
      const name = stringAt(entry, 'name');
      const newName = stringAt(entry, 'newName');
      const repository = tryParseReference(newName ?? name ?? '')?.repository;
      if (name === undefined) continue;
      const named = scalarAt(entry, newName === undefined ? 'name' : 'newName');
      // An entry whose name a tied `:name` marker sets is the marker rule's, before the edit and after it (when
      // the name it gets would otherwise make it this rule's, and verify would see the site change kind).
      if (named !== undefined && renamedByTiedMarker(named)) continue;
      if (repository === undefined || !targets.has(repository)) continue;
      const anchor = scalarAt(entry, newName === undefined ? 'name' : 'newName');
      if (anchor === undefined) continue;
      const tag = scalarAt(entry, 'newTag');
      const digest = scalarAt(entry, 'digest');
      claim({
        kind: 'kustomize',
        repository,
        order: entry.range?.[0] ?? start(anchor),
        anchor,
        anchorKey: newName === undefined ? 'name' : 'newName',
        ...(tag ? { tag: { node: tag, key: 'newTag' } } : {}),
        ...(digest ? { digest: { node: digest, key: 'digest' } } : {}),
        kustomize: entry,
        doc: index,
      });
    }

    findHelmSites(file, input.text, lines, doc, index, targets, claimed, claim, { unwritable, inherited });
  });

  findMarkerSites(input, claimed, claim);

  docs.forEach((doc, index) => {
    const root = doc.contents;
    const docKind = documentKind(doc);

    // Workload containers, anywhere in the document.
    forEachMap(root, undefined, (map) => {
      for (const pair of map.items) {
        const key = keyName(pair.key);
        if (key === undefined || !CONTAINER_KEYS.has(key) || !isSeq(pair.value)) continue;
        for (const item of pair.value.items) {
          if (!isMap(item)) continue;
          const image = findPair(item, 'image')?.value;
          if (isAlias(image)) aliases.push({ alias: image, doc });
          if (!isScalar(image)) continue;
          const site = fullSite('container', image, 'image', index);
          if (site) claim(site);
        }
      }
    });

    // Any other scalar under a key named `image` (not in Flux ImageRepository objects, whose `spec.image`
    // names a repository to scan, nor in annotations or labels).
    if (!(docKind?.kind === 'ImageRepository' && docKind.group.startsWith('image.toolkit.fluxcd.io'))) {
      forEachMap(root, undefined, (map, parentKey) => {
        if (parentKey !== undefined && NOT_IMAGE_MAPS.test(parentKey)) return;
        const value = findPair(map, 'image')?.value;
        if (isAlias(value)) aliases.push({ alias: value, doc });
        if (!isScalar(value) || typeof value.value !== 'string') return;
        const ref = tryParseReference(value.value);
        if (ref?.tag === undefined && ref?.digest === undefined) return;
        const site = fullSite('image-key', value, 'image', index);
        if (site) claim(site);
      });
    }
  });

  findValuesPathSites(input, claimed, claim);

  for (const { map, error } of unwritable) {
    if (!map.items.some((pair) => isScalar(pair.value) && claimed.has(pair.value))) throw error;
  }
  for (const { node, repository, error } of inherited) {
    const edited = sites.some(
      (site) =>
        site.repository === repository &&
        (site.tag?.node === node || site.digest?.node === node || site.full?.node === node),
    );
    if (!edited) throw error;
  }
  for (const site of sites) {
    const digest = site.inheritedDigest;
    if (digest === undefined) continue;
    if (!sites.some((other) => other.repository === site.repository && other.digest?.node === digest))
      delete site.inheritedDigest;
  }

  // An image that is an alias is edited at its anchor, which must itself be a site.
  for (const { alias, doc } of aliases) {
    if (!isAlias(alias)) continue;
    const target = alias.resolve(doc);
    if (!isScalar(target) || typeof target.value !== 'string' || claimed.has(target)) continue;
    const ref = tryParseReference(target.value);
    if (ref !== undefined && targets.has(ref.repository)) {
      throw new ManifestError(
        `image *${alias.source} is an alias of a value Slipway does not recognise as an image`,
        {
          where: at(file, lines.line(alias.range?.[0] ?? 0)),
          fix: `write the image reference in place of *${alias.source}, or anchor it on an \`image:\` key`,
        },
      );
    }
  }

  return sites.sort((a, b) => a.order - b.order);
}

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
interface Unwritable {
  map: YAMLMap;
  error: ManifestError;
}

/**
 * A tag or digest a Helm image map inherits through a merge key: it is edited by the site of the map it is
 * written in, which must be a site of the same image, or this map would keep the old one.
 */
interface InheritedSlot {
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
function findHelmSites(
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
    const where = (node: { range?: [number, number, number] | null }): string =>
      at(file, lines.line(node.range?.[0] ?? start(repositoryNode)));
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
          `the ${key} of the Helm image ${shown} comes through a merge key from line ${lines.line(start(node))}, where it is no value of ${repository}`,
          {
            where: at(file, lines.line(written.range?.[0] ?? start(repositoryNode))),
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
      map.get(repositoryKey)?.own === false ? Number.POSITIVE_INFINITY : start(repositoryNode),
      tag.node ? start(tag.node) : Number.POSITIVE_INFINITY,
      ownDigest ? start(ownDigest.node) : Number.POSITIVE_INFINITY,
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

function kustomizeImages(file: string, doc: Doc): YAMLMap[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const kind = documentKind(doc);
  let holder: YAMLMap | undefined;
  if (kind?.kind === 'Kustomization' && kind.group.startsWith('kustomize.toolkit.fluxcd.io')) {
    holder = mapAt(root, 'spec');
  } else if (
    isKustomizationFile(file) ||
    (kind?.kind === 'Kustomization' && kind.group.startsWith('kustomize.config.k8s.io'))
  ) {
    holder = root;
  }
  const images = holder === undefined ? undefined : findPair(holder, 'images')?.value;
  if (!isSeq(images)) return [];
  return images.items.filter((item): item is YAMLMap => isMap(item));
}

interface LooseSlot {
  role: 'tag' | 'digest';
  node: Scalar;
  key: string;
  parent: unknown;
  doc: number;
}

/** Groups tag and digest scalars sharing a parent and a repository into one site. */
function groupSlots(
  kind: SiteKind,
  slots: readonly (LooseSlot & { repository: string })[],
  claimed: ReadonlySet<Scalar>,
  claim: (site: RawSite) => void,
): void {
  const groups = new Map<unknown, Map<string, (LooseSlot & { repository: string })[]>>();
  for (const slot of slots) {
    if (claimed.has(slot.node)) continue;
    const byRepository = groups.get(slot.parent) ?? new Map<string, (LooseSlot & { repository: string })[]>();
    groups.set(slot.parent, byRepository);
    const list = byRepository.get(slot.repository) ?? [];
    byRepository.set(slot.repository, list);
    list.push(slot);
  }
  for (const byRepository of groups.values()) {
    for (const [repository, list] of byRepository) {
      const tags = list.filter((slot) => slot.role === 'tag');
      const digests = list.filter((slot) => slot.role === 'digest');
      // Pair tags and digests one to one; extra slots become sites of their own.
      const count = Math.max(tags.length, digests.length);
      for (let i = 0; i < count; i++) {
        const tag = tags[i];
        const digest = digests[i];
        const anchor = tag ?? digest;
        if (anchor === undefined) continue;
        claim({
          kind,
          repository,
          order: Math.min(start(anchor.node), digest ? start(digest.node) : Number.POSITIVE_INFINITY),
          anchor: anchor.node,
          anchorKey: anchor.key,
          ...(tag ? { tag: { node: tag.node, key: tag.key } } : {}),
          ...(digest ? { digest: { node: digest.node, key: digest.key } } : {}),
          doc: anchor.doc,
        });
      }
    }
  }
}

function findMarkerSites(input: FindInput, claimed: Set<Scalar>, claim: (site: RawSite) => void): void {
  const { text, docs, targets, context } = input;
  const policyImages = new Map<string, string>();
  const given = context.imagePolicies ?? new Map<string, string>();
  const full: { node: Scalar; key: string; doc: number }[] = [];
  const tiedMarkers: { node: Scalar; key: string; doc: number; field: 'full' | 'name'; tied: string }[] = [];
  const loose: (LooseSlot & { policy: string })[] = [];
  docs.forEach((doc, index) => {
    forEachValueScalar(doc.contents, ({ node, parent, key }) => {
      const marker = markerOf(node, text);
      if (marker === undefined) return;
      const value = typeof node.value === 'string' ? node.value : undefined;
      if (marker.field === 'full' || marker.field === 'name') {
        const repository =
          value === undefined
            ? undefined
            : marker.field === 'full'
              ? tryParseReference(value)?.repository
              : repositoryOf(value);
        const tied = given.get(marker.policy);
        if (tied !== undefined) {
          // The user's word (--image-policy) names the policy's image, as Flux's ImagePolicy does: the marked
          // value becomes that image, even where it names another repository today.
          if (targets.has(tied))
            tiedMarkers.push({ node, key: key ?? marker.field, doc: index, field: marker.field, tied });
          return;
        }
        if (repository !== undefined && !policyImages.has(marker.policy))
          policyImages.set(marker.policy, repository);
        if (marker.field === 'full') full.push({ node, key: key ?? 'image', doc: index });
      } else {
        loose.push({
          role: marker.field,
          node,
          key: key ?? marker.field,
          parent,
          doc: index,
          policy: marker.policy,
        });
      }
    });
  });
  for (const { node, key, doc } of full) {
    if (claimed.has(node) || typeof node.value !== 'string') continue;
    const ref = tryParseReference(node.value);
    if (ref === undefined || !targets.has(ref.repository)) continue;
    claim({
      kind: 'marker',
      repository: ref.repository,
      order: start(node),
      anchor: node,
      anchorKey: key,
      full: { node, spelled: spelledRepository(node.value) },
      doc,
    });
  }
  for (const { node, key, doc, field, tied } of tiedMarkers) {
    if (claimed.has(node)) continue;
    const value = scalarString(node, text) ?? '';
    // Keep the spelling of the name written there when it already is the tied repository (`nginx`).
    const written = field === 'full' ? tryParseReference(value) : undefined;
    const spelled =
      field === 'full'
        ? written?.repository === tied
          ? spelledRepository(value)
          : tied
        : repositoryOf(value) === tied
          ? value
          : tied;
    claim({
      kind: 'marker',
      repository: tied,
      order: start(node),
      anchor: node,
      anchorKey: key,
      ...(field === 'full' ? { full: { node, spelled } } : { name: { node, spelled } }),
      doc,
    });
  }
  const resolved: (LooseSlot & { repository: string })[] = [];
  for (const slot of loose) {
    const repository =
      given.get(slot.policy) ??
      policyImages.get(slot.policy) ??
      lookupPolicy(context.markerImages, slot.policy);
    if (repository !== undefined && targets.has(repository)) resolved.push({ ...slot, repository });
  }
  groupSlots('marker', resolved, claimed, claim);
}

function appliesTo(path: ValuesPath, file: string): boolean {
  if (path.file === undefined) return true;
  const normalise = (name: string): string => name.replace(/^\.\//, '').replace(/\\/g, '/');
  return normalise(path.file) === normalise(file);
}

function roleOf(key: string): 'tag' | 'digest' | 'full' {
  if (key === 'tag' || /Tag$/.test(key)) return 'tag';
  if (key === 'digest' || /Digest$/.test(key)) return 'digest';
  return 'full';
}

function findValuesPathSites(input: FindInput, claimed: Set<Scalar>, claim: (site: RawSite) => void): void {
  const { file, text, docs, lines, targets, context, onlyRepository } = input;
  const loose: (LooseSlot & { repository: string })[] = [];
  for (const valuesPath of context.valuesPaths) {
    if (!appliesTo(valuesPath, file)) continue;
    const named = valuesPath.file !== undefined;
    const shown = valuesPath.path.join('.');
    const repository = valuesPath.repository ?? onlyRepository;
    if (repository === undefined) {
      throw new ManifestError(
        `values path ${shown} names no repository, and more than one image is promoted`,
        {
          where: at(file, 1),
          fix: 'say which repository the values path belongs to',
        },
      );
    }
    if (!targets.has(repository)) continue;
    const key = valuesPath.path.at(-1);
    if (key === undefined) continue;
    let found = false;
    docs.forEach((doc, index) => {
      let node: unknown = doc.contents;
      let parent: unknown;
      for (const segment of valuesPath.path) {
        if (isMap(node)) {
          parent = node;
          node = findPair(node, segment)?.value;
        } else if (isSeq(node) && /^\d+$/.test(segment)) {
          parent = node;
          node = node.items[Number(segment)];
        } else {
          node = undefined;
        }
        if (node === undefined || node === null) return;
      }
      if (parent === undefined) return;
      found = true;
      const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
      if (!isScalar(node) || node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
        if (!named) return;
        throw new ManifestError(`values path ${shown} is not a single-line scalar`, {
          where: at(file, lines.line(offset)),
          fix: 'name the path of the tag, digest or image reference value itself',
        });
      }
      let role = roleOf(key);
      const value = scalarString(node, text);
      const ref = value === undefined ? undefined : tryParseReference(value);
      // A path the user named on purpose may hold the version under any key (`version: "1.0.0"`).
      if (role === 'full' && value !== undefined && ref?.repository !== repository) {
        if (isDigest(value)) role = 'digest';
        else if (isTag(value)) role = 'tag';
      }
      if (role === 'full') {
        if (value === undefined || ref?.repository !== repository) {
          if (!named) return;
          throw new ManifestError(
            `values path ${shown} holds "${value ?? ''}", not a reference to ${repository}`,
            {
              where: at(file, lines.line(offset)),
              fix: 'name a path that holds a tag, a digest or the full image reference',
            },
          );
        }
        if (claimed.has(node)) return;
        claim({
          kind: 'values-path',
          repository,
          order: offset,
          anchor: node,
          anchorKey: key,
          full: { node, spelled: spelledRepository(value) },
          doc: index,
        });
      } else {
        loose.push({ role, node, key, parent, doc: index, repository });
      }
    });
    if (!found && named) {
      throw new ManifestError(`values path ${shown} does not exist`, {
        where: at(file, 1),
        fix: `check the path; keys are separated by "." and numbers index lists`,
      });
    }
  }
  groupSlots('values-path', loose, claimed, claim);
}

/** What a site pins now, from its scalars. */
export function readSite(site: RawSite, text: string): { tag?: string; digest?: string } {
  if (site.full) {
    const value = scalarString(site.full.node, text) ?? '';
    const ref = tryParseReference(value);
    return { ...(ref?.tag ? { tag: ref.tag } : {}), ...(ref?.digest ? { digest: ref.digest } : {}) };
  }
  return readSlots(
    site.tag ? scalarString(site.tag.node, text) : undefined,
    site.digest ? slotDigest(site.digest, text) : undefined,
  );
}

/** The digest a digest slot holds, with the `sha256:` a hex slot leaves out. */
function slotDigest(slot: Slot, text: string): string | undefined {
  const value = scalarString(slot.node, text);
  return slot.form === 'hex' && value !== undefined && value !== '' ? `sha256:${value}` : value;
}

/** A tag slot may carry `tag@digest` (charts render `repo:tag`); a digest slot wins over it. */
export function readSlots(
  tag: string | undefined,
  digest: string | undefined,
): { tag?: string; digest?: string } {
  let tagPart = tag === '' ? undefined : tag;
  let digestPart: string | undefined;
  if (tagPart?.includes('@')) {
    const atSign = tagPart.indexOf('@');
    digestPart = tagPart.slice(atSign + 1) || undefined;
    tagPart = tagPart.slice(0, atSign) || undefined;
  }
  if (digest !== undefined && digest !== '') digestPart = digest;
  return { ...(tagPart ? { tag: tagPart } : {}), ...(digestPart ? { digest: digestPart } : {}) };
}

/** How a person reads the site: the reference, or `key: value` of its tag and digest. */
export function siteText(site: RawSite, text: string): string {
  if (site.full) return scalarString(site.full.node, text) ?? '';
  const parts: string[] = [];
  for (const slot of [site.tag, site.digest]) {
    if (slot) parts.push(`${slot.key}: ${scalarString(slot.node, text) ?? ''}`);
  }
  if (parts.length === 0) parts.push(`${site.anchorKey}: ${scalarString(site.anchor, text) ?? ''}`);
  return parts.join(', ');
}

export function toImageSite(file: string, site: RawSite, text: string, lines: Lines): ImageSite {
  const line = lines.line(start(site.full?.node ?? site.tag?.node ?? site.digest?.node ?? site.anchor));
  const current = readSite(site, text);
  return {
    file,
    line,
    repository: site.repository,
    kind: site.kind,
    ...current,
    text: siteText(site, text),
  };
}
