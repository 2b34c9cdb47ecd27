export {
  assertOwnBranch,
  type BlobScope,
  type BranchReader,
  type BranchUpdate,
  type CommitInput,
  ConfigRepo,
  type FetchOptions,
  type Identity,
  type OpenOptions,
  parseLsTree,
  type TreeEntry,
} from './configRepo.js';
export { GitError, type GitFailure } from './errors.js';
export { isValidBranchName } from './names.js';
export {
  classifyPush,
  type PushedRef,
  type PushResult,
  parsePorcelain,
  REFUSED_PATTERNS,
  STALE_PATTERNS,
} from './push.js';
export { READ_AHEAD_FRESH_MS, type ReadAheadPlan } from './read-ahead.js';
export { REDACTED, redactor } from './redact.js';
export { allowsHttp, DEFAULT_USERNAME, type GitAuth, type Remote, resolveRemote } from './remote.js';
