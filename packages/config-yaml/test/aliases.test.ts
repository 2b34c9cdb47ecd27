// Alias expansion is bounded by what it would cost Kubernetes, Flux and Argo CD to expand: the number of
// nodes, not how often one anchor is used.
import { describe, expect, it } from 'vitest';
import {
  checkAliasExpansion,
  configYamlToJS,
  parseConfigYaml,
  parseConfigYamlAll,
  YamlBoundsError,
} from '../src/index.js';

/** Billion laughs: nine levels of nine aliases, 9^9 strings from a few hundred bytes. */
function aliasBomb(): string {
  const names = 'abcdefghi'.split('');
  return names
    .map((name, i) =>
      i === 0
        ? `${name}: &${name} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`
        : `${name}: &${name} [${Array(9)
            .fill(`*${names[i - 1]}`)
            .join(',')}]`,
    )
    .join('\n');
}

function refusal(run: () => unknown): YamlBoundsError {
  try {
    run();
  } catch (error) {
    if (error instanceof YamlBoundsError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('alias expansion', () => {
  it('accepts an ordinary anchor used hundreds of times, as values and as merge keys', () => {
    const uses = Array.from(
      { length: 500 },
      (_, i) => `  c${i}:\n    <<: *defaults\n    image: shop/cart:${i}`,
    );
    const text = `defaults: &defaults {cpu: 100m, memory: 64Mi}\nlimits: &limits [1, 2, 3]\nservices:\n${uses.join('\n')}\nall: [${Array(300).fill('*limits').join(', ')}]\n`;
    const [doc] = parseConfigYamlAll('values.yaml', text);
    expect(doc?.errors).toEqual([]);
    const data = configYamlToJS('values.yaml', text, parseConfigYaml('values.yaml', text)) as {
      all: unknown[];
    };
    expect(data.all).toHaveLength(300);
  });

  it('refuses a billion-laughs document naming the file and the line of its first alias', () => {
    const text = `${aliasBomb()}\nimage: shop/cart:1.0.0\n`;
    const error = refusal(() => parseConfigYamlAll('apps/cart/bomb.yaml', text));
    expect(error.message).toBe('aliases expand to more than 1,000,000 nodes: a YAML alias bomb?');
    expect(error.where).toBe('apps/cart/bomb.yaml:2');
    expect(refusal(() => configYamlToJS('p.yaml', text, parseConfigYaml('p.yaml', text))).where).toBe(
      'p.yaml:2',
    );
  });

  it('refuses an alias that refers to a node containing it', () => {
    const text = 'a: &a\n  b: *a\n';
    const error = refusal(() => checkAliasExpansion('loop.yaml', text, parseConfigYaml('loop.yaml', text)));
    expect(error.message).toBe('alias *a refers to a node that contains it');
  });

  it('counts a chain of anchors without deep recursion: 1,000 links pass, 50,000 (1.25e9 nodes) are refused', () => {
    const chain = (links: number): string => {
      const lines = ['a0: &a0 x'];
      for (let i = 1; i < links; i += 1) lines.push(`a${i}: &a${i} [*a${i - 1}]`);
      return `${lines.join('\n')}\n`;
    };
    expect(parseConfigYamlAll('chain.yaml', chain(1000))[0]?.errors).toEqual([]);
    expect(refusal(() => parseConfigYamlAll('chain.yaml', chain(50_000))).message).toMatch(/alias bomb/);
  });
});
