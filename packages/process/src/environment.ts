// What each kind of child process Slipway starts may see of Slipway's own environment. Slipway runs with
// secrets in its environment (SLIPWAY_TOKEN, GITHUB_TOKEN, key passwords, cloud credentials); a child gets
// only the variables its kind needs to work, so a git hook, a remote helper, a credential helper or a
// Dockerfile step never sees the others. docs/security.md ("What child processes receive") lists them.

/** The kinds of child processes, each with its own allow-list. */
export type ChildKind = 'git' | 'credential-helper' | 'builder';

/** Environment variables for a child process (only defined values). */
export type ChildEnvironment = Record<string, string>;

interface AllowList {
  /** Exact names (matched without regard to case, as proxy variables come in both). */
  readonly names: readonly string[];
  /** Name prefixes (case-sensitive). */
  readonly prefixes: readonly string[];
  /** Whether a name that looks secret (TOKEN, SECRET, PASSWORD…) is dropped even when a prefix matches. */
  readonly dropSecretLooking: boolean;
}

/** Every child: where programs and the home directory are, temp files, locale and time zone. */
const BASE = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'LANG',
  'LANGUAGE',
  // Windows needs these to start any program.
  'SYSTEMROOT',
  'WINDIR',
  'PATHEXT',
  // Not a secret: the Actions runner's mark on the job's processes. When the job ends it stops every
  // process that carries it, so a child Slipway cannot stop itself (a builder, process/src/tool.ts) is not
  // left running on a self-hosted runner after a cancelled run.
  'RUNNER_TRACKING_ID',
];

/** Whatever talks to the network: proxies (both spellings) and the trusted CAs. */
const NETWORK = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
];

/**
 * git's own variables that are transport settings (SSH, CA, proxy, where the global config lives), not repo
 * state: `GIT_DIR`, `GIT_INDEX_FILE`, `GIT_CONFIG_*`, traces and the like could point git elsewhere, so the
 * git runner sets those itself.
 */
const GIT_TRANSPORT = [
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_SSL_NO_VERIFY',
  'GIT_PROXY_COMMAND',
  'GIT_EXEC_PATH',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_HTTP_LOW_SPEED_LIMIT',
  'GIT_HTTP_LOW_SPEED_TIME',
  'GIT_HTTP_USER_AGENT',
];

const ALLOW_LISTS: Record<ChildKind, AllowList> = {
  git: {
    names: [...BASE, ...NETWORK, ...GIT_TRANSPORT, 'SSH_AUTH_SOCK', 'XDG_CONFIG_HOME'],
    prefixes: ['LC_'],
    dropSecretLooking: false,
  },
  // A docker credential helper's job is to turn the machine's cloud credentials into a registry login
  // (docker-credential-ecr-login reads the AWS credential chain, gcr the Google one, acr-env the Azure one),
  // so it gets those chains; nothing of Slipway's own secrets, GitHub's or the signing keys'.
  'credential-helper': {
    names: [
      ...BASE,
      ...NETWORK,
      'DOCKER_CONFIG',
      'DBUS_SESSION_BUS_ADDRESS',
      'GOOGLE_APPLICATION_CREDENTIALS',
    ],
    prefixes: ['LC_', 'XDG_', 'AWS_', 'CLOUDSDK_', 'AZURE_'],
    dropSecretLooking: false,
  },
  // What buildah and docker buildx need to run and reach their engine and storage; the build's secrets are
  // only those the user passed with `--secret id=…,env=NAME` (given to childEnvironment as `pass`).
  builder: {
    names: [
      ...BASE,
      ...NETWORK,
      'DOCKER_CONFIG',
      'DOCKER_HOST',
      'DOCKER_CONTEXT',
      'DOCKER_CERT_PATH',
      'DOCKER_TLS_VERIFY',
      'DOCKER_BUILDKIT',
      'REGISTRY_AUTH_FILE',
      'STORAGE_DRIVER',
      'STORAGE_OPTS',
      'SOURCE_DATE_EPOCH',
    ],
    prefixes: ['LC_', 'XDG_', 'BUILDX_', 'BUILDKIT_', 'BUILDAH_', 'CONTAINERS_'],
    dropSecretLooking: true,
  },
};

const SECRET_LOOKING = /TOKEN|SECRET|PASSWORD|PASSPHRASE|CREDENTIAL|_KEY$|^KEY$/i;

export interface ChildEnvironmentOptions {
  /** Further variables of `base` this child needs (a build's `--secret id=…,env=NAME`). */
  readonly pass?: readonly string[];
  /** Variables Slipway sets for this child itself (they win over `base`). */
  readonly set?: Readonly<Record<string, string>>;
}

/**
 * The environment for a child of `kind`: the variables of `base` its allow-list names, the ones in `pass`,
 * then `set`. Nothing else of `base` reaches the child.
 */
export function childEnvironment(
  kind: ChildKind,
  base: NodeJS.ProcessEnv,
  options: ChildEnvironmentOptions = {},
): ChildEnvironment {
  const list = ALLOW_LISTS[kind];
  const names = new Set(list.names.map((name) => name.toUpperCase()));
  const passed = new Set(options.pass ?? []);
  const env: ChildEnvironment = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (passed.has(key) || allowed(key, list, names)) env[key] = value;
  }
  return { ...env, ...options.set };
}

/**
 * The environment of a local git read (the checkout's commit, tree or remote): git's allow-list of `base`, in
 * the C locale so its output can be parsed, and never prompting.
 */
export function localGitEnvironment(base: NodeJS.ProcessEnv): ChildEnvironment {
  return childEnvironment('git', base, { set: { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' } });
}

function allowed(key: string, list: AllowList, names: ReadonlySet<string>): boolean {
  if (names.has(key.toUpperCase())) return true;
  if (!list.prefixes.some((prefix) => key.startsWith(prefix))) return false;
  return !(list.dropSecretLooking && SECRET_LOOKING.test(key));
}
