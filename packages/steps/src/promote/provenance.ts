import type { CiContext } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { type Checked, checkRunUrl, checkSourceCommit } from '@slipway/gitops';

// The source commit and run URL a commit records (`Slipway-Source-Commit`, `Slipway-Run`): the inputs,
// already checked as they were parsed, else the CI context's. Those are just as hostile (whoever controls
// the job's environment sets them) and get the same checks. A malformed CI value is refused, naming the
// variable, rather than dropped: a promotion that silently records less than it should is worse than one
// that stops and says which value to fix.

/** `--source-commit`, else the CI context's commit. */
export function recordedSourceCommit(given: string | undefined, ci: CiContext): string | undefined {
  return given ?? fromContext(ci.commitSha, ci.sources?.commitSha, 'source-commit', checkSourceCommit);
}

/** `--run-url`, else the CI context's run URL. */
export function recordedRunUrl(given: string | undefined, ci: CiContext): string | undefined {
  return given ?? fromContext(ci.runUrl, ci.sources?.runUrl, 'run-url', checkRunUrl);
}

function fromContext(
  value: string | undefined,
  source: string | undefined,
  input: string,
  check: (text: string) => Checked<string>,
): string | undefined {
  if (value === undefined) return undefined;
  const checked = check(value);
  if (checked.ok) return checked.value;
  throw new SlipwayError(`${source ?? 'the CI context'} ${checked.message}`, {
    where: 'the CI context',
    fix: `give --${input} (input "${input}") explicitly, or fix the variable`,
  });
}
