export { type CancelCleanup, cancelRun, onCancel } from './cancellation.js';
export {
  type ChildEnvironment,
  type ChildKind,
  childEnvironment,
  localGitEnvironment,
} from './environment.js';
export {
  type ChildRegistry,
  type ProcessResult,
  type RunningChild,
  type RunProcessOptions,
  type RunProcessSyncOptions,
  runProcess,
  runProcessBytes,
  runProcessSync,
  STDERR_TAIL_BYTES,
  STDOUT_TAIL_BYTES,
} from './run.js';
export { type TemporaryDirectory, temporaryDirectory } from './temporary.js';
export { LOCAL_GIT_TIMEOUT_MS, timeoutFromEnvironment } from './timeouts.js';
