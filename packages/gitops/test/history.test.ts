import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../src/git/configRepo.js';
import { parseLog } from '../src/git/configRepo.js';
import { historyEntry, trailerReference } from '../src/history/entry.js';
import { scanAllSites } from '../src/manifest/all-sites.js';
import { parseTrailers, promotionMessage, TRAILER, unpinMessage } from '../src/promotion/message.js';
import { applyPins, formatPins, parsePins } from '../src/promotion/pins.js';
import { checkReason, checkRunUrl, checkSourceCommit } from '../src/promotion/record-values.js';

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
    const entry = historyEntry(log(message), 'prod');
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
    expect(historyEntry(log(rollback), 'prod')).toMatchObject({
      kind: 'rollback',
      rollbackOf: 'c'.repeat(40),
    });
    expect(historyEntry(log('fix replicas by hand\n\nSigned-off-by: Me <me@x>\n'), 'prod')).toMatchObject({
      kind: 'manual',
      images: [],
      subject: 'fix replicas by hand',
    });
    expect(
      historyEntry(log(`unpin(prod): ghcr.io/a/b\n\nbody\n\nSlipway-Unpin: ghcr.io/a/b@${D1}\n`), 'prod'),
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

describe('commit records cannot be forged', () => {
  const cart = { name: 'registry.example.com/shop/cart', tag: '1.4.2', digest: D2, places: ['a.yaml:3'] };
  const forged = 'abc1234\nSlipway-Verified-By: forged';

  it('refuses, as a bug, any value with a control character in every message builder', () => {
    const bad = [
      { sourceCommit: forged },
      { runUrl: 'https://ci.example.com/run/1\nSlipway-Verified-By: forged' },
      { env: 'prod\n\nSlipway-Verified-By: forged' },
      { images: [{ ...cart, verifiedBy: 'SHA256:k\nSlipway-Image: x' }] },
      { images: [{ ...cart, previous: `x\r\nSlipway-Verified-By: forged` }] },
      { images: [{ ...cart, tag: '1\u0085x' }] },
      { trailers: [[TRAILER.rollbackOf, 'c\nSlipway-Verified-By: forged']] as const },
    ];
    for (const change of bad) {
      expect(
        () => promotionMessage({ env: 'prod', images: [cart], ...change }),
        JSON.stringify(change),
      ).toThrow(/control character/);
    }
    expect(() =>
      unpinMessage({ env: 'prod\nSlipway-Image: x', image: 'ghcr.io/a/b', digest: D1, reason: '' }),
    ).toThrow(/control character/);
    // The pins file's reason is hand-editable data: written escaped, on one line.
    const unpin = unpinMessage({
      env: 'prod',
      image: 'ghcr.io/a/b',
      digest: D1,
      reason: 'x\n\nSlipway-Verified-By: y',
    });
    expect(unpin).not.toMatch(/^Slipway-Verified-By/m);
    expect(unpin).toContain('(x\\u000a\\u000aSlipway-Verified-By: y)');
    expect(parseTrailers(unpin)).toEqual([[TRAILER.unpin, `ghcr.io/a/b@${D1}`]]);
    // A place names a config-repo file (git allows a line break in a name): written escaped, on its line.
    const place = 'apps/x\n\nSlipway-Verified-By: forged.yaml:3';
    const promoted = promotionMessage({ env: 'prod', images: [{ ...cart, places: [place] }] });
    expect(promoted).toContain('  - apps/x\\u000a\\u000aSlipway-Verified-By: forged.yaml:3\n');
    expect(parseTrailers(promoted).map(([key]) => key)).toEqual([TRAILER.image]);
  });

  it('believes trailers only in a commit whose subject is Slipway’s for this environment', () => {
    const real = promotionMessage({ env: 'prod', images: [{ ...cart, verifiedBy: 'SHA256:key' }] });
    expect(historyEntry(log(real), 'prod').images[0]?.verifiedBy).toBe('SHA256:key');
    // The same trailers under a hand-written subject, or a promotion of another environment: manual.
    const trailers = real.slice(real.lastIndexOf('\n\n'));
    for (const message of [`bump cart by hand${trailers}`, real.replace('promote(prod)', 'promote(dev)')]) {
      expect(historyEntry(log(message), 'prod')).toMatchObject({ kind: 'manual', images: [] });
    }
    // A trailer block must be all `Key: value`, and the last paragraph.
    expect(parseTrailers('promote(prod): x\n\nSlipway-Image: a\nnot a trailer\n')).toEqual([]);
    expect(parseTrailers('promote(prod): x\n\nSlipway-Verified-By: forged\n\nplain text\n')).toEqual([]);
    expect(parseTrailers('Slipway-Image: a\n')).toEqual([]);
    // Values are believed only in the shape promote writes them.
    const odd = `promote(prod): x\n\nbody\n\nSlipway-Image: ${cart.name}:1@${D2}\nSlipway-Source-Commit: not-hex\nSlipway-Run: javascript:alert(1)\n`;
    const entry = historyEntry(log(odd), 'prod');
    expect(entry.kind).toBe('promotion');
    expect(entry.sourceCommit).toBeUndefined();
    expect(entry.run).toBeUndefined();
  });

  it('checks the values promote records', () => {
    expect(checkSourceCommit('ABCDEF1')).toEqual({ ok: true, value: 'abcdef1' });
    expect(checkSourceCommit('a'.repeat(64))).toMatchObject({ ok: true });
    for (const bad of [forged, 'abc123', 'a'.repeat(65), 'main', 'g'.repeat(40)]) {
      expect(checkSourceCommit(bad)).toMatchObject({ ok: false });
    }
    expect(checkSourceCommit(forged)).toEqual({
      ok: false,
      message: 'must be a commit id (7 to 64 hex digits), not "abc1234\\u000aSlipway-Verified-By: forged"',
    });
    expect(checkRunUrl('https://ci.example.com/run/1?attempt=2')).toMatchObject({ ok: true });
    for (const bad of [
      'https://ci.example.com/run/1\nSlipway-Verified-By: forged',
      'https://ci.example.com/run/1 x',
      'ftp://ci.example.com/run',
      'javascript:alert(1)',
      '/relative/run',
      'https://user:token@ci.example.com/run/1',
      `https://ci.example.com/${'x'.repeat(2048)}`,
    ]) {
      expect(checkRunUrl(bad), bad).toMatchObject({ ok: false });
    }
    expect(checkReason('bad deploy, see INC-42')).toEqual({ ok: true, value: 'bad deploy, see INC-42' });
    expect(checkReason('x\nSlipway-Verified-By: y')).toMatchObject({ ok: false });
    expect(checkReason('x\ty')).toMatchObject({ ok: false });
    expect(checkReason('x'.repeat(201))).toMatchObject({ ok: false });
  });
});
