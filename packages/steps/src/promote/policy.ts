import { SlipwayError } from '@slipway/errors';
import type { CodeCommitRepo, ConfigRepo } from '@slipway/gitops';
import {
  type EnvironmentTarget,
  type GateInput,
  type GitHubRepo,
  type ImageRequest,
  type PinOverrideRefusal,
  pinRepository,
} from '@slipway/gitops';
import { openRepository, parseReference, shortDigest } from '@slipway/oci';
import type {
  Environment,
  IdentityRequirement,
  Policy,
  ProvenanceRequirement,
  SignatureRequirement,
  Verifier,
  VerifyResult,
} from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { baseOptions } from '../images/open.js';
import { checkPolicyDecidedFlags } from '../policy/decided-flags.js';
import { POLICY_FILE, policyTarget, withPolicy } from '../policy/source.js';
import { type PolicyTrustRoots, policyTrustRoots, type TrustRootLoader } from '../policy/trust-root.js';
import { requirementKeys } from '../policy/trusted-keys.js';
import type { PromoteParams } from './params.js';

/** What the config repo's policy makes of a promotion: where each environment lives, and what it requires. */
export interface PolicyPlan {
  readonly policy: Policy | undefined;
  readonly targets: EnvironmentTarget[];
  readonly from: EnvironmentTarget | undefined;
  /** Set when any target environment requires something before images land. */
  readonly gate: ((input: GateInput) => Promise<readonly ImageRequest[]>) | undefined;
  /** Set when a target environment restricts `--override-pin` (`pins.override`): refuses it per pin. */
  readonly pinOverrideRefusal: PinOverrideRefusal | undefined;
}

/** Who the policy trusts for one requirement: its keys, its keyless identities and their trusted root. */
interface Signers {
  readonly keys: readonly Verifier[];
  readonly identities: readonly IdentityRequirement[];
  /** Set when there are identities; loads the trusted root their certificates are checked against. */
  readonly trustRoot: TrustRootLoader | undefined;
}

interface Requirement {
  readonly environment: Environment;
  readonly previous: EnvironmentTarget | undefined;
  readonly signatures: { readonly requirement: SignatureRequirement; readonly signers: Signers } | undefined;
  readonly provenance: { readonly requirement: ProvenanceRequirement; readonly signers: Signers } | undefined;
}

/**
 * Reads `.slipway.yaml` from the config repo's default branch (or `--policy-ref`), through the GitHub API when
 * `api.github` is given (`--via github-api`), the CodeCommit API with `api.codecommit`, else with git (in
 * `api.repo` when given). Without one, the flags decide everything. With one,
 * the policy's owners decide: its environments' branches and paths, their `promoteFrom` order and the
 * signatures they require; the app pipeline cannot opt out.
 */
export async function planWithPolicy(
  params: PromoteParams,
  context: StepContext,
  api: {
    readonly github?: GitHubRepo;
    readonly codecommit?: CodeCommitRepo;
    readonly repo?: ConfigRepo;
  } = {},
): Promise<PolicyPlan> {
  return withPolicy(
    {
      configRepo: params.configRepo,
      ...(api.repo === undefined ? {} : { repo: api.repo }),
      ...(api.github === undefined ? {} : { github: api.github }),
      ...(api.codecommit === undefined ? {} : { codecommit: api.codecommit }),
      ...(params.token === undefined
        ? {}
        : { auth: { token: params.token, username: params.tokenUsername } }),
      ...(params.policyRef === undefined ? {} : { policyRef: params.policyRef }),
      written: [params.given.branchTemplate, ...params.targets.map((t) => t.branch), params.from?.branch],
    },
    context,
    async (source) => {
      if (source === undefined) {
        return {
          policy: undefined,
          targets: params.targets,
          from: params.from,
          gate: undefined,
          pinOverrideRefusal: undefined,
        };
      }
      const { policy, reader } = source;
      const sign = await import('@slipway/sign');
      context.reporter.info(`Policy ${POLICY_FILE} from ${reader.ref} (${reader.commit.slice(0, 12)})`);
      const targetOf = (name: string): EnvironmentTarget => {
        const environment = sign.findEnvironment(policy, name);
        const target = policyTarget(environment);
        checkPolicyDecidedFlags(params.given, environment, target, context);
        return target;
      };
      const targets = params.targets.map((t) => targetOf(t.env));
      const from = params.from === undefined ? undefined : targetOf(params.from.env);

      const requirements: Requirement[] = [];
      const trustRoots = policyTrustRoots(reader, context);
      for (const target of targets) {
        const environment = sign.findEnvironment(policy, target.env);
        const { signatures, provenance } = environment.require;
        requirements.push({
          environment,
          previous: environment.promoteFrom === undefined ? undefined : targetOf(environment.promoteFrom),
          signatures:
            signatures === undefined
              ? undefined
              : {
                  requirement: signatures,
                  signers: await signersOf(signatures, environment.line, reader, trustRoots),
                },
          provenance:
            provenance === undefined
              ? undefined
              : {
                  requirement: provenance,
                  signers: await signersOf(provenance, provenance.line, reader, trustRoots),
                },
        });
      }
      const needed = requirements.filter(
        (r) => r.previous !== undefined || r.signatures !== undefined || r.provenance !== undefined,
      );
      // Who may override a rollback's pin: the policy's `pins.override`, asked only when a pin is in the way.
      const restricted = new Map(
        requirements
          .filter((r) => r.environment.pins.override !== 'allowed')
          .map((r) => [r.environment.name, r.environment]),
      );
      return {
        policy,
        targets,
        from,
        gate: needed.length === 0 ? undefined : (input) => checkRequirements(needed, input, params, context),
        pinOverrideRefusal:
          restricted.size === 0
            ? undefined
            : (pin, target) => {
                const environment = restricted.get(target.env);
                return environment === undefined
                  ? undefined
                  : sign.pinOverrideRefusal(policy, environment, {
                      name: pin.image,
                      repository: pinRepository(pin),
                    });
              },
      };
    },
  );
}

/**
 * The keys and identities a requirement trusts, read from the policy's ref, and, when there are identities,
 * the loader of their trusted root (key signatures verify without one).
 */
async function signersOf(
  requirement: SignatureRequirement | ProvenanceRequirement,
  line: number,
  reader: Parameters<typeof requirementKeys>[0],
  trustRoots: PolicyTrustRoots,
): Promise<Signers> {
  return {
    keys: await requirementKeys(reader, requirement, line),
    identities: requirement.identities,
    trustRoot:
      requirement.identities.length === 0 ? undefined : await trustRoots(requirement.trustedRoot, line),
  };
}

async function checkRequirements(
  requirements: readonly Requirement[],
  input: GateInput,
  params: PromoteParams,
  context: StepContext,
): Promise<ImageRequest[]> {
  const verifiedBy = new Map<string, Set<string>>();
  for (const { environment, previous, signatures, provenance } of requirements) {
    if (previous !== undefined) {
      const pins = await input.pinnedIn(previous);
      for (const image of input.images) {
        const running = pins.get(image.repository)?.digest;
        if (running === image.digest) continue;
        const what = `${image.name}@${image.digest === undefined ? '(no digest)' : shortDigest(image.digest)}`;
        const message = `${environment.name} takes images from ${previous.env}, which runs ${running === undefined ? 'no digest' : shortDigest(running)} of ${image.name}, not ${what}`;
        if (params.force && environment.allowForce) {
          context.reporter.warning(`${message}: promoting anyway (--force, allowed by the policy)`);
          continue;
        }
        throw new SlipwayError(message, {
          where: { file: POLICY_FILE, line: environment.line },
          fix: params.force
            ? `the policy does not allow --force for ${environment.name}; promote to ${previous.env} first`
            : `promote it to ${previous.env} first (or use --from ${previous.env})`,
        });
      }
    }
    if (signatures === undefined && provenance === undefined) continue;
    const sign = await import('@slipway/sign');
    for (const image of input.images) {
      if (image.digest === undefined) {
        throw new SlipwayError(
          `${environment.name} requires ${signatures === undefined ? 'signed provenance' : 'signed images'}, and ${image.name} has no digest`,
          {
            where: { file: POLICY_FILE, line: environment.line },
            fix: 'promote a digest (repo@sha256:… or a tag Slipway resolves), not --pin tag alone',
          },
        );
      }
      const reference = parseReference(image.name);
      const repository = openRepository(
        { kind: 'registry', reference },
        baseOptions({ insecureRegistries: params.insecureRegistries }, context),
      );
      if (signatures !== undefined) {
        context.reporter.info(`Verifying ${image.name}@${shortDigest(image.digest)} for ${environment.name}`);
        const refuse = (error: unknown): never => {
          if (!(error instanceof SlipwayError)) throw error;
          throw new SlipwayError(`${environment.name} requires a trusted signature: ${error.message}`, {
            // The policy's line for a signature that does not do; a registry's trouble keeps its own place.
            where:
              error instanceof sign.VerificationError
                ? { file: POLICY_FILE, line: environment.line }
                : (error.location ?? error.where ?? { file: POLICY_FILE, line: environment.line }),
            // verify's fix for an identity names its flags; here the policy names the identities.
            fix:
              error instanceof sign.VerificationError && error.kind === 'untrusted-identity'
                ? `sign from a workflow ${environment.name} trusts (require.signatures.identities in ${POLICY_FILE}), or change those identities through a reviewed change to the config repo`
                : (error.fix ??
                  `sign ${image.name}@${image.digest} with a key or identity the policy trusts for ${environment.name}`),
          });
        };
        const { signers } = signatures;
        const options = {
          repository,
          reference: image.digest,
          keys: signers.keys,
          identity: signatures.requirement.identity,
          imageRepository: reference.repository,
        };
        let result: VerifyResult | undefined;
        // Keys first: a key-signed image needs no trusted root, so neither sigstore-js' verifier nor TUF's
        // fetches; the identities (and their root) are tried only when a keyless signature is there to check.
        if (signers.keys.length > 0) {
          try {
            result = await sign.verifyImage(options);
          } catch (error) {
            const keyless =
              error instanceof sign.VerificationError &&
              error.rejected.some((r) => r.reason === 'untrusted-identity' || r.reason === 'untrusted-ca');
            if (!keyless || signers.trustRoot === undefined) refuse(error);
          }
        }
        if (result === undefined && signers.trustRoot !== undefined) {
          // Outside the refusal: a root that cannot be loaded names trustedRoot, not the image.
          const trustRoot = await signers.trustRoot();
          try {
            result = await sign.verifyImage({ ...options, identities: signers.identities, trustRoot });
          } catch (error) {
            refuse(error);
          }
        }
        if (result === undefined)
          throw new Error('bug: a signature requirement with neither keys nor identities');
        const seen = verifiedBy.get(image.repository) ?? new Set<string>();
        for (const v of result.verified) seen.add(v.signedBy);
        verifiedBy.set(image.repository, seen);
      }
      if (provenance !== undefined) {
        context.reporter.info(
          `Checking the provenance of ${image.name}@${shortDigest(image.digest)} for ${environment.name}`,
        );
        const refusal = await provenanceRefusal(provenance, repository, image.digest, sign);
        if (refusal !== undefined) {
          throw new SlipwayError(
            `${environment.name} requires signed SLSA provenance from ${provenance.requirement.sourceRepository}${provenance.requirement.builder === undefined ? '' : ` built by ${provenance.requirement.builder}`}, and ${image.name}@${shortDigest(image.digest)} has ${refusal}`,
            {
              where: { file: POLICY_FILE, line: provenance.requirement.line },
              fix: `build the image with --provenance in ${provenance.requirement.sourceRepository}'s pipeline, signed by a key or identity require.provenance trusts`,
            },
          );
        }
      }
    }
  }
  return input.images.map((image) => {
    const keys = verifiedBy.get(image.repository);
    return keys === undefined ? image : { ...image, verifiedBy: [...keys].join(', ') };
  });
}

/**
 * Undefined when one verified SLSA provenance bundle of `digest` fits the requirement; else what was found,
 * as the end of a sentence: none at all, none signed by whom the policy trusts, or what the signed ones say.
 */
async function provenanceRefusal(
  provenance: NonNullable<Requirement['provenance']>,
  repository: ReturnType<typeof openRepository>,
  digest: string,
  sign: typeof import('@slipway/sign'),
): Promise<string | undefined> {
  const { signers, requirement } = provenance;
  const found = await sign.verifyBundleReferrers({
    repository,
    digest,
    predicateType: sign.SLSA_PROVENANCE_V1,
    keys: signers.keys,
    identities: signers.identities,
    trustRoot: signers.trustRoot === undefined ? undefined : await signers.trustRoot(),
  });
  const mismatches: string[] = [];
  for (const bundle of found.verified) {
    const mismatch = sign.provenanceMismatch(bundle.statement, requirement, { digest });
    if (mismatch === undefined) return undefined;
    mismatches.push(mismatch);
  }
  if (mismatches.length > 0) return `none that fits: ${[...new Set(mismatches)].join('; ')}`;
  if (found.rejected.length > 0) {
    return `no provenance signed by a key or identity the policy trusts (${found.rejected.map((r) => `${shortDigest(r.layerDigest)}: ${r.detail}`).join('; ')})`;
  }
  return 'no provenance attestation (no SLSA provenance bundle referrer)';
}
