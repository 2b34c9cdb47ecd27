// Flux `$imagepolicy` setter markers, on any scalar, and the policies `--image-policy` ties to images.
import { tryParseReference } from '@slipway/oci';
import type { Scalar } from 'yaml';
import { lookupPolicy, markerOf } from './markers.js';
import {
  type FindInput,
  groupSlots,
  type LooseSlot,
  type RawSite,
  scalarStart,
  spelledRepository,
} from './raw-site.js';
import { scalarString } from './scalar.js';
import { forEachValueScalar, repositoryOf } from './yaml.js';

export function findMarkerSites(
  input: FindInput,
  claimed: Set<Scalar>,
  claim: (site: RawSite) => void,
): void {
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
      order: scalarStart(node),
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
      order: scalarStart(node),
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
