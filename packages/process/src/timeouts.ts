import { SlipwayError } from '@slipway/errors';

/**
 * How long a git command reading the local checkout (its commit, commit time, tree) may run. Such reads take
 * milliseconds; a hang (a lazy fetch in a partial clone, a filesystem monitor) must not hold the build.
 */
export const LOCAL_GIT_TIMEOUT_MS = 60_000;

/**
 * The timeout a variable such as `SLIPWAY_GIT_TIMEOUT` sets, in whole seconds, or `defaultMs` when it is unset.
 * Anything else is refused up front, naming the variable, rather than read as no timeout at all.
 */
export function timeoutFromEnvironment(variable: string, defaultMs: number, env: NodeJS.ProcessEnv): number {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return defaultMs;
  if (!/^[1-9][0-9]{0,6}$/.test(raw)) {
    throw new SlipwayError(`${variable}=${raw} is not a number of seconds`, {
      where: variable,
      fix: `set ${variable} to a whole number of seconds (default ${defaultMs / 1000}), or unset it`,
    });
  }
  return Number(raw) * 1000;
}
