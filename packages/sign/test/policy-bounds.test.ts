import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../src/index.js';

function thrown(run: () => unknown): SlipwayError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error('expected a SlipwayError');
}

describe('.slipway.yaml that would exhaust memory or the stack', () => {
  it('refuses an alias bomb with a SlipwayError naming the file and the line of its first alias', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = [
      'version: 1',
      'environments: {dev: {}}',
      'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...levels
        .slice(1)
        .map((name, i) => `x-${name}: &${name} [${Array(9).fill(`*${levels[i]}`).join(',')}]`),
    ].join('\n');
    const error = thrown(() => parsePolicy(bomb, { file: '.slipway.yaml' }));
    expect(error.message).toMatch(/aliases expand to more than 1,000,000 nodes/);
    expect(error.where).toBe('.slipway.yaml:4');
  });

  it('refuses flow collections nested 100 000 deep, naming file and line', () => {
    const text = `version: 1\nenvironments: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    const error = thrown(() => parsePolicy(text, { file: '.slipway.yaml' }));
    expect(error.message).toBe('flow collections ([…] or {…}) nest deeper than 64 levels');
    expect(error.where).toBe('.slipway.yaml:2');
  });
});
