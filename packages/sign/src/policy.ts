// `.slipway.yaml`: the config repo owners' policy. Environments in promotion order, how each is written
// (branch, path, push or pull request) and what an image needs to enter it (signatures by which keys,
// identity rule). Parsed strictly; every error names the file, the line and the fix.

import { configYamlToJS, parseConfigYaml } from '@slipway/config-yaml';
import { SlipwayError } from '@slipway/errors';
import { parseReference } from '@slipway/oci';
import { isMap, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import { z } from 'zod';
import { isKmsUri, type KmsOptions, parseKmsUri } from './keys/kms.js';
import { loadVerifier } from './keys/load.js';
import type { Verifier } from './keys/types.js';
import {
  builderSchema,
  type PolicyTrustedRoot,
  signerIdentitySchema,
  sourceRepositorySchema,
  type TrustedRootField,
  trustedRootSchema,
} from './policy-signers.js';
import type { IdentityRequirement } from './sigstore/identity.js';
import type { IdentityRule } from './verify.js';

export type { PolicyTrustedRoot } from './policy-signers.js';

export const POLICY_FILE = '.slipway.yaml';

/** A trusted key as the policy names it; `path` is read from the config repo. */
export type PolicyKey = { readonly path: string } | { readonly pem: string } | { readonly kms: string };

/**
 * Who must have signed an image: any one of `keys`, or a keyless certificate matching any one of `identities`
 * (at least one of the two lists is non-empty), checked against `trustedRoot`.
 */
export interface SignatureRequirement {
  readonly keys: readonly PolicyKey[];
  readonly identities: readonly IdentityRequirement[];
  /** Default `public-good`. */
  readonly trustedRoot: PolicyTrustedRoot;
  /** Which image name a simple-signing payload must carry. */
  readonly identity: IdentityRule;
}

/**
 * The image needs a signed SLSA provenance v1 attestation built from `sourceRepository` (by `builder`, when
 * given), signed by one of `keys` or `identities` (at least one of them non-empty).
 */
export interface ProvenanceRequirement {
  /** The repository's URL as the GitHub workflow build type writes it: `https://github.com/acme/shop`. */
  readonly sourceRepository: string;
  /** `runDetails.builder.id`, compared exactly; undefined: any builder. */
  readonly builder: string | undefined;
  readonly keys: readonly PolicyKey[];
  readonly identities: readonly IdentityRequirement[];
  /** Default `public-good`. */
  readonly trustedRoot: PolicyTrustedRoot;
  /** 1-based line of `provenance:` in the file. */
  readonly line: number;
}

/**
 * Whether `promote --override-pin` may promote an image over a rollback's pin (`.slipway/pins.yaml`):
 * `allowed` (the default, when the policy is silent), `never` (only `slipway unpin` lifts a pin), or only for
 * the listed images (normalised repositories). Nothing ever overrides a pin without the flag.
 */
export type PinOverride = 'allowed' | 'never' | { readonly images: readonly string[] };

/**
 * The pin override that applies to an environment, with the field that decided it
 * (`environments.<env>.pins.override` or `pins.override`) and its 1-based line. Only `allowed` can come from
 * no field at all: the default when the policy is silent.
 */
export type PinPolicy =
  | { readonly override: 'allowed'; readonly field: string | undefined; readonly line: number | undefined }
  | {
      readonly override: Exclude<PinOverride, 'allowed'>;
      readonly field: string;
      readonly line: number | undefined;
    };

export interface Environment {
  readonly name: string;
  /** Default `env/<name>`. */
  readonly branch: string;
  /** A directory inside the branch, when the environment lives in one (`apps/`). */
  readonly path: string | undefined;
  /** The environment images must come from, listed earlier. */
  readonly promoteFrom: string | undefined;
  /** Default `push`. */
  readonly mode: 'push' | 'pull-request';
  /** Whether `--force` may skip the `promoteFrom` check. Default false. */
  readonly allowForce: boolean;
  readonly require: {
    readonly signatures: SignatureRequirement | undefined;
    readonly provenance: ProvenanceRequirement | undefined;
  };
  /** Who may override a rollback's pin here: the environment's `pins`, else the top-level `pins`, else allowed. */
  readonly pins: PinPolicy;
  /** What its pull requests must carry (pull-request mode). */
  readonly pullRequest: {
    /**
     * The CodeCommit approval-rule template whose rule each pull request into this environment carries, with the
     * 1-based line that names it.
     */
    readonly approvalRuleTemplate: { readonly name: string; readonly line: number } | undefined;
  };
  /** 1-based line of the environment's key in the file. */
  readonly line: number;
}

export interface Policy {
  readonly version: 1;
  /** In file order, which is promotion order. */
  readonly environments: readonly Environment[];
  readonly file: string;
}

export class PolicyError extends SlipwayError {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | undefined,
    fix: string,
  ) {
    super(message, { where: line === undefined ? { file } : { file, line }, fix });
    this.name = 'PolicyError';
  }
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const keySchema = z
  .strictObject({
    path: z.string().min(1).optional(),
    pem: z.string().min(1).optional(),
    kms: z.string().min(1).optional(),
  })
  .superRefine((key, context) => {
    const given = (['path', 'pem', 'kms'] as const).filter((field) => key[field] !== undefined);
    if (given.length !== 1) {
      context.addIssue({ code: 'custom', message: 'a key needs exactly one of path, pem or kms' });
      return;
    }
    if (key.kms !== undefined) {
      if (!isKmsUri(key.kms))
        context.addIssue({ code: 'custom', path: ['kms'], message: 'kms must start with awskms://' });
      else {
        try {
          parseKmsUri(key.kms);
        } catch (error) {
          context.addIssue({
            code: 'custom',
            path: ['kms'],
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }
    if (key.pem !== undefined && !key.pem.includes('-----BEGIN PUBLIC KEY-----')) {
      context.addIssue({
        code: 'custom',
        path: ['pem'],
        message: 'pem must hold a -----BEGIN PUBLIC KEY----- block',
      });
    }
  });

const identitySchema = z
  .strictObject({
    rule: z.enum(['matchRepository', 'exactRepository', 'exactReference']),
    repository: z.string().optional(),
    reference: z.string().optional(),
  })
  .superRefine((identity, context) => {
    const needs =
      identity.rule === 'exactRepository'
        ? 'repository'
        : identity.rule === 'exactReference'
          ? 'reference'
          : undefined;
    for (const field of ['repository', 'reference'] as const) {
      if (field === needs && identity[field] === undefined) {
        context.addIssue({ code: 'custom', path: [], message: `rule ${identity.rule} needs "${field}"` });
      } else if (field !== needs && identity[field] !== undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `"${field}" does not go with rule ${identity.rule}`,
        });
      }
    }
    const value = needs === undefined ? undefined : identity[needs];
    if (value !== undefined) {
      try {
        const ref = parseReference(value);
        if (needs === 'repository' && (ref.tag !== undefined || ref.digest !== undefined)) {
          context.addIssue({ code: 'custom', path: [needs], message: 'a repository takes no tag or digest' });
        }
      } catch (error) {
        context.addIssue({
          code: 'custom',
          path: [needs ?? ''],
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  });

const PIN_OVERRIDE_FIX =
  'write allowed, never, or a list of image repositories (e.g. [registry.example.com/shop/cart])';

/**
 * `allowed`, `never`, or a list of repositories without tag or digest, read into a {@link PinOverride} (the
 * list normalised) as it is checked. Checked by hand for precise errors.
 */
const pinOverrideSchema = z.unknown().transform((value, context): PinOverride => {
  const issue = (message: string, fix: string, path: (string | number)[] = []) =>
    context.addIssue({ code: 'custom', path, message, params: { fix } });
  if (value === 'allowed' || value === 'never') return value;
  if (typeof value === 'boolean') {
    issue(
      `${String(value)} is not a value here`,
      `write ${value ? 'allowed' : 'never'} (or a list of image repositories)`,
    );
    return z.NEVER;
  }
  if (!Array.isArray(value)) {
    issue(
      value === null || value === undefined ? 'no value' : `${JSON.stringify(value)} is not a value here`,
      PIN_OVERRIDE_FIX,
    );
    return z.NEVER;
  }
  if (value.length === 0) {
    issue('an empty list lets no image be overridden', 'write never, or list the image repositories');
    return z.NEVER;
  }
  const repositories = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item === '') {
      issue(
        'an image repository must be a string',
        'write the repository, e.g. registry.example.com/shop/cart',
        [index],
      );
      return;
    }
    try {
      const ref = parseReference(item);
      repositories.add(ref.repository);
      if (ref.tag !== undefined || ref.digest !== undefined) {
        issue(
          `${item}: a repository takes no tag or digest`,
          `write ${item.replace(/@.*$/, '').replace(/:[^:/]*$/, '')}`,
          [index],
        );
      }
    } catch (error) {
      issue(
        error instanceof Error ? error.message : String(error),
        'write the repository, e.g. registry.example.com/shop/cart',
        [index],
      );
    }
  });
  return { images: [...repositories] };
});

const pinsSchema = z.strictObject({ override: pinOverrideSchema.optional() });

/** `keys` and `identities` beside each other: either or both, never neither (`what`: said after the refusal). */
function requireSigners(what: string) {
  return (
    signers: { keys?: readonly unknown[] | undefined; identities?: readonly unknown[] | undefined },
    context: z.RefinementCtx,
  ) => {
    if (signers.keys === undefined && signers.identities === undefined) {
      context.addIssue({
        code: 'custom',
        path: [],
        message: `needs keys, identities or both${what}`,
        params: {
          fix: 'add identities (e.g. - workflow: acme/shop/.github/workflows/release.yml@refs/heads/main) or keys (e.g. - path: keys/release.pub)',
        },
      });
    }
  };
}

const signerFields = {
  keys: z.array(keySchema).min(1, 'list at least one key').optional(),
  identities: z.array(signerIdentitySchema).min(1, 'list at least one identity').optional(),
  trustedRoot: trustedRootSchema.optional(),
};

const signaturesSchema = z
  .strictObject({ ...signerFields, identity: identitySchema.optional() })
  .superRefine(requireSigners(''));

const provenanceSchema = z
  .strictObject({
    sourceRepository: sourceRepositorySchema,
    builder: builderSchema.optional(),
    ...signerFields,
  })
  .superRefine(requireSigners(': who must have signed the provenance'));

const environmentSchema = z.strictObject({
  branch: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  promoteFrom: z.string().min(1).optional(),
  mode: z.enum(['push', 'pull-request']).optional(),
  allowForce: z.boolean().optional(),
  pins: pinsSchema.optional(),
  pullRequest: z
    .strictObject({
      // CodeCommit's own bounds for a template name.
      approvalRuleTemplate: z
        .string()
        .min(1)
        .max(100, 'an approval-rule template name has at most 100 characters'),
    })
    .optional(),
  require: z
    .strictObject({
      signatures: signaturesSchema.optional(),
      provenance: provenanceSchema.optional(),
    })
    .optional(),
});

const policySchema = z.strictObject({
  version: z.literal(1, 'version must be 1'),
  pins: pinsSchema.optional(),
  environments: z.record(z.string(), environmentSchema.nullable()),
});

/** Parses `.slipway.yaml` text; throws {@link PolicyError} with `file:line` and the fix. */
export function parsePolicy(text: string, options: { file?: string } = {}): Policy {
  const file = options.file ?? POLICY_FILE;
  const lineCounter = new LineCounter();
  const document = parseConfigYaml(file, text, { lineCounter });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new PolicyError(
      `not valid YAML: ${yamlError.message.split('\n')[0]}`,
      file,
      lineAt(yamlError.pos[0]),
      'fix the YAML syntax at that line',
    );
  }
  const data: unknown = configYamlToJS(file, text, document);
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    // An unknown field first: a misspelt one also reads as a missing one, and its name is the better clue.
    const issue =
      parsed.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ??
      parsed.error.issues[0];
    if (issue === undefined) throw new PolicyError('invalid policy', file, undefined, 'see docs/policy.md');
    const { line, message, fix } = describeIssue(issue, document.contents, lineAt);
    throw new PolicyError(message, file, line, fix);
  }
  const environments: Environment[] = [];
  const names = Object.keys(parsed.data.environments);
  if (names.length === 0)
    throw new PolicyError(
      'no environments are defined',
      file,
      lineAt(nodeAt(document.contents, ['environments'])?.range?.[0]),
      'list at least one environment under "environments:"',
    );
  const pinsAt = (
    path: (string | number)[],
    field: string,
    value: PinOverride | undefined,
  ): PinPolicy | undefined =>
    value === undefined
      ? undefined
      : {
          override: value,
          field,
          line: lineAt(keyNodeAt(document.contents, path)?.range?.[0]),
        };
  const defaultPins: PinPolicy = pinsAt(
    ['pins', 'override'],
    'pins.override',
    parsed.data.pins?.override,
  ) ?? {
    override: 'allowed',
    field: undefined,
    line: undefined,
  };
  for (const name of names) {
    const keyLine = lineAt(keyNodeAt(document.contents, ['environments', name])?.range?.[0]) ?? 1;
    const at = (path: (string | number)[]) =>
      lineAt(nodeAt(document.contents, ['environments', name, ...path])?.range?.[0]) ?? keyLine;
    if (!NAME_RE.test(name)) {
      throw new PolicyError(
        `environment name "${name}" is not valid`,
        file,
        keyLine,
        'use lowercase letters, digits, ".", "_" and "-" (e.g. staging)',
      );
    }
    const spec = parsed.data.environments[name] ?? {};
    const from = spec.promoteFrom;
    if (from !== undefined && !environments.some((env) => env.name === from)) {
      const later = names.includes(from);
      throw new PolicyError(
        later
          ? `environment "${name}" promotes from "${from}", which comes later (or is itself): that is a cycle`
          : `environment "${name}" promotes from "${from}", which is not defined`,
        file,
        at(['promoteFrom']),
        later
          ? `list "${from}" before "${name}": environments are written in promotion order`
          : `use one of: ${environments.map((env) => env.name).join(', ') || '(no earlier environment)'}`,
      );
    }
    const branch = spec.branch ?? `env/${name}`;
    const clash = environments.find((env) => env.branch === branch && (env.path ?? '') === (spec.path ?? ''));
    if (clash !== undefined) {
      throw new PolicyError(
        `environments "${clash.name}" and "${name}" both write branch ${branch}${spec.path === undefined ? '' : ` path ${spec.path}`}`,
        file,
        keyLine,
        'give each environment its own branch or path',
      );
    }
    const signatures = spec.require?.signatures;
    const provenance = spec.require?.provenance;
    const trustedRootAt = (
      field: TrustedRootField | undefined,
      requirement: 'signatures' | 'provenance',
    ): PolicyTrustedRoot =>
      field === undefined || field.kind === 'public-good'
        ? { kind: 'public-good' }
        : { ...field, line: at(['require', requirement, 'trustedRoot', 'path']) };
    environments.push({
      name,
      branch,
      path: spec.path,
      promoteFrom: from,
      mode: spec.mode ?? 'push',
      allowForce: spec.allowForce ?? false,
      pins:
        pinsAt(
          ['environments', name, 'pins', 'override'],
          `environments.${name}.pins.override`,
          spec.pins?.override,
        ) ?? defaultPins,
      pullRequest: {
        approvalRuleTemplate:
          spec.pullRequest?.approvalRuleTemplate === undefined
            ? undefined
            : {
                name: spec.pullRequest.approvalRuleTemplate,
                line: at(['pullRequest', 'approvalRuleTemplate']),
              },
      },
      require: {
        signatures:
          signatures === undefined
            ? undefined
            : {
                keys: (signatures.keys ?? []).map(toPolicyKey),
                identities: signatures.identities ?? [],
                trustedRoot: trustedRootAt(signatures.trustedRoot, 'signatures'),
                identity: toIdentityRule(signatures.identity),
              },
        provenance:
          provenance === undefined
            ? undefined
            : {
                sourceRepository: provenance.sourceRepository,
                builder: provenance.builder,
                keys: (provenance.keys ?? []).map(toPolicyKey),
                identities: provenance.identities ?? [],
                trustedRoot: trustedRootAt(provenance.trustedRoot, 'provenance'),
                line:
                  lineAt(
                    keyNodeAt(document.contents, ['environments', name, 'require', 'provenance'])?.range?.[0],
                  ) ?? keyLine,
              },
      },
      line: keyLine,
    });
  }
  return { version: 1, environments, file };
}

/** The environment named `name`, or a PolicyError listing the defined ones. */
export function findEnvironment(policy: Policy, name: string): Environment {
  const found = policy.environments.find((env) => env.name === name);
  if (found !== undefined) return found;
  throw new PolicyError(
    `environment "${name}" is not defined`,
    policy.file,
    undefined,
    `use one of: ${policy.environments.map((env) => env.name).join(', ')}`,
  );
}

/**
 * Loads the trusted keys of a requirement. `readFile` reads `path` keys (relative to the config repo,
 * which is where they live); KMS keys are fetched through `kms`.
 */
export async function loadPolicyKeys(
  requirement: Pick<SignatureRequirement, 'keys'>,
  options: {
    readFile: (path: string) => Promise<string | Uint8Array>;
    kms?: KmsOptions | undefined;
    file?: string;
  },
): Promise<Verifier[]> {
  return Promise.all(
    requirement.keys.map(async (key) => {
      try {
        return await loadVerifier(key, { readFile: options.readFile, kms: options.kms });
      } catch (error) {
        if (error instanceof SlipwayError && error.fix !== undefined) {
          throw new SlipwayError(
            `${options.file ?? POLICY_FILE} names a key that cannot be used: ${error.message}`,
            { where: error.location ?? error.where, fix: error.fix, cause: error },
          );
        }
        throw error;
      }
    }),
  );
}

/**
 * Whether `--override-pin` may promote `image` over a pin in `environment`: undefined when the policy lets it,
 * else the refusal, naming the policy's field and its line, and the way out.
 */
export function pinOverrideRefusal(
  policy: Policy,
  environment: Environment,
  image: { readonly name: string; readonly repository: string },
): PolicyError | undefined {
  const pins = environment.pins;
  if (pins.override === 'allowed') return undefined;
  const { override, field, line } = pins;
  if (override !== 'never' && override.images.includes(image.repository)) return undefined;
  const rule = override === 'never' ? `${field}: never` : `${field} lists only ${override.images.join(', ')}`;
  return new PolicyError(
    `${policy.file} does not let --override-pin lift pins of ${image.name} in ${environment.name} (${rule})`,
    policy.file,
    line ?? environment.line,
    `run \`slipway unpin --env ${environment.name} --image ${image.name}\` once ${environment.name} may take new versions of it again, or change ${field} in ${policy.file} through a reviewed change to the config repo's default branch`,
  );
}

function toPolicyKey(key: {
  path?: string | undefined;
  pem?: string | undefined;
  kms?: string | undefined;
}): PolicyKey {
  if (key.path !== undefined) return { path: key.path };
  if (key.pem !== undefined) return { pem: key.pem };
  return { kms: key.kms ?? '' };
}

function toIdentityRule(identity: z.infer<typeof identitySchema> | undefined): IdentityRule {
  if (identity === undefined || identity.rule === 'matchRepository') return { rule: 'matchRepository' };
  if (identity.rule === 'exactRepository')
    return { rule: 'exactRepository', repository: identity.repository ?? '' };
  return { rule: 'exactReference', reference: identity.reference ?? '' };
}

const FIELDS: Record<string, string> = {
  root: 'version, pins, environments',
  environment: 'branch, path, promoteFrom, mode, allowForce, pins, pullRequest, require',
  pins: 'override',
  pullRequest: 'approvalRuleTemplate',
  require: 'signatures, provenance',
  signatures: 'keys, identities, trustedRoot, identity',
  provenance: 'sourceRepository, builder, identities, keys, trustedRoot',
  key: 'path, pem, kms',
  identity: 'rule, repository, reference',
  signer: 'issuer, issuerRegExp, subject, subjectRegExp, workflow, github',
  github: 'repository, ref, workflow, trigger, sha',
};

/** cosign's flag names, as people bring them over, and the field each one is here. */
const COSIGN_NAMES: Record<string, string> = {
  'certificate-identity': 'subject',
  'certificate-identity-regexp': 'subjectRegExp',
  'certificate-oidc-issuer': 'issuer',
  'certificate-oidc-issuer-regexp': 'issuerRegExp',
  identity: 'subject',
  'identity-regexp': 'subjectRegExp',
  san: 'subject',
};

function describeIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
  lineAt: (offset: number | undefined) => number | undefined,
): { line: number | undefined; message: string; fix: string } {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  const dotted = path.length === 0 ? 'the top level' : path.join('.');
  const context = fieldContext(path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const node = keyNodeAt(root, [...path, key]);
    return {
      line: lineAt(node?.range?.[0] ?? nodeAt(root, path)?.range?.[0]),
      message: `unknown field "${key}" in ${dotted}`,
      fix: `${suggest(key, FIELDS[context] ?? '')}${signerInImageIdentity(context, key)}allowed here: ${FIELDS[context] ?? 'see docs/policy.md'}`,
    };
  }
  const own = nodeAt(root, path);
  const node = own ?? nodeAt(root, path.slice(0, -1));
  const line = lineAt(node?.range?.[0]);
  if (own === undefined && path.length > 0 && issue.code !== 'custom' && !hasKey(root, path)) {
    return {
      line,
      message: `"${dotted}" is missing`,
      fix: `add ${String(path[path.length - 1] ?? 'it')} (see docs/policy.md)`,
    };
  }
  const fix = issue.code === 'custom' ? (issue.params as { fix?: unknown } | undefined)?.fix : undefined;
  if (typeof fix === 'string') return { line, message: `${dotted}: ${issue.message}`, fix };
  if (issue.code === 'invalid_type' && context === 'pins') {
    return {
      line,
      message: `${dotted}: ${issue.message}`,
      fix: 'write a mapping, e.g. pins: { override: never }',
    };
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return {
      line,
      message: `${dotted}: ${issue.message}`,
      fix: `use one of: ${issue.values.map(String).join(', ')}`,
    };
  }
  return {
    line,
    message: `${dotted}: ${issue.message}`,
    fix: 'see docs/policy.md for every field and an example',
  };
}

/** `identity:` (the image name rule) holding a signer's field: the signer belongs in the `identities` list. */
function signerInImageIdentity(context: string, key: string): string {
  const signerFields = (FIELDS.signer ?? '').split(', ');
  return context === 'identity' && (signerFields.includes(key) || COSIGN_NAMES[key] !== undefined)
    ? 'who signed goes in the list identities: (- issuer: …, subject: …); identity: is the image name rule, '
    : '';
}

function fieldContext(path: (string | number)[]): string {
  if (path.length === 0) return 'root';
  if (path.length === 2 && path[0] === 'environments') return 'environment';
  const last = path[path.length - 1];
  if (typeof last === 'number' && path[path.length - 2] === 'keys') return 'key';
  if (typeof last === 'number' && path[path.length - 2] === 'identities') return 'signer';
  if (
    last === 'require' ||
    last === 'signatures' ||
    last === 'provenance' ||
    last === 'identity' ||
    last === 'github' ||
    last === 'pins' ||
    last === 'pullRequest'
  )
    return last;
  return '';
}

function suggest(key: string, allowed: string): string {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  const candidates = allowed.split(', ');
  const cosign = COSIGN_NAMES[key.toLowerCase().replace(/^-+/, '')];
  const match =
    candidates.find((candidate) => candidate !== '' && candidate.toLowerCase() === lower) ??
    (cosign !== undefined && candidates.includes(cosign) ? cosign : undefined);
  return match === undefined ? '' : `did you mean "${match}"? `;
}

/** The value node at `path`. */
function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      node = pair?.value ?? undefined;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else return undefined;
  }
  return (node as Node | undefined) ?? undefined;
}

/** Whether the map holding the last element of `path` has that key at all. */
function hasKey(root: unknown, path: readonly (string | number)[]): boolean {
  return keyNodeAt(root, path) !== undefined;
}

/** The key node of the last element of `path` (for "unknown field" errors). */
function keyNodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last));
  return isScalar(pair?.key) ? pair.key : undefined;
}
