import type { SourceLocation } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';

/** The file and line an error points at, when the code that threw it knew them, for annotations. */
export function errorLocation(error: unknown): SourceLocation | undefined {
  return error instanceof SlipwayError ? error.location : undefined;
}
