// Keyless signing and verification benchmark against the loopback Sigstore fakes (@sigstore/mock's
// Fulcio, Rekor and TSA on 127.0.0.1) and the fake GitHub OIDC endpoint: what a keyless round trip costs
// in time and HTTP requests, for Fulcio + Rekor and for Fulcio + TSA; and what loading sigstore-js costs a
// process at start-up (the reason Slipway loads it only when a keyless or bundle operation runs).
//
//   node --import tsx bench/keyless/run.ts [--iterations 20] [--name keyless]
//
// Writes bench/results/<name>.json and bench/results/<name>.md.
//
// The operations are one function each (`Operations`); `sigstoreJsOperations` drives sigstore-js directly.
// To measure Slipway itself, give an `Operations` built on `signBundle` / `verifyImage` instead.

import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SerializedBundle } from '@sigstore/bundle';
import { type GitHubOidcServer, startGitHubOidc } from '../../test/support/githubOidc.js';
import { inTotoStatement } from '../../test/support/sigstoreBundles.js';
import { type SigstoreServices, startSigstoreServices } from '../../test/support/sigstoreServer.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const ITERATIONS = Number(option('iterations') ?? 20);
const NAME = option('name') ?? 'keyless';
const STARTUP_RUNS = 7;
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
  const report = { date, node: process.version, machine, load, iterations: ITERATIONS, rows, startup };
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
