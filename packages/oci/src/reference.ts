// The docker image reference grammar (distribution/reference), written from its published grammar:
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component ( "/" path-component )*
//   domain     := host [ ":" port ]
//
// A first component is a domain only when it looks like a host (has a "." or ":", or is "localhost");
// otherwise the image lives on Docker Hub and one-component names gain "library/".

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';
const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])`;
const DOMAIN_RE = new RegExp(`^${HOST}(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** Registry host (with port), normalised: `docker.io` for Docker Hub. */
  readonly domain: string;
  /** Path inside the registry, normalised: `library/nginx` for `nginx`. */
  readonly path: string;
  /** `domain/path`: two references name the same image exactly when their repositories are equal. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export class InvalidReferenceError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid image reference "${printable(input)}": ${reason}`);
    this.name = 'InvalidReferenceError';
  }
}

/** Parses and normalises a reference; throws {@link InvalidReferenceError} saying what is wrong. */
export function parseReference(input: string): ImageReference {
  if (input.length === 0) throw new InvalidReferenceError(input, 'it is empty');
  if (/\s/.test(input)) throw new InvalidReferenceError(input, 'it contains white space');

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) {
      throw new InvalidReferenceError(
        input,
        `digest "${digest}" is not "sha256:" followed by 64 lowercase hex digits`,
      );
    }
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      throw new InvalidReferenceError(
        input,
        `tag "${tag}" must be 1 to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`,
      );
    }
  }

  const { domain, path } = splitName(input, rest);
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) {
      const hint = /[A-Z]/.test(component) ? ' (repository names must be lowercase)' : '';
      throw new InvalidReferenceError(input, `path component "${component}" is not valid${hint}`);
    }
  }
  const repository = `${domain}/${path}`;
  if (repository.length > MAX_NAME_LENGTH) {
    throw new InvalidReferenceError(input, `repository name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return {
    domain,
    path,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** Like {@link parseReference}, but answers `undefined` for text that is not a reference. */
export function tryParseReference(input: string): ImageReference | undefined {
  try {
    return parseReference(input);
  } catch (error) {
    if (error instanceof InvalidReferenceError) return undefined;
    throw error;
  }
}

/** Normalises a repository name alone (no tag or digest allowed). */
export function parseRepository(input: string): string {
  const ref = parseReference(input);
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InvalidReferenceError(input, 'a repository name takes no tag or digest');
  }
  return ref.repository;
}

export function isDigest(value: string): boolean {
  return DIGEST_RE.test(value);
}

export function isTag(value: string): boolean {
  return TAG_RE.test(value);
}

/** `repository[:tag][@digest]`, with the repository spelled as given (it may be a familiar name like `nginx`). */
export function formatReference(
  repository: string,
  tag: string | undefined,
  digest: string | undefined,
): string {
  return `${repository}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
}

/** The short form users read: `sha256:` and the first 12 hex digits. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

/** The name as people write it: Docker Hub's domain and `library/` dropped. */
export function familiarRepository(ref: Pick<ImageReference, 'domain' | 'path'>): string {
  if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith(OFFICIAL_REPOSITORY_PREFIX)
    ? ref.path.slice(OFFICIAL_REPOSITORY_PREFIX.length)
    : ref.path;
}

function splitName(input: string, name: string): { domain: string; path: string } {
  if (name.length === 0) throw new InvalidReferenceError(input, 'the repository name is missing');
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const looksLikeHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!looksLikeHost) {
    const path = name.includes('/') ? name : `${OFFICIAL_REPOSITORY_PREFIX}${name}`;
    return { domain: DEFAULT_DOMAIN, path };
  }
  if (!DOMAIN_RE.test(first)) throw new InvalidReferenceError(input, `registry host "${first}" is not valid`);
  const path = name.slice(slash + 1);
  if (path.length === 0)
    throw new InvalidReferenceError(input, 'the repository path after the registry is missing');
  const domain = first.toLowerCase() === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first.toLowerCase();
  const normalisedPath =
    domain === DEFAULT_DOMAIN && !path.includes('/') ? `${OFFICIAL_REPOSITORY_PREFIX}${path}` : path;
  return { domain, path: normalisedPath };
}

function printable(input: string): string {
  return JSON.stringify(input).slice(1, -1);
}
