import { SlipwayError } from '@slipway/errors';
import { type EnvironmentTarget, environmentTarget, normaliseRepoPath } from '@slipway/gitops';
import type { Environment } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { POLICY_FILE } from './source.js';

/** The flags a policy decides, as the user gave them (undefined: not given). */
export interface PolicyDecidedFlags {
  readonly branchTemplate?: string;
  readonly path?: string;
  readonly mode?: 'push' | 'pull-request';
}

/**
 * With a policy, it decides where each environment lives and how it is promoted; a flag that says otherwise is
 * never dropped silently. `--branch-template` or `--path` that would put `target.env` elsewhere than the
 * policy does is an error: the user meant another place (`--path apps/svc2` while the policy says
 * `apps/svc1`), and editing the policy's place instead would change what they did not ask for. Equal values
 * agree and say nothing. `--mode push` where the policy says `mode: pull-request` is a warning: the policy
 * only makes the promotion stricter (a pull request for a person to merge), so it goes on and says so.
 */
export function checkPolicyDecidedFlags(
  flags: PolicyDecidedFlags,
  environment: Environment,
  target: EnvironmentTarget,
  context: StepContext,
): void {
  const where = { file: POLICY_FILE, line: environment.line };
  const field = (name: string) =>
    `drop ${name}: the policy decides it (or change environments.${environment.name} in ${POLICY_FILE} through a reviewed change to the config repo's default branch)`;
  if (flags.branchTemplate !== undefined) {
    const branch = environmentTarget(target.env, { branchTemplate: flags.branchTemplate }).branch;
    if (branch !== target.branch) {
      throw new SlipwayError(
        `--branch-template ${flags.branchTemplate} puts ${target.env} on branch ${branch}, but the policy keeps ${target.env} on ${target.branch}`,
        { where, fix: field('--branch-template') },
      );
    }
  }
  if (flags.path !== undefined) {
    const path = normaliseRepoPath(flags.path);
    if (path !== target.path) {
      throw new SlipwayError(
        `--path ${flags.path} searches ${path ?? 'the whole branch'} for ${target.env}, but the policy keeps ${target.env} in ${target.path ?? 'the whole branch'} of ${target.branch}`,
        { where, fix: field('--path') },
      );
    }
  }
  if (flags.mode === 'push' && environment.mode === 'pull-request') {
    context.reporter.warning(
      `${target.env} is promoted by pull request (mode: pull-request), so --mode push does not apply to it`,
      where,
    );
  }
}
