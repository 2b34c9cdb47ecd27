import { SlipwayError } from '@slipway/errors';
import { type ConfigFilesReader, FILE_LIMITS } from '@slipway/gitops';
import type { PolicyTrustedRoot, TrustRoot } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { POLICY_FILE } from './source.js';

/** Loads each trusted root a policy names once, however many requirements name it. */
export type PolicyTrustRoots = (source: PolicyTrustedRoot, line: number) => Promise<TrustRoot>;

/**
 * The trusted roots a policy's keyless requirements check against: Sigstore's public-good root through TUF,
 * or a TrustedRoot JSON file read from the same ref as the policy (bounded like key files). Each failure names
 * `trustedRoot` in `.slipway.yaml` at `line` (the requirement's, or the `path:` line), since the policy chose
 * the root. sigstore-js is loaded only when a root is asked for.
 */
export function policyTrustRoots(reader: ConfigFilesReader, context: StepContext): PolicyTrustRoots {
  const loaded = new Map<string, Promise<TrustRoot>>();
  return (source, line) => {
    const key = source.kind === 'path' ? `path:${source.path}` : 'public-good';
    let root = loaded.get(key);
    if (root === undefined) {
      root = load(reader, source, source.kind === 'path' ? source.line : line, context);
      loaded.set(key, root);
    }
    return root;
  };
}

async function load(
  reader: ConfigFilesReader,
  source: PolicyTrustedRoot,
  line: number,
  context: StepContext,
): Promise<TrustRoot> {
  const where = `${POLICY_FILE}:${line}`;
  const { loadTrustRoot } = await import('@slipway/sign');
  if (source.kind === 'public-good') {
    try {
      return await loadTrustRoot({ kind: 'public-good', env: context.env });
    } catch (error) {
      if (!(error instanceof SlipwayError)) throw error;
      throw new SlipwayError(`the policy's trustedRoot (public-good) cannot be loaded: ${error.message}`, {
        where,
        fix: `let the runner reach Sigstore's TUF mirror (${error.where ?? 'https://tuf-repo-cdn.sigstore.dev'}), or set trustedRoot: { path: <TrustedRoot JSON in the config repo> } in ${POLICY_FILE}`,
        cause: error,
      });
    }
  }
  let found: Buffer | undefined;
  try {
    found = (await reader.read([source.path], FILE_LIMITS.trustedRoot)).get(source.path);
  } catch (error) {
    // Too big, or the config repo's trouble: either way the file the policy's trustedRoot names.
    if (!(error instanceof SlipwayError)) throw error;
    throw new SlipwayError(`the trusted root ${source.path} cannot be read: ${error.message}`, {
      where,
      fix: error.fix ?? 'check the file trustedRoot.path names in the config repo',
      cause: error,
    });
  }
  if (found === undefined) {
    throw new SlipwayError(`trusted root file ${source.path} does not exist on ${reader.ref}`, {
      where,
      fix: 'commit the TrustedRoot JSON to the config repo, or fix trustedRoot.path in the policy',
    });
  }
  return loadTrustRoot({ kind: 'json', bytes: found, where: `${source.path} (trustedRoot, ${where})` });
}
