import type { CodeCommitRepo } from '@slipway/codecommit';
import { SlipwayError } from '@slipway/errors';
import { formatReference } from '@slipway/oci';
import {
  type BlobScope,
  type BranchReader,
  type BranchUpdate,
  type ConfigRepo,
  type GitAuth,
  GitError,
  type Identity,
  type PushResult,
} from '../git/index.js';
import type { Change, DesiredImage, ImagePolicy, Pin, ValuesPath } from '../manifest/index.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import type { FileWarning } from './candidates.js';
import { type LaneHold, takeLanes } from './lane.js';
import type { HostLaneOptions } from './lane-directory.js';
import { type PromotedImage, promotionMessage, TRAILER } from './message.js';
import { type PinnedImage, readPinnedImages } from './pinned.js';
import type { PinOptions, PinOverrideRefusal } from './pins.js';
import { type BranchPlan, planBranch } from './plan.js';
import { setHeadCommand } from './policy-source.js';
import {
  openPullRequest,
  type PullRequestHost,
  type PullRequestOptions,
  type PullRequestOutcome,
  pullRequestBranch,
  requireGitHub,
} from './pull-request.js';
import { pullRequestHostFor } from './pull-request-hosts.js';
import { SnapshotCache } from './snapshot-cache.js';
import type { EnvironmentTarget, ImageRequest } from './target.js';
import {
  type GitHubRepo,
  type OwnBranchUpdate,
  openTransport,
  type Transport,
  type Via,
} from './transport.js';

export interface PromoteRequest {
  /** Any URL git accepts, or a local path. */
  readonly configRepo: string;
  readonly auth?: GitAuth;
  readonly targets: readonly EnvironmentTarget[];
  readonly images: readonly ImageRequest[];
  /** Take each image's tag and digest from what this environment pins right now. */
  readonly from?: EnvironmentTarget;
  readonly pin: Pin;
  readonly valuesPaths: readonly ValuesPath[];
  /** Flux ImagePolicies tied to promoted images: the markers naming them are edited (`--image-policy`). */
  readonly imagePolicies?: readonly ImagePolicy[];
  readonly createBranch: boolean;
  readonly dryRun: boolean;
  readonly author: Identity;
  readonly committer: Identity;
  readonly source: { readonly commit?: string; readonly runUrl?: string };
  readonly retry: RetryPolicy;
  /**
   * Runs once before anything is edited, with the images as they will be promoted (after `from`): it may
   * refuse (throw) or return them annotated (`verifiedBy`). The policy gate of signatures and promoteFrom.
   */
  readonly gate?: (input: GateInput) => Promise<readonly ImageRequest[]>;
  readonly progress?: (message: string) => void;
  /** What the user must hear about, naming a file: a candidate file left alone. Default: progress. */
  readonly warn?: (message: string, location: { readonly file: string }) => void;
  readonly tmpRoot?: string;
  /** Called with the argv of every git command (for tests and tracing; argv never carries secrets). */
  readonly onCommand?: (argv: string[]) => void;
  /**
   * With `via: git`: the temporary repository to work in, opened by the caller (who disposes of it), when the
   * policy was read through it: what it fetched for the flags' branches and folders is used (see
   * ConfigRepo.planReads). Default: one of its own.
   */
  readonly repo?: ConfigRepo;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** More commit trailers (a rollback's `Slipway-Rollback-Of`). */
  readonly trailers?: readonly (readonly [string, string])[];
  /** Pin the promoted images in the target environments, in the same commit (`.slipway/pins.yaml`; rollback). */
  readonly pinAs?: PinOptions['add'];
  /** Promote images an environment pins (the pins stay). Default false: refused. */
  readonly overridePin?: boolean;
  /** The policy's say on `overridePin`, per pin and environment (`.slipway.yaml`'s `pins.override`). */
  readonly pinOverrideRefusal?: PinOverrideRefusal;
  /**
   * `git` (default): a temporary repo, fetch and push. `github-api` / `codecommit-api`: no clone, commits
   * through the forge's API.
   */
  readonly via?: Via;
  /** The config repo on GitHub: needed by `via: github-api` and by pull requests on GitHub. */
  readonly github?: GitHubRepo;
  /** The config repo on CodeCommit: needed by `via: codecommit-api` (see codeCommitRepoOf). */
  readonly codecommit?: CodeCommitRepo;
  /** Environments promoted through a pull request into their branch instead of a push to it. */
  readonly pullRequests?: PullRequestOptions;
  /**
   * Promotions to the same branches from this machine take turns (see lane.ts) instead of racing for its cores.
   * Absent: every attempt races.
   */
  readonly lane?: HostLaneOptions;
}

export interface GateInput {
  readonly images: readonly ImageRequest[];
  /** What an environment pins right now by digest, per normalised repository (absent: not pinned by digest). */
  pinnedIn(target: EnvironmentTarget): Promise<Map<string, PinnedImage>>;
}

export interface BranchOutcome {
  readonly env: string;
  readonly branch: string;
  /**
   * The promotion commit, or null when nothing changed. In a dry run, the commit that would be pushed (null
   * through the API, which writes nothing in a dry run). In pull-request mode, the head of the pull request.
   */
  readonly commit: string | null;
  readonly noop: boolean;
  readonly created: boolean;
  readonly changes: readonly Change[];
  readonly attempts: number;
  /** Unified diff of the change, for dry runs. */
  readonly diff?: string;
  /** The images as promoted (tag and digest filled in by `from`). */
  readonly images: readonly ImageRequest[];
  /** In pull-request mode: the pull request opened or updated (absent when nothing changed, or in a dry run). */
  readonly pullRequest?: PullRequestOutcome;
}

const APPROVAL_RULE_STATES = {
  associated: 'applied by CodeCommit: the template is associated with the repository',
  added: 'its rule added now',
  present: 'its rule added by an earlier promotion',
} as const;

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How branches are fetched. `scoped`: every target (and `from`) names a path, so only commits and trees come,
 * then the blobs under those paths in one request. `whole`: every blob at the tips (grep sees every file).
 * A scoped promotion falls back to `whole` for good when the server refuses to send single blobs.
 */
interface FetchMode {
  scoped: boolean;
}

/**
 * Sets images on environment branches: one commit per branch, pushed together without force. When a branch
 * moved under us, the intent ("set image X to D") is applied again on the new tip, after a slotted backoff
 * (see backoffDelay), reading again only what the new tip changed (see SnapshotCache).
 * In pull-request mode, an environment's commit (built the same way, on its branch's tip) goes to Slipway's own
 * branch for it instead, and a pull request into the environment branch is opened or updated.
 */
export async function promote(request: PromoteRequest): Promise<BranchOutcome[]> {
  assertDistinctBranches(request.targets);
  const progress = request.progress ?? (() => {});
  const warned = new Set<string>();
  const warn = (warning: FileWarning): void => {
    // Once per file and reason, however many attempts plan the branch again.
    if (warned.has(warning.message)) return;
    warned.add(warning.message);
    if (request.warn === undefined) progress(`warning: ${warning.message}`);
    else request.warn(warning.message, { file: warning.file });
  };
  const via = request.via ?? 'git';
  const prEnvs = request.pullRequests?.envs ?? new Set<string>();
  const byPullRequest = request.targets.filter((target) => prEnvs.has(target.env));
  const github =
    via === 'github-api'
      ? requireGitHub(request.github, 'promoting through the GitHub API (--via github-api)')
      : request.github;
  const pullRequestOptions = request.pullRequests ?? { envs: prEnvs };
  // Chosen and prepared before anything is read or written: what the forge cannot do is refused up front.
  let pullRequestHost: PullRequestHost | undefined;
  if (byPullRequest.length > 0) {
    pullRequestHost = await pullRequestHostFor(
      request.configRepo,
      { github, codecommit: request.codecommit },
      `promoting ${byPullRequest.map((t) => t.env).join(', ')} through a pull request`,
    );
    await pullRequestHost.prepare(
      pullRequestOptions,
      byPullRequest.map((t) => t.env),
    );
  }
  const repo = await openTransport({
    via,
    configRepo: request.configRepo,
    ...(request.codecommit === undefined ? {} : { codecommit: request.codecommit }),
    ...(request.auth === undefined ? {} : { auth: request.auth }),
    ...(github === undefined ? {} : { github }),
    ...(request.tmpRoot === undefined ? {} : { tmpRoot: request.tmpRoot }),
    ...(request.onCommand === undefined ? {} : { onCommand: request.onCommand }),
    ...(request.repo === undefined ? {} : { repo: request.repo }),
  });
  const mode: FetchMode = {
    scoped:
      request.targets.length > 0 &&
      request.targets.every((target) => target.path !== undefined) &&
      (request.from === undefined || request.from.path !== undefined),
  };
  // The lanes the attempt under way holds, let go after its push or on the way out.
  let hold: LaneHold | undefined;
  try {
    const pinnedIn = (target: EnvironmentTarget, strict: boolean) =>
      readPinsAt(repo, target, request, mode, progress, strict);
    const resolved =
      request.from === undefined ? request.images : await imagesFrom(request, (t) => pinnedIn(t, true));
    const images =
      request.gate === undefined
        ? resolved
        : await request.gate({ images: resolved, pinnedIn: (t) => pinnedIn(t, false) });
    const desired = images.map(toDesired);
    const sleep = request.sleep ?? sleepFor;
    const random = request.random ?? Math.random;
    let lastRejection = '';
    // Through the API, environments move one by one: what one that already landed changed, for its outcome.
    const landedChanges = new Map<string, readonly Change[]>();

    // What the attempts read, kept across them: a retry reads again only the paths the new tip changed.
    const snapshots = new SnapshotCache(repo.reader, repo.changedPaths?.bind(repo));
    // The repository as the transport reaches it: credentials taken out of the address, a local path made absolute.
    const laneKeyOf = new Map(
      request.targets.map((target) => [target.branch, `${repo.url}\0${target.branch}`]),
    );

    for (let attempt = 1; attempt <= request.retry.maxAttempts; attempt += 1) {
      const started = performance.now();
      // Fetch, plan and commit; once more, holding the lane, when another promotion from this machine went first.
      // handedOver: the branches are what the promotion before pushed, taken over from its pack (see lane.ts).
      const prepare = async (handedOver = false) => {
        const tips = await fetchTips(repo, request, progress, mode, snapshots, handedOver);
        // Pull-request heads, read now: their push is forced only over what this attempt saw.
        const heads = new Map(byPullRequest.map((t) => [t.branch, pullRequestBranch(t.env, images)]));
        const headTips = request.dryRun
          ? new Map<string, string | null>()
          : await repo.ownTips([...heads.values()]);
        const plans: Array<{ target: EnvironmentTarget; base: string; created: boolean; plan: BranchPlan }> =
          [];
        for (const target of request.targets) {
          const tip = tips.get(target.branch);
          if (tip === undefined) throw new Error(`bug: no tip for ${target.branch}`);
          const plan = await planBranch(
            snapshots.reader,
            tip.commit,
            target,
            desired,
            request.pin,
            request.valuesPaths,
            request.imagePolicies ?? [],
            {
              override: request.overridePin === true,
              ...(request.pinOverrideRefusal === undefined
                ? {}
                : { overrideRefusal: request.pinOverrideRefusal }),
              ...(request.pinAs === undefined ? {} : { add: request.pinAs }),
              names: new Map(images.map((image) => [image.repository, image.name])),
            },
          );
          progress(
            `${target.branch}: ${plan.sites.length} reference${plan.sites.length === 1 ? '' : 's'} in ${plan.filesScanned} file${plan.filesScanned === 1 ? '' : 's'}, ${plan.changes.length} to change`,
          );
          for (const warning of plan.warnings) warn(warning);
          for (const pin of plan.overriddenPins) {
            progress(
              `${target.branch}: ${pin.image} is pinned at ${pin.digest}; promoting over the pin (--override-pin), which stays`,
            );
          }
          plans.push({ target, base: tip.commit, created: tip.created, plan });
        }

        const commits = new Map<string, string>();
        const messages = new Map<string, string>();
        for (const { target, base, plan } of plans) {
          if (plan.files.size === 0) continue;
          const message = promotionMessage({
            env: target.env,
            images: promotedImages(images, plan),
            ...(request.source.commit === undefined ? {} : { sourceCommit: request.source.commit }),
            ...(request.source.runUrl === undefined ? {} : { runUrl: request.source.runUrl }),
            trailers: [
              ...(request.trailers ?? []),
              ...plan.overriddenPins.map(
                (pin) => [TRAILER.pinOverridden, `${pin.image}@${pin.digest}`] as const,
              ),
            ],
          });
          const commit = await repo.commit({
            parent: base,
            files: plan.files,
            message,
            author: request.author,
            committer: request.committer,
          });
          commits.set(target.branch, commit);
          messages.set(target.branch, message);
        }

        // A missing environment branch is created (at the default branch's tip) even in pull-request mode: the
        // pull request needs a base.
        const updates = plans
          .filter(
            ({ target, created }) => (commits.has(target.branch) && !heads.has(target.branch)) || created,
          )
          .map(({ target, base }) => ({
            branch: target.branch,
            commit: heads.has(target.branch) ? base : (commits.get(target.branch) ?? base),
          }));
        const own: OwnBranchUpdate[] = plans.flatMap(({ target }) => {
          const head = heads.get(target.branch);
          const commit = commits.get(target.branch);
          if (head === undefined || commit === undefined) return [];
          return [{ branch: head, commit, expected: headTips.get(head) ?? null }];
        });
        return { plans, commits, messages, heads, updates, own };
      };
      let prepared = await prepare();
      let waitedMs = 0;
      if (
        request.lane !== undefined &&
        !request.dryRun &&
        hold === undefined &&
        (prepared.updates.length > 0 || prepared.own.length > 0)
      ) {
        // Planned outside the lane (its reads carry over), pushed inside it.
        const asked = performance.now();
        hold = await takeLanes(request.lane, [...laneKeyOf.values()]);
        waitedMs = performance.now() - asked;
        if (hold?.othersCame === true) {
          progress(
            `another promotion from this machine went first (waited ${Math.round(waitedMs)} ms for its turn): reading the branch again`,
          );
          // What it pushed, when it said: taken over from the pack it left, else fetched by id, without a listing.
          const told = [...laneKeyOf].flatMap(([branch, key]) => {
            const commit = hold?.landed.get(key);
            const pack = hold?.handed.get(key);
            return commit === undefined ? [] : [{ branch, commit, pack }];
          });
          let handedOver = false;
          if (told.length === laneKeyOf.size) {
            const packs = told.flatMap(({ branch, commit, pack }) =>
              pack === undefined ? [] : [[branch, { commit, pack }] as const],
            );
            // A promotion without --path reads every blob, which a pack does not bring.
            handedOver =
              mode.scoped && packs.length === told.length && (await repo.takeOver?.(new Map(packs))) === true;
            if (!handedOver) repo.noteTips?.(new Map(told.map(({ branch, commit }) => [branch, commit])));
          }
          prepared = await prepare(handedOver);
        }
      }
      const { plans, commits, messages, heads, updates, own } = prepared;
      const pullRequests = new Map<string, PullRequestOutcome>();

      const outcome = async (withDiff: boolean): Promise<BranchOutcome[]> =>
        Promise.all(
          plans.map(async ({ target, base, created, plan }) => {
            const made = commits.get(target.branch);
            const landed = repo.landed.get(target.branch);
            const pullRequest = pullRequests.get(target.branch);
            return {
              env: target.env,
              branch: target.branch,
              commit: made === undefined ? (landed ?? null) : repo.published(made),
              noop: made === undefined && landed === undefined,
              created,
              changes: made === undefined ? (landedChanges.get(target.branch) ?? plan.changes) : plan.changes,
              attempts: attempt,
              images,
              ...(withDiff ? { diff: made === undefined ? '' : await repo.diff(base, made) } : {}),
              ...(pullRequest === undefined ? {} : { pullRequest }),
            };
          }),
        );

      if (request.dryRun) return await outcome(true);
      if (updates.length === 0 && own.length === 0) return await outcome(false);

      // While the push is on the wire, what it pushes is packed for the promotion waiting for the lane.
      const packing = hold?.waiting() === true ? packsOf(repo, updates, laneKeyOf) : undefined;
      // Pull-request heads first: when one is stale, nothing has moved yet and the whole intent is re-applied.
      const pushed = await pushAll(repo, own, updates, progress);
      // The next promotion from this machine hears what landed (the branches pushed, not pull-request heads).
      await hold?.release(
        pushed.ok
          ? new Map(
              updates.flatMap((update) => {
                const key = laneKeyOf.get(update.branch);
                const commit = repo.published(update.commit);
                return key === undefined || commit === null ? [] : [[key, commit] as const];
              }),
            )
          : undefined,
        pushed.ok ? await packing : undefined,
      );
      hold = undefined;
      if (pushed.ok) {
        for (const { target, plan } of plans) {
          const head = heads.get(target.branch);
          const message = messages.get(target.branch);
          const commit = commits.get(target.branch);
          if (head === undefined || message === undefined || commit === undefined) continue;
          if (pullRequestHost === undefined) throw new Error('bug: a pull request without a host');
          const opened = await openPullRequest(pullRequestHost, pullRequestOptions, {
            env: target.env,
            base: target.branch,
            head,
            headCommit: repo.published(commit) ?? commit,
            title: message.split('\n')[0] ?? message,
            images: promotedImages(images, plan),
            changes: plan.changes,
            ...(request.source.commit === undefined ? {} : { sourceCommit: request.source.commit }),
            ...(request.source.runUrl === undefined ? {} : { runUrl: request.source.runUrl }),
          });
          progress(
            `${target.branch}: pull request #${opened.number} ${opened.created ? 'opened' : 'updated'}: ${opened.url}`,
          );
          if (opened.approvalRule !== undefined) {
            progress(
              `${target.branch}: pull request #${opened.number} carries approval-rule template ${opened.approvalRule.template} (${APPROVAL_RULE_STATES[opened.approvalRule.state]})`,
            );
          }
          for (const warning of opened.warnings) progress(`warning: ${warning}`);
          pullRequests.set(target.branch, opened);
        }
        return await outcome(false);
      }
      if (pushed.kind === 'refused') {
        throw new SlipwayError(`the config repo refused the push: ${pushed.message}`, {
          where: pushed.branch ?? [...own, ...updates].map((u) => u.branch).join(', '),
          fix:
            pushed.fix ??
            'check branch protection and the token’s write permission, or use pull-request mode',
        });
      }
      for (const { target, plan } of plans) {
        if (repo.landed.has(target.branch) && !landedChanges.has(target.branch)) {
          landedChanges.set(target.branch, plan.changes);
        }
      }
      lastRejection = pushed.message;
      if (attempt < request.retry.maxAttempts) {
        // Every attempt that gets here was rejected as stale, so `attempt` counts the rejections in a row; how
        // long this one took (fetch → plan → commit → push) is the slot the retries spread over.
        // The slot is the attempt's own work: the wait for a lane is not.
        const delay = backoffDelay(request.retry, attempt, random, performance.now() - started - waitedMs);
        progress(
          `${pushed.branch ?? 'branch'} moved while promoting (attempt ${attempt}/${request.retry.maxAttempts}); re-applying on the new tip in ${delay} ms`,
        );
        await sleep(delay);
      }
    }
    throw new SlipwayError(
      `the push kept being rejected after ${request.retry.maxAttempts} attempts because the branch kept moving (last: ${lastRejection})`,
      {
        where: request.targets.map((t) => t.branch).join(', '),
        fix: 'retry later, or raise --max-attempts when many pipelines promote to one branch at once',
      },
    );
  } finally {
    await hold?.release();
    await repo.dispose();
  }
}

/**
 * Per lane key, the pack of what `updates` push (Transport.handOver), for the promotion that takes the lane
 * next. A pack that cannot be made is left out: that promotion fetches instead.
 */
async function packsOf(
  repo: Transport,
  updates: readonly BranchUpdate[],
  laneKeyOf: ReadonlyMap<string, string>,
): Promise<Map<string, Buffer>> {
  const packs = new Map<string, Buffer>();
  for (const update of updates) {
    const key = laneKeyOf.get(update.branch);
    if (key === undefined || repo.handOver === undefined) continue;
    const pack = await repo.handOver(update.commit).catch(() => undefined);
    if (pack !== undefined) packs.set(key, pack);
  }
  return packs;
}

/** Pushes pull-request heads (forced, over what was read only), then environment branches together (never forced). */
async function pushAll(
  repo: Transport,
  own: readonly OwnBranchUpdate[],
  updates: BranchUpdate[],
  progress: (message: string) => void,
): Promise<PushResult> {
  const shown = (commit: string) => (repo.published(commit) ?? commit).slice(0, 12);
  for (const update of own) {
    const pushed = await repo.pushOwn(update);
    if (!pushed.ok) return pushed;
    progress(`${update.branch}: pushed ${shown(update.commit)}`);
  }
  if (updates.length === 0) return { ok: true };
  const pushed = await repo.push(updates, { atomic: updates.length > 1 });
  if (pushed.ok) for (const { branch, commit } of updates) progress(`${branch}: pushed ${shown(commit)}`);
  return pushed;
}

async function fetchTips(
  repo: Transport,
  request: PromoteRequest,
  progress: (message: string) => void,
  mode: FetchMode,
  snapshots: SnapshotCache,
  handedOver = false,
): Promise<Map<string, { commit: string; created: boolean }>> {
  const branches = request.targets.map((t) => t.branch);
  const scoped = mode.scoped;
  // A retry of a scoped promotion asks for what changed since the tips it read, blobs included: the files
  // other pipelines changed under its folders come in the same fetch, not in a second one.
  const again = scoped && branches.every((branch) => snapshots.knows(branch));
  const blobs = scoped ? (again ? 'new' : 'none') : 'all';
  progress(
    handedOver
      ? `Reading ${branches.join(', ')} as the promotion before pushed it (handed over on this machine, not fetched)`
      : scoped
        ? `Fetching ${branches.join(', ')} from ${repo.url} (only files under ${[...new Set(request.targets.map((t) => t.path))].join(', ')})`
        : `Fetching ${branches.join(', ')} from ${repo.url}`,
  );
  const fetched = await repo.fetchBranches(branches, { blobs });
  const tips = new Map<string, { commit: string; created: boolean }>();
  const missing = branches.filter((b) => (fetched.get(b) ?? null) === null);
  if (missing.length > 0 && !request.createBranch) {
    throw new SlipwayError(`branch ${missing.join(', ')} does not exist`, {
      where: repo.url,
      fix: 'create it in the config repo, or pass --create-branch to start it from the default branch',
    });
  }
  let defaultTip: string | undefined;
  if (missing.length > 0) {
    const defaultBranch = await repo.defaultBranch();
    if (defaultBranch === undefined) {
      const [first = ''] = missing;
      throw new SlipwayError(
        `cannot create ${missing.join(', ')}: --create-branch starts a branch from the default branch, and the config repo's HEAD names no existing branch`,
        {
          where: repo.url,
          fix: `point the config repo's HEAD at the branch to start from: ${setHeadCommand('<branch>')}; or create ${first} yourself (\`git push <config repo> <branch>:${first}\`)`,
        },
      );
    }
    defaultTip = (await repo.fetchBranches([defaultBranch], { blobs })).get(defaultBranch) ?? undefined;
    if (defaultTip === undefined) {
      throw new SlipwayError(
        `cannot create ${missing.join(', ')}: the default branch ${defaultBranch} is empty`,
        {
          where: repo.url,
          fix: 'push a first commit to the config repo',
        },
      );
    }
  }
  for (const branch of branches) {
    const tip = fetched.get(branch) ?? null;
    tips.set(
      branch,
      tip === null ? { commit: defaultTip ?? '', created: true } : { commit: tip, created: false },
    );
  }
  // A pack handed over brings the blobs its promotion wrote, not every one that changed since this one's tips.
  for (const [branch, tip] of tips) {
    await snapshots.moveTo(branch, tip.commit, { changedBlobsHere: again && !handedOver });
  }
  if (scoped) {
    const scopes = request.targets.map((target) => ({
      commit: tips.get(target.branch)?.commit ?? '',
      under: [target.path ?? ''],
    }));
    // Through the snapshots: the blobs of a folder the new tip did not change are here already.
    if (!(await prefetched(snapshots.reader, scopes, mode, progress))) {
      return fetchTips(repo, request, progress, mode, snapshots);
    }
  }
  return tips;
}

/**
 * Fetches the blobs of a scoped promotion. When the server will not send them, switches `mode` to whole
 * branches and returns false: the caller fetches again, with every blob.
 */
async function prefetched(
  repo: Pick<BranchReader, 'prefetchBlobs'>,
  scopes: BlobScope[],
  mode: FetchMode,
  progress: (message: string) => void,
): Promise<boolean> {
  try {
    await repo.prefetchBlobs(scopes);
    return true;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    mode.scoped = false;
    progress(`The config repo would not send single files (${error.message}); fetching whole branches`);
    return false;
  }
}

/** Reads, in this session, what `target`'s branch pins for the requested images. */
async function readPinsAt(
  repo: Transport,
  target: EnvironmentTarget,
  request: PromoteRequest,
  mode: FetchMode,
  progress: (message: string) => void,
  strict: boolean,
): Promise<Map<string, PinnedImage>> {
  const fetchSource = async (): Promise<string | null> => {
    const blobs = mode.scoped ? 'none' : 'all';
    const tip = (await repo.fetchBranches([target.branch], { blobs })).get(target.branch) ?? null;
    if (tip === null || !mode.scoped) return tip;
    const scopes = [{ commit: tip, under: [target.path ?? ''] }];
    return (await prefetched(repo, scopes, mode, progress)) ? tip : fetchSource();
  };
  const tip = await fetchSource();
  if (tip === null) {
    throw new SlipwayError(`the branch ${target.branch} of environment ${target.env} does not exist`, {
      where: repo.url,
      fix: `promote to ${target.env} first`,
    });
  }
  return readPinnedImages(
    repo.reader,
    tip,
    target,
    request.images,
    request.valuesPaths,
    request.imagePolicies ?? [],
    strict,
  );
}

async function imagesFrom(
  request: PromoteRequest,
  pinnedIn: (target: EnvironmentTarget) => Promise<Map<string, PinnedImage>>,
): Promise<ImageRequest[]> {
  if (request.from === undefined) return [...request.images];
  const pinned = await pinnedIn(request.from);
  return request.images.map((image) => {
    const found = pinned.get(image.repository);
    if (found === undefined) throw new Error(`bug: ${image.repository} missing from pinned images`);
    return { ...image, ...found };
  });
}

function toDesired(image: ImageRequest): DesiredImage {
  return {
    repository: image.repository,
    ...(image.tag === undefined ? {} : { tag: image.tag }),
    ...(image.digest === undefined ? {} : { digest: image.digest }),
  };
}

function promotedImages(images: readonly ImageRequest[], plan: BranchPlan): PromotedImage[] {
  return images
    .filter((image) => plan.changes.some((change) => change.repository === image.repository))
    .map((image) => {
      const changed = plan.changes.filter((change) => change.repository === image.repository);
      // What ran before: the first changed place that pinned a version (a placeholder pins none).
      const site = changed
        .map((change) => plan.sites.find((s) => s.file === change.file && s.line === change.line))
        .find((s) => s !== undefined && (s.tag !== undefined || s.digest !== undefined));
      const previous =
        site !== undefined && (site.tag !== undefined || site.digest !== undefined)
          ? formatReference(image.name, site.tag, site.digest)
          : undefined;
      return {
        name: image.name,
        ...(image.tag === undefined ? {} : { tag: image.tag }),
        ...(image.digest === undefined ? {} : { digest: image.digest }),
        ...(previous === undefined ? {} : { previous }),
        ...(image.verifiedBy === undefined ? {} : { verifiedBy: image.verifiedBy }),
        places: changed.map((change) => `${change.file}:${change.line}`),
      };
    });
}

function assertDistinctBranches(targets: readonly EnvironmentTarget[]): void {
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.branch)) {
      throw new SlipwayError(`two environments map to the branch ${target.branch}`, {
        fix: 'promote each environment once per call',
      });
    }
    seen.add(target.branch);
  }
}
