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
  /** The one git transport this remote uses; git is allowed no other (`protocol.allow`). */
  protocol: GitProtocol;
}

/** The transports Slipway lets git use. */
export type GitProtocol = 'https' | 'http' | 'ssh' | 'git' | 'file';

/** Whether plain `http://` to a host other than this machine was allowed (`SLIPWAY_ALLOW_HTTP=1`). */
export const ALLOW_HTTP_VARIABLE = 'SLIPWAY_ALLOW_HTTP';

export function allowsHttp(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['1', 'true', 'yes'].includes((env[ALLOW_HTTP_VARIABLE] ?? '').trim().toLowerCase());
}

export interface RemoteOptions {
  /** Accept `http://` to any host (loopback hosts are always accepted: nothing crosses a network). */
  allowHttp?: boolean;
}

const SCHEMES: Readonly<Record<string, GitProtocol>> = {
  https: 'https',
  http: 'http',
  ssh: 'ssh',
  'git+ssh': 'ssh',
  'ssh+git': 'ssh',
  git: 'git',
  file: 'file',
};

const ACCEPTED =
  'use an https://, ssh://, git:// or file:// URL, a git@host:path address or a local path (http:// only to a loopback host, or anywhere with SLIPWAY_ALLOW_HTTP=1)';

/** `<helper>::<address>`: git hands the address to `git-remote-<helper>` (`fd::3`, `ext::<command>`). */
const REMOTE_HELPER = /^([A-Za-z][A-Za-z0-9+.-]*)::/;

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
export function resolveRemote(input: string, auth: GitAuth = {}, options: RemoteOptions = {}): Remote {
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
  const helper = REMOTE_HELPER.exec(raw)?.[1];
  if (helper !== undefined) {
    // The helper would run with Slipway's rights (`ext::` runs a command; `fd::3` waits on a descriptor).
    throw new SlipwayError(
      `config repository URL ${shown(raw)} asks for git's remote helper "${helper}", which Slipway does not use`,
      { where, fix: ACCEPTED },
    );
  }
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && SCHEMES[scheme] === undefined) {
    throw new SlipwayError(
      `config repository URL ${shown(raw)} uses ${scheme}://, which Slipway does not allow`,
      {
        where,
        fix: ACCEPTED,
      },
    );
  }

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
    if (scheme === 'http' && options.allowHttp !== true && !isLoopback(parsed.hostname)) {
      throw new SlipwayError(
        `config repository URL ${parsed.toString()} uses plain http:// to another host, where the token and the config travel unencrypted`,
        { where, fix: `use https://, or set ${ALLOW_HTTP_VARIABLE}=1 if this network is trusted` },
      );
    }
    const basic = token === undefined || token === '' ? undefined : { username, token };
    if (basic !== undefined) secrets.push(...secretForms(basic.username, basic.token));
    return {
      url: parsed.toString(),
      httpOrigin: `${parsed.protocol}//${parsed.host}/`,
      basic,
      secrets,
      protocol: scheme,
    };
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
    return { url, httpOrigin: undefined, basic: undefined, secrets, protocol: SCHEMES[scheme]! };
  }

  if (!WINDOWS_DRIVE.test(raw) && SCP_LIKE.test(raw)) {
    return { url: raw, httpOrigin: undefined, basic: undefined, secrets, protocol: 'ssh' };
  }
  return { url: path.resolve(raw), httpOrigin: undefined, basic: undefined, secrets, protocol: 'file' };
}

/** `localhost`, 127.0.0.0/8 and ::1: http to them never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** A URL for an error message: any user info replaced, and cut short. */
function shown(raw: string): string {
  const safe = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
  return safe.length > 80 ? `${safe.slice(0, 77)}...` : safe;
}
