import path from 'node:path';
import { SlipwayError } from '@slipway/errors';
import { secretForms } from './redact.js';

/** Credentials for an https remote. The username defaults to `x-access-token`, GitHub's convention for tokens. */
export interface GitAuth {
  token?: string;
  username?: string;
}

export const DEFAULT_USERNAME = 'x-access-token';

/** A remote as git will see it: never with credentials in it. */
export interface Remote {
  /** What goes on git's command line: credentials stripped, local paths made absolute. */
  url: string;
  /** `scheme://host[:port]/` for http(s) remotes; the only place the token header is sent to. */
  httpOrigin: string | undefined;
  /** The username and token to send, when there is a token and the remote speaks http(s). */
  basic: { username: string; token: string } | undefined;
  /** Every form of every credential seen, for the redactor (also those that cannot be used). */
  secrets: string[];
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const SCP_LIKE = /^(?:[^@/\s]+@)?[^/:\s]+:(?!\/\/)/;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads a remote URL (local path, `file://`, `http(s)://`, `ssh://`, `git://`, scp-like `git@host:x`) and the
 * optional auth into what git needs. Credentials embedded in an http(s) URL (`https://user:tok@host/…`) are
 * removed from the URL and used as if given; a lone `https://tok@host/…` is read as a token. An explicit
 * `auth.token`/`auth.username` wins over embedded ones.
 */
export function resolveRemote(input: string, auth: GitAuth = {}): Remote {
  const raw = input.trim();
  const where = 'config repository URL';
  if (raw === '')
    throw new SlipwayError('the config repository URL is empty', { where, fix: 'pass a git URL' });
  if (raw.startsWith('-') || /[\0\r\n]/.test(raw)) {
    throw new SlipwayError('the config repository URL is not a valid git URL', {
      where,
      fix: 'pass an https://, ssh://, file:// URL, a git@host:path address or a local path',
    });
  }
  const secrets = secretForms(auth.username ?? DEFAULT_USERNAME, auth.token);
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();

  if (scheme === 'http' || scheme === 'https') {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new SlipwayError('the config repository URL cannot be parsed', { where, fix: 'check the URL' });
    }
    const embeddedUser = parsed.username === '' ? undefined : safeDecode(parsed.username);
    const embeddedPassword = parsed.password === '' ? undefined : safeDecode(parsed.password);
    if (parsed.username !== '') secrets.push(parsed.username);
    if (parsed.password !== '') secrets.push(parsed.password, `${parsed.username}:${parsed.password}`);
    let username = auth.username;
    let token = auth.token;
    if (embeddedPassword !== undefined) {
      username ??= embeddedUser;
      token ??= embeddedPassword;
    } else if (embeddedUser !== undefined) {
      // `https://<token>@github.com/…` is a common way to pass a token; with an explicit token it is the user.
      if (token === undefined) token = embeddedUser;
      else username ??= embeddedUser;
    }
    username ??= DEFAULT_USERNAME;
    parsed.username = '';
    parsed.password = '';
    const basic = token === undefined || token === '' ? undefined : { username, token };
    if (basic !== undefined) secrets.push(...secretForms(basic.username, basic.token));
    return { url: parsed.toString(), httpOrigin: `${parsed.protocol}//${parsed.host}/`, basic, secrets };
  }

  if (scheme !== undefined) {
    // ssh://user:password@host — git cannot use the password; drop it from the URL and redact it.
    const match = /^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i.exec(raw);
    let url = raw;
    if (match?.[2]?.includes(':')) {
      const userinfo = match[2];
      const user = userinfo.slice(0, userinfo.indexOf(':'));
      secrets.push(userinfo, userinfo.slice(userinfo.indexOf(':') + 1));
      url = `${match[1]}${user === '' ? '' : `${user}@`}${raw.slice(match[0].length)}`;
    }
    return { url, httpOrigin: undefined, basic: undefined, secrets };
  }

  if (!WINDOWS_DRIVE.test(raw) && SCP_LIKE.test(raw)) {
    return { url: raw, httpOrigin: undefined, basic: undefined, secrets };
  }
  return { url: path.resolve(raw), httpOrigin: undefined, basic: undefined, secrets };
}
