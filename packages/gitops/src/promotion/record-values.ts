/**
 * The values a promotion records in its commit message (source commit, run URL, reason), checked once where
 * they enter: a flag, an action input, a CI variable. A line break in any of them could end the subject or
 * add a trailer (`Slipway-Verified-By: forged`), so each is one line of printable text of a known shape.
 */

/** A value as checked: the normalised value, or why it is refused (worded to follow the input's name). */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators: anything that may break a line. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

export const MAX_RUN_URL_LENGTH = 2048;
export const MAX_REASON_LENGTH = 200;

/** Whether a value holds a character that could end or bend a line of a commit message. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/** The text with each control character written as `\uXXXX`, so it stays one line. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    new RegExp(CONTROL.source, 'gu'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The value as an error may quote it: in quotes, escaped, and cut to a readable length. */
export function quoted(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `"${escapeControlCharacters(cut.replace(/["\\]/g, '\\$&'))}"`;
}

/**
 * A commit of the app repository: a hex object name, 7 to 64 digits (an abbreviated SHA-1 up to a full
 * SHA-256), stored lowercase. Short names are accepted because CI systems and people pass them; the
 * trailer records what was given.
 */
export function checkSourceCommit(text: string): Checked<string> {
  const value = text.trim();
  if (!/^[0-9a-fA-F]{7,64}$/.test(value)) {
    return { ok: false, message: `must be a commit id (7 to 64 hex digits), not ${quoted(text)}` };
  }
  return { ok: true, value: value.toLowerCase() };
}

/** The CI run: one absolute http(s) URL, no whitespace or control characters, no credentials, bounded. */
export function checkRunUrl(text: string): Checked<string> {
  const value = text.trim();
  const refuse = (why: string): Checked<string> => ({ ok: false, message: `${why}, not ${quoted(text)}` });
  if (hasControlCharacter(value) || /\s/u.test(value))
    return refuse('must be one URL without spaces or line breaks');
  if (value.length > MAX_RUN_URL_LENGTH) return refuse(`must be at most ${MAX_RUN_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('must be an http(s) URL');
  // The trailer is public to everyone who reads the config repo.
  if (url.username !== '' || url.password !== '') return refuse('must not carry credentials');
  return { ok: true, value };
}

/** Why a rollback pinned an image: one line of text, no control characters, bounded. */
export function checkReason(text: string): Checked<string> {
  const value = text.trim();
  if (hasControlCharacter(value)) {
    return { ok: false, message: `must be one line without control characters, not ${quoted(text)}` };
  }
  if (value.length > MAX_REASON_LENGTH) {
    return { ok: false, message: `must be at most ${MAX_REASON_LENGTH} characters (it has ${value.length})` };
  }
  return { ok: true, value };
}

/**
 * The last guard, in every builder of a commit message: a value with a control character is a bug in the
 * caller (values are checked where they enter), never written, whatever the caller.
 */
export function messageValue(value: string, what: string): string {
  if (hasControlCharacter(value)) {
    throw new Error(
      `bug: ${what} ${quoted(value)} holds a control character and cannot go into a commit message`,
    );
  }
  return value;
}
