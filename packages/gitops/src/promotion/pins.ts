import { configYamlToJS, parseConfigYaml } from '@slipway/config-yaml';
import { SlipwayError } from '@slipway/errors';
import { isDigest, shortDigest, tryParseReference } from '@slipway/oci';
import { stringify } from 'yaml';
import { type BranchReader, ConfigRepo, type GitAuth, GitError, type Identity } from '../git/index.js';
import { FILE_LIMITS, fileTooLarge } from '../limits.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import { unpinMessage } from './message.js';
import type { EnvironmentTarget } from './target.js';

/** Where an environment branch keeps the images a rollback pinned (at the branch root, whatever `--path`). */
export const PINS_FILE = '.slipway/pins.yaml';

/** One image held at a digest in one environment: promotions of it are refused until it is unpinned. */
export interface EnvironmentPin {
  /** The repository as written (normalised when matched). */
  readonly image: string;
  readonly digest: string;
  readonly tag?: string;
  readonly reason: string;
  /** The commit the pin undid (a rollback's `Slipway-Rollback-Of`). */
  readonly commit?: string;
  /** Who pinned it, `Name <email>`. */
  readonly by?: string;
  /** When, ISO 8601. */
  readonly at: string;
}

/** The policy's answer to "may `--override-pin` lift this pin here?": undefined for yes, else the refusal. */
export type PinOverrideRefusal = (pin: EnvironmentPin, target: EnvironmentTarget) => SlipwayError | undefined;

/** What planning a branch does with pins: respect them (default), ignore them, or add some (rollback). */
export interface PinOptions {
  /** Promote even an image the environment pins (`--override-pin`); the pin stays. */
  readonly override?: boolean;
  /**
   * Whether the policy lets `override` lift `pin` in `target`: undefined when it does, else its refusal
   * (`.slipway.yaml`'s `pins.override`). Absent: every override is allowed (no policy, or a silent one).
   */
  readonly overrideRefusal?: PinOverrideRefusal;
  /** Pin every promoted image at its new digest, in the same commit (a rollback). */
  readonly add?: {
    readonly reason: string;
    readonly commit?: string;
    readonly by?: string;
    readonly at: string;
  };
}

const HEADER =
  '# Images held at a digest in this environment by `slipway rollback`: promotions of them are refused.\n' +
  '# Remove a pin with `slipway unpin --env <env> --image <repository>` (or edit this file).\n';

/** The pins of `.slipway/pins.yaml` (an empty list for an empty file). */
export function parsePins(text: string, where = PINS_FILE): EnvironmentPin[] {
  const doc = parseConfigYaml(where, text);
  const bad = (why: string): SlipwayError =>
    new SlipwayError(`${PINS_FILE} is not valid: ${why}`, {
      where,
      fix: 'fix the file by hand (a list `pins:` of {image, digest, reason, at}), or delete it',
    });
  if (doc.errors.length > 0) throw bad(doc.errors[0]?.message.split('\n')[0] ?? 'YAML error');
  const root: unknown = configYamlToJS(where, text, doc);
  if (root === null || root === undefined) return [];
  if (typeof root !== 'object' || Array.isArray(root)) throw bad('expected a mapping with `pins:`');
  const list = (root as Record<string, unknown>).pins;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw bad('`pins` is not a list');
  return list.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw bad(`pins[${index}] is not a mapping`);
    const entry = item as Record<string, unknown>;
    const text = (key: string): string | undefined => {
      const value = entry[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      if (value instanceof Date) return value.toISOString();
      throw bad(`pins[${index}].${key} is not a string`);
    };
    const image = text('image');
    const digest = text('digest');
    if (image === undefined || tryParseReference(image) === undefined)
      throw bad(`pins[${index}].image is missing or invalid`);
    if (digest === undefined || !isDigest(digest)) throw bad(`pins[${index}].digest is missing or invalid`);
    const tag = text('tag');
    const commit = text('commit');
    const by = text('by');
    return {
      image,
      digest,
      ...(tag === undefined ? {} : { tag }),
      reason: text('reason') ?? '',
      ...(commit === undefined ? {} : { commit }),
      ...(by === undefined ? {} : { by }),
      at: text('at') ?? '',
    };
  });
}

/** The file's text for `pins` (null: no pins left, delete the file). */
export function formatPins(pins: readonly EnvironmentPin[]): string | null {
  if (pins.length === 0) return null;
  const plain = pins.map((pin) => ({
    image: pin.image,
    digest: pin.digest,
    ...(pin.tag === undefined ? {} : { tag: pin.tag }),
    reason: pin.reason,
    ...(pin.commit === undefined ? {} : { commit: pin.commit }),
    ...(pin.by === undefined ? {} : { by: pin.by }),
    at: pin.at,
  }));
  return `${HEADER}${stringify({ pins: plain }, { lineWidth: 0 })}`;
}

/** The normalised repository a pin names. */
export function pinRepository(pin: EnvironmentPin): string {
  return tryParseReference(pin.image)?.repository ?? pin.image;
}

/** Reads the pins at `commit` (fetching the one small file first when the temp repo is a partial clone). */
export async function readPins(repo: BranchReader, commit: string): Promise<EnvironmentPin[]> {
  try {
    await repo.prefetchBlobs([{ commit, under: [PINS_FILE] }]);
  } catch (error) {
    // The server will not send single blobs: reading the file below fetches it the way git does by itself.
    if (!(error instanceof GitError)) throw error;
  }
  for (const entry of await repo.listTree(commit, PINS_FILE, { sizes: true })) {
    if (entry.path === PINS_FILE && (entry.size ?? 0) > FILE_LIMITS.file) {
      throw fileTooLarge(
        PINS_FILE,
        entry.size ?? 0,
        FILE_LIMITS.file,
        `commit ${commit.slice(0, 12)}`,
        'a pins file lists a few images: restore it from history, or delete it',
      );
    }
  }
  const bytes = (await repo.readFiles(commit, [PINS_FILE])).get(PINS_FILE);
  return bytes === undefined
    ? []
    : parsePins(bytes.toString('utf8'), `${PINS_FILE} at ${commit.slice(0, 12)}`);
}

/** What `pin` holds, for messages: `<image> is pinned in <env> at <digest> by <who> on <when> (<reason>)`. */
function describePin(pin: EnvironmentPin, target: EnvironmentTarget): string {
  const who = pin.by === undefined ? '' : ` by ${pin.by}`;
  const when = pin.at === '' ? '' : ` on ${pin.at}`;
  const why = pin.reason === '' ? '' : ` (${pin.reason})`;
  return `${pin.image} is pinned in ${target.env} at ${shortDigest(pin.digest)}${who}${when}${why}`;
}

/**
 * The refusal for promoting an image `target` pins. `policyRefusal`: the policy would refuse `--override-pin`
 * too, so the fix does not offer it.
 */
export function pinnedError(
  pin: EnvironmentPin,
  target: EnvironmentTarget,
  policyRefusal?: SlipwayError,
): SlipwayError {
  const unpin = `run \`slipway unpin --env ${target.env} --image ${pin.image}\` once the environment may move again`;
  return new SlipwayError(describePin(pin, target), {
    where: `${PINS_FILE} on branch ${target.branch}`,
    fix:
      policyRefusal === undefined
        ? `${unpin}, or promote with --override-pin`
        : `${unpin} (--override-pin is not allowed here: ${policyRefusal.where ?? 'the policy'})`,
  });
}

/** The refusal of `--override-pin` by the policy, naming the pin, and the policy's file, line and fix. */
export function overrideRefusedError(
  pin: EnvironmentPin,
  target: EnvironmentTarget,
  refusal: SlipwayError,
): SlipwayError {
  return new SlipwayError(`${describePin(pin, target)}, and ${refusal.message}`, {
    ...(refusal.where === undefined ? {} : { where: refusal.where }),
    ...(refusal.fix === undefined ? {} : { fix: refusal.fix }),
    cause: refusal,
  });
}

/** What {@link applyPins} decided for one branch. */
export interface PinsApplied {
  /** The new `.slipway/pins.yaml` bytes, or undefined when the file does not change. */
  readonly file: Buffer | undefined;
  /** The pins `--override-pin` promoted over (they stay; the commit names them in `Slipway-Pin-Overridden`). */
  readonly overridden: readonly EnvironmentPin[];
}

/**
 * Checks `images` against the pins: a pinned image is refused, unless `override` and the policy allows it
 * (then reported in `overridden`). With `add` (a rollback), pins the images instead, in the new file bytes.
 */
export function applyPins(
  pins: readonly EnvironmentPin[],
  target: EnvironmentTarget,
  images: readonly { repository: string; name?: string; tag?: string; digest?: string }[],
  options: PinOptions,
): PinsApplied {
  if (options.add === undefined) {
    const overridden: EnvironmentPin[] = [];
    for (const image of images) {
      const pin = pins.find((p) => pinRepository(p) === image.repository);
      if (pin === undefined) continue;
      const refusal = options.overrideRefusal?.(pin, target);
      if (options.override !== true) throw pinnedError(pin, target, refusal);
      if (refusal !== undefined) throw overrideRefusedError(pin, target, refusal);
      overridden.push(pin);
    }
    return { file: undefined, overridden };
  }
  const add = options.add;
  const kept = pins.filter((p) => !images.some((image) => image.repository === pinRepository(p)));
  const added = images.map((image): EnvironmentPin => {
    if (image.digest === undefined) throw new Error(`bug: pinning ${image.repository} without a digest`);
    return {
      image: image.name ?? image.repository,
      digest: image.digest,
      ...(image.tag === undefined ? {} : { tag: image.tag }),
      reason: add.reason,
      ...(add.commit === undefined ? {} : { commit: add.commit }),
      ...(add.by === undefined ? {} : { by: add.by }),
      at: add.at,
    };
  });
  return { file: Buffer.from(formatPins([...kept, ...added]) ?? '', 'utf8'), overridden: [] };
}

export interface UnpinRequest {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  readonly target: EnvironmentTarget;
  /** Normalised repository. */
  readonly repository: string;
  readonly author: Identity;
  readonly committer: Identity;
  readonly retry: RetryPolicy;
  readonly dryRun?: boolean;
  readonly tmpRoot?: string;
  readonly onCommand?: (argv: string[]) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly progress?: (message: string) => void;
}

export interface UnpinOutcome {
  readonly env: string;
  readonly branch: string;
  readonly commit: string | null;
  readonly removed: EnvironmentPin;
  readonly remaining: number;
}

/** Removes an image's pin from an environment branch: one commit, pushed without force, retried on races. */
export async function unpin(request: UnpinRequest): Promise<UnpinOutcome> {
  const { target } = request;
  const repo = await ConfigRepo.open(request.configRepo, request.auth, {
    tmpRoot: request.tmpRoot,
    onCommand: request.onCommand,
  });
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  try {
    for (let attempt = 1; attempt <= request.retry.maxAttempts; attempt += 1) {
      const tip = (await repo.fetchBranches([target.branch], { blobs: 'none' })).get(target.branch) ?? null;
      if (tip === null) {
        throw new SlipwayError(`branch ${target.branch} of environment ${target.env} does not exist`, {
          where: repo.url,
          fix: 'check --env and --branch-template',
        });
      }
      const pins = await readPins(repo, tip);
      const removed = pins.find((p) => pinRepository(p) === request.repository);
      if (removed === undefined) {
        throw new SlipwayError(`${request.repository} is not pinned in ${target.env}`, {
          where: `${PINS_FILE} on branch ${target.branch}`,
          fix:
            pins.length === 0 ? 'nothing to unpin' : `pinned there: ${pins.map((p) => p.image).join(', ')}`,
        });
      }
      const rest = pins.filter((p) => p !== removed);
      const text = formatPins(rest);
      const message = unpinMessage({
        env: target.env,
        image: removed.image,
        digest: removed.digest,
        reason: removed.reason,
      });
      const commit = await repo.commit({
        parent: tip,
        files: text === null ? new Map() : new Map([[PINS_FILE, Buffer.from(text, 'utf8')]]),
        deletions: text === null ? [PINS_FILE] : [],
        message,
        author: request.author,
        committer: request.committer,
      });
      if (request.dryRun === true) {
        return { env: target.env, branch: target.branch, commit, removed, remaining: rest.length };
      }
      const pushed = await repo.push([{ branch: target.branch, commit }]);
      if (pushed.ok) {
        request.progress?.(`${target.branch}: pushed ${commit.slice(0, 12)}`);
        return { env: target.env, branch: target.branch, commit, removed, remaining: rest.length };
      }
      if (pushed.kind === 'refused') {
        throw new SlipwayError(`the config repo refused the push: ${pushed.message}`, {
          where: target.branch,
          fix: pushed.fix ?? 'check branch protection and the token’s write permission',
        });
      }
      if (attempt < request.retry.maxAttempts) await sleep(backoffDelay(request.retry, attempt, Math.random));
    }
    throw new SlipwayError(`the push kept being rejected after ${request.retry.maxAttempts} attempts`, {
      where: target.branch,
      fix: 'retry later',
    });
  } finally {
    await repo.dispose();
  }
}
