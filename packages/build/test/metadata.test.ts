import type { CiContext } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { imageMetadata, parseFlavor, readSourceDateEpoch } from '../src/index.js';

const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const ci = (ref: string | undefined, extra: Partial<CiContext> = {}): CiContext => ({
  platform: 'github-actions',
  repositoryUrl: 'https://github.com/acme/shop-cart',
  githubRepository: 'acme/shop-cart',
  commitSha: SHA,
  ...(ref === undefined ? {} : { ref }),
  ...extra,
});

const noEpoch = { env: {} };

describe('tag rules', () => {
  it.each<[string, string | undefined, readonly string[], string, string[]]>([
    ['sha', 'refs/heads/main', ['type=sha'], '', ['sha-1a2b3c4']],
    ['sha long', 'refs/heads/main', ['type=sha,format=long'], '', [`sha-${SHA}`]],
    ['sha without prefix', 'refs/heads/main', ['type=sha,prefix='], '', ['1a2b3c4']],
    ['branch', 'refs/heads/main', ['type=ref,event=branch'], '', ['main']],
    ['branch sanitised', 'refs/heads/feature/Add+Cart', ['type=ref,event=branch'], '', ['feature-Add-Cart']],
    ['branch with leading dot', 'refs/heads/.hidden', ['type=ref,event=branch'], '', ['hidden']],
    ['branch on a tag ref', 'refs/tags/v1.2.3', ['type=ref,event=branch'], '', []],
    ['pr merge', 'refs/pull/42/merge', ['type=ref,event=pr'], '', ['pr-42']],
    ['pr head (CodeBuild)', 'refs/pull/7/head', ['type=ref,event=pr'], '', ['pr-7']],
    ['git tag', 'refs/tags/v1.2.3', ['type=ref,event=tag'], '', ['latest', 'v1.2.3']],
    [
      'semver all patterns',
      'refs/tags/v1.2.3',
      [
        'type=semver,pattern={{version}}',
        'type=semver,pattern={{major}}.{{minor}}',
        'type=semver,pattern={{major}}',
      ],
      '',
      ['latest', '1.2.3', '1.2', '1'],
    ],
    ['semver raw', 'refs/tags/v1.2.3', ['type=semver,pattern={{raw}}'], '', ['latest', 'v1.2.3']],
    [
      'semver prerelease: only the version, no latest',
      'refs/tags/v2.0.0-rc.1',
      ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}'],
      '',
      ['2.0.0-rc.1'],
    ],
    [
      'semver build metadata',
      'refs/tags/1.2.3+build.5',
      ['type=semver,pattern={{version}}'],
      '',
      ['latest', '1.2.3-build.5'],
    ],
    [
      'semver explicit value',
      'refs/heads/main',
      ['type=semver,pattern={{major}}.{{minor}},value=v3.4.5'],
      '',
      ['latest', '3.4'],
    ],
    ['semver on a branch', 'refs/heads/main', ['type=semver,pattern={{version}}'], '', []],
    ['semver on a non-semver tag', 'refs/tags/release-7', ['type=semver,pattern={{version}}'], '', []],
    ['raw', 'refs/heads/main', ['type=raw,value=stable'], '', ['stable']],
    ['bare raw line', 'refs/heads/main', ['edge'], '', ['edge']],
    [
      'prefix and suffix',
      'refs/heads/main',
      ['type=ref,event=branch,prefix=br-,suffix=-x'],
      '',
      ['br-main-x'],
    ],
    ['disabled rule', 'refs/heads/main', ['type=sha,enable=false', 'type=raw,value=a'], '', ['a']],
    [
      'flavor prefix applies to all but latest',
      'refs/tags/v1.0.0',
      ['type=semver,pattern={{version}}', 'type=sha'],
      'prefix=app-',
      ['latest', 'app-1.0.0', 'app-1a2b3c4'],
    ],
    [
      'flavor prefix onlatest',
      'refs/tags/v1.0.0',
      ['type=semver,pattern={{version}}'],
      'prefix=app-,onlatest=true',
      ['app-latest', 'app-1.0.0'],
    ],
    ['latest=false', 'refs/tags/v1.0.0', ['type=semver,pattern={{version}}'], 'latest=false', ['1.0.0']],
    [
      'latest=true on a branch',
      'refs/heads/main',
      ['type=ref,event=branch'],
      'latest=true',
      ['latest', 'main'],
    ],
    ['rule prefix wins over flavor', 'refs/heads/main', ['type=sha,prefix=c-'], 'prefix=x-', ['c-1a2b3c4']],
    [
      'priority orders tags',
      'refs/heads/main',
      ['type=sha', 'type=raw,value=first,priority=2000', 'type=ref,event=branch'],
      'latest=false',
      ['first', 'main', 'sha-1a2b3c4'],
    ],
    [
      'duplicates collapse',
      'refs/heads/main',
      ['type=raw,value=main', 'type=ref,event=branch'],
      '',
      ['main'],
    ],
    ['defaults on a branch', 'refs/heads/main', [], '', ['main', 'sha-1a2b3c4']],
    ['defaults on a PR', 'refs/pull/9/merge', [], '', ['pr-9', 'sha-1a2b3c4']],
    ['defaults on a tag', 'refs/tags/v3.1.0', [], '', ['latest', 'v3.1.0', 'sha-1a2b3c4']],
  ])('%s', (_name, ref, rules, flavor, expected) => {
    const metadata = imageMetadata({
      ci: ci(ref),
      ...(rules.length === 0 ? {} : { tags: rules }),
      flavor,
      ...noEpoch,
    });
    expect(metadata.tags).toEqual(expected);
  });

  it('takes newline-separated rules and comments, as action inputs give them', () => {
    const metadata = imageMetadata({
      ci: ci('refs/heads/main'),
      tags: '# tags\ntype=ref,event=branch\n\ntype=sha\n',
      ...noEpoch,
    });
    expect(metadata.tags).toEqual(['main', 'sha-1a2b3c4']);
  });

  // The tag to promote: a push to main tags `main` first, which the next push moves.
  it.each<[string, string | undefined, readonly string[] | undefined, string, string | undefined]>([
    ['default rules on a push to main', 'refs/heads/main', undefined, '', 'sha-1a2b3c4'],
    ['default rules on a release tag', 'refs/tags/v1.2.3', undefined, '', 'sha-1a2b3c4'],
    [
      'long format, ranked first',
      'refs/heads/main',
      ['type=sha', 'type=sha,format=long,priority=150'],
      '',
      `sha-${SHA}`,
    ],
    [
      'the flavor prefix',
      'refs/heads/main',
      ['type=ref,event=branch', 'type=sha'],
      'prefix=cart-',
      'cart-1a2b3c4',
    ],
    [
      'no type=sha rule',
      'refs/heads/main',
      ['type=ref,event=branch', 'type=raw,value=stable'],
      '',
      undefined,
    ],
  ])('the commit tag: %s', (_, ref, rules, flavor, expected) => {
    const metadata = imageMetadata({
      ci: ci(ref),
      ...(rules === undefined ? {} : { tags: rules }),
      flavor,
      ...noEpoch,
    });
    expect(metadata.commitTag).toBe(expected);
  });

  it('has no commit tag when no commit is known', () => {
    const metadata = imageMetadata({ ci: ci('refs/heads/main', { commitSha: undefined }), ...noEpoch });
    expect(metadata.tags).toEqual(['main']);
    expect(metadata.commitTag).toBeUndefined();
  });

  it('truncates a long branch to the 128-character tag limit', () => {
    const metadata = imageMetadata({
      ci: ci(`refs/heads/${'b'.repeat(200)}`),
      tags: ['type=ref,event=branch'],
      ...noEpoch,
    });
    expect(metadata.tags[0]).toHaveLength(128);
  });

  it.each<[string, string, Partial<CiContext>, readonly string[], string[]]>([
    ['edge on the default branch', 'refs/heads/main', { defaultBranch: 'main' }, ['type=edge'], ['edge']],
    ['edge on another branch', 'refs/heads/topic', { defaultBranch: 'main' }, ['type=edge'], []],
    ['edge on a named branch', 'refs/heads/develop', {}, ['type=edge,branch=develop'], ['edge']],
    [
      'edge: branch= wins over the default',
      'refs/heads/main',
      { defaultBranch: 'main' },
      ['type=edge,branch=develop'],
      [],
    ],
    [
      'edge ranks above the branch tag',
      'refs/heads/main',
      { defaultBranch: 'main' },
      ['type=ref,event=branch', 'type=edge'],
      ['edge', 'main'],
    ],
    [
      'schedule: nightly by default',
      'refs/heads/main',
      { event: 'schedule' },
      ['type=schedule'],
      ['nightly'],
    ],
    ['schedule: not on a push', 'refs/heads/main', { event: 'push' }, ['type=schedule'], []],
    [
      'schedule: a date',
      'refs/heads/main',
      { event: 'schedule' },
      ["type=schedule,pattern={{date 'YYYYMMDD'}}"],
      ['20260305'],
    ],
    [
      'schedule: date and time with literal text',
      'refs/heads/main',
      { event: 'schedule' },
      ["type=schedule,pattern=nightly-{{date 'YYYY-MM-DD[T]HHmmss'}}"],
      ['nightly-2026-03-05T233007'],
    ],
    [
      'schedule: in a time zone, past midnight there',
      'refs/heads/main',
      { event: 'schedule' },
      ["type=schedule,pattern={{date 'YYYYMMDD-hhmm-a' tz='Asia/Tokyo'}}"],
      ['20260306-0830-am'],
    ],
    [
      'schedule ranks first',
      'refs/heads/main',
      { event: 'schedule' },
      ['type=sha', 'type=schedule'],
      ['nightly', 'sha-1a2b3c4'],
    ],
    ['match: the whole match', 'refs/tags/v1.2.3', {}, ['type=match,pattern=\\d+\\.\\d+'], ['latest', '1.2']],
    [
      'match: a group',
      'refs/tags/cart-v2.0.8-beta.67',
      {},
      ['type=match,pattern=cart-v(.*),group=1'],
      ['latest', '2.0.8-beta.67'],
    ],
    [
      'match: a quoted pattern with a comma',
      'refs/tags/20200110-RC2',
      {},
      ['type=match,"pattern=\\d{1,8}",group=0'],
      ['latest', '20200110'],
    ],
    [
      'match: value= instead of the git tag',
      'refs/heads/main',
      {},
      ['type=match,pattern=v(\\d+),group=1,value=v7.1'],
      ['latest', '7'],
    ],
    ['match: no match, no tag', 'refs/tags/release', {}, ['type=match,pattern=v(.*),group=1'], []],
    ['match: not on a branch', 'refs/heads/main', {}, ['type=match,pattern=.*'], []],
    [
      'match: latest (auto), as for a git tag, whatever its priority',
      'refs/tags/v1.2.3',
      {},
      ['type=match,pattern=v(.*),group=1,priority=5'],
      ['latest', '1.2.3'],
    ],
    [
      'semver: a capital V',
      'refs/tags/V1.2.3',
      {},
      ['type=semver,pattern={{major}}.{{minor}}'],
      ['latest', '1.2'],
    ],
    [
      'semver: a leading zero is not a version',
      'refs/tags/v01.2.3',
      {},
      ['type=semver,pattern={{version}}'],
      [],
    ],
  ])('%s', (_name, ref, context, rules, expected) => {
    const metadata = imageMetadata({
      ci: ci(ref, context),
      tags: rules,
      now: () => new Date('2026-03-05T23:30:07.250Z'),
      ...noEpoch,
    });
    expect(metadata.tags).toEqual(expected);
  });

  it('says why an edge, schedule or match rule produced nothing', () => {
    const metadata = imageMetadata({
      ci: ci('refs/heads/main', { event: 'push' }),
      tags: ['type=edge', 'type=schedule', 'type=match,pattern=v(.*)'],
      ...noEpoch,
    });
    expect(metadata.notes).toEqual([
      'type=edge: the default branch is not known here (set branch=)',
      'type=schedule: the event is push, not schedule',
      'type=match,pattern=v(.*): ref refs/heads/main is not a tag',
    ]);
    const tagged = imageMetadata({
      ci: ci('refs/tags/release'),
      tags: ['type=match,pattern=v(.*)'],
      ...noEpoch,
    });
    expect(tagged.notes).toEqual(['type=match,pattern=v(.*): "release" does not match']);
  });

  it('says why rules produced nothing', () => {
    const metadata = imageMetadata({ ci: ci('refs/heads/main'), tags: ['type=ref,event=pr'], ...noEpoch });
    expect(metadata.notes).toEqual(['type=ref,event=pr: ref refs/heads/main is not a pull request']);
  });

  it.each([
    [
      'type=raw,value=has space',
      /tag rule "type=raw,value=has space": tag "has space" is not a valid image tag/,
    ],
    ['type=raw,value=-dash', /starts with "." or "-"/],
    ['type=raw,value=a/b', /contains "\/"/],
    [`type=raw,value=${'x'.repeat(129)}`, /129 characters long/],
    ['type=sha,prefix=bad prefix ', /not a valid image tag/],
    ['type=nope', /type "nope" is not supported/],
    ['type=ref', /needs event=/],
    ['type=ref,event=push', /event "push" is not supported/],
    ['type=semver', /needs pattern=/],
    ['type=semver,pattern={{mayor}}', /\{\{mayor\}\} is not known/],
    ['type=raw', /needs value=/],
    ['type=sha,format=medium', /format must be short or long/],
    ['type=sha,event=branch', /type=sha takes no "event"/],
    ['type=sha,enable=yes', /enable must be true or false/],
    ['type=raw,value=a,value=b', /"value" is given twice/],
    ['type=raw,value="a', /double quote is not closed/],
    ['type=edge,branch=', /branch= is empty/],
    ['type=edge,pattern=x', /type=edge takes no "pattern"/],
    ["type=schedule,pattern={{date 'YYYY' tz='Mars/Olympus'}}", /time zone "Mars\/Olympus" is not known/],
    ['type=schedule,pattern={{sha}}', /\{\{sha\}\} is not a helper it knows/],
    ['type=match', /needs pattern=/],
    ['type=match,pattern=v(', /pattern is not a regular expression/],
    ['type=match,pattern=v(.*),group=2', /group 2 is not in the pattern, which has 1 capturing group/],
    ['type=match,pattern=v.*,group=first', /group must be a whole number/],
  ])('rejects %j with a message naming the rule', (rule, message) => {
    let error: unknown;
    try {
      imageMetadata({ ci: ci('refs/heads/main'), tags: [rule], ...noEpoch });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toMatch(message);
    expect((error as SlipwayError).where).toContain('tag rule');
  });

  it('rejects a bad flavor', () => {
    expect(() => parseFlavor('latest=sometimes')).toThrow(/latest must be auto, true or false/);
    expect(() => parseFlavor('colour=blue')).toThrow(/"colour" is not a flavor setting/);
  });
});

describe('labels', () => {
  it('writes the OCI labels from the context', () => {
    const metadata = imageMetadata({
      ci: ci('refs/tags/v1.2.3'),
      tags: ['type=semver,pattern={{version}}'],
      git: { commitTime: 1_700_000_000 },
      env: {},
    });
    expect(metadata.labels).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/shop-cart',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.created': '2023-11-14T22:13:20.000Z',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.title': 'shop-cart',
    });
    expect(metadata.version).toBe('1.2.3');
  });

  it('prefers SOURCE_DATE_EPOCH, then the commit time, then now', () => {
    const base = { ci: ci('refs/heads/main'), git: { commitTime: 1_700_000_000 } };
    expect(imageMetadata({ ...base, env: { SOURCE_DATE_EPOCH: '0' } }).created).toBe(
      '1970-01-01T00:00:00.000Z',
    );
    expect(imageMetadata({ ...base, env: { SOURCE_DATE_EPOCH: '0' } }).sourceDateEpoch).toBe(0);
    expect(imageMetadata({ ...base, env: {} }).created).toBe('2023-11-14T22:13:20.000Z');
    const now = new Date('2030-01-02T03:04:05.000Z');
    expect(imageMetadata({ ci: ci('refs/heads/main'), env: {}, now: () => now }).created).toBe(
      now.toISOString(),
    );
    expect(() => readSourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/not a whole number/);
  });

  it('turns clone URLs into web URLs and lets custom labels win', () => {
    const metadata = imageMetadata({
      ci: { platform: 'codebuild', repositoryUrl: 'git@github.com:acme/api.git', ref: 'refs/heads/main' },
      labels: { 'org.opencontainers.image.title': 'API', team: 'payments' },
      env: {},
    });
    expect(metadata.labels['org.opencontainers.image.source']).toBe('https://github.com/acme/api');
    expect(metadata.labels['org.opencontainers.image.title']).toBe('API');
    expect(metadata.labels.team).toBe('payments');
    expect(metadata.labels['org.opencontainers.image.revision']).toBeUndefined();
    expect(metadata.version).toBe('main');
  });

  it('gives the org.opencontainers.image.* labels, custom ones included, as manifest annotations', () => {
    const metadata = imageMetadata({
      ci: ci('refs/tags/v1.2.3'),
      tags: ['type=semver,pattern={{version}}'],
      labels: { 'org.opencontainers.image.description': 'The cart', team: 'payments' },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(metadata.annotations).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/shop-cart',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.created': '2023-11-14T22:13:20.000Z',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.title': 'shop-cart',
      'org.opencontainers.image.description': 'The cart',
    });
    expect(metadata.labels.team).toBe('payments');
  });

  it('rejects a label name with spaces', () => {
    expect(() => imageMetadata({ ci: ci('refs/heads/main'), labels: { 'a b': 'x' }, env: {} })).toThrow(
      /label name "a b" is not valid/,
    );
  });
});
