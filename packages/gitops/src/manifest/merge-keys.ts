import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type Scalar,
  visit,
  type YAMLMap,
} from 'yaml';
import type { Doc } from './yaml.js';
import { keyName } from './yaml.js';

/**
 * A map's keys as Helm reads them through YAML merge keys (`<<: *a`, `<<: [*a, *b]`, `<<: {…}`). Helm's
 * parser (go-yaml) applies the `<<` where it is written: keys before it are overridden by what it brings,
 * keys after it win. In merged maps, earlier maps win over later ones, and a merged map's own keys over its
 * own merges (YAML 1.1). Aliases are resolved to their anchors, never expanded: each map is read once.
 */
export interface MergedMap {
  /** The pair Helm reads for `key`, and whether it is written in the map itself. */
  get(key: string): { pair: Pair; own: boolean } | undefined;
}

/** Resolves aliases to the anchor defined last before them, from one walk of the document. */
export class Anchors {
  private byName: Map<string, { start: number; node: Node }[]> | undefined;

  constructor(private readonly doc: Doc) {}

  resolve(alias: Node): Node | undefined {
    if (!isAlias(alias)) return alias;
    if (this.byName === undefined) {
      const byName = new Map<string, { start: number; node: Node }[]>();
      visit(this.doc, (_, node) => {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor === undefined || isAlias(node)) return;
        const list = byName.get(anchor) ?? [];
        list.push({ start: (node as Node).range?.[0] ?? 0, node: node as Node });
        byName.set(anchor, list);
      });
      this.byName = byName;
    }
    const at = alias.range?.[0] ?? 0;
    let found: Node | undefined;
    for (const entry of this.byName.get(alias.source) ?? []) if (entry.start < at) found = entry.node;
    return found;
  }
}

function isMergeKey(key: unknown): key is Scalar {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

/** The maps a `<<` value names, in precedence order (a sequence's first map wins). */
function mergeSources(value: unknown, anchors: Anchors): YAMLMap[] {
  const items = isSeq(value) ? value.items : [value];
  const maps: YAMLMap[] = [];
  for (const item of items) {
    const node = isAlias(item) ? anchors.resolve(item) : item;
    if (isMap(node)) maps.push(node);
  }
  return maps;
}

export function mergedMap(map: YAMLMap, anchors: Anchors): MergedMap {
  const mergeIndex = map.items.findIndex((pair) => isMergeKey(pair.key));
  const own = (key: string): { pair: Pair; index: number } | undefined => {
    const index = map.items.findIndex((pair) => !isMergeKey(pair.key) && keyName(pair.key) === key);
    const pair = map.items[index];
    return pair === undefined ? undefined : { pair: pair as Pair, index };
  };
  if (mergeIndex < 0) {
    return {
      get(key) {
        const written = own(key);
        return written === undefined ? undefined : { pair: written.pair, own: true };
      },
    };
  }
  let inherited: Map<string, Pair> | undefined;
  const inheritedPairs = (): Map<string, Pair> => {
    if (inherited !== undefined) return inherited;
    const found = new Map<string, Pair>();
    const seen = new Set<YAMLMap>();
    const record = (pairs: readonly unknown[]): void => {
      for (const pair of pairs as Pair[]) {
        const key = keyName(pair.key);
        if (key !== undefined && !isMergeKey(pair.key) && !found.has(key)) found.set(key, pair);
      }
    };
    // Depth first, without recursion (a chain of anchors merging each other may be long); a merged map is
    // read as the top one is: keys after its `<<`, then what the `<<` brings, then keys before it.
    const stack: (YAMLMap | { before: readonly unknown[] })[] = mergeSources(
      map.items[mergeIndex]?.value,
      anchors,
    ).reverse();
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (!isMap(next)) {
        record(next.before);
        continue;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      const merge = next.items.findIndex((pair) => isMergeKey(pair.key));
      if (merge < 0) {
        record(next.items);
        continue;
      }
      record(next.items.slice(merge + 1));
      stack.push({ before: next.items.slice(0, merge) });
      stack.push(...mergeSources(next.items[merge]?.value, anchors).reverse());
    }
    inherited = found;
    return found;
  };
  return {
    get(key) {
      const written = own(key);
      if (written !== undefined && written.index > mergeIndex) return { pair: written.pair, own: true };
      const merged = inheritedPairs().get(key);
      if (merged !== undefined) return { pair: merged, own: false };
      return written === undefined ? undefined : { pair: written.pair, own: true };
    },
  };
}
