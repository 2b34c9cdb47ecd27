import { SlipwayError } from '@slipway/errors';
import {
  type EnvironmentTarget,
  type GateInput,
  type GitHubRepo,
  type ImageRequest,
  type PinOverrideRefusal,
  pinRepository,
} from '@slipway/gitops';
import { openRepository, parseReference, shortDigest } from '@slipway/oci';
import type { Environment, Policy, SignatureRequirement, Verifier } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { baseOptions } from '../images/open.js';
import { checkPolicyDecidedFlags } from '../policy/decided-flags.js';
import { POLICY_FILE, policyTarget, withPolicy } from '../policy/source.js';
import { trustedKeys } from '../policy/trusted-keys.js';
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

interface Requirement {
  readonly environment: Environment;
  readonly previous: EnvironmentTarget | undefined;
  readonly signatures:
    | { readonly requirement: SignatureRequirement; readonly keys: readonly Verifier[] }
    | undefined;
}

/**
 * Reads `.slipway.yaml` from the config repo's default branch (or `--policy-ref`), through the GitHub API when
 * `github` is given (`--via github-api`), else with git. Without one, the flags decide everything. With one,
 * the policy's owners decide: its environments' branches and paths, their `promoteFrom` order and the
 * signatures they require; the app pipeline cannot opt out.
 */
export async function planWithPolicy(
  params: PromoteParams,
  context: StepContext,
  github?: GitHubRepo,
): Promise<PolicyPlan> {
  return withPolicy(
    {
      configRepo: params.configRepo,
      ...(github === undefined ? {} : { github }),
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
      for (const target of targets) {
        const environment = sign.findEnvironment(policy, target.env);
        const signatures = environment.require.signatures;
        const keys = await trustedKeys(reader, environment);
        requirements.push({
          environment,
          previous: environment.promoteFrom === undefined ? undefined : targetOf(environment.promoteFrom),
          signatures:
            signatures === undefined || keys === undefined ? undefined : { requirement: signatures, keys },
        });
      }
      const needed = requirements.filter((r) => r.previous !== undefined || r.signatures !== undefined);
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

async function checkRequirements(
  requirements: readonly Requirement[],
  input: GateInput,
  params: PromoteParams,
  context: StepContext,
): Promise<ImageRequest[]> {
  const verifiedBy = new Map<string, Set<string>>();
  for (const { environment, previous, signatures } of requirements) {
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
          where: `${POLICY_FILE}:${environment.line}`,
          fix: params.force
            ? `the policy does not allow --force for ${environment.name}; promote to ${previous.env} first`
            : `promote it to ${previous.env} first (or use --from ${previous.env})`,
        });
      }
    }
    if (signatures !== undefined) {
      const { verifyImage } = await import('@slipway/sign');
      for (const image of input.images) {
        if (image.digest === undefined) {
          throw new SlipwayError(
            `${environment.name} requires signed images, and ${image.name} has no digest`,
            {
              fix: 'promote a digest (repo@sha256:… or a tag Slipway resolves), not --pin tag alone',
            },
          );
        }
        const reference = parseReference(image.name);
        const repository = openRepository(
          { kind: 'registry', reference },
          baseOptions({ insecureRegistries: params.insecureRegistries }, context),
        );
        context.reporter.info(`Verifying ${image.name}@${shortDigest(image.digest)} for ${environment.name}`);
        try {
          const result = await verifyImage({
            repository,
            reference: image.digest,
            keys: signatures.keys,
            identity: signatures.requirement.identity,
            imageRepository: reference.repository,
          });
          const seen = verifiedBy.get(image.repository) ?? new Set<string>();
          for (const v of result.verified) seen.add(v.signedBy);
          verifiedBy.set(image.repository, seen);
        } catch (error) {
          if (error instanceof SlipwayError) {
            throw new SlipwayError(`${environment.name} requires a trusted signature: ${error.message}`, {
              where: error.where ?? `${POLICY_FILE}:${environment.line}`,
              fix: error.fix ?? `sign ${image.name}@${image.digest} with a key the policy trusts`,
            });
          }
          throw error;
        }
      }
    }
  }
  return input.images.map((image) => {
    const keys = verifiedBy.get(image.repository);
    return keys === undefined ? image : { ...image, verifiedBy: [...keys].join(', ') };
  });
}
