// CodeCommit pull requests, approval rules and approval-rule templates in memory, registered on the one
// CodeCommitFake. Branches are resolved against a real bare repo, so a pull request's source commit is the
// branch's real tip (and a missing branch is refused as CodeCommit refuses it). Errors are the SDK's own
// exception classes, so the code under test sees what the SDK would raise.

import {
  ApprovalRuleNameAlreadyExistsException,
  ApprovalRuleTemplateDoesNotExistException,
  IdempotencyParameterMismatchException,
  PullRequestDoesNotExistException,
  ReferenceDoesNotExistException,
  SourceAndDestinationAreSameException,
} from '@aws-sdk/client-codecommit';
import { branchTip } from './bareRepo.js';
import type { CodeCommitFake } from './codecommitFake.js';

const metadata = { $metadata: { httpStatusCode: 400 } } as const;
const AUTHOR = 'arn:aws:sts::123456789012:assumed-role/slipway-promote/test';

export interface FakeApprovalRule {
  approvalRuleId: string;
  approvalRuleName: string;
  approvalRuleContent: string;
  originApprovalRuleTemplate?: { approvalRuleTemplateId: string; approvalRuleTemplateName: string };
}

export interface FakePullRequest {
  pullRequestId: string;
  title: string;
  description: string;
  status: 'OPEN' | 'CLOSED';
  repositoryName: string;
  sourceReference: string;
  destinationReference: string;
  approvalRules: FakeApprovalRule[];
  clientRequestToken?: string;
}

export interface FakeApprovalRuleTemplate {
  name: string;
  content: string;
  /** Repositories it is associated with: CodeCommit applies it to their new pull requests itself. */
  associated: string[];
}

export interface CodeCommitPullsState {
  readonly pullRequests: FakePullRequest[];
  readonly templates: Map<string, FakeApprovalRuleTemplate>;
}

/** A typical "two approvers" template content, as `aws codecommit create-approval-rule-template` takes it. */
export function approvalRuleContent(approvers: number): string {
  return JSON.stringify({
    Version: '2018-11-08',
    Statements: [
      {
        Type: 'Approvers',
        NumberOfApprovalsNeeded: approvers,
        ApprovalPoolMembers: ['arn:aws:sts::123456789012:assumed-role/release-approvers/*'],
      },
    ],
  });
}

/**
 * Registers ListPullRequests, GetPullRequest, CreatePullRequest, UpdatePullRequestTitle,
 * UpdatePullRequestDescription, UpdatePullRequestStatus, GetApprovalRuleTemplate and CreatePullRequestApprovalRule on `fake`, for the
 * repository `repositoryName` backed by the bare repo at `repoPath`. `pageSize` makes ListPullRequests page.
 */
export function registerCodeCommitPulls(
  fake: CodeCommitFake,
  options: {
    repositoryName: string;
    repoPath: string;
    pageSize?: number;
    /** Runs as CreatePullRequest arrives, before it is answered (another run's pull request, for races). */
    beforeCreate?: (state: CodeCommitPullsState) => void;
  },
): CodeCommitPullsState {
  const state: CodeCommitPullsState = { pullRequests: [], templates: new Map() };
  const pageSize = options.pageSize ?? 100;
  const branch = (reference: string) => reference.replace(/^refs\/heads\//, '');
  const find = (id: unknown): FakePullRequest => {
    const found = state.pullRequests.find((pull) => pull.pullRequestId === id);
    if (found === undefined) {
      throw new PullRequestDoesNotExistException({
        message: `pull request ${String(id)} does not exist`,
        ...metadata,
      });
    }
    return found;
  };
  const view = (pull: FakePullRequest) => {
    const source = branchTip(options.repoPath, pull.sourceReference);
    const destination = branchTip(options.repoPath, pull.destinationReference);
    return {
      pullRequestId: pull.pullRequestId,
      title: pull.title,
      description: pull.description,
      pullRequestStatus: pull.status,
      authorArn: AUTHOR,
      pullRequestTargets: [
        {
          repositoryName: pull.repositoryName,
          sourceReference: `refs/heads/${pull.sourceReference}`,
          destinationReference: `refs/heads/${pull.destinationReference}`,
          ...(source === undefined ? {} : { sourceCommit: source }),
          ...(destination === undefined ? {} : { destinationCommit: destination }),
        },
      ],
      approvalRules: pull.approvalRules.map((rule) => ({ ...rule })),
      ...(pull.clientRequestToken === undefined ? {} : { clientRequestToken: pull.clientRequestToken }),
    };
  };

  fake.on('ListPullRequests', (input) => {
    const open = state.pullRequests.filter(
      (pull) =>
        pull.repositoryName === input.repositoryName &&
        (input.pullRequestStatus === undefined || pull.status === input.pullRequestStatus),
    );
    const start = typeof input.nextToken === 'string' ? Number(input.nextToken) : 0;
    const ids = open.slice(start, start + pageSize).map((pull) => pull.pullRequestId);
    const next = start + pageSize < open.length ? String(start + pageSize) : undefined;
    return { pullRequestIds: ids, ...(next === undefined ? {} : { nextToken: next }) };
  });
  fake.on('GetPullRequest', (input) => ({ pullRequest: view(find(input.pullRequestId)) }));
  fake.on('CreatePullRequest', (input) => {
    options.beforeCreate?.(state);
    const targets = input.targets as Array<{
      repositoryName: string;
      sourceReference: string;
      destinationReference?: string;
    }>;
    const [target] = targets;
    if (target === undefined) throw new Error('CreatePullRequest without targets');
    const source = branch(target.sourceReference);
    const destination = branch(target.destinationReference ?? 'main');
    const token = typeof input.clientRequestToken === 'string' ? input.clientRequestToken : undefined;
    const again =
      token === undefined ? undefined : state.pullRequests.find((pull) => pull.clientRequestToken === token);
    if (again !== undefined) {
      if (
        again.sourceReference !== source ||
        again.destinationReference !== destination ||
        again.title !== input.title
      ) {
        throw new IdempotencyParameterMismatchException({
          message: 'the client request token was used with other parameters',
          ...metadata,
        });
      }
      return { pullRequest: view(again) };
    }
    for (const name of [source, destination]) {
      if (branchTip(options.repoPath, name) === undefined) {
        throw new ReferenceDoesNotExistException({
          message: `reference refs/heads/${name} does not exist`,
          ...metadata,
        });
      }
    }
    if (branchTip(options.repoPath, source) === branchTip(options.repoPath, destination)) {
      throw new SourceAndDestinationAreSameException({
        message: 'the source and destination are the same',
        ...metadata,
      });
    }
    const id = String(Math.max(0, ...state.pullRequests.map((pull) => Number(pull.pullRequestId))) + 1);
    const pull: FakePullRequest = {
      pullRequestId: id,
      title: String(input.title),
      description: String(input.description ?? ''),
      status: 'OPEN',
      repositoryName: target.repositoryName,
      sourceReference: source,
      destinationReference: destination,
      // CodeCommit applies the templates associated with the repository (and matching the branch) itself.
      approvalRules: [...state.templates.values()]
        .filter((template) => template.associated.includes(target.repositoryName))
        .map((template, index) => ({
          approvalRuleId: `rule-${id}-${index}`,
          approvalRuleName: `${template.name}-rule`,
          approvalRuleContent: template.content,
          originApprovalRuleTemplate: {
            approvalRuleTemplateId: `template-${template.name}`,
            approvalRuleTemplateName: template.name,
          },
        })),
      ...(token === undefined ? {} : { clientRequestToken: token }),
    };
    state.pullRequests.push(pull);
    return { pullRequest: view(pull) };
  });
  fake.on('UpdatePullRequestTitle', (input) => {
    const pull = find(input.pullRequestId);
    pull.title = String(input.title);
    return { pullRequest: view(pull) };
  });
  fake.on('UpdatePullRequestDescription', (input) => {
    const pull = find(input.pullRequestId);
    pull.description = String(input.description);
    return { pullRequest: view(pull) };
  });
  fake.on('UpdatePullRequestStatus', (input) => {
    const pull = find(input.pullRequestId);
    pull.status = input.pullRequestStatus === 'CLOSED' ? 'CLOSED' : 'OPEN';
    return { pullRequest: view(pull) };
  });
  fake.on('GetApprovalRuleTemplate', (input) => {
    const template = state.templates.get(String(input.approvalRuleTemplateName));
    if (template === undefined) {
      throw new ApprovalRuleTemplateDoesNotExistException({
        message: `approval rule template ${String(input.approvalRuleTemplateName)} does not exist`,
        ...metadata,
      });
    }
    return {
      approvalRuleTemplate: {
        approvalRuleTemplateId: `template-${template.name}`,
        approvalRuleTemplateName: template.name,
        approvalRuleTemplateContent: template.content,
      },
    };
  });
  fake.on('CreatePullRequestApprovalRule', (input) => {
    const pull = find(input.pullRequestId);
    const name = String(input.approvalRuleName);
    if (pull.approvalRules.some((rule) => rule.approvalRuleName === name)) {
      throw new ApprovalRuleNameAlreadyExistsException({
        message: `approval rule ${name} already exists`,
        ...metadata,
      });
    }
    const rule = {
      approvalRuleId: `rule-${pull.pullRequestId}-${pull.approvalRules.length}`,
      approvalRuleName: name,
      approvalRuleContent: String(input.approvalRuleContent),
    };
    pull.approvalRules.push(rule);
    return { approvalRule: rule };
  });
  return state;
}
