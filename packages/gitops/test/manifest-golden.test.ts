// Golden corpus: every fixture directory holds input.yaml, expected.yaml and case.json. The edit must
// produce expected.yaml byte for byte, touch only the listed lines, and be idempotent.
// Regenerate expectations (then review every diff!) with SLIPWAY_UPDATE_GOLDEN=1.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type DesiredImage, editFile, type Pin, scanFile, type ValuesPath } from '../src/manifest/index.js';

const root = fileURLToPath(new URL('./fixtures/manifest/', import.meta.url));
const update = process.env.SLIPWAY_UPDATE_GOLDEN === '1';

interface Case {
  file: string;
  pin: Pin;
  images: DesiredImage[];
  valuesPaths?: ValuesPath[];
  markerImages?: Record<string, string>;
  skipped?: boolean;
  /** Input line numbers that the edit changes or removes. */
  changedLines?: number[];
  /** Expected-file line numbers that the edit adds. */
  addedLines?: number[];
  changes?: { line: number; repository: string; before: string; after: string }[];
}

/** Lines with their endings, so a CRLF or a missing final newline counts as a difference. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Longest-common-subsequence line diff: input lines not kept, and output lines not from the input. */
export function lineDiff(before: string, after: string): { changed: number[]; added: number[] } {
  const a = splitLines(before);
  const b = splitLines(after);
  const table: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        a[i] === b[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const changed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (table[i]?.[j + 1] ?? 0) >= (table[i + 1]?.[j] ?? 0))) {
      added.push(++j);
    } else {
      changed.push(++i);
    }
  }
  return { changed, added };
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden manifest edits', () => {
  test('the corpus is there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  test.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
    const input = readFileSync(join(dir, 'input.yaml'), 'utf8');
    const context = {
      valuesPaths: spec.valuesPaths ?? [],
      markerImages: new Map(Object.entries(spec.markerImages ?? {})),
    };
    const result = editFile(spec.file, input, spec.images, spec.pin, context);
    if (spec.skipped) {
      expect(result.kind).toBe('skipped');
      expect(scanFile(spec.file, input, new Set(spec.images.map((i) => i.repository)), context).kind).toBe(
        'skipped',
      );
      return;
    }
    if (result.kind !== 'edited') throw new Error(`expected an edit, got ${JSON.stringify(result)}`);
    const diff = lineDiff(input, result.text);
    const changes = result.changes.map(({ file, ...rest }) => {
      expect(file).toBe(spec.file);
      return rest;
    });
    const expectedPath = join(dir, 'expected.yaml');
    if (update || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, result.text);
      const updated = { ...spec, changedLines: diff.changed, addedLines: diff.added, changes };
      writeFileSync(join(dir, 'case.json'), `${JSON.stringify(updated, null, 2)}\n`);
      if (!update) throw new Error(`wrote ${expectedPath}: review it and run again`);
      return;
    }
    const expected = readFileSync(expectedPath, 'utf8');
    // Exact bytes (CRLF, BOM and final newline included).
    expect(result.text === expected, 'edited text differs from expected.yaml').toBe(true);
    expect(result.text).toBe(expected);
    expect(diff).toEqual({ changed: spec.changedLines ?? [], added: spec.addedLines ?? [] });
    expect(changes).toEqual(spec.changes ?? []);
    // No change means the very same string.
    if (changes.length === 0) expect(result.text).toBe(input);

    // Editing again changes nothing.
    const again = editFile(spec.file, result.text, spec.images, spec.pin, context);
    expect(again.kind).toBe('edited');
    if (again.kind === 'edited') {
      expect(again.changes).toEqual([]);
      expect(again.text).toBe(result.text);
    }
  });
});
