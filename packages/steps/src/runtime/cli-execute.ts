import { detectContext, loadGithubReporter, type Reporter, terminalReporter } from '@slipway/ci';
import { describeError, SlipwayError } from '@slipway/errors';
import type { RawValue } from '../definition/inputs.js';
import type { Step } from '../definition/step.js';
import { exitOnCancel } from './cancellation.js';
import { type CliIo, outputEnvText, type ParsedCommand, toRaw } from './cli.js';
import { secretsToMask } from './secrets.js';

/**
 * Runs a command whose flags `runCommands` has parsed: the reporters, the CI context, masking and
 * cancellation load here, with the step, and not for `--help` or a flag error.
 */
export async function executeCommand(step: Step, parsed: ParsedCommand, io: CliIo): Promise<number> {
  // On Node < 22 the AWS SDK prints a multi-line NodeVersionSupportWarning (its 2027 releases will need
  // Node 22) into the log of every ECR, CodeCommit or KMS command; Slipway supports Node 20.19 and says what it
  // needs in its own engines field. The SDK reads its switch from process.env when a client is made; a user
  // who sets it keeps their value.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const reporter = terminalReporter(io.stderr, {
    interactive: io.interactive === true,
    ...(io.now === undefined ? {} : { now: io.now }),
  });
  const ci = detectContext(io.env, io.cwd);
  const github: Reporter | undefined =
    ci.platform === 'github-actions' ? await loadGithubReporter() : undefined;
  const raw: Record<string, RawValue> = {};
  for (const name of Object.keys(step.inputs)) raw[name] = toRaw(parsed.values[name]);
  parsed.positionals.forEach((value, index) => {
    const name = step.positionals[index];
    if (name !== undefined) raw[name] = step.inputs[name]?.meta.kind === 'list' ? [value] : value;
  });
  const given = (name: string): RawValue[] => [
    raw[name],
    ...(step.inputs[name]?.meta.env ?? []).map((key) => io.env[key]),
  ];
  // Secret inputs reach the CLI from the environment only (flags for them are refused above).
  for (const secret of secretsToMask(step, given, io.env)) {
    reporter.mask(secret);
    github?.mask(secret);
  }
  const stopHandlingCancel = exitOnCancel((line) => io.stderr(`slipway ${step.name}: ${line}\n`));
  try {
    const result = await step.execute(raw, (name) => `--${name}`, { ci, reporter, env: io.env, cwd: io.cwd });
    if (github !== undefined) {
      for (const [name, value] of Object.entries(result.outputs)) github.setOutput(name, value);
      await github.writeSummary(result.summary);
    }
    const outputEnv = parsed.values['output-env'];
    if (typeof outputEnv === 'string') await writeOutputEnv(outputEnv, result.outputs);
    io.stdout(parsed.values.json === true ? `${JSON.stringify(result.json)}\n` : ensureNewline(result.text));
    if (result.failure !== undefined) {
      io.stderr(`slipway ${step.name}: error: ${reporter.redact(describeError(result.failure))}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    io.stderr(`slipway ${step.name}: error: ${reporter.redact(describeError(error))}\n`);
    if (io.env.SLIPWAY_DEBUG === '1' && error instanceof Error && !(error instanceof SlipwayError)) {
      io.stderr(`${error.stack ?? ''}\n`);
    }
    return 1;
  } finally {
    stopHandlingCancel();
  }
}

async function writeOutputEnv(file: string, outputs: Readonly<Record<string, string>>): Promise<void> {
  // Loaded here, for --output-env only: a command's start does not wait for node:fs/promises.
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(file, outputEnvText(outputs), { mode: 0o600 });
  } catch (error) {
    throw new SlipwayError(`cannot write --output-env ${file}: ${(error as Error).message}`, {
      fix: 'give a writable file path',
    });
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}
