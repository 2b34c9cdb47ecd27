// Sign and verify benchmark: 50 images in a local registry (Debian's docker-registry, distribution 2.8),
// signed one after another with a P-256 key, then verified. Registry round trips are counted through the
// client's `transport` hook (every HTTP request the registry client sends, auth probes included).
//
//   node --import tsx bench/sign/run.ts [--images 50] [--name sign]
//   TMPDIR=/dev/shm node --import tsx bench/sign/run.ts --name sign-tmpfs   # registry storage in memory
//
// Writes bench/results/<name>.json and bench/results/<name>.md.

import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type HttpTransport, nodeHttpTransport, openRepository, parseLocation } from '@slipway/oci';
import { localSigner, publicKeyVerifier, signImage, verifyImage } from '../../packages/sign/src/index.js';
import { pushImage, registryBinaries, startRegistry } from '../../test/support/registry.js';

const args = process.argv.slice(2);
const imagesArg = args.indexOf('--images');
const IMAGES = imagesArg >= 0 ? Number(args[imagesArg + 1]) : 50;
const nameArg = args.indexOf('--name');
const NAME = nameArg >= 0 ? (args[nameArg + 1] ?? 'sign') : 'sign';
const results = fileURLToPath(new URL('../results/', import.meta.url));

interface Sample {
  ms: number;
  requests: number;
  /** Sequential round trips: requests sent while none was in flight (parallel requests share one). */
  rounds: number;
  byKind: Record<string, number>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  if (!registryBinaries().registry)
    throw new Error('docker-registry is not installed (apt-get install docker-registry)');
  const registry = await startRegistry();
  try {
    const digests: string[] = [];
    for (let i = 0; i < IMAGES; i++) {
      digests.push(
        (await pushImage({ url: registry.url, repository: 'bench/app', tag: `v${i}`, seed: `bench-${i}` }))
          .digest,
      );
    }
    let current: Sample = { ms: 0, requests: 0, rounds: 0, byKind: {} };
    let inFlight = 0;
    const counting: HttpTransport = (request) => {
      current.requests++;
      if (inFlight === 0) current.rounds++;
      inFlight++;
      const url = new URL(request.url);
      const kind = `${request.method} ${url.pathname.replace(/^\/v2\/bench\/app\//, '').replace(/\/.*$/, '')}`;
      current.byKind[kind] = (current.byKind[kind] ?? 0) + 1;
      // A round ends when its answer is in: the client reads bodies of small answers at once.
      return nodeHttpTransport(request).finally(() => {
        inFlight--;
      });
    };
    const repository = openRepository(parseLocation(`${registry.host}/bench/app`), { transport: counting });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signer = localSigner(privateKey, 'bench key');
    const verifier = publicKeyVerifier(publicKey, 'bench key');

    // Warm-up: one sign and verify of an extra image (connection set-up, JIT).
    const warm = await pushImage({ url: registry.url, repository: 'bench/app', tag: 'warm' });
    await signImage({ repository, digest: warm.digest, signer });
    await verifyImage({ repository, reference: 'warm', keys: [verifier] });

    const run = async (fn: () => Promise<unknown>): Promise<Sample> => {
      current = { ms: 0, requests: 0, rounds: 0, byKind: {} };
      inFlight = 0;
      const start = process.hrtime.bigint();
      await fn();
      current.ms = Number(process.hrtime.bigint() - start) / 1e6;
      return current;
    };
    const sign: Sample[] = [];
    for (const digest of digests) sign.push(await run(() => signImage({ repository, digest, signer })));
    const verifyByTag: Sample[] = [];
    for (let i = 0; i < IMAGES; i++)
      verifyByTag.push(await run(() => verifyImage({ repository, reference: `v${i}`, keys: [verifier] })));
    const verifyByDigest: Sample[] = [];
    for (const digest of digests)
      verifyByDigest.push(await run(() => verifyImage({ repository, reference: digest, keys: [verifier] })));
    const resign: Sample[] = [];
    for (const digest of digests) resign.push(await run(() => signImage({ repository, digest, signer })));

    const summary = (samples: Sample[]) => ({
      medianMs: Number(median(samples.map((s) => s.ms)).toFixed(2)),
      p90Ms: Number(
        [...samples.map((s) => s.ms)].sort((a, b) => a - b)[Math.floor(samples.length * 0.9)]?.toFixed(2),
      ),
      medianRequests: median(samples.map((s) => s.requests)),
      medianRounds: median(samples.map((s) => s.rounds)),
      maxRequests: Math.max(...samples.map((s) => s.requests)),
      requestsByKind: samples[0]?.byKind ?? {},
    });
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      images: IMAGES,
      registry: `docker-registry (distribution 2.8) on 127.0.0.1, no auth, storage under ${tmpdir()}`,
      sign: summary(sign),
      resignNoop: summary(resign),
      verifyByTag: summary(verifyByTag),
      verifyByDigest: summary(verifyByDigest),
      targets: { roundTripsPerSignature: 3, msPerSignature: 50 },
    };
    await writeFile(`${results}${NAME}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const row = (name: string, s: ReturnType<typeof summary>) =>
      `| ${name} | ${s.medianMs} | ${s.p90Ms} | ${s.medianRequests} | ${Object.entries(s.requestsByKind)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ')} | ${s.medianRounds} |`;
    const md = [
      '# Sign and verify benchmark',
      '',
      `${IMAGES} images in a local registry (${report.registry}); ${report.node}; ${report.date}.`,
      'Times are per image, sequential; requests are every HTTP request the registry client sent; round trips',
      'count requests sent while no other was in flight (requests sent in parallel share one round trip).',
      '',
      '| operation | median ms | p90 ms | requests | requests by kind (first image) | round trips |',
      '| --- | --- | --- | --- | --- | --- |',
      row('sign (new signature)', report.sign),
      row('sign again (already signed: no-op)', report.resignNoop),
      row('verify by tag', report.verifyByTag),
      row('verify by digest', report.verifyByDigest),
      '',
    ].join('\n');
    await writeFile(`${results}${NAME}.md`, md);
    process.stdout.write(md);
  } finally {
    await registry.stop();
  }
}

await main();
