/**
 * How long a git command reading the local checkout (its commit, commit time, tree) may run. Such reads take
 * milliseconds; a hang (a lazy fetch in a partial clone, a filesystem monitor) must not hold the build.
 */
export const LOCAL_GIT_TIMEOUT_MS = 60_000;
