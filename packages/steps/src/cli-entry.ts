// What the `slipway` command needs, without the eager step list of the package index.
import type { StepSurface } from './definition/surface.js';

export { stepLoaders } from './catalog.js';
export type { CliIo } from './runtime/cli.js';
export { runCliLazily } from './runtime/lazy-cli.js';

/** The step surfaces, loaded for help and the command list only. */
export async function loadStepSurfaces(): Promise<readonly StepSurface[]> {
  return (await import('./surfaces.generated.js')).stepSurfaces;
}
