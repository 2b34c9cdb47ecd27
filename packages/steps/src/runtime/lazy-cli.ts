import type { Step } from '../definition/step.js';
import type { StepSurface } from '../definition/surface.js';
import { type CliIo, runCommands } from './cli.js';

export interface LazySteps {
  /** Every step's surface, in the order `slipway --help` lists them. */
  readonly surfaces: () => Promise<readonly StepSurface[]>;
  readonly loaders: Readonly<Record<string, () => Promise<Step>>>;
}

/**
 * `runCli` that loads only the step a command runs (start-up time is most of a short command's wall time),
 * and none for `--version`, `--help`, the command list or an unknown command, which the surfaces answer.
 * A command that runs parses its flags against the loaded step itself: the surfaces are the same facts
 * (a test keeps them equal), and reading them too would cost the run.
 */
export async function runCliLazily(
  steps: LazySteps,
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const [command, ...rest] = argv;
  const loader =
    command !== undefined && Object.hasOwn(steps.loaders, command) ? steps.loaders[command] : undefined;
  if (loader !== undefined && !rest.some((arg) => arg === '--help' || arg === '-h')) {
    const step = await loader();
    return runCommands({ surfaces: [step], load: async () => step }, argv, io, version);
  }
  const load = async (name: string): Promise<Step> => {
    const named = Object.hasOwn(steps.loaders, name) ? steps.loaders[name] : undefined;
    // The surfaces and the loaders are written from the same step list (a test keeps them equal).
    if (named === undefined) throw new Error(`step ${name} has a surface but no loader`);
    return named();
  };
  return runCommands({ surfaces: await steps.surfaces(), load }, argv, io, version);
}
