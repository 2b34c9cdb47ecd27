// Who signed, for keyless signatures: the identity a Fulcio certificate binds (its subject and the OIDC
// issuer that vouched for it, plus GitHub's workflow extensions), and the rules a verifier or the policy
// holds it to. No sigstore-js here: this module is loaded by the policy parser and the gate on every run.

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** A value that must equal `exact`, or match `regexp` (unanchored, as cosign's `-regexp` flags). */
export type TextRule = { readonly exact: string } | { readonly regexp: string };

/**
 * What a certificate must say, as cosign's flags put it: `--certificate-identity[-regexp]`,
 * `--certificate-oidc-issuer[-regexp]` and the optional `--certificate-github-workflow-*` extensions.
 */
export interface IdentityRequirement {
  readonly subject: TextRule;
  readonly issuer: TextRule;
  /** GitHub's certificate extensions; each given one must equal the certificate's. */
  readonly github?: GitHubExtensionsRule | undefined;
}

export interface GitHubExtensionsRule {
  /** `owner/repo` the workflow ran in (Fulcio OID 1.3.6.1.4.1.57264.1.5, or 1.12 without `https://github.com/`). */
  readonly repository?: string | undefined;
  /** The ref the run was for, `refs/heads/main` (OID 1.14, or 1.6). */
  readonly ref?: string | undefined;
  /** The workflow's name (OID 1.4). */
  readonly workflow?: string | undefined;
  /** The event that triggered the run, `push` (OID 1.20, or 1.2). */
  readonly trigger?: string | undefined;
  /** The commit the run built (OID 1.13, or 1.3). */
  readonly sha?: string | undefined;
}

/** What a verified certificate says. */
export interface CertificateIdentity {
  /** The subject alternative name: a URI (GitHub: `https://github.com/<job_workflow_ref>`) or an email. */
  readonly subject: string;
  /** The OIDC issuer (OID 1.3.6.1.4.1.57264.1.8, or the legacy 1.1). */
  readonly issuer: string;
  readonly github: {
    readonly repository?: string | undefined;
    readonly ref?: string | undefined;
    readonly workflow?: string | undefined;
    readonly trigger?: string | undefined;
    readonly sha?: string | undefined;
  };
}

/** A regular expression from a flag or the policy is bounded: long patterns are refused where they enter. */
export const MAX_IDENTITY_PATTERN_LENGTH = 1024;

/** The `subject` and `issuer` a GitHub Actions workflow gets: `owner/repo/.github/workflows/x.yml@ref`. */
export function githubWorkflowIdentity(workflowRef: string): IdentityRequirement {
  return {
    subject: { exact: `https://github.com/${workflowRef}` },
    issuer: { exact: GITHUB_ACTIONS_ISSUER },
  };
}

/** Undefined when `identity` satisfies `requirement`; else why not, in words. */
export function identityMismatch(
  requirement: IdentityRequirement,
  identity: CertificateIdentity,
): string | undefined {
  const subject = textMismatch('subject', requirement.subject, identity.subject);
  if (subject !== undefined) return subject;
  const issuer = textMismatch('issuer', requirement.issuer, identity.issuer);
  if (issuer !== undefined) return issuer;
  const github = requirement.github;
  if (github === undefined) return undefined;
  for (const field of ['repository', 'ref', 'workflow', 'trigger', 'sha'] as const) {
    const wanted = github[field];
    if (wanted === undefined) continue;
    const found = identity.github[field];
    if (found !== wanted) {
      return `the certificate's GitHub ${field} is ${found === undefined ? 'absent' : `"${found}"`}, not "${wanted}"`;
    }
  }
  return undefined;
}

function textMismatch(what: string, rule: TextRule, value: string): string | undefined {
  if ('exact' in rule) {
    return value === rule.exact ? undefined : `the certificate's ${what} is "${value}", not "${rule.exact}"`;
  }
  return new RegExp(rule.regexp, 'u').test(value)
    ? undefined
    : `the certificate's ${what} "${value}" does not match /${rule.regexp}/`;
}

/** How a requirement reads in messages: `subject … from issuer …`. */
export function describeRequirement(requirement: IdentityRequirement): string {
  const text = (rule: TextRule) => ('exact' in rule ? rule.exact : `/${rule.regexp}/`);
  const extensions = Object.entries(requirement.github ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return `${text(requirement.subject)} from ${text(requirement.issuer)}${extensions.length > 0 ? ` (${extensions.join(', ')})` : ''}`;
}

/**
 * The `Slipway-Verified-By` form of a keyless signer: `<subject> (<issuer>)`. Subjects and issuers are URIs or
 * emails (no spaces), so the claim parses back with {@link parseVerifiedIdentity}.
 */
export function verifiedByIdentity(identity: Pick<CertificateIdentity, 'subject' | 'issuer'>): string {
  return `${identity.subject} (${identity.issuer})`;
}

/** The subject and issuer of a `Slipway-Verified-By` identity claim; undefined for a key fingerprint. */
export function parseVerifiedIdentity(
  claim: string,
): Pick<CertificateIdentity, 'subject' | 'issuer'> | undefined {
  const match = /^(\S+) \((\S+)\)$/u.exec(claim.trim());
  if (match === null || match[1] === undefined || match[2] === undefined) return undefined;
  return { subject: match[1], issuer: match[2] };
}

/**
 * Why a `-regexp` pattern (from a flag or the policy) cannot be used, or undefined: it must be at most
 * {@link MAX_IDENTITY_PATTERN_LENGTH} characters and compile as the `u` expression {@link identityMismatch} runs.
 */
export function identityPatternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_IDENTITY_PATTERN_LENGTH) {
    return `the pattern is ${pattern.length} characters, more than the ${MAX_IDENTITY_PATTERN_LENGTH} allowed`;
  }
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return `the pattern does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
}
