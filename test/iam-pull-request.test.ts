import { describe, expect, it } from 'vitest';
import { codeCommitArn, evaluateIam, iamAllows, loadShippedPolicy } from './support/iamPolicy.js';

const REPO = 'microservices-repo';
const ARN = codeCommitArn(REPO);

describe('the shipped promote-pull-request policy', () => {
  const policy = loadShippedPolicy('promote-pull-request', { configRepoName: REPO });
  const push = (references: readonly string[]) =>
    evaluateIam(policy, {
      action: 'codecommit:GitPush',
      resource: ARN,
      context: { 'codecommit:References': references },
    }).decision;

  it("pushes Slipway's proposal branches only: never an environment branch, main or a tag", () => {
    expect(push(['refs/heads/slipway/promote/prod/cart'])).toBe('allow');
    expect(push(['refs/heads/env/prod'])).toBe('explicit-deny');
    expect(push(['refs/heads/main'])).toBe('explicit-deny');
    expect(push(['refs/tags/v1'])).toBe('explicit-deny');
    expect(push(['refs/heads/slipway/promote/prod/cart', 'refs/heads/env/prod'])).toBe('explicit-deny');
  });

  it('commits through the API (--via codecommit-api) to its proposal branches only', () => {
    for (const action of ['CreateCommit', 'CreateBranch']) {
      const write = (reference: string) =>
        evaluateIam(policy, {
          action: `codecommit:${action}`,
          resource: ARN,
          context: { 'codecommit:References': [reference] },
        }).decision;
      expect(write('refs/heads/slipway/promote/prod/cart'), action).toBe('allow');
      expect(write('refs/heads/env/prod'), action).toBe('explicit-deny');
      expect(write('refs/heads/main'), action).toBe('explicit-deny');
    }
    for (const action of ['GetRepository', 'GetBranch', 'GetFile', 'GetDifferences']) {
      expect(iamAllows(policy, { action: `codecommit:${action}`, resource: ARN }), action).toBe(true);
    }
  });

  it('opens, reads and updates pull requests and adds approval rules, on the config repo only', () => {
    for (const action of [
      'ListPullRequests',
      'GetPullRequest',
      'CreatePullRequest',
      'UpdatePullRequestTitle',
      'UpdatePullRequestDescription',
      'UpdatePullRequestStatus',
      'CreatePullRequestApprovalRule',
      'GitPull',
    ]) {
      expect(iamAllows(policy, { action: `codecommit:${action}`, resource: ARN }), action).toBe(true);
      expect(
        iamAllows(policy, { action: `codecommit:${action}`, resource: codeCommitArn('app-repo') }),
        action,
      ).toBe(false);
    }
    expect(
      iamAllows(policy, {
        action: 'codecommit:GetApprovalRuleTemplate',
        resource: 'arn:aws:codecommit:eu-west-1:123456789012:approvalruletemplate/prod-two-approvers',
      }),
    ).toBe(true);
  });

  it('cannot approve or merge its own pull request, nor change the rules it must meet', () => {
    for (const action of [
      'UpdatePullRequestApprovalState',
      'OverridePullRequestApprovalRules',
      'MergePullRequestByFastForward',
      'MergePullRequestBySquash',
      'MergePullRequestByThreeWay',
      'DeletePullRequestApprovalRule',
      'UpdatePullRequestApprovalRuleContent',
      'UpdateApprovalRuleTemplateContent',
      'DisassociateApprovalRuleTemplateFromRepository',
    ]) {
      expect(iamAllows(policy, { action: `codecommit:${action}`, resource: ARN }), action).toBe(false);
    }
  });
});
