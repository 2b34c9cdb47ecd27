// Image stores: registry repositories and OCI image layouts behind one interface, and copying between them.

import { join, resolve } from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { LayoutRepository } from './layout.js';
import type { ImageLocation } from './location.js';
import { RegistryRepository, type RegistryRepositoryOptions } from './registry.js';
import type { ImageRepository } from './types.js';

export { type CopyOptions, type CopyProgress, type CopyResult, copiedBytes, copyImage } from './copy.js';
export { LayoutRepository, REF_NAME_ANNOTATION } from './layout.js';
export { formatLocation, type ImageLocation, parseLocation } from './location.js';
export { type ParsedManifest, parseManifest, referrersTag } from './manifest.js';
export { RegistryRepository, type RegistryRepositoryOptions, SINGLE_REQUEST_LIMIT } from './registry.js';
export * from './types.js';

/** Registry client options (credentials, insecure registries, retries), plus upload chunking. */
export interface OpenOptions extends RegistryRepositoryOptions {
  /**
   * Registry hosts served from local OCI layout stores: `registry.example.com/shop/cart` lives in the layout
   * `<dir>/shop/cart` and keeps its registry name (for signatures' identities). For offline runs and demos.
   */
  readonly localRegistries?: Readonly<Record<string, string>> | undefined;
}

/** The repository a location names (its tag or digest is not part of it: pass it to `resolve`). */
export function openRepository(location: ImageLocation, options: OpenOptions = {}): ImageRepository {
  if (location.kind === 'layout') return new LayoutRepository(location.path);
  const { domain, path, repository } = location.reference;
  const store = options.localRegistries?.[domain];
  if (store !== undefined) return new LayoutRepository(join(store, ...path.split('/')), repository);
  return new RegistryRepository(domain, path, options);
}

/** `host=dir` pairs (comma- or newline-separated), as `SLIPWAY_LOCAL_REGISTRY` holds them. */
export function parseLocalRegistries(text: string | undefined): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const pair of (text ?? '')
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new SlipwayError(`local registry "${pair}" is not host=directory`, {
        where: 'SLIPWAY_LOCAL_REGISTRY',
        fix: 'write it like registry.example.com=./store (several separated by commas)',
      });
    }
    stores[pair.slice(0, eq).toLowerCase()] = resolve(pair.slice(eq + 1));
  }
  return stores;
}
