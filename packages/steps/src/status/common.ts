import { SlipwayError } from '@slipway/errors';
import { type EnvironmentTarget, environmentTarget, type GitAuth, type Identity } from '@slipway/gitops';
import { InvalidReferenceError, parseReference } from '@slipway/oci';
import { input } from '../definition/inputs.js';
import type { StepContext } from '../definition/step.js';
import { checkPolicyDecidedFlags } from '../policy/decided-flags.js';
import { policyTarget, withPolicy } from '../policy/source.js';
import { parseIdentity } from '../promote/params.js';

const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** Inputs every step that reads the config repo takes (the same as promote's). */
export const repoInputs = {
  'config-repo': input.requiredString(
    'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
    { env: ['SLIPWAY_CONFIG_REPO'], credentialsInUrl: true },
  ),
  'branch-template': input.string(
    'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
  ),
  path: input.string(
    'Folder inside the environment branches to read (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
  ),
  'policy-ref': input.string(
    'Branch of the config repo holding .slipway.yaml (default: its default branch).',
  ),
  token: input.string(
    'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
    { secret: true, env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'] },
  ),
  'token-username': input.stringWithDefault('User name that goes with the token.', 'x-access-token'),
};

export interface RepoParams {
  readonly configRepo: string;
  readonly auth?: GitAuth;
  /** As given: undefined means the default (env/{env}), or the policy's branches. */
  readonly branchTemplate?: string;
  readonly path?: string;
  readonly policyRef?: string;
}

export function repoParams(values: {
  'config-repo': string;
  'branch-template': string | undefined;
  path: string | undefined;
  'policy-ref': string | undefined;
  token: string | undefined;
  'token-username': string;
}): RepoParams {
  return {
    configRepo: values['config-repo'],
    ...(values.token === undefined
      ? {}
      : { auth: { token: values.token, username: values['token-username'] } }),
    ...(values['branch-template'] === undefined ? {} : { branchTemplate: values['branch-template'] }),
    ...(values.path === undefined ? {} : { path: values.path }),
    ...(values['policy-ref'] === undefined ? {} : { policyRef: values['policy-ref'] }),
  };
}

/**
 * The environments to read, in promotion order: `names` when given, else the policy's (`.slipway.yaml` on the
 * default branch), else dev, staging, prod. The policy, when present, decides each one's branch and path.
 */
export async function resolveTargets(
  params: RepoParams,
  names: readonly string[] | undefined,
  context: StepContext,
): Promise<EnvironmentTarget[]> {
  const fromFlags = (list: readonly string[]) =>
    list.map((env) =>
      environmentTarget(env, {
        ...(params.branchTemplate === undefined ? {} : { branchTemplate: params.branchTemplate }),
        ...(params.path === undefined ? {} : { path: params.path }),
      }),
    );
  return withPolicy(
    {
      configRepo: params.configRepo,
      ...(params.auth === undefined ? {} : { auth: params.auth }),
      ...(params.policyRef === undefined ? {} : { policyRef: params.policyRef }),
      written: [params.branchTemplate, ...fromFlags(names ?? []).map((t) => t.branch)],
    },
    context,
    async (source) => {
      if (source === undefined)
        return fromFlags(names === undefined || names.length === 0 ? DEFAULT_ENVIRONMENTS : names);
      const { policy } = source;
      const sign = await import('@slipway/sign');
      const list = names === undefined || names.length === 0 ? policy.environments.map((e) => e.name) : names;
      return list.map((name) => {
        const environment = sign.findEnvironment(policy, name);
        const target = policyTarget(environment);
        checkPolicyDecidedFlags(
          {
            ...(params.branchTemplate === undefined ? {} : { branchTemplate: params.branchTemplate }),
            ...(params.path === undefined ? {} : { path: params.path }),
          },
          environment,
          target,
          context,
        );
        return target;
      });
    },
  );
}

/** The config repo for messages: credentials written into its URL (`https://user:token@host/…`) left out. */
export function displayRepo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}

/** The normalised repository of an `--image` value (a tag or digest on it is ignored). */
export function imageRepository(text: string): string {
  try {
    return parseReference(text.trim()).repository;
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      throw new SlipwayError(error.message, {
        where: '--image',
        fix: 'write the image repository, e.g. registry.example.com/shop/cart',
      });
    }
    throw error;
  }
}

const GITHUB_ACTIONS_BOT: Identity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};
const LOCAL_IDENTITY: Identity = { name: 'Slipway', email: 'slipway@localhost' };

/** Author and committer of a commit, as promote decides them. */
export function identities(
  author: string | undefined,
  committer: string | undefined,
  context: StepContext,
): { author: Identity; committer: Identity } {
  const who =
    author === undefined
      ? context.ci.platform === 'github-actions'
        ? GITHUB_ACTIONS_BOT
        : LOCAL_IDENTITY
      : parseIdentity(author, 'author');
  return { author: who, committer: committer === undefined ? who : parseIdentity(committer, 'committer') };
}

/** `3d`, `5h`, `12m` since `iso` (at `now`); `—` when unknown. */
export function age(iso: string | undefined, now: Date): string {
  if (iso === undefined) return '—';
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** A plain-text table with padded columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A Markdown table cell. */
export function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
