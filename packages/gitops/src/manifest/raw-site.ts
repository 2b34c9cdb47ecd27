// How a found site is held (the scalars to read and rewrite) and read back: shared by every finding rule and
// by the edit.
import { tryParseReference } from '@slipway/oci';
import type { Scalar, YAMLMap } from 'yaml';
import { scalarString } from './scalar.js';
import type { Lines } from './text.js';
import type { ImageSite, ScanContext, SiteKind } from './types.js';
import type { Doc } from './yaml.js';

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
/** The repository part of a full reference as spelled (`nginx` in `nginx:1.0@sha256:…`). */
export function spelledRepository(value: string): string {
  const atSign = value.indexOf('@');
  const name = atSign < 0 ? value : value.slice(0, atSign);
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return colon < 0 ? name : name.slice(0, colon);
}

/** Where a scalar starts: sites are ordered by it. */
export function scalarStart(node: Scalar): number {
  return node.range?.[0] ?? 0;
}

export interface LooseSlot {
  role: 'tag' | 'digest';
  node: Scalar;
  key: string;
  parent: unknown;
  doc: number;
}

/** Groups tag and digest scalars sharing a parent and a repository into one site. */
export function groupSlots(
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
          order: Math.min(
            scalarStart(anchor.node),
            digest ? scalarStart(digest.node) : Number.POSITIVE_INFINITY,
          ),
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
  const line = lines.line(scalarStart(site.full?.node ?? site.tag?.node ?? site.digest?.node ?? site.anchor));
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
