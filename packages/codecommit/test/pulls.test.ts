import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolateAws } from '../../../test/support/awsTestEnv.js';
import { commitFiles, createBareRepo } from '../../../test/support/bareRepo.js';
import { CodeCommitFake } from '../../../test/support/codecommitFake.js';
import {
  approvalRuleContent,
  type CodeCommitPullsState,
  registerCodeCommitPulls,
} from '../../../test/support/codecommitPullsApi.js';
import {
  type CodeCommitRepo,
  openCodeCommitRepo,
  parseCodeCommitRemote,
  pullRequestConsoleUrl,
  readApprovalRuleTemplate,
  upsertCodeCommitPullRequest,
} from '../src/index.js';

const NAME = 'microservices-repo';

let fake: CodeCommitFake;
let repo: CodeCommitRepo;
let state: CodeCommitPullsState;
let repoPath: string;
let cleanup: () => void;

beforeEach(async () => {
  isolateAws({ accessKeyId: 'AKIDPULLSTEST', secretAccessKey: 'pulls-secret-never-shown' });
  fake = new CodeCommitFake();
  const bare = createBareRepo({
    branches: { 'env/prod': { 'app.yaml': 'image: cart:1\n' } },
    defaultBranch: 'env/prod',
  });
  repoPath = bare.path;
  cleanup = bare.cleanup;
  commitFiles(repoPath, 'slipway/promote/prod/cart', { 'app.yaml': 'image: cart:2\n' }, 'promote');
  state = registerCodeCommitPulls(fake, { repositoryName: NAME, repoPath, pageSize: 2 });
  const remote = parseCodeCommitRemote(`codecommit::eu-west-1://${NAME}`);
  if (remote === undefined) throw new Error('not a CodeCommit address');
  repo = await openCodeCommitRepo(remote);
});

afterEach(() => {
  fake.restore();
  cleanup();
  vi.unstubAllEnvs();
});

const proposal = (title: string, description: string) => ({
  repo,
  head: 'slipway/promote/prod/cart',
  base: 'env/prod',
  headCommit: 'a'.repeat(40),
  title,
  description,
});

describe('upsertCodeCommitPullRequest', () => {
  it('opens one pull request, then updates that one in place; another open pull request is left alone', async () => {
    commitFiles(repoPath, 'feature', { 'other.yaml': 'x: 1\n' }, 'other');
    state.pullRequests.push(
      ...['a', 'b'].map((n) => ({
        pullRequestId: `9${n === 'a' ? 0 : 1}`,
        title: `someone else's ${n}`,
        description: '',
        status: 'OPEN' as const,
        repositoryName: NAME,
        sourceReference: 'feature',
        destinationReference: 'env/prod',
        approvalRules: [],
      })),
    );
    const first = await upsertCodeCommitPullRequest(proposal('promote(prod): cart 2', 'body one'));
    expect(first).toMatchObject({ created: true, approvalRule: 'none' });
    expect(first.url).toBe(
      `https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/${NAME}/pull-requests/${first.id}`,
    );
    const second = await upsertCodeCommitPullRequest(proposal('promote(prod): cart 3', 'body two'));
    expect(second).toMatchObject({ id: first.id, created: false });
    const mine = state.pullRequests.filter((pull) => pull.sourceReference === 'slipway/promote/prod/cart');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      title: 'promote(prod): cart 3',
      description: 'body two',
      status: 'OPEN',
    });
    expect(fake.callsOf('CreatePullRequest')).toHaveLength(1);
    expect(fake.callsOf('CreatePullRequest')[0]?.input.clientRequestToken).toMatch(/^[0-9a-f]{64}$/);
    // Three open pull requests in pages of two: the second page was read too.
    expect(fake.callsOf('ListPullRequests').at(-1)?.input).toMatchObject({ pullRequestStatus: 'OPEN' });
  });

  it('keeps the older pull request when another run opened one between the look-up and the create', async () => {
    fake.restore();
    fake = new CodeCommitFake();
    let raced = false;
    state = registerCodeCommitPulls(fake, {
      repositoryName: NAME,
      repoPath,
      beforeCreate: (pulls) => {
        if (raced) return;
        raced = true;
        pulls.pullRequests.push({
          pullRequestId: '5',
          title: "the other run's",
          description: 'other',
          status: 'OPEN',
          repositoryName: NAME,
          sourceReference: 'slipway/promote/prod/cart',
          destinationReference: 'env/prod',
          approvalRules: [],
        });
      },
    });
    const result = await upsertCodeCommitPullRequest(proposal('mine', 'my body'));
    expect(result).toMatchObject({ id: '5', created: false });
    const open = state.pullRequests.filter((pull) => pull.status === 'OPEN');
    expect(open.map((pull) => pull.pullRequestId)).toEqual(['5']);
    expect(open[0]).toMatchObject({ title: 'mine', description: 'my body' });
    expect(state.pullRequests.find((pull) => pull.pullRequestId === '6')?.status).toBe('CLOSED');
  });

  it('does not call the update APIs when title and description are unchanged', async () => {
    await upsertCodeCommitPullRequest(proposal('t', 'd'));
    await upsertCodeCommitPullRequest(proposal('t', 'd'));
    expect(fake.callsOf('UpdatePullRequestTitle')).toHaveLength(0);
    expect(fake.callsOf('UpdatePullRequestDescription')).toHaveLength(0);
  });

  it("adds the template's rule to a pull request that lacks it, once", async () => {
    state.templates.set('prod-two-approvers', {
      name: 'prod-two-approvers',
      content: approvalRuleContent(2),
      associated: [],
    });
    const template = await readApprovalRuleTemplate(repo, {
      name: 'prod-two-approvers',
      declaredAt: '.slipway.yaml:7',
    });
    const first = await upsertCodeCommitPullRequest({
      ...proposal('t', 'd'),
      approvalRuleTemplate: template,
    });
    const second = await upsertCodeCommitPullRequest({
      ...proposal('t2', 'd'),
      approvalRuleTemplate: template,
    });
    expect(first.approvalRule).toBe('added');
    expect(second.approvalRule).toBe('present');
    expect(state.pullRequests[0]?.approvalRules).toEqual([
      expect.objectContaining({
        approvalRuleName: 'prod-two-approvers',
        approvalRuleContent: approvalRuleContent(2),
      }),
    ]);
    expect(fake.callsOf('CreatePullRequestApprovalRule')).toHaveLength(1);
  });

  it('leaves a pull request alone when CodeCommit applied the template itself (associated with the repository)', async () => {
    state.templates.set('prod-two-approvers', {
      name: 'prod-two-approvers',
      content: approvalRuleContent(2),
      associated: [NAME],
    });
    const template = await readApprovalRuleTemplate(repo, {
      name: 'prod-two-approvers',
      declaredAt: '.slipway.yaml:7',
    });
    const opened = await upsertCodeCommitPullRequest({
      ...proposal('t', 'd'),
      approvalRuleTemplate: template,
    });
    expect(opened.approvalRule).toBe('associated');
    expect(fake.callsOf('CreatePullRequestApprovalRule')).toHaveLength(0);
    expect(state.pullRequests[0]?.approvalRules).toHaveLength(1);
  });

  it('refuses a template that does not exist, naming the place that asks for it', async () => {
    const error = await readApprovalRuleTemplate(repo, {
      name: 'prod-typo',
      declaredAt: '.slipway.yaml:12',
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /^SlipwayError: .*approval-rule template "prod-typo" does not exist in eu-west-1/,
    );
    expect((error as { where?: string }).where).toBe('.slipway.yaml:12');
    expect((error as { fix?: string }).fix).toMatch(/create-approval-rule-template/);
  });

  it('names the missing IAM permission when CodeCommit denies the call', async () => {
    fake.authorize = ({ action }) =>
      action === 'CreatePullRequest' ? 'because no identity-based policy allows it' : undefined;
    const error = await upsertCodeCommitPullRequest(proposal('t', 'd')).catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /CodeCommit failed opening a pull request slipway\/promote\/prod\/cart → env\/prod: access denied/,
    );
    expect((error as { fix?: string }).fix).toMatch(/codecommit:CreatePullRequest/);
    // The policy that grants pull-request mode's calls, not the clone-free promotion's.
    expect((error as { fix?: string }).fix).toMatch(/iam\/promote-pull-request\.json/);
    expect(state.pullRequests).toHaveLength(0);
  });

  it('names codecommit:CreatePullRequestApprovalRule when the role may not add the rule', async () => {
    state.templates.set('prod-two-approvers', {
      name: 'prod-two-approvers',
      content: approvalRuleContent(2),
      associated: [],
    });
    const template = await readApprovalRuleTemplate(repo, {
      name: 'prod-two-approvers',
      declaredAt: '.slipway.yaml:7',
    });
    fake.authorize = ({ action }) =>
      action === 'CreatePullRequestApprovalRule' ? 'because no identity-based policy allows it' : undefined;
    const error = await upsertCodeCommitPullRequest({
      ...proposal('t', 'd'),
      approvalRuleTemplate: template,
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /CodeCommit failed adding approval rule prod-two-approvers to pull request 1: access denied/,
    );
    expect((error as { fix?: string }).fix).toMatch(/allow codecommit:CreatePullRequestApprovalRule/);
  });

  it('clips a title and a description past CodeCommit limits instead of failing', async () => {
    const opened = await upsertCodeCommitPullRequest(proposal('t'.repeat(400), 'd'.repeat(20_000)));
    const pull = state.pullRequests.find((p) => p.pullRequestId === opened.id);
    expect(pull?.title).toHaveLength(150);
    expect(pull?.description).toHaveLength(10_240);
  });
});

describe('pullRequestConsoleUrl', () => {
  it('points at the console of the region, in China at its own console', () => {
    expect(pullRequestConsoleUrl('us-east-1', 'r', '7')).toBe(
      'https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/r/pull-requests/7',
    );
    expect(pullRequestConsoleUrl('cn-north-1', 'r', '7')).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//,
    );
  });
});
