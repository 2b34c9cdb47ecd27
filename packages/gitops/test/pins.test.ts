import { SlipwayError } from '@slipway/errors';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BareRepo,
  branchTip,
  createBareRepo,
  listCommits,
  readFileAt,
} from '../../../test/support/bareRepo.js';
import { historyEntry } from '../src/history/entry.js';
import {
  applyPins,
  DEFAULT_RETRY,
  type EnvironmentPin,
  environmentTarget,
  formatPins,
  type PinOverrideRefusal,
  type PromoteRequest,
  promote,
} from '../src/index.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;
const CART = 'ghcr.io/acme/cart';
const WEB = 'ghcr.io/acme/web';
const target = { env: 'prod', branch: 'env/prod' };
const pin: EnvironmentPin = {
  image: CART,
  digest: D1,
  tag: '1.0.0',
  reason: 'rollback of abc',
  by: 'Ops <ops@example.com>',
  at: '2026-01-01T00:00:00Z',
};
/** What the policy's `pins.override: never` answers, as `.slipway.yaml` would word it. */
const never: PinOverrideRefusal = (p, t) =>
  new SlipwayError(`.slipway.yaml does not let --override-pin lift pins of ${p.image} in ${t.env}`, {
    where: '.slipway.yaml:9',
    fix: `run \`slipway unpin --env ${t.env} --image ${p.image}\`, or change the policy`,
  });

function thrown(run: () => unknown): SlipwayError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}

describe('applyPins and the policy on --override-pin', () => {
  it('without the flag, refuses and offers --override-pin only where the policy allows it', () => {
    const allowed = thrown(() => applyPins([pin], target, [{ repository: CART }], {}));
    expect(allowed.oneLine()).toBe(
      `.slipway/pins.yaml on branch env/prod: ${CART} is pinned in prod at sha256:111111111111 by Ops <ops@example.com> on 2026-01-01T00:00:00Z (rollback of abc); run \`slipway unpin --env prod --image ${CART}\` once the environment may move again, or promote with --override-pin`,
    );
    const forbidden = thrown(() =>
      applyPins([pin], target, [{ repository: CART }], { overrideRefusal: never }),
    );
    expect(forbidden.fix).not.toContain('promote with --override-pin');
    expect(forbidden.fix).toContain('(--override-pin is not allowed here: .slipway.yaml:9)');
  });

  it('with the flag, the policy refusal names the pin, the policy line and its fix', () => {
    const refused = thrown(() =>
      applyPins([pin], target, [{ repository: WEB }, { repository: CART }], {
        override: true,
        overrideRefusal: never,
      }),
    );
    expect(refused.where).toBe('.slipway.yaml:9');
    expect(refused.message).toBe(
      `${CART} is pinned in prod at sha256:111111111111 by Ops <ops@example.com> on 2026-01-01T00:00:00Z (rollback of abc), and .slipway.yaml does not let --override-pin lift pins of ${CART} in prod`,
    );
    expect(refused.fix).toBe(`run \`slipway unpin --env prod --image ${CART}\`, or change the policy`);
  });

  it('with the flag and the policy allowing it, reports the pins overridden and keeps the file', () => {
    const other: EnvironmentPin = { ...pin, image: WEB, digest: D2 };
    const allowOnlyWeb: PinOverrideRefusal = (p, t) => (p.image === WEB ? undefined : never(p, t));
    expect(
      applyPins([pin, other], target, [{ repository: WEB }], {
        override: true,
        overrideRefusal: allowOnlyWeb,
      }),
    ).toEqual({ file: undefined, overridden: [other] });
    expect(() =>
      applyPins([pin, other], target, [{ repository: WEB }, { repository: CART }], {
        override: true,
        overrideRefusal: allowOnlyWeb,
      }),
    ).toThrow(/does not let --override-pin lift pins of ghcr.io\/acme\/cart/);
    // Images without a pin are not asked about.
    let asked = 0;
    const counting: PinOverrideRefusal = () => {
      asked += 1;
      return undefined;
    };
    expect(
      applyPins([pin], target, [{ repository: WEB }], { override: true, overrideRefusal: counting }),
    ).toEqual({ file: undefined, overridden: [] });
    expect(asked).toBe(0);
    // A rollback pins again whatever the policy says about overrides.
    const rollback = applyPins([pin], target, [{ repository: CART, digest: D2 }], {
      overrideRefusal: never,
      add: { reason: 'again', at: 'now' },
    });
    expect(rollback.file?.toString('utf8')).toContain(`digest: ${D2}`);
  });
});

describe('promote over a pin, with real git', () => {
  const deployment = (cart: string, web: string) =>
    `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${cart}\n        - name: web\n          image: ${web}\n`;
  const pinsFile = formatPins([pin]) ?? '';
  let repos: BareRepo[] = [];
  afterEach(() => {
    for (const repo of repos) repo.cleanup();
    repos = [];
  });

  function pinnedProd(): BareRepo {
    const repo = createBareRepo({
      branches: {
        main: { 'README.md': 'config\n' },
        'env/prod': {
          'apps/deployment.yaml': deployment(`${CART}:1.0.0@${D1}`, `${WEB}:1.0.0@${D1}`),
          '.slipway/pins.yaml': pinsFile,
        },
      },
      defaultBranch: 'main',
    });
    repos.push(repo);
    return repo;
  }

  const request = (repo: BareRepo, extra: Partial<PromoteRequest>): PromoteRequest => ({
    configRepo: repo.url,
    targets: [environmentTarget('prod')],
    images: [
      { name: CART, repository: CART, tag: '1.2.0', digest: D3 },
      { name: WEB, repository: WEB, tag: '1.2.0', digest: D3 },
    ],
    pin: 'tag+digest',
    valuesPaths: [],
    createBranch: false,
    dryRun: false,
    author: { name: 'CI', email: 'ci@example.com' },
    committer: { name: 'CI', email: 'ci@example.com' },
    source: {},
    retry: { ...DEFAULT_RETRY, maxAttempts: 2 },
    ...extra,
  });

  it('refuses --override-pin where the policy does, and pushes nothing', async () => {
    const repo = pinnedProd();
    const tip = branchTip(repo.path, 'env/prod');
    await expect(promote(request(repo, { overridePin: true, pinOverrideRefusal: never }))).rejects.toThrow(
      /is pinned in prod at sha256:111111111111.*, and \.slipway\.yaml does not let --override-pin/,
    );
    await expect(promote(request(repo, {}))).rejects.toThrow(/is pinned in prod/);
    expect(branchTip(repo.path, 'env/prod')).toBe(tip);
  });

  it('records the pin it went past in a Slipway-Pin-Overridden trailer; the pin stays', async () => {
    const repo = pinnedProd();
    const progress: string[] = [];
    const [outcome] = await promote(
      request(repo, {
        overridePin: true,
        pinOverrideRefusal: () => undefined,
        progress: (m) => progress.push(m),
      }),
    );
    expect(outcome?.commit).toBe(branchTip(repo.path, 'env/prod'));
    expect(readFileAt(repo.path, 'env/prod', 'apps/deployment.yaml')?.toString()).toBe(
      deployment(`${CART}:1.2.0@${D3}`, `${WEB}:1.2.0@${D3}`),
    );
    expect(readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')?.toString()).toBe(pinsFile);
    const [commit] = listCommits(repo.path, 'env/prod');
    // Only the pinned image is named; the trailer comes after the standard ones.
    expect(commit?.message).toMatch(
      new RegExp(
        `Slipway-Image: ${WEB}:1\\.2\\.0@${D3}\nSlipway-Previous: ${WEB}:1\\.0\\.0@${D1}\nSlipway-Pin-Overridden: ${CART}@${D1}$`,
      ),
    );
    expect(commit?.message.match(/Slipway-Pin-Overridden/g)).toHaveLength(1);
    expect(progress.join('\n')).toContain(
      `${CART} is pinned at ${D1}; promoting over the pin (--override-pin)`,
    );

    const entry = historyEntry(
      {
        commit: commit?.sha ?? '',
        parents: [],
        author: { name: 'CI', email: 'ci@example.com' },
        authorDate: '',
        committer: { name: 'CI', email: 'ci@example.com' },
        committerDate: '',
        message: commit?.message ?? '',
      },
      'prod',
    );
    expect(entry.kind).toBe('promotion');
    expect(entry.pinOverridden).toEqual([
      { reference: `${CART}@${D1}`, name: CART, repository: CART, digest: D1 },
    ]);

    // Promoting the same again changes nothing: no commit, so no trailer either.
    const [again] = await promote(request(repo, { overridePin: true }));
    expect(again?.noop).toBe(true);
  });
});
