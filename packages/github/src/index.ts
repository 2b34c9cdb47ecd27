export {
  createGitHubClient,
  DEFAULT_GITHUB_TIMEOUT_MS,
  GITHUB_TIMEOUT_VARIABLE,
  type GitHubClient,
  GitHubTimeoutError,
  gitHubTimeoutMs,
  type Octokit,
} from './client.js';
export {
  type BranchMove,
  type CommitFilesInput,
  type CommitFilesResult,
  commitFilesViaApi,
  type GitIdentity,
} from './commit.js';
export { type ApiFailure, apiFailure, type CallContext, gitHubError } from './errors.js';
export {
  type MergeMethod,
  type UpsertPullRequestInput,
  type UpsertPullRequestResult,
  upsertPullRequest,
} from './pulls.js';
export {
  type BranchSnapshot,
  branchTip,
  commitTreeViaApi,
  defaultBranchViaApi,
  readBlobsViaApi,
  readBranch,
  readFilesViaApi,
  readPathsViaApi,
  refTip,
  searchTree,
} from './read.js';
export { type GitHubRepoRef, hostOf, redact as redactUrlCredentials, repoFromUrl } from './repo.js';
export { type CheckState, type CommitCheck, checkRunState, commitStatuses } from './statuses.js';
export { gitBlobSha, type TreeEntry } from './tree.js';
export {
  type WaitForDeploymentInput,
  type WaitOutcome,
  type WaitState,
  waitForDeployment,
} from './wait.js';
