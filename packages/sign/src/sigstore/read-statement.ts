// The in-toto statement a verified DSSE envelope carries: parsed strictly and bounded, because after the
// signature checks out, its subject and predicate type are what decide which image and claim it covers.

import { IN_TOTO_STATEMENT_TYPE } from './statement.js';

/** The older type some signers still write (in-toto attestation framework v0.1). */
export const IN_TOTO_STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';
export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
const MAX_SUBJECTS = 1024;

export interface StatementSubject {
  readonly name: string;
  /** Lowercase hex sha256 of the subject. */
  readonly sha256: string;
}

export interface SignedStatement {
  readonly predicateType: string;
  readonly subject: readonly StatementSubject[];
  readonly predicate: unknown;
}

/** A statement that cannot be used; judging signatures one by one, the caller rejects that one signature. */
export class StatementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementError';
  }
}

export function readStatement(bytes: Uint8Array): SignedStatement {
  if (bytes.length > MAX_STATEMENT_BYTES) {
    throw new StatementError(
      `the statement is ${bytes.length} bytes, more than the ${MAX_STATEMENT_BYTES} allowed`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new StatementError('the statement is not UTF-8 JSON');
  }
  if (!isObject(parsed)) throw new StatementError('the statement is not a JSON object');
  const type = parsed._type;
  if (type !== IN_TOTO_STATEMENT_TYPE && type !== IN_TOTO_STATEMENT_V01) {
    throw new StatementError(
      `the statement's _type is ${JSON.stringify(type ?? null)}, not ${IN_TOTO_STATEMENT_TYPE}`,
    );
  }
  const predicateType = parsed.predicateType;
  if (typeof predicateType !== 'string' || predicateType === '') {
    throw new StatementError('the statement has no predicateType');
  }
  const subjects = parsed.subject;
  if (!Array.isArray(subjects) || subjects.length === 0) {
    throw new StatementError('the statement has no subject');
  }
  if (subjects.length > MAX_SUBJECTS) {
    throw new StatementError(`the statement has ${subjects.length} subjects, more than ${MAX_SUBJECTS}`);
  }
  const subject = subjects.map((entry, index): StatementSubject => {
    const digest = isObject(entry) ? entry.digest : undefined;
    const sha256 = isObject(digest) ? digest.sha256 : undefined;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/u.test(sha256)) {
      throw new StatementError(`the statement's subject ${index + 1} has no sha256 digest`);
    }
    const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : '';
    return { name, sha256 };
  });
  if (!('predicate' in parsed)) throw new StatementError('the statement has no predicate');
  return { predicateType, subject, predicate: parsed.predicate };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
