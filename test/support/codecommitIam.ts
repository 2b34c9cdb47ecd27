// The CodeCommit API fake refusing what IAM would: each call is evaluated against identity policies (the
// shipped ones, through loadShippedPolicy) as `codecommit:<action>` on the repository, with the
// `codecommit:References` a write carries. The git side does the same in codecommitGitServer.ts.

import type { CodeCommitAuthorizer } from './codecommitFake.js';
import { codeCommitArn, evaluateIam, type PolicyDocument } from './iamPolicy.js';

/** An authorizer for `fake.authorize`: undefined when allowed, else the reason AWS gives. */
export function iamAuthorizer(
  policies: PolicyDocument | readonly PolicyDocument[],
  repository: { readonly repositoryName: string; readonly region?: string },
): CodeCommitAuthorizer {
  const resource = codeCommitArn(repository.repositoryName, repository.region);
  return ({ action, references }) => {
    const result = evaluateIam(policies, {
      action: `codecommit:${action}`,
      resource,
      context: references.length === 0 ? {} : { 'codecommit:References': references },
    });
    if (result.decision === 'allow') return undefined;
    return result.decision === 'explicit-deny'
      ? `with an explicit deny in an identity-based policy (${result.statement ?? ''})`
      : 'because no identity-based policy allows the action';
  };
}
