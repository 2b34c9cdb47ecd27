import type { CopyProgress } from '@slipway/oci';
import { copiedBytes, copyImage } from '@slipway/oci';
import { input } from '../definition/inputs.js';
import { defineStep } from '../definition/step.js';
import { ecrTagGuard } from '../images/ecr-tags.js';
import { mayBeEcrHost, openImage, pinnedName, resolveDigest } from '../images/open.js';

export interface CopyStepResult {
  readonly source: string;
  readonly destination: string;
  readonly pinned: string;
  readonly digest: string;
  readonly tags: readonly string[];
  readonly blobs: {
    readonly copied: number;
    readonly mounted: number;
    readonly present: number;
    readonly bytes: number;
  };
  readonly withSignatures: boolean;
}

export const copyStep = defineStep({
  name: 'copy',
  title: 'Slipway copy',
  description:
    'Copy an image by digest between repositories, registries and OCI layouts: every platform, bytes untouched (same digest), blobs mounted within a registry, tags written last.',
  branding: { icon: 'copy', color: 'blue' },
  positionals: ['source', 'destination'],
  inputs: {
    source: input.requiredString('Image to copy: registry reference (tag or digest) or oci:<dir>[:tag].'),
    destination: input.requiredString(
      'Where to: a repository with an optional tag (registry.example.com/prod/cart:1.4.2) or oci:<dir>[:tag]. Without a tag, the source tag is kept (by digest only when the source had none).',
    ),
    tag: input.list('More tags to set at the destination.'),
    'with-signatures': input.boolean(
      'Also copy cosign signatures (sha256-<hex>.sig) and OCI referrers.',
      false,
    ),
    concurrency: input.integer('Blobs transferred at once.', 4, { min: 1, max: 32 }),
    'insecure-registry': input.list('Registries to reach over plain HTTP (localhost always is).'),
  },
  outputs: {
    digest: { description: 'Digest of the copied manifest (the same at both ends).' },
    image: { description: 'The copy, pinned: repository@sha256:….' },
    tags: { description: 'Tags set at the destination, one per line.' },
    bytes: { description: 'Blob bytes that moved (mounted and present blobs move none).' },
  },
  prepare: (values) => values,
  run: async (params, context): Promise<CopyStepResult> => {
    const access = { insecureRegistries: params['insecure-registry'] };
    const from = await openImage(params.source, access, context);
    const to = await openImage(params.destination, access, context);
    const destinationTag =
      to.location.kind === 'registry'
        ? to.location.reference.tag
        : to.location.kind === 'layout'
          ? to.location.tag
          : undefined;
    const sourceTag = from.location.kind === 'registry' ? from.location.reference.tag : from.location.tag;
    const tags = [
      ...new Set([
        ...(destinationTag === undefined ? (sourceTag === undefined ? [] : [sourceTag]) : [destinationTag]),
        ...params.tag,
      ]),
    ];
    // An ECR repository that never moves tags refuses a conflicting tag before any blob moves; a tag that
    // already names this image is not written again. Other registries cost no extra request.
    const held =
      to.location.kind === 'registry' && mayBeEcrHost(to.location.reference.domain) && tags.length > 0
        ? await ecrTagGuard(context)(to.location, tags, await resolveDigest(from))
        : [];
    let last = 0;
    const label = `copy to ${to.text}`;
    const bytes = copiedBytes((done, total) => context.reporter.progress({ label, done, total }));
    const progress = (event: CopyProgress): void => {
      bytes(event);
      if (event.type === 'blob-bytes') return;
      const now = Date.now();
      if (event.type === 'plan' || event.type === 'manifest' || now - last > 1000) {
        last = now;
        context.reporter.info(describeProgress(event));
      }
    };
    const result = await copyImage({
      from: from.repository,
      reference: from.reference,
      to: to.repository,
      tags: tags.filter((tag) => !held.includes(tag)),
      withSignatures: params['with-signatures'],
      concurrency: params.concurrency,
      progress,
    });
    return {
      source: params.source,
      destination: params.destination,
      pinned: pinnedName(to, result.digest),
      digest: result.digest,
      tags,
      blobs: result.blobs,
      withSignatures: params['with-signatures'],
    };
  },
  outputValues: (r) => ({
    digest: r.digest,
    image: r.pinned,
    tags: r.tags.join('\n'),
    bytes: String(r.blobs.bytes),
  }),
  json: (r) => ({ digest: r.digest, image: r.pinned, tags: r.tags, blobs: r.blobs }),
  summary: (r) =>
    `## Slipway copy\n\n\`${r.source}\` → \`${r.pinned}\`${r.tags.length > 0 ? ` (tags: ${r.tags.map((t) => `\`${t}\``).join(', ')})` : ''}\n\n| Blobs copied | mounted | already there | bytes moved |\n| ---: | ---: | ---: | ---: |\n| ${r.blobs.copied} | ${r.blobs.mounted} | ${r.blobs.present} | ${r.blobs.bytes} |${r.withSignatures ? '\n\nSignatures and referrers copied too.' : ''}\n`,
  text: (r) =>
    `copied ${r.source} -> ${r.pinned}${r.tags.length > 0 ? ` (${r.tags.join(', ')})` : ''}\n  blobs: ${r.blobs.copied} copied, ${r.blobs.mounted} mounted, ${r.blobs.present} already there; ${r.blobs.bytes} bytes\n`,
});

function describeProgress(event: CopyProgress): string {
  switch (event.type) {
    case 'plan':
      return `Copying ${event.manifests} manifest(s), ${event.blobs} blob(s), ${event.bytes} bytes`;
    case 'blob-start':
      return `  blob ${event.digest.slice(7, 19)} (${event.size} bytes)`;
    case 'blob-done':
      return `  blob ${event.digest.slice(7, 19)} ${event.how}`;
    case 'manifest':
      return `  manifest ${event.digest.slice(7, 19)}${event.tags.length > 0 ? ` tagged ${event.tags.join(', ')}` : ''}`;
    default:
      return '';
  }
}
