import type { CodeCommitRepo, ConfigRepo } from '@slipway/gitops';
import {
  type ConfigFilesReader,
  DEFAULT_BRANCH_TEMPLATE,
  type EnvironmentTarget,
  environmentTarget,
  type GitAuth,
  type GitHubRepo,
  untrustedPolicy,
  withConfigFiles,
  writtenByPromotions,
} from '@slipway/gitops';
import type { Environment, Policy } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';

export const POLICY_FILE = '.slipway.yaml';

export interface PolicyRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** Read through the GitHub API (`--via github-api`). */
  readonly github?: GitHubRepo;
  /** Read through the CodeCommit API (`--via codecommit-api`). */
  readonly codecommit?: CodeCommitRepo;
  readonly policyRef?: string;
  /** The branches and branch templates the flags make this step write (never a source of the policy). */
  readonly written: readonly (string | undefined)[];
  /** Through git: the temporary repository to read in, the caller's (see withConfigFiles). */
  readonly repo?: ConfigRepo;
}

export interface PolicySource {
  readonly policy: Policy;
  readonly reader: ConfigFilesReader;
}

/**
 * Reads and parses `.slipway.yaml` from the one kind of branch it may come from: the default branch, or
 * `--policy-ref`, and never a branch promotions can write (an environment branch of the flags, of the default
 * template `env/{env}`, of the policy itself or, for `--policy-ref`, of the policy on the default branch, or a
 * pull-request head). `work` gets undefined when there is
 * no policy. Every step that reads the policy goes through here.
 */
export async function withPolicy<T>(
  request: PolicyRequest,
  context: StepContext,
  work: (source: PolicySource | undefined) => Promise<T>,
): Promise<T> {
  const written = [...request.written.filter((branch) => branch !== undefined), DEFAULT_BRANCH_TEMPLATE];
  return withConfigFiles(
    {
      configRepo: request.configRepo,
      ...(request.auth === undefined ? {} : { auth: request.auth }),
      ...(request.github === undefined ? {} : { github: request.github }),
      ...(request.codecommit === undefined ? {} : { codecommit: request.codecommit }),
      ...(request.policyRef === undefined ? {} : { ref: request.policyRef }),
      ...(request.repo === undefined ? {} : { repo: request.repo }),
      written,
      writtenByOwners: async (defaultBranch) => {
        const owners = (await defaultBranch.read([POLICY_FILE])).get(POLICY_FILE)?.toString('utf8');
        if (owners === undefined) return [];
        const sign = await import('@slipway/sign');
        return environmentBranches(
          sign.parsePolicy(owners, { file: `${POLICY_FILE} on ${defaultBranch.ref}` }),
        );
      },
      warn: (message) => context.reporter.warning(message),
    },
    async (reader) => {
      if (reader === undefined) return work(undefined);
      const text = (await reader.read([POLICY_FILE])).get(POLICY_FILE)?.toString('utf8');
      if (text === undefined) return work(undefined);
      if (reader.writtenBy !== undefined)
        throw untrustedPolicy(POLICY_FILE, reader.ref, reader.writtenBy, reader.given);
      const sign = await import('@slipway/sign');
      const policy = sign.parsePolicy(text, { file: POLICY_FILE });
      // A policy that makes its own branch an environment's is one promotions write.
      const own = writtenByPromotions(reader.ref, environmentBranches(policy));
      if (own !== undefined) throw untrustedPolicy(POLICY_FILE, reader.ref, own, reader.given);
      return work({ policy, reader });
    },
  );
}

/**
 * The branches a policy's environments are promoted to, and their `branch` templates that hold `{env}` (any
 * environment name could be promoted through them).
 */
function environmentBranches(policy: Policy): string[] {
  return policy.environments.flatMap((environment) => [
    policyTarget(environment).branch,
    ...(environment.branch.includes('{env}') ? [environment.branch] : []),
  ]);
}

/** Where the policy keeps an environment: its branch, and its path when it names one. */
export function policyTarget(environment: Environment): EnvironmentTarget {
  const target = environmentTarget(environment.name, { branchTemplate: environment.branch });
  return environment.path === undefined ? target : { ...target, path: environment.path.replace(/\/+$/, '') };
}
