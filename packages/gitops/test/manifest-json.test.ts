import { describe, expect, test } from 'vitest';
import { editFile, type FileEdit, type ScanContext } from '../src/manifest/index.js';

const CART = 'ghcr.io/shop/cart';
const NEW = `sha256:${'1'.repeat(64)}`;
const OLD = `sha256:${'c'.repeat(64)}`;
const none: ScanContext = { valuesPaths: [], markerImages: new Map() };
const cart = { repository: CART, tag: '1.1.0', digest: NEW };

function edited(result: FileEdit): Extract<FileEdit, { kind: 'edited' }> {
  if (result.kind !== 'edited') throw new Error(`expected an edit, got: ${result.reason}`);
  return result;
}

/** Edits a JSON file and checks the result is still JSON. */
function editJson(file: string, text: string, pin: 'tag' | 'digest' | 'tag+digest' = 'tag+digest'): string {
  const result = edited(editFile(file, text, [cart], pin, none));
  expect(result.changes.length).toBeGreaterThan(0);
  expect(() => JSON.parse(result.text)).not.toThrow();
  return result.text;
}

const kustomization = (images: string): string =>
  `{\n  "apiVersion": "kustomize.config.k8s.io/v1beta1",\n  "kind": "Kustomization",\n  "resources": ["deployment.json"],\n  "images": [\n${images}\n  ]\n}\n`;

describe('JSON manifests and kustomizations', () => {
  test('a container image in a JSON manifest is rewritten in place', () => {
    const pod = (image: string): string =>
      `{\n    "kind": "Pod",\n    "spec": {\n        "containers": [\n            {"name": "cart", "image": "${image}"}\n        ]\n    }\n}\n`;
    expect(editJson('apps/cart/pod.json', pod(`${CART}:1.0`))).toBe(pod(`${CART}:1.1.0@${NEW}`));
  });

  test('a missing digest is inserted as a JSON member, in the entry own line layout', () => {
    const before = kustomization(`    {\n      "name": "${CART}",\n      "newTag": "1.0"\n    }`);
    expect(editJson('apps/cart/kustomization.yaml', before)).toBe(
      kustomization(
        `    {\n      "name": "${CART}",\n      "newTag": "1.1.0",\n      "digest": "${NEW}"\n    }`,
      ),
    );
  });

  test('both keys are inserted after a lone name, keeping compact spacing', () => {
    const before = kustomization(`    {"name":"${CART}"}`);
    expect(editJson('apps/cart/Kustomization', before)).toBe(
      kustomization(`    {"name":"${CART}", "newTag":"1.1.0", "digest":"${NEW}"}`),
    );
  });

  test('a lone name on its own line gets the new keys on lines of their own', () => {
    const before = kustomization(`    {\n      "name": "${CART}"\n    }`);
    expect(editJson('apps/cart/kustomization.yml', before, 'digest')).toBe(
      kustomization(`    {\n      "name": "${CART}",\n      "digest": "${NEW}"\n    }`),
    );
  });

  test('a digest removed from the end leaves no trailing comma', () => {
    const before = kustomization(`    {"name": "${CART}", "newTag": "1.0", "digest": "${OLD}"}`);
    expect(editJson('apps/cart/kustomization.yaml', before, 'tag')).toBe(
      kustomization(`    {"name": "${CART}", "newTag": "1.1.0"}`),
    );
  });

  test('a newTag removed from the front of a multi-line entry leaves valid JSON', () => {
    const before = kustomization(
      `    {\n      "newTag": "1.0",\n      "name": "${CART}",\n      "digest": "${OLD}"\n    }`,
    );
    expect(editJson('apps/cart/kustomization.yaml', before, 'digest')).toBe(
      kustomization(`    {\n      "name": "${CART}",\n      "digest": "${NEW}"\n    }`),
    );
  });

  test('a number where the tag goes is rewritten as a JSON string', () => {
    const before = kustomization(`    {"name": "${CART}", "newTag": 1.0}`);
    expect(editJson('apps/cart/kustomization.json', before, 'tag')).toBe(
      kustomization(`    {"name": "${CART}", "newTag": "1.1.0"}`),
    );
  });

  test('a Flux Kustomization in JSON gets its spec.images entry edited', () => {
    const flux = (entry: string): string =>
      `{"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization", "metadata": {"name": "cart"},\n "spec": {"path": "./apps/cart", "images": [${entry}]}}\n`;
    expect(editJson('clusters/dev/cart.json', flux(`{"name": "${CART}", "newTag": "1.0"}`))).toBe(
      flux(`{"name": "${CART}", "newTag": "1.1.0", "digest": "${NEW}"}`),
    );
  });
});
