// `slipway promote --via codecommit-api`, in process (aws-sdk-client-mock patches the SDK client of this
// process): the CodeCommit API answered from a real bare repo (test/support/codecommitRepoApi.ts), every call
// authorised by the shipped IAM policy workflows/codebuild/iam/promote-api.json, and only AWS credentials in
// the environment.

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allSteps, runCli } from '@slipway/steps';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { branchTip, commitFiles, createBareRepo, listCommits, readFileAt } from './support/bareRepo.js';
import { CodeCommitFake } from './support/codecommitFake.js';
import { type CodeCommitRepoHandlers, serveCodeCommitRepo } from './support/codecommitRepoApi.js';
import { codeCommitArn, evaluateIam, loadShippedPolicy } from './support/iamPolicy.js';

const REPO = 'microservices-repo';
const ADDRESS = `codecommit::eu-west-1://${REPO}`;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCodeCommitApiTest';
const CART = 'registry.example.com/shop/cart';
const PAYMENTS = 'registry.example.com/shop/payments';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const deployment = (image: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart # keep\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: "${image}"  # CI\n`;
const cronjob = (image: string): string =>
  `kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - {name: sync, image: ${image}}\n`;

let fake: CodeCommitFake;
let handlers: CodeCommitRepoHandlers;
let repoPath: string;
let cleanup: () => void;
let scratch: string;

function world(options: { main?: Record<string, string>; dev?: Record<string, string> } = {}): void {
  const repo = createBareRepo({
    branches: {
      main: { 'README.md': 'config\n', ...options.main },
      'env/dev': {
        'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`),
        'apps/payments/cronjob.yaml': cronjob(`${PAYMENTS}:0.9.0`),
        'docs/notes.txt': 'not a config file\n',
        ...options.dev,
      },
      'env/prod': { 'apps/cart/deployment.yaml': deployment(`${CART}:0.9.0`) },
    },
    defaultBranch: 'main',
  });
  repoPath = repo.path;
  cleanup = repo.cleanup;
  handlers = serveCodeCommitRepo(fake, { repoPath, repositoryName: REPO });
}

beforeEach(() => {
  // Only AWS credentials: no token, no profile, no instance metadata, no AWS config files of the machine.
  for (const name of [
    'SLIPWAY_TOKEN',
    'GITHUB_TOKEN',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_ENDPOINT_URL_CODECOMMIT',
    'CODEBUILD_BUILD_ID',
    'GITHUB_ACTIONS',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCODECOMMITAPITEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/slipway-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/slipway-test/aws-credentials');
  // A git on PATH that only records that it ran: API mode must never run git.
  scratch = mkdtempSync(join(tmpdir(), 'slipway-cc-api-'));
  mkdirSync(join(scratch, 'bin'));
  const log = join(scratch, 'git-argv.log');
  writeFileSync(log, '');
  writeFileSync(join(scratch, 'bin', 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexit 1\n`);
  chmodSync(join(scratch, 'bin', 'git'), 0o755);
  fake = new CodeCommitFake();
  const policy = loadShippedPolicy('promote-api', { configRepoName: REPO });
  fake.authorize = ({ action, references }) => {
    const decision = evaluateIam(policy, {
      action: `codecommit:${action}`,
      resource: codeCommitArn(REPO),
      context: references.length === 0 ? {} : { 'codecommit:References': references },
    }).decision;
    return decision === 'allow' ? undefined : `because of an ${decision} in the promote-api policy`;
  };
});

afterEach(() => {
  fake.restore();
  cleanup?.();
  rmSync(scratch, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

/** `slipway promote` in this process, with the PATH's git replaced by the recorder. */
async function promote(...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  // Lanes off: the races staged here (a barrier in the fake) are those of promotions from different machines;
  // from one machine they would take turns, and the barrier would wait on a promotion waiting for the lane.
  const env = {
    ...process.env,
    PATH: `${join(scratch, 'bin')}:${process.env.PATH ?? ''}`,
    SLIPWAY_LANE_DIR: 'off',
  };
  const code = await runCli(
    allSteps,
    [
      'promote',
      '--config-repo',
      ADDRESS,
      '--via',
      'codecommit-api',
      '--run-url',
      'https://ci.example/run/42',
      '--source-commit',
      'deadbeefcafe',
      '--json',
      ...extra,
    ],
    { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, out, err };
}

function expectNoGitNoSecret(...outputs: string[]): void {
  expect(readFileSync(join(scratch, 'git-argv.log'), 'utf8')).toBe('');
  for (const text of outputs) expect(text).not.toContain(SECRET);
}

describe('slipway promote --via codecommit-api', () => {
  it('lands one commit on the tip it read, with trailers and byte-exact edits, with only AWS credentials', async () => {
    world();
    const before = branchTip(repoPath, 'env/dev');
    const result = await promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.err).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    const tip = branchTip(repoPath, 'env/dev');
    expect(json).toMatchObject({ env: 'dev', branch: 'env/dev', commit: tip, noop: false, attempts: 1 });
    expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.1.0@${D1}`),
    );
    expect(readFileAt(repoPath, 'env/dev', 'apps/payments/cronjob.yaml')?.toString()).toBe(
      cronjob(`${PAYMENTS}:0.9.0`),
    );
    const [commit] = listCommits(repoPath, 'env/dev');
    expect(commit?.parents).toEqual([before]);
    expect(commit?.message).toContain(`promote(dev): ${CART} 1.1.0 (`);
    expect(commit?.message).toContain(`Slipway-Image: ${CART}:1.1.0@${D1}`);
    expect(commit?.message).toContain(`Slipway-Previous: ${CART}:1.0.0`);
    expect(commit?.message).toContain('Slipway-Source-Commit: deadbeefcafe');
    expect(commit?.message).toContain('Slipway-Run: https://ci.example/run/42');
    const [create] = fake.callsOf('CreateCommit');
    expect(create?.input).toMatchObject({ branchName: 'env/dev', parentCommitId: before });
    expect(fake.callsOf('CreateCommit')).toHaveLength(1);
    // Config files only: the text file is listed, never read.
    expect(fake.callsOf('GetFile').map((call) => call.input.filePath)).not.toContain('docs/notes.txt');
    expectNoGitNoSecret(result.out, result.err);
  });

  it('lists only the --path folder: a service promotion costs its folder, not the whole repository', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [
        `apps/svc-${index}/deployment.yaml`,
        deployment(`${PAYMENTS}:0.${index}`),
      ]),
    );
    world({ dev: many });
    const result = await promote('--env', 'dev', '--path', 'apps/cart', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.err).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.1.0@${D1}`),
    );
    // 250 services would be three pages of the whole tree; the folder is one call, and the pins file
    // (.slipway/pins.yaml, read on every promotion) one more, of itself alone.
    const listings = fake.callsOf('GetDifferences');
    expect(listings.map((call) => call.input.afterPath).sort()).toEqual(['.slipway/pins.yaml', 'apps/cart']);
  });

  it('is a no-op when the branch already pins the image: no CreateCommit', async () => {
    world({ dev: { 'apps/cart/deployment.yaml': deployment(`${CART}:1.1.0@${D1}`) } });
    const before = branchTip(repoPath, 'env/dev');
    const result = await promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ commit: null, noop: true });
    expect(fake.callsOf('CreateCommit')).toHaveLength(0);
    expect(branchTip(repoPath, 'env/dev')).toBe(before);
  });

  it('writes nothing in a dry run and shows the diff', async () => {
    world();
    const before = branchTip(repoPath, 'env/dev');
    const result = await promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`, '--dry-run');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out);
    expect(json.commit).toBeNull();
    expect(json.diff).toContain(`+          image: "${CART}:1.1.0@${D1}"  # CI`);
    expect(fake.calls.filter((call) => /^(Create|Put|Delete|Merge)/.test(call.action))).toEqual([]);
    expect(branchTip(repoPath, 'env/dev')).toBe(before);
  });

  it('lands two promotions of different images started from the same tip: one re-applies after ParentCommitIdOutdated', async () => {
    world();
    const base = branchTip(repoPath, 'env/dev');
    // Both promotions have read the same tip before either commits: hold CreateCommit until both arrive.
    let waiting: Array<() => void> = [];
    let arrived = 0;
    const createCommit = handlers.CreateCommit;
    if (createCommit === undefined) throw new Error('no CreateCommit handler');
    fake.on('CreateCommit', async (input) => {
      arrived += 1;
      if (arrived <= 2) {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === 2) {
            for (const release of waiting) release();
            waiting = [];
          }
        });
      }
      return createCommit(input);
    });
    const [cart, payments] = await Promise.all([
      promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`),
      promote('--env', 'dev', '--image', `${PAYMENTS}:1.0.0@${D2}`),
    ]);
    expect(cart?.code).toBe(0);
    expect(payments?.code).toBe(0);
    const attempts = [JSON.parse(cart?.out ?? '').attempts, JSON.parse(payments?.out ?? '').attempts].sort();
    expect(attempts).toEqual([1, 2]);
    const creates = fake.callsOf('CreateCommit');
    expect(creates).toHaveLength(3);
    expect(creates.slice(0, 2).map((call) => call.input.parentCommitId)).toEqual([base, base]);
    expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.1.0@${D1}`),
    );
    expect(readFileAt(repoPath, 'env/dev', 'apps/payments/cronjob.yaml')?.toString()).toBe(
      cronjob(`${PAYMENTS}:1.0.0@${D2}`),
    );
    const history = listCommits(repoPath, 'env/dev');
    expect(history.slice(0, 2).every((commit) => commit.message.startsWith('promote(dev): '))).toBe(true);
    expect(history[2]?.sha).toBe(base);
  });

  it('re-applies the intent when the branch moved between read and write, re-reading only the files that changed', async () => {
    world();
    const createCommit = handlers.CreateCommit;
    if (createCommit === undefined) throw new Error('no CreateCommit handler');
    let readsBeforeMove = 0;
    fake.on('CreateCommit', (input) => {
      if (fake.callsOf('CreateCommit').length === 1) {
        readsBeforeMove = fake.callsOf('GetFile').length;
        // Someone else's commit lands on env/dev after Slipway read the tip.
        commitFiles(
          repoPath,
          'env/dev',
          { 'apps/payments/cronjob.yaml': cronjob(`${PAYMENTS}:0.9.1`) },
          'hotfix',
        );
      }
      return createCommit(input);
    });
    const result = await promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ attempts: 2, noop: false });
    expect(result.err).toMatch(
      /env\/dev moved while promoting \(attempt 1\/\d+\); re-applying on the new tip/,
    );
    expect(readFileAt(repoPath, 'env/dev', 'apps/payments/cronjob.yaml')?.toString()).toBe(
      cronjob(`${PAYMENTS}:0.9.1`),
    );
    expect(readFileAt(repoPath, 'env/dev', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.1.0@${D1}`),
    );
    expect(listCommits(repoPath, 'env/dev')[1]?.message.trim()).toBe('hotfix');
    const reads = fake.callsOf('GetFile').map((call) => call.input.filePath);
    expect(reads.slice(0, readsBeforeMove).sort()).toEqual([
      '.slipway.yaml', // the policy, looked for once on main (there is none)
      'apps/cart/deployment.yaml',
      'apps/payments/cronjob.yaml',
    ]);
    expect(reads.slice(readsBeforeMove)).toEqual(['apps/payments/cronjob.yaml']);
  });

  it('reads the policy through the API, and its promoteFrom gate refuses an image dev does not run', async () => {
    world({
      main: { '.slipway.yaml': 'version: 1\nenvironments:\n  dev: {}\n  prod:\n    promoteFrom: dev\n' },
    });
    const before = branchTip(repoPath, 'env/prod');
    const result = await promote('--env', 'prod', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/dev/);
    expect(result.err).toMatch(/Policy \.slipway\.yaml from main/);
    const policyRead = fake.callsOf('GetFile').find((call) => call.input.filePath === '.slipway.yaml');
    expect(policyRead?.input.commitSpecifier).toBe(branchTip(repoPath, 'main'));
    expect(fake.callsOf('CreateCommit')).toHaveLength(0);
    expect(branchTip(repoPath, 'env/prod')).toBe(before);
    expectNoGitNoSecret(result.out, result.err);
  });

  it('is refused by the shipped promote-api policy when it would commit to main, naming the permission', async () => {
    world({ main: { 'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`) } });
    const before = branchTip(repoPath, 'main');
    const result = await promote(
      '--env',
      'main',
      '--branch-template',
      '{env}',
      '--image',
      `${CART}:1.1.0@${D1}`,
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/codecommit:CreateCommit/);
    expect(result.err).toMatch(/refs\/heads\/main/);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(branchTip(repoPath, 'main')).toBe(before);
    expectNoGitNoSecret(result.out, result.err);
  });

  it('creates a missing environment branch at the default branch with --create-branch, within the shipped policy', async () => {
    world({ main: { 'apps/cart/deployment.yaml': deployment(`${CART}:1.0.0`) } });
    const main = branchTip(repoPath, 'main');
    const result = await promote('--env', 'qa', '--create-branch', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ branch: 'env/qa', created: true, noop: false });
    expect(listCommits(repoPath, 'env/qa')[0]?.parents).toEqual([main]);
    expect(readFileAt(repoPath, 'env/qa', 'apps/cart/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.1.0@${D1}`),
    );
  });

  it('refuses a config file over 1 MiB that names the image, as in git mode, though the listing gives no sizes', async () => {
    world({ dev: { 'apps/cart/big.yaml': `image: ${CART}:1.0.0\n# ${'x'.repeat(1100 * 1024)}\n` } });
    const before = branchTip(repoPath, 'env/dev');
    const result = await promote('--env', 'dev', '--image', `${CART}:1.1.0@${D1}`);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/apps\/cart\/big\.yaml is 1\.1 MiB, over Slipway's limit of 1 MiB/);
    expect(fake.callsOf('CreateCommit')).toHaveLength(0);
    expect(branchTip(repoPath, 'env/dev')).toBe(before);
  });

  it('refuses --via codecommit-api for a config repo that is not on CodeCommit, before any call', async () => {
    world();
    let err = '';
    const code = await runCli(
      allSteps,
      [
        'promote',
        '--config-repo',
        'https://github.com/acme/config',
        '--via',
        'codecommit-api',
        '--env',
        'dev',
        '--image',
        `${CART}:1.1.0@${D1}`,
      ],
      { stdout: () => {}, stderr: (t) => (err += t), env: process.env, cwd: process.cwd() },
      '9.9.9',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/--via codecommit-api\) needs the config repo on AWS CodeCommit/);
    expect(err).toMatch(/codecommit::<region>:\/\/<repository>/);
    expect(fake.calls).toEqual([]);
  });
});
