import { SlipwayError } from '@slipway/errors';
import type { EnvironmentTarget, GitAuth, History, HistoryEntry, HistoryImage } from '@slipway/gitops';
import { openRepository, parseReference, shortDigest } from '@slipway/oci';
import type { IdentityRequirement, IdentityRule, TrustRoot, Verifier } from '@slipway/sign';
import type { StepContext } from '../definition/step.js';
import { baseOptions } from '../images/open.js';
import { POLICY_FILE, withPolicy } from '../policy/source.js';
import { policyTrustRoots, type TrustRootLoader } from '../policy/trust-root.js';
import { trustedKeys } from '../policy/trusted-keys.js';

/**
 * What `history --verify` makes of one image of an entry (or of an entry without images):
 * - `verified`: its `Slipway-Verified-By` keys and keyless identities each signed the digest, and the policy
 *   trusts them here;
 * - `claim not upheld`: it claims a verification that the registry and the policy do not bear out;
 * - `unverified`: no claim, in an environment whose policy requires signatures;
 * - `no claim`: no claim, and none required.
 */
export type Verdict =
  | { readonly verdict: 'verified'; readonly keys: readonly string[] }
  | { readonly verdict: 'claim not upheld'; readonly reason: string }
  | { readonly verdict: 'unverified'; readonly reason: string }
  | { readonly verdict: 'no claim' };

export interface VerifiedHistory extends History {
  /** Set with `--verify`: each entry's images' verdicts, in order (one verdict for an entry without images). */
  readonly verdicts?: ReadonlyMap<HistoryEntry, readonly Verdict[]>;
}

export interface VerifyRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  readonly policyRef?: string;
  /** As given (the policy's source may never be a branch it names). */
  readonly branchTemplate?: string;
  readonly insecureRegistries: readonly string[];
}

interface Trust {
  readonly keys: readonly Verifier[];
  readonly identities: readonly IdentityRequirement[];
  /** With identities: the policy's trusted root's loader, or why its file cannot be read (identity claims then cannot hold). */
  readonly trustRoot: TrustRootLoader | SlipwayError | undefined;
  readonly identity: IdentityRule;
}

/**
 * Re-checks every `Slipway-Verified-By` claim of `history`: the digest in `Slipway-Image` must carry a valid
 * signature (a `.sig` layer or a bundle referrer) by each key the claim names, and by exactly each keyless
 * identity (`<subject> (<issuer>)`) it names, and the config repo's policy (read as promote reads it, today)
 * must trust those keys and identities for this environment. A claim anyone could have typed into a commit
 * is thereby exposed; one that held when promoted but whose key the policy no longer trusts is too.
 */
export async function verifyHistory(
  history: History,
  target: EnvironmentTarget,
  request: VerifyRequest,
  context: StepContext,
): Promise<VerifiedHistory> {
  const trust = await withPolicy(
    {
      configRepo: request.configRepo,
      ...(request.auth === undefined ? {} : { auth: request.auth }),
      ...(request.policyRef === undefined ? {} : { policyRef: request.policyRef }),
      written: [request.branchTemplate, target.branch],
    },
    context,
    async (source): Promise<Trust | undefined> => {
      if (source === undefined) return undefined;
      const { policy, reader } = source;
      const sign = await import('@slipway/sign');
      const environment = sign.findEnvironment(policy, target.env);
      const signatures = environment.require.signatures;
      const keys = await trustedKeys(reader, environment);
      if (signatures === undefined || keys === undefined) return undefined;
      let trustRoot: Trust['trustRoot'];
      if (signatures.identities.length > 0) {
        // A file is read now (the reader lives only here), the root loaded only for an identity claim; a root
        // that cannot be had fails identity claims only.
        trustRoot = await policyTrustRoots(reader, context)(signatures.trustedRoot, environment.line).catch(
          (error: unknown) => {
            if (error instanceof SlipwayError) return error;
            throw error;
          },
        );
      }
      return { keys, identities: signatures.identities, trustRoot, identity: signatures.identity };
    },
  );
  const verdicts = new Map<HistoryEntry, readonly Verdict[]>();
  for (const entry of history.entries) {
    if (entry.images.length === 0) {
      verdicts.set(entry, [
        entry.kind === 'manual' && trust !== undefined
          ? { verdict: 'unverified', reason: `a hand commit, and ${target.env} requires signatures` }
          : { verdict: 'no claim' },
      ]);
      continue;
    }
    const list: Verdict[] = [];
    for (const image of entry.images) list.push(await verdictOf(image, target, trust, request, context));
    verdicts.set(entry, list);
  }
  return { ...history, verdicts };
}

async function verdictOf(
  image: HistoryImage,
  target: EnvironmentTarget,
  trust: Trust | undefined,
  request: VerifyRequest,
  context: StepContext,
): Promise<Verdict> {
  const claimed = (image.verifiedBy ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  if (claimed.length === 0) {
    return trust === undefined
      ? { verdict: 'no claim' }
      : { verdict: 'unverified', reason: `no claim, and ${target.env} requires signatures` };
  }
  const notUpheld = (reason: string): Verdict => ({ verdict: 'claim not upheld', reason });
  if (trust === undefined) {
    return notUpheld(
      `${POLICY_FILE} requires no signatures for ${target.env}, so no key or identity can have verified it`,
    );
  }
  const sign = await import('@slipway/sign');
  const keys: Verifier[] = [];
  let identityClaimed = false;
  for (const claim of claimed) {
    const identity = sign.parseVerifiedIdentity(claim);
    if (identity !== undefined) {
      // The subject and issuer must be ones the policy accepts; its GitHub extension rules are held against the
      // certificate itself, when the signature is verified below.
      const accepted = trust.identities.some(
        (requirement) =>
          sign.identityMismatch({ ...requirement, github: undefined }, { ...identity, github: {} }) ===
          undefined,
      );
      if (!accepted) return notUpheld(`identity ${claim} is not one ${POLICY_FILE} trusts for ${target.env}`);
      identityClaimed = true;
      continue;
    }
    const key = trust.keys.find((candidate) => candidate.fingerprint === claim);
    if (key === undefined)
      return notUpheld(`key ${claim} is not one ${POLICY_FILE} trusts for ${target.env}`);
    keys.push(key);
  }
  if (image.digest === undefined) return notUpheld('the commit names no digest, and a signature signs one');
  let trustRoot: TrustRoot | undefined;
  if (identityClaimed) {
    const root = await loadRoot(trust.trustRoot);
    if (root instanceof SlipwayError)
      return notUpheld(`an identity claim cannot be checked: ${root.message}`);
    trustRoot = root;
  }
  const reference = parseReference(image.name);
  const repository = openRepository(
    { kind: 'registry', reference },
    baseOptions({ insecureRegistries: [...request.insecureRegistries] }, context),
  );
  context.reporter.info(`Verifying the claim on ${image.name}@${shortDigest(image.digest)}`);
  try {
    const result = await sign.verifyImage({
      repository,
      reference: image.digest,
      keys,
      ...(trustRoot === undefined ? {} : { identities: trust.identities, trustRoot }),
      identity: trust.identity,
      imageRepository: image.repository,
    });
    const signers = new Set(result.verified.map((signature) => signature.signedBy));
    // An identity verifies as `<subject> (<issuer>)` exactly, so equality holds it to that subject and issuer.
    const missing = claimed.find((claim) => !signers.has(claim));
    if (missing !== undefined)
      return notUpheld(
        `no valid signature by ${sign.parseVerifiedIdentity(missing) === undefined ? 'key' : 'identity'} ${missing}`,
      );
    return { verdict: 'verified', keys: claimed };
  } catch (error) {
    // The registry's answer (no signature, a bad one, no such image) is the verdict; so is one it cannot give.
    if (error instanceof SlipwayError) return notUpheld(error.message);
    throw error;
  }
}

/** The trusted root, or why it cannot be had. */
async function loadRoot(source: Trust['trustRoot']): Promise<TrustRoot | SlipwayError> {
  if (source === undefined)
    return new SlipwayError(`${POLICY_FILE} trusts no identities`, { where: POLICY_FILE });
  if (source instanceof SlipwayError) return source;
  try {
    return await source();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
}

/** Fails `history --verify` when any claim does not hold, after everything is shown. */
export function unheldClaims(history: VerifiedHistory): SlipwayError | undefined {
  if (history.verdicts === undefined) return undefined;
  const unheld = [...history.verdicts].filter(([, list]) =>
    list.some((v) => v.verdict === 'claim not upheld'),
  );
  if (unheld.length === 0) return undefined;
  return new SlipwayError(
    `${unheld.length} commit${unheld.length === 1 ? '' : 's'} of ${history.branch} claim${unheld.length === 1 ? 's' : ''} a verification that does not hold: ${unheld.map(([entry]) => entry.commit.slice(0, 12)).join(', ')}`,
    {
      where: history.branch,
      fix: 'see who pushed them (git log) and what they changed; those versions were not verified by a key or identity the policy trusts',
    },
  );
}
