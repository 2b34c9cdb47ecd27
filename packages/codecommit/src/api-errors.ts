// How the CodeCommit API's failures reach a user: one SlipwayError naming what was being done, where (the
// repository and branch) and the fix (for a denial, the IAM permission). The SDK is not imported here: its
// exceptions are told apart by name, as the SDK's own `name` field carries them.

import { SlipwayError } from '@slipway/errors';
import type { CodeCommitRepo } from './client.js';

/** What a call was doing, for its error message. */
export interface CodeCommitCallContext {
  readonly repo: CodeCommitRepo;
  /** `reading branch env/dev`. */
  readonly action: string;
  /** The IAM action the call needs: `codecommit:GetBranch`. */
  readonly permission: string;
  readonly branch?: string;
  /** Where the error points when not at the repository (a policy line naming a template). */
  readonly where?: string;
  /** The shipped IAM policy (workflows/codebuild/iam/) that grants the call; default promote-api.json. */
  readonly policy?: string;
}

/** The exception name the SDK gives a service error (`ParentCommitIdOutdatedException`), if any. */
export function codeCommitErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() ?? '';
}

/** Runs `call`, turning any failure into the SlipwayError a user reads (see codeCommitError). */
export async function callingCodeCommit<T>(
  context: CodeCommitCallContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw codeCommitError(error, context);
  }
}

/** A failed CodeCommit call as a SlipwayError; a SlipwayError (no credentials, no region) passes unchanged. */
export function codeCommitError(error: unknown, context: CodeCommitCallContext): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const { repo } = context;
  const where =
    context.where ?? `${repo.display}${context.branch === undefined ? '' : ` (branch ${context.branch})`}`;
  const policy = `workflows/codebuild/iam/${context.policy ?? 'promote-api.json'}`;
  const name = codeCommitErrorName(error) ?? '';
  const failed = `CodeCommit failed ${context.action}`;
  switch (name) {
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation': {
      const writes =
        context.permission === 'codecommit:CreateCommit' || context.permission === 'codecommit:CreateBranch';
      return new SlipwayError(`${failed}: access denied (${messageOf(error)})`, {
        where,
        fix: writes
          ? `the job's IAM role may not call ${context.permission} for refs/heads/${context.branch ?? '<branch>'} (the codecommit:References condition): promote to a branch the role allows (${policy} names them), or widen that condition`
          : `allow ${context.permission} on arn:aws:codecommit:${repo.region}:<account>:${repo.repositoryName} to the job's IAM role (see ${policy})`,
        cause: error,
      });
    }
    case 'RepositoryDoesNotExistException':
      return new SlipwayError(
        `CodeCommit repository ${repo.repositoryName} does not exist in ${repo.region} (or this identity cannot see it)`,
        {
          where: '--config-repo',
          fix: `check the repository name and region (codecommit::<region>://<repository>); aws codecommit get-repository --repository-name ${repo.repositoryName} --region ${repo.region}`,
          cause: error,
        },
      );
    case 'BranchDoesNotExistException':
      return new SlipwayError(`${failed}: branch ${context.branch ?? ''} does not exist`, {
        where,
        fix: 'create it in the config repo, or pass --create-branch to start it from the default branch',
        cause: error,
      });
    case 'FileTooLargeException':
    case 'FileContentSizeLimitExceededException':
    case 'MaximumFileContentToLoadExceededException':
      return new SlipwayError(
        `${failed}: a file is over CodeCommit's API limit of 6 MB (${messageOf(error)})`,
        {
          where,
          fix: 'a config file this large is not one: check what was committed there, or use --via git',
          cause: error,
        },
      );
    case 'ThrottlingException':
    case 'TooManyRequestsException':
      return new SlipwayError(`${failed}: throttled by AWS after the SDK's retries (${messageOf(error)})`, {
        where,
        fix: 'retry later, or raise AWS_MAX_ATTEMPTS (the SDK retries throttled calls that many times)',
        cause: error,
      });
    case 'EncryptionKeyAccessDeniedException':
    case 'EncryptionKeyDisabledException':
    case 'EncryptionKeyUnavailableException':
    case 'EncryptionKeyNotFoundException':
      return new SlipwayError(`${failed}: the repository's KMS key cannot be used (${name})`, {
        where,
        fix: "allow kms:Decrypt (and kms:GenerateDataKey to commit) on the repository's KMS key to the job's role",
        cause: error,
      });
    default:
      return new SlipwayError(`${failed}: ${name === '' ? '' : `${name}: `}${messageOf(error)}`, {
        where,
        fix: 'check the AWS credentials, region and the repository; --via git reaches it over HTTPS instead',
        cause: error,
      });
  }
}
