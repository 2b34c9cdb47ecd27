import type { FileLocation } from '@slipway/errors';
import { formatReference } from '@slipway/oci';
import { isAlias, isMap, isPair, isScalar, isSeq, type Pair, Scalar, type YAMLMap } from 'yaml';
import { isJsonFile } from './config-file.js';
import { at, ManifestError } from './error.js';
import { findSites } from './find.js';
import { type RawSite, readSite, readSlots, type Slot, siteText, toImageSite } from './raw-site.js';
import {
  applySplices,
  formatNewScalar,
  plainIsSafe,
  replaceScalar,
  type Splice,
  scalarString,
} from './scalar.js';
import { eolAt, type Lines, lineEnd } from './text.js';
import {
  type Change,
  type DesiredImage,
  type FileEdit,
  type ImageSite,
  type Pin,
  type ScanContext,
  siteKey,
} from './types.js';
import { type Doc, findPair, keyName, loadFile } from './yaml.js';

interface Pinned {
  tag?: string;
  digest?: string;
}

interface Plan {
  splices: Splice[];
  /** What the site must read after the edit. */
  expected: Pinned;
}

/**
 * Rewrites every site of `images` in one file to the desired tag and/or digest, splicing only the changed
 * scalars (and, for Kustomize entries, inserting or removing `newTag` / `digest` keys).
 */
export function editFile(
  file: string,
  text: string,
  images: readonly DesiredImage[],
  pin: Pin,
  context: ScanContext,
): FileEdit {
  const desired = new Map<string, DesiredImage>();
  for (const image of images) {
    if (desired.has(image.repository)) {
      throw new ManifestError(`${image.repository} is requested twice`, {
        where: at(file, 1),
        fix: 'promote each repository once',
      });
    }
    desired.set(image.repository, image);
  }
  const targets = new Set(desired.keys());
  const loaded = loadFile(file, text, targets);
  if (loaded.kind === 'skipped') return loaded;
  const { docs, lines } = loaded;
  const onlyRepository = images.length === 1 ? images[0]?.repository : undefined;
  const input = { file, text, docs, lines, targets, context, onlyRepository };
  const found = findSites(input);
  const foundSites = found.map((site) => toImageSite(file, site, text, lines));
  const keep = foundSites.map(
    (site) => !(isPlaceholder(site) && context.placeholders?.has(site.repository) === true),
  );
  const raw = found.filter((_, index) => keep[index]);
  const sites = foundSites
    .filter((_, index) => keep[index])
    .map((site) => {
      const shadowedBy = context.shadowed?.get(siteKey(site));
      return shadowedBy === undefined ? site : { ...site, shadowedBy };
    });

  const plans = raw.map((site, index): Plan => {
    const image = desired.get(site.repository);
    const line = sites[index]?.line ?? 1;
    if (image === undefined) throw cannotEdit(file, line, `${site.repository} was found but not asked for`);
    // Overridden in every render: what it holds does not run, so it stays as it is.
    if (sites[index]?.shadowedBy !== undefined) return { splices: [], expected: readSite(site, text) };
    return planSite(site, image, pin, text, file, lines, line);
  });
  const splices = plans.flatMap((plan) => plan.splices);
  if (splices.length === 0) return { kind: 'edited', sites, changes: [], text };

  const edited = applySplices(text, splices, file, lines);
  const after = verify(file, edited, docs, raw, plans, input);
  const changes: Change[] = [];
  raw.forEach((site, index) => {
    const plan = plans[index];
    const now = after[index];
    const before = sites[index];
    if (plan === undefined || now === undefined || before === undefined || plan.splices.length === 0) return;
    changes.push({
      file,
      line: before.line,
      repository: site.repository,
      before: before.text,
      after: siteText(now, edited),
    });
  });
  return { kind: 'edited', sites, changes, text: edited };
}

/**
 * An untagged, undigested container image (`image: registry.example.com/shop/cart`): in a Kustomize base or
 * a chart it is the name the real setter (an `images:` entry, values) substitutes, not a pin of its own.
 */
export function isPlaceholder(site: ImageSite): boolean {
  return (
    (site.kind === 'container' || site.kind === 'image-key') &&
    site.tag === undefined &&
    site.digest === undefined
  );
}

/**
 * Whether a scalar already holds `value` as a string. Plain `tag: 1.10` holds the number 1.1 and `tag: null`
 * holds nothing (and plain `yes` is a boolean to YAML 1.1), so promoting such values rewrites them quoted.
 */
function holds(node: Scalar, value: string): boolean {
  if (typeof node.value !== 'string' || node.value !== value) return false;
  // Plain `yes` is a string to YAML 1.2 but a boolean to Kubernetes' YAML 1.1: rewrite it quoted.
  return node.type !== Scalar.PLAIN || plainIsSafe(value);
}

function wanted(pin: Pin, image: DesiredImage, where: FileLocation): Pinned {
  const { tag, digest } = image;
  if (pin === 'tag') {
    if (tag === undefined) {
      throw new ManifestError(`cannot pin ${image.repository} by tag: the image to promote has no tag`, {
        where,
        fix: 'promote a tagged image, or pin by digest',
      });
    }
    return { tag };
  }
  if (pin === 'digest') {
    if (digest === undefined) {
      throw new ManifestError(
        `cannot pin ${image.repository} by digest: the image to promote has no digest`,
        {
          where,
          fix: 'resolve the digest first, or pin by tag',
        },
      );
    }
    return { digest };
  }
  if (tag === undefined && digest === undefined) {
    throw new ManifestError(`the image to promote for ${image.repository} has neither tag nor digest`, {
      where,
    });
  }
  return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function planSite(
  site: RawSite,
  image: DesiredImage,
  pin: Pin,
  text: string,
  file: string,
  lines: Lines,
  line: number,
): Plan {
  const where = at(file, line);
  const want = wanted(pin, image, where);
  const splices: Splice[] = [];
  const set = (node: Scalar, value: string): void => {
    if (holds(node, value) || (node.value === null && value === '')) return;
    splices.push(replaceScalar(node, value, text, file, lines, isJsonFile(file)));
  };

  if (site.name) {
    set(site.name.node, site.name.spelled);
    return { splices, expected: {} };
  }
  if (site.full) {
    set(site.full.node, formatReference(site.full.spelled, want.tag, want.digest));
    return { splices, expected: want };
  }
  if (site.kustomize) {
    return { splices: planKustomize(site, site.kustomize, want, text, file, lines, where), expected: want };
  }
  if (site.tag && site.digest) {
    // Charts render the tag even when a digest is set, so it stays truthful under every pin.
    const tag = image.tag ?? scalarString(site.tag.node, text) ?? '';
    const digest = want.digest ?? '';
    set(site.tag.node, tag);
    set(site.digest.node, slotValue(site.digest, digest, where));
    return { splices, expected: readSlots(tag, digest) };
  }
  if (site.tag && site.inheritedDigest) {
    // The digest this map inherits is written at the site that holds it; the tag stays truthful beside it.
    const tag = image.tag ?? scalarString(site.tag.node, text) ?? '';
    set(site.tag.node, tag);
    return { splices, expected: readSlots(tag, undefined) };
  }
  if (site.tag) {
    if (want.tag === undefined) {
      throw new ManifestError(
        `${site.tag.key} can hold a tag only, but ${image.repository} is pinned by digest alone`,
        {
          where,
          fix: 'add a digest key next to it (or a ":digest" marker), or pin by tag or tag+digest',
        },
      );
    }
    // Without a digest key, the digest travels in a Helm tag: charts render `repo:1.4.2@sha256:…`. A `:tag`
    // marker says, as Flux's setter does, that the value is a tag and nothing else (a label, a version
    // string): it gets the tag; the digest goes where a `:digest` marker is.
    const value = site.kind === 'marker' ? want.tag : formatReference('', want.tag, want.digest).slice(1);
    set(site.tag.node, value);
    return { splices, expected: readSlots(value, undefined) };
  }
  if (site.digest) {
    if (want.digest === undefined) {
      throw new ManifestError(
        `${site.digest.key} can hold a digest only, but ${image.repository} is pinned by tag`,
        {
          where,
          fix: 'pin by digest or tag+digest, or name the tag value too',
        },
      );
    }
    set(site.digest.node, slotValue(site.digest, want.digest, where));
    return { splices, expected: { digest: want.digest } };
  }
  throw cannotEdit(file, line, `the ${site.kind} reference to ${site.repository} has no value to set`);
}

/** What a digest slot is written: a `sha` slot holds the bare sha256 hex its chart prefixes itself. */
function slotValue(slot: Slot, digest: string, where: FileLocation): string {
  if (slot.form !== 'hex' || digest === '') return digest;
  if (!digest.startsWith('sha256:')) {
    throw new ManifestError(`${slot.key} holds a sha256 hex digest, but the image's digest is ${digest}`, {
      where,
      fix: 'promote the image by its sha256 digest, or use a chart value that takes the full digest',
    });
  }
  return digest.slice('sha256:'.length);
}

/**
 * A Kustomize entry gets exactly the wanted keys: `newTag` and `digest` are set, inserted when missing,
 * and removed when the pin does not want them (a left-over `digest` would keep the old image).
 */
function planKustomize(
  site: RawSite,
  entry: YAMLMap,
  want: Pinned,
  text: string,
  file: string,
  lines: Lines,
  where: FileLocation,
): Splice[] {
  const splices: Splice[] = [];
  const json = isJsonFile(file);
  const removed = new Set<Pair>();
  const inserts: [string, string][] = [];
  for (const [key, value] of [
    ['newTag', want.tag],
    ['digest', want.digest],
  ] as const) {
    const pair = findPair(entry, key);
    if (pair !== undefined && !isScalar(pair.value) && pair.value !== null) {
      throw new ManifestError(`the Kustomize image entry's ${key} is not a plain value`, {
        where,
        fix: `write ${key} as a plain value`,
      });
    }
    const node = pair !== undefined && isScalar(pair.value) ? pair.value : undefined;
    if (value === undefined) {
      if (pair !== undefined) removed.add(pair);
    } else if (node !== undefined) {
      if (!holds(node, value)) splices.push(replaceScalar(node, value, text, file, lines, json));
    } else if (pair !== undefined) {
      throw new ManifestError(`the Kustomize image entry's ${key} has no value`, {
        where,
        fix: `remove ${key}:`,
      });
    } else {
      inserts.push([key, value]);
    }
  }
  // A `tagSuffix` goes: kustomize 5.5 ignores it beside newTag or digest, others append it, and alone it is
  // appended to whatever tag the image had (twice, in 5.5). The entry then renders the promoted image only.
  const suffix = findPair(entry, 'tagSuffix');
  if (suffix !== undefined) removed.add(suffix);
  const pairs = entry.items.filter((item): item is Pair => isPair(item));
  for (const run of removedRuns(pairs, removed)) {
    splices.push(removePairs(entry, pairs, run, text, lines, where));
  }
  if (inserts.length > 0) {
    const kept = pairs.filter((pair) => !removed.has(pair));
    const last = kept.at(-1);
    const first = pairs[0];
    if (last === undefined || first === undefined) {
      throw cannotEdit(
        file,
        lines.line(site.anchor.range?.[0] ?? 0),
        'the Kustomize image entry has no keys',
      );
    }
    const style = site.anchor.type;
    const render = (value: string): string =>
      json || style === Scalar.QUOTE_DOUBLE
        ? JSON.stringify(value)
        : style === Scalar.QUOTE_SINGLE
          ? `'${value}'`
          : formatNewScalar(value);
    const end = endOf(last);
    if (entry.flow) {
      const flow = flowStyle(entry, pairs, text, json);
      splices.push({
        start: end,
        end,
        text: inserts
          .map(([key, value]) => `${flow.separator}${flow.key(key)}${flow.colon}${render(value)}`)
          .join(''),
      });
    } else {
      const keyStart = startOf(first);
      const indent = ' '.repeat(keyStart - lines.lineStart(keyStart));
      const position = lineEnd(text, end);
      const eol = eolAt(text, position);
      const added = inserts.map(([key, value]) => `${eol}${indent}${key}: ${render(value)}`).join('');
      splices.push({ start: position, end: position, text: added });
    }
  }
  return splices;
}

/**
 * How a flow map (`{name: x}`, or JSON) writes its entries, so an inserted key looks like its neighbours:
 * the separator between entries (`, ` or a line break and indentation), the colon with its spacing, and
 * whether keys are quoted (always in a JSON file).
 */
function flowStyle(
  entry: YAMLMap,
  pairs: readonly Pair[],
  text: string,
  json: boolean,
): { separator: string; colon: string; key: (name: string) => string } {
  const [first, second] = pairs;
  const open = entry.range?.[0] ?? 0;
  let separator = ', ';
  if (first !== undefined && second !== undefined) {
    const between = text.slice(endOf(first), startOf(second));
    if (/^[ \t]*,\s*$/.test(between)) separator = between;
  } else if (first !== undefined) {
    const lead = text.slice(open + 1, startOf(first));
    if (/^\s*$/.test(lead) && lead.includes('\n')) separator = `,${lead}`;
  }
  let colon = ': ';
  const firstKey = first?.key as { range?: [number, number, number] } | null | undefined;
  const firstValue = first?.value as { range?: [number, number, number] } | null | undefined;
  if (firstKey?.range !== undefined && firstValue?.range !== undefined) {
    const written = text.slice(firstKey.range[1], firstValue.range[0]);
    if (/^[ \t]*:[ \t]*$/.test(written)) colon = written;
  }
  const quoted = json || (isScalar(first?.key) && first.key.type === Scalar.QUOTE_DOUBLE);
  return { separator, colon, key: (name) => (quoted ? JSON.stringify(name) : name) };
}

function startOf(pair: Pair): number {
  return (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
}

function endOf(pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  const key = pair.key as { range?: [number, number, number] } | null;
  return value?.range?.[1] ?? key?.range?.[1] ?? 0;
}

/** Indices `[first, last]` of each run of adjacent removed pairs: a run is taken out in one splice. */
function removedRuns(pairs: readonly Pair[], removed: ReadonlySet<Pair>): [number, number][] {
  const runs: [number, number][] = [];
  pairs.forEach((pair, index) => {
    if (!removed.has(pair)) return;
    const last = runs.at(-1);
    if (last !== undefined && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}

function removePairs(
  entry: YAMLMap,
  pairs: readonly Pair[],
  [first, last]: [number, number],
  text: string,
  lines: Lines,
  where: FileLocation,
): Splice {
  const firstPair = pairs[first];
  const lastPair = pairs[last];
  const next = pairs[last + 1];
  const previous = pairs[first - 1];
  if (firstPair === undefined || lastPair === undefined) {
    throw new ManifestError('cannot remove a key of a Kustomize image entry; nothing was written', { where });
  }
  if (previous === undefined) {
    // From the first key of the entry (maybe right after `- `): the next kept key moves into its place.
    if (next === undefined) {
      throw new ManifestError('cannot remove every key of a Kustomize image entry', {
        where,
        fix: 'give the entry a name',
      });
    }
    return { start: startOf(firstPair), end: startOf(next), text: '' };
  }
  if (entry.flow) return { start: endOf(previous), end: endOf(lastPair), text: '' };
  const keyStart = startOf(firstPair);
  const lineStart = lines.lineStart(keyStart);
  const sharesLine = pairs
    .slice(first, last + 1)
    .some((pair) => text.slice(lines.lineStart(startOf(pair)), startOf(pair)).trim() !== '');
  if (sharesLine) {
    throw new ManifestError('cannot remove a Kustomize image key that shares its line with another', {
      where,
      fix: 'put each key of the image entry on its own line',
    });
  }
  const newline = text.indexOf('\n', endOf(lastPair));
  if (newline >= 0) return { start: lineStart, end: newline + 1, text: '' };
  // Last line of a file without a final newline: take the line break before it instead.
  const breakBefore = lineStart >= 2 && text.startsWith('\r\n', lineStart - 2) ? 2 : 1;
  return { start: Math.max(0, lineStart - breakBefore), end: text.length, text: '' };
}

/** Keys of a Kustomize `images:` entry that an edit may insert or remove. */
const EDITED_IMAGE_KEYS = new Set(['newTag', 'digest', 'tagSuffix']);

/** The shape of a document (keys, nesting), ignoring values and Kustomize image keys edits add or remove. */
function shape(node: unknown, parentKey: string | undefined): string {
  if (isMap(node)) {
    const keys = node.items
      .filter((pair) => !(parentKey === 'images' && EDITED_IMAGE_KEYS.has(keyName(pair.key) ?? '')))
      .map((pair) => `${keyName(pair.key) ?? '?'}:${shape(pair.value, keyName(pair.key))}`);
    return `{${keys.join(',')}}`;
  }
  if (isSeq(node)) return `[${node.items.map((item) => shape(item, parentKey)).join(',')}]`;
  if (isAlias(node)) return `*${node.source}`;
  if (isScalar(node)) return 's';
  if (isPair(node)) return `(${shape(node.value, keyName(node.key))})`;
  return node === null || node === undefined ? '-' : '?';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Re-reads the edited text: same documents and shape, and every site reads what was planned. It is a safety
 * net: when it trips, the file is one Slipway cannot edit safely, and the user is told where; nothing is
 * written.
 */
function verify(
  file: string,
  edited: string,
  docs: readonly Doc[],
  raw: readonly RawSite[],
  plans: readonly Plan[],
  input: Parameters<typeof findSites>[0],
): RawSite[] {
  const fail = (site: RawSite | undefined, why: string): never => {
    const line = input.lines.line(site === undefined ? 0 : siteStart(site));
    throw cannotEdit(file, line, why);
  };
  let loaded: ReturnType<typeof loadFile>;
  try {
    loaded = loadFile(file, edited, []);
  } catch (error) {
    return fail(
      raw[0],
      `the edited file would not parse (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (loaded.kind === 'skipped') return fail(raw[0], `the edited file would be ${loaded.reason}`);
  if (loaded.docs.length !== docs.length) fail(raw[0], 'the number of YAML documents would change');
  if (isJsonFile(file) && parsesAsJson(input.text) && !parsesAsJson(edited))
    fail(raw[0], 'the edited file would no longer be JSON');
  loaded.docs.forEach((doc, index) => {
    const before = docs[index];
    if (before === undefined || shape(doc.contents, undefined) !== shape(before.contents, undefined)) {
      fail(raw.find((site) => site.doc === index) ?? raw[0], `document ${index + 1} would change shape`);
    }
  });
  let again: RawSite[];
  try {
    again = findSites({ ...input, text: edited, docs: loaded.docs, lines: loaded.lines });
  } catch (error) {
    return fail(
      raw[0],
      `the edited file would not read back (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (again.length !== raw.length) {
    fail(raw[0], `its ${raw.length} image references would read back as ${again.length}`);
  }
  again.forEach((site, index) => {
    const old = raw[index];
    const plan = plans[index];
    if (old === undefined || plan === undefined) return;
    if (site.kind !== old.kind || site.repository !== old.repository) {
      fail(
        old,
        `the ${old.kind} reference to ${old.repository} would read back as a ${site.kind} one to ${site.repository}`,
      );
    }
    const now = readSite(site, edited);
    if (now.tag !== plan.expected.tag || now.digest !== plan.expected.digest) {
      fail(old, `${site.repository} would read ${JSON.stringify(now)}, not ${JSON.stringify(plan.expected)}`);
    }
  });
  return again;
}

function siteStart(site: RawSite): number {
  return (site.full?.node ?? site.tag?.node ?? site.digest?.node ?? site.anchor).range?.[0] ?? 0;
}

/** An edit Slipway refuses because it cannot make it safely: where, why, and what the user can do. */
function cannotEdit(file: string, line: number, why: string): ManifestError {
  return new ManifestError(`cannot edit ${file} safely: ${why}; nothing was written`, {
    where: at(file, line),
    fix: 'edit this reference by hand, or write it in a form the docs list (docs/config-repo.md), and report the file to the Slipway maintainers',
  });
}
