import { describe, expect, it } from 'vitest';
import { runSlipway } from './support/slipway.js';

describe('slipway (the built bundle) on a typo', () => {
  it('suggests the nearest flag and command, on one line with exit 2', async () => {
    const flag = await runSlipway(['promote', '--imgae', 'registry.example/shop/cart@sha256:0']);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toBe(
      'slipway promote: unknown flag --imgae; did you mean --image? (see slipway promote --help)\n',
    );
    const command = await runSlipway(['promot', '--help']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^slipway: unknown command "promot"; did you mean promote\? commands: /);
  });
});
