// Pull-request mode on a CodeCommit config repo: git over SigV4 (to the loopback CodeCommit git server, which
// recomputes the credential and evaluates the shipped promote-pull-request IAM policy) moves Slipway's branch;
// the pull request and its approval rule go through the CodeCommit API fake, under the same policy, backed by
// the same bare repo.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolateAws } from '../../../test/support/awsTestEnv.js';
import { branchTip } from '../../../test/support/bareRepo.js';
import { type Defer, withCleanup } from '../../../test/support/cleanup.js';
import type { CodeCommitFake } from '../../../test/support/codecommitFake.js';
import { approvalRuleContent, type CodeCommitPullsState } from '../../../test/support/codecommitPullsApi.js';
import { startCodeCommitPullsWorld } from '../../../test/support/codecommitPullsWorld.js';
import {
  DEFAULT_RETRY,
  environmentTarget,
  type PromoteRequest,
  type PullRequestOptions,
  promote,
} from '../src/promotion/index.js';

const NAME = 'microservices-repo';
const REGION = 'eu-west-1';
const ADDRESS = `codecommit::${REGION}://${NAME}`;
const KEYS = { accessKeyId: 'AKIDCODECOMMITPULLS', secretAccessKey: 'pulls-secret-never-shown' };
const CART = 'registry.example.com/shop/cart';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const HEAD = 'slipway/promote/prod/cart';
const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };
const TEMPLATE = { name: 'prod-two-approvers', declaredAt: '.slipway.yaml:9' };

interface Fixture {
  repoPath: string;
  fake: CodeCommitFake;
  pulls: CodeCommitPullsState;
  request: (overrides: Partial<PromoteRequest>) => PromoteRequest;
  defer: Defer;
}

const deployment = (image: string) =>
  `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image} # set by CI\n`;

async function withCodeCommit<T>(test: (fixture: Fixture) => Promise<T>): Promise<T> {
  return withCleanup(async (defer) => {
    const { repoPath, fake, pulls } = await startCodeCommitPullsWorld(defer, {
      repositoryName: NAME,
      region: REGION,
      keys: KEYS,
      branches: {
        main: { 'README.md': 'config\n' },
        'env/prod': { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) },
      },
      defaultBranch: 'main',
    });
    const request = (overrides: Partial<PromoteRequest>): PromoteRequest => ({
      configRepo: ADDRESS,
      targets: [environmentTarget('prod')],
      images: [{ name: CART, repository: CART, tag: '1.1.0', digest: D1 }],
      pin: 'tag+digest',
      valuesPaths: [],
      createBranch: false,
      dryRun: false,
      author: bot,
      committer: bot,
      source: { commit: 'abc123', runUrl: 'https://ci.example/run/7' },
      retry: { ...DEFAULT_RETRY, baseDelayMs: 5, maxDelayMs: 20 },
      sleep: async () => {},
      ...overrides,
    });
    return await test({ repoPath, fake, pulls, request, defer });
  });
}

beforeEach(() => {
  isolateAws(KEYS);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const prod = (templates?: boolean, extra: Partial<PullRequestOptions> = {}): PullRequestOptions => ({
  envs: new Set(['prod']),
  ...(templates === true ? { approvalRuleTemplates: new Map([['prod', TEMPLATE]]) } : {}),
  ...extra,
});

describe('promote through a pull request on CodeCommit', () => {
  it("opens one pull request with the template's approval rule; the next promotion updates it in place", async () => {
    await withCodeCommit(async ({ repoPath, pulls, fake, request }) => {
      pulls.templates.set(TEMPLATE.name, {
        name: TEMPLATE.name,
        content: approvalRuleContent(2),
        associated: [],
      });
      const prodBefore = branchTip(repoPath, 'env/prod');
      const progress: string[] = [];
      const [first] = await promote(
        request({ pullRequests: prod(true), progress: (message) => progress.push(message) }),
      );
      const headTip = branchTip(repoPath, HEAD);
      expect(branchTip(repoPath, 'env/prod')).toBe(prodBefore);
      expect(first).toMatchObject({
        env: 'prod',
        commit: headTip,
        noop: false,
        pullRequest: {
          number: 1,
          created: true,
          head: HEAD,
          url: `https://${REGION}.console.aws.amazon.com/codesuite/codecommit/repositories/${NAME}/pull-requests/1`,
          approvalRule: { template: TEMPLATE.name, state: 'added' },
        },
      });
      expect(pulls.pullRequests).toHaveLength(1);
      const pull = pulls.pullRequests[0];
      expect(pull).toMatchObject({
        sourceReference: HEAD,
        destinationReference: 'env/prod',
        title: expect.stringMatching(/^promote\(prod\): .*cart 1\.1\.0/),
      });
      expect(pull?.description).toMatch(/Labels: `slipway`, `promotion`, `env:prod`/);
      expect(pull?.approvalRules).toEqual([
        expect.objectContaining({
          approvalRuleName: TEMPLATE.name,
          approvalRuleContent: approvalRuleContent(2),
        }),
      ]);
      expect(progress.join('\n')).toMatch(/pull request #1 opened: https:\/\/eu-west-1\.console/);

      const [second] = await promote(
        request({
          images: [{ name: CART, repository: CART, tag: '1.2.0', digest: D2 }],
          pullRequests: prod(true),
        }),
      );
      expect(pulls.pullRequests).toHaveLength(1);
      expect(second?.pullRequest).toMatchObject({
        number: 1,
        created: false,
        approvalRule: { template: TEMPLATE.name, state: 'present' },
      });
      expect(second?.commit).toBe(branchTip(repoPath, HEAD));
      expect(second?.commit).not.toBe(headTip);
      expect(pulls.pullRequests[0]?.title).toMatch(/cart 1\.2\.0/);
      expect(pulls.pullRequests[0]?.description).toMatch(/1\.2\.0/);
      expect(fake.callsOf('CreatePullRequest')).toHaveLength(1);
      expect(fake.callsOf('CreatePullRequestApprovalRule')).toHaveLength(1);
      expect(branchTip(repoPath, 'env/prod')).toBe(prodBefore);
    });
  });

  it('under the pull-request policy, a push straight to the environment branch is refused by IAM', async () => {
    await withCodeCommit(async ({ repoPath, request }) => {
      const prodBefore = branchTip(repoPath, 'env/prod');
      const error = await promote(request({})).catch((e: unknown) => e);
      expect(String(error)).toMatch(/the config repo refused the push: env\/prod/);
      expect(String(error)).toMatch(/not authorized to perform: codecommit:GitPush .* explicit deny/);
      expect(branchTip(repoPath, 'env/prod')).toBe(prodBefore);
    });
  });

  it('writes the given labels into the description, CodeCommit having none', async () => {
    await withCodeCommit(async ({ pulls, request }) => {
      await promote(request({ pullRequests: prod(false, { labels: ['release:{env}', 'team-shop'] }) }));
      expect(pulls.pullRequests[0]?.description).toMatch(/\nLabels: `release:prod`, `team-shop`\n$/);
      expect(pulls.pullRequests[0]?.approvalRules).toEqual([]);
    });
  });

  it('refuses a template that does not exist, naming the policy line, before anything is pushed', async () => {
    await withCodeCommit(async ({ repoPath, fake, request }) => {
      const error = await promote(request({ pullRequests: prod(true) })).catch((e: unknown) => e);
      expect(String(error)).toMatch(
        /approval-rule template "prod-two-approvers" does not exist in eu-west-1/,
      );
      expect((error as { where?: string }).where).toBe('.slipway.yaml:9');
      expect(branchTip(repoPath, HEAD)).toBeUndefined();
      expect(fake.callsOf('CreatePullRequest')).toHaveLength(0);
    });
  });

  it('refuses --auto-merge, which CodeCommit does not have, before anything is pushed', async () => {
    await withCodeCommit(async ({ repoPath, fake, request }) => {
      const error = await promote(request({ pullRequests: prod(false, { autoMerge: 'squash' }) })).catch(
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/CodeCommit pull requests have no auto-merge/);
      expect((error as { where?: string }).where).toBe('--auto-merge');
      expect(branchTip(repoPath, HEAD)).toBeUndefined();
      expect(fake.calls).toEqual([]);
    });
  });
});
