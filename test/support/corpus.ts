// The corpus of real config trees (test/corpus/README.md): reading a case, the trees it holds, and comparing
// a promoted branch with the expected tree byte for byte.
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FixtureFiles } from './bareRepo.js';
import { gitSync } from './git.js';
import { ROOT } from './slipway.js';

/** test/corpus/, where the sources, the cases and the pending cases live. */
export const CORPUS_DIR = path.join(ROOT, 'test', 'corpus');

/** What a case asks of the promotion: its exit code and text that must appear in its output. */
export interface CaseExpectation {
  readonly exit: number;
  readonly stderr: readonly string[];
  readonly stdout: readonly string[];
}

/** A peer's expected output for one file of the case, and how Slipway's differs (when it does). */
export interface PeerExpectation {
  /** Path of the peer's expected file, relative to test/corpus/. */
  readonly expected: string;
  /** The file of the tree it corresponds to; default: the one file the promotion changes. */
  readonly file: string | undefined;
  /** Why Slipway's output differs from the peer's; absent means byte-for-byte equal. */
  readonly differs: string | undefined;
}

/** A Helm chart of the tree to render with `helm template`. */
export interface HelmRender {
  /** The chart directory, relative to the tree. */
  readonly chart: string;
  /** Values files (relative to the tree) passed with `-f`, after the chart's own values.yaml. */
  readonly values: readonly string[];
}

/** One case of the corpus: a directory with case.yaml, before/ and after/. */
export interface CorpusCase {
  readonly name: string;
  readonly dir: string;
  readonly source: string;
  readonly description: string;
  readonly env: string;
  /**
   * What HEAD of the bare repo names. Default `main`, a branch holding before/ too; any other name is left
   * without a branch (HEAD dangles, as after a plain `git init --bare`), and only env/<env> exists.
   */
  readonly head: string;
  readonly args: readonly string[];
  readonly expect: CaseExpectation;
  /** Kustomization directories (relative to the tree) to render with `kubectl kustomize`. */
  readonly render: readonly string[];
  readonly helm: readonly HelmRender[];
  /** The image the renders must show after the promotion (and not before). */
  readonly image: string | undefined;
  readonly peer: PeerExpectation | undefined;
}

/** The case directories under `test/corpus/<group>/` (`cases` or `pending`), sorted by name. */
export function caseDirs(group: 'cases' | 'pending'): string[] {
  const dir = path.join(CORPUS_DIR, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => path.join(dir, name));
}

/** Reads and checks `<dir>/case.yaml`; a malformed case fails naming the file and the key. */
export function readCase(dir: string): CorpusCase {
  const file = path.join(dir, 'case.yaml');
  const where = path.relative(ROOT, file);
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  if (!isRecord(raw)) throw new Error(`${where}: expected a mapping`);
  const known = ['source', 'description', 'env', 'head', 'args', 'expect', 'render', 'helm', 'image', 'peer'];
  rejectUnknownKeys(raw, known, where);
  const source = requiredString(raw, 'source', where);
  if (source !== 'slipway' && !existsSync(path.join(CORPUS_DIR, 'sources', source, 'SOURCE.md'))) {
    throw new Error(`${where}: source '${source}' has no test/corpus/sources/${source}/SOURCE.md`);
  }
  const expectRaw = raw.expect ?? {};
  if (!isRecord(expectRaw)) throw new Error(`${where}: 'expect' must be a mapping`);
  rejectUnknownKeys(expectRaw, ['exit', 'stderr', 'stdout'], `${where} expect`);
  const exit = expectRaw.exit ?? 0;
  if (typeof exit !== 'number') throw new Error(`${where}: 'expect.exit' must be a number`);
  const render = stringList(raw.render, 'render', where);
  const helm = helmList(raw.helm, where);
  const image = optionalString(raw, 'image', where);
  if ((render.length > 0 || helm.length > 0) && image === undefined) {
    throw new Error(`${where}: 'render' and 'helm' need 'image' (what the render must show)`);
  }
  if ((render.length > 0 || helm.length > 0) && exit !== 0) {
    throw new Error(
      `${where}: 'render' and 'helm' check a promotion that succeeds; a refusal renders as before`,
    );
  }
  let peer: PeerExpectation | undefined;
  if (raw.peer !== undefined) {
    if (!isRecord(raw.peer)) throw new Error(`${where}: 'peer' must be a mapping`);
    rejectUnknownKeys(raw.peer, ['expected', 'file', 'differs'], `${where} peer`);
    const expected = requiredString(raw.peer, 'expected', `${where} peer`);
    if (!existsSync(path.join(CORPUS_DIR, expected))) {
      throw new Error(`${where}: peer.expected ${expected} does not exist under test/corpus/`);
    }
    peer = {
      expected,
      file: optionalString(raw.peer, 'file', `${where} peer`),
      differs: optionalString(raw.peer, 'differs', `${where} peer`),
    };
  }
  for (const tree of ['before', 'after']) {
    if (!existsSync(path.join(dir, tree))) throw new Error(`${where}: ${tree}/ is missing beside it`);
  }
  return {
    name: path.basename(dir),
    dir,
    source,
    description: requiredString(raw, 'description', where),
    env: optionalString(raw, 'env', where) ?? 'dev',
    head: optionalString(raw, 'head', where) ?? 'main',
    args: stringList(raw.args, 'args', where),
    expect: {
      exit,
      stderr: stringList(expectRaw.stderr, 'expect.stderr', where),
      stdout: stringList(expectRaw.stdout, 'expect.stdout', where),
    },
    render,
    helm,
    image,
    peer,
  };
}

/** Every regular file under `dir`, as repository path → bytes (executables keep their bit). */
export function readTree(dir: string): FixtureFiles {
  const files: FixtureFiles = {};
  const walk = (sub: string): void => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = sub === '' ? name : `${sub}/${name}`;
      const full = path.join(dir, rel);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(rel);
      else if (stat.isSymbolicLink()) throw new Error(`${full}: symlinks are not supported in corpus trees`);
      else if ((stat.mode & 0o111) !== 0) files[rel] = { executable: readFileSync(full) };
      else files[rel] = readFileSync(full);
    }
  };
  walk('');
  return files;
}

/** The files of `branch` in the bare repo, as repository path → bytes. */
export function branchTree(repoPath: string, branch: string): Map<string, Buffer> {
  const env = { GIT_DIR: repoPath };
  const listing = gitSync(['ls-tree', '-r', '-z', '--full-tree', `refs/heads/${branch}`], { env }).toString(
    'utf8',
  );
  const files = new Map<string, Buffer>();
  for (const entry of listing.split('\0')) {
    if (entry === '') continue;
    const [meta = '', file = ''] = entry.split('\t');
    const oid = meta.split(' ')[2] ?? '';
    files.set(file, gitSync(['cat-file', 'blob', oid], { env }));
  }
  return files;
}

/** A FixtureFiles tree as path → bytes (the form branchTree returns). */
export function treeBytes(files: FixtureFiles): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [file, content] of Object.entries(files)) {
    if (typeof content === 'string') out.set(file, Buffer.from(content));
    else if (Buffer.isBuffer(content)) out.set(file, content);
    else if ('executable' in content) out.set(file, Buffer.from(content.executable));
  }
  return out;
}

/**
 * How `actual` differs from `expected`, one line per file (missing, extra, or the first differing line with
 * both versions), or [] when they are equal byte for byte.
 */
export function treeDifferences(expected: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  for (const file of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = expected.get(file);
    const got = actual.get(file);
    if (got === undefined) problems.push(`${file}: missing from the branch`);
    else if (want === undefined) problems.push(`${file}: on the branch but not expected`);
    else if (!want.equals(got)) problems.push(`${file}: ${firstDifference(want, got)}`);
  }
  return problems;
}

/** `line N: expected «…», got «…»` for the first line where two byte strings differ. */
export function firstDifference(expected: Buffer, actual: Buffer): string {
  const want = expected.toString('utf8').split('\n');
  const got = actual.toString('utf8').split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) {
      return `line ${i + 1}: expected ${JSON.stringify(want[i] ?? '<end of file>')}, got ${JSON.stringify(got[i] ?? '<end of file>')}`;
    }
  }
  return 'bytes differ (not as text lines: encoding or line endings)';
}

/**
 * The container images of rendered Kubernetes YAML: every `image` of a `containers`, `initContainers` or
 * `ephemeralContainers` list, wherever the object nests them (pod templates, CronJob job templates).
 */
export function containerImages(renderedYaml: string): Set<string> {
  const images = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (['containers', 'initContainers', 'ephemeralContainers'].includes(key) && Array.isArray(value)) {
        for (const container of value) {
          if (isRecord(container) && typeof container.image === 'string') images.add(container.image);
        }
      }
      visit(value);
    }
  };
  for (const doc of renderedYaml.split(/^---$/m)) visit(parse(doc));
  return images;
}

/** A typo in case.yaml must fail, not silently turn a check off. */
function rejectUnknownKeys(raw: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new Error(`${where}: unknown key '${key}' (known: ${known.join(', ')})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requiredString(raw: Record<string, unknown>, key: string, where: string): string {
  const value = raw[key];
  if (typeof value !== 'string' || value === '')
    throw new Error(`${where}: '${key}' must be a non-empty string`);
  return value;
}

function optionalString(raw: Record<string, unknown>, key: string, where: string): string | undefined {
  return raw[key] === undefined ? undefined : requiredString(raw, key, where);
}

function stringList(value: unknown, key: string, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where}: '${key}' must be a list of strings`);
  }
  return value;
}

function helmList(value: unknown, where: string): HelmRender[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item === 'string') return { chart: item, values: [] };
    if (!isRecord(item)) throw new Error(`${where}: 'helm' entries are a chart dir or {chart, values}`);
    rejectUnknownKeys(item, ['chart', 'values'], `${where} helm`);
    return {
      chart: requiredString(item, 'chart', `${where} helm`),
      values: stringList(item.values, 'helm.values', where),
    };
  });
}
