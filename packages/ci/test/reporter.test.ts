import { afterEach, describe, expect, it, vi } from 'vitest';
import { githubReporter, plainText } from '../src/github-reporter.js';
import { secretForms, terminalReporter } from '../src/index.js';

/** What the GitHub reporter writes to stdout (its workflow commands and log lines) while `work` runs. */
function stdoutOf(work: () => void): string {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return text;
}

afterEach(() => vi.restoreAllMocks());

describe('secretForms', () => {
  it('is the value as steps use it: trimmed, and each line of a multi-line one', () => {
    expect(secretForms('ghp_abc123')).toEqual(['ghp_abc123']);
    expect(secretForms('  ghp_abc123\n')).toEqual(['ghp_abc123']);
    expect(secretForms('-----BEGIN KEY-----\r\nMIIBa2b3\n  c4d5e6\n-----END KEY-----\n')).toEqual([
      '-----BEGIN KEY-----\r\nMIIBa2b3\n  c4d5e6\n-----END KEY-----',
      '-----BEGIN KEY-----',
      'MIIBa2b3',
      'c4d5e6',
      '-----END KEY-----',
    ]);
    expect(secretForms('{\n  "k": "v1"\n}')).toEqual(['{\n  "k": "v1"\n}', '"k": "v1"']);
    expect(secretForms(' \n ')).toEqual([]);
  });
});

describe('githubReporter', () => {
  it('masks a secret as the step uses it, and each of its lines, since the runner masks line by line', () => {
    const out = stdoutOf(() => {
      const reporter = githubReporter();
      reporter.mask('ghs_token123\n');
      reporter.mask('line-one\nline-two');
    });
    expect(out.split('\n')).toEqual([
      '::add-mask::ghs_token123',
      '::add-mask::line-one%0Aline-two',
      '::add-mask::line-one',
      '::add-mask::line-two',
      '',
    ]);
  });

  it('prints text that looks like a workflow command between stop-commands and its resume', () => {
    const out = stdoutOf(() => {
      const reporter = githubReporter();
      reporter.info('plain progress');
      reporter.info('kustomization/apps: ok\n  ::error file=x.yaml,line=1::injected');
      reporter.info('##[error]legacy');
    });
    const lines = out.split('\n');
    expect(lines[0]).toBe('plain progress');
    const [, stop, text1, text2, resume] = lines;
    const token = /^::stop-commands::(slipway-[0-9a-f-]{36})$/.exec(stop ?? '')?.[1];
    expect(token).toBeDefined();
    expect([text1, text2, resume]).toEqual([
      'kustomization/apps: ok',
      '  ::error file=x.yaml,line=1::injected',
      `::${token}::`,
    ]);
    expect(lines[5]).toMatch(/^::stop-commands::slipway-/);
    expect(lines[6]).toBe('##[error]legacy');
    // A fresh token each time: text cannot guess the one that resumes commands.
    expect(lines[5]).not.toBe(stop);
  });

  it('annotates errors with file and line, escaping what the runner would split on', () => {
    const out = stdoutOf(() => githubReporter().error('bad: a, b\nc', { file: 'apps/x.yaml', line: 3 }));
    expect(out).toBe('::error file=apps/x.yaml,line=3::bad: a, b%0Ac\n');
  });
});

describe('plainText', () => {
  it('writes text without command-like lines as it is, and wraps the rest with the given token', () => {
    const lines: string[] = [];
    plainText('a\nb::c', (line) => lines.push(line), 't');
    plainText('a\n\t::warning::w', (line) => lines.push(line), 't');
    expect(lines).toEqual(['a\nb::c', '::stop-commands::slipway-t', 'a\n\t::warning::w', '::slipway-t::']);
  });
});

describe('terminalReporter', () => {
  it('redacts a secret given with stray white space, and the lines of a multi-line one', () => {
    let text = '';
    const reporter = terminalReporter((t) => {
      text += t;
    });
    reporter.mask('hunter2\n');
    reporter.mask('first-line\nsecond-line');
    reporter.info('token hunter2 was refused; key first-line\nsecond-line; second-line alone');
    expect(text).toBe('token *** was refused; key ***; *** alone\n');
  });
});
