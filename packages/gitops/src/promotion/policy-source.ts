import { SlipwayError } from '@slipway/errors';

/**
 * Where the promotion gate's policy may come from. A policy read from a branch that promotions write could be
 * loosened by whoever promotes (the app pipeline's token can push there), and it would then let through what
 * the owners' policy refuses. So the policy is never read from:
 * - an environment branch: one this promotion writes, or any branch matching a branch template (`env/{env}`
 *   covers every `env/<name>`);
 * - a pull-request head: GitHub's `refs/pull/…` and Slipway's own `slipway/promote/…` branches, written by
 *   whoever opens the pull request.
 */

/** The environments' branch template when neither the flags nor the policy name one. */
export const DEFAULT_BRANCH_TEMPLATE = 'env/{env}';

const PULL_REQUEST_HEAD = /^(?:refs\/pull\/|pull\/|slipway\/promote\/)/;

/** `refs/heads/main` → `main`: how a branch is compared with templates. */
export function branchName(ref: string): string {
  return ref.trim().replace(/^refs\/heads\//, '');
}

/**
 * Why promotions can write `ref`, or undefined when they cannot. `written`: the branches and branch templates
 * they write (`{env}` stands for one environment name). A template that is `{env}` alone names no pattern
 * (it would cover `main` too): it counts through the exact environment branches passed beside it.
 */
export function writtenByPromotions(ref: string, written: readonly string[]): string | undefined {
  if (PULL_REQUEST_HEAD.test(ref.trim())) {
    return 'it is a pull-request head (refs/pull/…, or Slipway’s slipway/promote/… branches), which whoever opens the pull request writes';
  }
  const branch = branchName(ref);
  if (PULL_REQUEST_HEAD.test(branch)) return writtenByPromotions(branch, written);
  for (const template of new Set(written)) {
    if (!template.includes('{env}')) {
      if (branch === template) return `${template} is an environment branch, which promotions write`;
      continue;
    }
    if (template.replaceAll('{env}', '') === '') continue;
    if (templatePattern(template).test(branch)) {
      return `it matches the environment branch template ${template}, which promotions write`;
    }
  }
  return undefined;
}

/** `env/{env}` → /^env\/[^/]+$/: `{env}` is one environment name (a single ref component). */
function templatePattern(template: string): RegExp {
  const parts = template.split('{env}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}$`);
}

const KEEP_IT_PROTECTED =
  'read the policy from the default branch (leave out --policy-ref), or from another branch that only the config repo’s owners can push to (a protected branch)';

/**
 * The refusal of a `--policy-ref` that promotions can write: thrown before anything is read for the flags'
 * branches, and before the policy is read for those the default branch's policy names (`source` says so).
 */
export function assertPolicyRef(ref: string, written: readonly string[], source?: string): void {
  const why = writtenByPromotions(ref, written);
  if (why === undefined) return;
  throw new SlipwayError(
    `--policy-ref ${ref} is refused: the policy never comes from a branch promotions can write, and ${why}${source === undefined ? '' : ` (${source})`}`,
    {
      fix: KEEP_IT_PROTECTED,
    },
  );
}

/**
 * A policy found on the default branch, or on `--policy-ref`, that promotions can write (the default branch
 * is an environment branch, or the policy itself makes its branch one of its environments).
 */
export function untrustedPolicy(file: string, ref: string, why: string, given: boolean): SlipwayError {
  return new SlipwayError(
    `${file} on ${given ? `--policy-ref ${ref}` : `the config repo's default branch ${ref}`} is not read: the policy never comes from a branch promotions can write, and ${why}`,
    {
      where: `${file} on ${ref}`,
      fix: given
        ? KEEP_IT_PROTECTED
        : 'keep .slipway.yaml on a branch only the config repo’s owners can push to: make that the default branch, or name it with --policy-ref',
    },
  );
}

/**
 * What to do when the default branch (what HEAD names) does not exist: read the policy from `branch`, or,
 * without one, read no policy; either way, say so in `warning`.
 */
export interface MissingDefaultBranch {
  readonly warning: string;
  readonly branch?: string;
}

/**
 * The default branch is missing (`git init --bare` leaves HEAD at `master` while the branches are `main` and
 * `env/*`). Reading no policy would silently drop the gate wherever a policy exists on another branch. When
 * exactly one branch is not one promotions write, it is the only place the owners' policy can be, so it is
 * read from there, with a warning naming the fix. With several, choosing one would be a guess: an error
 * naming `--policy-ref` and the branches. With none, "no policy", said in a warning. `branches`: undefined
 * when they cannot be listed (the GitHub API path): an error.
 */
export function missingDefaultBranch(
  head: string | undefined,
  branches: readonly string[] | undefined,
  written: readonly string[],
  where: string,
): MissingDefaultBranch {
  const candidates = branches?.filter((branch) => writtenByPromotions(branch, written) === undefined);
  if (branches !== undefined && candidates !== undefined && candidates.length === 0) {
    return {
      warning: `${missing(head)}, and every branch is one promotions write (${branches.join(', ') || 'none'}): no policy (.slipway.yaml) is read, so the flags decide and nothing gates this promotion`,
    };
  }
  const [only] = candidates ?? [];
  if (candidates?.length === 1 && only !== undefined) {
    return {
      branch: only,
      warning: `${missing(head)}: the policy (.slipway.yaml) is read from ${only}, the only branch promotions do not write; ${pointHead(only)}, or pass --policy-ref ${only}`,
    };
  }
  const named =
    candidates === undefined
      ? ''
      : ` (branches that could hold it: ${candidates.slice(0, 5).join(', ')}${candidates.length > 5 ? ', …' : ''})`;
  throw new SlipwayError(`${missing(head)}, so the policy (.slipway.yaml) cannot be read from it`, {
    where,
    fix: `name the branch that holds .slipway.yaml with --policy-ref${named}, or ${pointHead('<branch>')}`,
  });
}

/** How the owners of a config repo make HEAD name `branch`, on a plain git server or a Git host. */
export function setHeadCommand(branch: string): string {
  return `\`git symbolic-ref HEAD refs/heads/${branch}\` in the server's bare repository (on a Git host, make it the default branch)`;
}

function pointHead(branch: string): string {
  return `point the config repo's HEAD at ${branch}: ${setHeadCommand(branch)}`;
}

function missing(head: string | undefined): string {
  return head === undefined
    ? "the config repo's HEAD names no existing branch"
    : `the config repo's default branch ${head} (what HEAD names) does not exist`;
}
