import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listCommits } from './support/bareRepo.js';
import { baseEnv, ROOT } from './support/slipway.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demo(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/demo'],
      {
        cwd: ROOT,
        env: { ...baseEnv(), SLIPWAY_DEMO_SKIP_SETUP: '1', SLIPWAY_DEMO_DIR: join(dir, 'demo') },
        timeout: 240_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: stdout + stderr }),
    );
  });
}

describe('the README demo (scripts/demo)', () => {
  it('runs the whole flow offline, twice, and leaves a config repo with verified promotions', async () => {
    for (const run of [1, 2]) {
      const { code, output } = await demo();
      expect(code, output.slice(-2000)).toBe(0);
      expect(output).toContain('staging requires a trusted signature');
      expect(output).toMatch(/prod takes images from staging/);
      expect(output).toMatch(/pinned/);
      expect(output).toContain(`Done. Everything is in ${join(dir, 'demo')}`);
      const prod = listCommits(join(dir, 'demo', 'config.git'), 'env/prod');
      // init, 1.1.0, 1.2.0, then the rollback to 1.1.0
      expect(prod, `run ${run}`).toHaveLength(4);
      expect(prod[2]?.message).toMatch(
        /^promote\(prod\): registry.example.com\/shop\/cart 1\.1\.0 \(sha256:[0-9a-f]{12}\)/,
      );
      expect(prod[1]?.message).toMatch(/Slipway-Verified-By: [0-9a-f]{64}/);
      expect(prod[0]?.message).toMatch(/registry.example.com\/shop\/cart:1\.1\.0@sha256:[0-9a-f]{64}/);
      expect(prod[0]?.message).toContain(`Slipway-Rollback-Of: ${prod[1]?.sha}`);
      expect(output).toMatch(/registry\.example\.com\/shop\/cart +1\.2\.1-hotfix .*1\.2\.0 .*1\.1\.0/);
    }
  }, 600_000);
});
