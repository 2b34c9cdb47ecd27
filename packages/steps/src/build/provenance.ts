// `build --provenance`: after the push, the SLSA provenance of the image, signed as the sign step signs
// (keyless by default, or with `provenance-key`), stored as a bundle referrer in each repository pushed to.
// Everything that can be refused without the network is refused before the build, so a run that cannot
// attach provenance pushes nothing; a signing failure after the push fails the step with the image pushed
// and no referrer written.

import type { CiContext, GitHubWorkflowRun } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import type { BundleSigner, SignedProvenance, SigstoreEndpoints } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { openImage } from '../images/open.js';
import {
  bundleWitnesses,
  keylessSigner,
  type SigstoreInputValues,
  sigstoreEndpoints,
} from '../sign/bundle-signer.js';

/** The workflow run the provenance describes, or why this run cannot give one. */
export function provenanceRun(ci: CiContext): GitHubWorkflowRun {
  const found = ci.workflowRun;
  if (found === undefined) {
    throw new SlipwayError(
      `build provenance describes a GitHub Actions workflow run, and this build runs ${ci.platform === 'codebuild' ? 'on CodeBuild' : 'outside GitHub Actions'} (GITHUB_ACTIONS is not true)`,
      {
        where: '--provenance',
        fix: 'drop --provenance here (sign the image with `slipway sign --key` instead), or build in a GitHub Actions job',
      },
    );
  }
  if ('problem' in found) {
    throw new SlipwayError(`build provenance cannot describe this workflow run: ${found.problem}`, {
      where: '--provenance',
      fix: 'leave the GITHUB_* and RUNNER_* variables as the runner sets them, or drop --provenance',
    });
  }
  return found.run;
}

export interface ProvenanceParams extends SigstoreInputValues {
  readonly 'provenance-key': string | undefined;
  readonly 'insecure-registry': readonly string[];
}

/** What signing needs, made ready before the build: the services checked, a key loaded, a token available. */
export interface ProvenancePlan {
  readonly run: GitHubWorkflowRun;
  readonly endpoints: SigstoreEndpoints;
  readonly sign: typeof import('@slipway/sign');
  /** A key's signer; keyless, the token is fetched after the build (it expires; builds can be long). */
  readonly keySigner: BundleSigner | undefined;
}

export async function planProvenance(
  params: ProvenanceParams,
  context: StepContext,
): Promise<ProvenancePlan> {
  const run = provenanceRun(context.ci);
  const sign = await import('@slipway/sign');
  const key = params['provenance-key'];
  const endpoints = await sigstoreEndpoints(params, key === undefined, context, sign);
  bundleWitnesses(endpoints, key === undefined, params['tlog-upload']);
  if (key !== undefined) {
    const signer = await sign.loadSigner(key, { env: context.env });
    return { run, endpoints, sign, keySigner: { kind: 'key', signer } };
  }
  // Without a token source the request fails now, with its own fix, rather than after the push.
  if (!sign.identityTokenAvailable(context.env)) await keylessSigner(endpoints, context, sign);
  return { run, endpoints, sign, keySigner: undefined };
}

export async function attachProvenance(
  plan: ProvenancePlan,
  params: ProvenanceParams & { readonly repository: readonly string[] },
  digest: string,
  context: StepContext,
): Promise<SignedProvenance> {
  const { sign, endpoints } = plan;
  const keyless = plan.keySigner === undefined;
  const signer = plan.keySigner ?? (await keylessSigner(endpoints, context, sign)).signer;
  const opened = await Promise.all(
    params.repository.map(
      async (text) =>
        (await openImage(text, { insecureRegistries: params['insecure-registry'] }, context)).repository,
    ),
  );
  const [first, ...rest] = opened;
  if (first === undefined) throw new Error('bug: build pushed to no repository');
  context.reporter.info(
    `Signing SLSA provenance for ${digest} ${keyless ? `keyless (Fulcio ${endpoints.fulcioUrl})` : 'with the provenance key'}`,
  );
  return sign.signProvenance({
    run: plan.run,
    digest,
    repositories: [first, ...rest],
    signer,
    ...bundleWitnesses(endpoints, keyless, params['tlog-upload']),
  });
}
