import { SlipwayError } from '@slipway/errors';
import type { ConfigFilesReader } from '@slipway/gitops';
import type { Environment, Policy, Verifier } from '@slipway/sign';

export const POLICY_FILE = '.slipway.yaml';

/** The config repo's `.slipway.yaml` as `reader` sees it (its default branch or `--policy-ref`); undefined without one. */
export async function readConfigPolicy(reader: ConfigFilesReader): Promise<Policy | undefined> {
  const text = (await reader.read([POLICY_FILE])).get(POLICY_FILE)?.toString('utf8');
  if (text === undefined) return undefined;
  const sign = await import('@slipway/sign');
  return sign.parsePolicy(text, { file: POLICY_FILE });
}

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
  const sign = await import('@slipway/sign');
  return sign.loadPolicyKeys(signatures, {
    file: POLICY_FILE,
    readFile: async (path) => {
      const found = (await reader.read([path])).get(path.replace(/^\.\//, ''));
      if (found === undefined) {
        throw new SlipwayError(`key file ${path} does not exist on ${reader.ref}`, {
          where: `${POLICY_FILE}:${environment.line}`,
          fix: 'commit the public key to the config repo, or fix its path in the policy',
        });
      }
      return found;
    },
  });
}
