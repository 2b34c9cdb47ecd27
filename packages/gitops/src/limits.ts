import { SlipwayError } from '@slipway/errors';

/**
 * How big a config-repo file Slipway reads may be, checked against the size git (`ls-tree -l`,
 * `cat-file --batch-check`) or GitHub (the tree's `size`) gives before a byte of it is read.
 *
 * `file` (1 MiB) bounds every file Slipway parses or edits: manifests, values files, kustomizations, the policy
 * and `.slipway/pins.yaml`. Kubernetes refuses an object over about 1.5 MB (etcd's request limit), so a
 * manifest is rarely near it; and parsing YAML for a byte-exact edit costs memory: about 500 MB for 1 MiB of
 * the worst-case shape (a long list of one-letter items), measured, so 1 MiB keeps a promotion well under
 * 1.5 GB where 2 MiB would not. `key`: a public key file (PEM or a KMS reference) is under 1 KiB; 64 KiB is
 * room for comments. `trustedRoot`: a Sigstore TrustedRoot JSON is a few KiB (public-good's is about 7 KiB); 256 KiB
 * leaves room for a private instance's extra authorities and logs. `candidates`: every candidate file of a branch together, as they are held at once.
 */
export const FILE_LIMITS = {
  file: 1024 * 1024,
  key: 64 * 1024,
  trustedRoot: 256 * 1024,
  candidates: 64 * 1024 * 1024,
} as const;

/** `1.5 MiB`, `40 KiB`, `12 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

/** The refusal of a file over `limit`: what, where, the limit, and `fix`. */
export function fileTooLarge(
  file: string,
  size: number,
  limit: number,
  where: string,
  fix: string,
): SlipwayError {
  return new SlipwayError(
    `${file} is ${formatSize(size)}, over Slipway's limit of ${formatSize(limit)} for a config file it reads`,
    { where, fix },
  );
}
