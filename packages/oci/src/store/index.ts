// Image stores: registry repositories and OCI image layouts behind one interface, and copying between them.

import { LayoutRepository } from './layout.js';
import type { ImageLocation } from './location.js';
import { RegistryRepository, type RegistryRepositoryOptions } from './registry.js';
import type { ImageRepository } from './types.js';

export { type CopyOptions, type CopyProgress, type CopyResult, copyImage } from './copy.js';
export { LayoutRepository, REF_NAME_ANNOTATION } from './layout.js';
export { formatLocation, type ImageLocation, parseLocation } from './location.js';
export { type ParsedManifest, parseManifest, referrersTag } from './manifest.js';
export { DEFAULT_CHUNK_SIZE, RegistryRepository, type RegistryRepositoryOptions } from './registry.js';
export * from './types.js';

/** Registry client options (credentials, insecure registries, retries), plus upload chunking. */
export interface OpenOptions extends RegistryRepositoryOptions {}

/** The repository a location names (its tag or digest is not part of it: pass it to `resolve`). */
export function openRepository(location: ImageLocation, options: OpenOptions = {}): ImageRepository {
  if (location.kind === 'layout') return new LayoutRepository(location.path);
  return new RegistryRepository(location.reference.domain, location.reference.path, options);
}
