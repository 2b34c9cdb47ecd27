/**
 * Secret redaction for anything git prints. Every byte of git output that can reach an error message, a log
 * line or a caller passes through a redactor built from the token and its derived forms.
 */

/** The mask that replaces a secret. */
export const REDACTED = '***';

/**
 * A function that replaces every occurrence of each secret in a text with `***`. Empty secrets are ignored;
 * longer secrets are replaced first so a secret that contains another one is masked whole.
 */
export function redactor(secrets: string[]): (text: string) => string {
  const unique = [...new Set(secrets.filter((secret) => secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (unique.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of unique) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/**
 * Every form in which a credential could show up in git output: the token itself, its URL-encoded form, the
 * `user:token` pair (plain and URL-encoded) and the base64 of the pair as sent in `Authorization: Basic`.
 */
export function secretForms(username: string | undefined, token: string | undefined): string[] {
  if (token === undefined || token === '') return [];
  const forms = [token, encodeURIComponent(token)];
  if (username !== undefined) {
    const pair = `${username}:${token}`;
    forms.push(pair, `${encodeURIComponent(username)}:${encodeURIComponent(token)}`);
    forms.push(Buffer.from(pair, 'utf8').toString('base64'));
  }
  return forms;
}
