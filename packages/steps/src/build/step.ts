import type { BuildResult } from '@slipway/build';
import { SlipwayError } from '@slipway/errors';
import { parseLocation } from '@slipway/oci';
import type { SignedProvenance } from '@slipway/sign';
import { type InputValues, input } from '../definition/inputs.js';
import { defineStep, type StepContext } from '../definition/step.js';
import { ecrTagGuard } from '../images/ecr-tags.js';
import { baseOptions, registryOptions } from '../images/open.js';
import { checkSigstoreInputs, sigstoreInputs } from '../sign/bundle-signer.js';
import { KEY_PASSWORD_VARIABLES } from '../sign/password.js';
import { IDENTITY_TOKEN_VARIABLES, SLSA_PROVENANCE_V1 } from '../sign/sigstore.js';
import { attachProvenance, planProvenance, provenanceRun } from './provenance.js';

export interface BuildStepResult extends BuildResult {
  /** The signed SLSA provenance and its referrers, with `provenance`. */
  readonly provenance?: SignedProvenance | undefined;
}

const buildInputs = {
  repository: input.list(
    'Where to push: registry repositories (ECR and others) or oci:<dir>. The first is where build-once looks for an earlier build.',
    { required: true },
  ),
  context: input.stringWithDefault('Build context directory.', '.'),
  file: input.string('Dockerfile (default: <context>/Dockerfile).'),
  builder: input.oneOf(
    'Builder: buildx when a docker engine answers, else buildah; or files.',
    ['auto', 'buildx', 'buildah', 'files'] as const,
    'auto',
  ),
  tags: input.list(
    "Tag rules, one per line: type=sha, type=ref,event=branch, type=ref,event=pr, type=semver,pattern={{version}}, type=edge, type=schedule,pattern={{date 'YYYYMMDD'}}, type=match,pattern=<regex>,group=<n>, type=raw,value=…, with prefix=/suffix= (default: sha, branch, pr and semver).",
  ),
  flavor: input.list('latest=auto|true|false, prefix=…, suffix=….'),
  label: input.list('Extra OCI labels key=value.'),
  'build-arg': input.list('Build arguments key=value.'),
  secret: input.list('Build secrets id=NAME,src=FILE or id=NAME,env=VAR (never passed on a command line).'),
  platforms: input.list('Target platforms, e.g. linux/amd64 and linux/arm64.'),
  target: input.string('Dockerfile stage to build.'),
  reuse: input.boolean(
    'Skip the build when an image of the same source (git tree, Dockerfile, args, platforms) exists; only add the tags.',
    true,
  ),
  base: input.stringWithDefault(
    'files builder: base image (scratch, oci:<dir>[:tag] or a registry reference).',
    'scratch',
  ),
  entrypoint: input.string('files builder: entrypoint, as a JSON array or words.'),
  cmd: input.string('files builder: command, as a JSON array or words.'),
  'image-env': input.list('files builder: environment KEY=value.'),
  workdir: input.string('files builder: working directory.'),
  user: input.string('files builder: user.'),
  expose: input.list('files builder: exposed ports (8080, 53/udp).'),
  'cache-from': input.list('buildx cache sources (type=registry,ref=…).'),
  'cache-to': input.list('buildx cache exports (type=registry,ref=…,mode=max).'),
  'ensure-repository': input.boolean('ECR: create the repository when missing.', false),
  'scan-on-push': input.boolean('ECR: scan on push, for a repository created here.', true),
  'tag-mutability': input.oneOf(
    'ECR: tag mutability, for a repository created here.',
    ['MUTABLE', 'IMMUTABLE'] as const,
    'MUTABLE',
  ),
  'kms-key': input.string('ECR: KMS key for a repository created here (default: AES256).'),
  provenance: input.boolean(
    'After the push, attach signed SLSA v1 build provenance of the GitHub Actions run to the image, as a Sigstore bundle referrer in each repository (as actions/attest-build-provenance with push-to-registry). Keyless by default (needs id-token: write). A signing failure fails the step after the push: the image stays pushed, without provenance.',
    false,
  ),
  'provenance-key': input.string(
    'Sign the provenance with this key instead of keyless: a cosign.key path, env://NAME or awskms:///alias/name (password from SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD).',
  ),
  ...sigstoreInputs,
  'insecure-registry': input.list('Registries to reach over plain HTTP (localhost always is).'),
};

export const buildStep = defineStep({
  name: 'build',
  title: 'Slipway build',
  description:
    'Build an image (docker buildx, daemonless buildah, or a deterministic files builder), push it to one or more repositories (ECR and others), and skip the build when the same source was built before.',
  branding: { icon: 'package', color: 'blue' },
  secretEnv: [...KEY_PASSWORD_VARIABLES, ...IDENTITY_TOKEN_VARIABLES],
  secretEnvReferences: ['provenance-key'],
  inputs: buildInputs,
  outputs: {
    digest: { description: 'Manifest digest of the image.' },
    image: { description: 'The image in the first repository, pinned: repository@sha256:….' },
    'image-ref': {
      description:
        'What to promote: the first repository with the commit tag (type=sha) and the digest, repository:sha-<commit>@sha256:…; repository@sha256:… when the tag rules make no commit tag.',
    },
    tags: { description: 'Tags pushed, one per line.' },
    references: { description: 'Every repository:tag@digest pushed, one per line.' },
    labels: { description: 'OCI labels, as JSON.' },
    annotations: {
      description:
        'The org.opencontainers.image.* labels as OCI manifest annotations, one manifest:key=value per line (as docker/metadata-action gives them to docker buildx build --annotation). The files and buildah builders write them into the manifest.',
    },
    reused: { description: 'true when the build was skipped because the same source was built before.' },
    'provenance-digest': {
      description:
        'With provenance: the digest of the provenance bundle referrer manifest, one line per repository; empty without.',
    },
  },
  prepare: (values, context) => {
    const checked = checkSigstoreInputs(
      values,
      {
        key: values['provenance-key'],
        keyFlag: '--provenance-key',
        signsBundle: values.provenance,
        bundleNotSigned: 'the provenance, which build signs only with --provenance',
        signsBundleFix: 'add --provenance',
      },
      context.env,
    );
    if (!values.provenance && values['provenance-key'] !== undefined) {
      throw new SlipwayError(
        '--provenance-key signs the provenance, which build writes only with --provenance',
        {
          where: '--provenance-key',
          fix: 'add --provenance, or drop --provenance-key',
        },
      );
    }
    // Refused before anything is built or pushed.
    if (values.provenance) provenanceRun(context.ci);
    return prepared(checked);
  },
  run: async (params, context): Promise<BuildStepResult> => {
    const plan = params.provenance ? await planProvenance(params, context) : undefined;
    const result = await buildImage(params, context);
    if (plan === undefined) return result;
    return { ...result, provenance: await attachProvenance(plan, params, result.digest, context) };
  },
  outputValues: (r) => ({
    digest: r.digest,
    image: r.image,
    'image-ref': r.imageRef,
    tags: r.tags.join('\n'),
    references: r.references.join('\n'),
    labels: JSON.stringify(r.labels),
    // `manifest:key=value`, as `docker buildx build --annotation` and docker/build-push-action take them.
    annotations: Object.entries(r.annotations)
      .map(([key, value]) => `manifest:${key}=${value}`)
      .join('\n'),
    reused: String(r.reused),
    'provenance-digest': (r.provenance?.referrers ?? []).map((p) => p.manifestDigest).join('\n'),
  }),
  json: (r) => ({
    digest: r.digest,
    image: r.image,
    imageRef: r.imageRef,
    tags: r.tags,
    references: r.references,
    labels: r.labels,
    annotations: r.annotations,
    reused: r.reused,
    builder: r.builder,
    ...(r.provenance === undefined
      ? {}
      : {
          provenance: {
            predicateType: SLSA_PROVENANCE_V1,
            referrers: r.provenance.referrers.map((p) => ({
              repository: p.repository,
              manifestDigest: p.manifestDigest,
              fallbackTag: p.fallbackTag,
            })),
            certificateIdentity: r.provenance.identity?.subject,
            certificateOidcIssuer: r.provenance.identity?.issuer,
            keyFingerprint: r.provenance.keyFingerprint,
            tlogEntries: r.provenance.tlogEntries,
            timestamps: r.provenance.timestamps,
          },
        }),
  }),
  summary: (r) =>
    `## Slipway build\n\n\`${r.image}\` ${r.reused ? '(**reused**: the same source was built before; only tags added)' : `(built with ${r.builder})`}\n\nTo promote: \`${r.imageRef}\`\n\n| Pushed |\n| --- |\n${r.references.map((ref) => `| \`${ref}\` |`).join('\n')}\n\n<details><summary>Labels</summary>\n\n| Label | Value |\n| --- | --- |\n${Object.entries(
      r.labels,
    )
      .map(([k, v]) => `| \`${k}\` | \`${v}\` |`)
      .join('\n')}\n\n</details>\n${provenanceSummary(r.provenance)}`,
  text: (r) =>
    `${r.reused ? 'reused' : 'built'} ${r.image}\n${r.references.map((ref) => `  ${ref}`).join('\n')}\n${provenanceText(r.provenance)}`,
});

/** Who signed the provenance, as a verifier names it. */
function provenanceSigner(provenance: SignedProvenance): string {
  const who = provenance.identity;
  return who === undefined ? `key ${provenance.keyFingerprint ?? ''}` : `${who.subject} (${who.issuer})`;
}

function provenanceSummary(provenance: SignedProvenance | undefined): string {
  if (provenance === undefined) return '';
  const rows = provenance.referrers.map((p) => `| \`${p.repository}@${p.manifestDigest}\` |`).join('\n');
  return `\n### Build provenance (SLSA v1)\n\nSigned by \`${provenanceSigner(provenance)}\`, stored as a Sigstore bundle referrer:\n\n| Referrer |\n| --- |\n${rows}\n`;
}

function provenanceText(provenance: SignedProvenance | undefined): string {
  if (provenance === undefined) return '';
  const lines = provenance.referrers.map((p) => `  provenance ${p.repository}@${p.manifestDigest}`);
  return `${lines.join('\n')}\n  signed by  ${provenanceSigner(provenance)}\n`;
}

function pairs(values: readonly string[], flag: string): Record<string, string> {
  return Object.fromEntries(
    values.map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0)
        throw new SlipwayError(`${flag} "${pair}" is not key=value`, {
          fix: `write it like ${flag} KEY=value`,
        });
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

function parseSecret(text: string): { id: string; src: string } | { id: string; env: string } {
  const fields = Object.fromEntries(
    text.split(',').map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    }),
  );
  const id = fields.id;
  if (id === undefined || id === '' || (fields.src === undefined) === (fields.env === undefined)) {
    throw new SlipwayError(`--secret "${text}" must be id=NAME,src=FILE or id=NAME,env=VARIABLE`, {
      fix: 'give the secret’s id and where to read it (never its value)',
    });
  }
  return fields.src !== undefined ? { id, src: fields.src } : { id, env: fields.env ?? '' };
}

/** `["a","b"]` as JSON, or words split on white space. */
function words(text: string): string[] {
  if (text.trim().startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) return parsed;
    throw new SlipwayError(`"${text}" is not a JSON array of strings`, {
      fix: 'write ["/app", "--flag"] or plain words',
    });
  }
  return text.trim().split(/\s+/);
}

async function ensureEcrRepositories(
  locations: readonly string[],
  params: {
    'scan-on-push': boolean;
    'tag-mutability': 'MUTABLE' | 'IMMUTABLE';
    'kms-key': string | undefined;
  },
  context: import('../definition/step.js').StepContext,
): Promise<void> {
  const { EcrRepositories, parseEcrHost } = await import('@slipway/ecr');
  const repositories = new EcrRepositories();
  for (const text of locations) {
    const location = parseLocation(text);
    if (location.kind !== 'registry' || parseEcrHost(location.reference.domain) === undefined) continue;
    const ensured = await repositories.ensureRepository(location.reference.domain, location.reference.path, {
      scanOnPush: params['scan-on-push'],
      tagMutability: params['tag-mutability'],
      ...(params['kms-key'] === undefined ? {} : { kmsKey: params['kms-key'] }),
    });
    context.reporter.info(
      `${ensured.created ? 'Created' : 'Found'} ECR repository ${ensured.uri} (${ensured.mutability})`,
    );
  }
}

/** The build's own parameters: key=value lists parsed once. */
function prepared<V extends InputValues<typeof buildInputs>>(values: V) {
  return {
    ...values,
    labels: pairs(values.label, '--label'),
    buildArgs: pairs(values['build-arg'], '--build-arg'),
    imageEnv: pairs(values['image-env'], '--image-env'),
    secrets: values.secret.map(parseSecret),
  };
}

type BuildParams = ReturnType<typeof prepared<InputValues<typeof buildInputs>>>;

async function buildImage(params: BuildParams, context: StepContext): Promise<BuildResult> {
  const { build, formatProgress } = await import('@slipway/build');
  const access = { insecureRegistries: params['insecure-registry'] };
  if (params['ensure-repository']) await ensureEcrRepositories(params.repository, params, context);
  const destinations = await Promise.all(
    params.repository.map(async (location) => ({
      location,
      options: await registryOptions(parseLocation(location), access, context),
    })),
  );
  return build({
    destinations,
    openOptions: baseOptions(access, context),
    builder: params.builder,
    context: params.context,
    ...(params.file === undefined ? {} : { dockerfile: params.file }),
    buildArgs: params.buildArgs,
    platforms: params.platforms,
    ...(params.target === undefined ? {} : { target: params.target }),
    secrets: params.secrets,
    files: {
      base: params.base,
      config: {
        ...(params.entrypoint === undefined ? {} : { entrypoint: words(params.entrypoint) }),
        ...(params.cmd === undefined ? {} : { cmd: words(params.cmd) }),
        env: params.imageEnv,
        ...(params.workdir === undefined ? {} : { workdir: params.workdir }),
        ...(params.user === undefined ? {} : { user: params.user }),
        exposedPorts: params.expose,
      },
    },
    buildx: { cacheFrom: params['cache-from'], cacheTo: params['cache-to'] },
    ci: context.ci,
    ...(params.tags.length === 0 ? {} : { tags: params.tags }),
    ...(params.flavor.length === 0 ? {} : { flavor: params.flavor }),
    labels: params.labels,
    reuse: params.reuse,
    tagGuard: ecrTagGuard(context),
    env: context.env,
    onProgress: (event) => context.reporter.info(formatProgress(event)),
    onTransfer: (update) => context.reporter.progress(update),
    onLog: (line) => context.reporter.info(`  ${line}`),
  });
}
