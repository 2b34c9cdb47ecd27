// Daemonless Dockerfile builds with buildah (vfs storage, chroot isolation: no daemon, no privileges
// beyond what a CI container has):
//
//   buildah --storage-driver vfs bud --isolation chroot -f <Dockerfile> -t <local> [--build-arg K=V]…
//     [--platform …] [--target …] [--label …] [--secret id=…,src=<file>] [--timestamp <epoch>] <context>
//   buildah --storage-driver vfs push --digestfile <f> <local> oci:<dir>:<tag>          (a layout)
//   buildah --storage-driver vfs push --digestfile <f> --authfile <f> <local> docker://<ref>  (a registry)
//
// Secrets never go on argv: `env` secrets are written to private files and passed as `src=`; registry
// credentials go into a private auth file.

import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type FileLocation, SlipwayError } from '@slipway/errors';
import { OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, parseReference } from '@slipway/oci';
import { childEnvironment, findProgram, runTool, temporaryDirectory } from '@slipway/process';
import { checkDockerfileInputs, isLoopback } from './common.js';
import type { BuiltImage, DockerfileBuildRequest } from './types.js';

export interface BuildahOptions extends DockerfileBuildRequest {
  /** Default `buildah` on the PATH. */
  readonly binary?: string | undefined;
  /** Default `vfs`: works in unprivileged containers, without fuse-overlayfs. */
  readonly storageDriver?: string | undefined;
  /** Default `chroot`. */
  readonly isolation?: string | undefined;
  /** Private storage (`--root`, `--runroot`), e.g. per test. Default: buildah's. */
  readonly storageRoot?: string | undefined;
  readonly tmpDir?: string | undefined;
}

export async function buildWithBuildah(options: BuildahOptions): Promise<BuiltImage> {
  const env = options.env ?? process.env;
  const binary = options.binary ?? findProgram('buildah', env);
  if (binary === undefined) {
    throw new SlipwayError('buildah is not installed', {
      where: 'buildah builder',
      fix: 'install it (apt-get install -y buildah), or use the buildx or files builder',
    });
  }
  const { context, dockerfile } = await checkDockerfileInputs(options.context, options.dockerfile);
  const global = [
    '--storage-driver',
    options.storageDriver ?? 'vfs',
    ...(options.storageRoot === undefined
      ? []
      : ['--root', join(options.storageRoot, 'root'), '--runroot', join(options.storageRoot, 'run')]),
  ];
  const platforms = options.platforms ?? [];
  const multi = platforms.length > 1;
  const local = `localhost/slipway-build-${randomBytes(6).toString('hex')}:latest`;
  // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
  const temporary = await temporaryDirectory('slipway-buildah-', options.tmpDir);
  const work = temporary.path;
  await chmod(work, 0o700);
  // Through @actions/exec (runTool): its output streams to the log; a cancelled run waits for it to stop.
  const run = (args: string[]) =>
    runTool(binary, [...global, ...args], {
      // Build secrets reach buildah as private files (below), never through its environment.
      env: childEnvironment('builder', env),
      onLine: options.onLog,
    });

  try {
    const secretArgs: string[] = [];
    for (const [index, secret] of (options.secrets ?? []).entries()) {
      checkSecretId(secret.id);
      let src: string;
      if (secret.env !== undefined) {
        const value = env[secret.env];
        if (value === undefined) {
          throw new SlipwayError(`build secret "${secret.id}" reads ${secret.env}, which is not set`, {
            where: 'buildah builder',
            fix: `set ${secret.env} in the environment of the build step`,
          });
        }
        src = join(work, `secret-${index}`);
        await writeFile(src, value, { mode: 0o600 });
      } else {
        src = resolve(secret.src);
      }
      secretArgs.push('--secret', `id=${secret.id},src=${src}`);
    }

    const bud = [
      'bud',
      '--isolation',
      options.isolation ?? 'chroot',
      '-f',
      dockerfile,
      ...(multi ? ['--manifest', local] : ['-t', local]),
      ...Object.entries(options.buildArgs ?? {}).flatMap(([key, value]) => [
        '--build-arg',
        `${key}=${value}`,
      ]),
      ...(platforms.length === 0 ? [] : ['--platform', platforms.join(',')]),
      ...(options.target === undefined ? [] : ['--target', options.target]),
      ...Object.entries(options.labels ?? {}).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
      ...Object.entries(options.annotations ?? {}).flatMap(([key, value]) => [
        '--annotation',
        `${key}=${value}`,
      ]),
      ...secretArgs,
      ...(options.sourceDateEpoch === undefined ? [] : ['--timestamp', String(options.sourceDateEpoch)]),
      context,
    ];
    const built = await run(bud);
    if (built.spawnError !== undefined) throw spawnFailure(binary, built.spawnError);
    if (built.code !== 0) throw await buildFailure(built.stderr, dockerfile);

    const digestFile = join(work, 'digest');
    const pushArgs: string[] = ['--digestfile', digestFile];
    const destinations: string[] = [];
    let mediaType = multi ? OCI_IMAGE_INDEX : OCI_IMAGE_MANIFEST;
    if (options.output.type === 'layout') {
      destinations.push(`oci:${resolve(options.output.dir)}:${options.output.tag}`);
    } else {
      const output = options.output;
      if (output.references.length === 0) {
        throw new SlipwayError('no reference to push to', { where: 'buildah builder' });
      }
      const hosts = new Set(output.references.map((reference) => parseReference(reference).domain));
      if (output.credentials !== undefined) {
        const authFile = join(work, 'auth.json');
        const auth = Buffer.from(`${output.credentials.username}:${output.credentials.password}`).toString(
          'base64',
        );
        const auths = Object.fromEntries([...hosts].map((host) => [host, { auth }]));
        await writeFile(authFile, JSON.stringify({ auths }), { mode: 0o600 });
        pushArgs.push('--authfile', authFile);
      }
      if (output.insecure === true || [...hosts].every(isLoopback)) pushArgs.push('--tls-verify=false');
      for (const reference of output.references) destinations.push(`docker://${reference}`);
    }
    let digest: string | undefined;
    for (const destination of destinations) {
      const pushed = await run(
        multi
          ? ['manifest', 'push', '--all', ...pushArgs, local, destination]
          : ['push', ...pushArgs, local, destination],
      );
      if (pushed.code !== 0) {
        throw new SlipwayError(`buildah could not push to ${destination}: ${lastError(pushed.stderr)}`, {
          where: destination.replace(/^docker:\/\//, ''),
          fix: 'check the destination, its credentials and that the registry is reachable',
        });
      }
      digest = (await readFile(digestFile, 'utf8')).trim();
    }
    if (digest === undefined || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new SlipwayError(`buildah reported no image digest (got "${digest ?? ''}")`, {
        where: 'buildah builder',
      });
    }
    if (options.output.type === 'layout') {
      mediaType = (await layoutMediaType(options.output.dir, digest)) ?? mediaType;
    }
    return {
      builder: 'buildah',
      digest,
      mediaType,
      ...(options.output.type === 'layout'
        ? { layout: { dir: resolve(options.output.dir), tag: options.output.tag } }
        : { pushed: [...options.output.references] }),
    };
  } finally {
    await run(multi ? ['manifest', 'rm', local] : ['rmi', '-f', local]).catch(() => undefined);
    await temporary.remove();
  }
}

async function layoutMediaType(dir: string, digest: string): Promise<string | undefined> {
  try {
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      manifests?: { digest?: string; mediaType?: string }[];
    };
    return index.manifests?.find((entry) => entry.digest === digest)?.mediaType;
  } catch {
    return undefined;
  }
}

function checkSecretId(id: string): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
    throw new SlipwayError(`build secret id "${id}" is not valid`, {
      where: 'build secrets',
      fix: 'use letters, digits, "_", "." and "-"',
    });
  }
}

function spawnFailure(binary: string, error: NodeJS.ErrnoException): SlipwayError {
  return new SlipwayError(`could not run ${binary}: ${error.code ?? error.message}`, {
    where: 'buildah builder',
    fix: 'install buildah (apt-get install -y buildah), or use the buildx or files builder',
  });
}

/** The builder's own words for a failed build, without Go struct dumps, and the Dockerfile line when found. */
async function buildFailure(stderr: string, dockerfile: string): Promise<SlipwayError> {
  const message = lastError(stderr);
  let where: FileLocation = { file: dockerfile };
  const original = /Original:"((?:[^"\\]|\\.)*)"/.exec(stderr)?.[1];
  const step = /STEP "([^"]*)"/.exec(message)?.[1]?.trim();
  try {
    const lines = (await readFile(dockerfile, 'utf8')).split(/\r?\n/);
    const needle = original !== undefined ? JSON.parse(`"${original}"`) : step;
    if (typeof needle === 'string' && needle !== '') {
      const index = lines.findIndex(
        (line) => line.trim() === needle.trim() || line.trim().startsWith(needle),
      );
      if (index >= 0) where = { file: dockerfile, line: index + 1 };
    }
  } catch {
    // keep the file name alone
  }
  return new SlipwayError(`buildah build failed: ${message}`, {
    where,
    fix: 'fix the Dockerfile instruction named above (only FROM scratch or local base images can be used without a registry)',
  });
}

/** The last `Error: …` line of buildah's stderr, cleaned of `&imagebuilder.Step{…}` dumps. */
export function lastError(stderr: string): string {
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  const errorLine =
    [...lines].reverse().find((line) => line.startsWith('Error: ')) ?? lines.at(-1) ?? 'no output';
  return errorLine
    .replace(/^Error: /, '')
    .replace(/\s*&\w+\.\w+\{.*$/, '')
    .trim();
}
