// SLSA provenance v1 for an image built by a GitHub Actions workflow, laid out field for field as
// `actions/attest-build-provenance` writes it (GitHub's workflow build type), and the check a policy's
// `require.provenance` makes of a verified statement. Pure: no I/O and no sigstore-js, so the policy gate and
// `build` can load it cheaply; signing and verifying the statement live in sign-bundle.ts and verify-bundle.ts.

import type { SignedStatement } from './read-statement.js';
import { IN_TOTO_STATEMENT_TYPE } from './statement.js';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** The same build type under its first name (attest-build-provenance 1.0, slsa-github-generator). */
const GITHUB_WORKFLOW_BUILD_TYPE_V0 =
  'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1';

/**
 * The workflow run, as `@slipway/ci`'s context yields it (`workflowRun.run`), each value already checked
 * there against the form GitHub gives it.
 */
export interface WorkflowRun {
  readonly serverUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly repositoryId: string;
  readonly repositoryOwnerId: string;
  /** `owner/name/.github/workflows/<file>@<ref>`: the workflow the run started. */
  readonly workflowRef: string;
  readonly ref: string;
  readonly sha: string;
  readonly eventName: string;
  readonly runId: string;
  readonly runAttempt: string;
  readonly runnerEnvironment: string;
}

export interface ProvenanceInput {
  readonly run: WorkflowRun;
  /**
   * The OIDC token's `job_workflow_ref`: the workflow whose job built the image, which is the called one when
   * a reusable workflow builds. No environment variable carries it; without a token, `run.workflowRef` (the
   * same workflow when the job is not in a reusable workflow).
   */
  readonly jobWorkflowRef?: string | undefined;
  /** The image: its repository (no tag) names the subject, its manifest digest `sha256:<hex>` identifies it. */
  readonly image: { readonly repository: string; readonly digest: string };
}

export interface ProvenancePredicate {
  readonly buildDefinition: {
    readonly buildType: string;
    readonly externalParameters: {
      readonly workflow: { readonly ref: string; readonly repository: string; readonly path: string };
    };
    readonly internalParameters: {
      readonly github: {
        readonly event_name: string;
        readonly repository_id: string;
        readonly repository_owner_id: string;
        readonly runner_environment: string;
      };
    };
    readonly resolvedDependencies: readonly {
      readonly uri: string;
      readonly digest: { readonly gitCommit: string };
    }[];
  };
  readonly runDetails: {
    readonly builder: { readonly id: string };
    readonly metadata: { readonly invocationId: string };
  };
}

export interface ProvenanceStatement {
  readonly _type: typeof IN_TOTO_STATEMENT_TYPE;
  readonly subject: readonly [{ readonly name: string; readonly digest: { readonly sha256: string } }];
  readonly predicateType: typeof SLSA_PROVENANCE_V1;
  readonly predicate: ProvenancePredicate;
}

/** The SLSA provenance v1 statement for `input.image` built by `input.run`; keys in GitHub's order. */
export function provenanceStatement(input: ProvenanceInput): ProvenanceStatement {
  const { run, image } = input;
  if (!/^sha256:[0-9a-f]{64}$/u.test(image.digest)) {
    throw new Error(`bug: provenance needs the image's sha256 manifest digest, got ${image.digest}`);
  }
  const repositoryUrl = `${run.serverUrl}/${run.repository}`;
  // `owner/name/.github/workflows/release.yml@refs/tags/v1@x` → path and ref: a tag may itself hold an `@`.
  const inRepository = run.workflowRef.startsWith(`${run.repository}/`)
    ? run.workflowRef.slice(run.repository.length + 1)
    : run.workflowRef;
  const at = inRepository.indexOf('@');
  const path = at < 0 ? inRepository : inRepository.slice(0, at);
  const ref = at < 0 ? '' : inRepository.slice(at + 1);
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: image.repository, digest: { sha256: image.digest.slice('sha256:'.length) } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: GITHUB_WORKFLOW_BUILD_TYPE,
        externalParameters: { workflow: { ref, repository: repositoryUrl, path } },
        internalParameters: {
          github: {
            event_name: run.eventName,
            repository_id: run.repositoryId,
            repository_owner_id: run.repositoryOwnerId,
            runner_environment: run.runnerEnvironment,
          },
        },
        resolvedDependencies: [{ uri: `git+${repositoryUrl}@${run.ref}`, digest: { gitCommit: run.sha } }],
      },
      runDetails: {
        builder: { id: `${run.serverUrl}/${input.jobWorkflowRef ?? run.workflowRef}` },
        metadata: {
          invocationId: `${repositoryUrl}/actions/runs/${run.runId}/attempts/${run.runAttempt}`,
        },
      },
    },
  };
}

/** What `require.provenance` asks of the statement (a `ProvenanceRequirement` of the policy is one). */
export interface ProvenanceRule {
  /** The repository URL, as the policy parser normalises it: `https://github.com/acme/shop`. */
  readonly sourceRepository: string;
  /** `runDetails.builder.id`, exactly; undefined: any. */
  readonly builder?: string | undefined;
}

/**
 * Undefined when `statement` is SLSA provenance v1 for `image` (by digest: a copied image keeps its
 * provenance, whose subject names the repository it was built into), from the rule's source repository and
 * builder; else why not, as a whole clause ("the provenance says it was built from …, not …").
 */
export function provenanceMismatch(
  statement: SignedStatement,
  rule: ProvenanceRule,
  image: { readonly digest: string },
): string | undefined {
  if (statement.predicateType !== SLSA_PROVENANCE_V1) {
    return `the attestation's predicate type is ${statement.predicateType}, not ${SLSA_PROVENANCE_V1}`;
  }
  const hex = image.digest.replace(/^sha256:/u, '');
  if (!statement.subject.some((subject) => subject.sha256 === hex)) {
    const named = statement.subject
      .map((subject) => `${subject.name === '' ? '(no name)' : subject.name}@sha256:${subject.sha256}`)
      .join(', ');
    return `the provenance is for ${named || 'no subject'}, not ${image.digest}`;
  }
  const predicate = record(statement.predicate);
  const definition = record(predicate?.buildDefinition);
  const buildType = definition?.buildType;
  if (buildType !== GITHUB_WORKFLOW_BUILD_TYPE && buildType !== GITHUB_WORKFLOW_BUILD_TYPE_V0) {
    return `the provenance's build type is ${typeof buildType === 'string' ? buildType : 'missing'}, not GitHub's workflow build type (${GITHUB_WORKFLOW_BUILD_TYPE}), the one whose source repository Slipway reads`;
  }
  const source = record(record(definition?.externalParameters)?.workflow)?.repository;
  if (typeof source !== 'string') {
    return 'the provenance names no source repository (buildDefinition.externalParameters.workflow.repository)';
  }
  // GitHub matches owner and repository names without regard to case.
  if (repositoryKey(source) !== repositoryKey(rule.sourceRepository)) {
    return `the provenance says it was built from ${source}, not ${rule.sourceRepository}`;
  }
  if (rule.builder !== undefined) {
    const builder = record(record(predicate?.runDetails)?.builder)?.id;
    if (builder !== rule.builder) {
      return `the provenance's builder is ${typeof builder === 'string' ? builder : 'missing (runDetails.builder.id)'}, not ${rule.builder}`;
    }
  }
  return undefined;
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function repositoryKey(url: string): string {
  return url.replace(/\/+$/u, '').toLowerCase();
}
