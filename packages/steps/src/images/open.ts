import { SlipwayError } from '@slipway/errors';
import {
  formatLocation,
  type ImageLocation,
  type ImageRepository,
  openRepository,
  parseLocation,
} from '@slipway/oci';
import type { StepContext } from '../definition/step.js';

/** An image a step works on: where it lives, and the tag or digest asked for. */
export interface OpenedImage {
  readonly location: ImageLocation;
  readonly repository: ImageRepository;
  /** Tag or digest as given; undefined when neither was (then `latest`, as docker does). */
  readonly reference: string;
  /** The text the user gave, for messages. */
  readonly text: string;
}

export interface ImageAccess {
  readonly insecureRegistries: readonly string[];
}

/** Opens `text` (a registry reference or `oci:<dir>[:tag|@digest]`) with the caller's registry settings. */
export function openImage(text: string, access: ImageAccess, context: StepContext): OpenedImage {
  const location = parseLocation(text);
  const repository = openRepository(location, {
    insecureRegistries: access.insecureRegistries,
    env: context.env,
  });
  const reference =
    location.kind === 'registry'
      ? (location.reference.digest ?? location.reference.tag ?? 'latest')
      : (location.digest ?? location.tag ?? 'latest');
  return { location, repository, reference, text };
}

/** The manifest digest behind the image, or a clear error naming where it was looked for. */
export async function resolveDigest(image: OpenedImage): Promise<string> {
  const descriptor = await image.repository.resolve(image.reference);
  if (descriptor === undefined) {
    throw new SlipwayError(`image ${image.text} does not exist`, {
      where: image.repository.name,
      fix: 'check the repository and the tag or digest (push or build it first)',
    });
  }
  return descriptor.digest;
}

/** `repository@sha256:…`, the pinned name users copy. */
export function pinnedName(image: OpenedImage, digest: string): string {
  if (image.location.kind === 'layout')
    return formatLocation({ kind: 'layout', path: image.location.path, digest });
  return `${image.repository.name}@${digest}`;
}
