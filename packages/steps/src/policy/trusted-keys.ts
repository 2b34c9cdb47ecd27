import { SlipwayError } from '@slipway/errors';
import { type ConfigFilesReader, FILE_LIMITS } from '@slipway/gitops';
import type { Environment, PolicyKey, Verifier } from '@slipway/sign';
import { POLICY_FILE } from './source.js';

/**
 * The keys the policy trusts for `environment`'s signatures, read from the same ref as the policy (a key
 * `path` names a file of the config repo); undefined when the environment requires no signatures.
 */
export async function trustedKeys(
  reader: ConfigFilesReader,
  environment: Environment,
): Promise<readonly Verifier[] | undefined> {
  const signatures = environment.require.signatures;
  if (signatures === undefined) return undefined;
  return requirementKeys(reader, signatures, environment.line);
}

/** The keys of one requirement (signatures or provenance); errors name `.slipway.yaml:<line>`. */
export async function requirementKeys(
  reader: ConfigFilesReader,
  requirement: { readonly keys: readonly PolicyKey[] },
  line: number,
): Promise<readonly Verifier[]> {
  if (requirement.keys.length === 0) return [];
  const sign = await import('@slipway/sign');
  return sign.loadPolicyKeys(requirement, {
    file: POLICY_FILE,
    readFile: async (path) => {
      const found = (await reader.read([path], FILE_LIMITS.key)).get(path.replace(/^\.\//, ''));
      if (found === undefined) {
        throw new SlipwayError(`key file ${path} does not exist on ${reader.ref}`, {
          where: { file: POLICY_FILE, line },
          fix: 'commit the public key to the config repo, or fix its path in the policy',
        });
      }
      return found;
    },
  });
}
