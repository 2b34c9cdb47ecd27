import type { TransferProgress } from './progress.js';

/** Where a finding points: a file and line in the config repo, for annotations. */
export interface SourceLocation {
  readonly file?: string;
  readonly line?: number;
}

/**
 * The sinks a step writes to. On GitHub they are workflow commands and files; in CodeBuild and a terminal
 * they are stderr lines, so that stdout stays free for `--json`.
 */
export interface Reporter {
  /** Progress on long work, one line at a time. */
  info(message: string): void;
  /**
   * Byte progress of a transfer, as often as it moves: the reporter throttles it (about 10 lines a second
   * in a terminal, where one line updates in place; one a second in CI logs) and prints nothing for small or
   * quick transfers.
   */
  progress(update: TransferProgress): void;
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  /** Hides a secret in everything printed afterwards. */
  mask(secret: string): void;
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /** Markdown for the run's summary page, where the platform has one. */
  writeSummary(markdown: string): Promise<void>;
}

/**
 * The forms of a secret to hide: the value as steps use it (trimmed), and each line of a multi-line one. The
 * GitHub runner masks line by line, so `ghp_x\n` registered as given would hide nothing, while the step
 * sends `ghp_x`. A line without a letter or digit (`{`, `-----`) tells nothing and is not hidden.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  const trimmed = secret.trim();
  if (trimmed !== '') forms.add(trimmed);
  if (/[\r\n]/.test(trimmed)) {
    for (const line of trimmed.split(/\r?\n|\r/)) {
      const part = line.trim();
      if (/[\p{L}\p{N}]/u.test(part)) forms.add(part);
    }
  }
  return [...forms];
}
