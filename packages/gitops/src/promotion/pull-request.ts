import { createHash } from 'node:crypto';
import type { ApprovalRuleTemplateRequirement } from '@slipway/codecommit';
import { SlipwayError } from '@slipway/errors';
import type { MergeMethod } from '@slipway/github';
import { formatReference, parseReference } from '@slipway/oci';
import { isValidBranchName } from '../git/index.js';
import type { Change } from '../manifest/index.js';
import type { PromotedImage } from './message.js';
import type { ImageRequest } from './target.js';
import type { GitHubRepo } from './transport.js';

/** Which environments are promoted through pull requests, and how those look. */
export interface PullRequestOptions {
  /** Environments promoted through a pull request into their branch (the others are pushed). */
  readonly envs: ReadonlySet<string>;
  /** Labels; `{env}` stands for the environment. Default: `slipway`, `promotion`, `env:{env}`. */
  readonly labels?: readonly string[];
  readonly autoMerge?: MergeMethod;
  /**
   * Per environment, the approval-rule template its pull requests must carry (`.slipway.yaml`'s
   * `pullRequest.approvalRuleTemplate`; CodeCommit only).
   */
  readonly approvalRuleTemplates?: ReadonlyMap<string, ApprovalRuleTemplateRequirement>;
}

/** The pull request a promotion opened or updated. */
export interface PullRequestOutcome {
  readonly number: number;
  readonly url: string;
  /** True when this promotion opened it; false when it updated the open one. */
  readonly created: boolean;
  /** The branch it proposes (Slipway's own, force-updated by each promotion of the same images). */
  readonly head: string;
  readonly autoMerge: 'enabled' | 'not-requested' | 'not-allowed' | 'unavailable';
  /** The approval rule the policy's template asks for, and how the pull request came to carry it. */
  readonly approvalRule?: {
    readonly template: string;
    readonly state: 'associated' | 'added' | 'present';
  };
  readonly warnings: readonly string[];
}

export const DEFAULT_PR_LABELS = ['slipway', 'promotion', 'env:{env}'] as const;

/**
 * `slipway/promote/<env>/<image short names>`: one stable branch per environment and set of images, so a
 * second promotion of the same images updates the open pull request instead of opening another. Short names
 * that collide (two registries' `cart`) or a long list get a hash of the full repositories.
 */
export function pullRequestBranch(env: string, images: readonly ImageRequest[]): string {
  const repositories = [...new Set(images.map((image) => image.repository))].sort();
  const shortNames = repositories.map((repository) => repository.split('/').at(-1) ?? repository);
  let name = [...new Set(shortNames)].join('+');
  if (new Set(shortNames).size !== shortNames.length || name.length > 80) {
    const hash = createHash('sha256').update(repositories.join('\n')).digest('hex').slice(0, 10);
    name = `${shortNames.length === 1 ? (shortNames[0] ?? 'image') : `${shortNames.length}-images`}-${hash}`;
  }
  const branch = `slipway/promote/${env}/${name}`;
  if (!isValidBranchName(branch)) throw new Error(`bug: ${branch} is not a valid branch name`);
  return branch;
}

export interface PullRequestBodyInput {
  readonly env: string;
  readonly base: string;
  readonly head: string;
  readonly images: readonly PromotedImage[];
  readonly changes: readonly Change[];
  readonly sourceCommit?: string;
  readonly runUrl?: string;
}

/** What a reviewer needs: each image before → after, where it came from, who verified it, every change. */
export function pullRequestBody(input: PullRequestBodyInput): string {
  const code = (text: string) => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  const rows = input.images.map((image) => {
    const after = formatReference(image.name, image.tag, image.digest);
    return `| ${code(image.name)} | ${image.previous === undefined ? '—' : code(shortForm(image.previous))} | ${code(shortForm(after))} | ${image.verifiedBy === undefined ? '—' : code(image.verifiedBy)} |`;
  });
  const source = [
    ...(input.sourceCommit === undefined ? [] : [`- Source commit: ${code(input.sourceCommit)}`]),
    ...(input.runUrl === undefined ? [] : [`- Run: ${input.runUrl}`]),
  ];
  const changes = input.changes.map(
    (change) => `- ${code(`${change.file}:${change.line}`)}: ${code(change.before)} → ${code(change.after)}`,
  );
  return [
    `Promotes ${input.images.length === 1 ? 'one image' : `${input.images.length} images`} to **${input.env}** (branch ${code(input.base)}).`,
    '',
    '| Image | Before | After | Verified by |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(source.length === 0 ? [] : ['', ...source]),
    '',
    '### Changes',
    '',
    ...changes,
    '',
    `<sub>Opened by Slipway. ${code(input.head)} is Slipway's branch: the next promotion of the same images to ${input.env} replaces its commit and updates this pull request. Merging lands the promotion commit (with its Slipway trailers) on ${code(input.base)}.</sub>`,
    '',
  ].join('\n');
}

/** `repo:tag@sha256:abcdef123456…` is long; the table shows the tag and a short digest, the full one is in the commit. */
function shortForm(reference: string): string {
  try {
    const parsed = parseReference(reference);
    const name = reference.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    const digest = parsed.digest === undefined ? undefined : parsed.digest.slice(0, 'sha256:'.length + 12);
    return `${name}${parsed.tag === undefined ? '' : `:${parsed.tag}`}${digest === undefined ? '' : `@${digest}`}`;
  } catch {
    return reference;
  }
}

/**
 * What a promotion proposes, decided once whatever the forge: the branches, the commit the head holds, the
 * title (the commit's subject), the body and the labels (with `{env}` filled in).
 */
export interface PullRequestProposal {
  readonly env: string;
  readonly base: string;
  readonly head: string;
  readonly headCommit: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

/**
 * Where pull requests are opened: GitHub or CodeCommit (pull-request-hosts.ts). One open pull request per head
 * and base, updated in place by the next promotion.
 */
export interface PullRequestHost {
  /**
   * Runs before anything is written: refuses what this forge cannot do with `options` and reads what the pull
   * requests of `envs` will need, so a refusal leaves the config repo untouched.
   */
  prepare(options: PullRequestOptions, envs: readonly string[]): Promise<void>;
  /** Opens the pull request, or updates the open one. */
  open(proposal: PullRequestProposal, options: PullRequestOptions): Promise<PullRequestOutcome>;
}

/** Proposes head → base through `host`, with the title, body and labels gitops decides for every forge. */
export async function openPullRequest(
  host: PullRequestHost,
  options: PullRequestOptions,
  input: PullRequestBodyInput & { readonly title: string; readonly headCommit: string },
): Promise<PullRequestOutcome> {
  const labels = (options.labels ?? DEFAULT_PR_LABELS).map((label) => label.replaceAll('{env}', input.env));
  return host.open(
    {
      env: input.env,
      base: input.base,
      head: input.head,
      headCommit: input.headCommit,
      title: input.title,
      body: pullRequestBody(input),
      labels,
    },
    options,
  );
}

/** Pull-request mode and API mode need a repository on GitHub: a clear error otherwise. */
export function requireGitHub(github: GitHubRepo | undefined, what: string): GitHubRepo {
  if (github === undefined) {
    throw new SlipwayError(`${what} needs the config repo on GitHub`, {
      fix: 'use an https://github.com/OWNER/REPO (or GitHub Enterprise) URL, with --github-api-url for GitHub Enterprise Server',
    });
  }
  return github;
}
