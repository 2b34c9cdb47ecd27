import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  findEnvironment,
  loadPolicyKeys,
  PolicyError,
  parsePolicy,
  pinOverrideRefusal,
} from '../src/index.js';

const PEM = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const EXAMPLE = `version: 1
environments:
  dev:     { branch: env/dev, path: apps/ }
  staging:
    promoteFrom: dev
    require:
      signatures:
        keys: [ { path: keys/release.pub } ]
        identity: { rule: matchRepository }
  prod:
    promoteFrom: staging
    mode: pull-request
    allowForce: false
    require:
      signatures:
        keys:
          - pem: |
${PEM.trimEnd()
  .split('\n')
  .map((line) => `              ${line}`)
  .join('\n')}
          - kms: awskms:///alias/release
        identity: { rule: exactRepository, repository: registry.example.com/shop/cart }
`;

function parseError(text: string): PolicyError {
  return parseErrorIn(text, undefined);
}

function parseErrorIn(text: string, file: string | undefined): PolicyError {
  try {
    parsePolicy(text, file === undefined ? {} : { file });
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('parsePolicy', () => {
  it('reads the documented example into typed environments, in order', () => {
    const policy = parsePolicy(EXAMPLE);
    expect(policy.environments.map((env) => env.name)).toEqual(['dev', 'staging', 'prod']);
    const [dev, staging, prod] = policy.environments;
    expect(dev).toMatchObject({
      branch: 'env/dev',
      path: 'apps/',
      promoteFrom: undefined,
      mode: 'push',
      allowForce: false,
      line: 3,
    });
    expect(dev?.require.signatures).toBeUndefined();
    expect(staging).toMatchObject({ branch: 'env/staging', promoteFrom: 'dev', line: 4 });
    expect(staging?.require.signatures).toEqual({
      keys: [{ path: 'keys/release.pub' }],
      identities: [],
      trustedRoot: { kind: 'public-good' },
      identity: { rule: 'matchRepository' },
    });
    expect(staging?.require.provenance).toBeUndefined();
    expect(prod).toMatchObject({ mode: 'pull-request', promoteFrom: 'staging' });
    expect(prod?.require.signatures?.keys).toEqual([{ pem: PEM }, { kms: 'awskms:///alias/release' }]);
    expect(prod?.require.signatures?.identity).toEqual({
      rule: 'exactRepository',
      repository: 'registry.example.com/shop/cart',
    });
    expect(findEnvironment(policy, 'prod').name).toBe('prod');
    expect(() => findEnvironment(policy, 'qa')).toThrow(/environment "qa" is not defined/);
  });

  it('identity defaults to matchRepository; an empty environment is allowed', () => {
    const policy = parsePolicy(
      'version: 1\nenvironments:\n  dev:\n  prod:\n    promoteFrom: dev\n    require: { signatures: { keys: [ { path: k.pub } ] } }\n',
    );
    expect(policy.environments[0]).toMatchObject({ name: 'dev', branch: 'env/dev' });
    expect(policy.environments[1]?.require.signatures?.identity).toEqual({ rule: 'matchRepository' });
  });

  it("reads the approval-rule template an environment's pull requests must carry, with its line", () => {
    const policy = parsePolicy(
      'version: 1\nenvironments:\n  dev: {}\n  prod:\n    mode: pull-request\n    pullRequest:\n      approvalRuleTemplate: prod-two-approvers\n',
    );
    expect(policy.environments[0]?.pullRequest).toEqual({ approvalRuleTemplate: undefined });
    expect(policy.environments[1]?.pullRequest).toEqual({
      approvalRuleTemplate: { name: 'prod-two-approvers', line: 7 },
    });
  });

  it.each([
    [
      'an unknown field, with a suggestion',
      'version: 1\nenvironments:\n  dev:\n    promote_from: x\n',
      4,
      /unknown field "promote_from" in environments\.dev.*did you mean "promoteFrom"/,
    ],
    [
      'a promoteFrom naming nothing',
      'version: 1\nenvironments:\n  dev: {}\n  prod:\n    promoteFrom: qa\n',
      5,
      /promotes from "qa", which is not defined.*use one of: dev/,
    ],
    [
      'a cycle (promoteFrom naming a later environment)',
      'version: 1\nenvironments:\n  a:\n    promoteFrom: b\n  b:\n    promoteFrom: a\n',
      4,
      /comes later.*cycle/,
    ],
    ['a self reference', 'version: 1\nenvironments:\n  a:\n    promoteFrom: a\n', 4, /cycle/],
    [
      'a bad mode',
      'version: 1\nenvironments:\n  dev:\n    mode: merge\n',
      4,
      /mode.*use one of: push, pull-request/,
    ],
    ['a wrong version', 'version: 2\nenvironments: {}\n', 1, /version must be 1/],
    ['a missing version', 'environments:\n  dev: {}\n', 1, /"version" is missing/],
    [
      'a key with two sources',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys:\n          - { path: a.pub, kms: "awskms:///alias/x" }\n',
      7,
      /exactly one of path, pem or kms/,
    ],
    [
      'an invalid KMS URI',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys:\n          - kms: awskms://alias/x\n',
      7,
      /invalid AWS KMS key URI/,
    ],
    [
      'no keys',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys: []\n',
      6,
      /at least one key/,
    ],
    [
      'exactRepository without repository',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys: [ { path: a.pub } ]\n        identity:\n          rule: exactRepository\n',
      8,
      /needs "repository"/,
    ],
    [
      'a repository with a tag',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys: [ { path: a.pub } ]\n        identity: { rule: exactRepository, repository: "r.io/a:1" }\n',
      7,
      /takes no tag/,
    ],
    [
      'an unknown rule',
      'version: 1\nenvironments:\n  p:\n    require:\n      signatures:\n        keys: [ { path: a.pub } ]\n        identity: { rule: anything }\n',
      7,
      /use one of: matchRepository, exactRepository, exactReference/,
    ],
    ['a YAML syntax error', 'version: 1\nenvironments:\n  dev: { branch: x\n', 4, /not valid YAML/],
    [
      'a duplicate environment',
      'version: 1\nenvironments:\n  dev: {}\n  dev: {}\n',
      4,
      /not valid YAML.*unique/i,
    ],
    ['a bad name', 'version: 1\nenvironments:\n  Prod: {}\n', 3, /environment name "Prod" is not valid/],
    [
      'a pins.override that is neither allowed, never nor a list',
      'version: 1\nenvironments:\n  prod:\n    pins:\n      override: sometimes\n',
      5,
      /environments\.prod\.pins\.override: "sometimes" is not a value here; write allowed, never, or a list/,
    ],
    [
      'a boolean pins.override, with the word to write',
      'version: 1\nenvironments:\n  prod:\n    pins: { override: false }\n',
      4,
      /pins\.override: false is not a value here; write never/,
    ],
    [
      'an empty pins.override',
      'version: 1\npins:\n  override:\nenvironments:\n  prod: {}\n',
      3,
      /^\.slipway\.yaml:3: pins\.override: no value/,
    ],
    [
      'an empty list of images',
      'version: 1\nenvironments:\n  prod:\n    pins:\n      override: []\n',
      5,
      /an empty list lets no image be overridden; write never/,
    ],
    [
      'an image with a tag in pins.override',
      'version: 1\nenvironments:\n  prod:\n    pins:\n      override:\n        - ghcr.io/a/b\n        - "localhost:5000/a/c:1.0"\n',
      7,
      /pins\.override\.1: localhost:5000\/a\/c:1\.0: a repository takes no tag or digest; write localhost:5000\/a\/c$/,
    ],
    [
      'an invalid image in pins.override',
      'version: 1\nenvironments:\n  prod:\n    pins:\n      override: [ Shop/Cart ]\n',
      5,
      /pins\.override\.0: invalid image reference/,
    ],
    [
      'an unknown field under pins',
      'version: 1\nenvironments:\n  prod:\n    pins:\n      overrides: never\n',
      5,
      /unknown field "overrides" in environments\.prod\.pins.*allowed here: override/,
    ],
    [
      'an unknown field under pullRequest, with a suggestion',
      'version: 1\nenvironments:\n  prod:\n    pullRequest:\n      approval_rule_template: two\n',
      5,
      /unknown field "approval_rule_template" in environments\.prod\.pullRequest.*did you mean "approvalRuleTemplate"/,
    ],
    [
      'an approval-rule template name longer than CodeCommit allows',
      `version: 1\nenvironments:\n  prod:\n    pullRequest:\n      approvalRuleTemplate: ${'t'.repeat(101)}\n`,
      5,
      /at most 100 characters/,
    ],
    [
      'pins that is not a mapping',
      'version: 1\nenvironments:\n  prod:\n    pins: never\n',
      4,
      /environments\.prod\.pins: .*write a mapping, e\.g\. pins: \{ override: never \}/,
    ],
    [
      'two environments on one branch',
      'version: 1\nenvironments:\n  a: { branch: main }\n  b: { branch: main }\n',
      4,
      /both write branch main/,
    ],
  ])('reports %s with its line', (_name, text, line, pattern) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.oneLine()).toMatch(
      new RegExp(`^\\.slipway\\.yaml${line === undefined ? '' : `:${line}`}: `),
    );
    expect(error.oneLine()).toMatch(pattern);
  });

  it('names the given file', () => {
    expect(() => parsePolicy('version: 3\n', { file: 'config/.slipway.yaml' })).toThrow(PolicyError);
    expect(parseErrorIn('version: 3\n', 'config/.slipway.yaml').where).toBe('config/.slipway.yaml:1');
    // Typed, for the action's annotation: no one parses the text back.
    expect(parseErrorIn('version: 3\n', 'config/.slipway.yaml').location).toEqual({
      file: 'config/.slipway.yaml',
      line: 1,
    });
  });
});

describe("pins.override: who may promote over a rollback's pin", () => {
  const POLICY = `version: 1
pins:
  override: never
environments:
  dev:
    pins: { override: allowed }
  staging: {}
  prod:
    pins:
      override:
        - registry.example.com/shop/sidecar
        - nginx
`;
  const cart = { name: 'registry.example.com/shop/cart', repository: 'registry.example.com/shop/cart' };

  it("reads the environment's field, else the top-level default, else allowed", () => {
    const policy = parsePolicy(POLICY);
    expect(findEnvironment(policy, 'dev').pins).toEqual({
      override: 'allowed',
      field: 'environments.dev.pins.override',
      line: 6,
    });
    expect(findEnvironment(policy, 'staging').pins).toEqual({
      override: 'never',
      field: 'pins.override',
      line: 3,
    });
    expect(findEnvironment(policy, 'prod').pins).toEqual({
      override: { images: ['registry.example.com/shop/sidecar', 'docker.io/library/nginx'] },
      field: 'environments.prod.pins.override',
      line: 10,
    });
    const silent = parsePolicy('version: 1\nenvironments:\n  prod: {}\n');
    expect(findEnvironment(silent, 'prod').pins).toEqual({
      override: 'allowed',
      field: undefined,
      line: undefined,
    });
    expect(pinOverrideRefusal(silent, findEnvironment(silent, 'prod'), cart)).toBeUndefined();
  });

  it("refuses where the policy says never, naming the file, the field's line and the fix", () => {
    const policy = parsePolicy(POLICY);
    expect(pinOverrideRefusal(policy, findEnvironment(policy, 'dev'), cart)).toBeUndefined();
    const refusal = pinOverrideRefusal(policy, findEnvironment(policy, 'staging'), cart);
    expect(refusal).toBeInstanceOf(PolicyError);
    expect(refusal?.where).toBe('.slipway.yaml:3');
    expect(refusal?.message).toBe(
      '.slipway.yaml does not let --override-pin lift pins of registry.example.com/shop/cart in staging (pins.override: never)',
    );
    expect(refusal?.fix).toMatch(
      /^run `slipway unpin --env staging --image registry\.example\.com\/shop\/cart` .*or change pins\.override in \.slipway\.yaml through a reviewed change to the config repo's default branch$/,
    );
  });

  it('with a list, allows only the images listed (matched as normalised repositories)', () => {
    const policy = parsePolicy(POLICY, { file: 'config/.slipway.yaml' });
    const prod = findEnvironment(policy, 'prod');
    expect(
      pinOverrideRefusal(policy, prod, {
        name: 'docker.io/library/nginx',
        repository: 'docker.io/library/nginx',
      }),
    ).toBeUndefined();
    expect(
      pinOverrideRefusal(policy, prod, {
        name: 'registry.example.com/shop/sidecar',
        repository: 'registry.example.com/shop/sidecar',
      }),
    ).toBeUndefined();
    const refusal = pinOverrideRefusal(policy, prod, cart);
    expect(refusal?.oneLine()).toMatch(
      /^config\/\.slipway\.yaml:10: config\/\.slipway\.yaml does not let --override-pin lift pins of registry\.example\.com\/shop\/cart in prod \(environments\.prod\.pins\.override lists only registry\.example\.com\/shop\/sidecar, docker\.io\/library\/nginx\); run `slipway unpin --env prod/,
    );
  });
});

describe('loadPolicyKeys', () => {
  it('reads path keys through the callback (the config repo) and inline PEM', async () => {
    const policy = parsePolicy(EXAMPLE.replace('          - kms: awskms:///alias/release\n', ''));
    const read: string[] = [];
    const staging = findEnvironment(policy, 'staging').require.signatures;
    const prod = findEnvironment(policy, 'prod').require.signatures;
    if (staging === undefined || prod === undefined) throw new Error('missing requirement');
    const keys = await loadPolicyKeys(staging, {
      readFile: async (path) => {
        read.push(path);
        return PEM;
      },
    });
    expect(read).toEqual(['keys/release.pub']);
    const inline = await loadPolicyKeys(prod, { readFile: async () => '' });
    expect(keys[0]?.fingerprint).toBe(inline[0]?.fingerprint);
    await expect(
      loadPolicyKeys(staging, {
        readFile: async () => {
          throw Object.assign(new Error('nope'), { code: 'ENOENT' });
        },
      }),
    ).rejects.toThrow(/names a key that cannot be used: key file not found/);
  });
});
