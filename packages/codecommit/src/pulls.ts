// Pull requests on a CodeCommit repository: one open pull request per source and destination branch, opened
// or updated in place, carrying the approval rule of a named approval-rule template. The SDK is loaded on
// first use, like the rest of this package.

import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/errors';
import { codeCommitError, codeCommitErrorName } from './api-errors.js';
import type { CodeCommitRepo } from './client.js';
import { pullRequestConsoleUrl } from './remote.js';

/** The shipped IAM policy that grants pull-request mode's calls. */
const PULL_REQUEST_POLICY = 'promote-pull-request.json';

/** CodeCommit's limits: a longer title or description is refused (InvalidTitleException, …). */
const MAX_TITLE = 150;
const MAX_DESCRIPTION = 10_240;

/** An approval-rule template a pull request must carry, and where it was asked for (for errors). */
export interface ApprovalRuleTemplateRequirement {
  readonly name: string;
  /** `.slipway.yaml:14`: the error for a template that does not exist points there. */
  readonly declaredAt: string;
}

/** A template as read from CodeCommit: its content becomes the pull request's rule. */
export interface ApprovalRuleTemplate {
  readonly name: string;
  readonly content: string;
}

export interface UpsertCodeCommitPullRequestInput {
  readonly repo: CodeCommitRepo;
  /** The branch with the change. */
  readonly head: string;
  /** The branch it should land on. */
  readonly base: string;
  /** The commit `head` holds now: with head and base it makes the create call's idempotency token. */
  readonly headCommit: string;
  readonly title: string;
  readonly description: string;
  /** The rule the pull request must carry (read beforehand with readApprovalRuleTemplate). */
  readonly approvalRuleTemplate?: ApprovalRuleTemplate;
}

export interface CodeCommitPullRequest {
  readonly id: string;
  /** The pull request in the AWS console. */
  readonly url: string;
  /** True when this call opened it; false when it updated the open one. */
  readonly created: boolean;
  /**
   * `associated`: CodeCommit applied the template itself (it is associated with the repository); `added`: this
   * call added its rule; `present`: an earlier promotion had added it; `none`: no template was asked for.
   */
  readonly approvalRule: 'associated' | 'added' | 'present' | 'none';
}

/**
 * Reads the approval-rule template `requirement` names. One that does not exist is refused with the place
 * that names it, before anything is written.
 */
export async function readApprovalRuleTemplate(
  repo: CodeCommitRepo,
  requirement: ApprovalRuleTemplateRequirement,
): Promise<ApprovalRuleTemplate> {
  const { GetApprovalRuleTemplateCommand } = await import('@aws-sdk/client-codecommit');
  try {
    const { approvalRuleTemplate } = await repo.client.send(
      new GetApprovalRuleTemplateCommand({ approvalRuleTemplateName: requirement.name }),
    );
    const content = approvalRuleTemplate?.approvalRuleTemplateContent;
    if (content === undefined || content === '') {
      throw new Error(`bug: CodeCommit returned approval-rule template ${requirement.name} without content`);
    }
    return { name: requirement.name, content };
  } catch (error) {
    const name = codeCommitErrorName(error);
    if (
      name === 'ApprovalRuleTemplateDoesNotExistException' ||
      name === 'InvalidApprovalRuleTemplateNameException'
    ) {
      throw new SlipwayError(
        `approval-rule template ${JSON.stringify(requirement.name)} does not exist in ${repo.region}`,
        {
          where: requirement.declaredAt,
          fix: `create it (aws codecommit create-approval-rule-template --approval-rule-template-name ${requirement.name} …) or name an existing one`,
          cause: error,
        },
      );
    }
    throw codeCommitError(error, {
      repo,
      action: `reading approval-rule template ${requirement.name}`,
      permission: 'codecommit:GetApprovalRuleTemplate',
      where: requirement.declaredAt,
      policy: PULL_REQUEST_POLICY,
    });
  }
}

/**
 * Opens the pull request `head` → `base`, or updates the open one in place (title and description, only
 * when they differ; the head branch itself moves by push). Then makes sure it carries the template's rule:
 * CodeCommit adds the rules of templates associated with the repository itself; any other is added here as a
 * pull-request rule with the template's content.
 */
export async function upsertCodeCommitPullRequest(
  input: UpsertCodeCommitPullRequestInput,
): Promise<CodeCommitPullRequest> {
  const sdk = await import('@aws-sdk/client-codecommit');
  const { repo, head, base } = input;
  const title = clip(input.title, MAX_TITLE);
  const description = clip(input.description, MAX_DESCRIPTION);
  const call = async <T>(doing: string, permission: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      throw codeCommitError(error, {
        repo,
        action: doing,
        permission: `codecommit:${permission}`,
        policy: PULL_REQUEST_POLICY,
      });
    }
  };

  let pull = await findOpenPullRequest(repo, head, base, call);
  let created = false;
  if (pull === undefined) {
    const opened = await call(`opening a pull request ${head} → ${base}`, 'CreatePullRequest', () =>
      repo.client.send(
        new sdk.CreatePullRequestCommand({
          title,
          description,
          targets: [
            { repositoryName: repo.repositoryName, sourceReference: head, destinationReference: base },
          ],
          // The same promotion retried (a timeout after CodeCommit opened it) gets the same pull request back.
          clientRequestToken: createHash('sha256')
            .update(`${repo.region}\n${repo.repositoryName}\n${head}\n${base}\n${input.headCommit}`)
            .digest('hex'),
        }),
      ),
    );
    pull = opened.pullRequest;
    if (pull?.pullRequestId === undefined) throw new Error('bug: CreatePullRequest returned no pull request');
    created = true;
    // CodeCommit, unlike GitHub, opens a second pull request for the same branches: when another run opened
    // one between our look-up and create, the older stays and ours is closed.
    const oldest = await findOpenPullRequest(repo, head, base, call);
    if (oldest?.pullRequestId !== undefined && oldest.pullRequestId !== pull.pullRequestId) {
      const duplicate = pull.pullRequestId;
      await call(
        `closing pull request ${duplicate}, a duplicate of ${oldest.pullRequestId}`,
        'UpdatePullRequestStatus',
        () =>
          repo.client.send(
            new sdk.UpdatePullRequestStatusCommand({ pullRequestId: duplicate, pullRequestStatus: 'CLOSED' }),
          ),
      );
      pull = oldest;
      created = false;
    }
  }
  const id = pull.pullRequestId ?? '';
  if (!created && pull.title !== title) {
    await call(`updating the title of pull request ${id}`, 'UpdatePullRequestTitle', () =>
      repo.client.send(new sdk.UpdatePullRequestTitleCommand({ pullRequestId: id, title })),
    );
  }
  if (!created && (pull.description ?? '') !== description) {
    await call(`updating the description of pull request ${id}`, 'UpdatePullRequestDescription', () =>
      repo.client.send(new sdk.UpdatePullRequestDescriptionCommand({ pullRequestId: id, description })),
    );
  }

  let approvalRule: CodeCommitPullRequest['approvalRule'] = 'none';
  const template = input.approvalRuleTemplate;
  if (template !== undefined) {
    const rules = pull.approvalRules ?? [];
    if (rules.some((rule) => rule.originApprovalRuleTemplate?.approvalRuleTemplateName === template.name)) {
      approvalRule = 'associated';
    } else if (rules.some((rule) => rule.approvalRuleName === template.name)) {
      approvalRule = 'present';
    } else {
      approvalRule = await addApprovalRule(repo, id, template);
    }
  }
  return {
    id,
    url: pullRequestConsoleUrl(repo.region, repo.repositoryName, id),
    created,
    approvalRule,
  };
}

type Call = <T>(doing: string, permission: string, send: () => Promise<T>) => Promise<T>;

async function addApprovalRule(
  repo: CodeCommitRepo,
  pullRequestId: string,
  template: ApprovalRuleTemplate,
): Promise<'added' | 'present'> {
  const { CreatePullRequestApprovalRuleCommand } = await import('@aws-sdk/client-codecommit');
  try {
    await repo.client.send(
      new CreatePullRequestApprovalRuleCommand({
        pullRequestId,
        approvalRuleName: template.name,
        approvalRuleContent: template.content,
      }),
    );
    return 'added';
  } catch (error) {
    // Another promotion of the same images added it between our read and this call.
    if (codeCommitErrorName(error) === 'ApprovalRuleNameAlreadyExistsException') return 'present';
    throw codeCommitError(error, {
      repo,
      action: `adding approval rule ${template.name} to pull request ${pullRequestId}`,
      permission: 'codecommit:CreatePullRequestApprovalRule',
      policy: PULL_REQUEST_POLICY,
    });
  }
}

type PullRequest = NonNullable<
  import('@aws-sdk/client-codecommit').GetPullRequestCommandOutput['pullRequest']
>;

/**
 * The open pull request `head` → `base` in this repository (the oldest, should there be several). CodeCommit
 * lists open pull requests by id only, so each is read; the source and destination come back as full refs.
 */
async function findOpenPullRequest(
  repo: CodeCommitRepo,
  head: string,
  base: string,
  call: Call,
): Promise<PullRequest | undefined> {
  const { ListPullRequestsCommand, GetPullRequestCommand } = await import('@aws-sdk/client-codecommit');
  const matches: PullRequest[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(
      `listing the open pull requests of ${repo.repositoryName}`,
      'ListPullRequests',
      () =>
        repo.client.send(
          new ListPullRequestsCommand({
            repositoryName: repo.repositoryName,
            pullRequestStatus: 'OPEN',
            maxResults: 100,
            ...(nextToken === undefined ? {} : { nextToken }),
          }),
        ),
    );
    for (const pullRequestId of page.pullRequestIds ?? []) {
      const { pullRequest } = await call(`reading pull request ${pullRequestId}`, 'GetPullRequest', () =>
        repo.client.send(new GetPullRequestCommand({ pullRequestId })),
      );
      if (pullRequest === undefined || pullRequest.pullRequestStatus !== 'OPEN') continue;
      const proposes = (pullRequest.pullRequestTargets ?? []).some(
        (target) =>
          target.repositoryName === repo.repositoryName &&
          branchOf(target.sourceReference) === head &&
          branchOf(target.destinationReference) === base,
      );
      if (proposes) matches.push(pullRequest);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return matches.sort((a, b) => Number(a.pullRequestId) - Number(b.pullRequestId))[0];
}

function branchOf(reference: string | undefined): string | undefined {
  return reference?.replace(/^refs\/heads\//, '');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
