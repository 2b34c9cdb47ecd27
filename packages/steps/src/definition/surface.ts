import type { InputMeta } from './inputs.js';
import type { OutputMeta, Step } from './step.js';

/**
 * What the CLI knows of a step before it loads it: enough to parse its flags, refuse secrets on argv and
 * print its help. Loading a step loads its domain packages (git, registries, signing: most of a short
 * command's start-up), so `--help`, the command list and flag errors use this instead; `surfaces.generated.ts`
 * holds it for every step, written from the definitions by `pnpm gen:actions`.
 */
export interface StepSurface {
  readonly name: string;
  readonly description: string;
  readonly positionals: readonly string[];
  readonly inputs: Readonly<Record<string, { readonly meta: InputMeta }>>;
  readonly outputs: Readonly<Record<string, OutputMeta>>;
  readonly secretEnv: readonly string[];
  readonly secretEnvReferences: readonly string[];
}

/** A step's surface, as plain data (no parsers), in the shape `surfaces.generated.ts` holds. */
export function surfaceOf(step: Step): StepSurface {
  return {
    name: step.name,
    description: step.description,
    positionals: step.positionals,
    inputs: Object.fromEntries(
      Object.entries(step.inputs).map(([name, spec]) => [name, { meta: spec.meta }]),
    ),
    outputs: step.outputs,
    secretEnv: step.secretEnv,
    secretEnvReferences: step.secretEnvReferences,
  };
}
