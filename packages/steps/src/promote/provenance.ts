import type { CiContext } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { type Checked, checkRunUrl, checkSourceCommit } from '@slipway/gitops/access';

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

/** What a promotion records of where its images come from (`Slipway-Source-Commit`, `Slipway-Run`). */
export interface RecordedSource {
  readonly commit?: string;
  readonly runUrl?: string;
}

/**
 * The source a promotion records, as the function returned gives it. The inputs and a CI system's variables
 * are checked here, so a malformed one refuses the run before anything is read. Outside CI the commit is the
 * local checkout's, which costs a git process (`git rev-parse HEAD`): it is read when the function is first
 * called, which a promotion does after its first request has started.
 */
export function recordedSource(
  given: { readonly commit: string | undefined; readonly runUrl: string | undefined },
  ci: CiContext,
): () => RecordedSource {
  const runUrl = recordedRunUrl(given.runUrl, ci);
  const fromCheckout = given.commit === undefined && ci.platform === 'local';
  const checked = fromCheckout ? undefined : recordedSourceCommit(given.commit, ci);
  return () => {
    const commit = fromCheckout ? recordedSourceCommit(undefined, ci) : checked;
    return { ...(commit === undefined ? {} : { commit }), ...(runUrl === undefined ? {} : { runUrl }) };
  };
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
