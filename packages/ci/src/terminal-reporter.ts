import { type Reporter, type SourceLocation, secretForms } from './reporter.js';

export interface TerminalReporter extends Reporter {
  /** The outputs set so far, for `--json` and `--output-env`. */
  readonly outputs: ReadonlyMap<string, string>;
  /** The text with every masked secret replaced, for messages printed outside the reporter. */
  redact(text: string): string;
}

/** Reports to a stream (stderr by default): the terminal, CodeBuild's log, or a test's buffer. */
export function terminalReporter(
  write: (text: string) => void = (t) => process.stderr.write(t),
): TerminalReporter {
  const secrets: string[] = [];
  const outputs = new Map<string, string>();
  const redact = (text: string): string =>
    secrets.reduce((acc, secret) => acc.split(secret).join('***'), text);
  const line = (text: string): void => write(`${redact(text)}\n`);
  const at = (location: SourceLocation | undefined): string =>
    location?.file === undefined
      ? ''
      : `${location.file}${location.line === undefined ? '' : `:${location.line}`}: `;
  let depth = 0;
  return {
    outputs,
    redact,
    info: (message) => line(`${'  '.repeat(depth)}${message}`),
    warning: (message, location) => line(`warning: ${at(location)}${message}`),
    error: (message, location) => line(`error: ${at(location)}${message}`),
    mask: (secret) => {
      for (const form of secretForms(secret)) if (!secrets.includes(form)) secrets.push(form);
      // Longest first, so that a line of a multi-line secret does not break up the whole.
      secrets.sort((a, b) => b.length - a.length);
    },
    group: async (title, work) => {
      line(`${'  '.repeat(depth)}${title}`);
      depth += 1;
      try {
        return await work();
      } finally {
        depth -= 1;
      }
    },
    setOutput: (name, value) => {
      outputs.set(name, value);
    },
    writeSummary: async () => {},
  };
}
