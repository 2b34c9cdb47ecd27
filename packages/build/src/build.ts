// `build`: metadata → build-once check → builder → every destination.
//
// The files builder writes straight into the destinations. Dockerfile builders (buildah, buildx) write an
// OCI layout in a temporary directory, which is then copied to each destination (registries of any kind
// at once: ECR and others, each with its own credentials); buildx may instead push natively.

import { join, resolve } from 'node:path';
import type { CiContext, TransferProgress } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import {
  copiedBytes,
  copyImage,
  formatReference,
  type ImageLocation,
  type ImageRepository,
  LayoutRepository,
  type OpenOptions,
  openRepository,
  parseLocation,
  type StoredManifest,
} from '@slipway/oci';
import { LOCAL_GIT_TIMEOUT_MS, localGitEnvironment, runProcess, temporaryDirectory } from '@slipway/process';
import { detectBuilder } from './builders/auto.js';
import { buildWithBuildah } from './builders/buildah.js';
import { buildWithBuildx, type CacheSpec } from './builders/buildx.js';
import { checkDockerfileInputs } from './builders/common.js';
import { buildFiles, type FilesImageConfig } from './builders/files.js';
import type { BuilderKind, BuildSecret, BuiltImage, LogSink } from './builders/types.js';
import { type Flavor, type GitFacts, type ImageMetadata, imageMetadata } from './metadata.js';
import { type SourceKey, sourceKey } from './reuse.js';

export interface BuildDestination {
  /** `registry.example.com/shop/cart`, `123456789012.dkr.ecr.eu-west-1.amazonaws.com/cart` or `oci:<dir>`. */
  readonly location: string;
  /** How to reach it (credentials, insecure registries); merged over `BuildOptions.openOptions`. */
  readonly options?: OpenOptions | undefined;
}

export type BuildProgress =
  | { readonly step: 'metadata'; readonly tags: readonly string[] }
  | { readonly step: 'builder'; readonly builder: BuilderKind; readonly reason: string }
  | { readonly step: 'reuse-check'; readonly key: SourceKey; readonly repository?: string }
  | { readonly step: 'reused'; readonly digest: string; readonly tag: string }
  | { readonly step: 'build'; readonly builder: BuilderKind }
  | { readonly step: 'built'; readonly digest: string; readonly seconds: number }
  | { readonly step: 'push'; readonly destination: string; readonly tags: readonly string[] }
  | { readonly step: 'pushed'; readonly destination: string; readonly digest: string };

export interface BuildOptions {
  /** One or more places the image goes; the first is where build-once looks for its `src-` tag. */
  readonly destinations: readonly (string | BuildDestination)[];
  /** Defaults for opening destinations and a registry base image. */
  readonly openOptions?: OpenOptions | undefined;
  /** Default `auto`: buildx when a docker engine answers, else buildah. `files` needs no Dockerfile. */
  readonly builder?: BuilderKind | 'auto' | undefined;
  readonly context: string;
  /** Default `<context>/Dockerfile` (Dockerfile builders). */
  readonly dockerfile?: string | undefined;
  readonly buildArgs?: Readonly<Record<string, string>> | undefined;
  readonly platforms?: readonly string[] | undefined;
  readonly target?: string | undefined;
  readonly secrets?: readonly BuildSecret[] | undefined;
  /** The files builder's settings. */
  readonly files?: FilesSettings | undefined;
  /** buildx-only settings. */
  readonly buildx?: BuildxSettings | undefined;
  /** buildah-only settings. */
  readonly buildah?: { readonly storageRoot?: string | undefined } | undefined;

  /** Where we run: repository URL, commit, ref (for tags and labels). */
  readonly ci: CiContext;
  /** Tag rules (see metadata.ts); default branch, git tag, PR and `sha-<7>`. */
  readonly tags?: string | readonly string[] | undefined;
  readonly flavor?: Flavor | string | readonly string[] | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly title?: string | undefined;
  /** Default: the commit time read with git from the context. */
  readonly git?: GitFacts | undefined;

  /** Build once (default true): skip the build when the `src-<key>` tag exists in the first destination. */
  readonly reuse?: boolean | undefined;
  /** For SOURCE_DATE_EPOCH, secrets, builder PATH. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly tmpDir?: string | undefined;
  readonly onProgress?: ((event: BuildProgress) => void) | undefined;
  /** Byte progress of the pushes Slipway makes (from a builder's layout to each destination), as bytes move. */
  readonly onTransfer?: ((update: TransferProgress) => void) | undefined;
  readonly onLog?: LogSink | undefined;
  /** Which tags each registry destination may take (ECR repositories whose tags cannot move). */
  readonly tagGuard?: TagGuard | undefined;
}

/**
 * Asked once per registry destination before anything is built or pushed, with the tags it would get and,
 * when build once found the image, its digest (undefined before a build: a new image). Returns the tags the
 * destination already holds at that digest, which are then left out of the push; throws to refuse (a tag
 * that names another image in a repository that never moves tags).
 */
export type TagGuard = (
  destination: Extract<ImageLocation, { kind: 'registry' }>,
  tags: readonly string[],
  digest: string | undefined,
) => Promise<readonly string[]>;

export interface FilesSettings {
  /** `scratch` (default), `oci:<dir>:<tag>` or a registry reference. */
  readonly base?: string | undefined;
  /** Where the context's content lands in the image. Default `/`. */
  readonly destination?: string | undefined;
  readonly config?: FilesImageConfig | undefined;
  readonly compression?: 'gzip' | 'none' | undefined;
}

export interface BuildxSettings {
  readonly cacheFrom?: readonly CacheSpec[] | undefined;
  readonly cacheTo?: readonly CacheSpec[] | undefined;
  readonly provenance?: boolean | string | undefined;
  readonly sbom?: boolean | undefined;
  readonly builderName?: string | undefined;
  /** `copy` (default): export a layout, then copy it everywhere. `native`: `--push` to the registries. */
  readonly push?: 'copy' | 'native' | undefined;
  /** Default `docker`. */
  readonly binary?: string | undefined;
}

export interface BuildResult {
  readonly digest: string;
  readonly mediaType: string;
  /** The first destination, pinned: `repo@sha256:…`. */
  readonly image: string;
  /** Every destination with every tag, pinned: `repo:tag@sha256:…`. */
  readonly references: string[];
  /**
   * What to promote: the first destination with the commit's tag, pinned (`repo:sha-1a2b3c4@sha256:…`); the
   * digest alone (`repo@sha256:…`, as {@link image}) when the tag rules made no commit tag. Never a branch tag
   * or `latest`, which the next build moves.
   */
  readonly imageRef: string;
  readonly tags: string[];
  readonly labels: Record<string, string>;
  /** The `org.opencontainers.image.*` labels as manifest annotations (see ImageMetadata.annotations). */
  readonly annotations: Record<string, string>;
  readonly version: string | undefined;
  /** True when the build was skipped because the source was built before. */
  readonly reused: boolean;
  readonly builder: BuilderKind;
  /** The content key, or why build-once was bypassed. */
  readonly source: SourceKey | { readonly status: 'disabled' };
  /** Tag rules that produced nothing, and similar remarks. */
  readonly notes: string[];
}

interface OpenedDestination {
  readonly name: string;
  readonly repository: ImageRepository;
  readonly location: ImageLocation;
  /** Tags given in the destination itself (`oci:./out:dev`). */
  readonly extraTags: string[];
  readonly options: OpenOptions;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const env = options.env ?? process.env;
  const progress = options.onProgress ?? (() => undefined);
  const transfer = options.onTransfer ?? (() => undefined);
  if (options.destinations.length === 0) {
    throw new SlipwayError('no destination to push the image to', {
      where: 'build',
      fix: 'name at least one repository (registry.example.com/shop/cart or oci:<dir>)',
    });
  }
  const context = resolve(options.context);
  const git = options.git ?? (await readGitFacts(context, options.ci.commitSha, env));
  const metadata: ImageMetadata = imageMetadata({
    ci: options.ci,
    tags: options.tags,
    flavor: options.flavor,
    labels: options.labels,
    title: options.title,
    git,
    env,
  });
  progress({ step: 'metadata', tags: metadata.tags });
  const destinations = options.destinations.map((entry) => openDestination(entry, options.openOptions));
  const primary = destinations[0] as OpenedDestination;

  // Which builder, and that its inputs exist, before any registry is asked.
  let kind: BuilderKind;
  if (options.builder === undefined || options.builder === 'auto') {
    await checkDockerfileInputs(context, options.dockerfile);
    const detected = await detectBuilder({ env });
    kind = detected.builder;
    progress({ step: 'builder', builder: kind, reason: detected.reason });
  } else {
    kind = options.builder;
    if (kind !== 'files') await checkDockerfileInputs(context, options.dockerfile);
  }
  const dockerfile = kind === 'files' ? undefined : (options.dockerfile ?? join(context, 'Dockerfile'));

  let key: SourceKey | { status: 'disabled' } = { status: 'disabled' };
  if (options.reuse !== false) {
    key = await sourceKey({
      context,
      dockerfile,
      buildArgs: options.buildArgs,
      platforms: options.platforms,
      builder: kind,
      target: options.target,
      // Per-commit stamps (revision, created, SOURCE_DATE_EPOCH) are left out: they are not source.
      extra: { labels: options.labels ?? {}, ...(kind === 'files' ? { files: options.files ?? {} } : {}) },
      env,
    });
    progress({ step: 'reuse-check', key, repository: primary.name });
  }
  const keyTags = key.status === 'keyed' ? [key.tag] : [];
  const existing = key.status === 'keyed' ? await primary.repository.getManifest(key.tag) : undefined;
  // A reused image already has its key tag in the primary: only the other tags are written there.
  const wanted = (destination: OpenedDestination) =>
    unique([...metadata.tags, ...destination.extraTags, ...keyTags]).filter(
      (tag) => !(existing !== undefined && destination === primary && keyTags.includes(tag)),
    );
  // Before any build or push: a repository that refuses a tag fails the step now, not halfway.
  const pushTags = await guardTags(options.tagGuard, destinations, wanted, existing?.digest);
  const tagsFor = (destination: OpenedDestination) => pushTags.get(destination) ?? wanted(destination);

  const finish = (digest: string, mediaType: string, reused: boolean): BuildResult => ({
    digest,
    mediaType,
    image: `${destinationRepository(primary)}@${digest}`,
    imageRef:
      metadata.commitTag === undefined
        ? `${destinationRepository(primary)}@${digest}`
        : formatReference(destinationRepository(primary), metadata.commitTag, digest),
    references: destinations.flatMap((destination) =>
      unique([...metadata.tags, ...destination.extraTags]).map((tag) =>
        formatReference(destinationRepository(destination), tag, digest),
      ),
    ),
    tags: metadata.tags,
    labels: metadata.labels,
    annotations: metadata.annotations,
    version: metadata.version,
    reused,
    builder: kind,
    source: key,
    notes: metadata.notes,
  });

  if (existing !== undefined && key.status === 'keyed') {
    progress({ step: 'reused', digest: existing.digest, tag: key.tag });
    await distribute(existing, primary, destinations, tagsFor, progress, transfer);
    return finish(existing.digest, existing.mediaType, true);
  }

  progress({ step: 'build', builder: kind });
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;

  if (kind === 'files') {
    const base = await openBase(options.files?.base, options.openOptions);
    for (const destination of destinations)
      progress({ step: 'push', destination: destination.name, tags: tagsFor(destination) });
    const built = await buildFiles({
      context,
      destination: options.files?.destination,
      base,
      platform: options.platforms?.[0],
      config: { ...options.files?.config, labels: { ...metadata.labels, ...options.files?.config?.labels } },
      annotations: metadata.annotations,
      sourceDateEpoch: metadata.sourceDateEpoch,
      compression: options.files?.compression,
      targets: destinations.map((destination) => ({
        repository: destination.repository,
        tags: tagsFor(destination),
      })),
      tmpDir: options.tmpDir,
      onLog: options.onLog,
      onTransfer: transfer,
    });
    progress({ step: 'built', digest: built.digest, seconds: seconds() });
    for (const destination of destinations)
      progress({ step: 'pushed', destination: destination.name, digest: built.digest });
    return finish(built.digest, built.mediaType, false);
  }

  const common = {
    context,
    dockerfile,
    buildArgs: options.buildArgs,
    platforms: options.platforms,
    target: options.target,
    labels: metadata.labels,
    annotations: metadata.annotations,
    secrets: options.secrets,
    sourceDateEpoch: metadata.sourceDateEpoch,
    env,
    onLog: options.onLog,
    tmpDir: options.tmpDir,
  };

  if (kind === 'buildx' && options.buildx?.push === 'native') {
    const registries = destinations.filter((destination) => destination.location.kind === 'registry');
    if (registries.length !== destinations.length) {
      throw new SlipwayError('buildx native push only goes to registries', {
        where: 'build',
        fix: 'use push: copy to write OCI layouts too',
      });
    }
    const credentials = primary.options.credentials;
    for (const destination of destinations)
      progress({ step: 'push', destination: destination.name, tags: tagsFor(destination) });
    const built = await buildWithBuildx({
      ...common,
      ...buildxSettings(options.buildx),
      output: {
        type: 'registry',
        references: destinations.flatMap((destination) =>
          tagsFor(destination).map((tag) => `${destinationRepository(destination)}:${tag}`),
        ),
        credentials,
      },
    });
    progress({ step: 'built', digest: built.digest, seconds: seconds() });
    for (const destination of destinations)
      progress({ step: 'pushed', destination: destination.name, digest: built.digest });
    return finish(built.digest, built.mediaType, false);
  }

  // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
  const temporary = await temporaryDirectory('slipway-build-', options.tmpDir);
  const work = temporary.path;
  try {
    const layoutDir = join(work, 'layout');
    const output = { type: 'layout' as const, dir: layoutDir, tag: 'build' };
    const built: BuiltImage =
      kind === 'buildah'
        ? await buildWithBuildah({ ...common, storageRoot: options.buildah?.storageRoot, output })
        : await buildWithBuildx({ ...common, ...buildxSettings(options.buildx), output });
    progress({ step: 'built', digest: built.digest, seconds: seconds() });
    const layout = new LayoutRepository(layoutDir);
    const stored = await layout.getManifest(built.digest);
    if (stored === undefined) {
      throw new SlipwayError(`the ${kind} build left no image ${built.digest} in its layout`, {
        where: layoutDir,
      });
    }
    await distribute(
      stored,
      { name: layout.name, repository: layout },
      destinations,
      tagsFor,
      progress,
      transfer,
    );
    return finish(built.digest, stored.mediaType, false);
  } finally {
    await temporary.remove();
  }
}

/** The tags each destination gets once the guard has left out those it already holds at the digest. */
async function guardTags(
  guard: TagGuard | undefined,
  destinations: readonly OpenedDestination[],
  wanted: (destination: OpenedDestination) => string[],
  digest: string | undefined,
): Promise<Map<OpenedDestination, string[]>> {
  const result = new Map<OpenedDestination, string[]>();
  if (guard === undefined) return result;
  await Promise.all(
    destinations.map(async (destination) => {
      if (destination.location.kind !== 'registry') return;
      const tags = wanted(destination);
      const held = new Set(await guard(destination.location, tags, digest));
      result.set(
        destination,
        tags.filter((tag) => !held.has(tag)),
      );
    }),
  );
  return result;
}

/** One log line for a progress event. */
export function formatProgress(event: BuildProgress): string {
  switch (event.step) {
    case 'metadata':
      return event.tags.length === 0 ? 'tags: none (by digest only)' : `tags: ${event.tags.join(', ')}`;
    case 'builder':
      return `builder: ${event.builder} (${event.reason})`;
    case 'reuse-check':
      return event.key.status === 'keyed'
        ? `source key ${event.key.tag} (${event.key.source} ${event.key.sourceId.replace(/^sha256:/, '').slice(0, 12)}): looking in ${event.repository}`
        : `build once skipped: ${event.key.reason}`;
    case 'reused':
      return `unchanged source: reusing ${event.digest} (${event.tag}), no build`;
    case 'build':
      return `building with ${event.builder}`;
    case 'built':
      return `built ${event.digest} in ${event.seconds.toFixed(1)} s`;
    case 'push':
      return `pushing to ${event.destination}${event.tags.length === 0 ? '' : ` as ${event.tags.join(', ')}`}`;
    case 'pushed':
      return `pushed ${event.digest} to ${event.destination}`;
  }
}

/** Puts `manifest` (present in `source`) into every destination under its tags. */
async function distribute(
  manifest: StoredManifest,
  source: { readonly name: string; readonly repository: ImageRepository },
  destinations: readonly OpenedDestination[],
  tagsFor: (destination: OpenedDestination) => string[],
  progress: (event: BuildProgress) => void,
  transfer: (update: TransferProgress) => void,
): Promise<void> {
  for (const destination of destinations) {
    const tags = tagsFor(destination);
    progress({ step: 'push', destination: destination.name, tags });
    if (destination.repository === source.repository) {
      // Already there (a reused image): only the tags are new.
      await destination.repository.putManifest(manifest, tags);
    } else {
      await copyImage({
        from: source.repository,
        reference: manifest.digest,
        to: destination.repository,
        tags,
        progress: copiedBytes((done, total) =>
          transfer({ label: `push to ${destination.name}`, done, total }),
        ),
      });
    }
    progress({ step: 'pushed', destination: destination.name, digest: manifest.digest });
  }
}

function openDestination(
  entry: string | BuildDestination,
  defaults: OpenOptions | undefined,
): OpenedDestination {
  const text = typeof entry === 'string' ? entry : entry.location;
  const location = parseLocation(text);
  let extraTags: string[] = [];
  if (location.kind === 'registry') {
    if (location.reference.digest !== undefined) throw digestDestination(text);
    if (location.reference.tag !== undefined) extraTags = [location.reference.tag];
  } else {
    if (location.digest !== undefined) throw digestDestination(text);
    if (location.tag !== undefined) extraTags = [location.tag];
  }
  const options: OpenOptions = { ...defaults, ...(typeof entry === 'string' ? {} : entry.options) };
  return { name: text, location, repository: openRepository(location, options), extraTags, options };
}

function digestDestination(text: string): SlipwayError {
  return new SlipwayError(`destination ${text} names a digest`, {
    where: 'destinations',
    fix: 'name a repository (optionally with a tag); the digest is the build’s result',
  });
}

function destinationRepository(destination: OpenedDestination): string {
  return destination.location.kind === 'registry'
    ? destination.location.reference.repository
    : `oci:${destination.location.path}`;
}

async function openBase(
  base: string | undefined,
  defaults: OpenOptions | undefined,
): Promise<'scratch' | { repository: ImageRepository; reference: string }> {
  if (base === undefined || base === 'scratch') return 'scratch';
  const location = parseLocation(base);
  const repository = openRepository(location, defaults ?? {});
  const reference =
    location.kind === 'registry'
      ? (location.reference.digest ?? location.reference.tag ?? 'latest')
      : (location.digest ?? location.tag ?? 'latest');
  return { repository, reference };
}

function buildxSettings(settings: BuildxSettings | undefined) {
  return {
    binary: settings?.binary,
    builderName: settings?.builderName,
    cacheFrom: settings?.cacheFrom,
    cacheTo: settings?.cacheTo,
    provenance: settings?.provenance,
    sbom: settings?.sbom,
  };
}

/** The commit time of `commit` (or HEAD) in the context's repository; nothing outside git. */
export async function readGitFacts(
  context: string,
  commit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitFacts> {
  const { code, stdout } = await runProcess(
    'git',
    ['-C', context, 'log', '-1', '--format=%ct', commit ?? 'HEAD', '--'],
    {
      env: localGitEnvironment(env),
      timeoutMs: LOCAL_GIT_TIMEOUT_MS,
    },
  );
  if (code !== 0) return {};
  const seconds = Number(stdout.trim());
  return Number.isInteger(seconds) && seconds > 0 ? { commitTime: seconds } : {};
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
