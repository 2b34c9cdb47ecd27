// The example config repo's policy (examples/config-repo/.slipway.yaml): what it asks for, and that the
// identity it names is the one the app pipeline's keyless certificates carry.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEnvironment, identityMismatch, parsePolicy } from '../packages/sign/src/index.js';
import { ROOT } from './support/slipway.js';

const text = readFileSync(join(ROOT, 'examples', 'config-repo', '.slipway.yaml'), 'utf8');

/** What Fulcio writes for the ECR pipeline's signing job, called from acme/shop's main branch. */
const pipeline = {
  subject: 'https://github.com/slipway-dev/slipway/.github/workflows/build-sign-promote-ecr.yml@refs/tags/v1',
  issuer: 'https://token.actions.githubusercontent.com',
  github: { repository: 'acme/shop', ref: 'refs/heads/main', workflow: 'pipeline', trigger: 'push' },
};

describe('examples/config-repo/.slipway.yaml', () => {
  it("requires the app pipeline's keyless identity for staging and prod, and provenance from acme/shop for prod", () => {
    const policy = parsePolicy(text);
    const staging = findEnvironment(policy, 'staging').require;
    const prod = findEnvironment(policy, 'prod').require;
    expect(staging.signatures?.keys).toEqual([]);
    expect(staging.signatures?.identities).toHaveLength(1);
    expect(prod.signatures?.identities).toEqual(staging.signatures?.identities);
    expect(staging.provenance).toBeUndefined();
    expect(prod.provenance).toMatchObject({
      sourceRepository: 'https://github.com/acme/shop',
      builder: undefined,
      keys: [],
      trustedRoot: { kind: 'public-good' },
    });
    const [identity] = staging.signatures?.identities ?? [];
    if (identity === undefined) throw new Error('no identity');
    expect(identityMismatch(identity, pipeline)).toBeUndefined();
    expect(
      identityMismatch(identity, {
        ...pipeline,
        subject: pipeline.subject.replace('ecr.yml@refs/tags/v1', 'ghcr.yml@refs/tags/v1.4.0'),
      }),
    ).toBeUndefined();
    // Another repository calling the same reusable workflow is not the app.
    expect(
      identityMismatch(identity, { ...pipeline, github: { ...pipeline.github, repository: 'mallory/shop' } }),
    ).toBe(`the certificate's GitHub repository is "mallory/shop", not "acme/shop"`);
    expect(
      identityMismatch(identity, { ...pipeline, github: { ...pipeline.github, ref: 'refs/heads/feature' } }),
    ).toMatch(/GitHub ref is "refs\/heads\/feature"/);
    expect(
      identityMismatch(identity, {
        ...pipeline,
        subject: 'https://github.com/acme/shop/.github/workflows/pipeline.yml@refs/heads/main',
      }),
    ).toMatch(/does not match/);
  });

  it('keeps a key alternative, which scripts/demo takes by uncommenting it', () => {
    const demo = readFileSync(join(ROOT, 'scripts', 'demo'), 'utf8');
    const sed = /sed -E -i '(s\/.*\/)' "\$work\/\.slipway\.yaml"/.exec(demo)?.[1];
    expect(sed).toBeDefined();
    const uncommented = execFileSync('sed', ['-E', sed ?? ''], { input: text, encoding: 'utf8' });
    expect(uncommented).not.toBe(text);
    const policy = parsePolicy(uncommented);
    for (const name of ['staging', 'prod']) {
      expect(findEnvironment(policy, name).require.signatures?.keys).toEqual([{ path: 'keys/release.pub' }]);
      expect(findEnvironment(policy, name).require.signatures?.identities).toHaveLength(1);
    }
  });
});
