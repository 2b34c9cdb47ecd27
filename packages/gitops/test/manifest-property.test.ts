// Property tests: random documents holding image sites among decoys, in random styles. The edit must be
// exactly "the original text with the targeted scalars replaced" (every other byte identical), and
// editing twice must equal editing once.
import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type DesiredImage, editFile, ManifestError, type Pin, scanFile } from '../src/manifest/index.js';

type Style = 'plain' | 'single' | 'double';
type Target = 'cart' | 'nginx';

interface Slot {
  role: 'full' | 'tag' | 'digest' | 'tag-with-digest';
  target: Target;
  style: Style;
  spelled: string;
  old: string;
}
type Segment = string | Slot;

const REPOSITORY: Record<Target, string> = { cart: 'ghcr.io/shop/cart', nginx: 'docker.io/library/nginx' };
const SPELLINGS: Record<Target, string[]> = {
  cart: ['ghcr.io/shop/cart'],
  nginx: ['nginx', 'docker.io/library/nginx', 'library/nginx', 'index.docker.io/library/nginx'],
};

function plainReadsAs(value: string): boolean {
  if (value === '') return false;
  try {
    for (const version of ['1.1', '1.2'] as const) {
      if ((parse(`k: ${value}\n`, { version }) as { k?: unknown })?.k !== value) return false;
      if ((parse(`[${value}]\n`, { version }) as unknown[])[0] !== value) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function quote(value: string, style: Style): string {
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single') return `'${value.replaceAll("'", "''")}'`;
  return plainReadsAs(value) ? value : JSON.stringify(value);
}

/** Old values are written as a person might: plain `1.10` stays plain (it is a number to YAML). */
function writeOld(value: string, style: Style): string {
  if (style === 'plain' && value !== '' && /^[\w][\w.:/@-]*$/.test(value)) return value;
  return quote(value, style === 'plain' ? 'double' : style);
}

const tag = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,15}$/),
  fc.constantFrom('1.10', '010', 'true', '1.0', 'v1.2.3', 'latest', '1e3', 'null', '0x1F', 'yes'),
);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);
const style = fc.constantFrom<Style>('plain', 'single', 'double');
const target = fc.constantFrom<Target>('cart', 'nginx');
const comment = fc.option(
  fc.stringMatching(/^[ -~]{0,20}$/).filter((text) => !text.includes('$imagepolicy')),
  {
    nil: undefined,
  },
);
const decoyText = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9 ]{0,10}[a-z0-9]$/).map((text) => ({ text, style: 'plain' as Style })),
  fc
    .tuple(fc.stringMatching(/^[ -~]{0,12}$/), fc.constantFrom<Style>('single', 'double'))
    .map(([text, s]) => ({
      text,
      style: s,
    })),
);
const oldRef = fc
  .record({ tag: fc.option(tag, { nil: undefined }), digest: fc.option(digest, { nil: undefined }) })
  .filter((ref) => ref.tag !== undefined || ref.digest !== undefined);

const block = fc.oneof(
  fc.record({
    type: fc.constant('helm' as const),
    target,
    registry: fc.boolean(),
    tag,
    digest: fc.option(digest, { nil: undefined }),
    tagStyle: style,
    digestStyle: style,
    comment,
  }),
  fc.record({
    type: fc.constant('container' as const),
    target,
    ref: oldRef,
    style,
    comment,
    spelling: fc.nat(),
  }),
  fc.record({ type: fc.constant('flow' as const), target, ref: oldRef, style, spelling: fc.nat() }),
  fc.record({
    type: fc.constant('image-key' as const),
    target,
    ref: oldRef,
    style,
    comment,
    spelling: fc.nat(),
  }),
  fc.record({ type: fc.constant('env-decoy' as const), target, ref: oldRef, style }),
  fc.record({ type: fc.constant('legacy-decoy' as const), ref: oldRef, style }),
  fc.record({ type: fc.constant('comment' as const), target, ref: oldRef }),
  fc.record({ type: fc.constant('scalar' as const), value: decoyText }),
  fc.constant({ type: 'blank' as const }),
);
type Block = typeof block extends fc.Arbitrary<infer T> ? T : never;

const documentShape = fc.record({
  docs: fc.array(fc.array(block, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
  unit: fc.constantFrom('  ', '    '),
  indentSequences: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
  startMarker: fc.boolean(),
});

type DocumentShape = typeof documentShape extends fc.Arbitrary<infer T> ? T : never;

function formatRef(spelled: string, ref: { tag?: string | undefined; digest?: string | undefined }): string {
  return `${spelled}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

function trailing(text: string | undefined): string {
  return text === undefined ? '' : ` #${text}`;
}

/** Renders blocks to segments: text and image slots. `pin` forces Helm digest keys when pinning by digest. */
function render(shape: DocumentShape, pin: Pin): Segment[] {
  const { unit: u } = shape;
  const out: Segment[] = [];
  const line = (...parts: Segment[]): void => {
    out.push(...parts, '\n');
  };
  if (shape.startMarker) line('---');
  shape.docs.forEach((blocks, docIndex) => {
    if (docIndex > 0) line('---');
    blocks.forEach((b: Block, i) => {
      const key = `k${i}`;
      const seq = shape.indentSequences ? u : '';
      switch (b.type) {
        case 'helm': {
          const withDigest = b.digest !== undefined || pin === 'digest';
          const spelled = b.target === 'cart' ? 'shop/cart' : 'nginx';
          line(`${key}:`);
          line(`${u}image:`);
          if (b.registry) line(`${u}${u}registry: ${b.target === 'cart' ? 'ghcr.io' : 'docker.io'}`);
          else if (b.target === 'cart') {
            line(`${u}${u}repository: ghcr.io/shop/cart`);
          }
          if (b.registry || b.target === 'nginx') line(`${u}${u}repository: ${spelled}`);
          const role = withDigest ? 'tag-with-digest' : 'tag';
          line(
            `${u}${u}tag: `,
            { role, target: b.target, style: b.tagStyle, spelled: '', old: b.tag },
            trailing(b.comment),
          );
          if (withDigest) {
            const old = b.digest ?? 'sha256:0000000000000000000000000000000000000000000000000000000000000000';
            line(`${u}${u}digest: `, {
              role: 'digest',
              target: b.target,
              style: b.digestStyle,
              spelled: '',
              old,
            });
          }
          line(`${u}${u}pullPolicy: IfNotPresent`);
          break;
        }
        case 'container': {
          const spelled = SPELLINGS[b.target][b.spelling % SPELLINGS[b.target].length] ?? '';
          line(`${key}:`);
          line(`${u}containers:`);
          line(`${u}${seq}- name: c${i}`);
          const slot: Slot = {
            role: 'full',
            target: b.target,
            style: b.style,
            spelled,
            old: formatRef(spelled, b.ref),
          };
          line(`${u}${seq}  image: `, slot, trailing(b.comment));
          break;
        }
        case 'flow': {
          const spelled = SPELLINGS[b.target][b.spelling % SPELLINGS[b.target].length] ?? '';
          const slot: Slot = {
            role: 'full',
            target: b.target,
            style: b.style,
            spelled,
            old: formatRef(spelled, b.ref),
          };
          line(`${key}: {name: x, image: `, slot, ', pullPolicy: Always}');
          break;
        }
        case 'image-key': {
          const spelled = SPELLINGS[b.target][b.spelling % SPELLINGS[b.target].length] ?? '';
          const slot: Slot = {
            role: 'full',
            target: b.target,
            style: b.style,
            spelled,
            old: formatRef(spelled, b.ref),
          };
          line(`${key}:`);
          line(`${u}image: `, slot, trailing(b.comment));
          break;
        }
        case 'env-decoy':
          line(`${key}:`);
          line(`${u}env:`);
          line(`${u}${seq}- name: IMAGE`);
          line(`${u}${seq}  value: ${writeOld(formatRef(REPOSITORY[b.target], b.ref), b.style)}`);
          break;
        case 'legacy-decoy':
          line(`${key}:`);
          line(`${u}image: ${writeOld(formatRef('ghcr.io/shop/cart-legacy', b.ref), b.style)}`);
          break;
        case 'comment':
          line(`# image: ${formatRef(REPOSITORY[b.target], b.ref)}`);
          break;
        case 'scalar':
          line(`${key}: ${b.value.style === 'plain' ? b.value.text : quote(b.value.text, b.value.style)}`);
          break;
        case 'blank':
          line('');
          break;
      }
    });
  });
  return out;
}

function wanted(pin: Pin, image: DesiredImage): { tag?: string; digest?: string } {
  if (pin === 'tag') return { tag: image.tag };
  if (pin === 'digest') return { digest: image.digest };
  return { tag: image.tag, digest: image.digest };
}

/** What the slot must hold after the edit (an independent statement of the editing rules). */
function expectedValue(slot: Slot, pin: Pin, image: DesiredImage): string {
  const want = wanted(pin, image);
  switch (slot.role) {
    case 'full':
      return formatRef(slot.spelled, want);
    case 'tag-with-digest':
      return image.tag ?? '';
    case 'tag':
      return formatRef('', want).slice(1);
    case 'digest':
      return want.digest ?? '';
  }
}

function join(segments: Segment[], shape: DocumentShape, value: (slot: Slot) => string): string {
  let text = segments.map((segment) => (typeof segment === 'string' ? segment : value(segment))).join('');
  if (!shape.finalNewline) text = text.replace(/\n$/, '');
  if (shape.crlf) text = text.replaceAll('\n', '\r\n');
  return `${shape.bom ? '\uFEFF' : ''}${text}`;
}

const desired = fc.record({
  cartTag: tag,
  cartDigest: digest,
  nginxTag: tag,
  nginxDigest: digest,
  pin: fc.constantFrom<Pin>('tag', 'digest', 'tag+digest'),
});

describe('random documents', () => {
  test('an edit replaces exactly the targeted scalars, and editing again changes nothing', () => {
    fc.assert(
      fc.property(documentShape, desired, (shape, want) => {
        const images: Record<Target, DesiredImage> = {
          cart: { repository: REPOSITORY.cart, tag: want.cartTag, digest: want.cartDigest },
          nginx: { repository: REPOSITORY.nginx, tag: want.nginxTag, digest: want.nginxDigest },
        };
        const segments = render(shape, want.pin);
        const input = join(segments, shape, (slot) => writeOld(slot.old, slot.style));
        const expected = join(segments, shape, (slot) => {
          const value = expectedValue(slot, want.pin, images[slot.target]);
          // A value already there as a string stays as written; plain `1.10` (a number) is rewritten quoted.
          const oldIsString = slot.style !== 'plain' || plainReadsAs(slot.old);
          return value === slot.old && oldIsString
            ? writeOld(slot.old, slot.style)
            : quote(value, slot.style);
        });
        const context = { valuesPaths: [], markerImages: new Map<string, string>() };
        const slots = segments.filter((segment): segment is Slot => typeof segment !== 'string');

        const scan = scanFile('values.yaml', input, new Set(Object.values(REPOSITORY)), context);
        expect(scan.kind).toBe('scanned');
        // Helm tag and digest slots are one site.
        const siteCount = slots.filter((slot) => slot.role !== 'digest').length;
        expect(scan.kind === 'scanned' && scan.sites.length).toBe(siteCount);

        const result = editFile('values.yaml', input, Object.values(images), want.pin, context);
        if (result.kind !== 'edited') throw new Error(result.reason);
        expect(result.text).toBe(expected);
        if (expected === input) expect(result.changes).toEqual([]);

        const again = editFile('values.yaml', result.text, Object.values(images), want.pin, context);
        if (again.kind !== 'edited') throw new Error(again.reason);
        expect(again.text).toBe(result.text);
        expect(again.changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

const entryShape = fc.record({
  target: fc.constantFrom<Target | 'legacy'>('cart', 'nginx', 'legacy'),
  order: fc.constantFrom<number[]>([0, 1, 2], [1, 0, 2], [2, 1, 0], [0, 2, 1], [1, 2, 0], [2, 0, 1]),
  newTag: fc.option(tag, { nil: undefined }),
  digest: fc.option(digest, { nil: undefined }),
  flow: fc.boolean(),
  comment,
});

describe('random Kustomizations', () => {
  test('entries end up with exactly the wanted newTag and digest; everything else is untouched', () => {
    fc.assert(
      fc.property(
        fc.array(entryShape, { minLength: 1, maxLength: 5 }),
        desired,
        fc.boolean(),
        fc.boolean(),
        (entries, want, crlf, finalNewline) => {
          const images: Record<Target, DesiredImage> = {
            cart: { repository: REPOSITORY.cart, tag: want.cartTag, digest: want.cartDigest },
            nginx: { repository: REPOSITORY.nginx, tag: want.nginxTag, digest: want.nginxDigest },
          };
          const lines = [
            '# overlay',
            'apiVersion: kustomize.config.k8s.io/v1beta1',
            'kind: Kustomization',
            'images:',
          ];
          for (const entry of entries) {
            const name = entry.target === 'legacy' ? 'ghcr.io/shop/cart-legacy' : REPOSITORY[entry.target];
            const pairs: string[] = [];
            for (const index of entry.order) {
              if (index === 0) pairs.push(`name: ${name}`);
              if (index === 1 && entry.newTag !== undefined)
                pairs.push(`newTag: ${JSON.stringify(entry.newTag)}`);
              if (index === 2 && entry.digest !== undefined) pairs.push(`digest: ${entry.digest}`);
            }
            if (entry.flow) lines.push(`  - {${pairs.join(', ')}}${trailing(entry.comment)}`);
            else {
              // Comments go on the name line, which is never removed (a removed key takes its comment along).
              pairs.forEach((pair, i) => {
                const note = pair.startsWith('name:') ? trailing(entry.comment) : '';
                lines.push(`${i === 0 ? '  - ' : '    '}${pair}${note}`);
              });
            }
          }
          lines.push('resources:', '  - deployment.yaml');
          let input = lines.join(crlf ? '\r\n' : '\n');
          if (finalNewline) input += crlf ? '\r\n' : '\n';

          const context = { valuesPaths: [], markerImages: new Map<string, string>() };
          const result = editFile('kustomization.yaml', input, Object.values(images), want.pin, context);
          if (result.kind !== 'edited') throw new Error(result.reason);
          const before = parse(input) as { images: Record<string, string>[] };
          const after = parse(result.text) as { images: Record<string, string>[] };
          const expected = before.images.map((entry) => {
            const image = Object.values(images).find((i) => i.repository === entry.name);
            if (image === undefined) return entry;
            const { newTag: _tag, digest: _digest, ...rest } = entry;
            const w = wanted(want.pin, image);
            return {
              ...rest,
              ...(w.tag === undefined ? {} : { newTag: w.tag }),
              ...(w.digest === undefined ? {} : { digest: w.digest }),
            };
          });
          expect(after).toEqual({ ...before, images: expected });
          // Line endings, comments and the final newline survive.
          expect(result.text.endsWith('\n')).toBe(finalNewline);
          if (crlf) expect(result.text.replaceAll('\r\n', '').includes('\n')).toBe(false);
          expect(result.text.split('#').length).toBe(input.split('#').length);
          expect(result.text.startsWith(lines.slice(0, 4).join(crlf ? '\r\n' : '\n'))).toBe(true);

          const again = editFile('kustomization.yaml', result.text, Object.values(images), want.pin, context);
          if (again.kind !== 'edited') throw new Error(again.reason);
          expect(again.text).toBe(result.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Robustness: random trees of the keys image references live under (Helm, Kustomize, containers, custom
// resources), with Flux markers of every form, anchors and aliases, block and flow (JSON-like) styles. Whatever
// the file holds, an edit either succeeds or is a ManifestError naming the file: never an internal `bug:`.
describe('any mix of markers, aliases and styles', () => {
  const KEYS = [
    'image',
    'repository',
    'tag',
    'digest',
    'registry',
    'name',
    'newName',
    'newTag',
    'containers',
    'initContainers',
    'images',
    'version',
    'spec',
    'values',
    'labels',
    'app',
  ];
  const hex = fc.constantFrom('a', 'b', 'c').map((c) => c.repeat(64));
  const refValue = fc.oneof(
    fc.constantFrom(
      'ghcr.io/shop/cart',
      'nginx',
      'docker.io/library/nginx',
      'ghcr.io/shop/cart-legacy',
      'cart',
    ),
    fc
      .tuple(
        fc.constantFrom('ghcr.io/shop/cart', 'nginx', 'ghcr.io/other/app'),
        fc.option(fc.constantFrom('1.0', 'v2', 'latest', '1.10'), { nil: undefined }),
        fc.option(hex, { nil: undefined }),
      )
      .map(
        ([name, t, d]) => `${name}${t === undefined ? '' : `:${t}`}${d === undefined ? '' : `@sha256:${d}`}`,
      ),
    fc.constantFrom('1.0', '1.10', 'v2', '', 'null', 'true', `sha256:${'d'.repeat(64)}`, 'x y'),
  );
  const marker = fc.option(
    fc
      .tuple(
        fc.constantFrom('flux-system:cart', 'flux-system:nginx', 'other:thing', 'bad', 'a:b:c:d'),
        fc.constantFrom('', ':tag', ':name', ':digest', ':version'),
      )
      .map(([policy, field]) => ` # {"$imagepolicy": "${policy}${field}"}`),
    { nil: '' },
  );
  const quoting = fc.constantFrom<Style>('plain', 'single', 'double');

  type Tree =
    | { type: 'scalar'; value: string; style: Style; marker: string; anchor: boolean }
    | { type: 'alias' }
    | { type: 'map'; entries: [string, Tree][]; flow: boolean }
    | { type: 'seq'; items: Tree[]; flow: boolean };
  const { tree } = fc.letrec<{ tree: Tree }>((self) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({
        type: fc.constant('scalar' as const),
        value: refValue,
        style: quoting,
        marker,
        anchor: fc.boolean(),
      }),
      fc.constant({ type: 'alias' as const }),
      fc.record({
        type: fc.constant('map' as const),
        entries: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), self('tree')), {
          minLength: 1,
          maxLength: 5,
          selector: ([key]) => key,
        }),
        flow: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('seq' as const),
        items: fc.array(self('tree'), { minLength: 1, maxLength: 3 }),
        flow: fc.boolean(),
      }),
    ),
  }));

  /** Renders a tree as YAML; flow collections hold no comments, so markers are dropped inside them. */
  function render(root: Tree): string {
    let anchors = 0;
    const scalar = (node: Extract<Tree, { type: 'scalar' }>, inFlow: boolean): string => {
      const anchor = node.anchor ? `&a${++anchors} ` : '';
      const text =
        node.style === 'double'
          ? JSON.stringify(node.value)
          : node.style === 'single' || node.value === '' || /[\s:#]/.test(node.value)
            ? `'${node.value}'`
            : node.value;
      return `${anchor}${text}${inFlow ? '' : node.marker}`;
    };
    const flow = (node: Tree): string => {
      if (node.type === 'scalar') return scalar(node, true);
      if (node.type === 'alias') return anchors > 0 ? `*a${anchors}` : 'none';
      if (node.type === 'map') return `{${node.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
      return `[${node.items.map(flow).join(', ')}]`;
    };
    const block = (node: Tree, indent: string): string[] => {
      if (node.type === 'map' && !node.flow) {
        return node.entries.flatMap(([key, value]) => {
          if ((value.type === 'map' || value.type === 'seq') && !value.flow)
            return [`${indent}${key}:`, ...block(value, `${indent}  `)];
          return [`${indent}${key}: ${value.type === 'scalar' ? scalar(value, false) : flow(value)}`];
        });
      }
      if (node.type === 'seq' && !node.flow) {
        return node.items.flatMap((item) => {
          if ((item.type === 'map' || item.type === 'seq') && !item.flow) {
            const [first = '', ...rest] = block(item, `${indent}  `);
            return [`${indent}- ${first.trimStart()}`, ...rest];
          }
          return [`${indent}- ${item.type === 'scalar' ? scalar(item, false) : flow(item)}`];
        });
      }
      return [`${indent}${node.type === 'scalar' ? scalar(node, false) : flow(node)}`];
    };
    return `${block(root, '').join('\n')}\n`;
  }

  test('editFile succeeds or refuses with a ManifestError, never a bug', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('values.yaml', 'kustomization.yaml', 'Kustomization', 'app.yml', 'app.json'),
        fc.constantFrom<Pin>('digest', 'tag', 'tag+digest'),
        fc.boolean(),
        fc.boolean(),
        (docs, file, pin, knownPolicy, placeholders) => {
          const text = docs.map(render).join('---\n');
          const context = {
            valuesPaths: [],
            markerImages: new Map(knownPolicy ? [['flux-system:cart', 'ghcr.io/shop/cart']] : []),
            ...(placeholders
              ? { placeholders: new Set(['ghcr.io/shop/cart', 'docker.io/library/nginx']) }
              : {}),
          };
          const images: DesiredImage[] = [
            { repository: 'ghcr.io/shop/cart', tag: '1.4.2', digest: `sha256:${'e'.repeat(64)}` },
            { repository: 'docker.io/library/nginx', tag: '1.27', digest: `sha256:${'f'.repeat(64)}` },
          ];
          for (const wanted of [images, images.slice(0, 1)]) {
            try {
              editFile(file, text, wanted, pin, context);
            } catch (error) {
              if (!(error instanceof ManifestError) || error.message.includes('bug:')) {
                throw new Error(`${file} (${pin}):\n${text}\n-> ${String(error)}`);
              }
              expect(error.where).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+$`));
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
