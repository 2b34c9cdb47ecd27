/**
 * An error meant for the person running Slipway: it says what failed, where (a file and line, a branch,
 * a registry) and how to fix it. Faces print it as one line; anything else is a bug and keeps its stack.
 */
export class SlipwayError extends Error {
  readonly where: string | undefined;
  readonly fix: string | undefined;

  constructor(message: string, options: { where?: string; fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlipwayError';
    this.where = options.where;
    this.fix = options.fix;
  }

  /** `where: message (fix)` on one line. */
  oneLine(): string {
    const text = `${this.where === undefined ? '' : `${this.where}: `}${this.message}${this.fix === undefined ? '' : `; ${this.fix}`}`;
    return text.replace(/\s*\n\s*/g, ' ');
  }
}

/** The one line to show for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof SlipwayError) return error.oneLine();
  if (error instanceof Error) return error.message.replace(/\s*\n\s*/g, ' ');
  return String(error);
}
