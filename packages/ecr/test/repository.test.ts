import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageNotFoundException,
  RepositoryAlreadyExistsException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { SlipwayError } from '@slipway/errors';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EcrRepositories, ImmutableTagError, isImmutableTag } from '../src/index.js';
import { ACCOUNT, DIGEST_A, DIGEST_B, envCredentials, HOST, OTHER_ACCOUNT, serviceError } from './support.js';

const ecr = mockClient(ECRClient);
const NAME = 'shop/cart';

function repositories() {
  return new EcrRepositories({ credentials: envCredentials(), env: {} });
}

function notFound() {
  return new RepositoryNotFoundException({
    message: `The repository with name '${NAME}' does not exist in the registry with id '${ACCOUNT}'`,
    $metadata: {},
  });
}

function repository(overrides: Record<string, unknown> = {}) {
  return {
    repositoryName: NAME,
    registryId: ACCOUNT,
    repositoryUri: `${HOST}/${NAME}`,
    imageTagMutability: 'MUTABLE' as const,
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: { encryptionType: 'AES256' as const },
    ...overrides,
  };
}

beforeEach(() => ecr.reset());
afterAll(() => ecr.restore());

describe('ensureRepository', () => {
  it('returns an existing repository untouched', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .resolves({ repositories: [repository({ imageTagMutability: 'IMMUTABLE' })] });
    const result = await repositories().ensureRepository(HOST, NAME);
    expect(result).toEqual({
      created: false,
      uri: `${HOST}/${NAME}`,
      mutability: 'IMMUTABLE',
      scanOnPush: false,
      encryption: { type: 'AES256' },
      differences: [],
    });
    expect(ecr.commandCalls(DescribeRepositoriesCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryNames: [NAME],
    });
    expect(ecr.commandCalls(CreateRepositoryCommand)).toHaveLength(0);
  });

  it('says which asked-for settings an existing repository lacks', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repository()] });
    const result = await repositories().ensureRepository(HOST, NAME, {
      tagMutability: 'IMMUTABLE',
      scanOnPush: true,
      kmsKey: 'alias/images',
    });
    expect(result.created).toBe(false);
    expect(result.differences).toEqual([
      'tag mutability is MUTABLE, not IMMUTABLE',
      'scan on push is off, not on',
      'encryption is AES256, not KMS with alias/images',
    ]);
  });

  it('creates a missing repository with AES256 and the defaults', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(notFound());
    ecr.on(CreateRepositoryCommand).resolves({ repository: repository() });
    const result = await repositories().ensureRepository(HOST, NAME);
    expect(result).toMatchObject({
      created: true,
      uri: `${HOST}/${NAME}`,
      mutability: 'MUTABLE',
      differences: [],
    });
    expect(ecr.commandCalls(CreateRepositoryCommand)[0]?.args[0].input).toEqual({
      registryId: ACCOUNT,
      repositoryName: NAME,
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
  });

  it('creates with scan on push, IMMUTABLE tags and a KMS key, in the account of the host', async () => {
    const host = `${OTHER_ACCOUNT}.dkr-ecr.us-west-2.on.aws`;
    const kmsKey = `arn:aws:kms:us-west-2:${OTHER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    ecr.on(DescribeRepositoriesCommand).rejects(notFound());
    ecr.on(CreateRepositoryCommand).callsFake((input) => ({
      repository: repository({
        registryId: OTHER_ACCOUNT,
        imageTagMutability: input.imageTagMutability,
        imageScanningConfiguration: input.imageScanningConfiguration,
        encryptionConfiguration: input.encryptionConfiguration,
      }),
    }));
    const result = await repositories().ensureRepository(host, NAME, {
      scanOnPush: true,
      tagMutability: 'IMMUTABLE',
      kmsKey,
    });
    expect(result).toEqual({
      created: true,
      uri: `${host}/${NAME}`,
      mutability: 'IMMUTABLE',
      scanOnPush: true,
      encryption: { type: 'KMS', kmsKey },
      differences: [],
    });
    const create = ecr.commandCalls(CreateRepositoryCommand)[0];
    expect(create?.args[0].input).toEqual({
      registryId: OTHER_ACCOUNT,
      repositoryName: NAME,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey },
    });
    const client = create?.thisValue as ECRClient;
    expect(await client.config.region()).toBe('us-west-2');
    expect(await client.config.useDualstackEndpoint()).toBe(true);
  });

  it('survives a concurrent creator: describes again and keeps theirs', async () => {
    ecr
      .on(DescribeRepositoriesCommand)
      .rejectsOnce(notFound())
      .resolvesOnce({ repositories: [repository({ imageTagMutability: 'IMMUTABLE' })] });
    ecr.on(CreateRepositoryCommand).rejects(
      new RepositoryAlreadyExistsException({
        message: `The repository with name '${NAME}' already exists in the registry with id '${ACCOUNT}'`,
        $metadata: {},
      }),
    );
    const result = await repositories().ensureRepository(HOST, NAME, { tagMutability: 'MUTABLE' });
    expect(result.created).toBe(false);
    expect(result.mutability).toBe('IMMUTABLE');
    expect(result.differences).toEqual(['tag mutability is IMMUTABLE, not MUTABLE']);
    expect(ecr.commandCalls(DescribeRepositoriesCommand)).toHaveLength(2);
    expect(ecr.commandCalls(CreateRepositoryCommand)).toHaveLength(1);
  });

  it('names the permission when creation is denied', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(notFound());
    ecr
      .on(CreateRepositoryCommand)
      .rejects(
        serviceError(
          'AccessDeniedException',
          'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: ecr:CreateRepository',
        ),
      );
    const error = (await repositories()
      .ensureRepository(HOST, NAME)
      .catch((e: unknown) => e)) as SlipwayError;
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.where).toBe(`${HOST}/${NAME}`);
    expect(error.message).toContain(
      'ECR denied CreateRepository on repository shop/cart (account 123456789012 in eu-west-1) using AWS credentials from environment variables',
    );
    expect(error.fix).toContain('ecr:CreateRepository');
  });

  it('names the permission when describing is denied', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(serviceError('AccessDeniedException', 'not authorized'));
    const error = (await repositories()
      .ensureRepository(HOST, NAME)
      .catch((e: unknown) => e)) as SlipwayError;
    expect(error.fix).toContain('ecr:DescribeRepositories');
    expect(ecr.commandCalls(CreateRepositoryCommand)).toHaveLength(0);
  });

  it.each(['Shop/Cart', 'a', 'shop//cart', '-shop', 'shop/cart/', 'shop cart'])(
    'refuses the invalid name %j before calling AWS',
    async (name) => {
      const error = await repositories()
        .ensureRepository(HOST, name)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlipwayError);
      expect((error as SlipwayError).message).toContain('is not a valid ECR repository name');
      expect(ecr.calls()).toHaveLength(0);
    },
  );
});

describe('checkTagWritable', () => {
  function immutable(overrides: Record<string, unknown> = {}) {
    ecr
      .on(DescribeRepositoriesCommand)
      .resolves({ repositories: [repository({ imageTagMutability: 'IMMUTABLE', ...overrides })] });
  }

  function images(tags: Record<string, string>) {
    ecr.on(DescribeImagesCommand).callsFake((input: { imageIds?: { imageTag?: string }[] }) => {
      const tag = input.imageIds?.[0]?.imageTag ?? '';
      const digest = tags[tag];
      if (digest === undefined) {
        throw new ImageNotFoundException({
          message: `The image with imageId {imageDigest:'null', imageTag:'${tag}'} does not exist within the repository`,
          $metadata: {},
        });
      }
      return { imageDetails: [{ imageDigest: digest, imageTags: [tag], repositoryName: NAME }] };
    });
  }

  it('allows new tags and tags already on the same digest', async () => {
    immutable();
    images({ '1.4.2': DIGEST_A });
    const result = await repositories().checkTagWritable(HOST, NAME, ['1.4.2', '1.4', '1.4.2'], DIGEST_A);
    expect(result).toEqual({ repositoryExists: true, mutability: 'IMMUTABLE', alreadyTagged: ['1.4.2'] });
    const asked = ecr.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input);
    expect(asked).toEqual([
      { registryId: ACCOUNT, repositoryName: NAME, imageIds: [{ imageTag: '1.4.2' }] },
      { registryId: ACCOUNT, repositoryName: NAME, imageIds: [{ imageTag: '1.4' }] },
    ]);
  });

  it('refuses a tag that names another digest, saying which and why', async () => {
    immutable();
    images({ '1.4.2': DIGEST_B });
    const error = await repositories()
      .checkTagWritable(HOST, NAME, ['1.4.2', 'sha-abc'], DIGEST_A)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImmutableTagError);
    const immutableError = error as ImmutableTagError;
    expect(immutableError.conflicts).toEqual([{ tag: '1.4.2', digest: DIGEST_B }]);
    expect(immutableError.message).toBe(
      `tag 1.4.2 already exists in ${HOST}/${NAME} and names another image (sha256:bbbbbbbbbbbb, not the pushed ` +
        'sha256:aaaaaaaaaaaa), and the repository is IMMUTABLE',
    );
    expect(immutableError.fix).toMatch(/^use a tag unique to each build \(type=sha\)/);
    expect(immutableError.fix).toContain(
      'make the repository MUTABLE or add a tag mutability exclusion filter for 1.4.2',
    );
    expect(immutableError.where).toBe(`${HOST}/${NAME}`);
  });

  it('before a build (no digest yet), refuses every fixed tag that exists and allows new ones', async () => {
    immutable();
    images({ main: DIGEST_B });
    const error = (await repositories()
      .checkTagWritable(HOST, NAME, ['sha-1a2b3c4', 'main'], undefined)
      .catch((e: unknown) => e)) as ImmutableTagError;
    expect(error).toBeInstanceOf(ImmutableTagError);
    expect(error.conflicts).toEqual([{ tag: 'main', digest: DIGEST_B }]);
    expect(error.message).toBe(
      `tag main already exists in ${HOST}/${NAME} and names another image (sha256:bbbbbbbbbbbb, not the image ` +
        'this build makes), and the repository is IMMUTABLE',
    );
    images({});
    const fresh = await repositories().checkTagWritable(HOST, NAME, ['sha-1a2b3c4'], undefined);
    expect(fresh).toEqual({ repositoryExists: true, mutability: 'IMMUTABLE', alreadyTagged: [] });
  });

  it('lists every conflicting tag', async () => {
    immutable();
    images({ '1.4.2': DIGEST_B, latest: DIGEST_B });
    const error = (await repositories()
      .checkTagWritable(HOST, NAME, ['1.4.2', 'latest'], DIGEST_A)
      .catch((e: unknown) => e)) as ImmutableTagError;
    expect(error.conflicts.map((conflict) => conflict.tag)).toEqual(['1.4.2', 'latest']);
    expect(error.message).toContain(
      'tags 1.4.2 (sha256:bbbbbbbbbbbb), latest (sha256:bbbbbbbbbbbb) already exist',
    );
  });

  it('does not look at images in a MUTABLE repository', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repository()] });
    const result = await repositories().checkTagWritable(HOST, NAME, ['latest'], DIGEST_A);
    expect(result).toEqual({ repositoryExists: true, mutability: 'MUTABLE', alreadyTagged: [] });
    expect(ecr.commandCalls(DescribeImagesCommand)).toHaveLength(0);
  });

  it('treats a missing repository as writable', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(notFound());
    const result = await repositories().checkTagWritable(HOST, NAME, ['1.0.0'], DIGEST_A);
    expect(result).toEqual({ repositoryExists: false, mutability: undefined, alreadyTagged: [] });
  });

  it('honours tag mutability exclusion filters', async () => {
    immutable({
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [
        { filterType: 'WILDCARD', filter: 'latest' },
        { filterType: 'WILDCARD', filter: 'dev-*' },
      ],
    });
    images({ latest: DIGEST_B, 'dev-1': DIGEST_B, '1.0.0': DIGEST_A });
    const result = await repositories().checkTagWritable(HOST, NAME, ['latest', 'dev-1', '1.0.0'], DIGEST_A);
    expect(result.alreadyTagged).toEqual(['1.0.0']);
    expect(ecr.commandCalls(DescribeImagesCommand)).toHaveLength(1);
  });

  it('names the permission when DescribeImages is denied', async () => {
    immutable();
    ecr.on(DescribeImagesCommand).rejects(serviceError('AccessDeniedException', 'not authorized'));
    const error = (await repositories()
      .checkTagWritable(HOST, NAME, ['1.0.0'], DIGEST_A)
      .catch((e: unknown) => e)) as SlipwayError;
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.fix).toContain('ecr:DescribeImages');
  });

  it('refuses something that is not a digest', async () => {
    await expect(repositories().checkTagWritable(HOST, NAME, ['1'], 'latest')).rejects.toThrow(
      'is not an image digest',
    );
  });
});

describe('isImmutableTag', () => {
  it.each([
    ['MUTABLE', 'v1', [], false],
    ['IMMUTABLE', 'v1', [], true],
    ['IMMUTABLE_WITH_EXCLUSION', 'latest', ['latest'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'v1', ['latest'], true],
    ['IMMUTABLE_WITH_EXCLUSION', 'dev-x.y', ['dev-*'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'devXx', ['dev.*'], true],
    ['MUTABLE_WITH_EXCLUSION', 'release-1', ['release-*'], true],
    ['MUTABLE_WITH_EXCLUSION', 'latest', ['release-*'], false],
    // ECR's WILDCARD filters: `*` is the only special character (any run, dots included), the rest literal.
    ['IMMUTABLE_WITH_EXCLUSION', 'v1.2.3', ['v*'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'sha256-abc.sig', ['sha256-*.sig'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'sha256-abc.att', ['sha256-*.sig'], true],
    ['IMMUTABLE_WITH_EXCLUSION', 'pr-17-build', ['pr-*-*'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'anything', ['**'], false],
    ['IMMUTABLE_WITH_EXCLUSION', 'Latest', ['latest'], true],
    ['IMMUTABLE_WITH_EXCLUSION', 'dev', ['dev-*'], true],
    ['IMMUTABLE_WITH_EXCLUSION', 'x-latest', ['latest'], true],
  ] as const)('%s %s %j → %s', (mutability, tag, filters, expected) => {
    expect(isImmutableTag(tag, mutability, filters)).toBe(expected);
  });
});
