// The verify step's keyless flags, as cosign names them, checked where they enter (before any registry call).

import { describe, expect, it } from 'vitest';
import { allSteps, runCli } from '../src/index.js';
import { type IdentityInputs, identityFromInputs } from '../src/verify/identity-inputs.js';

async function verify(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(
    allSteps,
    ['verify', 'oci:/nonexistent/layout:v1', ...args],
    { stdout: () => {}, stderr: (t) => (err += t), env: {}, cwd: process.cwd() },
    '9.9.9',
  );
  return { code, err };
}

const none: IdentityInputs = {
  'certificate-identity': undefined,
  'certificate-identity-regexp': undefined,
  'certificate-oidc-issuer': undefined,
  'certificate-oidc-issuer-regexp': undefined,
  'certificate-github-workflow-repository': undefined,
  'certificate-github-workflow-ref': undefined,
  'certificate-github-workflow-name': undefined,
  'certificate-github-workflow-trigger': undefined,
  'certificate-github-workflow-sha': undefined,
};

describe('verify identity inputs', () => {
  it('builds one requirement from exact or regexp subject and issuer, with GitHub extensions', () => {
    expect(identityFromInputs(none)).toBeUndefined();
    expect(
      identityFromInputs({
        ...none,
        'certificate-identity-regexp': '^https://github\\.com/acme/',
        'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com',
        'certificate-github-workflow-ref': 'refs/heads/main',
      }),
    ).toEqual({
      subject: { regexp: '^https://github\\.com/acme/' },
      issuer: { exact: 'https://token.actions.githubusercontent.com' },
      github: {
        repository: undefined,
        ref: 'refs/heads/main',
        workflow: undefined,
        trigger: undefined,
        sha: undefined,
      },
    });
  });

  it('needs key or identity, and an identity needs subject and issuer (as cosign)', async () => {
    const nothing = await verify([]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.err).toMatch(
      /no trusted key and no certificate identity.*--certificate-identity and --certificate-oidc-issuer/,
    );
    const subjectOnly = await verify([
      '--certificate-identity',
      'https://github.com/acme/shop/.github/workflows/r.yml@refs/heads/main',
    ]);
    expect(subjectOnly.err).toMatch(
      /needs both a subject and an OIDC issuer; --certificate-oidc-issuer is missing/,
    );
    const issuerOnly = await verify([
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
    ]);
    expect(issuerOnly.err).toMatch(/--certificate-identity is missing/);
    const extensionsOnly = await verify([
      '--key',
      'k.pub',
      '--certificate-github-workflow-ref',
      'refs/heads/main',
    ]);
    expect(extensionsOnly.err).toMatch(/narrow an identity, and none is given/);
    // A root beside keys alone checks the Rekor proofs of keyed `.sig` layers: past the flags, to the key file.
    const rootWithKeys = await verify(['--key', 'k.pub', '--trusted-root', 'root.json']);
    expect(rootWithKeys.err).not.toMatch(/trusted-root/);
    expect(rootWithKeys.err).toMatch(/k\.pub/);
  });

  it('refuses both forms at once, patterns that do not compile, and patterns too long', async () => {
    const issuer = ['--certificate-oidc-issuer', 'https://token.actions.githubusercontent.com'];
    const both = await verify([
      '--certificate-identity',
      'a',
      '--certificate-identity-regexp',
      'a',
      ...issuer,
    ]);
    expect(both.err).toMatch(/--certificate-identity and --certificate-identity-regexp exclude each other/);
    const broken = await verify(['--certificate-identity-regexp', '(unclosed', ...issuer]);
    expect(broken.err).toMatch(/--certificate-identity-regexp: the pattern does not compile/);
    const long = await verify(['--certificate-identity-regexp', 'a'.repeat(1025), ...issuer]);
    expect(long.err).toMatch(/1025 characters, more than the 1024 allowed/);
  });

  it('reports a trusted root file that cannot be read, naming the flag', async () => {
    const missing = await verify([
      '--certificate-identity',
      'https://github.com/acme/shop/.github/workflows/r.yml@refs/heads/main',
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
      '--trusted-root',
      '/nonexistent/trusted_root.json',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(
      /--trusted-root \/nonexistent\/trusted_root\.json: the trusted root cannot be read \(ENOENT\); give the path of a TrustedRoot JSON file/,
    );
  });
});
