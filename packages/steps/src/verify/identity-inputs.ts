// cosign's keyless flags turned into one typed identity requirement, checked where they enter: a subject
// needs an issuer and the reverse (as cosign), exact and regexp forms exclude each other, patterns compile.

import { SlipwayError } from '@slipway/errors';
// The identity module alone (no sigstore-js, no key handling): every command parses its inputs up front.
import { type IdentityRequirement, identityPatternProblem, type TextRule } from '@slipway/sign/identity';

export interface IdentityInputs {
  readonly 'certificate-identity': string | undefined;
  readonly 'certificate-identity-regexp': string | undefined;
  readonly 'certificate-oidc-issuer': string | undefined;
  readonly 'certificate-oidc-issuer-regexp': string | undefined;
  readonly 'certificate-github-workflow-repository': string | undefined;
  readonly 'certificate-github-workflow-ref': string | undefined;
  readonly 'certificate-github-workflow-name': string | undefined;
  readonly 'certificate-github-workflow-trigger': string | undefined;
  readonly 'certificate-github-workflow-sha': string | undefined;
}

/** The requirement the flags describe, or undefined when none is given. */
export function identityFromInputs(values: IdentityInputs): IdentityRequirement | undefined {
  const subject = textRule(values, 'certificate-identity');
  const issuer = textRule(values, 'certificate-oidc-issuer');
  const github = {
    repository: values['certificate-github-workflow-repository'],
    ref: values['certificate-github-workflow-ref'],
    workflow: values['certificate-github-workflow-name'],
    trigger: values['certificate-github-workflow-trigger'],
    sha: values['certificate-github-workflow-sha'],
  };
  const hasGithub = Object.values(github).some((value) => value !== undefined);
  if (subject === undefined && issuer === undefined) {
    if (hasGithub) {
      throw new SlipwayError(
        'the --certificate-github-workflow-* flags narrow an identity, and none is given',
        {
          fix: 'give --certificate-identity (or -regexp) and --certificate-oidc-issuer (or -regexp) as well',
        },
      );
    }
    return undefined;
  }
  if (subject === undefined || issuer === undefined) {
    throw new SlipwayError(
      `a certificate identity needs both a subject and an OIDC issuer; ${subject === undefined ? '--certificate-identity' : '--certificate-oidc-issuer'} is missing`,
      {
        fix:
          subject === undefined
            ? 'give --certificate-identity <subject> or --certificate-identity-regexp <pattern>'
            : 'give --certificate-oidc-issuer <url> (GitHub Actions: https://token.actions.githubusercontent.com) or --certificate-oidc-issuer-regexp',
      },
    );
  }
  return hasGithub ? { subject, issuer, github } : { subject, issuer };
}

function textRule(
  values: IdentityInputs,
  name: 'certificate-identity' | 'certificate-oidc-issuer',
): TextRule | undefined {
  const exact = values[name];
  const regexp = values[`${name}-regexp`];
  if (exact !== undefined && regexp !== undefined) {
    throw new SlipwayError(`--${name} and --${name}-regexp exclude each other`, {
      fix: `give one of them: the exact value, or a pattern`,
    });
  }
  if (regexp !== undefined) {
    const problem = identityPatternProblem(regexp);
    if (problem !== undefined) {
      throw new SlipwayError(`--${name}-regexp: ${problem}`, {
        fix: 'give a shorter, valid regular expression',
      });
    }
    return { regexp };
  }
  return exact === undefined ? undefined : { exact };
}
