import { describeLocation, SlipwayError } from '@slipway/errors';
import { type ConfigFilesReader, FILE_LIMITS } from '@slipway/gitops';
import type { PolicyTrustedRoot, TrustRoot } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { POLICY_FILE } from './source.js';

/** Loads a trusted root when first called, once. */
export type TrustRootLoader = () => Promise<TrustRoot>;

/** The loader of the trusted root a requirement names (`line`: the requirement's line in the policy). */
export type PolicyTrustRoots = (source: PolicyTrustedRoot, line: number) => Promise<TrustRootLoader>;

/**
 * The trusted roots a policy's keyless requirements check against: Sigstore's public-good root through TUF,
 * or a TrustedRoot JSON file read from the same ref as the policy (bounded like key files). A file is read
 * now, while the policy's ref is at hand; the root itself (sigstore-js, and TUF's fetches) is loaded only
 * when a keyless signature is to be checked, so key-signed images never pay for it. Every failure names
 * `.slipway.yaml` at the `trustedRoot` line (or the requirement's, when the default public-good is meant).
 */
export function policyTrustRoots(reader: ConfigFilesReader, context: StepContext): PolicyTrustRoots {
  const loaders = new Map<string, Promise<TrustRootLoader>>();
  return (source, line) => {
    const key = source.kind === 'path' ? `path:${source.path}` : 'public-good';
    let loader = loaders.get(key);
    if (loader === undefined) {
      loader = prepare(reader, source, source.kind === 'path' ? source.line : line, context);
      loaders.set(key, loader);
    }
    return loader;
  };
}

async function prepare(
  reader: ConfigFilesReader,
  source: PolicyTrustedRoot,
  line: number,
  context: StepContext,
): Promise<TrustRootLoader> {
  const where = { file: POLICY_FILE, line };
  if (source.kind === 'public-good') {
    return once(async () => {
      const { loadTrustRoot } = await import('@slipway/sign');
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
    });
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
  const bytes = found;
  return once(async () => {
    const { loadTrustRoot } = await import('@slipway/sign');
    return loadTrustRoot({
      kind: 'json',
      bytes,
      where: `${source.path} (trustedRoot, ${describeLocation(where)})`,
    });
  });
}

function once(load: () => Promise<TrustRoot>): TrustRootLoader {
  let loaded: Promise<TrustRoot> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
