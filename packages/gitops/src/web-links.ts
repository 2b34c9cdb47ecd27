// Where people look at a config repo's commits and branches in a browser, for links in step summaries: GitHub
// (github.com, or the GitHub Enterprise server the run is on) and the AWS CodeCommit console. A plain git
// server or a local path has no page to link to.

import { parseCodeCommitRemote, repositoryConsoleUrl } from '@slipway/codecommit/remote';

export interface ConfigRepoWebLinks {
  /** The page of one commit. */
  commit(sha: string): string;
  /** The page of a branch's files. */
  branch(name: string): string;
  /**
   * The page of a file at a commit, at one line; undefined where the host has no such page to rely on (the
   * CodeCommit console documents none).
   */
  file(sha: string, path: string, line: number): string | undefined;
}

export interface WebLinkHosts {
  /** The GitHub the run is on (`GITHUB_SERVER_URL`); github.com is always known. */
  readonly githubServerUrl?: string;
  /** The AWS region for a CodeCommit address that names none (`codecommit://repo`): AWS_REGION. */
  readonly awsRegion?: string;
}

/** The web pages of `configRepo`, or undefined when it is not hosted where there are any. */
export function configRepoWebLinks(
  configRepo: string,
  hosts: WebLinkHosts = {},
): ConfigRepoWebLinks | undefined {
  return (
    githubLinks(configRepo.trim(), hosts.githubServerUrl) ?? codeCommitLinks(configRepo, hosts.awsRegion)
  );
}

function githubLinks(address: string, serverUrl: string | undefined): ConfigRepoWebLinks | undefined {
  const servers = new Map<string, string>([['github.com', 'https://github.com']]);
  const server = parseUrl(serverUrl ?? '');
  if (server !== undefined) servers.set(server.host.toLowerCase(), server.origin);
  // https://[user[:token]@]host/o/r[.git], ssh://git@host/o/r[.git], git@host:o/r[.git]
  const scp = /^[\w.-]+@([^:/]+):(?!\/)(.+)$/.exec(address);
  const url = scp === null ? parseUrl(address) : undefined;
  if (scp === null && (url === undefined || !['https:', 'ssh:'].includes(url.protocol))) return undefined;
  const host = (scp?.[1] ?? url?.host ?? '').toLowerCase();
  const origin = servers.get(host);
  if (origin === undefined) return undefined;
  const path = (scp?.[2] ?? url?.pathname ?? '').replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(path)) return undefined;
  const base = `${origin}/${path}`;
  return {
    commit: (sha) => `${base}/commit/${encodeURIComponent(sha)}`,
    branch: (name) => `${base}/tree/${pathSegments(name)}`,
    file: (sha, path, line) => `${base}/blob/${encodeURIComponent(sha)}/${pathSegments(path)}#L${line}`,
  };
}

function codeCommitLinks(address: string, awsRegion: string | undefined): ConfigRepoWebLinks | undefined {
  let remote: ReturnType<typeof parseCodeCommitRemote>;
  try {
    remote = parseCodeCommitRemote(address);
  } catch {
    // A malformed CodeCommit address is refused where the repository is read; a link is not the place.
    return undefined;
  }
  const region = remote?.region ?? (awsRegion === '' ? undefined : awsRegion);
  if (remote === undefined || region === undefined) return undefined;
  const base = repositoryConsoleUrl(region, remote.repositoryName);
  const query = `?region=${encodeURIComponent(region)}`;
  return {
    commit: (sha) => `${base}/commit/${encodeURIComponent(sha)}${query}`,
    branch: (name) => `${base}/browse/refs/heads/${pathSegments(name)}${query}`,
    file: () => undefined,
  };
}

/** A branch name or file path in a URL: each segment encoded, the slashes kept. */
function pathSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
