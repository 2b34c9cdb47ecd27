import type { Step } from '../definition/step.js';
import { type CliIo, runCli } from './cli.js';

export interface LazySteps {
  readonly loaders: Readonly<Record<string, () => Promise<Step>>>;
  readonly loadAll: () => Promise<readonly Step[]>;
}

/**
 * `runCli` that loads only the step the command names (start-up time is most of a short command's
 * wall time), and none for `--version`; help or an unknown command load every step, to list them.
 */
export async function runCliLazily(
  steps: LazySteps,
  argv: readonly string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const command = argv[0];
  if (command === '--version' || command === '-v') return runCli([], argv, io, version);
  const load =
    command === undefined
      ? undefined
      : Object.hasOwn(steps.loaders, command)
        ? steps.loaders[command]
        : undefined;
  const loaded = load === undefined ? await steps.loadAll() : [await load()];
  return runCli(loaded, argv, io, version);
}
