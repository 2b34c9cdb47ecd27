export {
  type CodeCommitCallContext,
  callingCodeCommit,
  codeCommitError,
  codeCommitErrorName,
} from './api-errors.js';
export { type CodeCommitRepo, openCodeCommitRepo } from './client.js';
export {
  type CreateCommitInput,
  type CreateCommitResult,
  createBranchViaApi,
  createCommitViaApi,
} from './commit.js';
export {
  type AwsAccess,
  awsAccessFor,
  NO_AWS_CREDENTIALS_FIX,
} from './credentials.js';
export { type CodeCommitGitAccess, codeCommitGitAccess, type FreshGitCredential } from './git-access.js';
export { type AwsCredentials, codeCommitGitCredential, type GitCredential } from './git-credential.js';
export {
  type ApprovalRuleTemplate,
  type ApprovalRuleTemplateRequirement,
  type CodeCommitPullRequest,
  readApprovalRuleTemplate,
  type UpsertCodeCommitPullRequestInput,
  upsertCodeCommitPullRequest,
} from './pulls.js';
export {
  branchTipViaApi,
  type CodeCommitFileEntry,
  defaultBranchViaApi,
  listFilesViaApi,
  readFilesViaApi,
} from './read.js';
export {
  type CodeCommitRemote,
  GIT_ENDPOINT_VARIABLE,
  gitUrlOf,
  looksLikeCodeCommit,
  parseCodeCommitRemote,
  pullRequestConsoleUrl,
  repositoryConsoleUrl,
} from './remote.js';
