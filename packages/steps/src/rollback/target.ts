/** What `--to` names: how many versions back, a digest (prefix), or the commit (prefix) that promoted it. */
export type RollbackTarget =
  | { readonly kind: 'count'; readonly back: number }
  | { readonly kind: 'digest'; readonly prefix: string }
  | { readonly kind: 'commit'; readonly prefix: string }
  | { readonly kind: 'unknown' };

/**
 * Reads `--to`. A count has at most four digits (no more than the 1,000 commits `--limit` lets rollback read);
 * longer values made of digits only are commit ids, which can be all digits (`5231001406`).
 */
export function rollbackTarget(to: string): RollbackTarget {
  if (/^\d{1,4}$/.test(to)) return { kind: 'count', back: Number(to) };
  if (/^sha256:[0-9a-f]{4,64}$/i.test(to)) return { kind: 'digest', prefix: to.toLowerCase() };
  if (/^[0-9a-f]{5,64}$/i.test(to)) return { kind: 'commit', prefix: to.toLowerCase() };
  return { kind: 'unknown' };
}
