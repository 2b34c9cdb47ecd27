// YAML read from a config repository, parsed within bounds. Anyone who can write to the config repo can write
// its YAML, and Slipway parses it in the one process allowed to write production config: a file must not be
// able to exhaust memory or the stack, only to be refused with one line naming it.
import { type FileLocation, SlipwayError } from '@slipway/errors';
import {
  type Document,
  type DocumentOptions,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  type ParseOptions,
  parseAllDocuments,
  parseDocument,
  type SchemaOptions,
  visit,
  YAMLParseError,
} from 'yaml';

/**
 * `expandedNodes`: how many nodes a document may hold once every alias is expanded, as Kubernetes, Flux and
 * Argo CD will expand them (Slipway's editor never does). A 1 MiB file written out holds at most about half a
 * million nodes, so a million leaves room for ordinary anchors (`<<: *defaults` used hundreds of times) while
 * a "billion laughs" file, 9^9 nodes from a few hundred bytes, is refused at once. The library's own
 * `maxAliasCount` is no such measure: it counts uses of one anchor, and refuses a plain anchor used 101 times.
 * `flowDepth`: how
 * deep `[…]` / `{…}` may nest. The library's parser keeps every open flow collection (about 600 bytes each),
 * so 1 MiB of `[` would cost 600 MB before any error; real config nests a handful of levels. Block nesting
 * needs indentation, so its depth is bounded by the file size, and the library reports a stack overflow
 * there as a parse error of its own.
 */
export const YAML_BOUNDS = { expandedNodes: 1_000_000, flowDepth: 64 } as const;

/**
 * The options every parse of config-repo YAML starts from (a caller adds its own, such as a LineCounter).
 * Parsing never expands aliases; only {@link configYamlToJS} does, after {@link checkAliasExpansion}. The library's own
 * duplicate-key check compares each key with every earlier one of its map: 20,000 keys took 2.4 s and 87,000
 * many minutes, all within the size limit. {@link checkUniqueKeys} does the same check in linear time.
 */
export const CONFIG_YAML_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Config-repo YAML Slipway refuses to parse; `where` is the file (and line when known). */
export class YamlBoundsError extends SlipwayError {
  constructor(message: string, options: { where: FileLocation; fix: string }) {
    super(message, options);
    this.name = 'YamlBoundsError';
  }
}

/** Every document of `text` (the file `file`), after checking its flow nesting. */
export function parseConfigYamlAll(file: string, text: string, options: Options = {}): Document.Parsed[] {
  checkFlowDepth(file, text);
  const parsed = parseAllDocuments(text, { ...options, ...CONFIG_YAML_OPTIONS });
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) checkUniqueKeys(doc);
  // Slipway's own reading never expands an alias, but Kubernetes, Flux and Argo CD do: a document that is an
  // alias bomb is refused here, by the library's rule, rather than edited and handed on. Only documents that
  // hold an alias pay for the check.
  for (const doc of docs) if (doc.errors.length === 0) checkAliasExpansion(file, text, doc);
  return docs;
}

function hasAlias(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The one document of `text` (the file `file`), after checking its flow nesting. */
export function parseConfigYaml(file: string, text: string, options: Options = {}): Document.Parsed {
  checkFlowDepth(file, text);
  const doc = parseDocument(text, { ...options, ...CONFIG_YAML_OPTIONS });
  checkUniqueKeys(doc);
  return doc;
}

/**
 * Adds the library's `DUPLICATE_KEY` error ("Map keys must be unique") for every scalar key that repeats in its
 * map, as the library would with `uniqueKeys: true`, in one pass with a set per map. A file with a repeated
 * key is one Kubernetes and kustomize read differently from Slipway (which value wins), so it stays an error.
 */
export function checkUniqueKeys(doc: Document.Parsed): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) {
          const start = key.range?.[0] ?? 0;
          doc.errors.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(id);
      }
    },
  });
}

/** A document as plain data, aliases expanded once {@link checkAliasExpansion} has found them within bounds. */
export function configYamlToJS(file: string, text: string, doc: Document.Parsed): unknown {
  checkAliasExpansion(file, text, doc);
  return doc.toJS({ maxAliasCount: -1 });
}

/**
 * Refuses a document whose aliases, expanded, would exceed {@link YAML_BOUNDS}.expandedNodes (an alias bomb), or
 * refer to a node that contains them (a cycle), naming the file and the line of its first alias. One pass in
 * document order: an alias can only name an anchor before it, so the size of its target is already known (or
 * the target is still open, which is the cycle), and every node is counted once.
 */
export function checkAliasExpansion(file: string, text: string, doc: Document.Parsed): void {
  if (!hasAlias(doc)) return;
  const anchors = new Map<string, unknown>();
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  const refuse = (message: string, fix: string): never => {
    throw new YamlBoundsError(message, { where: whereAlias(file, text, doc), fix });
  };
  const sizeOf = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return 1;
      if (open.has(target))
        refuse(`alias *${node.source} refers to a node that contains it`, 'remove the cycle');
      return sizes.get(target) ?? 1;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined) anchors.set(anchor, node);
    let size = 1;
    open.add(node);
    if (isMap(node)) for (const pair of node.items) size += sizeOf(pair.key) + sizeOf(pair.value);
    else if (isSeq(node)) for (const item of node.items) size += sizeOf(item);
    open.delete(node);
    sizes.set(node, size);
    if (size > YAML_BOUNDS.expandedNodes) {
      refuse(
        `aliases expand to more than ${YAML_BOUNDS.expandedNodes.toLocaleString('en')} nodes: a YAML alias bomb?`,
        'write the values out instead of nesting aliases of aliases',
      );
    }
    return size;
  };
  sizeOf(doc.contents);
}

/**
 * Refuses `[`/`{` nested deeper than {@link YAML_BOUNDS.flowDepth}, before the parser builds them. The lexer
 * only splits tokens (a bracket inside quotes, a comment or a block scalar is part of another token), in time
 * linear in the text and constant memory.
 */
export function checkFlowDepth(file: string, text: string): void {
  // Fewer openers than the limit in the whole text cannot nest past it: nothing to lex.
  if (!deepFlowPossible(text)) return;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth += 1;
      if (depth > YAML_BOUNDS.flowDepth) {
        throw new YamlBoundsError(
          `flow collections ([…] or {…}) nest deeper than ${YAML_BOUNDS.flowDepth} levels`,
          {
            where: { file, line: lineAt(text, offset) },
            fix: 'flatten the structure: no config Slipway edits nests that deep',
          },
        );
      }
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
    offset += token.length;
  }
}

/** Whether the text holds more flow openers than the limit at all (quick test before lexing). */
function deepFlowPossible(text: string): boolean {
  let openers = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      openers += 1;
      if (openers > YAML_BOUNDS.flowDepth) return true;
    }
  }
  return false;
}

function whereAlias(file: string, text: string, doc: Document.Parsed): FileLocation {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? { file } : { file, line: lineAt(text, offset) };
}

/** 1-based line of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
