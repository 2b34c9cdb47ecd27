import { formatReference, shortDigest } from '@slipway/oci';
import { escapeControlCharacters, messageValue } from './record-values.js';

/** One image of a promotion as it goes into the commit message. */
export interface PromotedImage {
  /** Repository as the user spelled it, without tag or digest. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
  /** What the branch pinned before, as `repo:tag@digest` (absent when unknown). */
  readonly previous?: string;
  readonly verifiedBy?: string;
  /** `file:line` of every place that changed. */
  readonly places: readonly string[];
}

export interface PromotionMessageInput {
  readonly env: string;
  readonly images: readonly PromotedImage[];
  readonly sourceCommit?: string;
  readonly runUrl?: string;
  /** More trailers after the standard ones, in order (`Slipway-Rollback-Of`). */
  readonly trailers?: readonly (readonly [string, string])[];
}

export const TRAILER = {
  image: 'Slipway-Image',
  previous: 'Slipway-Previous',
  sourceCommit: 'Slipway-Source-Commit',
  run: 'Slipway-Run',
  verifiedBy: 'Slipway-Verified-By',
  rollbackOf: 'Slipway-Rollback-Of',
  unpin: 'Slipway-Unpin',
  /** A promotion that `--override-pin` let past a rollback's pin: `<image>@<pinned digest>`. */
  pinOverridden: 'Slipway-Pin-Overridden',
} as const;

/** The commit message of one promotion to one branch; its trailers are the contract `status` and `history` read. */
export function promotionMessage(input: PromotionMessageInput): string {
  const env = messageValue(input.env, 'environment');
  const images = input.images.map((image) => ({
    name: messageValue(image.name, 'image name'),
    tag: image.tag === undefined ? undefined : messageValue(image.tag, 'tag'),
    digest: image.digest === undefined ? undefined : messageValue(image.digest, 'digest'),
    previous: image.previous === undefined ? undefined : messageValue(image.previous, 'previous image'),
    verifiedBy: image.verifiedBy === undefined ? undefined : messageValue(image.verifiedBy, 'verifiedBy'),
    // A place names a config-repo file, and git allows any byte but NUL in a file name: it is written escaped.
    places: image.places.map(escapeControlCharacters),
  }));
  const [only] = images;
  const subject =
    images.length === 1 && only !== undefined
      ? `promote(${env}): ${only.name}${only.tag === undefined ? '' : ` ${only.tag}`}${only.digest === undefined ? '' : ` (${shortDigest(only.digest)})`}`
      : `promote(${env}): ${images.length} images`;

  const body = images.map((image) => {
    const target = formatReference(image.name, image.tag, image.digest);
    const places = image.places.map((place) => `  - ${place}`).join('\n');
    return `Set ${target}${image.previous === undefined ? '' : ` (was ${image.previous})`} in:\n${places}`;
  });

  const trailers: string[] = [];
  for (const image of images) {
    trailers.push(`${TRAILER.image}: ${formatReference(image.name, image.tag, image.digest)}`);
    if (image.previous !== undefined) trailers.push(`${TRAILER.previous}: ${image.previous}`);
    if (image.verifiedBy !== undefined) trailers.push(`${TRAILER.verifiedBy}: ${image.verifiedBy}`);
  }
  if (input.sourceCommit !== undefined)
    trailers.push(`${TRAILER.sourceCommit}: ${messageValue(input.sourceCommit, 'source commit')}`);
  if (input.runUrl !== undefined) trailers.push(`${TRAILER.run}: ${messageValue(input.runUrl, 'run URL')}`);
  for (const [key, value] of input.trailers ?? []) {
    if (!TRAILER_KEY.test(key)) throw new Error(`bug: trailer key ${JSON.stringify(key)} is not a token`);
    trailers.push(`${key}: ${messageValue(value, key)}`);
  }

  return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}

/** The commit message that removes a pin. */
export function unpinMessage(input: {
  readonly env: string;
  readonly image: string;
  readonly digest: string;
  readonly reason: string;
}): string {
  const env = messageValue(input.env, 'environment');
  const pinned = `${messageValue(input.image, 'image')}@${messageValue(input.digest, 'digest')}`;
  // The reason comes back from the pins file, which people edit by hand: escaped, not refused.
  const reason = input.reason === '' ? '' : ` (${escapeControlCharacters(input.reason)})`;
  return `unpin(${env}): ${input.image}\n\nRemove the pin of ${pinned}${reason}.\n\n${TRAILER.unpin}: ${pinned}\n`;
}

const TRAILER_KEY = /^[A-Za-z0-9-]+$/;

/** How Slipway's own commits begin: `promote(<env>): …` (promotions and rollbacks) and `unpin(<env>): …`. */
const SLIPWAY_SUBJECT = /^(?:promote|unpin)\(([a-z0-9][a-z0-9._-]{0,62})\): \S/;

/** The environment a commit's subject says Slipway wrote it for, or undefined when the subject is not Slipway's. */
export function slipwaySubjectEnv(message: string): string | undefined {
  return SLIPWAY_SUBJECT.exec(message.split('\n', 1)[0] ?? '')?.[1];
}

/**
 * Reads the trailer block of a commit message: the last paragraph, after a subject, when every one of its
 * lines is `Key: value`; anything else is no trailer block at all (`[]`). `[key, value]` pairs in order.
 */
export function parseTrailers(message: string): Array<[string, string]> {
  const paragraphs = message.trimEnd().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return [];
  const pairs: Array<[string, string]> = [];
  for (const line of (paragraphs.at(-1) ?? '').split('\n')) {
    const match = /^([A-Za-z0-9-]+): ?(.*)$/.exec(line);
    if (match === null) return [];
    pairs.push([match[1] ?? '', match[2] ?? '']);
  }
  return pairs;
}
