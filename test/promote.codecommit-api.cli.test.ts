// `slipway promote --via codecommit-api` as a buildspec runs it: the real CLI bundle in a child process, with
// only AWS keys and AWS_ENDPOINT_URL_CODECOMMIT in its environment, over HTTP to the CodeCommit fake (AWS JSON
// 1.1, test/support/codecommitHttpApi.ts) whose state is a real bare repo and whose every call is judged by a
// shipped IAM policy. The in-process tests (promote.codecommit-api.test.ts) cover the transport's cases; these
// prove the bundle's SDK pipeline (credentials, endpoint, signing, parsing) end to end, and that no git runs.

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { CodeCommitFake } from './support/codecommitFake.js';
import { type CodeCommitHttpApi, serveCodeCommitApi } from './support/codecommitHttpApi.js';
import { iamAuthorizer } from './support/codecommitIam.js';
import { approvalRuleContent, registerCodeCommitPulls } from './support/codecommitPullsApi.js';
import { serveCodeCommitRepo } from './support/codecommitRepoApi.js';
import { loadShippedPolicy } from './support/iamPolicy.js';
import { runSlipway } from './support/slipway.js';

const REPO = 'microservices-repo';
const REGION = 'eu-west-1';
const ADDRESS = `codecommit::${REGION}://${REPO}`;
const KEYS = {
  accessKeyId: 'AKIACLIAPITEST000001',
  secretAccessKey: 'cLiApIsEcReTThatMustNeverLeak/0123456',
};
const CART = 'registry.example.com/shop/cart';
const PAYMENTS = 'registry.example.com/shop/payments';
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const deployment = (name: string, image: string) =>
  `kind: Deployment\nmetadata:\n  name: ${name} # keep me\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;

let repo: BareRepo;
let fake: CodeCommitFake;
let api: CodeCommitHttpApi;
let scratch: string;

beforeEach(async () => {
  repo = createBareRepo({
    name: `${REPO}.git`,
    branches: {
      main: { 'README.md': 'config\n', 'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`) },
      'env/dev': {
        'apps/cart/deployment.yaml': deployment('cart', `${CART}:1.0.0`),
        'apps/payments/deployment.yaml': deployment('payments', `${PAYMENTS}:1.0.0`),
      },
      'env/prod': { 'apps/cart/deployment.yaml': deployment('cart', `${CART}:0.9.0`) },
    },
    defaultBranch: 'main',
  });
  fake = new CodeCommitFake({ mock: false });
  serveCodeCommitRepo(fake, { repoPath: repo.path, repositoryName: REPO });
  api = await serveCodeCommitApi(fake, { accessKeyId: KEYS.accessKeyId });
  // A git that records it ran and fails: API mode must not need one.
  scratch = mkdtempSync(join(tmpdir(), 'slipway-cc-cli-api-'));
  mkdirSync(join(scratch, 'bin'));
  writeFileSync(join(scratch, 'git.log'), '');
  writeFileSync(
    join(scratch, 'bin', 'git'),
    `#!/bin/sh\necho "$*" >> '${join(scratch, 'git.log')}'\nexit 1\n`,
  );
  chmodSync(join(scratch, 'bin', 'git'), 0o755);
});

afterEach(async () => {
  await api.close();
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** The CLI bundle with AWS keys and the endpoint alone (no token, no AWS config of this machine). */
function slipway(...args: string[]) {
  // The source commit and run are given, as CodeBuild's variables give them: otherwise a local run asks the
  // working directory's git for them, which is not the config repo's git this test forbids.
  const recorded = ['--source-commit', 'deadbeefcafe', '--run-url', 'https://ci.example/run/7'];
  return runSlipway(['promote', '--config-repo', ADDRESS, '--via', 'codecommit-api', ...recorded, ...args], {
    env: {
      PATH: `${join(scratch, 'bin')}:${process.env.PATH ?? ''}`,
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      AWS_ENDPOINT_URL_CODECOMMIT: api.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/slipway-test/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/slipway-test/aws-credentials',
      // The race staged below (a barrier in the fake) is one of promotions from different machines: from one
      // machine they would take turns, and the barrier would wait on a promotion waiting for the lane.
      SLIPWAY_LANE_DIR: 'off',
    },
  });
}

function expectNoGitNoSecret(...outputs: string[]): void {
  expect(readFileSync(join(scratch, 'git.log'), 'utf8')).toBe('');
  for (const text of outputs) expect(text).not.toContain(KEYS.secretAccessKey);
}

describe('slipway promote --via codecommit-api (CLI bundle over HTTP)', () => {
  it('lands one commit with trailers and byte-exact edits under the shipped promote-api policy', async () => {
    fake.authorize = iamAuthorizer(loadShippedPolicy('promote-api', { configRepoName: REPO }), {
      repositoryName: REPO,
    });
    const before = branchTip(repo.path, 'env/dev');
    const result = await slipway('--env', 'dev', '--image', `${CART}:1.1.0@${digest(1)}`, '--json');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const [head] = listCommits(repo.path, 'env/dev');
    expect(head?.parents).toEqual([before]);
    expect(head?.message).toMatch(
      /^Slipway-Image: registry\.example\.com\/shop\/cart:1\.1\.0@sha256:1{64}$/m,
    );
    expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment('cart', `${CART}:1.1.0@${digest(1)}`),
    );
    expect(api.callers.every((caller) => caller === KEYS.accessKeyId)).toBe(true);
    expect(fake.callsOf('CreateCommit')).toHaveLength(1);
    expectNoGitNoSecret(result.stdout, result.stderr);
  });

  it('is refused by the shipped policy when it would write main, naming the action, and writes nothing', async () => {
    fake.authorize = iamAuthorizer(loadShippedPolicy('promote-api', { configRepoName: REPO }), {
      repositoryName: REPO,
    });
    const before = branchTip(repo.path, 'main');
    const result = await slipway(
      '--env',
      'dev',
      '--branch-template',
      'main',
      '--image',
      `${CART}:1.1.0@${digest(1)}`,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/codecommit:CreateCommit/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(branchTip(repo.path, 'main')).toBe(before);
    expectNoGitNoSecret(result.stdout, result.stderr);
  });

  it('lands two processes promoting different images from the same tip: both commits, one re-applied', async () => {
    // Both CreateCommits wait until both processes have read the tip, so one of them must be outdated.
    const arrived: Array<() => void> = [];
    const both = new Promise<void>((resolve) => {
      arrived.push(resolve);
    });
    let waiting = 0;
    const create = serveCodeCommitRepo(fake, { repoPath: repo.path, repositoryName: REPO }).CreateCommit;
    if (create === undefined) throw new Error('no CreateCommit handler');
    let held = 0;
    fake.on('CreateCommit', async (input) => {
      if (held < 2) {
        held += 1;
        waiting += 1;
        if (waiting === 2) arrived[0]?.();
        await both;
      }
      return create(input);
    });
    const [cart, payments] = await Promise.all([
      slipway('--env', 'dev', '--image', `${CART}:2.0.0@${digest(2)}`, '--json'),
      slipway('--env', 'dev', '--image', `${PAYMENTS}:3.0.0@${digest(3)}`, '--json'),
    ]);
    expect([cart.code, payments.code]).toEqual([0, 0]);
    const attempts = [cart, payments].map((run) => (JSON.parse(run.stdout) as { attempts: number }).attempts);
    expect(attempts.sort()).toEqual([1, 2]);
    expect(readFileAt(repo.path, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toContain(
      `${CART}:2.0.0@`,
    );
    expect(readFileAt(repo.path, 'env/dev', 'apps/payments/deployment.yaml')?.toString()).toContain(
      `${PAYMENTS}:3.0.0@`,
    );
    expect(
      listCommits(repo.path, 'env/dev')
        .slice(0, 2)
        .every((commit) => /Slipway-Image:/.test(commit.message)),
    ).toBe(true);
    expectNoGitNoSecret(cart.stdout, cart.stderr, payments.stdout, payments.stderr);
  });

  it('opens a pull request through the API alone under the shipped pull-request policy, then updates it in place', async () => {
    fake.authorize = iamAuthorizer(loadShippedPolicy('promote-pull-request', { configRepoName: REPO }), {
      repositoryName: REPO,
    });
    const pulls = registerCodeCommitPulls(fake, { repositoryName: REPO, repoPath: repo.path });
    pulls.templates.set('prod-two-approvers', {
      name: 'prod-two-approvers',
      content: approvalRuleContent(2),
      associated: [],
    });
    const prodBefore = branchTip(repo.path, 'env/prod');
    const first = await slipway(
      '--env',
      'prod',
      '--mode',
      'pull-request',
      '--image',
      `${CART}:1.1.0@${digest(1)}`,
      '--json',
    );
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const second = await slipway(
      '--env',
      'prod',
      '--mode',
      'pull-request',
      '--image',
      `${CART}:1.2.0@${digest(4)}`,
      '--json',
    );
    expect(second.code).toBe(0);
    expect(pulls.pullRequests).toHaveLength(1);
    const pull = pulls.pullRequests[0];
    expect(pull?.status).toBe('OPEN');
    const head = pull?.sourceReference.replace(/^refs\/heads\//, '') ?? '';
    expect(head).toMatch(/^slipway\/promote\/prod\//);
    expect(readFileAt(repo.path, head, 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment('cart', `${CART}:1.2.0@${digest(4)}`),
    );
    expect(branchTip(repo.path, 'env/prod')).toBe(prodBefore);
    expect(JSON.parse(second.stdout)).toMatchObject({
      pullRequest: {
        url: expect.stringContaining(`/repositories/${REPO}/pull-requests/${pull?.pullRequestId}`),
      },
    });
    expectNoGitNoSecret(first.stdout, first.stderr, second.stdout, second.stderr);
  });
});
