import { SlipwayError } from '@slipway/errors';

/** A config file Slipway cannot read or edit safely; `where` is `file:line`. */
export class ManifestError extends SlipwayError {
  constructor(message: string, options: { where: string; fix?: string; cause?: unknown }) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

/** `file:line`. */
export function at(file: string, line: number): string {
  return `${file}:${line}`;
}
