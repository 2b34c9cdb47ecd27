// The CodeCommit API calls of a clone-free promotion, against the repository fake over a real bare repo
// (test/support/codecommitRepoApi.ts): paging, absent files, CreateCommit's compare-and-swap and no-change,
// and the one-line errors the SDK's exceptions become.

import {
  CodeCommitServiceException,
  FileTooLargeException,
  RepositoryDoesNotExistException,
} from '@aws-sdk/client-codecommit';
import { SlipwayError } from '@slipway/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { branchTip, commitFiles, createBareRepo, readFileAt } from '../../../test/support/bareRepo.js';
import { CodeCommitFake } from '../../../test/support/codecommitFake.js';
import { serveCodeCommitRepo } from '../../../test/support/codecommitRepoApi.js';
import {
  branchTipViaApi,
  type CodeCommitRepo,
  createBranchViaApi,
  createCommitViaApi,
  defaultBranchViaApi,
  listFilesViaApi,
  openCodeCommitRepo,
  parseCodeCommitRemote,
  readFilesViaApi,
} from '../src/index.js';

const NAME = 'microservices-repo';
const AUTHOR = { name: 'Slipway', email: 'slipway@example.test' };
let fake: CodeCommitFake;
let repoPath: string;
let cleanup: () => void;
let repo: CodeCommitRepo;

beforeEach(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCODECOMMITUNIT');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit-test-secret');
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/slipway-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/slipway-test/aws-credentials');
  const files: Record<string, string | { executable: string } | { symlink: string }> = {
    'bin/run.sh': { executable: '#!/bin/sh\n' },
    'current.yaml': { symlink: 'apps/app-000.yaml' },
  };
  for (let index = 0; index < 8; index += 1) {
    files[`apps/app-${String(index).padStart(3, '0')}.yaml`] = `image: app:${index}\n`;
  }
  const bare = createBareRepo({ branches: { main: files }, defaultBranch: 'main' });
  repoPath = bare.path;
  cleanup = bare.cleanup;
  fake = new CodeCommitFake();
  serveCodeCommitRepo(fake, { repoPath, repositoryName: NAME });
  const remote = parseCodeCommitRemote(`codecommit::eu-west-1://${NAME}`);
  if (remote === undefined) throw new Error('not a CodeCommit address');
  repo = await openCodeCommitRepo(remote, {});
});

afterEach(() => {
  fake.restore();
  cleanup();
  vi.unstubAllEnvs();
});

const refusal = async (promise: Promise<unknown>): Promise<SlipwayError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SlipwayError);
  return error as SlipwayError;
};

describe('CodeCommit reads', () => {
  it('lists every file of a commit through GetDifferences pages, with git modes and blob ids', async () => {
    const more: Record<string, string> = {};
    for (let index = 8; index < 120; index += 1)
      more[`apps/app-${String(index).padStart(3, '0')}.yaml`] = `image: app:${index}\n`;
    const tip = commitFiles(repoPath, 'main', more);
    const files = await listFilesViaApi(repo, tip);
    expect(files).toHaveLength(122);
    expect(fake.callsOf('GetDifferences')).toHaveLength(2);
    expect(fake.callsOf('GetDifferences')[1]?.input).toMatchObject({
      afterCommitSpecifier: tip,
      NextToken: '100',
    });
    expect(files.find((file) => file.path === 'bin/run.sh')?.mode).toBe('100755');
    expect(files.find((file) => file.path === 'current.yaml')?.mode).toBe('120000');
    expect(files.map((file) => file.path)).toEqual([...files.map((file) => file.path)].sort());
  });

  it('reads files by commit and path; a missing one is absent; a missing branch has no tip', async () => {
    const tip = branchTip(repoPath, 'main') ?? '';
    const read = await readFilesViaApi(repo, tip, ['apps/app-007.yaml', 'nowhere.yaml']);
    expect([...read.keys()]).toEqual(['apps/app-007.yaml']);
    expect(read.get('apps/app-007.yaml')?.bytes.toString()).toBe('image: app:7\n');
    expect(await branchTipViaApi(repo, 'env/none')).toBeUndefined();
    expect(await defaultBranchViaApi(repo)).toBe('main');
  });

  it('stops reading once the files read pass the byte budget (GetFile tells a size only with the bytes)', async () => {
    const tip = branchTip(repoPath, 'main') ?? '';
    const paths = Array.from({ length: 8 }, (_, index) => `apps/app-00${index}.yaml`);
    const over = new Error('over budget');
    let told = 0;
    const reading = readFilesViaApi(repo, tip, paths, {
      concurrency: 2,
      budget: {
        bytes: 20,
        overBudget: (bytes) => {
          told = bytes;
          return over;
        },
      },
    });
    await expect(reading).rejects.toBe(over);
    expect(told).toBeGreaterThan(20);
    expect(fake.callsOf('GetFile').length).toBeLessThanOrEqual(3);
  });

  it('turns the SDK exceptions into one-line errors: missing repository, over 6 MB, throttled, denied', async () => {
    fake.on('GetBranch', () => {
      throw new RepositoryDoesNotExistException({ $metadata: {}, message: `${NAME} does not exist` });
    });
    const missing = await refusal(branchTipViaApi(repo, 'main'));
    expect(missing.message).toBe(
      `CodeCommit repository ${NAME} does not exist in eu-west-1 (or this identity cannot see it)`,
    );
    expect(missing.fix).toMatch(/codecommit::<region>:\/\/<repository>/);
    fake.on('GetFile', () => {
      throw new FileTooLargeException({ $metadata: {}, message: 'The file is too large' });
    });
    const tip = branchTip(repoPath, 'main') ?? '';
    expect((await refusal(readFilesViaApi(repo, tip, ['apps/app-001.yaml']))).message).toMatch(
      /reading apps\/app-001\.yaml at .*over CodeCommit's API limit of 6 MB/,
    );
    fake.on('GetRepository', () => {
      // CodeCommit's model has no throttling exception class: the SDK raises its service exception by name.
      throw new CodeCommitServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: {},
        message: 'Rate exceeded',
      });
    });
    expect((await refusal(defaultBranchViaApi(repo))).message).toMatch(
      /throttled by AWS after the SDK's retries/,
    );
    fake.authorize = ({ action }) => (action === 'GetDifferences' ? 'with an implicit deny' : undefined);
    const denied = await refusal(listFilesViaApi(repo, tip));
    expect(denied.message).toMatch(/^CodeCommit failed listing the files of commit .*: access denied/);
    expect(denied.fix).toMatch(
      /allow codecommit:GetDifferences on arn:aws:codecommit:eu-west-1:<account>:microservices-repo/,
    );
  });
});

describe('CodeCommit writes', () => {
  it('commits on the tip read, keeping modes; a moved branch is stale; identical content is no change', async () => {
    const tip = branchTip(repoPath, 'main') ?? '';
    const made = await createCommitViaApi(repo, {
      branch: 'main',
      parent: tip,
      files: new Map([['bin/run.sh', Buffer.from('#!/bin/sh\nexit 0\n')]]),
      modes: new Map([['bin/run.sh', '100755']]),
      message: 'promote(dev): one\n',
      author: AUTHOR,
    });
    expect(made).toMatchObject({ ok: true, changed: true, sha: branchTip(repoPath, 'main') });
    expect(readFileAt(repoPath, 'main', 'bin/run.sh')?.toString()).toBe('#!/bin/sh\nexit 0\n');
    const [entry] = (await listFilesViaApi(repo, branchTip(repoPath, 'main') ?? '')).filter(
      (f) => f.path === 'bin/run.sh',
    );
    expect(entry?.mode).toBe('100755');
    const stale = await createCommitViaApi(repo, {
      branch: 'main',
      parent: tip,
      files: new Map([['apps/app-001.yaml', Buffer.from('image: app:one\n')]]),
      message: 'late',
      author: AUTHOR,
    });
    expect(stale).toEqual({ ok: false, reason: 'stale' });
    const now = branchTip(repoPath, 'main') ?? '';
    const same = await createCommitViaApi(repo, {
      branch: 'main',
      parent: now,
      files: new Map([['apps/app-001.yaml', Buffer.from('image: app:1\n')]]),
      message: 'nothing',
      author: AUTHOR,
    });
    expect(same).toEqual({ ok: true, sha: now, changed: false });
    expect(branchTip(repoPath, 'main')).toBe(now);
  });

  it('creates a branch at a commit; a branch that exists already is stale', async () => {
    const tip = branchTip(repoPath, 'main') ?? '';
    expect(await createBranchViaApi(repo, 'env/dev', tip)).toMatchObject({ ok: true });
    expect(branchTip(repoPath, 'env/dev')).toBe(tip);
    commitFiles(repoPath, 'env/dev', { 'x.yaml': 'x: 1\n' });
    expect(await createBranchViaApi(repo, 'env/dev', tip)).toEqual({ ok: false, reason: 'stale' });
  });
});
