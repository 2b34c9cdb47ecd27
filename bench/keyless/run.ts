// Keyless signing and verification benchmark against the loopback Sigstore fakes (@sigstore/mock's
// Fulcio, Rekor and TSA on 127.0.0.1) and the fake GitHub OIDC endpoint: what a keyless round trip costs
// in time and HTTP requests, for Fulcio + Rekor and for Fulcio + TSA; and what loading sigstore-js costs a
// process at start-up (the reason Slipway loads it only when a keyless or bundle operation runs).
//
//   node --import tsx bench/keyless/run.ts [--iterations 20] [--name keyless]
//
// Writes bench/results/<name>.json and bench/results/<name>.md.
//
// Two parts: sigstore-js driven directly (`Operations`, one function per operation: the floor), and Slipway's
// own path, whole processes of the real CLI bundle against a real registry (docker-registry 2.8, so the
// bundle goes to the `sha256-<hex>` fallback index): `slipway sign` keyless and `slipway verify` by identity.

import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SerializedBundle } from '@sigstore/bundle';
import { type GitHubOidcServer, startGitHubOidc } from '../../test/support/githubOidc.js';
import { pushImage, startRegistry } from '../../test/support/registry.js';
import { inTotoStatement } from '../../test/support/sigstoreBundles.js';
import { type SigstoreServices, startSigstoreServices } from '../../test/support/sigstoreServer.js';
import { runSlipway } from '../../test/support/slipway.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const ITERATIONS = Number(option('iterations') ?? 20);
const NAME = option('name') ?? 'keyless';
const STARTUP_RUNS = 7;
const CLI_ITERATIONS = Number(option('cli-iterations') ?? 10);
const WORKFLOW_IDENTITY = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';
const results = fileURLToPath(new URL('../results/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A signed bundle, as its JSON bytes, and what the verifier needs besides. */
interface Signed {
  readonly bundle: Uint8Array;
  /** For message-signature bundles: the bytes signed (DSSE bundles carry their payload). */
  readonly artifact?: Uint8Array;
}

/** One function per operation measured. */
export interface Operations {
  /** Keyless, Fulcio certificate + Rekor entry (a message signature: the mock logs only those verifiably). */
  signWithRekor(statement: Uint8Array): Promise<Signed>;
  /** Keyless, Fulcio certificate + RFC 3161 timestamp, DSSE over the in-toto statement (cosign 3's form). */
  signWithTsa(statement: Uint8Array): Promise<Signed>;
  /** Verifies with the services' trusted root; throws when the bundle does not verify. */
  verify(signed: Signed): Promise<void>;
}

/** GitHub's token protocol, as a job with `id-token: write` asks: one HTTP request per token. */
async function githubToken(oidc: GitHubOidcServer): Promise<string> {
  const answer = await fetch(`${oidc.requestUrl}&audience=sigstore`, {
    headers: { authorization: `Bearer ${oidc.requestToken}` },
  });
  const body = (await answer.json()) as { value: string };
  return body.value;
}

export async function sigstoreJsOperations(
  services: SigstoreServices,
  oidc: GitHubOidcServer,
): Promise<Operations> {
  const sign = await import('@sigstore/sign');
  const { bundleFromJSON, bundleToJSON } = await import('@sigstore/bundle');
  const { TrustedRoot } = await import('@sigstore/protobuf-specs');
  const { toSignedEntity, toTrustMaterial, Verifier } = await import('@sigstore/verify');
  // A new signer per signature, as a CI job signs once: each pays for its token and certificate.
  const signer = () =>
    new sign.FulcioSigner({
      fulcioBaseURL: services.fulcioUrl,
      identityProvider: { getToken: () => githubToken(oidc) },
    });
  const toBytes = (bundle: Parameters<typeof bundleToJSON>[0]): Uint8Array =>
    new Uint8Array(Buffer.from(JSON.stringify(bundleToJSON(bundle))));
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(services.trustedRoot)), {
    tlogThreshold: 0,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
  return {
    async signWithRekor(statement) {
      const bundle = await new sign.MessageSignatureBundleBuilder({
        signer: signer(),
        witnesses: [new sign.RekorWitness({ rekorBaseURL: services.rekorUrl })],
      }).create({ data: Buffer.from(statement) });
      return { bundle: toBytes(bundle), artifact: statement };
    },
    async signWithTsa(statement) {
      const bundle = await new sign.DSSEBundleBuilder({
        signer: signer(),
        witnesses: [new sign.TSAWitness({ tsaBaseURL: services.tsaUrl })],
      }).create({ data: Buffer.from(statement), type: 'application/vnd.in-toto+json' });
      return { bundle: toBytes(bundle) };
    },
    async verify(signed) {
      const json = JSON.parse(Buffer.from(signed.bundle).toString('utf8')) as SerializedBundle;
      const entity = toSignedEntity(
        bundleFromJSON(json),
        signed.artifact === undefined ? undefined : Buffer.from(signed.artifact),
      );
      verifier.verify(entity);
    },
  };
}

interface Row {
  operation: string;
  medianMs: number;
  p90Ms: number;
  /** HTTP requests per operation (to the Sigstore services and the OIDC endpoint), by path. */
  requests: Record<string, number>;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
}

async function measure(
  operation: string,
  services: SigstoreServices,
  oidc: GitHubOidcServer,
  run: (i: number) => Promise<void>,
): Promise<Row> {
  const times: number[] = [];
  let requests: Record<string, number> = {};
  await run(-1); // warm-up: JIT and the first connections
  for (let i = 0; i < ITERATIONS; i++) {
    const before = services.requests.length;
    const tokensBefore = oidc.audiences.length;
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
    if (i === 0) {
      requests = {};
      for (const path of services.requests.slice(before)) requests[path] = (requests[path] ?? 0) + 1;
      const tokens = oidc.audiences.length - tokensBefore;
      if (tokens > 0) requests['OIDC token'] = tokens;
    }
  }
  return { operation, medianMs: quantile(times, 0.5), p90Ms: quantile(times, 0.9), requests };
}

/** Whole-process times of the real CLI: keyless sign (TSA; Rekor) and verify by identity, each image new. */
async function slipwayRows(services: SigstoreServices, oidc: GitHubOidcServer): Promise<Row[]> {
  const registry = await startRegistry();
  try {
    const sigstore = ['--fulcio-url', services.fulcioUrl];
    const image = async (i: number, label: string) => {
      await pushImage({ url: registry.url, repository: 'shop/cart', tag: `${label}-${i}` });
      return `${registry.host}/shop/cart:${label}-${i}`;
    };
    const cli = async (args: string[]) => {
      const run = await runSlipway(args, { env: oidc.env });
      if (run.code !== 0) throw new Error(`slipway ${args[0]} failed: ${run.stderr}`);
    };
    const signTsa = (ref: string) =>
      cli(['sign', ref, ...sigstore, '--tsa-url', services.tsaUrl, '--tlog-upload', 'false']);
    const rows: Row[] = [];
    const refs: string[] = [];
    const times = async (
      operation: string,
      prepare: (i: number) => Promise<string>,
      run: (ref: string) => Promise<void>,
    ): Promise<Row> => {
      const ref = await prepare(-1);
      await run(ref); // warm-up
      const measured: number[] = [];
      let requests: Record<string, number> = {};
      for (let i = 0; i < CLI_ITERATIONS; i++) {
        const target = await prepare(i);
        const before = services.requests.length;
        const tokensBefore = oidc.audiences.length;
        const start = performance.now();
        await run(target);
        measured.push(performance.now() - start);
        if (i === 0) {
          requests = {};
          for (const path of services.requests.slice(before)) requests[path] = (requests[path] ?? 0) + 1;
          const tokens = oidc.audiences.length - tokensBefore;
          if (tokens > 0) requests['OIDC token'] = tokens;
        }
      }
      return { operation, medianMs: quantile(measured, 0.5), p90Ms: quantile(measured, 0.9), requests };
    };
    rows.push(
      await times(
        '`slipway sign` keyless, Fulcio + TSA (whole process)',
        (i) => image(i, 'tsa'),
        async (ref) => {
          await signTsa(ref);
          refs.push(ref);
        },
      ),
      await times(
        '`slipway sign` keyless, Fulcio + Rekor + TSA (whole process)',
        (i) => image(i, 'rekor'),
        (ref) =>
          cli(['sign', ref, ...sigstore, '--rekor-url', services.rekorUrl, '--tsa-url', services.tsaUrl]),
      ),
    );
    let next = 0;
    rows.push(
      await times(
        '`slipway verify` by identity, timestamped bundle (whole process)',
        async () => refs[next++ % refs.length] ?? '',
        (ref) =>
          cli([
            'verify',
            ref,
            '--certificate-identity',
            WORKFLOW_IDENTITY,
            '--certificate-oidc-issuer',
            'https://token.actions.githubusercontent.com',
            '--trusted-root',
            services.trustedRootPath,
          ]),
      ),
      await times(
        '`slipway --version` (start-up floor)',
        async () => '',
        () => cli(['--version']),
      ),
    );
    return rows;
  } finally {
    await registry.stop();
  }
}

/** Milliseconds a fresh `node` spends on `await import(specifier)` (median of STARTUP_RUNS processes). */
function importCost(specifiers: readonly string[]): number {
  const script = `const t = performance.now(); ${specifiers
    .map((s) => `await import(${JSON.stringify(s)});`)
    .join(' ')} process.stdout.write(String(performance.now() - t));`;
  const runs: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    runs.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root })));
  }
  return quantile(runs, 0.5);
}

async function main(): Promise<void> {
  const oidc = await startGitHubOidc();
  const services = await startSigstoreServices({ oidcKey: oidc.publicKey });
  const rows: Row[] = [];
  const cliRows: Row[] = [];
  try {
    const ops = await sigstoreJsOperations(services, oidc);
    const statement = (i: number) =>
      inTotoStatement({
        name: 'registry.example.com/shop/cart',
        digest: `sha256:${String(i + 1).padStart(64, '0')}`,
      });
    const rekorSigned = await ops.signWithRekor(statement(0));
    const tsaSigned = await ops.signWithTsa(statement(0));
    rows.push(
      await measure('sign: Fulcio + Rekor (message signature)', services, oidc, async (i) => {
        await ops.signWithRekor(statement(i));
      }),
      await measure('sign: Fulcio + TSA (DSSE, cosign 3 form)', services, oidc, async (i) => {
        await ops.signWithTsa(statement(i));
      }),
      await measure('verify: certificate + Rekor entry', services, oidc, () => ops.verify(rekorSigned)),
      await measure('verify: certificate + timestamp', services, oidc, () => ops.verify(tsaSigned)),
    );
    cliRows.push(...(await slipwayRows(services, oidc)));
  } finally {
    await services.close();
    await oidc.close();
  }

  const startup = {
    nodeAlone: importCost([]),
    sign: importCost(['@sigstore/sign']),
    verify: importCost(['@sigstore/verify']),
    both: importCost(['@sigstore/sign', '@sigstore/verify', '@sigstore/bundle']),
  };
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model ?? 'unknown CPU'} ×${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`;
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const date = new Date().toISOString();
  const report = {
    date,
    node: process.version,
    machine,
    load,
    iterations: ITERATIONS,
    rows,
    cliIterations: CLI_ITERATIONS,
    cliRows,
    startup,
  };
  await writeFile(`${results}${NAME}.json`, `${JSON.stringify(report, null, 2)}\n`);

  const requestText = (requests: Record<string, number>): string =>
    Object.entries(requests)
      .map(([path, count]) => `${path} ×${count}`)
      .join(', ');
  const total = (requests: Record<string, number>): number =>
    Object.values(requests).reduce((sum, count) => sum + count, 0);
  const md = `# Keyless sign and verify benchmark

Against the loopback fakes (@sigstore/mock's Fulcio, Rekor v1, TSA over node:http on 127.0.0.1; fake GitHub
OIDC token endpoint), with sigstore-js (@sigstore/sign 4.x, @sigstore/verify 3.x) driven directly.
${machine}; load average ${load} (1, 5, 15 min; the machine is shared); Node ${process.version}; ${date}.
${ITERATIONS} iterations per row after one warm-up. Signing takes a new token and certificate each time, as
a CI job signing once does. Requests are those of one operation, by path.

| operation | median ms | p90 ms | HTTP requests | by path |
| --- | --- | --- | --- | --- |
${rows.map((row) => `| ${row.operation} | ${row.medianMs} | ${row.p90Ms} | ${total(row.requests)} | ${requestText(row.requests) || 'none (offline)'} |`).join('\n')}

## Slipway, whole processes

The real CLI bundle (\`node packages/cli/dist/index.js\`), ${CLI_ITERATIONS} runs per row after one warm-up, each
sign on a new image pushed to docker-registry 2.8 on 127.0.0.1 (untimed). A run includes Node's start-up,
resolving the tag, the registry writes (bundle blob, empty config, referrer manifest, fallback index) and,
for verify, listing the referrers and loading the trusted root. Sigstore requests of one run, by path:

| operation | median ms | p90 ms | Sigstore + OIDC requests | by path |
| --- | --- | --- | --- | --- |
${cliRows.map((row) => `| ${row.operation} | ${row.medianMs} | ${row.p90Ms} | ${total(row.requests)} | ${requestText(row.requests) || 'none (offline)'} |`).join('\n')}

## Loading sigstore-js

Median of ${STARTUP_RUNS} fresh \`node\` processes, time spent in \`await import(…)\` only:

| imported | ms |
| --- | --- |
| nothing (baseline) | ${startup.nodeAlone} |
| \`@sigstore/sign\` | ${startup.sign} |
| \`@sigstore/verify\` | ${startup.verify} |
| \`@sigstore/sign\` + \`@sigstore/verify\` + \`@sigstore/bundle\` | ${startup.both} |
`;
  await writeFile(`${results}${NAME}.md`, md);
  process.stdout.write(md);
}

await main();
