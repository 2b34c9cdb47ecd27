// What the package's promotion tests share: config repos whose env/dev branch holds given files (removed after
// each test), the request that promotes one image there once, and the SlipwayError a refused promotion throws.
import { SlipwayError } from '@slipway/errors';
import { afterEach } from 'vitest';
import { type BareRepo, createBareRepo } from '../../../../test/support/bareRepo.js';
import { DEFAULT_RETRY, environmentTarget, type PromoteRequest } from '../../src/index.js';

export const bot = { name: 'Slipway Bot', email: 'bot@slipway.test' };

/** Returns a maker of bare repos (`main` holding a README, `env/dev` the files), each removed after its test. */
export function devRepos(): (files: Record<string, string | Buffer>) => BareRepo {
  let repos: BareRepo[] = [];
  afterEach(() => {
    for (const repo of repos) repo.cleanup();
    repos = [];
  });
  return (files) => {
    const repo = createBareRepo({
      branches: { main: { 'README.md': 'config\n' }, 'env/dev': files },
      defaultBranch: 'main',
    });
    repos.push(repo);
    return repo;
  };
}

/** Promotes `repository` at tag 1.1.0 and `digest` to env/dev, pinned by tag and digest, in one attempt. */
export function promoteRequest(
  repo: BareRepo,
  image: { repository: string; digest: string },
  extra: Partial<PromoteRequest> = {},
): PromoteRequest {
  return {
    configRepo: repo.url,
    targets: [environmentTarget('dev')],
    images: [{ name: image.repository, repository: image.repository, tag: '1.1.0', digest: image.digest }],
    pin: 'tag+digest',
    valuesPaths: [],
    createBranch: false,
    dryRun: false,
    author: bot,
    committer: bot,
    source: {},
    retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
    ...extra,
  };
}

/** The SlipwayError `run` is refused with; anything else (success included) fails the test. */
export async function refusal(run: Promise<unknown>): Promise<SlipwayError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}
