import { detectContext, loadGithubReporter, type Reporter } from '@slipway/ci';
import { describeError } from '@slipway/errors';
import type { RawValue } from '../definition/inputs.js';
import type { Step } from '../definition/step.js';
import { exitOnCancel } from './cancellation.js';
import { failureSummary } from './failure-summary.js';
import { errorLocation } from './location.js';
import { secretsToMask } from './secrets.js';

/** The runner's name for an input's variable: uppercase, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Runs a step as a GitHub JavaScript action: inputs from `INPUT_*`, outputs to `GITHUB_OUTPUT`, the summary
 * to `GITHUB_STEP_SUMMARY`, failures as an `::error` annotation (at the file and line the error names), a
 * summary saying what failed, where and the fix, and exit code 1. Secret inputs (given or from
 * their environment fallbacks), credentials written into a URL input, and the secret environment variables the
 * step declares (a key's password, the PEM an `env://NAME` key input names) are masked before anything prints.
 */
export async function runAction(step: Step, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const reporter = await loadGithubReporter();
  const raw: Record<string, RawValue> = {};
  const given = (name: string): (string | undefined)[] => [
    env[inputVariable(name)],
    ...(step.inputs[name]?.meta.env ?? []).map((key) => env[key]),
  ];
  for (const name of Object.keys(step.inputs)) {
    const value = env[inputVariable(name)];
    raw[name] = value === '' ? undefined : value;
  }
  const secrets = secretsToMask(step, given, env);
  for (const secret of secrets) reporter.mask(secret);
  const stopHandlingCancel = exitOnCancel((line) => reporter.info(line));
  try {
    const context = { ci: detectContext(env), reporter, env, cwd: process.cwd(), face: 'action' as const };
    const result = await step.execute(raw, (name) => `input "${name}"`, context);
    for (const [name, value] of Object.entries(result.outputs)) reporter.setOutput(name, value);
    await reporter.writeSummary(
      result.failure === undefined
        ? result.summary
        : `${failureSummary(step.title, result.failure, secrets)}\n${result.summary}`,
    );
    reporter.info(result.text);
    if (result.failure !== undefined) {
      reporter.error(describeError(result.failure), errorLocation(result.failure));
      process.exitCode = 1;
    }
  } catch (error) {
    reporter.error(describeError(error), errorLocation(error));
    await writeFailureSummary(reporter, failureSummary(step.title, error, secrets));
    if (env.RUNNER_DEBUG === '1' && error instanceof Error && error.stack !== undefined)
      reporter.info(error.stack);
    process.exitCode = 1;
  } finally {
    stopHandlingCancel();
  }
}

/** A summary that cannot be written must not hide the error it reports, which is already annotated. */
async function writeFailureSummary(reporter: Reporter, markdown: string): Promise<void> {
  try {
    await reporter.writeSummary(markdown);
  } catch (error) {
    reporter.warning(`the step summary could not be written: ${describeError(error)}`);
  }
}
