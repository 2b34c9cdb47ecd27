// An IAM policy evaluator for the subset of the policy language Slipway's shipped policies use, so the fakes of
// AWS (the SigV4 git server, the CodeCommit API fake) refuse what AWS would. It follows AWS's evaluation logic
// for identity policies: an explicit Deny in any statement wins, otherwise an Allow is needed, otherwise the
// request is implicitly denied. Anything outside the subset (an unknown condition operator, a policy variable)
// throws instead of being guessed at: a test must never pass because the evaluator ignored a clause.
//
// Semantics, from the IAM reference ("Policy evaluation logic", "Condition operators", "Multivalued context
// keys"):
// - Action/NotAction match case-insensitively with `*` and `?`; Resource/NotResource match case-sensitively.
// - Within a Condition block every operator must hold, within an operator every key, and a key holds when the
//   request's value matches any of the policy's values.
// - A key missing from the request: the condition is false, except for negated operators (StringNotEquals,
//   StringNotLike), which are true; `…IfExists` is true; `Null` tests presence itself.
// - `ForAnyValue:` holds when at least one of the request's values matches (false for a missing or empty key);
//   `ForAllValues:` when every one does (true for a missing or empty key).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A condition context value: single-valued keys carry a string, multivalued keys a list. */
export type ContextValue = string | readonly string[];

/** What is asked of IAM: `codecommit:GitPush` on an ARN, with the request's condition keys. */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys (matched case-insensitively) and their values; absent keys are simply left out. */
  readonly context?: Readonly<Record<string, ContextValue | undefined>>;
}

export type IamDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface IamResult {
  readonly decision: IamDecision;
  /** The Sid (or index) of the deciding statement: the Deny that matched, or the first Allow. */
  readonly statement?: string;
}

/** An IAM policy document (identity policy) as JSON. */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Evaluates `request` against the identity policies attached to the caller (all of them together). */
export function evaluateIam(
  policies: PolicyDocument | readonly PolicyDocument[],
  request: IamRequest,
): IamResult {
  const documents: readonly PolicyDocument[] = Array.isArray(policies)
    ? policies
    : [policies as PolicyDocument];
  const context = normalisedContext(request.context ?? {});
  let allowedBy: string | undefined;
  for (const document of documents) {
    const statements = listOf(document.Statement);
    for (const [index, statement] of statements.entries()) {
      if (!statementApplies(statement, request, context)) continue;
      const name = statement.Sid ?? `Statement[${index}]`;
      if (statement.Effect === 'Deny') return { decision: 'explicit-deny', statement: name };
      if (statement.Effect === 'Allow') allowedBy ??= name;
      else throw new Error(`IAM statement ${name}: Effect must be Allow or Deny`);
    }
  }
  return allowedBy === undefined
    ? { decision: 'implicit-deny' }
    : { decision: 'allow', statement: allowedBy };
}

/** Whether `request` is allowed (no explicit Deny, and an Allow). */
export function iamAllows(
  policies: PolicyDocument | readonly PolicyDocument[],
  request: IamRequest,
): boolean {
  return evaluateIam(policies, request).decision === 'allow';
}

/** The values substituted into a shipped policy's CloudFormation `!Sub` placeholders. */
export interface PolicyPlaceholders {
  readonly partition?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly configRepoName: string;
}

const IAM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'workflows', 'codebuild', 'iam');

/**
 * A policy shipped in `workflows/codebuild/iam/<name>.json` (`promote-git`, `promote-api`, `flux-read-only`),
 * with `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}` and `${ConfigRepoName}` filled in as
 * CloudFormation would. Any other placeholder throws: the test would otherwise evaluate a policy AWS never sees.
 */
export function loadShippedPolicy(name: string, placeholders: PolicyPlaceholders): PolicyDocument {
  const values: Record<string, string> = {
    'AWS::Partition': placeholders.partition ?? 'aws',
    'AWS::Region': placeholders.region ?? 'eu-west-1',
    'AWS::AccountId': placeholders.accountId ?? '123456789012',
    ConfigRepoName: placeholders.configRepoName,
  };
  const text = readFileSync(join(IAM_DIR, `${name}.json`), 'utf8').replace(
    /\$\{([^}]*)\}/g,
    (_, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`${name}.json: no value for the placeholder \${${key}}`);
      return value;
    },
  );
  const document = JSON.parse(text) as PolicyDocument;
  if (document.Version !== '2012-10-17') throw new Error(`${name}.json: Version must be 2012-10-17`);
  return document;
}

/** The ARN of a CodeCommit repository, as IAM sees it. */
export function codeCommitArn(
  repositoryName: string,
  region = 'eu-west-1',
  accountId = '123456789012',
): string {
  return `arn:aws:codecommit:${region}:${accountId}:${repositoryName}`;
}

function statementApplies(
  statement: PolicyStatement,
  request: IamRequest,
  context: ReadonlyMap<string, readonly string[]>,
): boolean {
  const actionMatches = (patterns: string | readonly string[]) =>
    listOf(patterns).some((pattern) => wildcardMatch(pattern, request.action, true));
  if (statement.Action !== undefined && statement.NotAction !== undefined)
    throw new Error('IAM statement has both Action and NotAction');
  if (statement.Action !== undefined) {
    if (!actionMatches(statement.Action)) return false;
  } else if (statement.NotAction !== undefined) {
    if (actionMatches(statement.NotAction)) return false;
  } else throw new Error('IAM statement has neither Action nor NotAction');

  const resourceMatches = (patterns: string | readonly string[]) =>
    listOf(patterns).some((pattern) => wildcardMatch(pattern, request.resource, false));
  if (statement.Resource !== undefined) {
    if (!resourceMatches(statement.Resource)) return false;
  } else if (statement.NotResource !== undefined) {
    if (resourceMatches(statement.NotResource)) return false;
  } else throw new Error('IAM statement has neither Resource nor NotResource');

  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      if (!conditionHolds(operator, listOf(values), context.get(key.toLowerCase()))) return false;
    }
  }
  return true;
}

type Matcher = (requestValue: string, policyValue: string) => boolean;

const MATCHERS: Readonly<Record<string, { match: Matcher; negated: boolean }>> = {
  StringEquals: { match: (a, b) => a === b, negated: false },
  StringNotEquals: { match: (a, b) => a === b, negated: true },
  StringEqualsIgnoreCase: { match: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { match: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: true },
  StringLike: { match: (a, b) => wildcardMatch(b, a, false), negated: false },
  StringNotLike: { match: (a, b) => wildcardMatch(b, a, false), negated: true },
};

function conditionHolds(
  operator: string,
  policyValues: readonly string[],
  requestValues: readonly string[] | undefined,
): boolean {
  const present = requestValues !== undefined && requestValues.length > 0;
  if (operator === 'Null') {
    // `"true"`: the key must be absent; `"false"`: present. Any listed value may hold.
    return policyValues.some((value) => {
      if (value !== 'true' && value !== 'false')
        throw new Error(`Null takes "true" or "false", not ${value}`);
      return (value === 'true') === !present;
    });
  }
  const parsed = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
  const name = parsed?.[2] ?? '';
  const matcher = MATCHERS[name];
  if (parsed === null || matcher === undefined)
    throw new Error(`unsupported IAM condition operator ${operator}`);
  const qualifier = parsed[1];
  const ifExists = parsed[3] !== undefined;

  // One request value against the policy's values: a positive operator holds when any policy value matches, a
  // negated one when none does.
  const valueHolds = (value: string) => {
    const matched = policyValues.some((policyValue) => matcher.match(value, policyValue));
    return matcher.negated ? !matched : matched;
  };

  if (!present) {
    if (ifExists) return true;
    if (qualifier === 'ForAnyValue') return false;
    if (qualifier === 'ForAllValues') return true;
    return matcher.negated;
  }
  if (qualifier === 'ForAnyValue') return requestValues.some(valueHolds);
  if (qualifier === 'ForAllValues') return requestValues.every(valueHolds);
  if (requestValues.length > 1)
    throw new Error(`${operator} on a multivalued key needs ForAnyValue: or ForAllValues:`);
  return valueHolds(requestValues[0] ?? '');
}

/** IAM's wildcard match: `*` any run of characters (none included), `?` exactly one. */
function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (/\$\{/.test(pattern)) throw new Error(`IAM policy variables are not supported: ${pattern}`);
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function normalisedContext(
  context: Readonly<Record<string, ContextValue | undefined>>,
): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined) continue;
    map.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  return map;
}

function listOf<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
