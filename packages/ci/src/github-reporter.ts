import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { progressMeters } from './progress.js';
import { type Reporter, type SourceLocation, secretForms } from './reporter.js';

/** A runner's log keeps every line: one a second at most. */
const PROGRESS_INTERVAL_MS = 1000;

/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
export function githubReporter(): Reporter {
  return {
    info: (message) => plainText(message, (line) => core.info(line)),
    progress: progressMeters({ intervalMs: PROGRESS_INTERVAL_MS }, ({ text }) =>
      plainText(text, (line) => core.info(line)),
    ),
    warning: (message, location) => core.warning(message, annotation(location)),
    error: (message, location) => core.error(message, annotation(location)),
    mask: (secret) => {
      for (const form of secretForms(secret)) core.setSecret(form);
    },
    group: (title, work) => core.group(title, work),
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: async (markdown) => {
      const file = process.env.GITHUB_STEP_SUMMARY;
      if (file === undefined || file === '') return;
      // Appended to the file the variable names now: core.summary keeps the first path it saw, so a second
      // run in one process (the action runtime's tests) would write into a file that is gone.
      await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
    },
  };
}

/** A line the runner would obey as a workflow command: `::name::…` (after white space) or the legacy `##[name]`. */
const COMMAND_LIKE = /^\s*(?:::|##\[)/m;

/**
 * Prints text that may hold words from elsewhere (a config repo's files, a commit status, a server's error) so
 * that the runner shows it and obeys none of it: when a line looks like a workflow command, the text goes
 * between `::stop-commands::<token>` and `::<token>::` with a token nobody could have written into it.
 */
export function plainText(
  message: string,
  write: (line: string) => void,
  token: string = randomUUID(),
): void {
  if (!COMMAND_LIKE.test(message)) {
    write(message);
    return;
  }
  const stop = `slipway-${token}`;
  write(`::stop-commands::${stop}`);
  write(message);
  write(`::${stop}::`);
}

function annotation(location: SourceLocation | undefined): core.AnnotationProperties {
  if (location?.file === undefined) return {};
  return location.line === undefined
    ? { file: location.file }
    : { file: location.file, startLine: location.line };
}
