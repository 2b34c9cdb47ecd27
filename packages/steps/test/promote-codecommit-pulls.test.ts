// `slipway promote` (in process: the CodeCommit API fake lives in this process) to prod of a CodeCommit config
// repo whose .slipway.yaml asks for pull requests carrying an approval-rule template: no GitHub, no token.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isolateAws } from '../../../test/support/awsTestEnv.js';
import { branchTip } from '../../../test/support/bareRepo.js';
import { type Defer, withCleanup } from '../../../test/support/cleanup.js';
import type { CodeCommitFake } from '../../../test/support/codecommitFake.js';
import { approvalRuleContent, type CodeCommitPullsState } from '../../../test/support/codecommitPullsApi.js';
import { startCodeCommitPullsWorld } from '../../../test/support/codecommitPullsWorld.js';
import { allSteps, runCli } from '../src/index.js';

const NAME = 'microservices-repo';
const REGION = 'eu-west-1';
const KEYS = { accessKeyId: 'AKIDSTEPSPULLS', secretAccessKey: 'steps-pulls-secret-never-shown' };
const CART = 'registry.example.com/shop/cart';
const D1 = `sha256:${'1'.repeat(64)}`;
const POLICY = `version: 1
environments:
  dev: {}
  prod:
    mode: pull-request
    pullRequest:
      approvalRuleTemplate: prod-two-approvers
`;

interface World {
  repoPath: string;
  fake: CodeCommitFake;
  pulls: CodeCommitPullsState;
  defer: Defer;
}

async function withWorld<T>(test: (world: World) => Promise<T>): Promise<T> {
  return withCleanup(async (defer) => {
    const { repoPath, fake, pulls } = await startCodeCommitPullsWorld(defer, {
      repositoryName: NAME,
      region: REGION,
      keys: KEYS,
      branches: {
        main: { '.slipway.yaml': POLICY },
        'env/prod': { 'apps/cart.yaml': `containers:\n  - name: cart\n    image: ${CART}:1.0.0\n` },
      },
      defaultBranch: 'main',
    });
    return await test({ repoPath, fake, pulls, defer });
  });
}

async function slipway(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    allSteps,
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env: process.env, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, out, err };
}

const promoteArgs = (...extra: string[]) => [
  'promote',
  '--config-repo',
  `codecommit::${REGION}://${NAME}`,
  '--env',
  'prod',
  '--image',
  `${CART}:1.1.0@${D1}`,
  ...extra,
];

beforeEach(() => {
  isolateAws(KEYS);
  vi.stubEnv('GITHUB_TOKEN', undefined);
  vi.stubEnv('SLIPWAY_TOKEN', undefined);
  vi.stubEnv('GITHUB_ACTIONS', undefined);
  vi.stubEnv('CODEBUILD_BUILD_ID', undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('slipway promote on a CodeCommit config repo in pull-request mode', () => {
  it('opens the pull request the policy asks for, with its approval-rule template, and reports its console URL', async () => {
    await withWorld(async ({ repoPath, pulls }) => {
      pulls.templates.set('prod-two-approvers', {
        name: 'prod-two-approvers',
        content: approvalRuleContent(2),
        associated: [],
      });
      const { code, out, err } = await slipway(promoteArgs('--json'));
      expect(err).not.toMatch(/Error|error:/);
      expect(code).toBe(0);
      const url = `https://${REGION}.console.aws.amazon.com/codesuite/codecommit/repositories/${NAME}/pull-requests/1`;
      expect(JSON.parse(out)).toMatchObject({
        env: 'prod',
        branch: 'env/prod',
        commit: branchTip(repoPath, 'slipway/promote/prod/cart'),
        pullRequest: { number: 1, url, created: true, approvalRuleTemplate: 'prod-two-approvers' },
      });
      expect(pulls.pullRequests[0]?.approvalRules.map((rule) => rule.approvalRuleName)).toEqual([
        'prod-two-approvers',
      ]);
      expect(err).toMatch(/carries approval-rule template prod-two-approvers \(its rule added now\)/);
      expect(`${out}${err}`).not.toContain(KEYS.secretAccessKey);

      // Again, as text: the same pull request, updated in place.
      const again = await slipway(promoteArgs());
      expect(again.code).toBe(0);
      expect(again.out).toMatch(
        /^env\/prod: pull request #1 updated: https:\/\/eu-west-1\.console\.aws\.amazon\.com\/\S+\/pull-requests\/1 \(slipway\/promote\/prod\/cart at [0-9a-f]{12}, 1 change, approval rule from template prod-two-approvers\)$/m,
      );
      expect(pulls.pullRequests).toHaveLength(1);
    });
  });

  it('refuses a template the policy names but CodeCommit does not have, naming .slipway.yaml and its line', async () => {
    await withWorld(async ({ repoPath }) => {
      const { code, out, err } = await slipway(promoteArgs());
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n').at(-1)).toMatch(
        /^slipway promote: error: \.slipway\.yaml:7: approval-rule template "prod-two-approvers" does not exist in eu-west-1; create it/,
      );
      expect(branchTip(repoPath, 'slipway/promote/prod/cart')).toBeUndefined();
    });
  });

  it('refuses --auto-merge on CodeCommit with one line, before anything is written', async () => {
    await withWorld(async ({ repoPath, fake }) => {
      const { code, err } = await slipway(promoteArgs('--auto-merge', 'squash'));
      expect(code).toBe(1);
      expect(err.trim().split('\n').at(-1)).toMatch(
        /^slipway promote: error: --auto-merge: CodeCommit pull requests have no auto-merge \(--auto-merge squash\); leave --auto-merge out/,
      );
      expect(branchTip(repoPath, 'slipway/promote/prod/cart')).toBeUndefined();
      expect(fake.calls).toEqual([]);
    });
  });
});
