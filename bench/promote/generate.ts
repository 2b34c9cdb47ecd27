/**
 * Deterministic generator for the `promote` benchmark's GitOps config repository.
 *
 * Produces a bare repository with `services` apps (`apps/svc-0001` …) on `main` and three environment
 * branches (`env/dev`, `env/staging`, `env/prod`), and `commits` commits of history in all: image
 * promotions, config tweaks, secret re-seals, certificate rotations, CRD and docs updates. The whole
 * history is streamed into one `git fast-import` process, then repacked.
 *
 * Size comes mostly from SealedSecrets (random base64, so it barely compresses and never deltas) that
 * are re-sealed over time; `tlsDomains` is the knob that sets the packed size.
 *
 * Usage: node --import tsx bench/promote/generate.ts [--dir <bare repo dir>] [--force]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { git, runOk } from './proc.js';

/** Bump whenever the generated content changes for the same parameters. */
export const GENERATOR_VERSION = 1;
export const MARKER_FILE = 'slipway-bench.json';
export const ENV_BRANCHES = ['env/dev', 'env/staging', 'env/prod'] as const;
export const ALL_BRANCHES = ['main', ...ENV_BRANCHES] as const;
export const REGISTRY = 'registry.example.com/shop';

export interface GenerateParams {
  seed: string;
  services: number;
  /** Total commits reachable from all branches, the root commit included. */
  commits: number;
  /** Domains in each branch's sealed ingress TLS bundle (a crt and a key each); sets the packed size. */
  tlsDomains: number;
}

export const DEFAULT_PARAMS: GenerateParams = {
  seed: 'slipway-bench-promote',
  services: 2000,
  commits: 20_000,
  tlsDomains: 4,
};

export interface RepoInfo {
  dir: string;
  params: GenerateParams;
  generatorVersion: number;
  /** Branch name (without refs/heads/) to the commit it pointed at right after generation. */
  tips: Record<string, string>;
  commitCount: number;
  packedBytes: number;
  /** Time the generation took when it ran (also recorded for a reused cache). */
  generationMs: number;
  createdAt: string;
  /** True when an existing cached repository was reused. */
  reused: boolean;
}

type Marker = Omit<RepoInfo, 'dir' | 'reused'>;

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32, seeded through a string hash): deterministic on every platform.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    this.a = h1 >>> 0;
    this.b = h2 >>> 0;
    this.c = h3 >>> 0;
    this.d = h4 >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Pick a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.float() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('Rng.weighted: no weights');
    return last[0];
  }

  bytes(n: number): Buffer {
    const buf = Buffer.allocUnsafe(Math.ceil(n / 4) * 4);
    for (let i = 0; i < buf.length; i += 4) buf.writeUInt32LE(this.u32(), i);
    return buf.subarray(0, n);
  }

  hex(nBytes: number): string {
    return this.bytes(nBytes).toString('hex');
  }

  /** Random base64 text of exactly `chars` characters (incompressible, like real ciphertext). */
  base64(chars: number): string {
    return this.bytes(Math.ceil((chars * 3) / 4) + 3)
      .toString('base64')
      .slice(0, chars);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The model: static facts per service, and mutable per-branch state rendered into YAML.

const TEAMS = [
  'checkout',
  'catalog',
  'payments',
  'search',
  'identity',
  'fulfilment',
  'pricing',
  'reviews',
  'notifications',
  'inventory',
  'loyalty',
  'shipping',
] as const;
const COMPONENTS = ['api', 'worker', 'gateway', 'consumer', 'scheduler'] as const;
const SECRET_KEYS: readonly { key: string; min: number; max: number }[] = [
  { key: 'db-password', min: 684, max: 760 },
  { key: 'api-token', min: 700, max: 812 },
  { key: 'redis-password', min: 684, max: 740 },
  { key: 'oauth-client-secret', min: 720, max: 860 },
  { key: 'webhook-signing-secret', min: 700, max: 790 },
  { key: 'jwt-signing-key.pem', min: 2300, max: 3400 },
];
const FLAGS = [
  'new-checkout-flow',
  'async-inventory',
  'edge-caching',
  'grpc-upstream',
  'strict-validation',
  'shadow-traffic',
  'batch-writes',
  'read-replicas',
] as const;
const LOG_LEVELS = ['debug', 'info', 'info', 'info', 'warn'] as const;
const PEOPLE = [
  'Ana Ferreira <ana.ferreira@example.com>',
  'Bram de Vries <bram.devries@example.com>',
  'Chen Wei <chen.wei@example.com>',
  'Dana Kowalski <dana.kowalski@example.com>',
  'Emeka Obi <emeka.obi@example.com>',
  'Freya Lindqvist <freya.lindqvist@example.com>',
  'Gaurav Menon <gaurav.menon@example.com>',
  'Hana Sato <hana.sato@example.com>',
] as const;
const BOT = 'slipway[bot] <slipway-bot@example.com>';
const WORDS = (
  'the a of to in for is on that by this with you it not or be are from at as your all have new more an ' +
  'was we will can about if page my has would may other which their time they what these any when there ' +
  'resource spec status field value object list reference controller replica pod container template ' +
  'selector label annotation namespace secret config volume mount probe port protocol strategy rollout ' +
  'traffic weight canary analysis metric threshold interval duration condition phase message reason'
).split(' ');

interface SecretSpec {
  key: string;
  chars: number;
}

interface ServiceStatic {
  name: string;
  team: string;
  component: string;
  upstream: string;
  cpuBase: number;
  memBase: number;
  secrets: SecretSpec[];
}

interface ServiceState {
  version: string;
  digest: string;
  replicas: number;
  cpuReq: number;
  memReq: number;
  logLevel: string;
  flags: readonly string[];
  cacheTtl: number;
  maxConnections: number;
  timeoutMs: number;
  rateLimit: number;
  sealed: readonly string[];
  sealedRev: number;
}

interface CrdField {
  name: string;
  type: 'string' | 'integer' | 'boolean';
  description: string;
}

interface BranchState {
  name: string;
  env: string;
  mark: number;
  services: ServiceState[];
  tls: readonly string[];
  tlsRev: number;
  crds: CrdField[][];
  runbook: string[];
}

const CRD_NAMES = [
  { file: 'rollouts.argoproj.io.yaml', group: 'argoproj.io', kind: 'Rollout', plural: 'rollouts' },
  {
    file: 'servicemonitors.monitoring.coreos.com.yaml',
    group: 'monitoring.coreos.com',
    kind: 'ServiceMonitor',
    plural: 'servicemonitors',
  },
  {
    file: 'sealedsecrets.bitnami.com.yaml',
    group: 'bitnami.com',
    kind: 'SealedSecret',
    plural: 'sealedsecrets',
  },
] as const;

function svcName(i: number): string {
  return `svc-${String(i + 1).padStart(4, '0')}`;
}

function sentence(rng: Rng, min: number, max: number): string {
  const n = rng.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function sealedValue(rng: Rng, chars: number): string {
  // kubeseal output: base64 of a session key wrapped with RSA-OAEP and the AES-GCM ciphertext.
  return `AgB${rng.base64(chars - 3)}`;
}

function bumpVersion(rng: Rng, version: string): string {
  const [major = 1, minor = 0, patch = 0] = version.split('.').map(Number);
  const r = rng.float();
  if (r < 0.01) return `${major + 1}.0.0`;
  if (r < 0.25) return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function renderDeployment(s: ServiceStatic, st: ServiceState): string {
  const flags = st.flags.length > 0 ? st.flags.join(',') : 'none';
  return `# ${s.name}: ${s.component} for the ${s.team} team.
# Owned by team ${s.team}; the image line is rewritten by promotions, everything else goes through review.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
    app.kubernetes.io/part-of: shop
    app.kubernetes.io/component: ${s.component}
    team: ${s.team}
spec:
  replicas: ${st.replicas}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${s.name}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${s.name}
        app.kubernetes.io/part-of: shop
        team: ${s.team}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
        prometheus.io/path: /metrics
    spec:
      serviceAccountName: ${s.name}
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${s.name}
      containers:
        - name: ${s.name}
          # The tag is for humans; the digest is what the cluster pulls.
          image: ${REGISTRY}/${s.name}:${st.version}@sha256:${st.digest}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: ${st.logLevel}
            - name: HTTP_PORT
              value: "8080"
            - name: UPSTREAM_URL
              value: http://${s.upstream}.shop.svc.cluster.local:8080
            - name: FEATURE_FLAGS
              value: "${flags}"
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${s.name}
                  key: db-password
          envFrom:
            - configMapRef:
                name: ${s.name}-config
          resources:
            requests:
              cpu: ${st.cpuReq}m
              memory: ${st.memReq}Mi
            limits:
              cpu: ${st.cpuReq * 4}m
              memory: ${st.memReq * 2}Mi
          # Readiness gates traffic; liveness only restarts a wedged process.
          readinessProbe:
            httpGet:
              path: /healthz/ready
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
            timeoutSeconds: 2
          livenessProbe:
            httpGet:
              path: /healthz/live
              port: http
            initialDelaySeconds: 15
            periodSeconds: 20
            failureThreshold: 3
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: secrets
              mountPath: /var/run/secrets/${s.name}
              readOnly: true
      volumes:
        - name: tmp
          emptyDir: {}
        - name: secrets
          secret:
            secretName: ${s.name}
`;
}

function renderKustomization(s: ServiceStatic, st: ServiceState): string {
  return `# ${s.name} (team ${s.team}).
# The images entry is the promotion target: CI rewrites newTag and digest, do not edit them by hand.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
labels:
  - pairs:
      team: ${s.team}
    includeSelectors: false
resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
  - sealedsecret.yaml
images:
  - name: ${REGISTRY}/${s.name}
    newTag: ${st.version}
    digest: sha256:${st.digest}
`;
}

function renderServiceYaml(s: ServiceStatic): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${s.name}
  labels:
    app.kubernetes.io/name: ${s.name}
    team: ${s.team}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${s.name}
  ports:
    - name: http
      port: 8080
      targetPort: http
    - name: metrics
      port: 9090
      targetPort: metrics
`;
}

function renderConfigMap(s: ServiceStatic, st: ServiceState): string {
  return `# Non-secret runtime settings for ${s.name}; values are read at start-up (restart to apply).
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${s.name}-config
  labels:
    app.kubernetes.io/name: ${s.name}
    team: ${s.team}
data:
  CACHE_TTL_SECONDS: "${st.cacheTtl}"
  MAX_CONNECTIONS: "${st.maxConnections}"
  REQUEST_TIMEOUT_MS: "${st.timeoutMs}"
  RATE_LIMIT_RPS: "${st.rateLimit}"
  application.yaml: |
    server:
      port: 8080
      shutdown: graceful
      max-connections: ${st.maxConnections}
    upstream:
      url: http://${s.upstream}.shop.svc.cluster.local:8080
      timeout: ${st.timeoutMs}ms
      retries: 2
    cache:
      ttl: ${st.cacheTtl}s
      max-entries: ${st.maxConnections * 256}
    telemetry:
      traces-sample-rate: 0.05
      metrics-port: 9090
`;
}

function renderSealedSecret(s: ServiceStatic, st: ServiceState): string {
  const lines = s.secrets.map((spec, i) => `    ${spec.key}: ${st.sealed[i] ?? ''}`).join('\n');
  return `# Sealed with the cluster's sealing key; re-seal with kubeseal after changing any value.
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: ${s.name}
  namespace: shop
  annotations:
    shop.example.com/sealed-revision: "${st.sealedRev}"
spec:
  encryptedData:
${lines}
  template:
    metadata:
      name: ${s.name}
      namespace: shop
      labels:
        app.kubernetes.io/name: ${s.name}
    type: Opaque
`;
}

function tlsDomainNames(count: number): string[] {
  const names: string[] = ['shop.example.com', 'www.shop.example.com'];
  for (let i = 0; names.length < count; i++) names.push(`${TEAMS[i % TEAMS.length]}-${i}.shop.example.com`);
  return names.slice(0, count);
}

function renderTlsBundle(b: BranchState, domains: readonly string[]): string {
  const lines = domains
    .map((d, i) => `    ${d}.crt: ${b.tls[2 * i] ?? ''}\n    ${d}.key: ${b.tls[2 * i + 1] ?? ''}`)
    .join('\n');
  return `# Ingress certificates, sealed for this environment's cluster.
# The cert-rotation job renews every certificate and re-seals the whole bundle.
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: ingress-tls-bundle
  namespace: ingress
  annotations:
    sealedsecrets.bitnami.com/cluster-wide: "true"
    shop.example.com/rotation: "${b.tlsRev}"
spec:
  encryptedData:
${lines}
  template:
    metadata:
      name: ingress-tls-bundle
      namespace: ingress
    type: Opaque
`;
}

function newTlsValues(rng: Rng, domains: number): string[] {
  const values: string[] = [];
  for (let i = 0; i < domains; i++) {
    values.push(sealedValue(rng, rng.int(2900, 3300)), sealedValue(rng, rng.int(2200, 2500)));
  }
  return values;
}

function renderCrd(index: number, fields: readonly CrdField[]): string {
  const crd = CRD_NAMES[index];
  if (!crd) throw new Error(`no CRD ${index}`);
  const props = fields
    .map(
      (f) =>
        `                ${f.name}:\n                  description: ${f.description}\n                  type: ${f.type}`,
    )
    .join('\n');
  return `# Vendored from upstream; update with scripts/vendor-crds, do not edit by hand.
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${crd.plural}.${crd.group}
spec:
  group: ${crd.group}
  names:
    kind: ${crd.kind}
    listKind: ${crd.kind}List
    plural: ${crd.plural}
    singular: ${crd.kind.toLowerCase()}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: true
      subresources:
        status: {}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
${props}
`;
}

function renderRunbook(lines: readonly string[]): string {
  return `# Shop config repository runbook\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
}

const README = `# shop-config

GitOps configuration for the shop platform. Each directory under \`apps/\` is one service, applied
with kustomize. Environments live on branches: \`env/dev\`, \`env/staging\` and \`env/prod\`; promotions
are commits to those branches made by CI. \`main\` holds the shared baseline.
`;

// ---------------------------------------------------------------------------------------------------------
// fast-import stream writer with back-pressure.

class FastImport {
  private chunks: string[] = [];
  private size = 0;
  private readonly exited: Promise<never>;
  private stderr = '';

  private constructor(private readonly child: ReturnType<typeof spawn>) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.stdin?.on('error', () => {
      // Reported through the exit code below.
    });
    this.exited = new Promise<never>((_, reject) => {
      child.on('close', (code) =>
        reject(new Error(`git fast-import exited early (${code}): ${this.stderr}`)),
      );
    });
    this.exited.catch(() => {});
  }

  static start(gitDir: string): FastImport {
    const child = spawn('git', ['-C', gitDir, 'fast-import', '--quiet', '--done'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    return new FastImport(child);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
  }

  data(content: string): void {
    this.write(`data ${Buffer.byteLength(content)}\n${content}\n`);
  }

  async flush(force = false): Promise<void> {
    if (!force && this.size < 1 << 20) return;
    const stdin = this.child.stdin;
    if (!stdin) throw new Error('fast-import has no stdin');
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!stdin.write(text)) await Promise.race([once(stdin, 'drain'), this.exited]);
  }

  async finish(): Promise<void> {
    this.write('done\n');
    await this.flush(true);
    const stdin = this.child.stdin;
    stdin?.end();
    const [code] = (await once(this.child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`git fast-import failed (${code}): ${this.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// History generation.

type FileChanges = Map<string, string>;

class History {
  private readonly rng: Rng;
  private readonly statics: ServiceStatic[] = [];
  private readonly branches = new Map<string, BranchState>();
  private readonly domains: string[];
  private nextMark = 1;
  private time = Date.UTC(2023, 0, 2, 9, 0, 0) / 1000;
  commits = 0;

  constructor(
    private readonly params: GenerateParams,
    private readonly out: FastImport,
  ) {
    this.rng = new Rng(params.seed);
    this.domains = tlsDomainNames(params.tlsDomains);
  }

  private branch(name: string): BranchState {
    const b = this.branches.get(name);
    if (!b) throw new Error(`unknown branch ${name}`);
    return b;
  }

  private static(i: number): ServiceStatic {
    const s = this.statics[i];
    if (!s) throw new Error(`unknown service ${i}`);
    return s;
  }

  private state(b: BranchState, i: number): ServiceState {
    const st = b.services[i];
    if (!st) throw new Error(`unknown service ${i}`);
    return st;
  }

  private emit(branch: BranchState, author: string, message: string, files: FileChanges, root = false): void {
    this.time += this.rng.int(60, 3 * 3600);
    const mark = this.nextMark++;
    const out = this.out;
    out.write(`commit refs/heads/${branch.name}\nmark :${mark}\n`);
    out.write(`author ${author} ${this.time} +0000\ncommitter ${author} ${this.time} +0000\n`);
    out.data(message);
    if (!root) out.write(`from :${branch.mark}\n`);
    for (const [file, content] of files) {
      out.write(`M 100644 inline ${file}\n`);
      out.data(content);
    }
    out.write('\n');
    branch.mark = mark;
    this.commits++;
  }

  private serviceFiles(b: BranchState, i: number, which: readonly string[], files: FileChanges): void {
    const s = this.static(i);
    const st = this.state(b, i);
    const dir = `apps/${s.name}`;
    for (const w of which) {
      if (w === 'deployment') files.set(`${dir}/deployment.yaml`, renderDeployment(s, st));
      else if (w === 'kustomization') files.set(`${dir}/kustomization.yaml`, renderKustomization(s, st));
      else if (w === 'configmap') files.set(`${dir}/configmap.yaml`, renderConfigMap(s, st));
      else if (w === 'sealedsecret') files.set(`${dir}/sealedsecret.yaml`, renderSealedSecret(s, st));
      else if (w === 'service') files.set(`${dir}/service.yaml`, renderServiceYaml(s));
    }
  }

  /** The root commit on main with every service, then the env branches forked from it. */
  async initial(): Promise<void> {
    const rng = this.rng;
    const services: ServiceState[] = [];
    for (let i = 0; i < this.params.services; i++) {
      const secrets = SECRET_KEYS.filter((_, k) => k === 0 || rng.chance(0.45)).map((spec) => ({
        key: spec.key,
        chars: rng.int(spec.min, spec.max),
      }));
      if (rng.chance(0.12)) secrets.push({ key: 'keystore.p12', chars: rng.int(6000, 16000) });
      const s: ServiceStatic = {
        name: svcName(i),
        team: rng.pick(TEAMS),
        component: rng.pick(COMPONENTS),
        upstream: svcName(rng.int(0, this.params.services - 1)),
        cpuBase: rng.pick([50, 100, 100, 200, 250, 500]),
        memBase: rng.pick([64, 128, 128, 256, 512, 1024]),
        secrets,
      };
      this.statics.push(s);
      services.push({
        version: '1.0.0',
        digest: rng.hex(32),
        replicas: rng.pick([1, 2, 2, 3, 3, 3, 4, 6]),
        cpuReq: s.cpuBase,
        memReq: s.memBase,
        logLevel: 'info',
        flags: FLAGS.filter(() => rng.chance(0.2)),
        cacheTtl: rng.pick([30, 60, 120, 300, 600]),
        maxConnections: rng.pick([16, 32, 64, 128]),
        timeoutMs: rng.pick([500, 1000, 2500, 5000]),
        rateLimit: rng.pick([50, 100, 200, 500, 1000]),
        sealed: secrets.map((spec) => sealedValue(rng, spec.chars)),
        sealedRev: 1,
      });
    }
    const crds = CRD_NAMES.map(() => {
      const fields: CrdField[] = [];
      for (let f = 0; f < 260; f++) {
        fields.push({
          name: `${rng.pick(WORDS)}${rng.pick(WORDS).replace(/^./, (c) => c.toUpperCase())}${f}`,
          type: rng.pick(['string', 'integer', 'boolean'] as const),
          description: sentence(rng, 8, 30),
        });
      }
      return fields;
    });
    const main: BranchState = {
      name: 'main',
      env: 'baseline',
      mark: 0,
      services,
      tls: newTlsValues(rng, this.domains.length),
      tlsRev: 1,
      crds,
      runbook: ['Promotions are made by CI; never push to env/* by hand.'],
    };
    this.branches.set('main', main);

    const files: FileChanges = new Map();
    files.set('README.md', README);
    files.set('docs/runbook.md', renderRunbook(main.runbook));
    main.crds.forEach((fields, c) => {
      files.set(`crds/${CRD_NAMES[c]?.file}`, renderCrd(c, fields));
    });
    files.set('platform/ingress/tls-bundle.yaml', renderTlsBundle(main, this.domains));
    for (let i = 0; i < services.length; i++) {
      this.serviceFiles(
        main,
        i,
        ['deployment', 'kustomization', 'service', 'configmap', 'sealedsecret'],
        files,
      );
    }
    this.emit(main, rng.pick(PEOPLE), 'Import shop config\n', files, true);
    await this.out.flush();

    for (const name of ENV_BRANCHES) {
      const env = name.slice('env/'.length);
      this.branches.set(name, {
        name,
        env,
        mark: main.mark,
        services: [...main.services],
        tls: main.tls,
        tlsRev: main.tlsRev,
        crds: main.crds.map((fields) => [...fields]),
        runbook: [...main.runbook],
      });
      this.out.write(`reset refs/heads/${name}\nfrom :${main.mark}\n\n`);
    }
  }

  private promote(b: BranchState): void {
    const rng = this.rng;
    const count = rng.chance(0.8) ? 1 : rng.int(2, 3);
    const upstream = b.name === 'env/staging' ? 'env/dev' : b.name === 'env/prod' ? 'env/staging' : undefined;
    const files: FileChanges = new Map();
    const lines: string[] = [];
    const subjects: string[] = [];
    for (let n = 0; n < count; n++) {
      let i = rng.int(0, this.params.services - 1);
      let next: Pick<ServiceState, 'version' | 'digest'> | undefined;
      if (upstream) {
        // Promote something the previous environment already runs, when there is such a thing.
        const up = this.branch(upstream);
        for (let tries = 0; tries < 12 && !next; tries++) {
          const cand = rng.int(0, this.params.services - 1);
          const u = this.state(up, cand);
          if (u.digest !== this.state(b, cand).digest) {
            i = cand;
            next = { version: u.version, digest: u.digest };
          }
        }
      }
      const cur = this.state(b, i);
      next ??= { version: bumpVersion(rng, cur.version), digest: rng.hex(32) };
      b.services[i] = { ...cur, ...next };
      this.serviceFiles(b, i, ['deployment', 'kustomization'], files);
      lines.push(`${this.static(i).name} ${cur.version} -> ${next.version}`);
      subjects.push(`${this.static(i).name} to ${next.version}`);
    }
    const subject =
      count === 1 ? `promote ${subjects[0]} in ${b.env}` : `promote ${count} services in ${b.env}`;
    this.emit(b, BOT, `${subject}\n\n${lines.join('\n')}\n\nPromoted-by: slipway\n`, files);
  }

  private tweak(b: BranchState): void {
    const rng = this.rng;
    const i = rng.int(0, this.params.services - 1);
    const s = this.static(i);
    const cur = this.state(b, i);
    const kind = rng.weighted({ replicas: 3, resources: 3, log: 1, flags: 2, config: 4 });
    let next: ServiceState;
    let subject: string;
    let which: string[] = ['deployment'];
    switch (kind) {
      case 'replicas': {
        const replicas = Math.max(1, cur.replicas + rng.pick([-1, 1, 1, 2]));
        next = { ...cur, replicas };
        subject = `${s.name}: scale to ${replicas} replicas in ${b.env}`;
        break;
      }
      case 'resources': {
        const factor = rng.pick([0.5, 1.5, 2]);
        next = {
          ...cur,
          cpuReq: Math.max(25, Math.round(cur.cpuReq * factor)),
          memReq: Math.max(32, Math.round(cur.memReq * factor)),
        };
        subject = `${s.name}: ${factor > 1 ? 'raise' : 'lower'} resource requests in ${b.env}`;
        break;
      }
      case 'log': {
        next = { ...cur, logLevel: rng.pick(LOG_LEVELS) };
        subject = `${s.name}: log level ${next.logLevel} in ${b.env}`;
        break;
      }
      case 'flags': {
        const flag = rng.pick(FLAGS);
        const on = !cur.flags.includes(flag);
        next = { ...cur, flags: on ? [...cur.flags, flag] : cur.flags.filter((f) => f !== flag) };
        subject = `${s.name}: ${on ? 'enable' : 'disable'} ${flag} in ${b.env}`;
        break;
      }
      default: {
        next = {
          ...cur,
          cacheTtl: rng.pick([30, 60, 120, 300, 600, 900]),
          timeoutMs: rng.pick([500, 1000, 1500, 2500, 5000]),
          rateLimit: rng.pick([50, 100, 200, 300, 500, 1000]),
        };
        subject = `${s.name}: tune cache and timeouts in ${b.env}`;
        which = ['configmap'];
      }
    }
    b.services[i] = next;
    const files: FileChanges = new Map();
    this.serviceFiles(b, i, which, files);
    this.emit(b, rng.pick(PEOPLE), `${subject}\n`, files);
  }

  private reseal(b: BranchState): void {
    const rng = this.rng;
    const i = rng.int(0, this.params.services - 1);
    const s = this.static(i);
    const cur = this.state(b, i);
    b.services[i] = {
      ...cur,
      sealed: s.secrets.map((spec) => sealedValue(rng, spec.chars)),
      sealedRev: cur.sealedRev + 1,
    };
    const files: FileChanges = new Map();
    this.serviceFiles(b, i, ['sealedsecret'], files);
    const key = rng.pick(s.secrets).key;
    this.emit(b, rng.pick(PEOPLE), `${s.name}: rotate ${key} in ${b.env}\n`, files);
  }

  private rotateTls(b: BranchState): void {
    b.tls = newTlsValues(this.rng, this.domains.length);
    b.tlsRev++;
    const files: FileChanges = new Map([
      ['platform/ingress/tls-bundle.yaml', renderTlsBundle(b, this.domains)],
    ]);
    this.emit(b, BOT, `ingress: rotate TLS certificates in ${b.env} (rotation ${b.tlsRev})\n`, files);
  }

  private updateCrd(b: BranchState): void {
    const rng = this.rng;
    const c = rng.int(0, CRD_NAMES.length - 1);
    const fields = b.crds[c];
    if (!fields) throw new Error(`no CRD ${c}`);
    if (rng.chance(0.3)) {
      fields.push({
        name: `${rng.pick(WORDS)}Field${fields.length}`,
        type: 'string',
        description: sentence(rng, 8, 30),
      });
    } else {
      const f = rng.int(0, fields.length - 1);
      const old = fields[f];
      if (old) fields[f] = { ...old, description: sentence(rng, 8, 30) };
    }
    const crd = CRD_NAMES[c];
    const files: FileChanges = new Map([[`crds/${crd?.file}`, renderCrd(c, fields)]]);
    this.emit(b, rng.pick(PEOPLE), `crds: update ${crd?.plural}.${crd?.group} from upstream\n`, files);
  }

  private docs(b: BranchState): void {
    const rng = this.rng;
    b.runbook.push(sentence(rng, 6, 20));
    const files: FileChanges = new Map([['docs/runbook.md', renderRunbook(b.runbook)]]);
    this.emit(b, rng.pick(PEOPLE), 'docs: extend runbook\n', files);
  }

  async rest(): Promise<void> {
    const rng = this.rng;
    while (this.commits < this.params.commits) {
      const name = rng.weighted({ 'env/dev': 42, 'env/staging': 24, 'env/prod': 16, main: 18 });
      const b = this.branch(name);
      if (name === 'main') {
        const kind = rng.weighted({ crd: 20, docs: 10, tweak: 35, reseal: 15, tls: 20 });
        if (kind === 'crd') this.updateCrd(b);
        else if (kind === 'docs') this.docs(b);
        else if (kind === 'tweak') this.tweak(b);
        else if (kind === 'reseal') this.reseal(b);
        else this.rotateTls(b);
      } else {
        const kind = rng.weighted({ promote: 74, tweak: 16, reseal: 6, tls: 4 });
        if (kind === 'promote') this.promote(b);
        else if (kind === 'tweak') this.tweak(b);
        else if (kind === 'reseal') this.reseal(b);
        else this.rotateTls(b);
      }
      await this.out.flush();
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Repository lifecycle: generate into a temporary sibling, repack, configure, mark, rename into place.

async function packedBytes(dir: string): Promise<number> {
  const packDir = path.join(dir, 'objects', 'pack');
  let total = 0;
  for (const f of await readdir(packDir)) {
    if (f.endsWith('.pack')) total += (await stat(path.join(packDir, f))).size;
  }
  return total;
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, MARKER_FILE), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

async function isUsable(dir: string, marker: Marker, params: GenerateParams): Promise<boolean> {
  if (marker.generatorVersion !== GENERATOR_VERSION) return false;
  if (JSON.stringify(marker.params) !== JSON.stringify(params)) return false;
  try {
    if ((await git(dir, ['rev-parse', '--is-bare-repository'])) !== 'true') return false;
    for (const tip of Object.values(marker.tips)) await git(dir, ['cat-file', '-e', `${tip}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Put every branch back on the commit it had after generation (a benchmark may have moved some). */
export async function resetBranches(dir: string, tips: Record<string, string>): Promise<void> {
  for (const [branch, tip] of Object.entries(tips)) {
    await git(dir, ['update-ref', `refs/heads/${branch}`, tip]);
  }
}

export async function generateRepo(
  dir: string,
  params: GenerateParams = DEFAULT_PARAMS,
  log: (msg: string) => void = () => {},
): Promise<RepoInfo> {
  const start = process.hrtime.bigint();
  const elapsed = (): string => `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)}s`;
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  await runOk('git', ['init', '--quiet', '--bare', '--initial-branch=main', tmp]);

  log(`generating ${params.commits} commits over ${params.services} services with git fast-import…`);
  const fi = FastImport.start(tmp);
  const history = new History(params, fi);
  await history.initial();
  await history.rest();
  await fi.finish();
  log(`fast-import done (${elapsed()}); repacking…`);

  // gc (repack -a -d without -f, pack-refs, prune) keeps fast-import's deltas against the previous version
  // of each path: for the 2,000-entry apps/ tree that packs far smaller, and faster, than `repack -adf`.
  await runOk('git', ['-C', tmp, 'gc', '--quiet', '--prune=now']);
  await git(tmp, ['config', 'uploadpack.allowFilter', 'true']);
  await git(tmp, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  // Keep the fixture as generated: no background gc triggered by the benchmark's pushes.
  await git(tmp, ['config', 'gc.auto', '0']);
  await git(tmp, ['config', 'receive.autogc', 'false']);

  const tips: Record<string, string> = {};
  for (const branch of ALL_BRANCHES) tips[branch] = await git(tmp, ['rev-parse', `refs/heads/${branch}`]);
  const commitCount = Number(await git(tmp, ['rev-list', '--all', '--count']));
  if (commitCount !== params.commits) {
    throw new Error(`generator bug: expected ${params.commits} commits, repository has ${commitCount}`);
  }
  const marker: Marker = {
    params,
    generatorVersion: GENERATOR_VERSION,
    tips,
    commitCount,
    packedBytes: await packedBytes(tmp),
    generationMs: Math.round(Number(process.hrtime.bigint() - start) / 1e6),
    createdAt: new Date().toISOString(),
  };
  await writeFile(path.join(tmp, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  log(`generated ${dir} in ${elapsed()}: ${(marker.packedBytes / 2 ** 20).toFixed(1)} MiB packed`);
  return { ...marker, dir, reused: false };
}

/** Reuse the repository in `dir` if its marker matches this generator and `params`; generate it otherwise. */
export async function ensureRepo(
  dir: string,
  params: GenerateParams = DEFAULT_PARAMS,
  opts: { force?: boolean; log?: (msg: string) => void } = {},
): Promise<RepoInfo> {
  const log = opts.log ?? (() => {});
  if (!opts.force) {
    const marker = await readMarker(dir);
    if (marker && (await isUsable(dir, marker, params))) {
      await resetBranches(dir, marker.tips);
      log(`reusing cached config repo ${dir}`);
      return { ...marker, packedBytes: await packedBytes(dir), dir, reused: true };
    }
  }
  return generateRepo(dir, params, log);
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, 'bench', '.cache');
export function defaultRepoDir(cacheDir = process.env.SLIPWAY_BENCH_CACHE ?? DEFAULT_CACHE_DIR): string {
  return path.join(cacheDir, 'promote', 'shop-config.git');
}

async function main(argv: readonly string[]): Promise<void> {
  let dir = defaultRepoDir();
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') dir = path.resolve(argv[++i] ?? '');
    else if (arg === '--force') force = true;
    else throw new Error(`unknown argument ${arg}; usage: generate.ts [--dir <bare repo dir>] [--force]`);
  }
  const info = await ensureRepo(dir, DEFAULT_PARAMS, { force, log: (m) => console.log(m) });
  console.log(
    JSON.stringify(
      {
        dir: info.dir,
        reused: info.reused,
        commits: info.commitCount,
        packedBytes: info.packedBytes,
        generationMs: info.generationMs,
      },
      null,
      2,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
