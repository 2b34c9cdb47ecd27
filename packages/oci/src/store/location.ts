// Where an image lives, as users write it: `oci:<dir>[:tag|@sha256:…]` for an OCI image layout (skopeo's
// spelling), anything else a registry reference (`docker://` accepted and dropped).

import { SlipwayError } from '@slipway/errors';
import {
  formatReference,
  type ImageReference,
  InvalidReferenceError,
  isDigest,
  isTag,
  parseReference,
} from '../reference.js';

export type ImageLocation =
  | { kind: 'registry'; reference: ImageReference }
  | { kind: 'layout'; path: string; tag?: string; digest?: string };

const LAYOUT_PREFIX = 'oci:';
const DOCKER_PREFIX = 'docker://';

/** Parses `oci:<dir>[:tag][@digest]` or a registry reference; throws a SlipwayError saying how to fix it. */
export function parseLocation(text: string): ImageLocation {
  if (text.startsWith(LAYOUT_PREFIX)) return parseLayout(text);
  const reference = text.startsWith(DOCKER_PREFIX) ? text.slice(DOCKER_PREFIX.length) : text;
  try {
    return { kind: 'registry', reference: parseReference(reference) };
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw error;
    throw new SlipwayError(`${error.message}`, {
      where: `image location "${printable(text)}"`,
      fix: 'write a registry reference (`registry.example.com/shop/cart:1.4.2`, optionally `@sha256:…`) or an OCI layout (`oci:./dir:tag`)',
      cause: error,
    });
  }
}

/** The text {@link parseLocation} reads back. */
export function formatLocation(location: ImageLocation): string {
  if (location.kind === 'registry') {
    const { reference } = location;
    return formatReference(reference.repository, reference.tag, reference.digest);
  }
  return `${LAYOUT_PREFIX}${location.path}${location.tag === undefined ? '' : `:${location.tag}`}${location.digest === undefined ? '' : `@${location.digest}`}`;
}

function parseLayout(text: string): ImageLocation {
  let rest = text.slice(LAYOUT_PREFIX.length);
  const fail = (reason: string): never => {
    throw new SlipwayError(`invalid OCI layout location: ${reason}`, {
      where: `image location "${printable(text)}"`,
      fix: 'write `oci:<directory>`, `oci:<directory>:<tag>` or `oci:<directory>@sha256:<64 hex digits>`',
    });
  };
  let digest: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0 && rest.slice(at + 1).includes(':')) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest))
      fail(`"${printable(digest)}" is not "sha256:" followed by 64 lowercase hex digits`);
  }
  let tag: string | undefined;
  const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!isTag(tag)) {
      fail(
        `tag "${printable(tag)}" must be 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`,
      );
    }
  }
  if (rest === '') fail('the directory is missing');
  return {
    kind: 'layout',
    path: rest,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

function printable(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
