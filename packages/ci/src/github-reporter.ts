import * as core from '@actions/core';
import type { Reporter, SourceLocation } from './reporter.js';

/** Reports through the runner's files and workflow commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, `::error`). */
export function githubReporter(): Reporter {
  return {
    info: (message) => core.info(message),
    warning: (message, location) => core.warning(message, annotation(location)),
    error: (message, location) => core.error(message, annotation(location)),
    mask: (secret) => core.setSecret(secret),
    group: (title, work) => core.group(title, work),
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: async (markdown) => {
      if (process.env.GITHUB_STEP_SUMMARY === undefined) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

function annotation(location: SourceLocation | undefined): core.AnnotationProperties {
  if (location?.file === undefined) return {};
  return location.line === undefined
    ? { file: location.file }
    : { file: location.file, startLine: location.line };
}
