// The CodeCommit transport's own-branch moves (pull-request heads) and its size bound, against the repository
// fake over a real bare repo. CodeCommit's API cannot force a ref, so a head moves by commits (see pushOwn).

import { parseCodeCommitRemote } from '@slipway/codecommit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  branchTip,
  commitFiles,
  createBareRepo,
  listCommits,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { CodeCommitFake } from '../../../test/support/codecommitFake.js';
import { serveCodeCommitRepo } from '../../../test/support/codecommitRepoApi.js';
import { codeCommitRepoOf, openCodeCommitTransport, type Transport } from '../src/index.js';

const NAME = 'microservices-repo';
const WHO = { name: 'Slipway', email: 'slipway@example.test' };
const HEAD = 'slipway/promote/dev/cart';
let fake: CodeCommitFake;
let repoPath: string;
let cleanup: () => void;
let transport: Transport;

beforeEach(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCODECOMMITUNIT');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'unit-test-secret');
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/slipway-test/aws-config');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/slipway-test/aws-credentials');
  const bare = createBareRepo({
    branches: {
      main: { 'README.md': 'config\n' },
      'env/dev': { 'apps/cart.yaml': 'image: cart:1\n', 'apps/big.yaml': `# ${'x'.repeat(1100 * 1024)}\n` },
    },
    defaultBranch: 'main',
  });
  repoPath = bare.path;
  cleanup = bare.cleanup;
  fake = new CodeCommitFake();
  serveCodeCommitRepo(fake, { repoPath, repositoryName: NAME });
  expect(parseCodeCommitRemote(`codecommit::eu-west-1://${NAME}`)).toBeDefined();
  transport = openCodeCommitTransport(
    await codeCommitRepoOf(`codecommit::eu-west-1://${NAME}`, { env: {}, why: 'testing' }),
  );
});

afterEach(async () => {
  await transport.dispose();
  fake.restore();
  cleanup();
  vi.unstubAllEnvs();
});

async function plannedCommit(content: string): Promise<{ base: string; commit: string }> {
  const base = (await transport.fetchBranches(['env/dev'])).get('env/dev') ?? '';
  const commit = await transport.commit({
    parent: base,
    files: new Map([['apps/cart.yaml', Buffer.from(content)]]),
    message: `promote(dev): ${content.trim()}\n`,
    author: WHO,
    committer: WHO,
  });
  return { base, commit };
}

describe('the codecommit-api transport', () => {
  it('creates a missing pull-request head at the planned parent, then commits the planned files on it', async () => {
    const { base, commit } = await plannedCommit('image: cart:2\n');
    expect(await transport.ownTips([HEAD])).toEqual(new Map([[HEAD, null]]));
    expect(await transport.pushOwn({ branch: HEAD, commit, expected: null })).toEqual({ ok: true });
    const [made] = listCommits(repoPath, HEAD);
    expect(made?.parents).toEqual([base]);
    expect(transport.published(commit)).toBe(made?.sha);
    expect(readFileAt(repoPath, HEAD, 'apps/cart.yaml')?.toString()).toBe('image: cart:2\n');
    expect(branchTip(repoPath, 'env/dev')).toBe(base);
  });

  it('moves an existing head only from the tip read (parentCommitId = expected); a head that moved is stale', async () => {
    const first = await plannedCommit('image: cart:2\n');
    await transport.pushOwn({ branch: HEAD, commit: first.commit, expected: null });
    const read = branchTip(repoPath, HEAD) ?? '';
    const second = await plannedCommit('image: cart:3\n');
    const reads = fake.callsOf('GetBranch').length;
    expect(await transport.pushOwn({ branch: HEAD, commit: second.commit, expected: read })).toEqual({
      ok: true,
    });
    // CreateCommit's parentCommitId is the compare-and-swap: the tip ownTips read is not read again.
    expect(fake.callsOf('GetBranch')).toHaveLength(reads);
    expect(listCommits(repoPath, HEAD)[0]?.parents).toEqual([read]);
    expect(readFileAt(repoPath, HEAD, 'apps/cart.yaml')?.toString()).toBe('image: cart:3\n');
    const moved = commitFiles(repoPath, HEAD, { 'apps/cart.yaml': 'image: cart:someone-else\n' });
    const third = await plannedCommit('image: cart:4\n');
    const stale = await transport.pushOwn({ branch: HEAD, commit: third.commit, expected: read });
    expect(stale).toMatchObject({ ok: false, kind: 'stale', branch: HEAD });
    expect(branchTip(repoPath, HEAD)).toBe(moved);
    await expect(
      transport.pushOwn({ branch: 'env/dev', commit: third.commit, expected: null }),
    ).rejects.toThrow();
  });

  it('reports the real size of a config file the listing gives none for, before the planner reads it', async () => {
    const tip = (await transport.fetchBranches(['env/dev'])).get('env/dev') ?? '';
    const entries = await transport.reader.listTree(tip, 'apps', { sizes: true });
    expect(entries.find((entry) => entry.path === 'apps/big.yaml')?.size).toBe(1100 * 1024 + 3);
    expect(entries.find((entry) => entry.path === 'apps/cart.yaml')?.size).toBe(14);
  });
});
