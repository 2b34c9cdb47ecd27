// ECR repositories whose tags never move, through the tag guard of build and copy: the files builder pushes
// to a real registry, and the ECR API (aws-sdk-client-mock) answers DescribeImages from that same registry,
// so "which tag names which image" is the registry's truth, as it is on ECR.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ECRServiceException,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
} from '@aws-sdk/client-ecr';
import { type CiContext, terminalReporter } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { openRepository, parseLocation } from '@slipway/oci';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BuildProgress, build, type TagGuard } from '../packages/build/src/index.js';
import { copyStep } from '../packages/steps/src/copy/step.js';
import { ecrTagGuard } from '../packages/steps/src/images/ecr-tags.js';
import { isolateAws } from './support/awsTestEnv.js';
import { registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';

const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const skipRegistry = !registryBinaries().registry;
const ecr = mockClient(ECRClient);

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'slipway-ecr-tags-test-'));
  if (!skipRegistry) registry = await startRegistry();
});

afterAll(async () => {
  ecr.restore();
  await registry?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

afterEach(() => {
  ecr.reset();
  vi.unstubAllEnvs();
});

const ci = (ref: string, sha: string): CiContext => ({
  platform: 'github-actions',
  repositoryUrl: 'https://github.com/acme/shop',
  githubRepository: 'acme/shop',
  commitSha: sha,
  ref,
});

/** An IMMUTABLE ECR repository whose images are those of `name` in the real registry. */
function immutableEcrOver(name: string): void {
  const real = openRepository(parseLocation(`${registry.host}/${name}`), { insecureRegistries: [] });
  ecr.on(DescribeRepositoriesCommand).resolves({
    repositories: [{ repositoryName: name, registryId: '123456789012', imageTagMutability: 'IMMUTABLE' }],
  });
  ecr.on(DescribeImagesCommand).callsFake(async (input: { imageIds?: { imageTag?: string }[] }) => {
    const tag = input.imageIds?.[0]?.imageTag ?? '';
    const found = await real.resolve(tag);
    if (found === undefined) {
      throw new ImageNotFoundException({ message: `no image with tag ${tag}`, $metadata: {} });
    }
    return { imageDetails: [{ imageDigest: found.digest, imageTags: [tag], repositoryName: name }] };
  });
}

/** The step's ECR guard, asked about the ECR repository the test registry stands in for. */
function guardAs(name: string, infos: string[]): TagGuard {
  const guard = ecrTagGuard({
    ci: { platform: 'local' },
    reporter: terminalReporter((line) => infos.push(line)),
    env: {},
    cwd: scratch,
  });
  return (_location, tags, digest) =>
    guard(parseLocation(`${ECR_HOST}/${name}`) as Parameters<TagGuard>[0], tags, digest);
}

async function filesContext(name: string, content: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), content);
  return dir;
}

describe.skipIf(skipRegistry)('ECR immutable tags in the build', () => {
  it('refuses before building when a tag already names another image, naming the tag, repository and fix', async () => {
    isolateAws({ accessKeyId: 'AKIDTESTECRTAGS', secretAccessKey: 'test-secret-never-shown' });
    const name = 'shop/immutable-conflict';
    const context = await filesContext('conflict', 'one\n');
    // An earlier build left `main` on another image.
    const first = await build({
      destinations: [`${registry.host}/${name}`],
      builder: 'files',
      context,
      ci: ci('refs/heads/main', '1'.repeat(40)),
      tags: ['type=ref,event=branch'],
      reuse: false,
      git: {},
    });
    immutableEcrOver(name);
    await writeFile(join(context, 'index.html'), 'two\n');
    const events: BuildProgress[] = [];
    const error = await build({
      destinations: [`${registry.host}/${name}`],
      builder: 'files',
      context,
      ci: ci('refs/heads/main', '2'.repeat(40)),
      tags: ['type=ref,event=branch', 'type=sha'],
      reuse: false,
      git: {},
      tagGuard: guardAs(name, []),
      onProgress: (event) => events.push(event),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toContain(
      `tag main already exists in ${ECR_HOST}/${name} and names another image (${first.digest.slice(0, 19)}, not the image this build makes), and the repository is IMMUTABLE`,
    );
    expect((error as SlipwayError).fix).toContain('use a tag unique to each build (type=sha)');
    expect((error as SlipwayError).fix).toContain('make the repository MUTABLE');
    // Nothing was built or pushed: no build event, and the commit tag does not exist.
    expect(events.map((event) => event.step)).not.toContain('build');
    const real = openRepository(parseLocation(`${registry.host}/${name}`), {});
    expect(await real.resolve('sha-2222222')).toBeUndefined();
    expect((await real.resolve('main'))?.digest).toBe(first.digest);
  });

  it('build once re-tags: tags already on the reused image are not pushed again, new ones are', async () => {
    isolateAws({ accessKeyId: 'AKIDTESTECRTAGS', secretAccessKey: 'test-secret-never-shown' });
    const name = 'shop/immutable-reuse';
    const context = await filesContext('reuse', 'same source\n');
    immutableEcrOver(name);
    const infos: string[] = [];
    const first = await build({
      destinations: [`${registry.host}/${name}`],
      builder: 'files',
      context,
      ci: ci('refs/heads/main', '3'.repeat(40)),
      tags: ['type=sha'],
      git: {},
      tagGuard: guardAs(name, infos),
    });
    expect(first.reused).toBe(false);
    // The same commit again, now also tagged as a release: the image is reused; sha-… and the source key
    // tag already name it, so only 1.0.0 is written.
    const events: BuildProgress[] = [];
    const second = await build({
      destinations: [`${registry.host}/${name}`],
      builder: 'files',
      context,
      ci: ci('refs/tags/v1.0.0', '3'.repeat(40)),
      tags: ['type=sha', 'type=semver,pattern={{version}}'],
      flavor: ['latest=false'],
      git: {},
      tagGuard: guardAs(name, infos),
      onProgress: (event) => events.push(event),
    });
    expect(second.reused).toBe(true);
    expect(second.digest).toBe(first.digest);
    const pushes = events.filter((event) => event.step === 'push');
    expect(pushes).toEqual([{ step: 'push', destination: `${registry.host}/${name}`, tags: ['1.0.0'] }]);
    expect(infos.join('\n')).toContain(
      `${ECR_HOST}/${name} is IMMUTABLE: sha-3333333 already name this image`,
    );
    const real = openRepository(parseLocation(`${registry.host}/${name}`), {});
    expect((await real.resolve('1.0.0'))?.digest).toBe(first.digest);
    expect(second.references).toContain(`${registry.host}/${name}:sha-3333333@${first.digest}`);
  });
});

describe.skipIf(skipRegistry)('ECR tags that cannot be checked', () => {
  it('pushes as before, with a warning, when the role may not describe the repository', async () => {
    isolateAws({ accessKeyId: 'AKIDTESTECRTAGS', secretAccessKey: 'test-secret-never-shown' });
    const name = 'shop/push-only-role';
    ecr.on(DescribeRepositoriesCommand).rejects(
      new ECRServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        message: 'User is not authorized to perform: ecr:DescribeRepositories',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const warnings: string[] = [];
    const guard = ecrTagGuard({
      ci: { platform: 'local' },
      reporter: { ...terminalReporter(() => {}), warning: (message: string) => warnings.push(message) },
      env: {},
      cwd: scratch,
    });
    const built = await build({
      destinations: [`${registry.host}/${name}`],
      builder: 'files',
      context: await filesContext('push-only', 'pushed anyway\n'),
      ci: ci('refs/heads/main', '5'.repeat(40)),
      tags: ['type=sha'],
      reuse: false,
      git: {},
      tagGuard: (_location, tags, digest) =>
        guard(parseLocation(`${ECR_HOST}/${name}`) as Parameters<TagGuard>[0], tags, digest),
    });
    const real = openRepository(parseLocation(`${registry.host}/${name}`), {});
    expect((await real.resolve('sha-5555555'))?.digest).toBe(built.digest);
    expect(warnings).toEqual([
      `cannot check the tags of ${ECR_HOST}/${name} before the push (ECR denied DescribeRepositories or DescribeImages): allow ecr:DescribeRepositories and ecr:DescribeImages to have an immutable tag refused before anything is built or copied`,
    ]);
  });
});

describe('ECR immutable tags in copy', () => {
  it('refuses before copying when the destination tag names another image', async () => {
    isolateAws({ accessKeyId: 'AKIDTESTECRTAGS', secretAccessKey: 'test-secret-never-shown' });
    const layout = join(scratch, 'copy-source');
    const context = await filesContext('copy', 'to copy\n');
    const built = await build({
      destinations: [`oci:${layout}:v1`],
      builder: 'files',
      context,
      ci: ci('refs/heads/main', '4'.repeat(40)),
      tags: ['type=raw,value=v1'],
      reuse: false,
      git: {},
    });
    const other = `sha256:${'b'.repeat(64)}`;
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: Buffer.from('AWS:ecr-password-never-shown').toString('base64'),
          expiresAt: new Date(Date.now() + 3_600_000),
          proxyEndpoint: `https://${ECR_HOST}`,
        },
      ],
    });
    ecr.on(DescribeRepositoriesCommand).resolves({
      repositories: [
        { repositoryName: 'prod/cart', registryId: '123456789012', imageTagMutability: 'IMMUTABLE' },
      ],
    });
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: other, imageTags: ['1.4.2'] }] });
    const infos: string[] = [];
    const error = await copyStep
      .execute(
        { source: `oci:${layout}:v1`, destination: `${ECR_HOST}/prod/cart:1.4.2` },
        (name) => `--${name}`,
        {
          ci: { platform: 'local' },
          reporter: terminalReporter((line) => infos.push(line)),
          env: {},
          cwd: scratch,
        },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).oneLine()).toContain(
      `tag 1.4.2 already exists in ${ECR_HOST}/prod/cart and names another image (sha256:bbbbbbbbbbbb, not the pushed ${built.digest.slice(0, 19)}), and the repository is IMMUTABLE`,
    );
    // Refused before any blob moved: copy reports its plan first, and it never got there.
    expect(infos).toEqual([]);
  });
});
