// The one stand-in for the AWS CodeCommit API in tests, through aws-sdk-client-mock (the real SDK client is
// built and called; its `send` is answered here). It is a dispatch table: test/support files that fake a part
// of the API (repository reads and commits over a real bare repo, pull requests) register handlers for the
// commands they answer, so two of them never mock the client twice. An unregistered command fails loudly, and
// every call passes `authorize` first (IAM: the action and the references it would write).

import {
  CodeCommitClient,
  type CodeCommitClientResolvedConfig,
  CodeCommitServiceException,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-codecommit';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';

/** One call as the fake received it. */
export interface CodeCommitCall {
  /** The command name without `Command`: `CreateCommit`. */
  readonly action: string;
  readonly input: Record<string, unknown>;
}

/** Answers one command's input (throw a CodeCommitServiceException subclass for an API error). */
export type CodeCommitHandler = (input: Record<string, unknown>) => unknown;

/**
 * Decides whether the caller may call `action` (`codecommit:<action>`); `references` are the refs the call
 * would write (`refs/heads/<branch>`), for the `codecommit:References` condition key. Returns undefined to
 * allow, or the reason of a denial.
 */
export type CodeCommitAuthorizer = (request: {
  readonly action: string;
  readonly references: readonly string[];
}) => string | undefined;

/** Commands and the input field naming the branch they write (the `codecommit:References` they carry). */
const WRITES: Readonly<Record<string, string>> = {
  CreateCommit: 'branchName',
  PutFile: 'branchName',
  DeleteFile: 'branchName',
  CreateBranch: 'branchName',
  DeleteBranch: 'branchName',
  MergeBranchesByFastForward: 'targetBranch',
  MergeBranchesBySquash: 'targetBranch',
  MergeBranchesByThreeWay: 'targetBranch',
};

export class CodeCommitFake {
  readonly calls: CodeCommitCall[] = [];
  readonly #handlers = new Map<string, CodeCommitHandler>();
  authorize: CodeCommitAuthorizer = () => undefined;
  readonly #mock: AwsStub<ServiceInputTypes, ServiceOutputTypes, CodeCommitClientResolvedConfig> | undefined;

  /**
   * `mock: false` leaves the SDK alone: the table is then served over HTTP (codecommitHttpApi.ts) to a CLI in
   * a child process, which aws-sdk-client-mock cannot reach.
   */
  constructor(options: { mock?: boolean } = {}) {
    if (options.mock === false) return;
    this.#mock = mockClient(CodeCommitClient);
    // `send` itself: only it sees the command (callsFake sees the input alone), and the command names the action.
    this.#mock.send.callsFake(
      async (command: {
        constructor: { name: string };
        input: ServiceInputTypes;
      }): Promise<ServiceOutputTypes> =>
        (await this.dispatch(
          command.constructor.name.replace(/Command$/, ''),
          command.input as Record<string, unknown>,
        )) as ServiceOutputTypes,
    );
  }

  /** One call: recorded, authorised (IAM), then answered by its handler. */
  async dispatch(action: string, input: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ action, input });
    const field = WRITES[action];
    const branch = field === undefined ? undefined : input[field];
    const denied = this.authorize({
      action,
      references: typeof branch === 'string' ? [`refs/heads/${branch}`] : [],
    });
    if (denied !== undefined) {
      throw new CodeCommitServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `User: arn:aws:sts::123456789012:assumed-role/slipway-promote/test is not authorized to perform: codecommit:${action} on resource: arn:aws:codecommit:eu-west-1:123456789012:${String(input.repositoryName ?? '')} ${denied}`,
      });
    }
    const handler = this.#handlers.get(action);
    if (handler === undefined) throw new Error(`the CodeCommit fake has no handler for ${action}`);
    return handler(input);
  }

  /** Answers `action` (`GetBranch`, …) with `handler`; a later registration replaces an earlier one. */
  on(action: string, handler: CodeCommitHandler): this {
    this.#handlers.set(action, handler);
    return this;
  }

  /** The calls of one action, in order. */
  callsOf(action: string): CodeCommitCall[] {
    return this.calls.filter((call) => call.action === action);
  }

  /** Puts the SDK client back (call in afterEach). */
  restore(): void {
    this.#mock?.restore();
  }
}
