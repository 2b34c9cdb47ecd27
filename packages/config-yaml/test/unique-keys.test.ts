// The duplicate-key check Slipway runs instead of the YAML library's own (which compares each key with every
// earlier one of its map, quadratic in the keys): it must find exactly what the library finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfigYaml, parseConfigYamlAll } from '../src/index.js';

/** What the library itself reports for repeated keys: code and offset of each. */
function libraryDuplicates(text: string): string[] {
  return parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false })
    .flatMap((doc) => (Array.isArray(doc) ? [] : doc.errors))
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => `${e.code}@${e.pos[0]}`)
    .sort();
}

function slipwayDuplicates(text: string): string[] {
  return parseConfigYamlAll('f.yaml', text)
    .flatMap((doc) => doc.errors)
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => `${e.code}@${e.pos[0]}`)
    .sort();
}

describe('checkUniqueKeys', () => {
  it('reports a repeated key in block, nested and flow maps, as the library does', () => {
    const text = [
      'image: a',
      'tag: "1"',
      'image: b',
      'spec:',
      '  x: 1',
      '  y: {p: 1, q: 2, p: 3}',
      '  x: 2',
      '"1": quoted',
      '1: number',
      '---',
      'image: c',
      '',
    ].join('\n');
    const found = slipwayDuplicates(text);
    expect(found).toHaveLength(3);
    expect(found).toEqual(libraryDuplicates(text));
    expect(parseConfigYaml('f.yaml', 'a: 1\na: 2\n').errors[0]?.message).toBe('Map keys must be unique');
  });

  it('finds the same duplicates as the library for any map of scalar keys', () => {
    const key = fc.oneof(
      fc.constantFrom('a', 'b', 'image', 'tag', '"a"', "'b'", '1', '01', '1.0', 'true', 'null', '~', '"1"'),
      fc.stringMatching(/^[a-z]{1,3}$/),
    );
    const block = fc.array(fc.tuple(key, fc.nat(9)), { maxLength: 12 });
    fc.assert(
      fc.property(block, block, (outer, inner) => {
        const lines = outer.map(([k, v]) => `${k}: ${v}`);
        lines.push(`nested:\n${inner.map(([k, v]) => `  ${k}: ${v}`).join('\n') || '  z: 0'}`);
        lines.push(`flow: {${inner.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);
        const text = `${lines.join('\n')}\n`;
        expect(slipwayDuplicates(text)).toEqual(libraryDuplicates(text));
      }),
      { numRuns: 300 },
    );
  });
});
