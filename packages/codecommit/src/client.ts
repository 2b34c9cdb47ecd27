// The CodeCommit API client for one repository's region and identity. The SDK is loaded on first use: a git
// promotion to CodeCommit never loads it.

import type { CodeCommitClient } from '@aws-sdk/client-codecommit';
import { awsAccessFor } from './credentials.js';
import type { CodeCommitRemote } from './remote.js';

/**
 * The SDK's own default is no timeout at all: a silent endpoint would hold a run until the CI job's limit.
 * 10 s to connect, and a request whose socket stays idle 60 s is given up (and retried by the SDK).
 */
const AWS_HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000 } as const;

/** A CodeCommit repository and a client for its API. */
export interface CodeCommitRepo {
  readonly client: CodeCommitClient;
  readonly repositoryName: string;
  readonly region: string;
  /** For messages: `codecommit::<region>://<name>`. */
  readonly display: string;
}

/**
 * A client for `remote`'s API in its region, with the credentials of the SDK's default chain (or the address's
 * profile). The API endpoint follows the SDK's rules, so `AWS_ENDPOINT_URL_CODECOMMIT` and
 * `AWS_USE_FIPS_ENDPOINT` apply as they do to every AWS tool.
 */
export async function openCodeCommitRepo(
  remote: CodeCommitRemote,
  env: Record<string, string | undefined> = process.env,
): Promise<CodeCommitRepo> {
  const access = await awsAccessFor(remote, env);
  const { CodeCommitClient } = await import('@aws-sdk/client-codecommit');
  const client = new CodeCommitClient({
    requestHandler: AWS_HTTP_TIMEOUTS,
    region: access.region,
    credentials: access.credentials,
    ...(remote.fips ? { useFipsEndpoint: true } : {}),
  });
  return {
    client,
    repositoryName: remote.repositoryName,
    region: access.region,
    display: `codecommit::${access.region}://${remote.repositoryName}`,
  };
}
