import type { RawValue } from '../definition/inputs.js';

/**
 * Credentials written into an http(s) URL in an input (`https://user:token@host/…`, or a lone
 * `https://token@host/…`, which the config repo inputs read as a token): secrets that no input declares, so
 * the faces hide them like the declared ones. The encoded and decoded forms are both returned.
 */
export function urlCredentials(value: RawValue): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  const found = new Set<string>();
  for (const text of typeof value === 'string' ? [value] : value) {
    for (const match of text.matchAll(/\bhttps?:\/\/([^\s/?#@]+)@/gi)) {
      const userinfo = match[1] ?? '';
      const colon = userinfo.indexOf(':');
      const secret = colon >= 0 ? userinfo.slice(colon + 1) : userinfo;
      if (secret === '') continue;
      found.add(secret);
      found.add(decode(secret));
    }
  }
  return [...found];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
