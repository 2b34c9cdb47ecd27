// A CodeCommit address turned into what git needs: the HTTPS URL and a fresh SigV4 git credential. The AWS
// secret key never leaves this process: git receives the access key id, the session token and a signature
// valid for this host and repository only.

import { awsAccessFor } from './credentials.js';
import { codeCommitGitCredential } from './git-credential.js';
import { type CodeCommitRemote, gitUrlOf, parseCodeCommitRemote } from './remote.js';

export interface CodeCommitGitAccess {
  readonly remote: CodeCommitRemote;
  readonly region: string;
  /** `https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>` (or the configured endpoint). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Values to redact wherever git output may show them (the session token, the signature). */
  readonly secrets: readonly string[];
  /**
   * A credential signed now (the AWS credentials re-read from the provider, which refreshes a role session
   * before it expires). CodeCommit accepts a signature only close to its timestamp, so each git command that
   * talks to the repository gets a fresh one rather than the one computed when the repo was opened.
   */
  readonly fresh: () => Promise<FreshGitCredential>;
}

/** A newly signed git credential and the values to redact with it. */
export interface FreshGitCredential {
  readonly username: string;
  readonly password: string;
  readonly secrets: readonly string[];
}

/** The git URL and credential for a CodeCommit address; undefined when `address` is not one. */
export async function codeCommitGitAccess(
  address: string,
  env: Record<string, string | undefined> = process.env,
): Promise<CodeCommitGitAccess | undefined> {
  const remote = parseCodeCommitRemote(address);
  if (remote === undefined) return undefined;
  const access = await awsAccessFor(remote, env);
  const url = gitUrlOf(remote, access.region, env);
  const fresh = async (): Promise<FreshGitCredential> => {
    const credentials = await access.credentials();
    const credential = await codeCommitGitCredential({ url, region: access.region, credentials });
    const secrets = [credential.password, credentials.secretAccessKey];
    if (credentials.sessionToken !== undefined && credentials.sessionToken !== '')
      secrets.push(credentials.sessionToken);
    return { username: credential.username, password: credential.password, secrets };
  };
  const first = await fresh();
  return {
    remote,
    region: access.region,
    url,
    username: first.username,
    password: first.password,
    secrets: first.secrets,
    fresh,
  };
}
