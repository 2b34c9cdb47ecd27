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

const kustomization = (entries: string): string => `resources:\n  - ../../base\nimages:\n${entries}`;
const edit = (text: string, pin: 'tag' | 'digest' | 'tag+digest' = 'tag+digest'): string =>
  edited(editFile('overlays/dev/kustomization.yaml', text, [cart], pin, none)).text;

describe('Kustomize images entries render exactly the promoted image', () => {
  test('a tagSuffix beside newTag is removed (kustomize versions disagree on it)', () => {
    const before = kustomization(`  - name: ${CART}\n    newTag: "1.0"\n    tagSuffix: -alpine\n`);
    expect(edit(before)).toBe(kustomization(`  - name: ${CART}\n    newTag: "1.1.0"\n    digest: ${NEW}\n`));
  });

  test('a tagSuffix alone is replaced by the promoted tag', () => {
    const before = kustomization(`  - tagSuffix: -debug\n    name: ${CART}\n`);
    expect(edit(before, 'tag')).toBe(kustomization(`  - name: ${CART}\n    newTag: 1.1.0\n`));
  });

  test('a tagSuffix and a digest next to each other are removed together (flow entry)', () => {
    const before = kustomization(`  - {name: ${CART}, newTag: "1.0", digest: ${OLD}, tagSuffix: -x}\n`);
    expect(edit(before, 'tag')).toBe(kustomization(`  - {name: ${CART}, newTag: "1.1.0"}\n`));
  });

  test('a digest-only promotion removes the tagSuffix a digest would otherwise carry along', () => {
    const before = kustomization(
      `  - name: ${CART}\n    digest: ${OLD}\n    tagSuffix: -x\n  - name: other\n`,
    );
    expect(edit(before, 'digest')).toBe(
      kustomization(`  - name: ${CART}\n    digest: ${NEW}\n  - name: other\n`),
    );
  });

  test('an entry that only renames an image to the promoted one gets the tag and digest', () => {
    const before = kustomization(`  - name: nginx\n    newName: ${CART}\n`);
    expect(edit(before)).toBe(
      kustomization(`  - name: nginx\n    newName: ${CART}\n    newTag: 1.1.0\n    digest: ${NEW}\n`),
    );
  });
});

describe('shadowed sites', () => {
  test('a site an images entry overrides is reported with that entry and left as it is', () => {
    const text = `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${CART}:1.0\n`;
    const shadowed = new Map([[`base/deployment.yaml:7:${CART}`, 'overlays/dev/kustomization.yaml:6']]);
    const result = edited(
      editFile('base/deployment.yaml', text, [cart], 'tag+digest', { ...none, shadowed }),
    );
    expect(result.text).toBe(text);
    expect(result.changes).toEqual([]);
    expect(result.sites).toMatchObject([{ line: 7, shadowedBy: 'overlays/dev/kustomization.yaml:6' }]);
  });
});
