import { parse, Scalar } from 'yaml';
import { at, ManifestError } from './error.js';
import type { Lines } from './text.js';

/** A replacement of `text.slice(start, end)`. Insertions have `start === end`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The string a scalar holds as written: plain `1.0` reads `'1.0'`, not the number 1; null reads `undefined`. */
export function scalarString(node: Scalar, text: string): string | undefined {
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  const [start, end] = node.range ?? [0, 0];
  if (node.type === Scalar.PLAIN) return text.slice(start, end);
  return String(node.value);
}

const plainCache = new Map<string, boolean>();

/**
 * Whether `value` written plain reads back as exactly that string, in block and flow context, under both
 * YAML 1.2 (this library) and YAML 1.1 (Kubernetes' go-yaml): `1.10`, `010`, `true`, `1_0` and `''` are not.
 */
export function plainIsSafe(value: string): boolean {
  const known = plainCache.get(value);
  if (known !== undefined) return known;
  let safe = value !== '' && !/[\s#,[\]{}"'`!&*|>%@]/.test(value.charAt(0)) && !/[\s,[\]{}]|: |#/.test(value);
  if (safe) {
    for (const version of ['1.1', '1.2'] as const) {
      try {
        const block: unknown = parse(`k: ${value}\n`, { version });
        const flow: unknown = parse(`[${value}]\n`, { version });
        const fromBlock = (block as { k?: unknown } | null)?.k;
        const fromFlow = Array.isArray(flow) ? (flow as unknown[])[0] : undefined;
        if (fromBlock !== value || fromFlow !== value) safe = false;
      } catch {
        safe = false;
      }
    }
  }
  if (plainCache.size < 10_000) plainCache.set(value, safe);
  return safe;
}

/** `value` as a YAML scalar on its own: plain when safe, else double-quoted. */
export function formatNewScalar(value: string): string {
  return plainIsSafe(value) ? value : JSON.stringify(value);
}

/**
 * Replaces a scalar's value keeping its quoting style (plain turns double-quoted only when it must; in a JSON
 * file, where a plain scalar is a number, always).
 */
export function replaceScalar(
  node: Scalar,
  value: string,
  text: string,
  file: string,
  lines: Lines,
  json = false,
): Splice {
  const [start, end] = node.range ?? [0, 0];
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
      // JSON escapes are valid YAML double-quoted escapes; values here are printable ASCII anyway.
      return { start, end, text: JSON.stringify(value) };
    case Scalar.QUOTE_SINGLE:
      return { start, end, text: `'${value.replaceAll("'", "''")}'` };
    case Scalar.PLAIN: {
      const written = json ? JSON.stringify(value) : formatNewScalar(value);
      // An empty value (`digest:`) needs a space after its colon.
      const pad = start === end && text[start - 1] === ':' ? ' ' : '';
      return { start, end, text: `${pad}${written}` };
    }
    default:
      throw new ManifestError(
        `cannot rewrite a block scalar (${node.type ?? 'unknown'}) holding an image value`,
        {
          where: at(file, lines.line(start)),
          fix: 'write the value as a plain or quoted scalar on one line',
        },
      );
  }
}

/**
 * Applies splices. Two that overlap mean two sites claim one scalar: the file is refused where they meet,
 * as one Slipway cannot edit safely.
 */
export function applySplices(text: string, splices: readonly Splice[], file: string, lines: Lines): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous !== undefined && current !== undefined && previous.end > current.start) {
      throw new ManifestError(
        `cannot edit ${file} safely: two image references would rewrite the same value; nothing was written`,
        {
          where: at(file, lines.line(current.start)),
          fix: 'edit this reference by hand, and report the file to the Slipway maintainers',
        },
      );
    }
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const splice = sorted[i];
    if (splice === undefined) continue;
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  }
  return out;
}
