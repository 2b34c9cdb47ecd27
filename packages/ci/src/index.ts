export * from './context.js';
export * from './progress.js';
export * from './reporter.js';
export * from './terminal-reporter.js';

/** The GitHub reporter pulls in @actions/core and its HTTP stack: load it only where it is used. */
export async function loadGithubReporter(): Promise<import('./reporter.js').Reporter> {
  const { githubReporter } = await import('./github-reporter.js');
  return githubReporter();
}
