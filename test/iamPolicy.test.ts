import { describe, expect, it } from 'vitest';
import {
  codeCommitArn,
  evaluateIam,
  iamAllows,
  loadShippedPolicy,
  type PolicyDocument,
} from './support/iamPolicy.js';

const REPO = 'microservices-repo';
const ARN = codeCommitArn(REPO);

describe('the shipped promote-git policy', () => {
  const policy = loadShippedPolicy('promote-git', { configRepoName: REPO });
  const push = (references?: readonly string[]) =>
    evaluateIam(policy, {
      action: 'codecommit:GitPush',
      resource: ARN,
      context: references === undefined ? {} : { 'codecommit:References': references },
    });

  it('lets the ref advertisement of a push through (no codecommit:References on it)', () => {
    expect(push()).toEqual({ decision: 'allow', statement: 'PushConfigRepo' });
    // An empty set is as absent as a missing key (Null and ForAnyValue both say so).
    expect(push([]).decision).toBe('allow');
  });

  it('allows a push of env/dev alone, and of env/dev with env/staging in one atomic push', () => {
    expect(push(['refs/heads/env/dev']).decision).toBe('allow');
    expect(push(['refs/heads/env/dev', 'refs/heads/env/staging']).decision).toBe('allow');
  });

  it('denies a push that writes main, a non-env branch or a tag, alone or beside env/dev', () => {
    expect(push(['refs/heads/main'])).toEqual({
      decision: 'explicit-deny',
      statement: 'OnlyEnvironmentBranches',
    });
    expect(push(['refs/heads/release/dev']).decision).toBe('explicit-deny');
    expect(push(['refs/tags/v1']).decision).toBe('explicit-deny');
    expect(push(['refs/heads/env/dev', 'refs/heads/main']).decision).toBe('explicit-deny');
    // `env/*` is a prefix of the ref, not of any part of it.
    expect(push(['refs/heads/team/env/dev']).decision).toBe('explicit-deny');
  });

  it('allows pulls, and nothing else (implicit deny), on the config repo only', () => {
    expect(iamAllows(policy, { action: 'codecommit:GitPull', resource: ARN })).toBe(true);
    expect(evaluateIam(policy, { action: 'codecommit:DeleteRepository', resource: ARN }).decision).toBe(
      'implicit-deny',
    );
    expect(
      evaluateIam(policy, { action: 'codecommit:GitPull', resource: codeCommitArn('app-repo') }).decision,
    ).toBe('implicit-deny');
    expect(
      evaluateIam(policy, { action: 'codecommit:GitPush', resource: codeCommitArn(REPO, 'us-east-1') })
        .decision,
    ).toBe('implicit-deny');
  });

  it('matches actions case-insensitively, as IAM does', () => {
    expect(iamAllows(policy, { action: 'CodeCommit:gitpull', resource: ARN })).toBe(true);
  });
});

describe('the shipped promote-api and flux-read-only policies', () => {
  it('promote-api: CreateCommit on env/* only; the reads it needs; no GitPush', () => {
    const policy = loadShippedPolicy('promote-api', { configRepoName: REPO });
    const commit = (branch: string) =>
      evaluateIam(policy, {
        action: 'codecommit:CreateCommit',
        resource: ARN,
        context: { 'codecommit:References': [`refs/heads/${branch}`] },
      }).decision;
    expect(commit('env/prod')).toBe('allow');
    expect(commit('main')).toBe('explicit-deny');
    for (const read of ['GetRepository', 'GetBranch', 'GetFile', 'GetFolder', 'GetDifferences'])
      expect(iamAllows(policy, { action: `codecommit:${read}`, resource: ARN })).toBe(true);
    expect(iamAllows(policy, { action: 'codecommit:GitPush', resource: ARN })).toBe(false);
  });

  it('flux-read-only: GitPull and nothing else', () => {
    const policy = loadShippedPolicy('flux-read-only', { configRepoName: REPO });
    expect(iamAllows(policy, { action: 'codecommit:GitPull', resource: ARN })).toBe(true);
    expect(
      iamAllows(policy, {
        action: 'codecommit:GitPush',
        resource: ARN,
        context: { 'codecommit:References': ['refs/heads/env/dev'] },
      }),
    ).toBe(false);
  });

  it('fills the CloudFormation placeholders (partition, region, account)', () => {
    const policy = loadShippedPolicy('flux-read-only', {
      configRepoName: REPO,
      partition: 'aws-cn',
      region: 'cn-north-1',
      accountId: '210987654321',
    });
    expect(
      iamAllows(policy, {
        action: 'codecommit:GitPull',
        resource: `arn:aws-cn:codecommit:cn-north-1:210987654321:${REPO}`,
      }),
    ).toBe(true);
    expect(iamAllows(policy, { action: 'codecommit:GitPull', resource: ARN })).toBe(false);
  });
});

describe('IAM evaluation logic', () => {
  const allowAll: PolicyDocument = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
  const with_ = (statement: PolicyDocument['Statement']): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: statement,
  });

  it('an explicit Deny wins over any Allow, in any policy, in any order', () => {
    const deny = with_({ Sid: 'NoPush', Effect: 'Deny', Action: 'codecommit:GitPush', Resource: '*' });
    expect(evaluateIam([deny, allowAll], { action: 'codecommit:GitPush', resource: ARN })).toEqual({
      decision: 'explicit-deny',
      statement: 'NoPush',
    });
    expect(evaluateIam([allowAll, deny], { action: 'codecommit:GitPush', resource: ARN }).decision).toBe(
      'explicit-deny',
    );
    expect(evaluateIam([], { action: 'codecommit:GitPush', resource: ARN }).decision).toBe('implicit-deny');
  });

  it('Action wildcards: * any run, ? exactly one character; NotAction is the complement', () => {
    const policy = with_({
      Effect: 'Allow',
      Action: ['codecommit:Get*', 'codecommit:Git?ul?'],
      Resource: '*',
    });
    expect(iamAllows(policy, { action: 'codecommit:GetBranch', resource: ARN })).toBe(true);
    expect(iamAllows(policy, { action: 'codecommit:GitPull', resource: ARN })).toBe(true);
    expect(iamAllows(policy, { action: 'codecommit:GitPush', resource: ARN })).toBe(false);
    expect(iamAllows(policy, { action: 'codecommit:GitPulls', resource: ARN })).toBe(false);
    const notAction = with_({ Effect: 'Allow', NotAction: 'codecommit:Delete*', Resource: '*' });
    expect(iamAllows(notAction, { action: 'codecommit:GitPush', resource: ARN })).toBe(true);
    expect(iamAllows(notAction, { action: 'codecommit:DeleteRepository', resource: ARN })).toBe(false);
  });

  it('Resource wildcards match ARNs case-sensitively; NotResource is the complement', () => {
    const policy = with_({
      Effect: 'Allow',
      Action: '*',
      Resource: 'arn:aws:codecommit:*:123456789012:micro*',
    });
    expect(iamAllows(policy, { action: 'codecommit:GitPull', resource: ARN })).toBe(true);
    expect(
      iamAllows(policy, { action: 'codecommit:GitPull', resource: codeCommitArn('Microservices') }),
    ).toBe(false);
    const notResource = with_({ Effect: 'Allow', Action: '*', NotResource: ARN });
    expect(iamAllows(notResource, { action: 'codecommit:GitPull', resource: ARN })).toBe(false);
    expect(iamAllows(notResource, { action: 'codecommit:GitPull', resource: codeCommitArn('other') })).toBe(
      true,
    );
  });

  it('single-valued string operators; a missing key fails positive operators and passes negated ones', () => {
    const on = (operator: string, values: string | string[]) =>
      with_({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { [operator]: { 'aws:PrincipalTag/team': values } },
      });
    const ask = (policy: PolicyDocument, team?: string) =>
      iamAllows(policy, {
        action: 'codecommit:GitPull',
        resource: ARN,
        context: team === undefined ? {} : { 'aws:principaltag/team': team },
      });
    expect(ask(on('StringEquals', ['ops', 'dev']), 'dev')).toBe(true);
    expect(ask(on('StringEquals', 'ops'), 'Ops')).toBe(false);
    expect(ask(on('StringEquals', 'ops'))).toBe(false);
    expect(ask(on('StringEqualsIfExists', 'ops'))).toBe(true);
    expect(ask(on('StringEqualsIfExists', 'ops'), 'dev')).toBe(false);
    expect(ask(on('StringNotEquals', ['ops', 'dev']), 'dev')).toBe(false);
    expect(ask(on('StringNotEquals', ['ops', 'dev']), 'qa')).toBe(true);
    expect(ask(on('StringNotEquals', 'ops'))).toBe(true);
    expect(ask(on('StringNotEqualsIfExists', 'ops'), 'ops')).toBe(false);
    expect(ask(on('StringLike', 'o?s*'), 'ops-team')).toBe(true);
    expect(ask(on('StringLike', 'o?s*'), 'oops')).toBe(false);
    expect(ask(on('StringLike', 'ops'))).toBe(false);
    expect(ask(on('StringLikeIfExists', 'ops'))).toBe(true);
    expect(ask(on('StringNotLike', 'o*'), 'dev')).toBe(true);
    expect(ask(on('StringNotLike', 'o*'), 'ops')).toBe(false);
    expect(ask(on('StringNotLike', 'o*'))).toBe(true);
    expect(ask(on('StringNotLikeIfExists', 'o*'), 'ops')).toBe(false);
  });

  it('ForAnyValue / ForAllValues over a multivalued key; missing or empty keys as AWS documents', () => {
    const on = (operator: string) =>
      with_({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { [operator]: { 'codecommit:References': ['refs/heads/env/*'] } },
      });
    const ask = (operator: string, references?: string[]) =>
      iamAllows(on(operator), {
        action: 'codecommit:GitPush',
        resource: ARN,
        context: references === undefined ? {} : { 'codecommit:References': references },
      });
    const mixed = ['refs/heads/env/dev', 'refs/heads/main'];
    expect(ask('ForAnyValue:StringLike', mixed)).toBe(true);
    expect(ask('ForAllValues:StringLike', mixed)).toBe(false);
    expect(ask('ForAllValues:StringLike', ['refs/heads/env/dev', 'refs/heads/env/prod'])).toBe(true);
    expect(ask('ForAnyValue:StringNotLike', mixed)).toBe(true);
    expect(ask('ForAnyValue:StringNotLike', ['refs/heads/env/dev'])).toBe(false);
    expect(ask('ForAllValues:StringNotLike', mixed)).toBe(false);
    expect(ask('ForAllValues:StringNotLike', ['refs/heads/main'])).toBe(true);
    // Missing or empty: ForAnyValue is false, ForAllValues is (vacuously) true.
    expect(ask('ForAnyValue:StringLike')).toBe(false);
    expect(ask('ForAnyValue:StringNotLike', [])).toBe(false);
    expect(ask('ForAllValues:StringLike')).toBe(true);
    expect(ask('ForAllValues:StringNotLike', [])).toBe(true);
  });

  it('Null tests presence; all operators and keys of a Condition must hold', () => {
    const policy = (nullValue: string) =>
      with_({
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: {
          Null: { 'codecommit:References': nullValue },
          StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' },
        },
      });
    const present = { 'codecommit:References': ['refs/heads/env/dev'] };
    expect(iamAllows(policy('false'), { action: 'x:y', resource: ARN, context: present })).toBe(true);
    expect(iamAllows(policy('false'), { action: 'x:y', resource: ARN })).toBe(false);
    expect(iamAllows(policy('true'), { action: 'x:y', resource: ARN })).toBe(true);
    expect(iamAllows(policy('true'), { action: 'x:y', resource: ARN, context: present })).toBe(false);
    expect(
      iamAllows(policy('false'), {
        action: 'x:y',
        resource: ARN,
        context: { ...present, 'aws:RequestedRegion': 'us-east-1' },
      }),
    ).toBe(false);
  });

  it('refuses what it does not understand instead of ignoring it', () => {
    const unknown = with_({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
    });
    expect(() => evaluateIam(unknown, { action: 'x:y', resource: ARN })).toThrow(/unsupported/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS placeholder
    const variable = with_({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:iam::*:user/${aws:username}' });
    expect(() => evaluateIam(variable, { action: 'x:y', resource: ARN })).toThrow(/variables/);
    const multi = with_({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { StringLike: { 'codecommit:References': 'refs/heads/env/*' } },
    });
    expect(() =>
      evaluateIam(multi, {
        action: 'x:y',
        resource: ARN,
        context: { 'codecommit:References': ['refs/heads/env/a', 'refs/heads/env/b'] },
      }),
    ).toThrow(/ForAnyValue/);
  });
});
