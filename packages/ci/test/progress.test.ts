import { describe, expect, it } from 'vitest';
import { progressMeter, progressText } from '../src/progress.js';
import { terminalReporter } from '../src/terminal-reporter.js';

const MiB = 1024 * 1024;

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('progressMeter', () => {
  it('prints after one interval, at most once per interval, and a last line at the end', () => {
    const c = clock();
    const meter = progressMeter({ intervalMs: 1000, now: c.now });
    const lines: string[] = [];
    const update = (done: number) => {
      const line = meter({ label: 'copy', done, total: 100 * MiB });
      if (line !== undefined) lines.push(`${line.final ? 'final ' : ''}${line.text}`);
    };
    update(1 * MiB); // t=0: the start
    c.advance(500);
    update(5 * MiB); // within the first interval: nothing yet
    expect(lines).toEqual([]);
    c.advance(500);
    update(10 * MiB); // t=1000: the first line
    c.advance(300);
    update(20 * MiB); // t=1300: throttled
    c.advance(300);
    update(30 * MiB); // t=1600: throttled
    c.advance(400);
    update(40 * MiB); // t=2000: the second line
    c.advance(3000);
    update(100 * MiB); // the end
    update(100 * MiB); // after the end: nothing more
    expect(lines).toEqual([
      'copy: 10.0 MiB of 100.0 MiB (10%), 10.0 MiB/s, 9 s left',
      'copy: 40.0 MiB of 100.0 MiB (40%), 20.0 MiB/s, 3 s left',
      'final copy: 100.0 MiB of 100.0 MiB (100%), 20.0 MiB/s, done',
    ]);
  });

  it('prints nothing for a transfer over within its first interval, or smaller than the floor', () => {
    const c = clock();
    const quick = progressMeter({ intervalMs: 1000, now: c.now });
    expect(quick({ label: 'a', done: 50 * MiB, total: 100 * MiB })).toBeUndefined();
    c.advance(999);
    expect(quick({ label: 'a', done: 100 * MiB, total: 100 * MiB })).toBeUndefined();

    const small = progressMeter({ intervalMs: 1000, now: c.now });
    for (let done = 0; done < 512 * 1024; done += 64 * 1024) {
      c.advance(5000);
      expect(small({ label: 'b', done, total: 512 * 1024 })).toBeUndefined();
    }
    c.advance(5000);
    expect(small({ label: 'b', done: 512 * 1024, total: 512 * 1024 })).toBeUndefined();
  });

  it('says how long is left from the average rate, and when it cannot know yet', () => {
    expect(progressText({ label: 'x', done: 0, total: 2 * MiB }, 1000)).toBe(
      'x: 0 B of 2.0 MiB (0%), 0 B/s, time left unknown',
    );
    expect(progressText({ label: 'x', done: MiB, total: 200 * MiB }, 1000)).toBe(
      'x: 1.0 MiB of 200.0 MiB (0%), 1.0 MiB/s, 3 min 19 s left',
    );
  });
});

describe('terminalReporter progress', () => {
  const steps = (reporter: ReturnType<typeof terminalReporter>, c: ReturnType<typeof clock>) => {
    reporter.progress({ label: 'copy', done: 0, total: 10 * MiB });
    for (let i = 1; i <= 10; i++) {
      c.advance(400);
      reporter.progress({ label: 'copy', done: i * MiB, total: 10 * MiB });
      if (i === 5) reporter.info('a line in between');
    }
  };

  it('in a log (not a terminal): whole lines, one a second at most', () => {
    const c = clock();
    let out = '';
    steps(
      terminalReporter((t) => (out += t), { now: c.now }),
      c,
    );
    expect(out).not.toContain('\r');
    expect(out.split('\n')).toEqual([
      'copy: 3.0 MiB of 10.0 MiB (30%), 2.5 MiB/s, 3 s left',
      'a line in between',
      'copy: 6.0 MiB of 10.0 MiB (60%), 2.5 MiB/s, 2 s left',
      'copy: 9.0 MiB of 10.0 MiB (90%), 2.5 MiB/s, 1 s left',
      'copy: 10.0 MiB of 10.0 MiB (100%), 2.5 MiB/s, done',
      '',
    ]);
  });

  it('in a terminal: one line redrawn in place, cleared before any other line, ended at the end', () => {
    const c = clock();
    let out = '';
    steps(
      terminalReporter((t) => (out += t), { interactive: true, now: c.now }),
      c,
    );
    // Every update after the first 100 ms draws (400 ms apart here).
    expect(out).toBe(
      [
        '\rcopy: 1.0 MiB of 10.0 MiB (10%), 2.5 MiB/s, 4 s left\x1b[K',
        '\rcopy: 2.0 MiB of 10.0 MiB (20%), 2.5 MiB/s, 4 s left\x1b[K',
        '\rcopy: 3.0 MiB of 10.0 MiB (30%), 2.5 MiB/s, 3 s left\x1b[K',
        '\rcopy: 4.0 MiB of 10.0 MiB (40%), 2.5 MiB/s, 3 s left\x1b[K',
        '\rcopy: 5.0 MiB of 10.0 MiB (50%), 2.5 MiB/s, 2 s left\x1b[K',
        '\r\x1b[Ka line in between\n',
        '\rcopy: 6.0 MiB of 10.0 MiB (60%), 2.5 MiB/s, 2 s left\x1b[K',
        '\rcopy: 7.0 MiB of 10.0 MiB (70%), 2.5 MiB/s, 2 s left\x1b[K',
        '\rcopy: 8.0 MiB of 10.0 MiB (80%), 2.5 MiB/s, 1 s left\x1b[K',
        '\rcopy: 9.0 MiB of 10.0 MiB (90%), 2.5 MiB/s, 1 s left\x1b[K',
        '\rcopy: 10.0 MiB of 10.0 MiB (100%), 2.5 MiB/s, done\x1b[K\n',
      ].join(''),
    );
  });

  it('masks secrets in progress lines too', () => {
    const c = clock();
    let out = '';
    const reporter = terminalReporter((t) => (out += t), { now: c.now });
    reporter.mask('s3cr3t-token');
    reporter.progress({ label: 'copy to s3cr3t-token', done: 0, total: 4 * MiB });
    c.advance(2000);
    reporter.progress({ label: 'copy to s3cr3t-token', done: MiB, total: 4 * MiB });
    expect(out).toBe('copy to ***: 1.0 MiB of 4.0 MiB (25%), 512.0 KiB/s, 6 s left\n');
  });
});
