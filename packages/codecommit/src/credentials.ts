// AWS credentials and the region for a CodeCommit config repo, from the SDK's default chain: the CodeBuild
// project's role, the web identity aws-actions/configure-aws-credentials sets up on GitHub, a named profile
// (`codecommit://profile@repo`) or environment keys locally. The SDK is loaded on first use only.

import { SlipwayError } from '@slipway/errors';
import type { AwsCredentials } from './git-credential.js';
import type { CodeCommitRemote } from './remote.js';

/** What a step needs to reach a CodeCommit repository: who, where, and a client factory for its API. */
export interface AwsAccess {
  readonly region: string;
  readonly credentials: () => Promise<AwsCredentials>;
  readonly profile: string | undefined;
}

export const NO_AWS_CREDENTIALS_FIX =
  'give the job AWS credentials: the CodeBuild project role, aws-actions/configure-aws-credentials on GitHub, AWS_PROFILE or codecommit://<profile>@<repository> locally';

/** The region and credential provider for `remote` (no call to AWS yet: credentials are resolved on use). */
export async function awsAccessFor(
  remote: CodeCommitRemote,
  env: Record<string, string | undefined> = process.env,
): Promise<AwsAccess> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const provider = defaultProvider(remote.profile === undefined ? {} : { profile: remote.profile });
  const region = remote.region ?? (await regionFromChain(remote, env));
  const credentials = async (): Promise<AwsCredentials> => {
    try {
      return await provider();
    } catch (error) {
      throw new SlipwayError(
        `no AWS credentials for CodeCommit repository ${remote.repositoryName}${remote.profile === undefined ? '' : ` (profile ${remote.profile})`}: ${error instanceof Error ? error.message : String(error)}`,
        { where: '--config-repo', fix: NO_AWS_CREDENTIALS_FIX, cause: error },
      );
    }
  };
  return { region, credentials, profile: remote.profile };
}

async function regionFromChain(
  remote: CodeCommitRemote,
  env: Record<string, string | undefined>,
): Promise<string> {
  const fromEnv = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const { loadConfig, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS } = await import(
    '@smithy/core/config'
  );
  try {
    const region = await loadConfig(NODE_REGION_CONFIG_OPTIONS, {
      ...NODE_REGION_CONFIG_FILE_OPTIONS,
      ...(remote.profile === undefined ? {} : { profile: remote.profile }),
    })();
    if (typeof region === 'string' && region !== '') return region;
  } catch {
    // No region anywhere: the error below says where to put one.
  }
  throw new SlipwayError(`no AWS region for CodeCommit repository ${remote.repositoryName}`, {
    where: '--config-repo',
    fix: `name it in the address (codecommit::eu-west-1://${remote.repositoryName}) or set AWS_REGION`,
  });
}
