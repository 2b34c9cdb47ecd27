import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/git/configRepo.js';
import { parseLog } from '../src/git/configRepo.js';
import { historyEntry, trailerReference } from '../src/history/entry.js';
import { scanAllSites } from '../src/manifest/all-sites.js';
import { promotionMessage, TRAILER } from '../src/promotion/message.js';
import { applyPins, formatPins, parsePins } from '../src/promotion/pins.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const who = { name: 'CI', email: 'ci@example.com' };

function log(message: string, commit = 'a'.repeat(40)): LogEntry {
  return {
    commit,
    parents: [],
    author: who,
    authorDate: '2026-01-02T03:04:05+00:00',
    committer: who,
    committerDate: '2026-01-02T03:04:06+00:00',
    message,
  };
}

describe('history entries', () => {
  it('reads the trailers of a promotion, per image', () => {
    const message = promotionMessage({
      env: 'prod',
      images: [
        {
          name: 'registry.example.com/shop/cart',
          tag: '1.4.2',
          digest: D2,
          previous: `registry.example.com/shop/cart:1.4.1@${D1}`,
          verifiedBy: 'SHA256:key',
          places: ['a.yaml:3'],
        },
        { name: 'nginx', tag: '1.25', places: ['b.yaml:4'] },
      ],
      sourceCommit: 'b'.repeat(40),
      runUrl: 'https://ci.example.com/run/7',
    });
    const entry = historyEntry(log(message));
    expect(entry.kind).toBe('promotion');
    expect(entry.subject).toBe('promote(prod): 2 images');
    expect(entry.run).toBe('https://ci.example.com/run/7');
    expect(entry.sourceCommit).toBe('b'.repeat(40));
    expect(entry.images).toHaveLength(2);
    expect(entry.images[0]).toMatchObject({
      name: 'registry.example.com/shop/cart',
      repository: 'registry.example.com/shop/cart',
      tag: '1.4.2',
      digest: D2,
      verifiedBy: 'SHA256:key',
      previous: { tag: '1.4.1', digest: D1 },
    });
    expect(entry.images[1]).toMatchObject({
      name: 'nginx',
      repository: 'docker.io/library/nginx',
      tag: '1.25',
    });
    expect(entry.images[1]?.previous).toBeUndefined();
    expect(entry.images[1]?.verifiedBy).toBeUndefined();
  });

  it('tells rollbacks, unpins and hand edits apart', () => {
    const rollback = promotionMessage({
      env: 'prod',
      images: [{ name: 'ghcr.io/a/b', tag: '1', digest: D1, places: ['x.yaml:1'] }],
      trailers: [[TRAILER.rollbackOf, 'c'.repeat(40)]],
    });
    expect(rollback).toContain(`\n${TRAILER.rollbackOf}: ${'c'.repeat(40)}\n`);
    expect(historyEntry(log(rollback))).toMatchObject({ kind: 'rollback', rollbackOf: 'c'.repeat(40) });
    expect(historyEntry(log('fix replicas by hand\n\nSigned-off-by: Me <me@x>\n'))).toMatchObject({
      kind: 'manual',
      images: [],
      subject: 'fix replicas by hand',
    });
    expect(
      historyEntry(log(`unpin(prod): ghcr.io/a/b\n\nbody\n\nSlipway-Unpin: ghcr.io/a/b@${D1}\n`)),
    ).toMatchObject({
      kind: 'unpin',
      unpinned: { repository: 'ghcr.io/a/b', digest: D1 },
    });
    expect(() => promotionMessage({ env: 'p', images: [], trailers: [['Bad Key', 'x']] })).toThrow();
  });

  it('parses git log -z records', () => {
    const record = [
      'a'.repeat(40),
      `${'b'.repeat(40)} ${'c'.repeat(40)}`,
      'A',
      'a@x',
      '2026-01-01T00:00:00+01:00',
      'C',
      'c@x',
      '2026-01-01T00:00:01+01:00',
      'subject\n\nbody\n',
    ].join('\x1f');
    const [entry, ...rest] = parseLog(Buffer.from(`${record}\0`));
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      commit: 'a'.repeat(40),
      parents: ['b'.repeat(40), 'c'.repeat(40)],
      author: { name: 'A', email: 'a@x' },
      committerDate: '2026-01-01T00:00:01+01:00',
      message: 'subject\n\nbody\n',
    });
  });

  it('reads trailer references', () => {
    expect(trailerReference('nginx:1.25')).toMatchObject({
      name: 'nginx',
      repository: 'docker.io/library/nginx',
    });
    expect(trailerReference(`localhost:5000/app@${D1}`)).toMatchObject({
      name: 'localhost:5000/app',
      digest: D1,
    });
    expect(trailerReference('not a reference')).toBeUndefined();
  });
});

describe('pins', () => {
  const target = { env: 'prod', branch: 'env/prod' };
  const pin = {
    image: 'ghcr.io/a/b',
    digest: D1,
    tag: '1',
    reason: 'rollback',
    by: 'Me <me@x>',
    at: '2026-01-01T00:00:00Z',
  };

  it('round-trips the file and refuses pinned images unless overridden', () => {
    const text = formatPins([pin]) ?? '';
    expect(parsePins(text)).toEqual([pin]);
    expect(formatPins([])).toBeNull();
    expect(parsePins('')).toEqual([]);
    let refusal: unknown;
    try {
      applyPins([pin], target, [{ repository: 'ghcr.io/a/b' }], {});
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      message: expect.stringMatching(
        /ghcr.io\/a\/b is pinned in prod at sha256:111111111111 by Me <me@x> on 2026-01-01T00:00:00Z/,
      ),
      fix: expect.stringContaining('slipway unpin --env prod --image ghcr.io/a/b'),
    });
    expect(applyPins([pin], target, [{ repository: 'ghcr.io/a/c' }], {})).toEqual({
      file: undefined,
      overridden: [],
    });
    expect(applyPins([pin], target, [{ repository: 'ghcr.io/a/b' }], { override: true })).toEqual({
      file: undefined,
      overridden: [pin],
    });
    const added = applyPins([pin], target, [{ repository: 'ghcr.io/a/b', name: 'ghcr.io/a/b', digest: D2 }], {
      add: { reason: 'again', at: 'now' },
    });
    expect(parsePins(added.file?.toString('utf8') ?? '')).toEqual([
      { image: 'ghcr.io/a/b', digest: D2, reason: 'again', at: 'now' },
    ]);
    expect(() => parsePins('pins: [{image: x}]')).toThrow(/digest/);
  });
});

describe('scanAllSites', () => {
  it('finds every image, whatever its repository', () => {
    const text = `spec:\n  containers:\n    - image: nginx:1.25\n    - image: ghcr.io/a/b:1@${D1}\nimages:\n  - name: x\n`;
    const sites = scanAllSites('d.yaml', text);
    expect(sites.map((s) => [s.repository, s.tag, s.digest])).toEqual([
      ['docker.io/library/nginx', '1.25', undefined],
      ['ghcr.io/a/b', '1', D1],
    ]);
    expect(scanAllSites('notes.txt', 'image: nginx:1')).toEqual([]);
  });
});
