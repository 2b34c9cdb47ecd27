// Build once: a content key over everything that decides the image, and a `src-<key>` tag that records
// "this source was built into that digest". A later build of the same source finds the tag (one registry
// round trip) and only adds its new tags to the existing manifest.
//
// The key covers: the build context (its git tree id, or a deterministic hash of its files when it is not
// in git or holds git-ignored files), the Dockerfile's bytes, the sorted build args, the platforms, the
// builder kind, the target stage and builder-specific settings. A context with uncommitted changes has no
// key: its tree id would not describe what is built, so the build runs and no `src-` tag is written.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { type ImageRepository, isTag, type StoredManifest } from '@slipway/oci';
import { LOCAL_GIT_TIMEOUT_MS, localGitEnvironment, runProcess } from '@slipway/process';
import { missingDockerfile } from './builders/common.js';
import type { BuilderKind } from './builders/types.js';
import { hashDirectory } from './tar.js';

export const SOURCE_TAG_PREFIX = 'src-';
const KEY_VERSION = 1;

export interface SourceKeyOptions {
  readonly context: string;
  /** Its bytes are part of the key. Absent for the files builder. */
  readonly dockerfile?: string | undefined;
  readonly buildArgs?: Readonly<Record<string, string>> | undefined;
  readonly platforms?: readonly string[] | undefined;
  readonly builder: BuilderKind;
  readonly target?: string | undefined;
  /** Anything else that changes the image (the files builder's config and base); canonical JSON. */
  readonly extra?: unknown;
  /** Environment for git. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export type SourceKey =
  | {
      readonly status: 'keyed';
      /** 64 hex digits. */
      readonly key: string;
      /** `src-<first 32 hex digits>`. */
      readonly tag: string;
      /** `git-tree` (the context's tree id) or `directory` (its files hashed). */
      readonly source: 'git-tree' | 'directory';
      /** The tree id or directory hash the key was made from. */
      readonly sourceId: string;
    }
  | { readonly status: 'bypassed'; readonly reason: string };

/** Computes the content key of a build, or says why there is none. */
export async function sourceKey(options: SourceKeyOptions): Promise<SourceKey> {
  const context = resolve(options.context);
  const source = await contextIdentity(context, options.env ?? process.env);
  if (source.status === 'bypassed') return source;
  let dockerfile: string | null = null;
  if (options.dockerfile !== undefined) {
    try {
      dockerfile = createHash('sha256')
        .update(await readFile(options.dockerfile))
        .digest('hex');
    } catch {
      throw missingDockerfile(options.dockerfile, options.dockerfile, options.context);
    }
  }
  const payload = canonicalJson({
    v: KEY_VERSION,
    source: `${source.source}:${source.id}`,
    dockerfile,
    buildArgs: Object.entries(options.buildArgs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    platforms: [...(options.platforms ?? [])].sort(),
    builder: options.builder,
    target: options.target ?? null,
    extra: options.extra ?? null,
  });
  const key = createHash('sha256').update(payload).digest('hex');
  return { status: 'keyed', key, tag: sourceTag(key), source: source.source, sourceId: source.id };
}

export function sourceTag(key: string): string {
  const tag = `${SOURCE_TAG_PREFIX}${key.slice(0, 32)}`;
  if (!isTag(tag)) throw new Error(`not a key: ${key}`);
  return tag;
}

type Identity =
  | { status: 'ok'; source: 'git-tree' | 'directory'; id: string }
  | { status: 'bypassed'; reason: string };

async function contextIdentity(context: string, env: NodeJS.ProcessEnv): Promise<Identity> {
  const gitEnv = localGitEnvironment(env);
  const git = (args: string[]) =>
    runProcess('git', ['-C', context, ...args], { env: gitEnv, timeoutMs: LOCAL_GIT_TIMEOUT_MS });

  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (inside.spawnError !== undefined && inside.spawnError.code !== 'ENOENT') throw inside.spawnError;
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
    return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
  }
  const status = await git(['status', '--porcelain', '--untracked-files=all', '--ignored', '--', '.']);
  if (status.code !== 0) {
    throw new SlipwayError(`git status failed in ${context}: ${status.stderr.trim()}`, { where: context });
  }
  const lines = status.stdout.split('\n').filter((line) => line.length > 0);
  const changed = lines.filter((line) => !line.startsWith('!! '));
  if (changed.length > 0) {
    const sample = changed
      .slice(0, 3)
      .map((line) => line.slice(3))
      .join(', ');
    return {
      status: 'bypassed',
      reason: `the build context has uncommitted changes (${sample}${changed.length > 3 ? ', …' : ''})`,
    };
  }
  const tree = await git(['rev-parse', '--verify', '-q', 'HEAD:./']);
  if (tree.code !== 0 || !/^[0-9a-f]{40,64}$/.test(tree.stdout.trim())) {
    // No commit yet: the files are all there is.
    return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
  }
  if (lines.length > 0) {
    // Git-ignored files (a `dist/` built by an earlier step) would be sent to the builder but are not in
    // the tree: hash the files themselves.
    return { status: 'ok', source: 'directory', id: await hashDirectory(context) };
  }
  return { status: 'ok', source: 'git-tree', id: tree.stdout.trim() };
}

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The manifest an earlier build stored under `tag`, or undefined: one request. */
export function findBuilt(repository: ImageRepository, tag: string): Promise<StoredManifest | undefined> {
  return repository.getManifest(tag);
}
