// The forges pull-request mode opens pull requests on: GitHub (REST, labels, auto-merge) and AWS CodeCommit
// (no labels, no auto-merge; approval-rule templates). Which one follows from the config repo's address.

import {
  type ApprovalRuleTemplate,
  type CodeCommitRepo,
  openCodeCommitRepo,
  parseCodeCommitRemote,
  readApprovalRuleTemplate,
  upsertCodeCommitPullRequest,
} from '@slipway/codecommit';
import { SlipwayError } from '@slipway/errors';
import { upsertPullRequest } from '@slipway/github';
import type {
  PullRequestHost,
  PullRequestOptions,
  PullRequestOutcome,
  PullRequestProposal,
} from './pull-request.js';
import type { GitHubRepo } from './transport.js';

/**
 * The pull-request host for `configRepo`: CodeCommit for a CodeCommit address (through `codecommit`, the
 * client `--via codecommit-api` opened already, when there is one), else GitHub (`github`).
 */
export async function pullRequestHostFor(
  configRepo: string,
  apis: { readonly github: GitHubRepo | undefined; readonly codecommit: CodeCommitRepo | undefined },
  what: string,
  env: Record<string, string | undefined> = process.env,
): Promise<PullRequestHost> {
  const remote = parseCodeCommitRemote(configRepo);
  if (remote !== undefined) {
    return codeCommitPullRequests(apis.codecommit ?? (await openCodeCommitRepo(remote, env)));
  }
  const { github } = apis;
  if (github === undefined) {
    throw new SlipwayError(`${what} needs the config repo on GitHub or AWS CodeCommit`, {
      fix: 'use an https://github.com/OWNER/REPO (or GitHub Enterprise) URL, with --github-api-url for GitHub Enterprise Server, or a CodeCommit address (codecommit::<region>://<repository>)',
    });
  }
  return gitHubPullRequests(github);
}

/** Whether `configRepo` is on CodeCommit (pull requests there need no GitHub repository or token). */
export function isCodeCommitConfigRepo(configRepo: string): boolean {
  return parseCodeCommitRemote(configRepo) !== undefined;
}

export function gitHubPullRequests(github: GitHubRepo): PullRequestHost {
  return {
    prepare: async (options, envs) => {
      const template = envs
        .map((env) => options.approvalRuleTemplates?.get(env))
        .find((requirement) => requirement !== undefined);
      if (template !== undefined) {
        throw new SlipwayError(
          `pullRequest.approvalRuleTemplate ${JSON.stringify(template.name)} is a CodeCommit setting, and the config repo is on GitHub`,
          {
            where: template.declaredAt,
            fix: 'remove it and require reviews with a branch protection rule (or ruleset) on the environment branch',
          },
        );
      }
    },
    open: async (proposal, options) => {
      const result = await upsertPullRequest({
        ...github,
        head: proposal.head,
        base: proposal.base,
        title: proposal.title,
        body: proposal.body,
        labels: proposal.labels,
        ...(options.autoMerge === undefined ? {} : { autoMerge: options.autoMerge }),
      });
      return {
        number: result.number,
        url: result.url,
        created: result.created,
        head: proposal.head,
        autoMerge: result.autoMerge,
        warnings: result.warnings,
      };
    },
  };
}

/**
 * CodeCommit has no labels: they are written as a line of the description, where a reviewer (and a search)
 * finds them. It has no auto-merge either: `autoMerge` is refused before anything is written, since merging
 * is what its approval rules are there to gate.
 */
export function codeCommitPullRequests(repo: CodeCommitRepo): PullRequestHost {
  const templates = new Map<string, ApprovalRuleTemplate>();
  return {
    prepare: async (options, envs) => {
      if (options.autoMerge !== undefined) {
        throw new SlipwayError(
          `CodeCommit pull requests have no auto-merge (--auto-merge ${options.autoMerge})`,
          {
            where: '--auto-merge',
            fix: 'leave --auto-merge out and merge the pull request once its approval rules are satisfied (console or aws codecommit merge-pull-request-by-fast-forward)',
          },
        );
      }
      for (const env of envs) {
        const requirement = options.approvalRuleTemplates?.get(env);
        if (requirement === undefined || templates.has(env)) continue;
        templates.set(env, await readApprovalRuleTemplate(repo, requirement));
      }
    },
    open: async (
      proposal: PullRequestProposal,
      _options: PullRequestOptions,
    ): Promise<PullRequestOutcome> => {
      const template = templates.get(proposal.env);
      const labels = proposal.labels.map((label) => `\`${label.replace(/`/g, "'")}\``).join(', ');
      const result = await upsertCodeCommitPullRequest({
        repo,
        head: proposal.head,
        base: proposal.base,
        headCommit: proposal.headCommit,
        title: proposal.title,
        description: labels === '' ? proposal.body : `${proposal.body}\nLabels: ${labels}\n`,
        ...(template === undefined ? {} : { approvalRuleTemplate: template }),
      });
      return {
        number: Number(result.id),
        url: result.url,
        created: result.created,
        head: proposal.head,
        autoMerge: 'not-requested',
        ...(template === undefined || result.approvalRule === 'none'
          ? {}
          : { approvalRule: { template: template.name, state: result.approvalRule } }),
        warnings: [],
      };
    },
  };
}
