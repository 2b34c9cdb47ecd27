import { posix } from 'node:path';
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { isKustomizationFile } from './config-file.js';
import { spelledRepository } from './raw-site.js';
import type { ImageSite } from './types.js';
import { findPair, loadFile, stringAt } from './yaml.js';

/** One `images:` entry of a kustomization, with the lines it spans. */
interface ImagesEntry {
  readonly name: string;
  readonly newName: string | undefined;
  readonly firstLine: number;
  readonly lastLine: number;
}

interface KustomizationNode {
  readonly file: string;
  readonly dir: string;
  /** Files it lists in `resources` (repo-relative). */
  readonly resources: ReadonlySet<string>;
  /** Directories it includes through `resources`, `bases` or `components` that hold a kustomization. */
  readonly children: ReadonlySet<string>;
  readonly images: readonly ImagesEntry[];
}

/** The `images:` entry that decides what runs in place of a site, and what it renders. */
export interface Override {
  /** `file:line` of the entry. */
  readonly at: string;
  /** The entry's `newName` when it renames the image to another one. */
  readonly renamedTo: string | undefined;
}

/** `https://…`, `github.com/org/repo//path?ref=…`, `git@…`: remote bases are not in the snapshot. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\//i;

/**
 * Which kustomizations include which files and directories, among the kustomization files of one branch
 * snapshot, to tell which image sites an `images:` entry overrides in every render (kustomize applies an
 * entry to all it includes, after the included kustomizations' own entries). Remote bases are ignored, and a
 * kustomization that does not parse is left out (it includes nothing, so it overrides nothing).
 */
export class KustomizeGraph {
  private readonly byDir = new Map<string, KustomizationNode>();

  constructor(files: readonly { readonly path: string; readonly text: string }[]) {
    const parsed: { file: string; dir: string; root: YAMLMap; lines: (offset: number) => number }[] = [];
    for (const { path, text } of files) {
      if (!isKustomizationFile(path)) continue;
      const dir = posix.dirname(path);
      if (this.byDir.has(dir) || parsed.some((p) => p.dir === dir)) continue; // kustomize refuses two
      let loaded: ReturnType<typeof loadFile>;
      try {
        loaded = loadFile(path, text, []);
      } catch {
        continue;
      }
      const root = loaded.kind === 'loaded' ? loaded.docs[0]?.contents : undefined;
      if (loaded.kind !== 'loaded' || !isMap(root)) continue;
      const { lines } = loaded;
      parsed.push({ file: path, dir, root, lines: (offset) => lines.line(offset) });
    }
    const dirs = new Set(parsed.map((p) => p.dir));
    for (const { file, dir, root, lines } of parsed) {
      const resources = new Set<string>();
      const children = new Set<string>();
      for (const key of ['resources', 'bases', 'components']) {
        const list = findPair(root, key)?.value;
        if (!isSeq(list)) continue;
        for (const item of list.items) {
          if (!isScalar(item) || typeof item.value !== 'string' || REMOTE.test(item.value)) continue;
          const target = posix.normalize(posix.join(dir, item.value)).replace(/\/+$/, '');
          if (dirs.has(target)) children.add(target);
          else resources.add(target);
        }
      }
      const images: ImagesEntry[] = [];
      const list = findPair(root, 'images')?.value;
      if (isSeq(list)) {
        for (const item of list.items) {
          if (!isMap(item)) continue;
          const name = stringAt(item, 'name');
          if (name === undefined) continue;
          const [start, , end] = item.range ?? [0, 0, 0];
          images.push({
            name,
            newName: stringAt(item, 'newName'),
            firstLine: lines(start),
            lastLine: lines(Math.max(start, end - 1)),
          });
        }
      }
      this.byDir.set(dir, { file, dir, resources, children, images });
    }
  }

  /**
   * The `images:` entry that overrides `site` in every render that includes it, or undefined when some render
   * takes the site as written (or none is known: a file no kustomization includes). Only container images and
   * kustomizations' own entries are overridden: kustomize's image transformer sets nothing else.
   */
  overriding(site: ImageSite): Override | undefined {
    if (site.kind === 'container') {
      return this.overridden({ file: site.file }, spelledRepository(site.text), new Set());
    }
    if (site.kind === 'kustomize' && isKustomizationFile(site.file)) {
      const node = this.byDir.get(posix.dirname(site.file));
      const entry = node?.images.find((e) => e.firstLine <= site.line && site.line <= e.lastLine);
      if (node === undefined || entry === undefined) return undefined;
      return this.overridden({ dir: node.dir }, entry.newName ?? entry.name, new Set([node.dir]));
    }
    return undefined;
  }

  private overridden(
    included: { file: string } | { dir: string },
    name: string,
    seen: Set<string>,
  ): Override | undefined {
    const parents = [...this.byDir.values()].filter((node) =>
      'file' in included ? node.resources.has(included.file) : node.children.has(included.dir),
    );
    if (parents.length === 0) return undefined;
    let found: Override | undefined;
    for (const parent of parents) {
      // kustomize matches an entry's name with the image as written, up to its tag or digest.
      const entry = parent.images.find((e) => e.name === name);
      if (entry !== undefined) {
        found ??= {
          at: `${parent.file}:${entry.firstLine}`,
          renamedTo: entry.newName !== undefined && entry.newName !== name ? entry.newName : undefined,
        };
        continue;
      }
      if (seen.has(parent.dir)) return undefined; // a cycle kustomize refuses: assume nothing
      const above = this.overridden({ dir: parent.dir }, name, new Set([...seen, parent.dir]));
      if (above === undefined) return undefined;
      found ??= above;
    }
    return found;
  }
}
