import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectContext, terminalReporter } from '../src/index.js';

describe('detectContext', () => {
  it('reads GitHub Actions variables', () => {
    const ctx = detectContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_ACTOR: 'alice',
      GITHUB_EVENT_NAME: 'push',
    });
    expect(ctx).toEqual({
      platform: 'github-actions',
      serverUrl: 'https://github.com',
      githubRepository: 'acme/shop',
      repositoryUrl: 'https://github.com/acme/shop',
      commitSha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      runUrl: 'https://github.com/acme/shop/actions/runs/42/attempts/2',
      actor: 'alice',
      event: 'push',
      sources: {
        commitSha: 'GITHUB_SHA',
        runUrl: 'GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT',
      },
      workflowRun: { problem: 'GITHUB_REPOSITORY_ID is not set' },
    });
  });

  const RUN_ENV = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_ID: '123456',
    GITHUB_REPOSITORY_OWNER_ID: '7890',
    GITHUB_WORKFLOW_REF: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_ENVIRONMENT: 'github-hosted',
  };

  it("reads the default branch from the event's payload, and leaves it unknown when it cannot", () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-event-'));
    try {
      const event = join(dir, 'event.json');
      writeFileSync(
        event,
        JSON.stringify({ ref: 'refs/heads/trunk', repository: { default_branch: 'trunk' } }),
      );
      const base = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/cart' };
      expect(detectContext({ ...base, GITHUB_EVENT_PATH: event }).defaultBranch).toBe('trunk');
      writeFileSync(event, '{"repository": {"default_branch": 7}}');
      expect(detectContext({ ...base, GITHUB_EVENT_PATH: event }).defaultBranch).toBeUndefined();
      writeFileSync(event, 'not json');
      expect(detectContext({ ...base, GITHUB_EVENT_PATH: event }).defaultBranch).toBeUndefined();
      expect(
        detectContext({ ...base, GITHUB_EVENT_PATH: join(dir, 'missing.json') }).defaultBranch,
      ).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the workflow run as build provenance records it', () => {
    expect(detectContext(RUN_ENV).workflowRun).toEqual({
      run: {
        serverUrl: 'https://github.com',
        repository: 'acme/shop',
        repositoryId: '123456',
        repositoryOwnerId: '7890',
        workflowRef: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
        ref: 'refs/heads/main',
        sha: 'a'.repeat(40),
        eventName: 'push',
        runId: '42',
        runAttempt: '1',
        runnerEnvironment: 'github-hosted',
      },
    });
    expect(detectContext({ ...RUN_ENV, GITHUB_ACTIONS: undefined }).workflowRun).toBeUndefined();
  });

  it.each([
    [{ RUNNER_ENVIRONMENT: undefined }, 'RUNNER_ENVIRONMENT is not set'],
    [{ GITHUB_REPOSITORY_ID: '12a' }, 'GITHUB_REPOSITORY_ID "12a" is not a number'],
    [{ RUNNER_ENVIRONMENT: 'cloud' }, 'RUNNER_ENVIRONMENT "cloud" is not github-hosted or self-hosted'],
    [
      { GITHUB_WORKFLOW_REF: '.github/workflows/release.yml@refs/heads/main' },
      'GITHUB_WORKFLOW_REF ".github/workflows/release.yml@refs/heads/main" is not owner/name/.github/workflows/<file>@<ref>',
    ],
    [
      { GITHUB_WORKFLOW_REF: 'other/repo/.github/workflows/release.yml@refs/heads/main' },
      'GITHUB_WORKFLOW_REF "other/repo/.github/workflows/release.yml@refs/heads/main" is not a workflow of GITHUB_REPOSITORY acme/shop',
    ],
    [{ GITHUB_SHA: 'main' }, 'GITHUB_SHA "main" is not a commit id'],
    [{ GITHUB_SERVER_URL: 'github.com' }, 'GITHUB_SERVER_URL "github.com" is not a URL'],
  ])('names the variable that is missing or malformed (%o)', (change, problem) => {
    expect(detectContext({ ...RUN_ENV, ...change }).workflowRun).toEqual({ problem });
  });

  it('reads CodeBuild variables and builds the console URL from the ARN', () => {
    const ctx = detectContext({
      CODEBUILD_BUILD_ID: 'shop-build:1b2c',
      CODEBUILD_BUILD_ARN: 'arn:aws:codebuild:eu-west-1:123456789012:build/shop-build:1b2c',
      CODEBUILD_RESOLVED_SOURCE_VERSION: 'b'.repeat(40),
      CODEBUILD_SOURCE_REPO_URL: 'https://user:secret@github.com/acme/shop.git',
      CODEBUILD_WEBHOOK_TRIGGER: 'pr/17',
      CODEBUILD_INITIATOR: 'GitHub-Hookshot/abc',
      CODEBUILD_WEBHOOK_EVENT: 'PULL_REQUEST_UPDATED',
    });
    expect(ctx.platform).toBe('codebuild');
    expect(ctx.commitSha).toBe('b'.repeat(40));
    expect(ctx.ref).toBe('refs/pull/17/head');
    expect(ctx.repositoryUrl).toBe('https://github.com/acme/shop.git');
    expect(ctx.runUrl).toBe(
      'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/shop-build/build/shop-build%3A1b2c/?region=eu-west-1',
    );
    expect(ctx.actor).toBe('GitHub-Hookshot/abc');
    // A step that refuses a malformed value names the variable it came from.
    expect(ctx.sources).toEqual({
      commitSha: 'CODEBUILD_RESOLVED_SOURCE_VERSION',
      runUrl: 'CODEBUILD_BUILD_ARN',
    });
  });

  it('falls back to the local git checkout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-ctx-'));
    try {
      const ctx = detectContext({ USER: 'bob' }, dir);
      expect(ctx.platform).toBe('local');
      expect(ctx.commitSha).toBeUndefined();
      expect(ctx.actor).toBe('bob');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local context', () => {
  it('reads commit and ref from the checkout, on first use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-ctx-git-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
      git('init', '-q', '-b', 'trunk');
      git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
      const ctx = detectContext({}, dir);
      expect(ctx.commitSha).toBe(git('rev-parse', 'HEAD'));
      expect(ctx.ref).toBe('refs/heads/trunk');
      expect(ctx.repositoryUrl).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives its git reads git's allow-list of the environment: no secret reaches them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-ctx-env-'));
    try {
      // A stand-in git that answers any read with the environment it was given.
      writeFileSync(join(dir, 'git'), '#!/bin/sh\nenv\n');
      chmodSync(join(dir, 'git'), 0o755);
      const ctx = detectContext(
        {
          PATH: `${dir}:${process.env.PATH ?? ''}`,
          HOME: dir,
          SLIPWAY_TOKEN: 'slipway-token-value',
          GITHUB_TOKEN: 'github-token-value',
          AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
          GIT_DIR: '/elsewhere.git',
        },
        dir,
      );
      const seen = ctx.commitSha ?? '';
      expect(seen).toContain(`HOME=${dir}`);
      expect(seen).toContain('LC_ALL=C');
      expect(seen).toContain('GIT_TERMINAL_PROMPT=0');
      for (const secret of ['slipway-token-value', 'github-token-value', 'aws-secret-value', 'GIT_DIR=']) {
        expect(seen).not.toContain(secret);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('terminalReporter', () => {
  it('masks secrets and keeps outputs', () => {
    let text = '';
    const reporter = terminalReporter((t) => {
      text += t;
    });
    reporter.mask('hunter2');
    reporter.error('token hunter2 was refused', { file: 'a.yaml', line: 3 });
    reporter.setOutput('noop', 'true');
    expect(text).toBe('error: a.yaml:3: token *** was refused\n');
    expect(reporter.outputs.get('noop')).toBe('true');
  });
});
