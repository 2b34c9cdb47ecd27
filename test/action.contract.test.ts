// The contract every committed action bundle keeps with the GitHub runner, checked for each directory in
// actions/ (a new action is picked up from the filesystem, and fails here until it has its scenarios):
// inputs arrive as INPUT_<NAME> variables, outputs leave through GITHUB_OUTPUT in the runner's heredoc format,
// the summary through GITHUB_STEP_SUMMARY, secrets are masked before anything could print them, and a
// failure is one ::error annotation (with file and line when known), a summary of what failed, and exit code 1.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openRepository } from '@slipway/oci';
import { allSteps, type Step } from '@slipway/steps';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActionRun,
  type ActionRunOptions,
  parseRunnerFile,
  readActionManifest,
  runAction,
  workflowCommands,
} from './support/actionRunner.js';
import { branchTip, createBareRepo, type FixtureFiles, readFileAt } from './support/bareRepo.js';
import { type GitHttpServer, startGitHttpServer } from './support/gitHttpServer.js';
import { startGitHubOidc } from './support/githubOidc.js';
import { type GitHubServer, startGitHubServer } from './support/githubServer.js';
import {
  type PushedImage,
  pushImage,
  registryBinaries,
  startRegistry,
  type TestRegistry,
} from './support/registry.js';
import { startSigstoreServices } from './support/sigstoreServer.js';
import { ROOT, runSlipway } from './support/slipway.js';

/** Every action directory, from the filesystem. */
const ACTIONS = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The runner's rule, written out independently of the harness and the runtime. */
const runnerVariable = (input: string): string => `INPUT_${input.replaceAll(' ', '_').toUpperCase()}`;

const TOKEN = 'ghs_contractSecret7Qx2Lm9Pz4Wv';
const DECOY = 'ghs_contractDecoy3Kf8Rt1Yn6Bd';
const WRONG = 'ghs_contractWrong5Hj2Cs8Va0Ne';
const PASSWORD = 'contract-key-password-4Tg7';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;
const CART = 'registry.example.com/shop/cart';
const deployment = (image: string): string =>
  `kind: Deployment\nmetadata: {name: cart}\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${image}\n`;

// CI installs the registry (scripts/setup): there a missing one fails instead of skipping.
const noRegistry = !registryBinaries().registry && process.env.CI !== 'true';

let work: string;
let registry: TestRegistry | undefined;
let gitServer: GitHttpServer;
let gitRoot: string;
const keys = { privateKey: '', publicKey: '', fingerprint: '' };
let signedImage: PushedImage;
let unsignedImage: PushedImage;
let counter = 0;
const servers: GitHubServer[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'slipway-contract-'));
  gitRoot = join(work, 'git');
  mkdirSync(gitRoot);
  gitServer = await startGitHttpServer({ root: gitRoot, username: 'x-access-token', password: TOKEN });
  const keygen = await runSlipway(['keygen', '--output-prefix', join(work, 'release'), '--json'], {
    env: { SLIPWAY_KEY_PASSWORD: PASSWORD },
  });
  expect(keygen.code, keygen.stderr).toBe(0);
  keys.fingerprint = (JSON.parse(keygen.stdout) as { keyFingerprint: string }).keyFingerprint;
  keys.privateKey = readFileSync(join(work, 'release.key'), 'utf8');
  keys.publicKey = readFileSync(join(work, 'release.pub'), 'utf8');
  if (noRegistry) return;
  registry = await startRegistry();
  signedImage = await pushImage({ url: registry.url, repository: 'shop/cart', tag: '1.1.0', seed: 'signed' });
  unsignedImage = await pushImage({
    url: registry.url,
    repository: 'shop/cart',
    tag: '2.0.0',
    seed: 'unsigned',
  });
  const sign = await runSlipway(
    ['sign', `${registry.host}/shop/cart@${signedImage.digest}`, '--key', join(work, 'release.key')],
    { env: { SLIPWAY_KEY_PASSWORD: PASSWORD } },
  );
  expect(sign.code, sign.stderr).toBe(0);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

afterAll(async () => {
  await gitServer?.close();
  await registry?.stop();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

function stepOf(action: string): Step {
  const step = allSteps.find((s) => s.name === action);
  if (step === undefined) throw new Error(`no step definition named ${action} for actions/${action}`);
  return step;
}

function host(): string {
  if (registry === undefined) throw new Error('no registry');
  return registry.host;
}

/** A config repo served over HTTP with basic auth (`x-access-token` / TOKEN), and its file:// URL for setup. */
function configRepo(branches: Record<string, FixtureFiles>): { path: string; url: string; http: string } {
  const repo = createBareRepo({ branches, defaultBranch: 'main', tmpRoot: gitRoot });
  return { path: repo.path, url: repo.url, http: `${gitServer.url}/${relative(gitRoot, repo.path)}` };
}

async function cliPromote(url: string, env: string, image: string): Promise<void> {
  const result = await runSlipway(['promote', '--config-repo', url, '--env', env, '--image', image]);
  expect(result.code, result.stderr).toBe(0);
}

/** prod ran 1.0.0 by hand, then Slipway promoted 1.1.0 (D1) and 1.2.0 (D2). */
async function promotedRepo(): Promise<{ path: string; url: string; http: string }> {
  const files = { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) };
  const repo = configRepo({ main: { 'README.md': '# config\n' }, 'env/prod': files });
  await cliPromote(repo.url, 'prod', `${CART}:1.1.0@${D1}`);
  await cliPromote(repo.url, 'prod', `${CART}:1.2.0@${D2}`);
  return repo;
}

function layoutDigest(dir: string, tag: string): Promise<string | undefined> {
  return openRepository({ kind: 'layout', path: dir })
    .resolve(tag)
    .then((d) => d?.digest);
}

async function registryDigest(repository: string, reference: string): Promise<string | null> {
  const response = await fetch(`${registry?.url}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  return response.status === 200 ? response.headers.get('docker-content-digest') : null;
}

type Expected = string | RegExp | ((value: string) => void | Promise<void>) | undefined;

/** One run of an action: what to give it, and what to expect. */
interface Scenario {
  readonly inputs: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly options?: ActionRunOptions;
  /** Every output action.yml declares: its expected value, or undefined when this path does not set it. */
  readonly outputs?: Record<string, Expected>;
  /** Checks of the summary and of the world after the run. */
  readonly check?: (run: ActionRun) => void | Promise<void>;
  /** Values that must never show in anything the run writes, though no input declares them secret. */
  readonly sensitive?: readonly string[];
}

/**
 * How a scenario passes the token: as the declared secret input, through its environment fallbacks, or
 * written into the config repo URL (which no input declares secret).
 */
interface SecretWay {
  readonly via: 'input' | 'env' | 'url';
  readonly token: string;
}

/**
 * The token as an input, or (the fallbacks) as SLIPWAY_TOKEN with stray white space plus a decoy GITHUB_TOKEN,
 * or in the URL `url` of the config repo.
 */
function tokenWay(
  way: SecretWay,
  url = '',
): { inputs: Record<string, string>; env: Record<string, string>; url: string } {
  if (way.via === 'input') return { inputs: { token: way.token }, env: {}, url };
  if (way.via === 'url')
    return { inputs: {}, env: {}, url: url.replace('://', `://x-access-token:${way.token}@`) };
  return { inputs: {}, env: { SLIPWAY_TOKEN: `  ${way.token}\n`, GITHUB_TOKEN: DECOY }, url };
}

/** The actions whose scenarios can take the token in the config repo URL (any URL git accepts). */
const URL_CREDENTIALS = new Set(['promote', 'rollback', 'status']);

async function githubFixture(): Promise<{ server: GitHubServer; sha: string; post: Post }> {
  const repo = createBareRepo({
    branches: { main: { 'README.md': 'config\n' }, 'env/prod': { 'a.yaml': '1\n' } },
    tmpRoot: work,
  });
  const server = await startGitHubServer({ repos: { 'acme/config': repo.path }, token: TOKEN });
  servers.push(server);
  const sha = branchTip(repo.path, 'env/prod') ?? '';
  const post: Post = async (state, context, description) => {
    const response = await fetch(`${server.url}/repos/acme/config/statuses/${sha}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state, context, description, target_url: 'https://flux.example.com/apps' }),
    });
    expect(response.status).toBe(201);
  };
  return { server, sha, post };
}
type Post = (state: 'pending' | 'success' | 'failure', context: string, description: string) => Promise<void>;

const json = (check: (value: unknown) => void) => (value: string) => check(JSON.parse(value));

/** A success path of each action, with real parts. */
const SUCCESS: Record<string, (way: SecretWay) => Promise<Scenario>> = {
  build: async () => {
    counter += 1;
    const store = join(work, `build-${counter}`);
    const repository = `${host()}/shop/app-${counter}`;
    let digest = '';
    return {
      inputs: {
        repository: `${repository}\noci:${store}`,
        builder: 'files',
        context: 'app',
        cmd: '["/hello"]',
      },
      options: { workspace: { 'app/hello': 'hello from the workspace\n' } },
      outputs: {
        digest: async (value) => {
          digest = value;
          expect(value).toMatch(/^sha256:[0-9a-f]{64}$/);
          expect(await layoutDigest(store, 'main')).toBe(value);
          expect(await registryDigest(`shop/app-${counter}`, 'main')).toBe(value);
        },
        image: (value) => expect(value).toBe(`${repository}@${digest}`),
        // On a push to main the branch tag comes first; what a workflow promotes is the commit's.
        'image-ref': (value) => expect(value).toBe(`${repository}:sha-eeeeeee@${digest}`),
        tags: 'main\nsha-eeeeeee',
        references: (value) =>
          expect(value.split('\n').sort()).toEqual(
            [
              `${repository}:main@${digest}`,
              `${repository}:sha-eeeeeee@${digest}`,
              `oci:${store}:main@${digest}`,
              `oci:${store}:sha-eeeeeee@${digest}`,
            ].sort(),
          ),
        labels: json((labels) =>
          expect(labels).toMatchObject({
            'org.opencontainers.image.revision': 'e'.repeat(40),
            'org.opencontainers.image.source': 'https://github.com/acme/shop',
          }),
        ),
        // The org.opencontainers.image.* labels again, as manifest annotations for `--annotation`.
        annotations: (value) =>
          expect(value.split('\n')).toEqual(
            expect.arrayContaining([
              `manifest:org.opencontainers.image.revision=${'e'.repeat(40)}`,
              'manifest:org.opencontainers.image.source=https://github.com/acme/shop',
            ]),
          ),
        reused: 'false',
        // No provenance asked for.
        'provenance-digest': '',
      },
      check: (run) => {
        expect(run.summary).toContain('## Slipway build');
        expect(run.summary).toContain(`| \`${repository}:main@${digest}\` |`);
      },
    };
  },

  copy: async () => {
    counter += 1;
    const store = join(work, `copy-${counter}`);
    const pushed = await pushImage({
      url: registry?.url ?? '',
      repository: 'shop/cart',
      tag: `copy-${counter}`,
    });
    const manifest = JSON.parse(Buffer.from(pushed.manifest).toString('utf8')) as {
      config: { size: number };
      layers: { size: number }[];
    };
    const bytes = manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    return {
      inputs: {
        source: `${host()}/shop/cart:copy-${counter}`,
        destination: `oci:${store}`,
        tag: 'stable\nrelease',
      },
      outputs: {
        digest: pushed.digest,
        image: `oci:${store}@${pushed.digest}`,
        tags: `copy-${counter}\nstable\nrelease`,
        bytes: String(bytes),
      },
      check: async (run) => {
        expect(await layoutDigest(store, 'stable')).toBe(pushed.digest);
        expect(await layoutDigest(store, `copy-${counter}`)).toBe(pushed.digest);
        expect(run.summary).toContain('## Slipway copy');
        expect(run.summary).toContain(`\`oci:${store}@${pushed.digest}\``);
      },
    };
  },

  promote: async (way) => {
    const repo = configRepo({
      main: { 'README.md': '# config\n' },
      'env/dev': { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) },
    });
    const token = tokenWay(way, repo.http);
    return {
      inputs: { 'config-repo': token.url, env: 'dev', image: `${CART}:1.1.0@${D1}`, ...token.inputs },
      env: token.env,
      outputs: {
        commit: (value) => expect(value).toBe(branchTip(repo.path, 'env/dev')),
        branch: 'env/dev',
        noop: 'false',
        changes: json((changes) =>
          expect(changes).toEqual([
            { file: 'apps/cart.yaml', line: 8, before: `${CART}:1.0.0`, after: `${CART}:1.1.0@${D1}` },
          ]),
        ),
        attempts: '1',
        results: json((results) =>
          expect(results).toMatchObject([
            { env: 'dev', branch: 'env/dev', commit: branchTip(repo.path, 'env/dev'), noop: false },
          ]),
        ),
        'pull-request-url': '',
        'pull-request-number': '',
      },
      check: (run) => {
        expect(readFileAt(repo.path, 'env/dev', 'apps/cart.yaml')?.toString()).toContain(
          `${CART}:1.1.0@${D1}`,
        );
        expect(run.summary).toContain('| `apps/cart.yaml` | 8 |');
      },
    };
  },

  rollback: async (way) => {
    const repo = await promotedRepo();
    const undone = branchTip(repo.path, 'env/prod');
    const token = tokenWay(way, repo.http);
    return {
      inputs: { 'config-repo': token.url, env: 'prod', image: CART, reason: 'contract', ...token.inputs },
      env: token.env,
      outputs: {
        commit: (value) => {
          expect(value).toBe(branchTip(repo.path, 'env/prod'));
          expect(value).not.toBe(undone);
        },
        digest: D1,
        'rollback-of': undone,
      },
      check: (run) => {
        expect(readFileAt(repo.path, 'env/prod', 'apps/cart.yaml')?.toString()).toContain(
          `${CART}:1.1.0@${D1}`,
        );
        expect(readFileAt(repo.path, 'env/prod', '.slipway/pins.yaml')?.toString()).toContain(
          'reason: contract',
        );
        expect(run.summary).toContain('## Slipway rollback of `prod`');
      },
    };
  },

  sign: async () => {
    counter += 1;
    const pushed = await pushImage({
      url: registry?.url ?? '',
      repository: 'shop/cart',
      tag: `sign-${counter}`,
    });
    const signatureTag = `sha256-${pushed.digest.slice('sha256:'.length)}.sig`;
    return {
      // The key is a path in the workspace: the action runs there.
      inputs: { image: `${host()}/shop/cart:sign-${counter}`, key: 'keys/cosign.key' },
      env: { SLIPWAY_KEY_PASSWORD: PASSWORD },
      options: { workspace: { 'keys/cosign.key': keys.privateKey } },
      sensitive: [PASSWORD],
      outputs: {
        digest: pushed.digest,
        image: `${host()}/shop/cart@${pushed.digest}`,
        'signature-ref': `${host()}/shop/cart:${signatureTag}`,
        'key-fingerprint': keys.fingerprint,
        // No bundle referrer without `referrer`, and a key has no certificate identity.
        'bundle-digest': '',
        'certificate-identity': '',
        'certificate-oidc-issuer': '',
        added: 'true',
      },
      check: async (run) => {
        expect(await registryDigest('shop/cart', signatureTag)).toMatch(/^sha256:/);
        expect(run.summary).toContain('## Slipway sign');
        expect(run.summary).toContain(keys.fingerprint);
      },
    };
  },

  status: async (way) => {
    const repo = configRepo({
      main: { 'README.md': '# config\n' },
      'env/dev': { 'apps/cart.yaml': deployment(`${CART}:1.2.0@${D2}`) },
      'env/staging': { 'apps/cart.yaml': deployment(`${CART}:1.1.0@${D1}`) },
      'env/prod': { 'apps/cart.yaml': deployment(`${CART}:1.1.0@${D1}`) },
    });
    const token = tokenWay(way, repo.http);
    return {
      inputs: { 'config-repo': token.url, ...token.inputs },
      env: token.env,
      outputs: {
        matrix: json((matrix) =>
          expect(matrix).toMatchObject({
            environments: ['dev', 'staging', 'prod'].map((env) => ({
              env,
              branch: `env/${env}`,
              commit: branchTip(repo.path, `env/${env}`),
            })),
            images: [
              {
                image: CART,
                environments: {
                  dev: { tag: '1.2.0', digest: D2 },
                  staging: { tag: '1.1.0', digest: D1, matchesPrevious: false },
                  prod: { tag: '1.1.0', digest: D1, matchesPrevious: true },
                },
              },
            ],
          }),
        ),
        drift: 'true',
      },
      check: (run) => {
        expect(run.summary).toContain(CART);
        expect(run.summary).toContain('1.2.0');
      },
    };
  },

  verify: async () => ({
    inputs: { image: `${host()}/shop/cart:1.1.0`, key: 'cosign.pub' },
    options: { workspace: { 'cosign.pub': keys.publicKey } },
    outputs: {
      digest: signedImage.digest,
      image: `${host()}/shop/cart@${signedImage.digest}`,
      'verified-by': keys.fingerprint,
    },
    check: (run) => {
      expect(run.summary).toContain('## Slipway verify');
      expect(run.summary).toContain('1 valid signature');
    },
  }),

  wait: async (way) => {
    const { server, sha, post } = await githubFixture();
    await post('success', 'kustomization/apps', 'Reconciliation finished');
    const token = tokenWay(way);
    return {
      inputs: {
        'config-repo': 'https://github.com/acme/config',
        'github-api-url': server.url,
        env: 'prod',
        interval: '50ms',
        timeout: '20s',
        ...token.inputs,
      },
      env: token.env,
      outputs: {
        state: 'success',
        contexts: json((contexts) =>
          expect(contexts).toEqual([
            {
              context: 'kustomization/apps',
              state: 'success',
              description: 'Reconciliation finished',
              url: 'https://flux.example.com/apps',
              updatedAt: expect.any(String),
              source: 'status',
            },
          ]),
        ),
      },
      check: (run) => {
        expect(run.summary).toContain(`acme/config@${sha.slice(0, 7)} (prod) deployed`);
        expect(run.summary).toContain('| `kustomization/apps` | success |');
      },
    };
  },
};

/** A failure without a file to point at, after the inputs parsed: one `::error::` and no outputs. */
const FAILURE: Record<string, () => Promise<Scenario & { readonly message: RegExp }>> = {
  build: async () => ({
    inputs: { repository: `oci:${join(work, 'never')}`, builder: 'files', context: 'missing' },
    message: /build context \S+\/workspace\/missing does not exist/,
  }),
  copy: async () => ({
    inputs: { source: `${host()}/shop/cart:no-such-tag`, destination: `oci:${join(work, 'never')}` },
    message: /no-such-tag/,
  }),
  promote: async () => {
    const repo = configRepo({ 'env/dev': { 'apps/cart.yaml': deployment(`${CART}:1.0.0`) } });
    return {
      inputs: { 'config-repo': repo.http, env: 'dev', image: CART, token: TOKEN },
      message: /image registry\.example\.com\/shop\/cart has neither a tag nor a digest/,
    };
  },
  rollback: async () => {
    const repo = configRepo({
      main: { 'README.md': '\n' },
      'env/prod': { 'apps/cart.yaml': deployment(CART) },
    });
    return {
      inputs: { 'config-repo': repo.http, env: 'prod', image: CART, token: TOKEN },
      message: /nothing to roll back to: no Slipway promotion of registry\.example\.com\/shop\/cart/,
    };
  },
  sign: async () => ({
    inputs: { image: `${host()}/shop/cart:no-such-tag`, key: 'cosign.key' },
    env: { SLIPWAY_KEY_PASSWORD: PASSWORD },
    options: { workspace: { 'cosign.key': keys.privateKey } },
    sensitive: [PASSWORD],
    message: /no-such-tag does not exist/,
  }),
  status: async () => {
    const repo = configRepo({ main: { 'README.md': '\n' } });
    return {
      inputs: { 'config-repo': repo.http, 'policy-ref': 'no-such-branch', token: TOKEN },
      message: /no-such-branch/,
    };
  },
  verify: async () => ({
    inputs: { image: `${host()}/shop/cart:2.0.0`, key: 'cosign.pub' },
    options: { workspace: { 'cosign.pub': keys.publicKey } },
    message: new RegExp(
      `no signature exists for sha256:${unsignedImage.digest.slice(7, 19)} \\(looked for tag sha256-${unsignedImage.digest.slice(7)}\\.sig and for Sigstore bundle referrers\\)`,
    ),
  }),
  wait: async () => ({
    inputs: { 'config-repo': 'https://github.com/acme/config', token: TOKEN },
    message: /--commit or --env is required/,
  }),
};

/** A failure about a file of the config repo: `::error file=<path>,line=<n>::`. */
const BROKEN_POLICY = 'version: 1\nenvironments:\n  staging:\n    promoteFrom: nowhere\n';
const LOCATED: Record<string, () => Promise<Scenario & { file: string; line: number; message: RegExp }>> = {
  promote: async () => {
    const repo = configRepo({
      main: { 'README.md': '\n' },
      'env/dev': {
        'apps/cart.yaml': deployment(`${CART}:1.0.0`),
        // The second `name` on line 4 is a duplicate key: the file does not parse, and mentions the image.
        'apps/broken.yaml': `containers:\n  - image: ${CART}:1.0\n    name: a\n    name: b\n    ports: []\n`,
      },
    });
    return {
      inputs: { 'config-repo': repo.http, env: 'dev', image: `${CART}:1.1.0@${D1}`, token: TOKEN },
      file: 'apps/broken.yaml',
      line: 4,
      message:
        /apps\/broken\.yaml:4: does not parse as YAML, but mentions registry\.example\.com\/shop\/cart/,
    };
  },
  status: async () => {
    const repo = configRepo({ main: { '.slipway.yaml': BROKEN_POLICY }, 'env/staging': {} });
    return {
      inputs: { 'config-repo': repo.http, token: TOKEN },
      file: '.slipway.yaml',
      line: 4,
      message: /nowhere/,
    };
  },
  rollback: async () => {
    const repo = configRepo({
      main: { '.slipway.yaml': BROKEN_POLICY },
      'env/staging': { 'apps/cart.yaml': deployment(`${CART}:1.0.0@${D3}`) },
    });
    return {
      inputs: { 'config-repo': repo.http, env: 'staging', image: CART, token: TOKEN },
      file: '.slipway.yaml',
      line: 4,
      message: /nowhere/,
    };
  },
};

/** The actions whose scenarios need the registry. */
const NEEDS_REGISTRY = new Set(['build', 'copy', 'sign', 'verify']);

/** The declared secret inputs of an action's step, with their environment fallbacks. */
function secretInputs(action: string): { name: string; env: readonly string[] }[] {
  return Object.entries(stepOf(action).inputs)
    .filter(([, spec]) => spec.meta.secret)
    .map(([name, spec]) => ({ name, env: spec.meta.env }));
}

/** The values of the declared secrets a run was given, as the step uses them (trimmed). */
function secretsGiven(action: string, scenario: Scenario): string[] {
  const values = secretInputs(action).flatMap((secret) =>
    [scenario.inputs[secret.name], ...secret.env.map((key) => scenario.env?.[key])].flatMap((value) =>
      value === undefined || value.trim() === '' ? [] : [value.trim()],
    ),
  );
  return [...new Set(values)];
}

function run(action: string, scenario: Scenario): Promise<ActionRun> {
  return runAction(action, scenario.inputs, scenario.env ?? {}, scenario.options ?? {});
}

/** Nothing the runtime has no business writing: GITHUB_ENV, GITHUB_STATE and GITHUB_PATH stay empty. */
function expectNoStrayWrites(result: ActionRun): void {
  expect(result.files.env).toBe('');
  expect(result.files.state).toBe('');
  expect(result.files.path).toBe('');
  expect(result.env).toEqual({});
  expect(result.state).toEqual({});
  expect(result.path).toEqual([]);
}

/** Everything a run wrote that a person or a later step can read, but the mask commands. */
function everythingWritten(result: ActionRun): string {
  const stdout = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, result.stderr, ...Object.values(result.files)].join('\n');
}

/**
 * Each secret is masked (`::add-mask::<value>`, exactly as the step uses it) before any other line, and shows
 * nowhere else: not in stdout, stderr, the outputs, the summary, GITHUB_ENV, GITHUB_STATE or GITHUB_PATH.
 */
function expectMasked(result: ActionRun, secrets: readonly string[]): void {
  const lines = result.stdout.split('\n');
  const firstOther = lines.findIndex((line) => line !== '' && !line.startsWith('::add-mask::'));
  const masks = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.data);
  for (const secret of secrets) {
    expect(masks, `::add-mask:: for ${secret.slice(0, 8)}…`).toContain(secret);
    const at = lines.indexOf(`::add-mask::${secret}`);
    expect(at).toBeGreaterThanOrEqual(0);
    if (firstOther >= 0) expect(at).toBeLessThan(firstOther);
  }
  expectNeverWritten(result, secrets);
}

function expectNeverWritten(result: ActionRun, values: readonly string[]): void {
  const written = everythingWritten(result);
  for (const value of values) {
    expect(written.includes(value), `${value.slice(0, 8)}… was written`).toBe(false);
    expect(written).not.toContain(Buffer.from(`x-access-token:${value}`).toString('base64'));
  }
}

async function expectSuccess(action: string, scenario: Scenario, result: ActionRun): Promise<void> {
  const manifest = readActionManifest(action);
  expect(
    result.commands.filter((c) => c.command === 'error'),
    result.stdout + result.stderr,
  ).toEqual([]);
  expect(result.code).toBe(0);
  // Every output action.yml declares is accounted for, and none it does not declare is set.
  expect(Object.keys(scenario.outputs ?? {}).sort()).toEqual(Object.keys(manifest.outputs).sort());
  for (const name of Object.keys(result.outputs)) expect(Object.keys(manifest.outputs)).toContain(name);
  for (const [name, expected] of Object.entries(scenario.outputs ?? {})) {
    if (expected === undefined) {
      expect(result.outputs, `output ${name}`).not.toHaveProperty(name);
      continue;
    }
    expect(result.outputs, `output ${name}`).toHaveProperty(name);
    const value = result.outputs[name] ?? '';
    if (typeof expected === 'string') expect(value, `output ${name}`).toBe(expected);
    else if (expected instanceof RegExp) expect(value, `output ${name}`).toMatch(expected);
    else await expected(value);
  }
  expect(result.summary.trim()).not.toBe('');
  await scenario.check?.(result);
  expectNoStrayWrites(result);
  expectNeverWritten(result, scenario.sensitive ?? []);
}

/** A failure: exit code 1, one `::error` annotation (where expected, with file and line), a summary of the failure, nothing else written. */
function expectFailure(
  result: ActionRun,
  message: RegExp,
  location?: { file: string; line: number },
  outputs: Record<string, string> = {},
): void {
  const errors = result.commands.filter((c) => c.command === 'error');
  expect(errors, result.stdout + result.stderr).toHaveLength(1);
  expect(result.code).toBe(1);
  expect(errors[0]?.data).toMatch(message);
  expect(errors[0]?.properties).toEqual(
    location === undefined ? {} : { file: location.file, line: String(location.line) },
  );
  const line = result.stdout.split('\n').find((l) => l.startsWith('::error'));
  expect(line).toMatch(
    location === undefined
      ? /^::error::/
      : new RegExp(`^::error file=${location.file},line=${location.line}::`),
  );
  expect(result.outputs).toEqual(outputs);
  if (Object.keys(outputs).length === 0) expect(result.files.output).toBe('');
  expectFailureSummary(result);
  expectNoStrayWrites(result);
}

/** A failed step's summary is the failure alone: what failed (and where and the fix when known), nothing else. */
function expectFailureSummary(result: ActionRun): void {
  expect(result.summary).toMatch(/^## ❌ .+ failed\n\n\*\*What failed:\*\* \S/);
  expect(result.summary.match(/^## /gm)).toHaveLength(1);
}

describe('the runner-file parser of the harness', () => {
  it('reads NAME=value lines and heredocs as the runner does', () => {
    expect(
      parseRunnerFile('a=1\nb<<EOF\nline one\n\nline=three\nEOF\nc=x<<y\nd<<z=\nq\nz=\ne<<EOF\n\nEOF\n'),
    ).toEqual({ a: '1', b: 'line one\n\nline=three', c: 'x<<y', d: 'q', e: '' });
  });

  it('refuses a value that contains its own delimiter line, an unterminated heredoc and a stray line', () => {
    expect(() => parseRunnerFile('a<<EOF\nx\nEOF\nb=injected\nEOF\n')).toThrow(/contains its own delimiter/);
    expect(() => parseRunnerFile('a<<EOF\nx\nEOF\nb<<EOF\ny\nEOF\n')).not.toThrow();
    expect(() => parseRunnerFile('a<<EOF\nx\n')).toThrow(/unterminated/);
    expect(() => parseRunnerFile('just words\n')).toThrow(/malformed/);
    expect(() => parseRunnerFile('=x\n')).toThrow(/empty name/);
  });

  it('reads workflow commands as the runner does, honouring stop-commands', () => {
    const commands = workflowCommands(
      '::add-mask::s3%0Acret\n  ::error file=a%2Cb.yaml,line=3::bad%25\nplain\n::stop-commands::tok\n::error::no\n::tok::\n::warning::yes\n',
    );
    expect(commands.map((c) => [c.command, c.properties, c.data])).toEqual([
      ['add-mask', {}, 's3\ncret'],
      ['error', { file: 'a,b.yaml', line: '3' }, 'bad%'],
      ['warning', {}, 'yes'],
    ]);
  });
});

describe('every action directory', () => {
  it('is an action with a committed bundle, a step definition and scenarios here', () => {
    expect(ACTIONS.length).toBeGreaterThan(0);
    for (const action of ACTIONS) {
      expect(existsSync(join(ROOT, 'actions', action, 'action.yml')), `actions/${action}/action.yml`).toBe(
        true,
      );
      const manifest = readActionManifest(action);
      expect(manifest.runs.using).toMatch(/^node\d+$/);
      expect(existsSync(join(ROOT, 'actions', action, manifest.runs.main)), `actions/${action} bundle`).toBe(
        true,
      );
      expect(stepOf(action).cliOnly).toBe(false);
      expect(SUCCESS[action], `a success scenario for actions/${action}`).toBeDefined();
      expect(FAILURE[action], `a failure scenario for actions/${action}`).toBeDefined();
    }
    expect(Object.keys(LOCATED).filter((action) => action !== 'promote').length).toBeGreaterThan(0);
    // Every action that reads a config repo through git takes credentials in its URL too.
    const gitRepoActions = ACTIONS.filter((action) =>
      /any URL git accepts/.test(readActionManifest(action).inputs['config-repo']?.description ?? ''),
    );
    expect(gitRepoActions).toEqual([...URL_CREDENTIALS].sort());
  });
});

describe.each(ACTIONS)('actions/%s, run as the runner runs it', (action) => {
  const skipRegistry = NEEDS_REGISTRY.has(action) && noRegistry;

  it('reads each input action.yml declares as INPUT_<NAME> (uppercase, spaces to _, hyphens kept), and no other', async () => {
    const manifest = readActionManifest(action);
    const expected = Object.keys(manifest.inputs).map(runnerVariable).sort();
    expect(new Set(expected).size).toBe(expected.length);
    const result = await runAction(action, {}, {}, { traceInputs: true });
    expect(result.inputsRead).toEqual(expected);
  });

  it('fails with exit code 1 and an ::error:: naming each required input left out', async () => {
    const manifest = readActionManifest(action);
    const required = Object.entries(manifest.inputs)
      .filter(([, spec]) => spec.required === true)
      .map(([name]) => name);
    expect(required.length).toBeGreaterThan(0);
    const results = await Promise.all(
      required.map(async (missing) => {
        const inputs = Object.fromEntries(required.filter((n) => n !== missing).map((n) => [n, 'x']));
        return { missing, result: await runAction(action, inputs) };
      }),
    );
    for (const { missing, result } of results) {
      expectFailure(result, new RegExp(`^input "${missing}" is required`));
    }
  });

  it.skipIf(skipRegistry)(
    'succeeds with real parts: every declared output in GITHUB_OUTPUT with its value, and a summary',
    async () => {
      const scenario = await SUCCESS[action]?.({ via: 'input', token: TOKEN });
      if (scenario === undefined) throw new Error(`no success scenario for actions/${action}`);
      const result = await run(action, scenario);
      await expectSuccess(action, scenario, result);
      expectMasked(result, secretsGiven(action, scenario));
    },
  );

  it.skipIf(skipRegistry)(
    'fails with exit code 1, one ::error:: without a file, no outputs, and a summary of the failure alone',
    async () => {
      const scenario = await FAILURE[action]?.();
      if (scenario === undefined) throw new Error(`no failure scenario for actions/${action}`);
      const result = await run(action, scenario);
      expectFailure(result, scenario.message);
      expectMasked(result, secretsGiven(action, scenario));
      expectNeverWritten(result, scenario.sensitive ?? []);
    },
  );

  if (action in LOCATED)
    it('annotates a failure about a config-repo file with its file and line', async () => {
      const scenario = await LOCATED[action]?.();
      if (scenario === undefined) throw new Error('unreachable');
      const result = await run(action, scenario);
      expectFailure(result, scenario.message, { file: scenario.file, line: scenario.line });
      expectMasked(result, secretsGiven(action, scenario));
    });

  if (secretInputs(action).length > 0)
    it('masks each declared secret given through its environment fallbacks, as the step uses it, and never writes it', async () => {
      const scenario = await SUCCESS[action]?.({ via: 'env', token: TOKEN });
      if (scenario === undefined) throw new Error(`no success scenario for actions/${action}`);
      // Every declared secret input is exercised here: through one of its environment fallbacks.
      for (const secret of secretInputs(action)) {
        expect(
          secret.env.some((key) => scenario.env?.[key] !== undefined),
          secret.name,
        ).toBe(true);
      }
      const secrets = secretsGiven(action, scenario);
      expect(secrets).toEqual([TOKEN, DECOY]);
      const result = await run(action, scenario);
      await expectSuccess(action, scenario, result);
      expectMasked(result, secrets);
    });

  if (URL_CREDENTIALS.has(action))
    it('masks a token written into the config repo URL, and never writes it', async () => {
      const scenario = await SUCCESS[action]?.({ via: 'url', token: TOKEN });
      if (scenario === undefined) throw new Error(`no success scenario for actions/${action}`);
      expect(scenario.inputs['config-repo']).toContain(`:${TOKEN}@`);
      const result = await run(action, scenario);
      await expectSuccess(action, scenario, result);
      expectMasked(result, [TOKEN]);
    });

  if (secretInputs(action).length > 0)
    it('masks a secret the server refuses, and names the failure without it', async () => {
      const scenario = await SUCCESS[action]?.({ via: 'input', token: WRONG });
      if (scenario === undefined) throw new Error(`no success scenario for actions/${action}`);
      const result = await run(action, scenario);
      expect(result.code).toBe(1);
      const errors = result.commands.filter((c) => c.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.properties).toEqual({});
      expect(result.outputs).toEqual({});
      expectFailureSummary(result);
      expectNoStrayWrites(result);
      expectMasked(result, [WRONG]);
    });
});

describe('actions/wait beyond the common contract', () => {
  it('reports a failed deployment: ::error::, exit code 1, and the outputs that say how', async () => {
    const { server, sha, post } = await githubFixture();
    await post('failure', 'kustomization/apps', 'Health check failed');
    const result = await runAction('wait', {
      'config-repo': 'https://github.com/acme/config',
      'github-api-url': server.url,
      commit: sha,
      interval: '50ms',
      timeout: '20s',
      token: TOKEN,
    });
    expect(result.outputs.state).toBe('failure');
    expectFailure(
      result,
      /deployment failed: kustomization\/apps is failure \(Health check failed\)/,
      undefined,
      {
        state: 'failure',
        contexts: result.outputs.contexts ?? '',
      },
    );
    expect(JSON.parse(result.outputs.contexts ?? '')).toMatchObject([
      { context: 'kustomization/apps', state: 'failure' },
    ]);
    expectMasked(result, [TOKEN]);
  });

  it('prints a status context that looks like a workflow command, and the runner does not obey it', async () => {
    const { server, post } = await githubFixture();
    const injected = '::error file=evil.yaml,line=1::injected by a commit status';
    await post('success', injected, 'done');
    const result = await runAction('wait', {
      'config-repo': 'https://github.com/acme/config',
      'github-api-url': server.url,
      env: 'prod',
      interval: '50ms',
      timeout: '20s',
      token: TOKEN,
    });
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(injected);
    expect(result.commands.map((c) => c.command)).not.toContain('error');
    expect(JSON.parse(result.outputs.contexts ?? '')).toMatchObject([{ context: injected }]);
  });
});

describe('actions/sign beyond the common contract', () => {
  it.skipIf(noRegistry)(
    'signs keyless with the job’s OIDC token: identity outputs, both tokens masked before anything else and never written',
    async () => {
      const oidc = await startGitHubOidc();
      const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
      try {
        counter += 1;
        const pushed = await pushImage({
          url: registry?.url ?? '',
          repository: 'shop/cart',
          tag: `keyless-${counter}`,
        });
        const result = await runAction(
          'sign',
          {
            image: `${host()}/shop/cart:keyless-${counter}`,
            'fulcio-url': services.fulcioUrl,
            'tsa-url': services.tsaUrl,
            'tlog-upload': 'false',
          },
          oidc.env,
          {},
        );
        expect(
          result.commands.filter((c) => c.command === 'error'),
          result.stdout + result.stderr,
        ).toEqual([]);
        expect(result.code).toBe(0);
        expect(result.outputs).toMatchObject({
          digest: pushed.digest,
          'key-fingerprint': '',
          'certificate-identity':
            'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
          'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com',
          'bundle-digest': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        });
        expect(result.summary).toContain('cosign verify --certificate-identity');
        const idTokens = result.commands
          .filter((c) => c.command === 'add-mask' && c.data.split('.').length === 3)
          .map((c) => c.data);
        expect(idTokens).toHaveLength(1);
        expectMasked(result, [oidc.requestToken, ...idTokens]);
      } finally {
        await services.close();
        await oidc.close();
      }
    },
  );

  it.skipIf(noRegistry)(
    'masks the key password and each line of an env:// key before anything else, and writes neither',
    async () => {
      const base = await SUCCESS.sign?.({ via: 'input', token: TOKEN });
      if (base === undefined) throw new Error('no success scenario for actions/sign');
      // The key and its password come from variables the runner does not know are secrets (vars, outputs).
      const scenario = {
        ...base,
        inputs: { ...base.inputs, key: 'env://SIGNING_KEY' },
        env: { SLIPWAY_KEY_PASSWORD: PASSWORD, SIGNING_KEY: keys.privateKey },
        options: {},
      };
      const result = await run('sign', scenario);
      await expectSuccess('sign', scenario, result);
      const pemLines = keys.privateKey
        .trim()
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /[\p{L}\p{N}]/u.test(line));
      expect(pemLines.length).toBeGreaterThan(2);
      expectMasked(result, [PASSWORD, ...pemLines]);
    },
  );
});
