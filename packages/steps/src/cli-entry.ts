// What the `slipway` command needs, without the eager step list of the package index.
export { stepLoaders } from './catalog.js';
export type { CliIo } from './runtime/cli.js';
export { runCliLazily } from './runtime/lazy-cli.js';
export { stepSurfaces } from './surfaces.generated.js';
