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
 * A config repo whose `env/dev` holds a normal deployment of the image next to one hostile file:
 * `huge` (a manifest of `bytes`, 40 MB by default) or `bomb` (an alias bomb).
 */
export function hostileRepo(kind: 'huge' | 'bomb', bytes = 40 * 1024 * 1024): BareRepo {
  return createBareRepo({
    branches: {
      main: { 'README.md': 'config\n' },
      'env/dev': {
        'apps/cart/deployment.yaml': deployment,
        [`apps/cart/${kind}.yaml`]: kind === 'huge' ? hugeManifest(bytes) : aliasBomb(),
      },
    },
    defaultBranch: 'main',
  });
}
