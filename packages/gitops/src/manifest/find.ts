// Finding the sites of images in one file: the rules run in order, and a scalar belongs to the first
// that claims it.
import { tryParseReference } from '@slipway/oci';
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { isKustomizationFile } from './config-file.js';
import { at, ManifestError } from './error.js';
import { findHelmSites, type InheritedSlot, type Unwritable } from './find-helm.js';
import { findMarkerSites } from './find-markers.js';
import { findValuesPathSites } from './find-values-paths.js';
import { markerOf } from './markers.js';
import { type FindInput, type RawSite, scalarStart, spelledRepository } from './raw-site.js';
import type { SiteKind } from './types.js';
import { type Doc, documentKind, findPair, forEachMap, keyName, mapAt, scalarAt, stringAt } from './yaml.js';

const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** Keys of maps whose `image` entries are metadata, not images to run: `podAnnotations`, `commonLabels`, … */
const NOT_IMAGE_MAPS = /(?:annotations|labels|selector)$/i;

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
      order: scalarStart(node),
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
        order: entry.range?.[0] ?? scalarStart(anchor),
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
