// `docker buildx build`: command assembly, run, and the digest read back from `--metadata-file`.
//
// Secrets never go on argv: `--secret id=…,src=<file>` names a file, `--secret id=…,env=<VAR>` a variable
// of the child's environment; registry credentials go into a private DOCKER_CONFIG (BUILDX_CONFIG keeps
// pointing at the caller's buildx state, so a builder made by setup-buildx-action is still used).

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { OCI_IMAGE_MANIFEST, parseReference } from '@slipway/oci';
import {
  type ChildEnvironment,
  childEnvironment,
  findProgram,
  runTool,
  temporaryDirectory,
} from '@slipway/process';
import { checkDockerfileInputs } from './common.js';
import type { BuildSecret, BuiltImage, DockerfileBuildRequest } from './types.js';

/** A cache import or export: a raw buildx spec, or a registry cache. */
export type CacheSpec =
  | string
  | {
      readonly type: 'registry';
      readonly ref: string;
      /** `max` caches every stage's layers (export only). Default `max` for exports. */
      readonly mode?: 'min' | 'max' | undefined;
      /**
       * Store the cache as an OCI image manifest, as ECR requires (`image-manifest=true,oci-mediatypes=true`).
       * Default: on for `*.dkr.ecr.*.amazonaws.com` references.
       */
      readonly imageManifest?: boolean | undefined;
    };

export interface BuildxOptions extends DockerfileBuildRequest {
  /** Default `docker` on the PATH. */
  readonly binary?: string | undefined;
  /** `--builder`: a named buildx builder. */
  readonly builderName?: string | undefined;
  readonly cacheFrom?: readonly CacheSpec[] | undefined;
  readonly cacheTo?: readonly CacheSpec[] | undefined;
  /** `--provenance`: true, false or a spec like `mode=max`. Default: buildx's. */
  readonly provenance?: boolean | string | undefined;
  readonly sbom?: boolean | undefined;
  readonly noCache?: boolean | undefined;
  readonly pull?: boolean | undefined;
  readonly tmpDir?: string | undefined;
}

export interface BuildxCommand {
  readonly binary: string;
  readonly args: string[];
  readonly env: ChildEnvironment;
  readonly metadataFile: string;
}

export async function buildWithBuildx(options: BuildxOptions): Promise<BuiltImage> {
  const env = options.env ?? process.env;
  const binary = options.binary ?? findProgram('docker', env);
  if (binary === undefined) {
    throw new SlipwayError('docker is not installed', {
      where: 'buildx builder',
      fix: 'install the docker CLI with the buildx plugin, or use the buildah or files builder',
    });
  }
  // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
  const temporary = await temporaryDirectory('slipway-buildx-', options.tmpDir);
  const work = temporary.path;
  try {
    let command = await buildxCommand({ ...options, binary, env }, work);
    // Through @actions/exec (runTool): its output streams to the log; a cancelled run waits for it to stop.
    const run = () => runTool(command.binary, command.args, { env: command.env, onLine: options.onLog });
    let result = await run();
    // buildx before 0.12 refuses the flag while parsing its command line, before it builds anything: the
    // build goes on without the annotations (the labels carry the same values), as docker/build-push-action
    // does with an older buildx, and the log says how to have them.
    if (result.code !== 0 && OLD_BUILDX.test(result.stderr)) {
      options.onLog?.(
        'docker buildx is older than 0.12 and takes no --annotation: building without OCI manifest annotations (the labels carry the same values); upgrade buildx to have them',
      );
      command = await buildxCommand({ ...options, binary, env, annotations: undefined }, work);
      result = await run();
    }
    if (result.spawnError !== undefined) {
      throw new SlipwayError(
        `could not run ${binary}: ${result.spawnError.code ?? result.spawnError.message}`,
        {
          where: 'buildx builder',
          fix: 'install the docker CLI with the buildx plugin, or use the buildah or files builder',
        },
      );
    }
    if (result.code !== 0) throw buildxFailure(result.stderr, command);
    const metadata = await readMetadata(command.metadataFile);
    return {
      builder: 'buildx',
      digest: metadata.digest,
      mediaType: metadata.mediaType ?? OCI_IMAGE_MANIFEST,
      ...(metadata.size === undefined ? {} : { size: metadata.size }),
      ...(options.output.type === 'layout'
        ? { layout: { dir: resolve(options.output.dir), tag: options.output.tag } }
        : { pushed: [...options.output.references] }),
    };
  } finally {
    await temporary.remove();
  }
}

/** The exact command `buildWithBuildx` runs; writes the private docker config into `work` when needed. */
export async function buildxCommand(
  options: BuildxOptions & { readonly binary: string; readonly env: NodeJS.ProcessEnv },
  work: string,
): Promise<BuildxCommand> {
  const { context, dockerfile } = await checkDockerfileInputs(options.context, options.dockerfile);
  const metadataFile = join(work, 'metadata.json');
  // docker reads `--secret id=…,env=NAME` from its own environment: those variables, and no other secret.
  const secretVariables = (options.secrets ?? []).flatMap((secret) =>
    secret.env === undefined ? [] : [secret.env],
  );
  const env = childEnvironment('builder', options.env, { pass: secretVariables });
  if (options.sourceDateEpoch !== undefined) env.SOURCE_DATE_EPOCH = String(options.sourceDateEpoch);
  const args: string[] = ['buildx', 'build'];
  if (options.builderName !== undefined) args.push('--builder', options.builderName);
  args.push('--file', dockerfile, '--metadata-file', metadataFile);
  if (options.platforms !== undefined && options.platforms.length > 0) {
    args.push('--platform', options.platforms.join(','));
  }
  if (options.target !== undefined) args.push('--target', options.target);
  for (const [key, value] of Object.entries(options.buildArgs ?? {}))
    args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(options.labels ?? {})) args.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(options.annotations ?? {}))
    args.push('--annotation', buildxAnnotation(key, value));
  for (const secret of options.secrets ?? []) args.push('--secret', secretSpec(secret, options.env));
  for (const spec of options.cacheFrom ?? []) args.push('--cache-from', cacheSpec(spec, 'from'));
  for (const spec of options.cacheTo ?? []) args.push('--cache-to', cacheSpec(spec, 'to'));
  if (options.provenance !== undefined) {
    args.push(`--provenance=${options.provenance}`);
  }
  if (options.sbom !== undefined) args.push(`--sbom=${options.sbom}`);
  if (options.noCache === true) args.push('--no-cache');
  if (options.pull === true) args.push('--pull');

  const output = options.output;
  if (output.type === 'layout') {
    args.push('--output', `type=oci,dest=${resolve(output.dir)},tar=false,name=${output.tag}`);
  } else {
    if (output.references.length === 0)
      throw new SlipwayError('no reference to push to', { where: 'buildx builder' });
    for (const reference of output.references) {
      parseReference(reference);
      args.push('--tag', reference);
    }
    args.push('--push');
    if (output.credentials !== undefined) {
      const original = options.env.DOCKER_CONFIG ?? join(options.env.HOME ?? homedir(), '.docker');
      const config = join(work, 'docker-config');
      const auth = Buffer.from(`${output.credentials.username}:${output.credentials.password}`).toString(
        'base64',
      );
      const hosts = new Set(output.references.map((reference) => parseReference(reference).domain));
      await mkdir(config, { recursive: true, mode: 0o700 });
      await writeFile(
        join(config, 'config.json'),
        JSON.stringify({
          auths: Object.fromEntries([...hosts].map((host) => [host, { auth }])),
          cliPluginsExtraDirs: [join(original, 'cli-plugins')],
        }),
        { mode: 0o600 },
      );
      env.DOCKER_CONFIG = config;
      env.BUILDX_CONFIG = options.env.BUILDX_CONFIG ?? join(original, 'buildx');
    }
  }
  args.push(context);
  return { binary: options.binary, args, env, metadataFile };
}

function secretSpec(secret: BuildSecret, env: NodeJS.ProcessEnv): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(secret.id)) {
    throw new SlipwayError(`build secret id "${secret.id}" is not valid`, {
      where: 'build secrets',
      fix: 'use letters, digits, "_", "." and "-"',
    });
  }
  if (secret.env !== undefined) {
    if (env[secret.env] === undefined) {
      throw new SlipwayError(`build secret "${secret.id}" reads ${secret.env}, which is not set`, {
        where: 'buildx builder',
        fix: `set ${secret.env} in the environment of the build step`,
      });
    }
    return `id=${secret.id},env=${secret.env}`;
  }
  return `id=${secret.id},src=${resolve(secret.src)}`;
}

/**
 * One `--annotation` value: on the image manifest (each platform's, in a multi-platform build), where the
 * files and buildah builders write them too, and as the build step's `annotations` output lists them. The
 * level is explicit: without one, buildx would read a `:` in the key as a level.
 */
export function buildxAnnotation(key: string, value: string): string {
  return `manifest:${key}=${value}`;
}

/** What buildx before 0.12 (no `--annotation` yet) answers: cobra's words for a flag it does not know. */
const OLD_BUILDX = /^unknown flag: --annotation\b/m;

/** A cache spec for `--cache-from` / `--cache-to`. */
export function cacheSpec(spec: CacheSpec, direction: 'from' | 'to'): string {
  if (typeof spec === 'string') return spec;
  parseReference(spec.ref);
  const parts = [`type=registry`, `ref=${spec.ref}`];
  if (direction === 'to') {
    parts.push(`mode=${spec.mode ?? 'max'}`);
    if (spec.imageManifest ?? isEcr(spec.ref)) parts.push('image-manifest=true', 'oci-mediatypes=true');
  }
  return parts.join(',');
}

function isEcr(reference: string): boolean {
  return /\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/.test(parseReference(reference).domain);
}

async function readMetadata(file: string): Promise<{ digest: string; mediaType?: string; size?: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SlipwayError('docker buildx wrote no metadata file', {
      where: 'buildx builder',
      fix: 'use docker buildx 0.9 or later (it writes --metadata-file)',
    });
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SlipwayError('docker buildx wrote a metadata file that is not JSON', { where: file });
  }
  const digest = data['containerimage.digest'];
  if (typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new SlipwayError('docker buildx reported no image digest (containerimage.digest)', {
      where: 'buildx builder',
      fix: 'push the image or export it (an image kept only in the builder cache has no digest)',
    });
  }
  const descriptor = data['containerimage.descriptor'] as { mediaType?: unknown; size?: unknown } | undefined;
  return {
    digest,
    ...(typeof descriptor?.mediaType === 'string' ? { mediaType: descriptor.mediaType } : {}),
    ...(typeof descriptor?.size === 'number' ? { size: descriptor.size } : {}),
  };
}

// What a docker CLI without the buildx plugin prints: `docker buildx` alone, and with flags (the docker CLI
// then parses `--file` as its own flag). Either way, docker's own words would not say what to install.
const NO_BUILDX = /'buildx' is not a docker command|unknown command: docker buildx|^unknown flag: --file\b/m;

function buildxFailure(stderr: string, command: BuildxCommand): SlipwayError {
  if (NO_BUILDX.test(stderr)) {
    return new SlipwayError(`the docker CLI (${command.binary}) has no buildx plugin: install buildx`, {
      where: 'buildx builder',
      fix: 'install buildx (the docker-buildx-plugin package, or docker/setup-buildx-action on GitHub), or use --builder buildah or --builder files',
    });
  }
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  const errorLine =
    [...lines].reverse().find((line) => /^(?:ERROR|error):?\s/.test(line)) ?? lines.at(-1) ?? '';
  const message = errorLine.replace(/^(?:ERROR|error):?\s*/, '').trim();
  const dockerfile = command.args[command.args.indexOf('--file') + 1] ?? 'Dockerfile';
  const line = /Dockerfile(?:\.[\w.-]+)?:(\d+)/.exec(stderr)?.[1];
  return new SlipwayError(`docker buildx build failed: ${message || 'no error output'}`, {
    where: line === undefined ? { file: dockerfile } : { file: dockerfile, line: Number(line) },
    fix: /docker daemon|Cannot connect|is the docker daemon running/i.test(stderr)
      ? 'no docker engine is reachable: start one, or use the buildah or files builder'
      : 'see the build log above',
  });
}
