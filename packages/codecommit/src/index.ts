export { type CodeCommitRepo, openCodeCommitRepo } from './client.js';
export {
  type AwsAccess,
  awsAccessFor,
  NO_AWS_CREDENTIALS_FIX,
} from './credentials.js';
export { type CodeCommitGitAccess, codeCommitGitAccess, type FreshGitCredential } from './git-access.js';
export { type AwsCredentials, codeCommitGitCredential, type GitCredential } from './git-credential.js';
export {
  type CodeCommitRemote,
  GIT_ENDPOINT_VARIABLE,
  gitUrlOf,
  looksLikeCodeCommit,
  parseCodeCommitRemote,
} from './remote.js';
