/**
 * The known name closest to a mistyped one (`imgae` → `image`, `promot` → `promote`), or undefined when none
 * is close enough to be what was meant. Distance is optimal string alignment (Levenshtein plus a swap of two
 * neighbours, the commonest typo, as one edit). The threshold allows one edit per three characters of the
 * candidate (at least one, at most three): `--tag` for `--tga`, never `--env` for `--json`.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (distance > allowed) continue;
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (d[i - 1]?.[j] ?? 0) + 1,
        (d[i]?.[j - 1] ?? 0) + 1,
        (d[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (d[i - 2]?.[j - 2] ?? 0) + 1);
      }
      (d[i] as number[])[j] = value;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}
