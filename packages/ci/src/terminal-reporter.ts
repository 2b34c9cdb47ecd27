import { progressMeters } from './progress.js';
import { type Reporter, type SourceLocation, secretForms } from './reporter.js';

export interface TerminalReporter extends Reporter {
  /** The outputs set so far, for `--json` and `--output-env`. */
  readonly outputs: ReadonlyMap<string, string>;
  /** The text with every masked secret replaced, for messages printed outside the reporter. */
  redact(text: string): string;
}

export interface TerminalReporterOptions {
  /**
   * The stream is a terminal: byte progress is one line redrawn in place (about 10 times a second) instead
   * of a line a second, as a log wants.
   */
  readonly interactive?: boolean;
  /** Milliseconds from any fixed origin, for the progress rate and throttle; injected by tests. */
  readonly now?: () => number;
}

/** Interval between byte-progress lines: a terminal redraws one line; a log keeps every line. */
const TERMINAL_PROGRESS_MS = 100;
const LOG_PROGRESS_MS = 1000;

/** Reports to a stream (stderr by default): the terminal, CodeBuild's log, or a test's buffer. */
export function terminalReporter(
  write: (text: string) => void = (t) => process.stderr.write(t),
  options: TerminalReporterOptions = {},
): TerminalReporter {
  const secrets: string[] = [];
  const outputs = new Map<string, string>();
  const redact = (text: string): string =>
    secrets.reduce((acc, secret) => acc.split(secret).join('***'), text);
  const interactive = options.interactive === true;
  // In a terminal the progress line stays open (no newline); whatever is printed next clears it first.
  let progressOpen = false;
  const line = (text: string): void => {
    write(`${progressOpen ? '\r\x1b[K' : ''}${redact(text)}\n`);
    progressOpen = false;
  };
  const progress = progressMeters(
    {
      intervalMs: interactive ? TERMINAL_PROGRESS_MS : LOG_PROGRESS_MS,
      ...(options.now === undefined ? {} : { now: options.now }),
    },
    ({ text, final }) => {
      if (!interactive) {
        line(text);
        return;
      }
      write(`\r${redact(text)}\x1b[K${final ? '\n' : ''}`);
      progressOpen = !final;
    },
  );
  const at = (location: SourceLocation | undefined): string =>
    location?.file === undefined
      ? ''
      : `${location.file}${location.line === undefined ? '' : `:${location.line}`}: `;
  let depth = 0;
  return {
    outputs,
    redact,
    info: (message) => line(`${'  '.repeat(depth)}${message}`),
    progress,
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
