import { SlipwayError } from '@slipway/errors';
import {
  formatLocation,
  type ImageLocation,
  type ImageRepository,
  type OpenOptions,
  openRepository,
  parseLocalRegistries,
  parseLocation,
} from '@slipway/oci';
import type { StepContext } from '../definition/step.js';

/** An image a step works on: where it lives, and the tag or digest asked for. */
export interface OpenedImage {
  readonly location: ImageLocation;
  readonly repository: ImageRepository;
  /** Tag or digest as given; `latest` when neither was, as docker does. */
  readonly reference: string;
  /** The text the user gave, for messages. */
  readonly text: string;
}

export interface ImageAccess {
  readonly insecureRegistries: readonly string[];
}

const ECR_HINT = /\.dkr[.-]ecr/;

/** Whether `domain` may be an ECR registry: a cheap test, so other hosts never load the AWS SDK. */
export function mayBeEcrHost(domain: string): boolean {
  return ECR_HINT.test(domain);
}

/**
 * Options every registry gets: plain-HTTP hosts, the environment for the docker config, and registry hosts
 * served from local OCI layout stores (`SLIPWAY_LOCAL_REGISTRY=registry.example.com=./store`).
 */
export function baseOptions(access: ImageAccess, context: StepContext): OpenOptions {
  return {
    insecureRegistries: access.insecureRegistries,
    env: context.env,
    localRegistries: parseLocalRegistries(context.env.SLIPWAY_LOCAL_REGISTRY),
  };
}

/**
 * How to reach a registry: the docker config and credential helpers by default; for an ECR registry, a token
 * from the AWS credential chain (the ECR client is loaded only then). Tokens are masked in all output.
 */
export async function registryOptions(
  location: ImageLocation,
  access: ImageAccess,
  context: StepContext,
): Promise<OpenOptions> {
  const base = baseOptions(access, context);
  // Only ECR hosts (`<account>.dkr.ecr.<region>…`, `….dkr-ecr.<region>.on.aws`) load the AWS SDK.
  if (location.kind !== 'registry' || !mayBeEcrHost(location.reference.domain)) return base;
  if (base.localRegistries?.[location.reference.domain] !== undefined) return base;
  const { parseEcrHost, EcrCredentials } = await import('@slipway/ecr');
  if (parseEcrHost(location.reference.domain) === undefined) return base;
  const login = await ecrLogins(EcrCredentials).credentialsFor(location.reference.domain, {
    mask: (secret) => context.reporter.mask(secret),
  });
  return { ...base, credentials: { username: login.username, password: login.password } };
}

/** One credentials cache per process: a token serves every step of a run until it expires. */
let logins: import('@slipway/ecr').EcrCredentials | undefined;
function ecrLogins(
  make: typeof import('@slipway/ecr').EcrCredentials,
): import('@slipway/ecr').EcrCredentials {
  logins ??= new make();
  return logins;
}

/** Opens `text` (a registry reference or `oci:<dir>[:tag|@digest]`) with the caller's registry settings. */
export async function openImage(
  text: string,
  access: ImageAccess,
  context: StepContext,
): Promise<OpenedImage> {
  const location = parseLocation(text);
  const repository = openRepository(location, await registryOptions(location, access, context));
  const reference =
    location.kind === 'registry'
      ? (location.reference.digest ?? location.reference.tag ?? 'latest')
      : (location.digest ?? location.tag ?? 'latest');
  return { location, repository, reference, text };
}

/** The manifest digest behind the image, or a clear error naming where it was looked for. */
export async function resolveDigest(image: OpenedImage): Promise<string> {
  const descriptor = await image.repository.resolve(image.reference);
  if (descriptor === undefined) {
    throw new SlipwayError(`image ${image.text} does not exist`, {
      where: image.repository.name,
      fix: 'check the repository and the tag or digest (push or build it first)',
    });
  }
  return descriptor.digest;
}

/** `repository@sha256:…`, the pinned name users copy. */
export function pinnedName(image: OpenedImage, digest: string): string {
  if (image.location.kind === 'layout')
    return formatLocation({ kind: 'layout', path: image.location.path, digest });
  return `${image.repository.name}@${digest}`;
}
