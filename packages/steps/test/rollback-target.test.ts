import { describe, expect, it } from 'vitest';
import { rollbackTarget } from '../src/rollback/target.js';

describe('rollback --to', () => {
  it('reads up to four digits as versions back', () => {
    expect(rollbackTarget('2')).toEqual({ kind: 'count', back: 2 });
    expect(rollbackTarget('1000')).toEqual({ kind: 'count', back: 1000 });
  });

  it('reads a longer id made of digits only as a commit, as git abbreviates one', () => {
    // A commit's first ten hex digits are all decimal digits about once in a hundred commits.
    expect(rollbackTarget('5231001406')).toEqual({ kind: 'commit', prefix: '5231001406' });
    expect(rollbackTarget('3f2A1c9')).toEqual({ kind: 'commit', prefix: '3f2a1c9' });
  });

  it('reads digests, and nothing else', () => {
    expect(rollbackTarget(`sha256:${'AB'.repeat(4)}`)).toEqual({ kind: 'digest', prefix: 'sha256:abababab' });
    expect(rollbackTarget('main')).toEqual({ kind: 'unknown' });
    expect(rollbackTarget('-1')).toEqual({ kind: 'unknown' });
  });
});
