import { tryParseReference } from '@slipway/oci';
import type { Identity, LogEntry } from '../git/configRepo.js';
import { parseTrailers, slipwaySubjectEnv, TRAILER } from '../promotion/message.js';
import { checkRunUrl, checkSourceCommit } from '../promotion/record-values.js';

/** An image reference as a trailer writes it: `repo:tag@digest`. */
export interface TrailerReference {
  /** As written in the trailer. */
  readonly reference: string;
  /** The repository as spelled there (without tag or digest). */
  readonly name: string;
  /** Normalised repository (how sites and pins are matched). */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** One image a commit set, from its trailers. */
export interface HistoryImage extends TrailerReference {
  readonly previous?: TrailerReference;
  readonly verifiedBy?: string;
}

/**
 * One commit of an environment branch. `promotion` and `rollback` carry Slipway trailers; `unpin` removed a
 * pin; `manual` is anything else (a hand edit, a merge, the first commit, and any commit whose subject is
 * not Slipway's for this environment, whatever `Slipway-*` lines it carries).
 */
export interface HistoryEntry {
  readonly kind: 'promotion' | 'rollback' | 'unpin' | 'manual';
  readonly commit: string;
  readonly subject: string;
  readonly author: Identity;
  readonly authorDate: string;
  readonly committer: Identity;
  readonly committerDate: string;
  readonly images: readonly HistoryImage[];
  readonly sourceCommit?: string;
  readonly run?: string;
  readonly rollbackOf?: string;
  /** What an unpin commit unpinned. */
  readonly unpinned?: TrailerReference;
  /** The pins a promotion went past with `--override-pin` (`Slipway-Pin-Overridden`): image at the pinned digest. */
  readonly pinOverridden?: readonly TrailerReference[];
}

/** Parses `repo:tag@digest` as a trailer holds it (undefined when it is not an image reference). */
export function trailerReference(value: string): TrailerReference | undefined {
  const text = value.trim();
  const parsed = tryParseReference(text);
  if (parsed === undefined) return undefined;
  const at = text.indexOf('@');
  const withoutDigest = at < 0 ? text : text.slice(0, at);
  const colon = withoutDigest.indexOf(':', withoutDigest.lastIndexOf('/') + 1);
  const name = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  return {
    reference: text,
    name,
    repository: parsed.repository,
    ...(parsed.tag === undefined ? {} : { tag: parsed.tag }),
    ...(parsed.digest === undefined ? {} : { digest: parsed.digest }),
  };
}

/**
 * Reads one commit of `env`'s branch. Its trailers are believed only in the form Slipway writes them: a
 * subject `promote(<env>): …` or `unpin(<env>): …` naming this environment, and a final paragraph of
 * `Key: value` lines. `Slipway-Previous` and `Slipway-Verified-By` belong to the `Slipway-Image` before them
 * (the order `promotionMessage` writes). Anyone who can push can still copy that form exactly: what a
 * `Slipway-Verified-By` claim is worth is for `history --verify` to say.
 */
export function historyEntry(log: LogEntry, env: string): HistoryEntry {
  const trailers = slipwaySubjectEnv(log.message) === env ? parseTrailers(log.message) : [];
  const images: Array<{ -readonly [K in keyof HistoryImage]: HistoryImage[K] }> = [];
  let sourceCommit: string | undefined;
  let run: string | undefined;
  let rollbackOf: string | undefined;
  let unpinned: TrailerReference | undefined;
  const pinOverridden: TrailerReference[] = [];
  for (const [key, value] of trailers) {
    const current = images.at(-1);
    switch (key) {
      case TRAILER.image: {
        const reference = trailerReference(value);
        if (reference !== undefined) images.push({ ...reference });
        break;
      }
      case TRAILER.previous: {
        const reference = trailerReference(value);
        if (current !== undefined && reference !== undefined) current.previous = reference;
        break;
      }
      case TRAILER.verifiedBy:
        if (current !== undefined) current.verifiedBy = value.trim();
        break;
      case TRAILER.sourceCommit: {
        const checked = checkSourceCommit(value);
        if (checked.ok) sourceCommit = checked.value;
        break;
      }
      case TRAILER.run: {
        // Shown as a link: only what promote itself would have written.
        const checked = checkRunUrl(value);
        if (checked.ok) run = checked.value;
        break;
      }
      case TRAILER.rollbackOf:
        rollbackOf = value.trim();
        break;
      case TRAILER.unpin:
        unpinned = trailerReference(value);
        break;
      case TRAILER.pinOverridden: {
        const reference = trailerReference(value);
        if (reference !== undefined) pinOverridden.push(reference);
        break;
      }
    }
  }
  const kind =
    images.length === 0
      ? unpinned === undefined
        ? 'manual'
        : 'unpin'
      : rollbackOf === undefined
        ? 'promotion'
        : 'rollback';
  return {
    kind,
    commit: log.commit,
    subject: log.message.split('\n')[0] ?? '',
    author: log.author,
    authorDate: log.authorDate,
    committer: log.committer,
    committerDate: log.committerDate,
    images,
    ...(sourceCommit === undefined ? {} : { sourceCommit }),
    ...(run === undefined ? {} : { run }),
    ...(rollbackOf === undefined ? {} : { rollbackOf }),
    ...(unpinned === undefined ? {} : { unpinned }),
    ...(pinOverridden.length === 0 ? {} : { pinOverridden }),
  };
}
