import { type BareRepo, createBareRepo } from './bareRepo.js';

/** The image the hostile repos' files name. */
export const HOSTILE_IMAGE = 'registry.example.com/shop/cart';

const deployment = `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: ${HOSTILE_IMAGE}:1.0.0\n`;

/** `bytes` of manifest (many ConfigMaps), the last of which names the image: what drove promote out of memory. */
export function hugeManifest(bytes: number): string {
  const doc = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler\ndata:\n  a: "${'x'.repeat(200)}"\n`;
  return `${doc.repeat(Math.ceil(bytes / doc.length))}---\n${deployment}`;
}

/** Billion laughs (9^9 strings from a few hundred bytes), in a file that names the image. */
export function aliasBomb(): string {
  const names = 'abcdefghi'.split('');
  const lines = names.map((name, i) =>
    i === 0
      ? `${name}: &${name} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`
      : `${name}: &${name} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(',')}]`,
  );
  return `${lines.join('\n')}\nimage: ${HOSTILE_IMAGE}:1.0.0\n`;
}

/**
 * A values file just under the 1 MiB limit: one mapping of about 87,000 keys, then the image. Legal, and
 * quadratic for a duplicate-key check that compares each key with every earlier one.
 */
export function manyKeys(): string {
  const keys: string[] = [];
  for (let i = 0, size = 0; size < 1000 * 1024; i += 1) {
    const line = `k${i}: v\n`;
    keys.push(line);
    size += line.length;
  }
  return `${keys.join('')}image: ${HOSTILE_IMAGE}:1.0.0\n`;
}

export type HostileKind = 'huge' | 'bomb' | 'keys';

/**
 * A config repo whose `env/dev` holds a normal deployment of the image next to one hostile file:
 * `huge` (a manifest of `bytes`, 40 MB by default), `bomb` (an alias bomb) or `keys` (a legal file of many keys).
 */
export function hostileRepo(kind: HostileKind, bytes = 40 * 1024 * 1024): BareRepo {
  return createBareRepo({
    branches: {
      main: { 'README.md': 'config\n' },
      'env/dev': {
        'apps/cart/deployment.yaml': deployment,
        [`apps/cart/${kind}.yaml`]:
          kind === 'huge' ? hugeManifest(bytes) : kind === 'bomb' ? aliasBomb() : manyKeys(),
      },
    },
    defaultBranch: 'main',
  });
}
