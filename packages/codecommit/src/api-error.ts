// A CodeCommit API failure turned into the one-line SlipwayError users see: the call, the repository, and for
// a denial the IAM action the role lacks. The SDK's own messages can carry ARNs but never credentials.

import { SlipwayError } from '@slipway/errors';

/** What was being done when a call failed, for the message. */
export interface ApiCallContext {
  /** `opening a pull request slipway/promote/prod/cart → env/prod`. */
  readonly doing: string;
  /** The IAM action the call needs: `codecommit:CreatePullRequest`. */
  readonly permission: string;
  /** `codecommit::eu-west-1://microservices-repo`. */
  readonly where: string;
}

/** The SDK exception's name (`AccessDeniedException`), or undefined for anything that is not one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' && name !== 'Error' ? name : undefined;
}

/** `error` (from a CodeCommit call) as a SlipwayError; a SlipwayError passes through untouched. */
export function codeCommitApiError(error: unknown, context: ApiCallContext): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const name = awsErrorName(error);
  const said = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'AccessDeniedException' || name === 'UnauthorizedOperation') {
    return new SlipwayError(`CodeCommit denied ${context.doing}: ${said}`, {
      where: context.where,
      fix: `allow ${context.permission} on the repository to the role the job runs as (see workflows/codebuild/iam/)`,
      cause: error,
    });
  }
  if (name === 'RepositoryDoesNotExistException') {
    return new SlipwayError(`CodeCommit has no such repository (${context.doing})`, {
      where: context.where,
      fix: 'check the repository name and region in --config-repo',
      cause: error,
    });
  }
  return new SlipwayError(
    `CodeCommit failed ${context.doing}: ${name === undefined ? '' : `${name}: `}${said}`,
    {
      where: context.where,
      fix: 'check the AWS credentials, the region and the repository, then run again',
      cause: error,
    },
  );
}
