import { formatReference, shortDigest } from '@slipway/oci';

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
  const [only] = input.images;
  const subject =
    input.images.length === 1 && only !== undefined
      ? `promote(${input.env}): ${only.name}${only.tag === undefined ? '' : ` ${only.tag}`}${only.digest === undefined ? '' : ` (${shortDigest(only.digest)})`}`
      : `promote(${input.env}): ${input.images.length} images`;

  const body = input.images.map((image) => {
    const target = formatReference(image.name, image.tag, image.digest);
    const places = image.places.map((place) => `  - ${place}`).join('\n');
    return `Set ${target}${image.previous === undefined ? '' : ` (was ${image.previous})`} in:\n${places}`;
  });

  const trailers: string[] = [];
  for (const image of input.images) {
    trailers.push(`${TRAILER.image}: ${formatReference(image.name, image.tag, image.digest)}`);
    if (image.previous !== undefined) trailers.push(`${TRAILER.previous}: ${image.previous}`);
    if (image.verifiedBy !== undefined) trailers.push(`${TRAILER.verifiedBy}: ${image.verifiedBy}`);
  }
  if (input.sourceCommit !== undefined) trailers.push(`${TRAILER.sourceCommit}: ${input.sourceCommit}`);
  if (input.runUrl !== undefined) trailers.push(`${TRAILER.run}: ${input.runUrl}`);
  for (const [key, value] of input.trailers ?? []) {
    if (!/^[A-Za-z0-9-]+$/.test(key) || /[\r\n]/.test(value)) throw new Error(`bad trailer ${key}: ${value}`);
    trailers.push(`${key}: ${value}`);
  }

  return `${subject}\n\n${body.join('\n\n')}\n\n${trailers.join('\n')}\n`;
}

/** Reads the trailer block (the last paragraph) of a commit message: `[key, value]` pairs in order. */
export function parseTrailers(message: string): Array<[string, string]> {
  const paragraphs = message.trimEnd().split(/\n\s*\n/);
  const last = paragraphs.at(-1) ?? '';
  const pairs: Array<[string, string]> = [];
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (match === null) return paragraphs.length > 1 ? [] : pairs;
    pairs.push([match[1] ?? '', match[2] ?? '']);
  }
  return pairs;
}
