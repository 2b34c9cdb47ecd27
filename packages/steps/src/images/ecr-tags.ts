// ECR repositories whose tags never move (IMMUTABLE, or outside a repository's exclusion filters): before
// build or copy writes anything, ECR is asked which of the tags already exist, so a conflicting tag fails
// the step up front (naming the tag, the repository and the fix) instead of halfway through the push, and
// a tag that already names the same image is left out (ECR refuses even an identical re-push).

import type { TagGuard } from '@slipway/build';
import type { EcrRepositories, TagCheck } from '@slipway/ecr';
import { parseLocalRegistries } from '@slipway/oci';
import type { StepContext } from '../definition/step.js';
import { mayBeEcrHost } from './open.js';

/** The tag guard of build and copy: ECR hosts only (the AWS SDK loads only for them), not local stores. */
export function ecrTagGuard(context: StepContext): TagGuard {
  const localRegistries = parseLocalRegistries(context.env.SLIPWAY_LOCAL_REGISTRY);
  let repositories: EcrRepositories | undefined;
  return async (location, tags, digest) => {
    const { domain, path } = location.reference;
    if (!mayBeEcrHost(domain) || localRegistries[domain] !== undefined) return [];
    const { EcrRepositories, isAccessDenied, parseEcrHost } = await import('@slipway/ecr');
    if (parseEcrHost(domain) === undefined) return [];
    repositories ??= new EcrRepositories({ env: context.env });
    let check: TagCheck;
    try {
      check = await repositories.checkTagWritable(domain, path, tags, digest);
    } catch (error) {
      // A push-only role (the usual ECR push policy) may not describe: the push goes ahead as it did before
      // this check, and ECR itself refuses an immutable tag then.
      if (!isAccessDenied(error)) throw error;
      context.reporter.warning(
        `cannot check the tags of ${domain}/${path} before the push (ECR denied DescribeRepositories or DescribeImages): allow ecr:DescribeRepositories and ecr:DescribeImages to have an immutable tag refused before anything is built or copied`,
      );
      return [];
    }
    if (check.alreadyTagged.length > 0) {
      context.reporter.info(
        `${domain}/${path} is ${check.mutability}: ${check.alreadyTagged.join(', ')} already name this image, not pushed again`,
      );
    }
    return check.alreadyTagged;
  };
}
