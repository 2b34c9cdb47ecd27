import { SlipwayError } from '@slipway/errors';
import { describe, expect, it } from 'vitest';
import { input, parseInputs } from '../src/index.js';

const table = {
  repo: input.requiredString('Repo.', { env: ['REPO'] }),
  tags: input.list('Tags.'),
  dry: input.boolean('Dry run.', false),
  pin: input.oneOf('Pin.', ['a', 'b'] as const, 'a'),
  tries: input.integer('Tries.', 3, { min: 1, max: 10 }),
  token: input.string('Token.', { secret: true, env: ['TOKEN'] }),
};
const spell = (name: string): string => `--${name}`;

describe('parseInputs', () => {
  it('applies defaults, env fallbacks, and turns newline lists and repeated flags into one array', () => {
    const values = parseInputs(table, { tags: ['a\nb', ' c '] }, { REPO: 'r', TOKEN: 't' }, spell);
    expect(values).toEqual({ repo: 'r', tags: ['a', 'b', 'c'], dry: false, pin: 'a', tries: 3, token: 't' });
  });

  it('reads action-style strings', () => {
    const values = parseInputs(
      table,
      { repo: 'x', dry: 'true', pin: 'b', tries: '7', tags: 'one\r\ntwo\n' },
      {},
      spell,
    );
    expect(values).toMatchObject({ dry: true, pin: 'b', tries: 7, tags: ['one', 'two'] });
  });

  it.each([
    [{}, /--repo is required \(or set REPO\)/],
    [{ repo: 'x', dry: 'maybe' }, /--dry must be true or false/],
    [{ repo: 'x', pin: 'c' }, /--pin must be one of a, b/],
    [{ repo: 'x', tries: '0' }, /--tries must be at least 1/],
    [{ repo: 'x', tries: '2.5' }, /--tries must be a whole number/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseInputs(table, raw, {}, spell)).toThrow(SlipwayError);
    expect(() => parseInputs(table, raw, {}, spell)).toThrow(message);
  });
});
