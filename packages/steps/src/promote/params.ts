import { SlipwayError } from '@slipway/errors';
import {
  DEFAULT_BRANCH_TEMPLATE,
  DEFAULT_RETRY,
  type EnvironmentTarget,
  environmentTarget,
  hasControlCharacter,
  type Identity,
  type ImagePolicy,
  type ImageRequest,
  normaliseRepoPath,
  type Pin,
  quoted,
  type RetryPolicy,
  type ValuesPath,
} from '@slipway/gitops/access';
import { type ImageReference, InvalidReferenceError, parseReference } from '@slipway/oci/reference';
import type { InputValues } from '../definition/inputs.js';
import type { StepContext } from '../definition/step.js';
import { parseImagePolicies } from '../images/policies.js';
import type { PolicyDecidedFlags } from '../policy/decided-flags.js';
import { parseDuration } from '../wait/duration.js';
import type { promoteInputs } from './inputs.js';
import { type RecordedSource, recordedSource } from './provenance.js';

/** An image as asked for: resolved to a digest later, through the registry, when only a tag is given. */
export interface RequestedImage {
  readonly request: ImageRequest;
  readonly reference: ImageReference;
}

export interface PromoteParams {
  readonly configRepo: string;
  readonly token?: string;
  readonly tokenUsername: string;
  readonly targets: EnvironmentTarget[];
  readonly from?: EnvironmentTarget;
  /** The flags a policy decides, as given (the branch template's branches are never a source of the policy). */
  readonly given: PolicyDecidedFlags;
  readonly images: RequestedImage[];
  readonly pin: Pin;
  readonly valuesPaths: ValuesPath[];
  readonly imagePolicies: ImagePolicy[];
  readonly createBranch: boolean;
  readonly dryRun: boolean;
  readonly author: Identity;
  readonly committer: Identity;
  /** Read after the promotion's first request has started (see recordedSource). */
  readonly source: () => RecordedSource;
  readonly retry: RetryPolicy;
  readonly insecureRegistries: string[];
  readonly policyRef?: string;
  readonly force: boolean;
  readonly mode: 'push' | 'pull-request';
  readonly via: 'git' | 'github-api' | 'codecommit-api';
  /** Empty: the defaults (slipway, promotion, env:{env}). */
  readonly prLabels: string[];
  readonly autoMerge?: 'merge' | 'squash' | 'rebase';
  readonly githubApiUrl?: string;
  /** Wait for the agent's deployment statuses on each pushed commit. */
  readonly wait?: { readonly timeoutMs: number; readonly intervalMs: number; readonly contexts: string[] };
  readonly overridePin: boolean;
}

const GITHUB_ACTIONS_BOT: Identity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};
const LOCAL_IDENTITY: Identity = { name: 'Slipway', email: 'slipway@localhost' };

export function promoteParams(
  values: InputValues<typeof promoteInputs>,
  context: StepContext,
): PromoteParams {
  const branchTemplate = values['branch-template'] ?? DEFAULT_BRANCH_TEMPLATE;
  const targets = values.env.map((env) =>
    environmentTarget(env, { branchTemplate, ...(values.path === undefined ? {} : { path: values.path }) }),
  );
  const from =
    values.from === undefined
      ? undefined
      : environmentTarget(values.from, {
          branchTemplate,
          ...(values.path === undefined ? {} : { path: values.path }),
        });
  if (from !== undefined && targets.some((t) => t.branch === from.branch)) {
    throw new SlipwayError(`--from ${values.from} is also a target environment`, {
      fix: 'promote from another environment',
    });
  }
  const images = values.image.map((text) => requestedImage(text, from !== undefined));
  const repositories = new Set<string>();
  for (const image of images) {
    if (repositories.has(image.request.repository)) {
      throw new SlipwayError(`image ${image.request.repository} is given twice`, {
        fix: 'give each image once',
      });
    }
    repositories.add(image.request.repository);
  }
  const author =
    values.author === undefined
      ? context.ci.platform === 'github-actions'
        ? GITHUB_ACTIONS_BOT
        : LOCAL_IDENTITY
      : parseIdentity(values.author, 'author');
  const committer = values.committer === undefined ? author : parseIdentity(values.committer, 'committer');
  const source = recordedSource({ commit: values['source-commit'], runUrl: values['run-url'] }, context.ci);
  return {
    configRepo: values['config-repo'],
    ...(values.token === undefined ? {} : { token: values.token }),
    tokenUsername: values['token-username'],
    targets,
    ...(from === undefined ? {} : { from }),
    given: {
      ...(values['branch-template'] === undefined ? {} : { branchTemplate: values['branch-template'] }),
      ...(values.path === undefined ? {} : { path: values.path }),
      ...(values.mode === undefined ? {} : { mode: values.mode }),
    },
    images,
    pin: values.pin,
    valuesPaths: values['values-path'].map((text) => parseValuesPath(text, images)),
    imagePolicies: parseImagePolicies(
      values['image-policy'],
      images.map((image) => image.request),
    ),
    createBranch: values['create-branch'],
    dryRun: values['dry-run'],
    author,
    committer,
    source,
    retry: { ...DEFAULT_RETRY, maxAttempts: values['max-attempts'] },
    insecureRegistries: values['insecure-registry'],
    ...(values['policy-ref'] === undefined ? {} : { policyRef: values['policy-ref'] }),
    force: values.force,
    mode: values.mode ?? 'push',
    via: values.via,
    prLabels: values['pr-label'],
    ...(values['auto-merge'] === undefined ? {} : { autoMerge: mergeMethod(values['auto-merge']) }),
    ...(values['github-api-url'] === undefined ? {} : { githubApiUrl: values['github-api-url'] }),
    ...(values.wait
      ? {
          wait: {
            timeoutMs: parseDuration(values['wait-timeout'], '--wait-timeout'),
            intervalMs: parseDuration(values['wait-interval'], '--wait-interval'),
            contexts: values['wait-context'],
          },
        }
      : {}),
    overridePin: values['override-pin'],
  };
}

function mergeMethod(text: string): 'merge' | 'squash' | 'rebase' {
  const method = text.trim().toLowerCase();
  if (method === 'merge' || method === 'squash' || method === 'rebase') return method;
  throw new SlipwayError(`--auto-merge ${JSON.stringify(text)} is not a merge method`, {
    fix: 'use merge, squash or rebase (or leave it out to merge by hand)',
  });
}

function requestedImage(text: string, withFrom: boolean): RequestedImage {
  let reference: ImageReference;
  try {
    reference = parseReference(text);
  } catch (error) {
    if (error instanceof InvalidReferenceError) {
      throw new SlipwayError(error.message, {
        where: '--image',
        fix: 'write it as registry/repository:tag or registry/repository@sha256:<64 hex>',
      });
    }
    throw error;
  }
  const name = text.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
  if (withFrom && (reference.tag !== undefined || reference.digest !== undefined)) {
    throw new SlipwayError(
      `image ${text} names a version, but --from takes the version from the other environment`,
      {
        fix: `give the repository alone: ${name}`,
      },
    );
  }
  if (!withFrom && reference.tag === undefined && reference.digest === undefined) {
    throw new SlipwayError(`image ${text} has neither a tag nor a digest`, {
      fix: `give ${text}:<tag> or ${text}@sha256:<digest>, or use --from <env>`,
    });
  }
  return {
    reference,
    request: {
      name,
      repository: reference.repository,
      ...(reference.tag === undefined ? {} : { tag: reference.tag }),
      ...(reference.digest === undefined ? {} : { digest: reference.digest }),
    },
  };
}

/** `Name <email>`, as git writes it. */
export function parseIdentity(text: string, what: string): Identity {
  const match = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+|[^<>\s]+)>\s*$/.exec(text);
  if (match === null || hasControlCharacter(text)) {
    throw new SlipwayError(`--${what} ${quoted(text)} is not "Name <email>"`, {
      fix: `write it like --${what} "Release Bot <bot@example.com>"`,
    });
  }
  return { name: match[1] ?? '', email: match[2] ?? '' };
}

/** `[<image repo>=][<file>:]<dotted.path>`; `a.0.b` indexes sequences. */
export function parseValuesPath(text: string, images: readonly RequestedImage[]): ValuesPath {
  let rest = text.trim();
  let repository: string | undefined;
  const equals = rest.indexOf('=');
  if (equals >= 0) {
    const image = rest.slice(0, equals);
    const found = images.find(
      (i) => i.request.name === image || i.request.repository === safeRepository(image),
    );
    if (found === undefined) {
      throw new SlipwayError(`--values-path ${text} names image ${image}, which is not promoted here`, {
        fix: 'use the repository of one of the --image values before "="',
      });
    }
    repository = found.request.repository;
    rest = rest.slice(equals + 1);
  } else if (images.length > 1) {
    throw new SlipwayError(`--values-path ${text} does not say which image it holds`, {
      fix: 'prefix it with the image repository and "=", e.g. registry.example.com/shop/cart=values.yaml:image.tag',
    });
  } else {
    repository = images[0]?.request.repository;
  }
  let file: string | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    file = normaliseRepoPath(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const path = rest.split('.');
  if (rest === '' || path.some((key) => key === '')) {
    throw new SlipwayError(`--values-path ${text} has an empty key`, {
      fix: 'write keys separated by dots, e.g. image.tag',
    });
  }
  return {
    ...(file === undefined ? {} : { file }),
    path,
    ...(repository === undefined ? {} : { repository }),
  };
}

function safeRepository(text: string): string | undefined {
  try {
    return parseReference(text).repository;
  } catch {
    return undefined;
  }
}
