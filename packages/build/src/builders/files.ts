// The native builder: a directory becomes one deterministic layer on top of a base image (scratch, an OCI
// layout or a registry image), with an OCI config and manifest written straight into the destination
// repositories. No daemon, no Dockerfile: the same directory and options give the same digest anywhere.

import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { TransferProgress } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { type Descriptor, type ImageRepository, OCI_IMAGE_MANIFEST } from '@slipway/oci';
import { temporaryDirectory } from '@slipway/process';
import {
  type BaseImage,
  bytesContent,
  type ContainerConfig,
  formatPlatform,
  type ImageConfigDocument,
  OCI_IMAGE_CONFIG,
  type Platform,
  parsePlatform,
  readBase,
  scratchBase,
  sha256,
  storedManifest,
  transferBlob,
} from '../image.js';
import { collectEntries, type LayerFile, writeLayer } from '../tar.js';
import type { BuiltImage, LogSink } from './types.js';

/** What the image runs and how: the Dockerfile instructions that do not add files. */
export interface FilesImageConfig {
  readonly entrypoint?: readonly string[] | undefined;
  readonly cmd?: readonly string[] | undefined;
  /** Added to (or replacing by name) the base's environment. */
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly workdir?: string | undefined;
  readonly user?: string | undefined;
  /** Merged over the base's labels. */
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** `8080`, `8080/tcp`, `53/udp`. */
  readonly exposedPorts?: readonly string[] | undefined;
}

/** A base already opened by the caller. */
export interface OpenedBase {
  readonly repository: ImageRepository;
  /** Tag or digest in that repository. */
  readonly reference: string;
}

export interface FilesBuildOptions {
  /** The directory whose content becomes the layer. */
  readonly context: string;
  /** Where the directory's content lands in the image. Default `/`. */
  readonly destination?: string | undefined;
  /** Default scratch. */
  readonly base?: 'scratch' | OpenedBase | undefined;
  /** For scratch, or to pick one image from a multi-platform base. Default: the base's, or `linux/amd64`. */
  readonly platform?: string | undefined;
  readonly config?: FilesImageConfig | undefined;
  /** OCI manifest annotations; the base image's `org.opencontainers.image.base.*` ones are added to them. */
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** Every file's mtime and the config's `created`. Default 0 (1970-01-01). */
  readonly sourceDateEpoch?: number | undefined;
  /** `gzip` (default) or `none` (an uncompressed layer: bytes independent of the zlib build). */
  readonly compression?: 'gzip' | 'none' | undefined;
  /** Where the image is written, with the tags each gets (may be empty: by digest only). */
  readonly targets: readonly { readonly repository: ImageRepository; readonly tags: readonly string[] }[];
  readonly tmpDir?: string | undefined;
  readonly onLog?: LogSink | undefined;
  /** Byte progress of the long parts: the layer being written, then its upload to each target. */
  readonly onTransfer?: ((update: TransferProgress) => void) | undefined;
}

export interface FilesBuiltImage extends BuiltImage {
  readonly builder: 'files';
  readonly config: Descriptor;
  readonly layer: Descriptor & { readonly diffId: string };
  readonly manifest: Uint8Array;
  readonly platform: string;
}

const DOCKER_LAYER_TYPES: Record<string, string> = {
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
    'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip',
};

export async function buildFiles(options: FilesBuildOptions): Promise<FilesBuiltImage> {
  if (options.targets.length === 0) {
    throw new SlipwayError('the files builder was given no destination', { where: 'files builder' });
  }
  const epoch = options.sourceDateEpoch ?? 0;
  const created = new Date(epoch * 1000).toISOString();
  const wanted = options.platform === undefined ? undefined : parsePlatform(options.platform);
  const base: BaseImage =
    options.base === undefined || options.base === 'scratch'
      ? scratchBase(wanted ?? { os: 'linux', architecture: 'amd64' })
      : await readBase(options.base.repository, options.base.reference, wanted);
  const platform: Platform = {
    os: base.config.os,
    architecture: base.config.architecture,
    ...(base.config.variant === undefined ? {} : { variant: base.config.variant }),
  };

  const entries = await collectEntries(options.context, { destination: options.destination });
  // Removed in `finally`, or by a cancelled run's cleanup (it may hold registry credentials).
  const temporary = await temporaryDirectory('slipway-files-', options.tmpDir);
  const work = temporary.path;
  try {
    options.onLog?.(`files: ${entries.length} entries from ${options.context} on ${base.name}`);
    const transfer = options.onTransfer ?? (() => {});
    const layer = await writeLayer(entries, join(work, 'layer'), {
      mtime: epoch,
      compression: options.compression ?? 'gzip',
      onContent: (done, total) => transfer({ label: `layer from ${options.context}`, done, total }),
    });
    const config = imageConfig(base, layer, options.config, created);
    const configBytes = new Uint8Array(Buffer.from(JSON.stringify(config)));
    const configDescriptor: Descriptor = {
      mediaType: OCI_IMAGE_CONFIG,
      digest: sha256(configBytes),
      size: configBytes.length,
    };
    const layerDescriptor: Descriptor = {
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
    };
    const baseLayers = base.layers.map((descriptor) => ({
      ...descriptor,
      mediaType: DOCKER_LAYER_TYPES[descriptor.mediaType] ?? descriptor.mediaType,
    }));
    const manifest = storedManifest(
      {
        schemaVersion: 2,
        mediaType: OCI_IMAGE_MANIFEST,
        config: configDescriptor,
        layers: [...baseLayers, layerDescriptor],
        ...manifestAnnotations(options.annotations, base),
      },
      OCI_IMAGE_MANIFEST,
    );

    for (const target of options.targets) {
      const repository = target.repository;
      if (base.repository !== undefined) {
        for (const blob of base.layers) await transferBlob(blob, base.repository, repository);
      }
      if (!(await repository.hasBlob(layer.digest))) {
        await repository.putBlob(layerDescriptor, async () => ({
          size: layer.size,
          stream: reported(createReadStream(layer.path), (done) =>
            transfer({ label: `push to ${repository.name}`, done, total: layer.size }),
          ),
        }));
      }
      if (!(await repository.hasBlob(configDescriptor.digest))) {
        await repository.putBlob(configDescriptor, async () => bytesContent(configBytes));
      }
      await repository.putManifest(manifest, target.tags);
      options.onLog?.(`files: wrote ${manifest.digest} to ${repository.name}`);
    }
    return {
      builder: 'files',
      digest: manifest.digest,
      mediaType: OCI_IMAGE_MANIFEST,
      size: manifest.bytes.length,
      config: configDescriptor,
      layer: { ...layerDescriptor, diffId: layer.diffId },
      manifest: manifest.bytes,
      platform: formatPlatform(platform),
    };
  } finally {
    await temporary.remove();
  }
}

function imageConfig(
  base: BaseImage,
  layer: LayerFile,
  settings: FilesImageConfig | undefined,
  created: string,
): ImageConfigDocument {
  const inherited: ContainerConfig = { ...(base.config.config ?? {}) };
  const container: ContainerConfig = { ...inherited };
  if (settings?.user !== undefined) container.User = settings.user;
  if (settings?.exposedPorts !== undefined && settings.exposedPorts.length > 0) {
    const ports: Record<string, Record<string, never>> = { ...(inherited.ExposedPorts ?? {}) };
    for (const port of settings.exposedPorts) ports[normalisePort(port)] = {};
    container.ExposedPorts = ports;
  }
  if (settings?.env !== undefined) container.Env = mergeEnv(inherited.Env ?? [], settings.env);
  if (settings?.entrypoint !== undefined) {
    container.Entrypoint = [...settings.entrypoint];
    // As in a Dockerfile: a new ENTRYPOINT clears the base's CMD unless CMD is set too.
    if (settings.cmd === undefined) container.Cmd = null;
  }
  if (settings?.cmd !== undefined) container.Cmd = [...settings.cmd];
  if (settings?.workdir !== undefined) {
    if (!settings.workdir.startsWith('/')) {
      throw new SlipwayError(`workdir "${settings.workdir}" is not an absolute path`, {
        where: 'files builder',
        fix: 'write it like /app',
      });
    }
    container.WorkingDir = settings.workdir;
  }
  if (settings?.labels !== undefined) container.Labels = { ...(inherited.Labels ?? {}), ...settings.labels };
  for (const key of Object.keys(container)) if (container[key] === undefined) delete container[key];

  return {
    ...base.config,
    created,
    architecture: base.config.architecture,
    os: base.config.os,
    config: container,
    rootfs: { type: 'layers', diff_ids: [...base.config.rootfs.diff_ids, layer.diffId] },
    history: [...(base.config.history ?? []), { created, created_by: 'slipway build (files)' }],
  };
}

function mergeEnv(base: readonly string[], extra: Readonly<Record<string, string>>): string[] {
  const out = [...base];
  for (const [name, value] of Object.entries(extra)) {
    if (name === '' || name.includes('=')) {
      throw new SlipwayError(`environment variable name "${name}" is not valid`, { where: 'files builder' });
    }
    const index = out.findIndex((entry) => entry.split('=', 1)[0] === name);
    if (index >= 0) out[index] = `${name}=${value}`;
    else out.push(`${name}=${value}`);
  }
  return out;
}

function normalisePort(port: string): string {
  const match = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(port.trim());
  const number = Number(match?.[1]);
  if (match === null || number < 1 || number > 65535) {
    throw new SlipwayError(`exposed port "${port}" is not valid`, {
      where: 'files builder',
      fix: 'write it like 8080 or 8080/tcp or 53/udp',
    });
  }
  return `${number}/${match[2] ?? 'tcp'}`;
}

/** The manifest's `annotations`, left out when there are none, so a build without them keeps its bytes. */
function manifestAnnotations(
  given: Readonly<Record<string, string>> | undefined,
  base: Pick<BaseImage, 'digest' | 'name'>,
): { annotations?: Record<string, string> } {
  const annotations: Record<string, string> = { ...given };
  if (base.digest !== undefined) {
    annotations['org.opencontainers.image.base.digest'] = base.digest;
    annotations['org.opencontainers.image.base.name'] = base.name;
  }
  return Object.keys(annotations).length === 0 ? {} : { annotations };
}

/** The same bytes, telling `moved` how many have gone by after each chunk. */
async function* reported(
  stream: AsyncIterable<Buffer | Uint8Array>,
  moved: (done: number) => void,
): AsyncGenerator<Uint8Array> {
  let done = 0;
  for await (const chunk of stream) {
    done += chunk.byteLength;
    moved(done);
    yield chunk;
  }
}
