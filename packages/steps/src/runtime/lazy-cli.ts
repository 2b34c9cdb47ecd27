import type { Step } from '../definition/step.js';
import type { StepSurface } from '../definition/surface.js';
import { type CliIo, runCommands } from './cli.js';

export interface LazySteps {
  /** Every step's surface, in the order `slipway --help` lists them. */
  readonly surfaces: readonly StepSurface[];
  readonly loaders: Readonly<Record<string, () => Promise<Step>>>;
}

/**
 * `runCli` that loads only the step the command runs (start-up time is most of a short command's wall
 * time): none for `--version`, `--help`, the command list or a flag error, which the surfaces answer.
 */
export async function runCliLazily(
  steps: LazySteps,
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const load = async (name: string): Promise<Step> => {
    const loader = Object.hasOwn(steps.loaders, name) ? steps.loaders[name] : undefined;
    // The surfaces and the loaders are written from the same step list (a test keeps them equal).
    if (loader === undefined) throw new Error(`step ${name} has a surface but no loader`);
    return loader();
  };
  return runCommands({ surfaces: steps.surfaces, load }, argv, io, version);
}
