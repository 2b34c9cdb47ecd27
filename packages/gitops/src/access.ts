// The light entry of this package (`@slipway/gitops/access`): a config repo reached through git (the temporary
// repository and its listing), its web pages, and the names a promotion is asked with (environments and their
// branches, the retry policy, the values its commits record, where a policy may come from). No manifest code,
// no YAML, no GitHub or CodeCommit API client: what a promotion needs up to its first request, so that the rest
// loads while that request is on the wire (packages/steps/src/promote/step.ts; test/startup.cli.test.ts).
export * from './git/index.js';
export type { ImagePolicy, Pin, ValuesPath } from './manifest/types.js';
export { DEFAULT_RETRY, type RetryPolicy } from './promotion/backoff.js';
export * from './promotion/lane-directory.js';
export * from './promotion/policy-source.js';
export * from './promotion/record-values.js';
export * from './promotion/target.js';
export * from './web-links.js';
