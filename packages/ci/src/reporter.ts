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
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  /** Hides a secret in everything printed afterwards. */
  mask(secret: string): void;
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /** Markdown for the run's summary page, where the platform has one. */
  writeSummary(markdown: string): Promise<void>;
}
