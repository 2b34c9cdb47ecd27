import { describe, expect, it } from 'vitest';
import {
  encodeStatement,
  GITHUB_WORKFLOW_BUILD_TYPE,
  provenanceMismatch,
  provenanceStatement,
  readStatement,
  type SignedStatement,
  SLSA_PROVENANCE_V1,
  type WorkflowRun,
} from '../src/index.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;

/**
 * A real run: liatrio/demo-gh-autogov-workflows, workflow cw-check.yaml on the release of tag v0.5.10.
 * BUILD_DEFINITION is what `gh attestation verify … --jq '.[].verificationResult.statement.predicate
 * .buildDefinition'` printed for the provenance attest-build-provenance wrote in that run (quoted in
 * liatrio's write-up of GitHub's build provenance), keys in the order attest-build-provenance writes them.
 */
const RUN: WorkflowRun = {
  serverUrl: 'https://github.com',
  repository: 'liatrio/demo-gh-autogov-workflows',
  repositoryId: '849445664',
  repositoryOwnerId: '5726618',
  workflowRef: 'liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10',
  ref: 'refs/tags/v0.5.10',
  sha: 'df327b130efdc12f90ed6a6abae6f9066533e27c',
  eventName: 'release',
  runId: '11111111111',
  runAttempt: '1',
  runnerEnvironment: 'github-hosted',
};

const BUILD_DEFINITION = {
  buildType: 'https://actions.github.io/buildtypes/workflow/v1',
  externalParameters: {
    workflow: {
      ref: 'refs/tags/v0.5.10',
      repository: 'https://github.com/liatrio/demo-gh-autogov-workflows',
      path: '.github/workflows/cw-check.yaml',
    },
  },
  internalParameters: {
    github: {
      event_name: 'release',
      repository_id: '849445664',
      repository_owner_id: '5726618',
      runner_environment: 'github-hosted',
    },
  },
  resolvedDependencies: [
    {
      uri: 'git+https://github.com/liatrio/demo-gh-autogov-workflows@refs/tags/v0.5.10',
      digest: { gitCommit: 'df327b130efdc12f90ed6a6abae6f9066533e27c' },
    },
  ],
};

describe('provenanceStatement', () => {
  it('writes the statement attest-build-provenance writes for the run, field by field and in its order', () => {
    const statement = provenanceStatement({
      run: RUN,
      image: { repository: 'ghcr.io/liatrio/demo', digest: DIGEST },
    });
    const expected = {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'ghcr.io/liatrio/demo', digest: { sha256: 'c'.repeat(64) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: BUILD_DEFINITION,
        runDetails: {
          builder: {
            id: 'https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10',
          },
          metadata: {
            invocationId:
              'https://github.com/liatrio/demo-gh-autogov-workflows/actions/runs/11111111111/attempts/1',
          },
        },
      },
    };
    expect(statement).toEqual(expected);
    // Same keys in the same order: the bytes signed read as GitHub's do.
    expect(JSON.stringify(statement)).toBe(JSON.stringify(expected));
  });

  it("names the job's workflow as the builder when a reusable workflow built the image", () => {
    const statement = provenanceStatement({
      run: { ...RUN, runAttempt: '3' },
      jobWorkflowRef: 'acme/build-workflows/.github/workflows/oci.yml@refs/heads/main',
      image: { repository: 'ghcr.io/liatrio/demo', digest: DIGEST },
    });
    expect(statement.predicate.runDetails).toEqual({
      builder: { id: 'https://github.com/acme/build-workflows/.github/workflows/oci.yml@refs/heads/main' },
      metadata: {
        invocationId:
          'https://github.com/liatrio/demo-gh-autogov-workflows/actions/runs/11111111111/attempts/3',
      },
    });
    // The workflow the run started stays the external parameter.
    expect(statement.predicate.buildDefinition.externalParameters.workflow.path).toBe(
      '.github/workflows/cw-check.yaml',
    );
  });

  it('keeps an @ inside the ref (a changesets tag such as @acme/cart@1.2.0)', () => {
    const statement = provenanceStatement({
      run: {
        ...RUN,
        serverUrl: 'https://github.example.com',
        repository: 'acme/shop',
        workflowRef: 'acme/shop/.github/workflows/release.yml@refs/tags/@acme/cart@1.2.0',
        ref: 'refs/tags/@acme/cart@1.2.0',
      },
      image: { repository: 'registry.example.com/shop/cart', digest: DIGEST },
    });
    expect(statement.predicate.buildDefinition.externalParameters.workflow).toEqual({
      ref: 'refs/tags/@acme/cart@1.2.0',
      repository: 'https://github.example.com/acme/shop',
      path: '.github/workflows/release.yml',
    });
    expect(statement.predicate.buildDefinition.resolvedDependencies[0]?.uri).toBe(
      'git+https://github.example.com/acme/shop@refs/tags/@acme/cart@1.2.0',
    );
  });
});

describe('provenanceMismatch', () => {
  // As the verifier reads it back from a bundle.
  const statement = (): SignedStatement =>
    readStatement(
      encodeStatement(
        provenanceStatement({ run: RUN, image: { repository: 'ghcr.io/liatrio/demo', digest: DIGEST } }),
      ),
    );
  const rule = {
    sourceRepository: 'https://github.com/liatrio/demo-gh-autogov-workflows',
    builder:
      'https://github.com/liatrio/demo-gh-autogov-workflows/.github/workflows/cw-check.yaml@refs/tags/v0.5.10',
  };
  const image = { digest: DIGEST };

  it('accepts provenance from the source repository and builder for the image', () => {
    expect(provenanceMismatch(statement(), rule, image)).toBeUndefined();
    // Any builder when the rule names none; GitHub names repositories without regard to case.
    expect(
      provenanceMismatch(
        statement(),
        { sourceRepository: 'https://github.com/Liatrio/Demo-GH-Autogov-Workflows/' },
        image,
      ),
    ).toBeUndefined();
    // Copied to another repository: the subject still names where it was built; the digest decides.
    expect(
      provenanceMismatch(
        {
          ...statement(),
          subject: [{ name: 'registry.example.com/mirror/demo', sha256: 'c'.repeat(64) }],
        },
        rule,
        image,
      ),
    ).toBeUndefined();
    // The build type's first name (attest-build-provenance 1.0) reads the same.
    const first = statement() as { predicate: { buildDefinition: { buildType: string } } };
    first.predicate.buildDefinition.buildType =
      'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1';
    expect(provenanceMismatch(first as SignedStatement, rule, image)).toBeUndefined();
  });

  it('refuses another predicate type', () => {
    expect(
      provenanceMismatch(
        { ...statement(), predicateType: 'https://sigstore.dev/cosign/sign/v1' },
        rule,
        image,
      ),
    ).toBe(
      `the attestation's predicate type is https://sigstore.dev/cosign/sign/v1, not ${SLSA_PROVENANCE_V1}`,
    );
    expect(
      provenanceMismatch({ ...statement(), predicateType: 'https://slsa.dev/provenance/v0.2' }, rule, image),
    ).toMatch(/predicate type is https:\/\/slsa\.dev\/provenance\/v0\.2, not/);
  });

  it('refuses provenance whose subject is not the image', () => {
    expect(provenanceMismatch(statement(), rule, { digest: `sha256:${'d'.repeat(64)}` })).toBe(
      `the provenance is for ghcr.io/liatrio/demo@sha256:${'c'.repeat(64)}, not sha256:${'d'.repeat(64)}`,
    );
    expect(provenanceMismatch({ ...statement(), subject: [] }, rule, image)).toBe(
      `the provenance is for no subject, not ${DIGEST}`,
    );
  });

  it('refuses another source repository, naming both', () => {
    expect(
      provenanceMismatch(statement(), { sourceRepository: 'https://github.com/liatrio/other' }, image),
    ).toBe(
      'the provenance says it was built from https://github.com/liatrio/demo-gh-autogov-workflows, not https://github.com/liatrio/other',
    );
    // A prefix is not the repository.
    expect(
      provenanceMismatch(
        statement(),
        { sourceRepository: 'https://github.com/liatrio/demo-gh-autogov' },
        image,
      ),
    ).toMatch(/built from .*, not https:\/\/github\.com\/liatrio\/demo-gh-autogov$/);
  });

  it('refuses another builder, or none', () => {
    expect(
      provenanceMismatch(
        statement(),
        { ...rule, builder: 'https://github.com/actions/runner/github-hosted' },
        image,
      ),
    ).toBe(
      `the provenance's builder is ${rule.builder}, not https://github.com/actions/runner/github-hosted`,
    );
    const noBuilder = { ...statement(), predicate: { buildDefinition: BUILD_DEFINITION } };
    expect(provenanceMismatch(noBuilder, rule, image)).toBe(
      `the provenance's builder is missing (runDetails.builder.id), not ${rule.builder}`,
    );
  });

  it('refuses a build type whose source repository it cannot read', () => {
    const other = {
      ...statement(),
      predicate: {
        buildDefinition: { ...BUILD_DEFINITION, buildType: 'https://gitlab.com/gitlab-org/gitlab-runner' },
      },
    };
    expect(provenanceMismatch(other, rule, image)).toBe(
      `the provenance's build type is https://gitlab.com/gitlab-org/gitlab-runner, not GitHub's workflow build type (${GITHUB_WORKFLOW_BUILD_TYPE}), the one whose source repository Slipway reads`,
    );
    expect(provenanceMismatch({ ...statement(), predicate: 'x' }, rule, image)).toMatch(
      /build type is missing, not GitHub's/,
    );
    const noSource = {
      ...statement(),
      predicate: { buildDefinition: { buildType: GITHUB_WORKFLOW_BUILD_TYPE, externalParameters: {} } },
    };
    expect(provenanceMismatch(noSource, rule, image)).toBe(
      'the provenance names no source repository (buildDefinition.externalParameters.workflow.repository)',
    );
  });
});
