import { SlipwayError } from '@slipway/errors';

/** A GitHub repository and the REST API that serves it. */
export interface GitHubRepoRef {
  owner: string;
  repo: string;
  /** Host of the repository, e.g. `github.com` or `ghe.example.com`. */
  host: string;
  /** REST base URL: `https://api.github.com`, `https://api.<sub>.ghe.com` or `https://<host>/api/v3`. */
  apiUrl: string;
}

const OWNER = /^[A-Za-z0-9_-]+$/;
const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Reads a repository URL: `https://github.com/o/r(.git)`, `git@github.com:o/r(.git)`, `ssh://git@host/o/r`,
 * GitHub Enterprise hosts (`https://ghe.example.com/o/r` → API `https://ghe.example.com/api/v3`), or `o/r`
 * (on `GITHUB_SERVER_URL`'s host when set, else github.com).
 *
 * The API URL is, first found: `options.apiUrl`; `GITHUB_API_URL` when the repository is on the host of
 * `GITHUB_SERVER_URL` (so a GHES runner's variables do not redirect a github.com repository) or when
 * `GITHUB_SERVER_URL` is unset; else derived from the host.
 */
export function repoFromUrl(
  url: string,
  options: { apiUrl?: string; env?: Record<string, string | undefined> } = {},
): GitHubRepoRef {
  const env = options.env ?? process.env;
  const parsed = parse(url.trim(), env);
  if (
    parsed === undefined ||
    !OWNER.test(parsed.owner) ||
    !NAME.test(parsed.repo) ||
    parsed.repo === '.git'
  ) {
    throw new SlipwayError(`not a GitHub repository URL: ${redact(url)}`, {
      fix: 'use https://github.com/OWNER/REPO, git@github.com:OWNER/REPO or OWNER/REPO',
    });
  }
  const { owner, repo, host, webBase } = parsed;
  let apiUrl = options.apiUrl;
  const envApi = env.GITHUB_API_URL;
  if (apiUrl === undefined && envApi !== undefined && envApi !== '') {
    const serverHost = hostOf(env.GITHUB_SERVER_URL);
    if (serverHost === undefined || serverHost === host.toLowerCase()) apiUrl = envApi;
  }
  if (apiUrl === undefined) {
    const bare = host.toLowerCase().replace(/:\d+$/, '');
    if (bare === 'github.com' || bare === 'www.github.com') apiUrl = 'https://api.github.com';
    else if (bare.endsWith('.ghe.com')) apiUrl = `https://api.${bare}`;
    else apiUrl = `${webBase}/api/v3`;
  }
  return {
    owner,
    repo,
    host: host.toLowerCase().replace(/^www\.github\.com$/, 'github.com'),
    apiUrl: apiUrl.replace(/\/+$/, ''),
  };
}

interface Parsed {
  owner: string;
  repo: string;
  host: string;
  /** `scheme://host[:port]` of the web UI (https unless the URL said http). */
  webBase: string;
}

function parse(url: string, env: Record<string, string | undefined>): Parsed | undefined {
  const strip = (name: string) => name.replace(/\.git$/, '');
  // owner/repo shorthand (owners never contain dots, so `host.tld/x` is not one)
  const short = /^([A-Za-z0-9_-]+)\/([A-Za-z0-9_.-]+)$/.exec(url);
  if (short !== null) {
    const server = env.GITHUB_SERVER_URL;
    const host = hostOf(server);
    return {
      owner: short[1] ?? '',
      repo: strip(short[2] ?? ''),
      host: host ?? 'github.com',
      webBase: host === undefined ? 'https://github.com' : new URL(server ?? '').origin,
    };
  }
  // host/owner/repo without a scheme
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?\/[^/\s]+\/[^/\s]+\/?$/.test(url))
    return parse(`https://${url}`, env);
  // scp-like: [user@]host:owner/repo
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)([^/\s]+)\/([^/\s]+?)\/?$/.exec(url);
  if (scp !== null && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const host = scp[1] ?? '';
    return { owner: scp[2] ?? '', repo: strip(scp[3] ?? ''), host, webBase: `https://${host}` };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol))
    return undefined;
  const parts = parsed.pathname.split('/').filter((part) => part !== '');
  if (parts.length !== 2) return undefined;
  const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  const host = web ? parsed.host : parsed.hostname;
  return {
    owner: decodeURIComponent(parts[0] ?? ''),
    repo: strip(decodeURIComponent(parts[1] ?? '')),
    host,
    webBase: `${parsed.protocol === 'http:' ? 'http' : 'https'}://${host}`,
  };
}

/** The lowercased host of a URL, or undefined when it is not one. */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The URL without credentials, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/, '//***@');
}
