// What a docker credential helper receives: the cloud credential chains it exists to use (AWS for
// docker-credential-ecr-login), and none of Slipway's, GitHub's or the signing keys' secrets.

import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCredentialHelper } from '../src/registry/credential-helper.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const NOT_FOR_HELPERS = {
  SLIPWAY_TOKEN: 'slipway-token-not-for-helpers',
  GITHUB_TOKEN: 'ghs_github-token-not-for-helpers',
  SLIPWAY_KEY_PASSWORD: 'key-password-not-for-helpers',
  COSIGN_PASSWORD: 'cosign-password-not-for-helpers',
  ACTIONS_RUNTIME_TOKEN: 'actions-runtime-token-not-for-helpers',
};
const AWS_CHAIN = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEFORHELPER',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-the-ecr-helper-needs',
  AWS_SESSION_TOKEN: 'aws-session-the-ecr-helper-needs',
  AWS_PROFILE: 'ci',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc',
};

describe('credential helper environment', () => {
  it('gets the AWS credential chain, HOME and PATH, and no Slipway or GitHub secret', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'slipway-helper-env-'));
    dirs.push(bin);
    const record = join(bin, 'env.json');
    const helper = join(bin, 'docker-credential-recording');
    await writeFile(
      helper,
      `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.env));\nprocess.stdout.write(JSON.stringify({ ServerURL: 'r.example', Username: 'AWS', Secret: 'pw' }));\n`,
    );
    await chmod(helper, 0o755);
    const found = await runCredentialHelper('recording', 'r.example', {
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: '/home/ci', ...NOT_FOR_HELPERS, ...AWS_CHAIN },
    });
    expect(found).toEqual({ username: 'AWS', password: 'pw' });
    const env = JSON.parse(await readFile(record, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({ ...AWS_CHAIN, HOME: '/home/ci' });
    for (const [name, value] of Object.entries(NOT_FOR_HELPERS)) {
      expect(env, name).not.toHaveProperty(name);
      expect(JSON.stringify(env), name).not.toContain(value);
    }
  });
});
