import { describe, expect, it } from 'vitest';
import {
  findEnvironment,
  GITHUB_ACTIONS_ISSUER,
  MAX_IDENTITY_PATTERN_LENGTH,
  PolicyError,
  parsePolicy,
} from '../src/index.js';

const RELEASE = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';

/** A policy whose prod environment requires `body` (indented under `require:`). */
function policy(body: string): string {
  return `version: 1\nenvironments:\n  prod:\n    require:\n${body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;
}

function refusal(text: string): PolicyError {
  try {
    parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('require.signatures.identities', () => {
  it("reads each of cosign's forms and the workflow shorthand into identity requirements", () => {
    const parsed = parsePolicy(
      policy(`signatures:
  identities:
    - issuer: https://token.actions.githubusercontent.com
      subject: ${RELEASE}
    - issuerRegExp: '^https://token\\.actions\\.githubusercontent\\.com$'
      subjectRegExp: '^https://github\\.com/acme/[^/]+/\\.github/workflows/release\\.yml@refs/heads/main$'
      github: { repository: acme/shop, ref: refs/heads/main, workflow: release, trigger: push }
    - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main
      github: { sha: ${'a'.repeat(40)} }
`),
    );
    const signatures = findEnvironment(parsed, 'prod').require.signatures;
    expect(signatures).toEqual({
      keys: [],
      identities: [
        { subject: { exact: RELEASE }, issuer: { exact: GITHUB_ACTIONS_ISSUER } },
        {
          subject: {
            regexp: '^https://github\\.com/acme/[^/]+/\\.github/workflows/release\\.yml@refs/heads/main$',
          },
          issuer: { regexp: '^https://token\\.actions\\.githubusercontent\\.com$' },
          github: { repository: 'acme/shop', ref: 'refs/heads/main', workflow: 'release', trigger: 'push' },
        },
        {
          subject: { exact: RELEASE },
          issuer: { exact: GITHUB_ACTIONS_ISSUER },
          github: { sha: 'a'.repeat(40) },
        },
      ],
      trustedRoot: { kind: 'public-good' },
      identity: { rule: 'matchRepository' },
    });
  });

  it('takes keys and identities together, and a trusted root from the config repo with its line', () => {
    const parsed = parsePolicy(
      policy(`signatures:
  keys: [ { path: keys/release.pub } ]
  identities: [ { workflow: acme/shop/.github/workflows/release.yml@refs/tags/v1 } ]
  trustedRoot:
    path: ./sigstore/trusted_root.json
`),
    );
    const signatures = findEnvironment(parsed, 'prod').require.signatures;
    expect(signatures?.keys).toEqual([{ path: 'keys/release.pub' }]);
    expect(signatures?.identities).toHaveLength(1);
    expect(signatures?.trustedRoot).toEqual({ kind: 'path', path: 'sigstore/trusted_root.json', line: 9 });
    const publicGood = parsePolicy(
      policy('signatures:\n  keys: [ { path: k.pub } ]\n  trustedRoot: public-good\n'),
    );
    expect(findEnvironment(publicGood, 'prod').require.signatures).toMatchObject({
      identities: [],
      trustedRoot: { kind: 'public-good' },
    });
  });

  it.each([
    [
      'neither keys nor identities',
      'signatures:\n  identity: { rule: matchRepository }\n',
      6,
      /environments\.prod\.require\.signatures: needs keys, identities or both; add identities/,
    ],
    ['an empty list of identities', 'signatures:\n  identities: []\n', 6, /list at least one identity/],
    [
      'a missing issuer',
      `signatures:\n  identities:\n    - subject: ${RELEASE}\n`,
      7,
      /identities\.0: an identity needs issuer or issuerRegExp; add e\.g\. issuer: https:\/\/token\.actions\.githubusercontent\.com \(or the shorthand workflow:/,
    ],
    [
      'a missing subject',
      `signatures:\n  identities:\n    - issuer: ${GITHUB_ACTIONS_ISSUER}\n`,
      7,
      /an identity needs subject or subjectRegExp; add e\.g\. subject: https:\/\/github\.com\//,
    ],
    [
      'both subject and subjectRegExp',
      `signatures:\n  identities:\n    - issuer: ${GITHUB_ACTIONS_ISSUER}\n      subject: ${RELEASE}\n      subjectRegExp: '^https://github\\.com/acme/'\n`,
      9,
      /identities\.0\.subjectRegExp: give subject or subjectRegExp, not both; keep one of subject and subjectRegExp$/,
    ],
    [
      'both issuer and issuerRegExp',
      `signatures:\n  identities:\n    - issuer: ${GITHUB_ACTIONS_ISSUER}\n      issuerRegExp: '^https://'\n      subject: ${RELEASE}\n`,
      8,
      /identities\.0\.issuerRegExp: give issuer or issuerRegExp, not both/,
    ],
    [
      'a regexp that does not compile',
      `signatures:\n  identities:\n    - issuer: ${GITHUB_ACTIONS_ISSUER}\n      subjectRegExp: '^https://github\\.com/acme/(shop'\n`,
      8,
      /identities\.0\.subjectRegExp: subjectRegExp is not a valid regular expression: .*; fix the pattern/,
    ],
    [
      'an over-long pattern',
      `signatures:\n  identities:\n    - subject: ${RELEASE}\n      issuerRegExp: '${'a'.repeat(MAX_IDENTITY_PATTERN_LENGTH + 1)}'\n`,
      8,
      new RegExp(
        `identities\\.0\\.issuerRegExp: issuerRegExp is ${MAX_IDENTITY_PATTERN_LENGTH + 1} characters, more than ${MAX_IDENTITY_PATTERN_LENGTH}; shorten the pattern`,
      ),
    ],
    [
      'an unknown field, with a suggestion',
      `signatures:\n  identities:\n    - issuer: ${GITHUB_ACTIONS_ISSUER}\n      subject_regexp: x\n`,
      8,
      /unknown field "subject_regexp" in environments\.prod\.require\.signatures\.identities\.0; did you mean "subjectRegExp"\? allowed here: issuer, issuerRegExp, subject, subjectRegExp, workflow, github$/,
    ],
    [
      "cosign's flag name, with the field it is here",
      `signatures:\n  identities:\n    - certificate-oidc-issuer: ${GITHUB_ACTIONS_ISSUER}\n      subject: ${RELEASE}\n`,
      7,
      /unknown field "certificate-oidc-issuer" .*did you mean "issuer"\?/,
    ],
    [
      "a signer's field under identity (the image name rule)",
      `signatures:\n  keys: [ { path: k.pub } ]\n  identity:\n    issuer: ${GITHUB_ACTIONS_ISSUER}\n`,
      8,
      /unknown field "issuer" in environments\.prod\.require\.signatures\.identity; who signed goes in the list identities: .*allowed here: rule, repository, reference$/,
    ],
    [
      'an unknown GitHub extension',
      `signatures:\n  identities:\n    - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main\n      github: { branch: main }\n`,
      8,
      /unknown field "branch" in .*identities\.0\.github; allowed here: repository, ref, workflow, trigger, sha$/,
    ],
    [
      'a GitHub ref that is not a full ref',
      `signatures:\n  identities:\n    - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main\n      github:\n        ref: main\n`,
      9,
      /identities\.0\.github\.ref: "main" is not a full ref; write the full ref, e\.g\. refs\/heads\/main$/,
    ],
    [
      'a workflow with a short ref',
      'signatures:\n  identities:\n    - workflow: acme/shop/.github/workflows/release.yml@main\n',
      7,
      /identities\.0\.workflow: workflow "acme\/shop\/\.github\/workflows\/release\.yml@main" names ref "main", which is not a full ref; .*release\.yml@refs\/heads\/main$/,
    ],
    [
      'a workflow without its ref',
      'signatures:\n  identities:\n    - workflow: acme/shop/.github/workflows/release.yml\n',
      7,
      /workflow: acme\/shop\/\.github\/workflows\/release\.yml@refs\/heads\/main$/,
    ],
    [
      'a workflow with the host',
      `signatures:\n  identities:\n    - workflow: ${RELEASE}\n`,
      7,
      /starts with https:\/\/github\.com\/; write it without the host: workflow: acme\/shop\//,
    ],
    [
      'a workflow beside a subject',
      `signatures:\n  identities:\n    - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main\n      issuer: ${GITHUB_ACTIONS_ISSUER}\n`,
      8,
      /identities\.0\.issuer: workflow already sets the subject and issuer; issuer cannot go with it; leave out issuer/,
    ],
    [
      'a trustedRoot that is neither public-good nor a path',
      'signatures:\n  keys: [ { path: k.pub } ]\n  trustedRoot: tuf\n',
      7,
      /trustedRoot: "tuf" is not a trusted root; write public-good, or \{ path: <TrustedRoot JSON file in the config repo> \}/,
    ],
    [
      'a trustedRoot path outside the config repo',
      'signatures:\n  keys: [ { path: k.pub } ]\n  trustedRoot:\n    path: ../roots/trusted_root.json\n',
      8,
      /trustedRoot\.path: path \.\.\/roots\/trusted_root\.json is outside the config repo; give a path relative to the config repo root/,
    ],
    [
      'a trustedRoot with another field',
      'signatures:\n  keys: [ { path: k.pub } ]\n  trustedRoot: { file: root.json }\n',
      7,
      /unknown field "file" in trustedRoot; did you mean "path"\? allowed here: path$/,
    ],
  ])('refuses %s, naming its line and the fix', (_name, body, line, pattern) => {
    const error = refusal(policy(body));
    expect(error.line).toBe(line);
    expect(error.oneLine()).toMatch(new RegExp(`^\\.slipway\\.yaml:${line}: `));
    expect(error.oneLine()).toMatch(pattern);
  });
});

describe('require.provenance', () => {
  it('reads the source repository (normalised to its URL), the builder and who signed it', () => {
    const parsed = parsePolicy(
      policy(`provenance:
  sourceRepository: acme/shop
  builder: ${RELEASE}
  identities:
    - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main
`),
    );
    expect(findEnvironment(parsed, 'prod').require).toEqual({
      signatures: undefined,
      provenance: {
        sourceRepository: 'https://github.com/acme/shop',
        builder: RELEASE,
        keys: [],
        identities: [{ subject: { exact: RELEASE }, issuer: { exact: GITHUB_ACTIONS_ISSUER } }],
        trustedRoot: { kind: 'public-good' },
        line: 5,
      },
    });
    const byKey = parsePolicy(
      policy(
        'provenance:\n  sourceRepository: https://git.example.com/acme/shop/\n  keys: [ { path: keys/attest.pub } ]\n  trustedRoot: { path: root.json }\n',
      ),
    );
    expect(findEnvironment(byKey, 'prod').require.provenance).toEqual({
      sourceRepository: 'https://git.example.com/acme/shop',
      builder: undefined,
      keys: [{ path: 'keys/attest.pub' }],
      identities: [],
      trustedRoot: { kind: 'path', path: 'root.json', line: 8 },
      line: 5,
    });
    expect(
      findEnvironment(parsePolicy(policy('signatures: { keys: [ { path: k.pub } ] }')), 'prod').require
        .provenance,
    ).toBeUndefined();
  });

  it.each([
    [
      'no source repository',
      'provenance:\n  keys: [ { path: k.pub } ]\n',
      6,
      /"environments\.prod\.require\.provenance\.sourceRepository" is missing; add sourceRepository/,
    ],
    [
      'no signer',
      'provenance:\n  sourceRepository: acme/shop\n',
      6,
      /require\.provenance: needs keys, identities or both: who must have signed the provenance; add identities/,
    ],
    [
      'a source repository that is neither owner/repo nor a URL',
      'provenance:\n  sourceRepository: shop\n  keys: [ { path: k.pub } ]\n',
      6,
      /sourceRepository: "shop" is not a repository; write owner\/repo for github\.com/,
    ],
    [
      'a clone URL',
      'provenance:\n  sourceRepository: https://github.com/acme/shop.git\n  keys: [ { path: k.pub } ]\n',
      6,
      /is a clone URL; write the repository's web URL, without \.git: https:\/\/github\.com\/acme\/shop$/,
    ],
    [
      'a builder that is not a URL',
      'provenance:\n  sourceRepository: acme/shop\n  builder: github-hosted\n  keys: [ { path: k.pub } ]\n',
      7,
      /builder: "github-hosted" is not a builder id; write the builder id as the provenance has it \(runDetails\.builder\.id\)/,
    ],
    [
      'an unknown field, with a suggestion',
      'provenance:\n  source_repository: acme/shop\n  keys: [ { path: k.pub } ]\n',
      6,
      /unknown field "source_repository" in environments\.prod\.require\.provenance; did you mean "sourceRepository"\?/,
    ],
    [
      'a wrong identity inside it',
      'provenance:\n  sourceRepository: acme/shop\n  identities:\n    - subject: x\n',
      8,
      /provenance\.identities\.0: an identity needs issuer or issuerRegExp/,
    ],
  ])('refuses %s, naming its line and the fix', (_name, body, line, pattern) => {
    const error = refusal(policy(body));
    expect(error.line).toBe(line);
    expect(error.oneLine()).toMatch(new RegExp(`^\\.slipway\\.yaml:${line}: `));
    expect(error.oneLine()).toMatch(pattern);
  });
});
