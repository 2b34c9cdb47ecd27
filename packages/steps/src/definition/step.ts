import type { CiContext, Reporter } from '@slipway/ci';
import { type Face, MissingTokenError, type SlipwayError } from '@slipway/errors';
import { type InputTable, type InputValues, parseInputs, type RawValue } from './inputs.js';

export interface OutputMeta {
  readonly description: string;
}

/** What a step sees of the world it runs in. */
export interface StepContext {
  readonly ci: CiContext;
  readonly reporter: Reporter;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Which face runs the step, for fixes that differ between them (how to give a token); default `cli`. */
  readonly face?: Face;
}

/**
 * One step, defined once. The GitHub action, its action.yml and the `slipway <name>` subcommand are all
 * derived from this: inputs and their parsing, the work, the outputs and the human summary.
 */
export interface StepDefinition<I extends InputTable, P, R> {
  readonly name: string;
  /** action.yml `name`. */
  readonly title: string;
  readonly description: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly inputs: I;
  /** Inputs the CLI also takes as positional arguments, in order (`slipway copy SRC DST`). */
  readonly positionals?: readonly (keyof I & string)[];
  /** A CLI-only step (like `context`) has no GitHub action. */
  readonly cliOnly?: boolean;
  /** Secret environment variables the step reads itself, not through an input (a key's password). */
  readonly secretEnv?: readonly string[];
  /** Inputs whose `env://NAME` value names a variable holding a secret (a private key's PEM). */
  readonly secretEnvReferences?: readonly (keyof I & string)[];
  readonly outputs: Readonly<Record<string, OutputMeta>>;
  /** Turns typed input values into the step's parameters (domain types), or throws a SlipwayError. */
  prepare(values: InputValues<I>, context: StepContext): P;
  run(params: P, context: StepContext): Promise<R>;
  /** Action outputs, by the names in `outputs`. */
  outputValues(result: R, context: StepContext): Record<string, string>;
  /** What `--json` prints. */
  json(result: R): unknown;
  /** Markdown for the step summary. */
  summary(result: R, context: StepContext): string;
  /** Plain text for a terminal, printed on stdout when `--json` is not given. */
  text(result: R): string;
  /**
   * A result that is reported in full and still fails the step (`history --verify` finding a claim that
   * does not hold): the faces print or set everything, then report this error and exit non-zero.
   */
  failure?(result: R): SlipwayError | undefined;
}

/** What a face gets back from running a step: everything it needs to print or set. */
export interface StepResult {
  readonly outputs: Record<string, string>;
  readonly json: unknown;
  readonly summary: string;
  readonly text: string;
  /** Set when the step ran to the end and still fails (see `StepDefinition.failure`). */
  readonly failure?: SlipwayError;
}

/** A step with its types sealed in, so faces can hold many steps in one list. */
export interface Step {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly inputs: InputTable;
  readonly positionals: readonly string[];
  readonly cliOnly: boolean;
  /** The faces mask these variables' values, like secret inputs, before anything prints. */
  readonly secretEnv: readonly string[];
  /** Inputs whose `env://NAME` value names a secret variable, which the faces mask too. */
  readonly secretEnvReferences: readonly string[];
  readonly outputs: Readonly<Record<string, OutputMeta>>;
  /** Parses raw input values (naming them with `spell` in errors), runs, and renders the result. */
  execute(
    raw: Readonly<Record<string, RawValue>>,
    spell: (name: string) => string,
    context: StepContext,
  ): Promise<StepResult>;
}

export function defineStep<I extends InputTable, P, R>(definition: StepDefinition<I, P, R>): Step {
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    branding: definition.branding,
    inputs: definition.inputs,
    positionals: definition.positionals ?? [],
    cliOnly: definition.cliOnly ?? false,
    secretEnv: definition.secretEnv ?? [],
    secretEnvReferences: definition.secretEnvReferences ?? [],
    outputs: definition.outputs,
    async execute(raw, spell, context) {
      let result: R;
      try {
        const values = parseInputs(definition.inputs, raw, context.env, spell);
        result = await definition.run(definition.prepare(values, context), context);
      } catch (error) {
        throw error instanceof MissingTokenError ? error.forFace(context.face ?? 'cli') : error;
      }
      const failure = definition.failure?.(result);
      return {
        outputs: definition.outputValues(result, context),
        json: definition.json(result),
        summary: definition.summary(result, context),
        text: definition.text(result),
        ...(failure === undefined ? {} : { failure }),
      };
    },
  };
}
