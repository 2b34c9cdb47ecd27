import { describe, expect, it } from 'vitest';
import {
  classifyPush,
  isValidBranchName,
  parsePorcelain,
  redactor,
  resolveRemote,
} from '../src/git/index.js';

describe('redactor', () => {
  it('masks every secret, longest first, and ignores empty ones', () => {
    const redact = redactor(['tok', 'user:tok', '']);
    expect(redact('a user:tok b tok c')).toBe('a *** b *** c');
    expect(redactor([])('unchanged')).toBe('unchanged');
  });
});

describe('resolveRemote', () => {
  it('strips credentials from https URLs and uses them', () => {
    const remote = resolveRemote('https://alice:p%40ss@git.example.com:8443/org/config.git');
    expect(remote.url).toBe('https://git.example.com:8443/org/config.git');
    expect(remote.httpOrigin).toBe('https://git.example.com:8443/');
    expect(remote.basic).toEqual({ username: 'alice', token: 'p@ss' });
    const base64 = Buffer.from('alice:p@ss').toString('base64');
    const redact = redactor(remote.secrets);
    expect(redact(`p@ss p%40ss alice:p@ss ${base64}`)).not.toMatch(/p@ss|p%40ss|[A-Za-z0-9+/]{12,}/);
  });

  it('reads a lone user part as a token, defaults the username, lets explicit auth win', () => {
    expect(resolveRemote('https://ghp_abc@github.com/o/r.git').basic).toEqual({
      username: 'x-access-token',
      token: 'ghp_abc',
    });
    expect(resolveRemote('https://github.com/o/r', { token: 't' }).basic).toEqual({
      username: 'x-access-token',
      token: 't',
    });
    expect(resolveRemote('https://bob:old@github.com/o/r', { token: 'new' }).basic).toEqual({
      username: 'bob',
      token: 'new',
    });
    expect(resolveRemote('https://github.com/o/r').basic).toBeUndefined();
  });

  it('keeps ssh, scp-like and file URLs, drops ssh passwords, resolves local paths', () => {
    expect(resolveRemote('git@github.com:org/config.git').url).toBe('git@github.com:org/config.git');
    expect(resolveRemote('ssh://git@host:2222/config.git').url).toBe('ssh://git@host:2222/config.git');
    const ssh = resolveRemote('ssh://git:hunter2@host/config.git');
    expect(ssh.url).toBe('ssh://git@host/config.git');
    expect(redactor(ssh.secrets)('hunter2')).toBe('***');
    expect(resolveRemote('file:///srv/config.git').url).toBe('file:///srv/config.git');
    expect(resolveRemote('relative/config.git').url).toBe(`${process.cwd()}/relative/config.git`);
    // A token with a non-http URL cannot be used, but is still redacted.
    const unused = resolveRemote('git@github.com:o/r.git', { token: 'zzz' });
    expect(unused.basic).toBeUndefined();
    expect(redactor(unused.secrets)('zzz')).toBe('***');
  });

  it('refuses URLs that would be read as options', () => {
    expect(() => resolveRemote('--upload-pack=evil')).toThrow(/not a valid git URL/);
    expect(() => resolveRemote('')).toThrow(/empty/);
  });
});

describe('isValidBranchName', () => {
  it('follows check-ref-format and refuses option/force/refspec smuggling', () => {
    for (const good of ['env/dev', 'main', 'env/prod-eu', 'release/1.2'])
      expect(isValidBranchName(good)).toBe(true);
    for (const bad of [
      '',
      '-x',
      '+env/dev',
      'a:b',
      'a..b',
      'a b',
      'a/',
      '/a',
      'a.lock',
      'a/.b',
      'a@{1}',
      'a~1',
    ]) {
      expect(isValidBranchName(bad)).toBe(false);
    }
  });
});

const sha = 'c0ffee'.padEnd(40, '0');

function porcelain(...lines: string[]): string {
  return ['To https://example.test/config.git', ...lines, 'Done'].join('\n');
}

describe('classifyPush', () => {
  it('parses porcelain lines', () => {
    expect(parsePorcelain(porcelain(`!\t${sha}:refs/heads/env/dev\t[rejected] (fetch first)`))).toEqual([
      { flag: '!', from: sha, to: 'refs/heads/env/dev', summary: '[rejected]', reason: 'fetch first' },
    ]);
    expect(parsePorcelain(porcelain(`*\t${sha}:refs/heads/env/new\t[new branch]`))[0]?.summary).toBe(
      '[new branch]',
    );
  });

  it('accepts success', () => {
    expect(classifyPush(0, porcelain(` \t${sha}:refs/heads/env/dev\tabc..def`), '')).toEqual({ ok: true });
  });

  const stale: [string, string, string][] = [
    ['git: fetch first', `!\t${sha}:refs/heads/env/dev\t[rejected] (fetch first)`, ''],
    ['git: non-fast-forward', `!\t${sha}:refs/heads/env/dev\t[rejected] (non-fast-forward)`, ''],
    ['git: stale info', `!\t${sha}:refs/heads/env/dev\t[rejected] (stale info)`, ''],
    ['git: create race', `!\t${sha}:refs/heads/env/dev\t[rejected] (already exists)`, ''],
    [
      'receive-pack: cannot lock ref',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (cannot lock ref 'refs/heads/env/dev': is at 1111111111111111111111111111111111111111 but expected 2222222222222222222222222222222222222222)`,
      '',
    ],
    [
      'receive-pack: failed to update ref',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (failed to update ref)`,
      '',
    ],
    [
      'receive-pack: incorrect old value',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (incorrect old value provided)`,
      '',
    ],
    [
      'receive-pack: lock file exists',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (unable to create '/srv/config.git/refs/heads/env/dev.lock': File exists.)`,
      '',
    ],
    [
      'GitHub: reference already exists',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (reference already exists)`,
      '',
    ],
    [
      'GitLab: force push on a protected branch (we never force: the branch moved)',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (pre-receive hook declined)`,
      'remote: GitLab: You are not allowed to force push code to a protected branch on this project.',
    ],
    [
      'Bitbucket: hook failed with a lock error',
      `!\t${sha}:refs/heads/env/dev\t[remote rejected] (failed)`,
      "remote: error: cannot lock ref 'refs/heads/env/dev': is at 1111 but expected 2222",
    ],
  ];
  for (const [name, line, stderr] of stale) {
    it(`stale: ${name}`, () => {
      expect(classifyPush(1, porcelain(line), stderr)).toMatchObject({
        ok: false,
        kind: 'stale',
        branch: 'env/dev',
      });
    });
  }

  it('stale: GitHub/plain hints without ref lines, and a local lock', () => {
    const hint = [
      "error: failed to push some refs to 'https://github.com/o/r.git'",
      'hint: Updates were rejected because the remote contains work that you do',
      'hint: not have locally.',
    ].join('\n');
    expect(classifyPush(1, '', hint)).toMatchObject({ ok: false, kind: 'stale' });
    expect(
      classifyPush(1, '', "fatal: Unable to create '/tmp/x/refs/heads/a.lock': File exists."),
    ).toMatchObject({
      kind: 'stale',
    });
  });

  const refused: [string, string, string][] = [
    [
      'pre-receive hook declined',
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (pre-receive hook declined)`,
      '',
    ],
    [
      'GitHub protected branch',
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (protected branch hook declined)`,
      'remote: error: GH006: Protected branch update failed for refs/heads/env/prod.',
    ],
    [
      'GitLab protected branch',
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (pre-receive hook declined)`,
      'remote: GitLab: You are not allowed to push code to protected branches on this project.',
    ],
    [
      'Bitbucket branch permissions',
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (pre-receive hook declined)`,
      'remote: Branch refs/heads/env/prod can only be modified through pull requests.',
    ],
    [
      'denied by receive-pack',
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (deny updating a hidden ref)`,
      '',
    ],
  ];
  for (const [name, line, stderr] of refused) {
    it(`refused: ${name}`, () => {
      expect(classifyPush(1, porcelain(line), stderr)).toMatchObject({
        ok: false,
        kind: 'refused',
        branch: 'env/prod',
      });
    });
  }

  it('refused: permission and auth failures before any ref line', () => {
    for (const stderr of [
      "remote: Permission to o/r.git denied to bot.\nfatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 403",
      "fatal: Authentication failed for 'https://gitlab.com/o/r.git/'",
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.',
    ]) {
      expect(classifyPush(128, '', stderr)).toMatchObject({ ok: false, kind: 'refused' });
    }
  });

  it('atomic: the culprit is named, not the innocent "atomic push failed" refs', () => {
    const out = porcelain(
      `!\t${sha}:refs/heads/env/dev\t[rejected] (atomic push failed)`,
      `!\t${sha}:refs/heads/env/prod\t[rejected] (fetch first)`,
    );
    expect(classifyPush(1, out, '')).toMatchObject({ ok: false, kind: 'stale', branch: 'env/prod' });
  });

  it('refused wins over stale when both happen', () => {
    const out = porcelain(
      `!\t${sha}:refs/heads/env/dev\t[rejected] (fetch first)`,
      `!\t${sha}:refs/heads/env/prod\t[remote rejected] (pre-receive hook declined)`,
    );
    expect(classifyPush(1, out, '')).toMatchObject({ ok: false, kind: 'refused', branch: 'env/prod' });
  });

  it('leaves transport errors to the caller', () => {
    expect(
      classifyPush(128, '', "fatal: unable to access 'https://x/': Could not resolve host: x"),
    ).toBeUndefined();
    expect(
      classifyPush(
        1,
        porcelain(`!\t${sha}:refs/heads/env/dev\t[remote failure] (remote failed to report status)`),
        '',
      ),
    ).toBeUndefined();
  });
});
