// Who may have signed, as `.slipway.yaml` names it: keyless identities in cosign's words (issuer, subject,
// their -RegExp forms, the `workflow` shorthand), the trusted root their certificates chain to, and the
// source repository provenance must come from. Each is checked and turned into its typed value here, once;
// every issue carries the fix (`params.fix`) that `.slipway.yaml`'s error line shows.

import { z } from 'zod';
import {
  GITHUB_ACTIONS_ISSUER,
  type GitHubExtensionsRule,
  githubWorkflowIdentity,
  type IdentityRequirement,
  MAX_IDENTITY_PATTERN_LENGTH,
  type TextRule,
} from './sigstore/identity.js';

/**
 * The root keyless certificates, logs and timestamps are checked against: Sigstore's public-good instance
 * (through its TUF repository), or a TrustedRoot JSON file of the config repo, read from the same ref as the
 * policy (`line`: where the policy names it).
 */
export type PolicyTrustedRoot =
  | { readonly kind: 'public-good' }
  | { readonly kind: 'path'; readonly path: string; readonly line: number };

type Issue = (message: string, fix: string, path?: (string | number)[]) => void;

/** Adds an issue with its fix, the form `.slipway.yaml`'s errors show. */
function reporter(context: z.RefinementCtx): Issue {
  return (message, fix, path = []) => context.addIssue({ code: 'custom', path, message, params: { fix } });
}

/** `owner/repo/.github/workflows/<file>@<ref>`: GitHub's `job_workflow_ref`, the subject without its host. */
const WORKFLOW_RE = /^[^/\s@]+\/[^/\s@]+\/\.github\/workflows\/[^\s@]+@\S+$/u;
const GIT_REF_RE = /^(?:refs\/\S+|[0-9a-f]{40}|[0-9a-f]{64})$/u;
const OWNER_REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/u;

const githubSchema = z
  .strictObject({
    repository: z.string().min(1).optional(),
    ref: z.string().min(1).optional(),
    workflow: z.string().min(1).optional(),
    trigger: z.string().min(1).optional(),
    sha: z.string().min(1).optional(),
  })
  .transform((github, context): GitHubExtensionsRule => {
    const issue = reporter(context);
    if (Object.values(github).every((value) => value === undefined)) {
      issue(
        'an empty github mapping checks nothing',
        'name at least one of repository, ref, workflow, trigger, sha, or leave github out',
      );
    }
    if (github.repository !== undefined && !OWNER_REPO_RE.test(github.repository)) {
      issue(
        `"${github.repository}" is not owner/repo`,
        `write the repository as owner/repo, e.g. ${github.repository.replace(/^https?:\/\/[^/]+\//u, '') || 'acme/shop'}`,
        ['repository'],
      );
    }
    if (github.ref !== undefined && !github.ref.startsWith('refs/')) {
      issue(`"${github.ref}" is not a full ref`, `write the full ref, e.g. refs/heads/${github.ref}`, [
        'ref',
      ]);
    }
    if (github.sha !== undefined && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/u.test(github.sha)) {
      issue(`"${github.sha}" is not a full commit id`, 'write the 40 hex digits of the commit', ['sha']);
    }
    return github;
  });

/**
 * One keyless signer: exactly one of `subject`/`subjectRegExp` and of `issuer`/`issuerRegExp`, or the
 * `workflow` shorthand (GitHub's issuer and `https://github.com/<workflow>`), plus optional `github`
 * certificate extensions. Patterns are bounded and compiled here, so a policy never fails on one later.
 */
export const signerIdentitySchema = z
  .strictObject({
    issuer: z.string().min(1).optional(),
    issuerRegExp: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    subjectRegExp: z.string().min(1).optional(),
    workflow: z.string().min(1).optional(),
    github: githubSchema.optional(),
  })
  .transform((identity, context): IdentityRequirement => {
    const issue = reporter(context);
    const github = identity.github === undefined ? {} : { github: identity.github };
    if (identity.workflow !== undefined) {
      const alongside = (['issuer', 'issuerRegExp', 'subject', 'subjectRegExp'] as const).filter(
        (field) => identity[field] !== undefined,
      );
      if (alongside.length > 0) {
        issue(
          `workflow already sets the subject and issuer; ${alongside.join(' and ')} cannot go with it`,
          `leave out ${alongside.join(' and ')}, or drop workflow and write subject and issuer in full`,
          [alongside[0] ?? 'workflow'],
        );
        return z.NEVER;
      }
      const workflow = checkWorkflow(identity.workflow, issue);
      return workflow === undefined ? z.NEVER : { ...githubWorkflowIdentity(workflow), ...github };
    }
    const subject = textRule(identity, 'subject', issue);
    const issuerRule = textRule(identity, 'issuer', issue);
    if (subject === undefined || issuerRule === undefined) return z.NEVER;
    return { subject, issuer: issuerRule, ...github };
  });

function checkWorkflow(workflow: string, issue: Issue): string | undefined {
  const bare = workflow.replace(/^https:\/\/github\.com\//u, '');
  if (bare !== workflow) {
    issue(
      `workflow "${workflow}" starts with https://github.com/`,
      `write it without the host: workflow: ${bare} (for another host, write subject and issuer in full)`,
      ['workflow'],
    );
    return undefined;
  }
  if (!WORKFLOW_RE.test(workflow)) {
    const atRef = workflow.includes('@') ? '' : '@refs/heads/main';
    issue(
      `workflow "${workflow}" is not <owner>/<repo>/.github/workflows/<file>@<ref>`,
      `write e.g. workflow: ${workflow.includes('.github/workflows/') ? workflow : 'acme/shop/.github/workflows/release.yml'}${atRef}`,
      ['workflow'],
    );
    return undefined;
  }
  const ref = workflow.slice(workflow.lastIndexOf('@') + 1);
  if (!GIT_REF_RE.test(ref)) {
    issue(
      `workflow "${workflow}" names ref "${ref}", which is not a full ref`,
      `write the full ref as GitHub puts it in the certificate, e.g. ${workflow.slice(0, workflow.lastIndexOf('@'))}@refs/heads/${ref}`,
      ['workflow'],
    );
    return undefined;
  }
  return workflow;
}

function textRule(
  identity: { readonly [field: string]: unknown },
  field: 'subject' | 'issuer',
  issue: Issue,
): TextRule | undefined {
  const pattern = `${field}RegExp`;
  const exact = identity[field];
  const regexp = identity[pattern];
  if (typeof exact === 'string' && typeof regexp === 'string') {
    issue(`give ${field} or ${pattern}, not both`, `keep one of ${field} and ${pattern}`, [pattern]);
    return undefined;
  }
  if (typeof exact === 'string') return { exact };
  if (typeof regexp !== 'string') {
    const example =
      field === 'issuer'
        ? `issuer: ${GITHUB_ACTIONS_ISSUER}`
        : 'subject: https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';
    issue(
      `an identity needs ${field} or ${pattern}`,
      `add e.g. ${example} (or the shorthand workflow: <owner>/<repo>/.github/workflows/<file>@<ref>)`,
    );
    return undefined;
  }
  if (regexp.length > MAX_IDENTITY_PATTERN_LENGTH) {
    issue(
      `${pattern} is ${regexp.length} characters, more than ${MAX_IDENTITY_PATTERN_LENGTH}`,
      `shorten the pattern, or list the identities one by one with ${field}`,
      [pattern],
    );
    return undefined;
  }
  try {
    // The flag matches identity.ts, which tests the pattern the same way.
    new RegExp(regexp, 'u');
  } catch (error) {
    issue(
      `${pattern} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      'fix the pattern (JavaScript syntax with the u flag; quote it in YAML with single quotes so \\ stays as written)',
      [pattern],
    );
    return undefined;
  }
  return { regexp };
}

/** `trustedRoot:` read before its line is known; {@link PolicyTrustedRoot} once the parser adds it. */
export type TrustedRootField =
  | { readonly kind: 'public-good' }
  | { readonly kind: 'path'; readonly path: string };

const TRUSTED_ROOT_FIX =
  'write public-good, or { path: <TrustedRoot JSON file in the config repo> } (e.g. { path: sigstore/trusted_root.json })';

export const trustedRootSchema = z.unknown().transform((value, context): TrustedRootField => {
  const issue = reporter(context);
  if (value === 'public-good') return { kind: 'public-good' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issue(
      value === null || value === undefined ? 'no value' : `${JSON.stringify(value)} is not a trusted root`,
      TRUSTED_ROOT_FIX,
    );
    return z.NEVER;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'path') {
      issue(
        `unknown field "${key}" in trustedRoot`,
        `${key.toLowerCase() === 'file' ? 'did you mean "path"? ' : ''}allowed here: path`,
        [key],
      );
      return z.NEVER;
    }
  }
  const path = fields.path;
  if (typeof path !== 'string' || path === '') {
    issue('trustedRoot needs path', TRUSTED_ROOT_FIX, path === undefined ? [] : ['path']);
    return z.NEVER;
  }
  const clean = path.replace(/^\.\//u, '');
  if (clean.startsWith('/') || clean.split('/').includes('..') || /^[A-Za-z]:[\\/]/u.test(clean)) {
    issue(
      `path ${path} is outside the config repo`,
      'give a path relative to the config repo root, with no "..": the file is read from the same commit as the policy',
      ['path'],
    );
    return z.NEVER;
  }
  return { kind: 'path', path: clean };
});

/**
 * `owner/repo` (on github.com) or the repository's URL, normalised to the URL the GitHub workflow build type
 * writes (`externalParameters.workflow.repository`): `https://github.com/acme/shop`.
 */
export const sourceRepositorySchema = z.string().transform((value, context): string => {
  const issue = reporter(context);
  const trimmed = value.trim().replace(/\/+$/u, '');
  if (OWNER_REPO_RE.test(trimmed)) return `https://github.com/${trimmed}`;
  const url = /^https?:\/\/[^/\s@]+(?:\/[^/\s]+)*\/[^/\s]+\/[^/\s]+$/u.test(trimmed) ? trimmed : undefined;
  if (url === undefined) {
    issue(
      `"${value}" is not a repository`,
      'write owner/repo for github.com (acme/shop), or the repository URL (https://github.example.com/acme/shop)',
    );
    return z.NEVER;
  }
  if (url.endsWith('.git')) {
    issue(
      `"${value}" is a clone URL`,
      `write the repository's web URL, without .git: ${url.slice(0, -'.git'.length)}`,
    );
    return z.NEVER;
  }
  return url;
});

export const builderSchema = z.string().transform((value, context): string => {
  if (/^https:\/\/\S+$/u.test(value)) return value;
  reporter(context)(
    `"${value}" is not a builder id`,
    'write the builder id as the provenance has it (runDetails.builder.id), a URL such as https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
  );
  return z.NEVER;
});
