import { parseConfigYamlAll } from '@slipway/config-yaml';
import { tryParseReference } from '@slipway/oci';
import { type Document, isMap, isPair, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { isConfigFile } from './config-file.js';
import { at, ManifestError } from './error.js';
import { Lines } from './text.js';

export type Doc = Document.Parsed;

/** A file's documents, or why it is not looked at. */
export type Loaded = { kind: 'skipped'; reason: string } | { kind: 'loaded'; docs: Doc[]; lines: Lines };

/**
 * Parses a file for scanning or editing. Files that are neither YAML nor JSON, and Go templates, are skipped; a file that does not
 * parse is an error when it mentions one of `repositories`, else skipped.
 */
export function loadFile(file: string, text: string, repositories: Iterable<string>): Loaded {
  if (!isConfigFile(file)) return { kind: 'skipped', reason: 'not a YAML or JSON file' };
  const template = text.includes('{{');
  if (template && /(?:^|\/)templates\//.test(file)) {
    return { kind: 'skipped', reason: 'a Go template (under a templates/ directory)' };
  }
  const { docs: list, lines } = parsed(file, text);
  const error = list.flatMap((doc) => doc.errors)[0];
  if (error !== undefined) {
    if (template)
      return { kind: 'skipped', reason: 'a Go template (does not parse as YAML and contains "{{")' };
    const mentioned = mentionedRepository(text, repositories);
    const line = lines.line(error.pos[0]);
    if (mentioned === undefined) {
      return {
        kind: 'skipped',
        reason: `does not parse as YAML (line ${line}) and mentions no image to promote`,
      };
    }
    throw new ManifestError(
      `does not parse as YAML, but mentions ${mentioned}: ${firstLine(error.message)}`,
      {
        where: at(file, line),
        fix: 'fix the YAML syntax so Slipway can edit the image reference safely',
        cause: error,
      },
    );
  }
  return { kind: 'loaded', docs: list, lines };
}

/**
 * Parses are kept for the next caller with the same bytes: one promotion parses a file several times (the
 * scan, the edit, the edit again without placeholders or shadowed sites, the check of the edited text), and
 * a retry after a stale push plans again over files that mostly did not change. The documents are only read
 * by every caller (edits are splices of the text), so sharing them is safe. Bounded by the text kept.
 */
const PARSE_MEMO_CHARS = 32 * 1024 * 1024;
const parseMemo = new Map<string, { docs: Doc[]; lines: Lines }>();
let parseMemoChars = 0;

function parsed(file: string, text: string): { docs: Doc[]; lines: Lines } {
  const key = `${file}\0${text}`;
  const known = parseMemo.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is dropped first.
    parseMemo.delete(key);
    parseMemo.set(key, known);
    return known;
  }
  // Bounded (flow nesting; aliases are never expanded here): a file nested too deep is refused by name.
  const docs: Doc[] = parseConfigYamlAll(file, text, { keepSourceTokens: true });
  const entry = { docs, lines: new Lines(text) };
  if (key.length <= PARSE_MEMO_CHARS / 4) {
    parseMemo.set(key, entry);
    parseMemoChars += key.length;
    for (const [oldest] of parseMemo) {
      if (parseMemoChars <= PARSE_MEMO_CHARS) break;
      parseMemo.delete(oldest);
      parseMemoChars -= oldest.length;
    }
  }
  return entry;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The last path component of a normalised repository: `cart` for `ghcr.io/shop/cart`. */
export function lastComponent(repository: string): string {
  const slash = repository.lastIndexOf('/');
  return repository.slice(slash + 1);
}

/** The first of `repositories` whose last path component appears in `text` as a whole name, if any. */
export function mentionedRepository(text: string, repositories: Iterable<string>): string | undefined {
  const lower = text.toLowerCase();
  for (const repository of repositories) {
    const name = lastComponent(repository).toLowerCase();
    for (let i = lower.indexOf(name); i >= 0; i = lower.indexOf(name, i + 1)) {
      const before = lower[i - 1];
      const after = lower[i + name.length];
      const nameChar = /[a-z0-9_-]/;
      if (
        (before === undefined || !nameChar.test(before)) &&
        (after === undefined || !nameChar.test(after))
      ) {
        return repository;
      }
    }
  }
  return undefined;
}

/** A mapping key as a string, when it is a plain string or number scalar. */
export function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  if (typeof key.value === 'number') return String(key.value);
  return undefined;
}

export function findPair(map: YAMLMap, name: string): Pair | undefined {
  for (const item of map.items) {
    if (keyName(item.key) === name) return item as Pair;
  }
  return undefined;
}

/** The scalar value at `name`, if it is one (aliases are not followed). */
export function scalarAt(map: YAMLMap, name: string): Scalar | undefined {
  const value = findPair(map, name)?.value;
  return isScalar(value) ? value : undefined;
}

export function stringAt(map: YAMLMap, name: string): string | undefined {
  const value = scalarAt(map, name)?.value;
  return typeof value === 'string' ? value : undefined;
}

export function mapAt(map: YAMLMap, name: string): YAMLMap | undefined {
  const value = findPair(map, name)?.value;
  return isMap(value) ? value : undefined;
}

/** `apiVersion` group (before the `/`) and `kind` of a document's root mapping. */
export function documentKind(doc: Doc): { group: string; kind: string } | undefined {
  if (!isMap(doc.contents)) return undefined;
  const kind = stringAt(doc.contents, 'kind');
  const apiVersion = stringAt(doc.contents, 'apiVersion');
  if (kind === undefined) return undefined;
  const slash = apiVersion?.indexOf('/') ?? -1;
  return { group: apiVersion === undefined ? '' : slash < 0 ? '' : apiVersion.slice(0, slash), kind };
}

/** Calls `visit` for every mapping under `node` with the key it sits under (sequences pass their key on). */
export function forEachMap(
  node: unknown,
  parentKey: string | undefined,
  visit: (map: YAMLMap, parentKey: string | undefined) => void,
): void {
  if (isMap(node)) {
    visit(node, parentKey);
    for (const pair of node.items) forEachMap(pair.value, keyName(pair.key), visit);
  } else if (isSeq(node)) {
    for (const item of node.items) forEachMap(item, parentKey, visit);
  } else if (isPair(node)) {
    forEachMap(node.value, keyName(node.key), visit);
  }
}

/** A value scalar (not a key) with the collection holding it and the key it sits under. */
export interface ValueScalar {
  node: Scalar;
  parent: unknown;
  key: string | undefined;
}

export function forEachValueScalar(node: unknown, visit: (found: ValueScalar) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.value)) visit({ node: pair.value, parent: node, key: keyName(pair.key) });
      else forEachValueScalar(pair.value, visit);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item)) visit({ node: item, parent: node, key: undefined });
      else forEachValueScalar(item, visit);
    }
  } else if (isPair(node)) {
    if (isScalar(node.value)) visit({ node: node.value, parent: node, key: keyName(node.key) });
    else forEachValueScalar(node.value, visit);
  }
}

/** The repository of a name without tag or digest (`nginx` -> `docker.io/library/nginx`), if valid. */
export function repositoryOf(name: string): string | undefined {
  const ref = tryParseReference(name);
  if (ref === undefined || ref.tag !== undefined || ref.digest !== undefined) return undefined;
  return ref.repository;
}
