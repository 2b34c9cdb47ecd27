// The CLI on a CodeCommit config repo over real HTTP: git http-backend behind a server that accepts only the
// SigV4 git credential it recomputes itself from the test AWS credentials, and that enforces the shipped IAM
// policy (workflows/codebuild/iam/promote-git.json) on every request.

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BareRepo, branchTip, createBareRepo, listCommits } from './support/bareRepo.js';
import { type CodeCommitGitServer, startCodeCommitGitServer } from './support/codecommitGitServer.js';
import { loadShippedPolicy } from './support/iamPolicy.js';
import { type RunResult, runSlipway } from './support/slipway.js';

const REPO = 'microservices-repo';
const KEYS = {
  accessKeyId: 'AKIAIOSFODNN7SLIPWAY',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSlipwaySECRET',
};
const SESSION = {
  accessKeyId: 'ASIAIOSFODNN7SESSION',
  secretAccessKey: 'sEsSiOnSeCrEtKeyThatMustNeverLeak0123456789',
  sessionToken: 'FwoGZXIvYXdzEJr//////////SessionTokenThatMustNeverLeak==',
};
const PROFILE_KEYS = {
  accessKeyId: 'AKIAPROFILEKEY000001',
  secretAccessKey: 'pRoFiLeSeCrEtKeyThatMustNeverLeak98765',
};
const TOKEN = 'ghs_GitHubTokenThatMustNotGoToCodeCommit01';
const DEPLOYMENT =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: registry.example.com/shop/cart:1.0.0\n';

let repo: BareRepo;
let server: CodeCommitGitServer;
let scratch: string;
let wrapperDir: string;
let childLog: string;
/** How far the server's clock runs ahead of the real one (to expire credentials). */
let clockOffsetMs = 0;
let version = 0;

beforeAll(async () => {
  repo = createBareRepo({
    name: `${REPO}.git`,
    branches: {
      main: { 'README.md': 'config\n', 'apps/cart/deployment.yaml': DEPLOYMENT },
      'env/dev': { 'apps/cart/deployment.yaml': DEPLOYMENT },
      'env/staging': { 'apps/cart/deployment.yaml': DEPLOYMENT },
    },
  });
  server = await startCodeCommitGitServer({
    root: dirname(repo.path),
    identities: [KEYS, SESSION, PROFILE_KEYS],
    policy: loadShippedPolicy('promote-git', { configRepoName: REPO }),
    now: () => new Date(Date.now() + clockOffsetMs),
  });
  scratch = mkdtempSync(join(tmpdir(), 'slipway-codecommit-'));
  // A git wrapper first on PATH records the argv and the environment of every git Slipway starts.
  wrapperDir = join(scratch, 'bin');
  childLog = join(scratch, 'git-children.log');
  mkdirSync(wrapperDir);
  writeFileSync(
    join(wrapperDir, 'git'),
    `#!/bin/sh\n{ printf 'argv: %s\\n' "$*"; env; ps -o args= -p $$; } >> '${childLog}'\nexec /usr/bin/git "$@"\n`,
  );
  chmodSync(join(wrapperDir, 'git'), 0o755);
  writeFileSync(
    join(scratch, 'aws-config'),
    '[profile config-writer]\nregion = eu-west-1\n[profile no-region]\n',
  );
  writeFileSync(
    join(scratch, 'aws-credentials'),
    `[config-writer]\naws_access_key_id = ${PROFILE_KEYS.accessKeyId}\naws_secret_access_key = ${PROFILE_KEYS.secretAccessKey}\n[no-region]\naws_access_key_id = ${PROFILE_KEYS.accessKeyId}\naws_secret_access_key = ${PROFILE_KEYS.secretAccessKey}\n`,
  );
});

afterAll(async () => {
  await server?.close();
  repo?.cleanup();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** The environment of a run: AWS isolated to the test's files, the git endpoint on loopback. */
function awsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    HOME: scratch,
    AWS_CONFIG_FILE: join(scratch, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLIPWAY_CODECOMMIT_GIT_ENDPOINT: server.endpoint,
    ...extra,
  };
}

function keysEnv(keys: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: keys.sessionToken }),
  };
}

function nextImage(): string {
  version += 1;
  // A digest of its own per version, so rollback has a distinct one to go back to.
  return `registry.example.com/shop/cart:1.${version}.0@sha256:${String(version).padStart(64, 'c')}`;
}

function promote(address: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<RunResult> {
  return runSlipway(
    ['promote', '--config-repo', address, '--env', 'dev', '--image', nextImage(), '--json', ...extra],
    {
      env: awsEnv(env),
    },
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A failure as users see it: exit 1 and one `slipway <step>: error:` line (and its fix), no stack. */
function expectCleanFailure(result: RunResult, step = 'promote'): string {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at |Error: |node:internal/);
  const line = result.stderr.split('\n').find((entry) => entry.startsWith(`slipway ${step}: error:`));
  expect(line, result.stderr).toBeDefined();
  return result.stderr;
}

describe('promote to a CodeCommit config repo over git with SigV4 credentials', () => {
  it('codecommit::<region>://<name> with keys alone in the environment lands the commit; no secret leaks anywhere', async () => {
    const tmp = mkdtempSync(join(scratch, 'tmp-'));
    writeFileSync(childLog, '');
    const image = nextImage();
    const before = server.auth.length;
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        `codecommit::eu-west-1://${REPO}`,
        '--env',
        'dev',
        '--image',
        image,
        '--json',
      ],
      { env: awsEnv({ ...keysEnv(SESSION), PATH: `${wrapperDir}:${process.env.PATH ?? ''}`, TMPDIR: tmp }) },
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ noop: false, branch: 'env/dev', attempts: 1 });
    const [commit] = listCommits(repo.path, 'env/dev');
    expect(commit?.message).toContain(`Slipway-Image: ${image}`);
    expect(commit?.message).toContain('Slipway-Previous: registry.example.com/shop/cart:1.0.0');

    // The server saw the session credential, recomputed it, and authorised each request by the policy.
    const seen = server.auth.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.every((record) => record.outcome === 'ok' && record.accessKeyId === SESSION.accessKeyId),
    ).toBe(true);
    expect(
      seen.filter((record) => record.references !== undefined).map((record) => record.references),
    ).toEqual([['refs/heads/env/dev']]);

    // The secret key, the session token and the derived signature: in no argv (as `ps` shows it too), no
    // environment of a child, no output, no file left behind. The credential travels as tokens do: a
    // Basic header in git's GIT_CONFIG_* environment.
    const children = readFileSync(childLog, 'utf8');
    expect(children).toMatch(/argv: .*fetch/);
    expect(children).toMatch(/argv: .*push/);
    const header = server.authorizations.at(-1) ?? '';
    const password =
      Buffer.from(header.replace(/^Basic /, ''), 'base64')
        .toString('utf8')
        .split(':')[1] ?? '';
    const signature = password.slice(16);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of [SESSION.secretAccessKey, SESSION.sessionToken, signature, password]) {
      expect(children).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    for (const line of children.split('\n').filter((entry) => !/^GIT_CONFIG_VALUE_\d+=/.test(entry)))
      expect(line).not.toContain(header.replace(/^Basic /, ''));
    expect(children).not.toMatch(/^AWS_/m);
    expect(filesUnder(tmp)).toEqual([]);
    expect(readFileSync(join(repo.path, 'config'), 'utf8')).not.toContain(SESSION.accessKeyId);
  });

  it('long-lived keys (no session token) work too', async () => {
    const result = await promote(`codecommit::eu-west-1://${REPO}`, keysEnv(KEYS));
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(server.auth.at(-1)).toMatchObject({ outcome: 'ok', accessKeyId: KEYS.accessKeyId });
  });

  it('codecommit://<profile>@<name> takes the keys and the region from the AWS config files', async () => {
    const result = await promote(`codecommit://config-writer@${REPO}`, {});
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(server.auth.at(-1)).toMatchObject({ outcome: 'ok', accessKeyId: PROFILE_KEYS.accessKeyId });
  });

  it('whatever --token, SLIPWAY_TOKEN or GITHUB_TOKEN holds is never sent to CodeCommit', async () => {
    const before = server.authorizations.length;
    const result = await promote(
      `codecommit::eu-west-1://${REPO}`,
      { ...keysEnv(KEYS), SLIPWAY_TOKEN: TOKEN, GITHUB_TOKEN: TOKEN },
      ['--token-username', 'x-access-token'],
    );
    expect(result.code).toBe(0);
    const sent = server.authorizations
      .slice(before)
      .map((value) => Buffer.from(value.slice(6), 'base64').toString());
    expect(sent.length).toBeGreaterThan(0);
    for (const pair of sent) {
      expect(pair.startsWith(`${KEYS.accessKeyId}:`)).toBe(true);
      expect(pair).not.toContain(TOKEN);
    }
  });
});

describe('CodeCommit credentials that do not work: one clear line, exit 1, nothing written', () => {
  it('a wrong secret key', async () => {
    const tip = branchTip(repo.path, 'env/dev');
    const wrong = { ...KEYS, secretAccessKey: 'WrongSecretKeyThatAlsoMustNotLeak00000000' };
    const result = await promote(`codecommit::eu-west-1://${REPO}`, keysEnv(wrong));
    const stderr = expectCleanFailure(result);
    expect(stderr).toMatch(/AWS credentials/);
    expect(stderr).toMatch(/signature we calculated does not match/);
    expect(stderr).not.toContain(wrong.secretAccessKey);
    expect(server.auth.at(-1)?.outcome).toBe('bad-signature');
    expect(branchTip(repo.path, 'env/dev')).toBe(tip);
  });

  it('a wrong session token', async () => {
    const result = await promote(
      `codecommit::eu-west-1://${REPO}`,
      keysEnv({ ...SESSION, sessionToken: 'FwoGStaleToken==' }),
    );
    expect(expectCleanFailure(result)).toMatch(/AWS credentials/);
    expect(server.auth.at(-1)?.outcome).toBe('bad-session-token');
  });

  it('a credential outside the clock window is refused as expired, and the message says so', async () => {
    clockOffsetMs = 20 * 60_000;
    try {
      const result = await promote(`codecommit::eu-west-1://${REPO}`, keysEnv(KEYS));
      const stderr = expectCleanFailure(result);
      expect(stderr).toMatch(/Signature expired/);
      expect(stderr).toMatch(/clock/);
      expect(server.auth.at(-1)?.outcome).toBe('expired');
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('no AWS credentials at all names where credentials come from', async () => {
    const before = server.auth.length;
    const result = await promote(`codecommit::eu-west-1://${REPO}`, {});
    const stderr = expectCleanFailure(result);
    expect(stderr).toMatch(/no AWS credentials/);
    expect(stderr).toMatch(/configure-aws-credentials|AWS_PROFILE/);
    expect(server.auth.length).toBe(before);
  });

  it('no region (codecommit://<name>, nothing in the environment or profile) names how to give one', async () => {
    const before = server.auth.length;
    const result = await promote(`codecommit://${REPO}`, keysEnv(KEYS));
    const stderr = expectCleanFailure(result);
    expect(stderr).toMatch(/no AWS region/);
    expect(stderr).toMatch(/AWS_REGION/);
    expect(server.auth.length).toBe(before);
    const profile = await promote(`codecommit://no-region@${REPO}`, {});
    expect(expectCleanFailure(profile)).toMatch(/no AWS region/);
  });
});

describe('the shipped promote-git IAM policy, enforced by the server', () => {
  it('a push to main or to a non-env branch is refused as a refusal (not retried), naming the permission', async () => {
    for (const template of ['main', 'release/{env}']) {
      const branch = template.replace('{env}', 'dev');
      const tip = branchTip(repo.path, branch);
      const before = server.auth.length;
      const result = await promote(`codecommit::eu-west-1://${REPO}`, keysEnv(KEYS), [
        '--branch-template',
        template,
        ...(tip === undefined ? ['--create-branch'] : []),
      ]);
      const stderr = expectCleanFailure(result);
      expect(stderr).toMatch(/not authorized to perform: codecommit:GitPush/);
      expect(stderr).toMatch(/IAM/);
      expect(stderr).not.toMatch(/token/);
      expect(stderr).toContain(branch);
      const pushes = server.auth.slice(before).filter((record) => record.references !== undefined);
      expect(pushes).toEqual([
        expect.objectContaining({
          outcome: 'denied',
          references: [`refs/heads/${branch}`],
          statement: 'OnlyEnvironmentBranches',
        }),
      ]);
      expect(branchTip(repo.path, branch)).toBe(tip);
    }
  });

  it('an atomic push of env/dev and env/staging passes', async () => {
    const image = nextImage();
    const result = await runSlipway(
      [
        'promote',
        '--config-repo',
        `codecommit::eu-west-1://${REPO}`,
        '--env',
        'dev',
        '--env',
        'staging',
        '--image',
        image,
        '--json',
      ],
      { env: awsEnv(keysEnv(KEYS)) },
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(
      server.auth
        .filter((record) => record.references !== undefined)
        .at(-1)
        ?.references?.slice()
        .sort(),
    ).toEqual(['refs/heads/env/dev', 'refs/heads/env/staging']);
    expect(listCommits(repo.path, 'env/staging')[0]?.message).toContain(`Slipway-Image: ${image}`);
  });
});

describe('status, history and rollback on a CodeCommit address', () => {
  it('read and roll back through the same SigV4 git access', async () => {
    const address = `codecommit::eu-west-1://${REPO}`;
    const env = awsEnv(keysEnv(KEYS));
    const current = listCommits(repo.path, 'env/dev')[0]?.message.match(/Slipway-Image: (\S+)/)?.[1];
    expect(current).toBeDefined();

    const status = await runSlipway(['status', '--config-repo', address, '--env', 'dev', '--json'], { env });
    expect(status.stderr).not.toMatch(/error/i);
    expect(status.code).toBe(0);
    const tag = current?.match(/:(1\.\d+\.0)@/)?.[1] ?? 'no tag';
    expect(status.stdout).toContain(tag);
    expect(status.stdout).toContain(current?.split('@')[1] ?? 'no digest');

    const history = await runSlipway(['history', '--config-repo', address, '--env', 'dev', '--json'], {
      env,
    });
    expect(history.stderr).not.toMatch(/error/i);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(tag);

    const tip = branchTip(repo.path, 'env/dev');
    const rollback = await runSlipway(
      [
        'rollback',
        '--config-repo',
        address,
        '--env',
        'dev',
        '--image',
        'registry.example.com/shop/cart',
        '--json',
      ],
      { env },
    );
    expect(rollback.stderr).not.toMatch(/error/i);
    expect(rollback.code).toBe(0);
    expect(branchTip(repo.path, 'env/dev')).not.toBe(tip);
    const previous = listCommits(repo.path, 'env/dev')[1]?.message.match(/Slipway-Image: (\S+)/)?.[1];
    expect(listCommits(repo.path, 'env/dev')[0]?.message).not.toContain(`Slipway-Image: ${current}`);
    expect(previous).toBe(current);
    expect(server.auth.every((record) => record.outcome !== 'ok' || record.accessKeyId !== undefined)).toBe(
      true,
    );
  });
});

describe('the lifetime of the SigV4 git credential', () => {
  it('each git command signs anew: a promotion that outlives the clock window still pushes', async () => {
    // A window of 3 s and a fetch held 5 s: a credential signed when the repo was opened is stale by the
    // push; one signed for the push itself is not.
    const held = createBareRepo({
      name: `${REPO}.git`,
      branches: { 'env/dev': { 'apps/cart/deployment.yaml': DEPLOYMENT } },
    });
    let holds = 0;
    const slow = await startCodeCommitGitServer({
      root: dirname(held.path),
      identities: [KEYS],
      skewMs: 3_000,
      holdMs: ({ method, service }) =>
        method === 'POST' && service === 'git-upload-pack' && holds++ === 0 ? 5_000 : 0,
    });
    try {
      const image = nextImage();
      const result = await runSlipway(
        [
          'promote',
          '--config-repo',
          `codecommit::eu-west-1://${REPO}`,
          '--env',
          'dev',
          '--image',
          image,
          '--json',
        ],
        { env: awsEnv({ ...keysEnv(KEYS), SLIPWAY_CODECOMMIT_GIT_ENDPOINT: slow.endpoint }) },
      );
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      expect(holds).toBeGreaterThan(0);
      expect(slow.auth.map((record) => record.outcome)).not.toContain('expired');
      expect(listCommits(held.path, 'env/dev')[0]?.message).toContain(`Slipway-Image: ${image}`);
    } finally {
      await slow.close();
      held.cleanup();
    }
  });
});

describe('what other processes can see while a promotion runs', () => {
  it('no process on the machine shows the secret key, the session token or the signature in its argv or environment', async () => {
    const held = createBareRepo({
      name: `${REPO}.git`,
      branches: { 'env/dev': { 'apps/cart/deployment.yaml': DEPLOYMENT } },
    });
    // While the fetch is held, git fetch and git-remote-http are alive: read every process's argv (as `ps`
    // shows it) and, for git's, the environment (/proc/<pid>/environ).
    let snapshot = '';
    const slow = await startCodeCommitGitServer({
      root: dirname(held.path),
      identities: [SESSION],
      holdMs: ({ method, service }) => {
        if (method !== 'POST' || service !== 'git-upload-pack' || snapshot !== '') return 0;
        const processes = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
        snapshot = processes;
        for (const line of processes.split('\n')) {
          const [pid, ...args] = line.trim().split(/\s+/);
          // git and its helpers (git-remote-http); not Slipway's own node process, which holds the keys it was given.
          if (!/^git(?:-|$)/.test((args[0] ?? '').split('/').at(-1) ?? '')) continue;
          try {
            snapshot += `\n${readFileSync(`/proc/${pid}/environ`, 'utf8').replace(/\0/g, '\n')}`;
          } catch {
            // Gone already, or another user's.
          }
        }
        return 500;
      },
    });
    try {
      const result = await runSlipway(
        [
          'promote',
          '--config-repo',
          `codecommit::eu-west-1://${REPO}`,
          '--env',
          'dev',
          '--image',
          nextImage(),
          '--json',
        ],
        { env: awsEnv({ ...keysEnv(SESSION), SLIPWAY_CODECOMMIT_GIT_ENDPOINT: slow.endpoint }) },
      );
      expect(result.code).toBe(0);
      expect(snapshot).toMatch(/git-remote-http|remote-http/);
      // The environment of git itself was read (its own variables are there).
      expect(snapshot).toMatch(/^GIT_CONFIG_COUNT=/m);
      expect(snapshot).toContain(`${slow.endpoint}/v1/repos/${REPO}`);
      const password =
        Buffer.from((slow.authorizations[0] ?? '').slice(6), 'base64')
          .toString()
          .split(':')[1] ?? '';
      expect(password).toMatch(/^\d{8}T\d{6}Z[0-9a-f]{64}$/);
      for (const secret of [SESSION.secretAccessKey, SESSION.sessionToken, password, password.slice(16)])
        expect(snapshot).not.toContain(secret);
    } finally {
      await slow.close();
      held.cleanup();
    }
  });
});
