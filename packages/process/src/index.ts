export { type CancelCleanup, cancelRun, onCancel } from './cancellation.js';
export {
  type ChildEnvironment,
  type ChildKind,
  childEnvironment,
  localGitEnvironment,
} from './environment.js';
export { STDERR_TAIL_BYTES, STDOUT_TAIL_BYTES } from './output.js';
export {
  type ChildRegistry,
  type ProcessResult,
  type RunningChild,
  type RunProcessOptions,
  type RunProcessSyncOptions,
  runProcess,
  runProcessBytes,
  runProcessSync,
} from './run.js';
export { type TemporaryDirectory, temporaryDirectory } from './temporary.js';
export { LOCAL_GIT_TIMEOUT_MS, timeoutFromEnvironment } from './timeouts.js';
export { findProgram, type RunToolOptions, runTool, type ToolResult } from './tool.js';
