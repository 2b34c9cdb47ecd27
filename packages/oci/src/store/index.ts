// Image stores: registry repositories and OCI image layouts behind one interface, and copying between them.

import type { RegistryClientOptions } from '../registry/client.js';
import { LayoutRepository } from './layout.js';
import type { ImageLocation } from './location.js';
import type { ImageRepository } from './types.js';

export { LayoutRepository, REF_NAME_ANNOTATION } from './layout.js';
export { formatLocation, type ImageLocation, parseLocation } from './location.js';
export { type ParsedManifest, parseManifest, referrersTag } from './manifest.js';
export * from './types.js';

export interface OpenOptions extends RegistryClientOptions {}

/** The repository a location names (its tag or digest is not part of it: pass it to `resolve`). */
export function openRepository(location: ImageLocation, _options: OpenOptions = {}): ImageRepository {
  if (location.kind === 'layout') return new LayoutRepository(location.path);
  throw new Error('registry repositories are not wired yet');
}
