// `slipway sign` keyless, the real CLI bundle against a real registry (distribution 2.8: no referrers API)
// and the loopback Sigstore services, with a GitHub runner's OIDC environment.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubOidcServer, startGitHubOidc } from './support/githubOidc.js';
import { pushImage, registryBinaries, startRegistry, type TestRegistry } from './support/registry.js';
import { type SigstoreServices, startSigstoreServices } from './support/sigstoreServer.js';
import { runSlipway } from './support/slipway.js';

const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const available = registryBinaries().registry;

async function getJson(url: string, accept: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { headers: { accept } });
  const text = await response.text();
  return { status: response.status, json: response.ok ? JSON.parse(text) : undefined };
}

describe.skipIf(!available && process.env.CI !== 'true')('slipway sign, keyless', () => {
  let registry: TestRegistry;
  let oidc: GitHubOidcServer;
  let services: SigstoreServices;

  beforeAll(async () => {
    registry = await startRegistry();
    oidc = await startGitHubOidc();
    services = await startSigstoreServices({ oidcKey: oidc.publicKey });
  });
  afterAll(async () => {
    await services?.close();
    await oidc?.close();
    await registry?.stop();
  });

  it('signs with the GitHub OIDC token: a bundle referrer in the sha256-<hex> index, the identity reported', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/cart', tag: 'v1' });
    const run = await runSlipway(
      [
        'sign',
        `${registry.host}/shop/cart:v1`,
        '--fulcio-url',
        services.fulcioUrl,
        '--rekor-url',
        services.rekorUrl,
        '--tsa-url',
        services.tsaUrl,
        '--json',
      ],
      { env: oidc.env },
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    // Neither the request token nor an ID token shows anywhere.
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(oidc.requestToken);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    }
    const result = JSON.parse(run.stdout) as {
      digest: string;
      bundle: { manifestDigest: string; fallbackTag: boolean; tlogEntries: number; timestamps: number };
      certificateIdentity: string;
      certificateOidcIssuer: string;
    };
    expect(result.digest).toBe(pushed.digest);
    expect(result.certificateIdentity).toBe(
      'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main',
    );
    expect(result.certificateOidcIssuer).toBe('https://token.actions.githubusercontent.com');
    expect(result.bundle).toMatchObject({ fallbackTag: true, tlogEntries: 1, timestamps: 1 });
    expect(oidc.audiences).toEqual(['sigstore']);

    // The referrer manifest as cosign 3 writes it.
    const manifest = await getJson(
      `${registry.url}/v2/shop/cart/manifests/${result.bundle.manifestDigest}`,
      'application/vnd.oci.image.manifest.v1+json',
    );
    expect(manifest.status).toBe(200);
    expect(manifest.json).toMatchObject({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: BUNDLE,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2 },
      layers: [{ mediaType: BUNDLE }],
      subject: { digest: pushed.digest },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      },
    });
    // No referrers API on distribution 2.8: the fallback tag indexes it.
    const index = await getJson(
      `${registry.url}/v2/shop/cart/manifests/${pushed.digest.replace(':', '-')}`,
      'application/vnd.oci.image.index.v1+json',
    );
    expect(index.json).toMatchObject({
      manifests: [{ digest: result.bundle.manifestDigest, artifactType: BUNDLE }],
    });
    // Keyless writes no .sig tag.
    const sig = await fetch(`${registry.url}/v2/shop/cart/manifests/${pushed.digest.replace(':', '-')}.sig`, {
      method: 'HEAD',
    });
    expect(sig.status).toBe(404);
  });

  it('the text output names the identity and the cosign command to check it', async () => {
    await pushImage({ url: registry.url, repository: 'shop/text', tag: 'v1' });
    const run = await runSlipway(
      [
        'sign',
        `${registry.host}/shop/text:v1`,
        '--fulcio-url',
        services.fulcioUrl,
        '--tsa-url',
        services.tsaUrl,
        '--tlog-upload',
        'false',
      ],
      { env: { SIGSTORE_ID_TOKEN: oidc.issue('sigstore') } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "cosign verify --certificate-identity 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main' --certificate-oidc-issuer 'https://token.actions.githubusercontent.com'",
    );
  });

  it('with a key, --referrer --tlog-upload true: the .sig tag and a bundle logged in Rekor', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/keyed', tag: 'v1' });
    const dir = mkdtempSync(join(tmpdir(), 'slipway-keyed-'));
    try {
      const env = { SLIPWAY_KEY_PASSWORD: 'pw' };
      const keygen = await runSlipway(['keygen', '--output-prefix', join(dir, 'k')], { env });
      expect(keygen.code).toBe(0);
      const run = await runSlipway(
        [
          'sign',
          `${registry.host}/shop/keyed:v1`,
          '--key',
          join(dir, 'k.key'),
          '--referrer',
          '--tlog-upload',
          'true',
          '--rekor-url',
          services.rekorUrl,
          '--json',
        ],
        { env },
      );
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as {
        signatureRef: string;
        bundle: { manifestDigest: string; tlogEntries: number; timestamps: number };
      };
      expect(result.signatureRef).toBe(`${registry.host}/shop/keyed:${pushed.digest.replace(':', '-')}.sig`);
      expect(result.bundle).toMatchObject({ tlogEntries: 1, timestamps: 0 });
      expect(services.requests).toContain('/api/v1/log/entries');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with a key, --tlog-upload true alone: the .sig layer carries its Rekor proof, as cosign 2 writes it', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/logged', tag: 'v1' });
    const dir = mkdtempSync(join(tmpdir(), 'slipway-logged-'));
    try {
      const env = { SLIPWAY_KEY_PASSWORD: 'pw' };
      expect((await runSlipway(['keygen', '--output-prefix', join(dir, 'k')], { env })).code).toBe(0);
      const logged = services.requests.filter((path) => path === '/api/v1/log/entries').length;
      const ref = `${registry.host}/shop/logged@${pushed.digest}`;
      const run = await runSlipway(
        ['sign', ref, '--key', join(dir, 'k.key'), '--tlog-upload', 'true', '--rekor-url', services.rekorUrl],
        { env },
      );
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      expect(services.requests.filter((path) => path === '/api/v1/log/entries').length).toBe(logged + 1);
      const sig = await getJson(
        `${registry.url}/v2/shop/logged/manifests/${pushed.digest.replace(':', '-')}.sig`,
        'application/vnd.oci.image.manifest.v1+json',
      );
      const layers = (sig.json as { layers: { annotations: Record<string, string> }[] }).layers;
      expect(layers).toHaveLength(1);
      const proof = JSON.parse(layers[0]?.annotations['dev.sigstore.cosign/bundle'] ?? 'null') as {
        SignedEntryTimestamp: string;
        Payload: { logIndex: number };
      };
      expect(proof.SignedEntryTimestamp).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(typeof proof.Payload.logIndex).toBe('number');
      // Checked under the fakes' trusted root: the proof is by a log the root trusts, for this signature.
      const verify = await runSlipway([
        'verify',
        ref,
        '--key',
        join(dir, 'k.pub'),
        '--trusted-root',
        services.trustedRootPath,
        '--json',
      ]);
      expect(verify.stderr).toBe('');
      expect(verify.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with a key, a Sigstore flag without --referrer is refused before anything is written', async () => {
    const run = await runSlipway([
      'sign',
      `${registry.host}/shop/keyed:v1`,
      '--key',
      'k.key',
      '--tsa-url',
      services.tsaUrl,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--tsa-url applies to the bundle referrer or the Rekor entry');
  });

  it('without a key and without OIDC: fails naming --key, and writes nothing', async () => {
    const pushed = await pushImage({ url: registry.url, repository: 'shop/none', tag: 'v1' });
    const run = await runSlipway(['sign', `${registry.host}/shop/none:v1`]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--key');
    expect(run.stderr).toContain('SIGSTORE_ID_TOKEN');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const tags = await getJson(`${registry.url}/v2/shop/none/tags/list`, 'application/json');
    expect(tags.json).toEqual({ name: 'shop/none', tags: ['v1'] });
    const fallback = await fetch(
      `${registry.url}/v2/shop/none/manifests/${pushed.digest.replace(':', '-')}`,
      {
        method: 'HEAD',
      },
    );
    expect(fallback.status).toBe(404);
  });
});
