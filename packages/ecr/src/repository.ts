// ECR repositories: made on first push (ECR has no create-on-push for plain pushes), and a check that an
// IMMUTABLE repository will accept the tags before a push fails halfway with ImageTagAlreadyExistsException.

import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  type ImageTagMutability,
  type Repository,
} from '@aws-sdk/client-ecr';
import { SlipwayError } from '@slipway/errors';
import picomatch from 'picomatch';
import { requireEcrHost } from './auth.js';
import { type EcrClientOptions, EcrClients } from './clients.js';
import { awsErrorName, describeRegistry, ecrCallError } from './errors.js';
import type { EcrHost } from './host.js';

export type TagMutability = ImageTagMutability;

export interface EnsureRepositoryOptions {
  /** Basic scanning on push, for a new repository. Default false. */
  readonly scanOnPush?: boolean | undefined;
  /** For a new repository. Default `MUTABLE`. */
  readonly tagMutability?: 'MUTABLE' | 'IMMUTABLE' | undefined;
  /** KMS key (ID, ARN or alias) to encrypt a new repository with; without it, AES256. */
  readonly kmsKey?: string | undefined;
}

export interface EnsuredRepository {
  /** Whether this call made the repository. */
  readonly created: boolean;
  /** `<registry host>/<name>`, on the host the caller named (dual-stack and FIPS hosts stay so). */
  readonly uri: string;
  readonly mutability: TagMutability;
  readonly scanOnPush: boolean;
  readonly encryption: { readonly type: string; readonly kmsKey?: string | undefined };
  /**
   * For an existing repository, the settings asked for that it does not have (`tag mutability is
   * IMMUTABLE, not MUTABLE`): Slipway never changes an existing repository, a step may warn.
   */
  readonly differences: readonly string[];
}

export interface TagCheck {
  /** False when the repository does not exist yet: every tag is writable. */
  readonly repositoryExists: boolean;
  readonly mutability: TagMutability | undefined;
  /** Tags that already point at the digest being pushed: re-pushing them changes nothing. */
  readonly alreadyTagged: readonly string[];
}

/** A tag already names another image in a repository that does not move tags. */
export class ImmutableTagError extends SlipwayError {
  readonly conflicts: readonly { readonly tag: string; readonly digest: string }[];

  constructor(
    message: string,
    options: { where: string; fix: string; conflicts: readonly { tag: string; digest: string }[] },
  ) {
    super(message, { where: options.where, fix: options.fix });
    this.name = 'ImmutableTagError';
    this.conflicts = options.conflicts;
  }
}

export interface EcrRepositoriesOptions extends EcrClientOptions {
  /** Clients to share with other ECR helpers; made from the other options when absent. */
  readonly clients?: EcrClients | undefined;
}

// ECR's repository name grammar, 2 to 256 characters.
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export class EcrRepositories {
  readonly #clients: EcrClients;

  constructor(options: EcrRepositoriesOptions = {}) {
    this.#clients = options.clients ?? new EcrClients(options);
  }

  /**
   * Makes sure repository `name` exists in the registry `host`: returns it as it is, or creates it with
   * the given scanning, tag mutability and encryption. Safe against a concurrent creator.
   */
  async ensureRepository(
    host: string,
    name: string,
    options: EnsureRepositoryOptions = {},
  ): Promise<EnsuredRepository> {
    const registry = requireEcrHost(host);
    checkRepositoryName(registry, name);
    const source = await this.#clients.credentialSource(registry);
    const client = this.#clients.clientFor(registry);

    const existing = await describeRepository(client, registry, name, source);
    if (existing !== undefined) return summarise(registry, name, existing, false, options);

    const mutability = options.tagMutability ?? 'MUTABLE';
    const kmsKey = options.kmsKey === '' ? undefined : options.kmsKey;
    try {
      const output = await client.send(
        new CreateRepositoryCommand({
          registryId: registry.accountId,
          repositoryName: name,
          imageTagMutability: mutability,
          imageScanningConfiguration: { scanOnPush: options.scanOnPush ?? false },
          encryptionConfiguration:
            kmsKey === undefined ? { encryptionType: 'AES256' } : { encryptionType: 'KMS', kmsKey },
        }),
      );
      const created = output.repository ?? {
        repositoryName: name,
        imageTagMutability: mutability,
        imageScanningConfiguration: { scanOnPush: options.scanOnPush ?? false },
        encryptionConfiguration:
          kmsKey === undefined ? { encryptionType: 'AES256' } : { encryptionType: 'KMS', kmsKey },
      };
      return summarise(registry, name, created, true, options);
    } catch (error) {
      if (awsErrorName(error) !== 'RepositoryAlreadyExistsException') {
        throw ecrCallError(error, {
          registry,
          operation: 'CreateRepository',
          permission:
            kmsKey === undefined
              ? 'ecr:CreateRepository'
              : 'ecr:CreateRepository (and kms:CreateGrant, kms:DescribeKey on the key)',
          repository: name,
          credentialSource: source,
        });
      }
    }
    // Someone else made it between our describe and create: theirs stands.
    const raced = await describeRepository(client, registry, name, source);
    if (raced === undefined) {
      throw new SlipwayError(
        `ECR said repository ${name} already exists in ${describeRegistry(registry)} but does not describe it`,
        { where: `${registry.host}/${name}`, fix: 'run the job again' },
      );
    }
    return summarise(registry, name, raced, false, options);
  }

  /**
   * Before pushing `digest` under `tags`: in a repository whose tags cannot move (IMMUTABLE, or a tag
   * outside a MUTABLE_WITH_EXCLUSION repository's mutable filters, …), throws an {@link ImmutableTagError}
   * when a tag already names another digest. The same digest is fine, and reported in `alreadyTagged` so the
   * caller can leave that tag out (ECR refuses even an identical re-push of an immutable tag).
   *
   * `digest` undefined asks before a build, when the image is not known yet: then every fixed tag that
   * already exists is a conflict, since a new build makes a new image.
   */
  async checkTagWritable(
    host: string,
    name: string,
    tags: readonly string[],
    digest: string | undefined,
  ): Promise<TagCheck> {
    const registry = requireEcrHost(host);
    checkRepositoryName(registry, name);
    if (digest !== undefined && !DIGEST.test(digest)) {
      throw new SlipwayError(`${digest} is not an image digest`, {
        where: `${registry.host}/${name}`,
        fix: 'pass the pushed manifest digest, e.g. sha256:<64 hex digits>',
      });
    }
    const source = await this.#clients.credentialSource(registry);
    const client = this.#clients.clientFor(registry);
    const repository = await describeRepository(client, registry, name, source);
    if (repository === undefined)
      return { repositoryExists: false, mutability: undefined, alreadyTagged: [] };

    const mutability = repository.imageTagMutability ?? 'MUTABLE';
    const filters = (repository.imageTagMutabilityExclusionFilters ?? [])
      .map((filter) => filter.filter)
      .filter((filter): filter is string => filter !== undefined && filter !== '');
    const unique = [...new Set(tags)];
    const fixed = unique.filter((tag) => isImmutableTag(tag, mutability, filters));

    const found = await Promise.all(
      fixed.map(async (tag) => ({ tag, digest: await tagDigest(client, registry, name, tag, source) })),
    );
    const alreadyTagged = found
      .filter((item) => item.digest !== undefined && item.digest === digest)
      .map((item) => item.tag);
    const conflicts = found.flatMap((item) =>
      item.digest === undefined || item.digest === digest ? [] : [{ tag: item.tag, digest: item.digest }],
    );
    if (conflicts.length > 0) throw immutableTagError(registry, name, mutability, conflicts, digest);
    return { repositoryExists: true, mutability, alreadyTagged };
  }
}

function checkRepositoryName(registry: EcrHost, name: string): void {
  if (name.length >= 2 && name.length <= 256 && REPOSITORY_NAME.test(name)) return;
  throw new SlipwayError(`"${name}" is not a valid ECR repository name`, {
    where: registry.host,
    fix: 'use 2 to 256 lowercase letters, digits and . _ - / (each path part starting and ending with a letter or digit)',
  });
}

async function describeRepository(
  client: ECRClient,
  registry: EcrHost,
  name: string,
  source: string,
): Promise<Repository | undefined> {
  try {
    const output = await client.send(
      new DescribeRepositoriesCommand({ registryId: registry.accountId, repositoryNames: [name] }),
    );
    return (
      output.repositories?.find((repository) => repository.repositoryName === name) ??
      output.repositories?.[0]
    );
  } catch (error) {
    if (awsErrorName(error) === 'RepositoryNotFoundException') return undefined;
    throw ecrCallError(error, {
      registry,
      operation: 'DescribeRepositories',
      permission: 'ecr:DescribeRepositories',
      repository: name,
      credentialSource: source,
    });
  }
}

/** The digest `tag` names in the repository, or undefined when there is no such tag. */
async function tagDigest(
  client: ECRClient,
  registry: EcrHost,
  name: string,
  tag: string,
  source: string,
): Promise<string | undefined> {
  try {
    const output = await client.send(
      new DescribeImagesCommand({
        registryId: registry.accountId,
        repositoryName: name,
        imageIds: [{ imageTag: tag }],
      }),
    );
    return output.imageDetails?.[0]?.imageDigest;
  } catch (error) {
    if (awsErrorName(error) === 'ImageNotFoundException') return undefined;
    throw ecrCallError(error, {
      registry,
      operation: 'DescribeImages',
      permission: 'ecr:DescribeImages',
      repository: name,
      credentialSource: source,
    });
  }
}

/** Whether ECR refuses to move `tag` in a repository with this mutability and exclusion filters. */
export function isImmutableTag(tag: string, mutability: TagMutability, filters: readonly string[]): boolean {
  const matches = () => filters.some((filter) => wildcard(filter)(tag));
  switch (mutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !matches();
    case 'MUTABLE_WITH_EXCLUSION':
      return matches();
    default:
      return false;
  }
}

// ECR's WILDCARD filters allow only `[0-9a-zA-Z._*-]` (API reference, ImageTagMutabilityExclusionFilter), so
// `*` is their one special character; picomatch reads that alphabet the same way (`**` too, as tags hold no
// `/`), with `dot` on so a `*` also matches a leading `.`.
function wildcard(filter: string): (tag: string) => boolean {
  return picomatch(filter, { dot: true });
}

function immutableTagError(
  registry: EcrHost,
  name: string,
  mutability: TagMutability,
  conflicts: readonly { tag: string; digest: string }[],
  digest: string | undefined,
): ImmutableTagError {
  const repository = `${registry.host}/${name}`;
  const [first] = conflicts;
  const pushed = digest === undefined ? 'the image this build makes' : `the pushed ${short(digest)}`;
  const message =
    conflicts.length === 1 && first !== undefined
      ? `tag ${first.tag} already exists in ${repository} and names another image (${short(first.digest)}, ` +
        `not ${pushed}), and the repository is ${mutability}`
      : `tags ${conflicts.map((conflict) => `${conflict.tag} (${short(conflict.digest)})`).join(', ')} already ` +
        `exist in ${repository} and name other images than ${pushed}, and the repository is ${mutability}`;
  const unique = 'use a tag unique to each build (type=sha), or keep build once on so a re-run only re-tags';
  return new ImmutableTagError(message, {
    where: repository,
    fix:
      mutability === 'IMMUTABLE'
        ? `${unique}; or make the repository MUTABLE or add a tag mutability exclusion filter for ${first?.tag ?? 'the tag'}`
        : `${unique}; or add the tag to the repository's mutable exclusion filters`,
    conflicts,
  });
}

function short(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest : digest.slice(0, colon + 13);
}

function summarise(
  registry: EcrHost,
  name: string,
  repository: Repository,
  created: boolean,
  options: EnsureRepositoryOptions,
): EnsuredRepository {
  const mutability = repository.imageTagMutability ?? 'MUTABLE';
  const scanOnPush = repository.imageScanningConfiguration?.scanOnPush ?? false;
  const type = repository.encryptionConfiguration?.encryptionType ?? 'AES256';
  const kmsKey = repository.encryptionConfiguration?.kmsKey;
  const differences: string[] = [];
  if (!created) {
    if (options.tagMutability !== undefined && options.tagMutability !== mutability) {
      differences.push(`tag mutability is ${mutability}, not ${options.tagMutability}`);
    }
    if (options.scanOnPush !== undefined && options.scanOnPush !== scanOnPush) {
      differences.push(
        `scan on push is ${scanOnPush ? 'on' : 'off'}, not ${options.scanOnPush ? 'on' : 'off'}`,
      );
    }
    if (options.kmsKey !== undefined && options.kmsKey !== '' && type !== 'KMS' && type !== 'KMS_DSSE') {
      differences.push(`encryption is ${type}, not KMS with ${options.kmsKey}`);
    }
  }
  return {
    created,
    uri: `${registry.host}/${name}`,
    mutability,
    scanOnPush,
    encryption: kmsKey === undefined ? { type } : { type, kmsKey },
    differences,
  };
}
