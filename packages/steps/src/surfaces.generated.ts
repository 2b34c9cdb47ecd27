// Written by `pnpm gen:actions` from the step definitions; packages/steps/test/catalog.test.ts keeps it
// equal to them. The CLI answers --help and flag errors from it without loading any step.
import type { StepSurface } from './definition/surface.js';

export const stepSurfaces: readonly StepSurface[] = [
  {
    name: 'build',
    description:
      'Build an image (docker buildx, daemonless buildah, or a deterministic files builder), push it to one or more repositories (ECR and others), and skip the build when the same source was built before.',
    positionals: [],
    inputs: {
      repository: {
        meta: {
          description:
            'Where to push: registry repositories (ECR and others) or oci:<dir>. The first is where build-once looks for an earlier build.',
          required: true,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      context: {
        meta: {
          description: 'Build context directory.',
          required: false,
          default: '.',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      file: {
        meta: {
          description: 'Dockerfile (default: <context>/Dockerfile).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      builder: {
        meta: {
          description: 'Builder: buildx when a docker engine answers, else buildah; or files.',
          required: false,
          default: 'auto',
          kind: 'enum',
          values: ['auto', 'buildx', 'buildah', 'files'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      tags: {
        meta: {
          description:
            "Tag rules, one per line: type=sha, type=ref,event=branch, type=ref,event=pr, type=semver,pattern={{version}}, type=edge, type=schedule,pattern={{date 'YYYYMMDD'}}, type=match,pattern=<regex>,group=<n>, type=raw,value=…, with prefix=/suffix= (default: sha, branch, pr and semver).",
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      flavor: {
        meta: {
          description: 'latest=auto|true|false, prefix=…, suffix=….',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      label: {
        meta: {
          description: 'Extra OCI labels key=value.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'build-arg': {
        meta: {
          description: 'Build arguments key=value.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      secret: {
        meta: {
          description: 'Build secrets id=NAME,src=FILE or id=NAME,env=VAR (never passed on a command line).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      platforms: {
        meta: {
          description: 'Target platforms, e.g. linux/amd64 and linux/arm64.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      target: {
        meta: {
          description: 'Dockerfile stage to build.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      reuse: {
        meta: {
          description:
            'Skip the build when an image of the same source (git tree, Dockerfile, args, platforms) exists; only add the tags.',
          required: false,
          default: 'true',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      base: {
        meta: {
          description: 'files builder: base image (scratch, oci:<dir>[:tag] or a registry reference).',
          required: false,
          default: 'scratch',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      entrypoint: {
        meta: {
          description: 'files builder: entrypoint, as a JSON array or words.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      cmd: {
        meta: {
          description: 'files builder: command, as a JSON array or words.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'image-env': {
        meta: {
          description: 'files builder: environment KEY=value.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      workdir: {
        meta: {
          description: 'files builder: working directory.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      user: {
        meta: {
          description: 'files builder: user.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      expose: {
        meta: {
          description: 'files builder: exposed ports (8080, 53/udp).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'cache-from': {
        meta: {
          description: 'buildx cache sources (type=registry,ref=…).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'cache-to': {
        meta: {
          description: 'buildx cache exports (type=registry,ref=…,mode=max).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'ensure-repository': {
        meta: {
          description: 'ECR: create the repository when missing.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'scan-on-push': {
        meta: {
          description: 'ECR: scan on push, for a repository created here.',
          required: false,
          default: 'true',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'tag-mutability': {
        meta: {
          description: 'ECR: tag mutability, for a repository created here.',
          required: false,
          default: 'MUTABLE',
          kind: 'enum',
          values: ['MUTABLE', 'IMMUTABLE'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'kms-key': {
        meta: {
          description: 'ECR: KMS key for a repository created here (default: AES256).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      provenance: {
        meta: {
          description:
            'After the push, attach signed SLSA v1 build provenance of the GitHub Actions run to the image, as a Sigstore bundle referrer in each repository (as actions/attest-build-provenance with push-to-registry). Keyless by default (needs id-token: write). A signing failure fails the step after the push: the image stays pushed, without provenance.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'provenance-key': {
        meta: {
          description:
            'Sign the provenance with this key instead of keyless: a cosign.key path, env://NAME or awskms:///alias/name (password from SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      sigstore: {
        meta: {
          description:
            'Sigstore instance for keyless signing: public-good (Fulcio + Rekor at sigstore.dev, the default) or github (GitHub’s Fulcio and timestamp authority, no public log: private repositories).',
          required: false,
          kind: 'enum',
          values: ['public-good', 'github'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'fulcio-url': {
        meta: {
          description: 'Fulcio URL for keyless signing (default: the --sigstore instance’s).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_FULCIO_URL'],
          credentialsInUrl: false,
        },
      },
      'rekor-url': {
        meta: {
          description: 'Rekor URL (default: the --sigstore instance’s; https://rekor.sigstore.dev).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_REKOR_URL'],
          credentialsInUrl: false,
        },
      },
      'tsa-url': {
        meta: {
          description:
            'RFC 3161 timestamp authority, e.g. https://timestamp.sigstore.dev/api/v1/timestamp (default: none; github: GitHub’s).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_TSA_URL'],
          credentialsInUrl: false,
        },
      },
      'signing-config': {
        meta: {
          description:
            'A Sigstore SigningConfig v0.2 JSON file naming Fulcio, Rekor and the TSA (as cosign’s --signing-config).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'tlog-upload': {
        meta: {
          description:
            'Log the signature in Rekor. Default: true keyless (false with --sigstore github, which has no log; then a timestamp vouches for the time), false with a key.',
          required: false,
          kind: 'enum',
          values: ['true', 'false'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
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
    secretEnv: [
      'SLIPWAY_KEY_PASSWORD',
      'COSIGN_PASSWORD',
      'SIGSTORE_ID_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    ],
    secretEnvReferences: ['provenance-key'],
  },
  {
    name: 'sign',
    description:
      'Sign an image by digest as cosign does. With a key (file, env var or AWS KMS): the simple-signing payload in sha256-<hex>.sig (cosign 2, containers/image), plus a sigstore bundle referrer with --referrer. Without a key: keyless, cosign 3’s way — a Fulcio certificate for the OIDC identity (SIGSTORE_ID_TOKEN or GitHub Actions with id-token: write), logged in Rekor and/or timestamped, stored as an OCI 1.1 bundle referrer (sha256-<hex> index tag where the registry lacks the referrers API). cosign 3 `verify --key` reads the bundle and wants its Rekor entry (--tlog-upload true), or --insecure-ignore-tlog.',
    positionals: ['image'],
    inputs: {
      image: {
        meta: {
          description:
            'Image to sign: a registry reference (tag or digest) or oci:<dir>[:tag]; a tag is resolved to its digest first.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      key: {
        meta: {
          description:
            'Signing key: a cosign.key path, env://NAME (the PEM in that variable), or awskms:///alias/name. Its password comes from SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD. Without a key: keyless signing.',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_SIGNING_KEY'],
          credentialsInUrl: false,
        },
      },
      annotation: {
        meta: {
          description: 'Annotations key=value written into the signed payload (optional).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      identity: {
        meta: {
          description:
            'docker-reference to sign (default: the repository without tag, as cosign writes it). Key signatures only: a keyless bundle names the image by digest.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      recursive: {
        meta: {
          description: 'For a multi-platform index, also sign every platform manifest.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      referrer: {
        meta: {
          description:
            'With a key: also store an OCI 1.1 referrer (sigstore bundle v0.3) beside the .sig tag. Keyless signing always writes one.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      sigstore: {
        meta: {
          description:
            'Sigstore instance for keyless signing: public-good (Fulcio + Rekor at sigstore.dev, the default) or github (GitHub’s Fulcio and timestamp authority, no public log: private repositories).',
          required: false,
          kind: 'enum',
          values: ['public-good', 'github'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'fulcio-url': {
        meta: {
          description: 'Fulcio URL for keyless signing (default: the --sigstore instance’s).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_FULCIO_URL'],
          credentialsInUrl: false,
        },
      },
      'rekor-url': {
        meta: {
          description: 'Rekor URL (default: the --sigstore instance’s; https://rekor.sigstore.dev).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_REKOR_URL'],
          credentialsInUrl: false,
        },
      },
      'tsa-url': {
        meta: {
          description:
            'RFC 3161 timestamp authority, e.g. https://timestamp.sigstore.dev/api/v1/timestamp (default: none; github: GitHub’s).',
          required: false,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_TSA_URL'],
          credentialsInUrl: false,
        },
      },
      'signing-config': {
        meta: {
          description:
            'A Sigstore SigningConfig v0.2 JSON file naming Fulcio, Rekor and the TSA (as cosign’s --signing-config).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'tlog-upload': {
        meta: {
          description:
            'Log the signature in Rekor. Default: true keyless (false with --sigstore github, which has no log; then a timestamp vouches for the time), false with a key.',
          required: false,
          kind: 'enum',
          values: ['true', 'false'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      digest: { description: 'The manifest digest that was signed.' },
      image: { description: 'The signed image, pinned: repository@sha256:….' },
      'signature-ref': {
        description:
          'Where the signature lives: repository:sha256-<hex>.sig (key), or the bundle referrer repository@sha256:… (keyless).',
      },
      'key-fingerprint': { description: 'SHA-256 of the public key (SPKI DER), hex; empty when keyless.' },
      'bundle-digest': {
        description: 'Digest of the bundle referrer manifest; empty when none was written.',
      },
      'certificate-identity': {
        description: 'Keyless: the certificate’s subject (cosign --certificate-identity).',
      },
      'certificate-oidc-issuer': {
        description: 'Keyless: the OIDC issuer (cosign --certificate-oidc-issuer); empty for keys.',
      },
      added: { description: 'false when the same key had already signed this digest (nothing written).' },
    },
    secretEnv: [
      'SLIPWAY_KEY_PASSWORD',
      'COSIGN_PASSWORD',
      'SIGSTORE_ID_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    ],
    secretEnvReferences: ['key'],
  },
  {
    name: 'verify',
    description:
      'Verify an image’s cosign-compatible signatures (the .sig tag and Sigstore bundle referrers) against trusted public keys (PEM files, env vars or AWS KMS) or keyless certificate identities, with an identity rule.',
    positionals: ['image'],
    inputs: {
      image: {
        meta: {
          description: 'Image to verify: a registry reference (tag or digest) or oci:<dir>[:tag].',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      key: {
        meta: {
          description:
            'Trusted public key(s): a .pub path, env://NAME, or awskms:///alias/name. One valid signature by any trusted key or identity is enough.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-identity': {
        meta: {
          description:
            'Keyless: the certificate subject that must have signed, e.g. https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-identity-regexp': {
        meta: {
          description: 'Keyless: a regular expression the certificate subject must match.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-oidc-issuer': {
        meta: {
          description:
            'Keyless: the OIDC issuer that must have vouched for the signer (GitHub Actions: https://token.actions.githubusercontent.com).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-oidc-issuer-regexp': {
        meta: {
          description: 'Keyless: a regular expression the OIDC issuer must match.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-github-workflow-repository': {
        meta: {
          description: 'Keyless: the repository (owner/name) the signing workflow ran in.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-github-workflow-ref': {
        meta: {
          description: 'Keyless: the ref the signing workflow ran for (refs/heads/main).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-github-workflow-name': {
        meta: {
          description: 'Keyless: the name of the signing workflow.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-github-workflow-trigger': {
        meta: {
          description: 'Keyless: the event that triggered the signing workflow (push).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'certificate-github-workflow-sha': {
        meta: {
          description: 'Keyless: the commit the signing workflow ran on.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'trusted-root': {
        meta: {
          description:
            'A Sigstore TrustedRoot JSON file (private or offline Sigstore) for keyless certificates, and, given with keys, to check the Rekor proofs of keyed .sig layers. Default for keyless: the public-good root, fetched through TUF.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'identity-rule': {
        meta: {
          description:
            'Which signed docker-reference is accepted: the image’s own repository, a fixed repository (after a copy), or an exact reference.',
          required: false,
          default: 'matchRepository',
          kind: 'enum',
          values: ['matchRepository', 'exactRepository', 'exactReference'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      identity: {
        meta: {
          description:
            'The repository (exactRepository) or reference (exactReference) the signature must name.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      digest: { description: 'The manifest digest that was verified.' },
      image: { description: 'The verified image, pinned: repository@sha256:….' },
      'verified-by': {
        description:
          'Who verified: key fingerprints (SHA-256 of SPKI DER) and keyless identities (`<subject> (<issuer>)`), one per line.',
      },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'promote',
    description:
      'Pin images (tag and digest) on environment branches of a GitOps config repo: edits only the image scalars, one commit per branch, safe when pipelines race.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo to promote in: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      env: {
        meta: {
          description: 'Environment(s) to promote to; each is its own branch and commit, pushed atomically.',
          required: true,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      image: {
        meta: {
          description:
            'Image(s) to set: repo:tag, repo@sha256:… or repo:tag@sha256:… (a tag alone is resolved to its digest through the registry); with `from`, the repository alone.',
          required: true,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      from: {
        meta: {
          description: 'Take each image’s tag and digest from what this environment pins right now.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description:
            'Folder inside the environment branch to search (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      pin: {
        meta: {
          description: 'How references are written.',
          required: false,
          default: 'tag+digest',
          kind: 'enum',
          values: ['tag+digest', 'digest', 'tag'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'values-path': {
        meta: {
          description:
            'Extra YAML paths that hold the image, tag or digest: [<image repo>=][<file>:]<dotted.path>, e.g. values.yaml:app.image.tag.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'image-policy': {
        meta: {
          description:
            'Flux ImagePolicy whose $imagepolicy markers hold a promoted image: <namespace>:<name>[=<image repo>] (the repo may be left out when one image is promoted). For markers whose ImagePolicy is not on the branch, as after moving from Flux image automation.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'create-branch': {
        meta: {
          description: 'Create a missing environment branch from the default branch.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'dry-run': {
        meta: {
          description: 'Print the diff; commit and push nothing.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      author: {
        meta: {
          description:
            'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      committer: {
        meta: {
          description: 'Commit committer, "Name <email>" (default: the author).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'source-commit': {
        meta: {
          description:
            'App repo commit that built the images, 7 to 64 hex digits (default: from the CI context).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'run-url': {
        meta: {
          description:
            'URL of the CI run (http or https, one line), for the Slipway-Run trailer (default: from the CI context).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'max-attempts': {
        meta: {
          description: 'Push attempts when other pipelines move the branch at the same time.',
          required: false,
          default: '30',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'policy-ref': {
        meta: {
          description:
            'Branch of the config repo holding .slipway.yaml (default: its default branch). The policy, when present, decides each environment’s branch and path, its promoteFrom order and the signatures it requires.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      force: {
        meta: {
          description:
            'Promote a digest that the previous environment (promoteFrom) does not run, where the policy allows it (allowForce).',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'override-pin': {
        meta: {
          description:
            'Promote images the environment pins (.slipway/pins.yaml, written by `slipway rollback`); the pins stay. Refused where the policy’s pins.override does not allow it.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      mode: {
        meta: {
          description:
            'push (the default): commit straight to each environment branch. pull-request: push the commit to a Slipway branch (slipway/promote/<env>/<images>) and open or update one pull request per environment into its branch. An environment whose .slipway.yaml policy says mode: pull-request always gets a pull request (with --mode push, a warning says so).',
          required: false,
          kind: 'enum',
          values: ['push', 'pull-request'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      via: {
        meta: {
          description:
            'git: fetch and push with git. github-api: no clone; read and commit through the GitHub REST API (GitHub signs the commits; needs the config repo on GitHub and a token). codecommit-api: no clone; read and commit through the AWS CodeCommit API (CreateCommit; needs the config repo on CodeCommit and AWS credentials).',
          required: false,
          default: 'git',
          kind: 'enum',
          values: ['git', 'github-api', 'codecommit-api'],
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'pr-label': {
        meta: {
          description:
            'Labels of the pull requests ({env} stands for the environment). Default: slipway, promotion, env:{env}. CodeCommit has no labels: there they are written as the last line of the description.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'auto-merge': {
        meta: {
          description:
            'Enable auto-merge on the pull requests with this method: merge, squash or rebase (default: off). GitHub only: refused for a CodeCommit config repo, whose approval rules gate the merge.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'github-api-url': {
        meta: {
          description:
            'GitHub API of the config repo, e.g. https://ghe.example.com/api/v3 (default: derived from the config repo URL, or GITHUB_API_URL on the same host).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      wait: {
        meta: {
          description:
            'After pushing, wait until the pull-based agent (Flux, Argo CD) reports each promotion commit deployed, through its GitHub commit statuses (as `slipway wait`).',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'wait-timeout': {
        meta: {
          description: 'How long `wait` waits: 90s, 15m, 1h.',
          required: false,
          default: '15m',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'wait-interval': {
        meta: {
          description: 'How often `wait` reads the statuses.',
          required: false,
          default: '10s',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'wait-context': {
        meta: {
          description: 'Status contexts `wait` waits for (prefixes, e.g. kustomization/apps); default: all.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP when resolving tags (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      commit: { description: 'The promotion commit (one line per environment; empty when nothing changed).' },
      branch: { description: 'The environment branch (one line per environment).' },
      noop: { description: 'true when every environment already pinned these images.' },
      changes: { description: 'JSON array of {file, line, before, after} (all environments).' },
      attempts: { description: 'Push attempts the promotion took.' },
      results: {
        description: 'JSON array with one object per environment, as `slipway promote --json` prints.',
      },
      'pull-request-url': {
        description:
          'In pull-request mode: the pull request opened or updated (one line per environment; empty for one pushed or unchanged).',
      },
      'pull-request-number': {
        description:
          'In pull-request mode: its number (one line per environment; empty for one pushed or unchanged).',
      },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'wait',
    description:
      'Waits for the deployment feedback a pull-based agent (Flux notification-controller, Argo CD notifications) sets on a config repo commit: succeeds when its statuses and check runs are all success, fails when one fails, or times out.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo on GitHub (https://github.com/OWNER/REPO, git@github.com:OWNER/REPO or OWNER/REPO).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      env: {
        meta: {
          description: 'Environment deployed; with no --commit, the tip of its branch is waited for.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      commit: {
        meta: {
          description: 'Config repo commit the agent reports on (default: the tip of the env branch).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (used when --commit is not given).',
          required: false,
          default: 'env/{env}',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      context: {
        meta: {
          description:
            'Status contexts or check names to wait for, by prefix (e.g. kustomization/apps); each must show up. Default: every one present, and at least one.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      timeout: {
        meta: {
          description: 'How long to wait at most: 90s, 15m, 1h.',
          required: false,
          default: '15m',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      interval: {
        meta: {
          description: 'How often to read the statuses: 10s, 30s, 1m.',
          required: false,
          default: '10s',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description: 'GitHub token that may read commit statuses and checks of the config repo.',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'github-api-url': {
        meta: {
          description:
            'GitHub API of the config repo, e.g. https://ghe.example.com/api/v3 (default: derived from the config repo URL, or GITHUB_API_URL on the same host).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      state: { description: 'success, failure or timeout.' },
      contexts: {
        description:
          'JSON array of the statuses and check runs last seen: context, state, description, url, updatedAt, source.',
      },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'status',
    description:
      'What runs where: a matrix of images × environments (tag, digest, age, same as the previous environment), read from the env branches of a GitOps config repo.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description:
            'Folder inside the environment branches to read (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'policy-ref': {
        meta: {
          description: 'Branch of the config repo holding .slipway.yaml (default: its default branch).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      env: {
        meta: {
          description:
            'Environments (columns), in promotion order (default: those of .slipway.yaml, else dev, staging, prod).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      image: {
        meta: {
          description: 'Only these images (repositories); default every image referenced.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'image-policy': {
        meta: {
          description:
            'Flux ImagePolicy whose $imagepolicy markers hold an image: <namespace>:<name>=<image repo> (the repo may be left out when one image is given). For markers whose ImagePolicy is not on the branch.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      matrix: {
        description: 'JSON: the environments and, per image, what each runs (as `slipway status --json`).',
      },
      drift: { description: 'true when some environment runs another version than the one before it.' },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'history',
    description:
      'The promotions of one environment, newest first: when, which image and version, what it replaced, by which run, verified by whom; from the env branch’s commits alone.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description:
            'Folder inside the environment branches to read (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'policy-ref': {
        meta: {
          description: 'Branch of the config repo holding .slipway.yaml (default: its default branch).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      env: {
        meta: {
          description: 'Environment whose promotions to list.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      image: {
        meta: {
          description: 'Only promotions of this image (repository); commits without trailers are listed too.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      limit: {
        meta: {
          description: 'How many commits of the environment branch to read, newest first.',
          required: false,
          default: '20',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      verify: {
        meta: {
          description:
            'Re-check each Slipway-Verified-By claim: the registry must hold a valid signature of the digest by each key claimed, and the policy must trust that key for the environment. Fails when a claim does not hold.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP with --verify (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: { history: { description: 'JSON array of the entries, as `slipway history --json` prints.' } },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'changed-images',
    description:
      'The image references a commit range of a config repo adds, changes or removes, in every layout promote edits (manifests, Kustomize images, Helm values, Flux markers): file, line, before and after, and the repo:tag@digest to verify.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      from: {
        meta: {
          description:
            'Revision compared from: a branch or ref of the config repo (env/dev, origin/env/dev in a clone) or a full commit id. For what a pull request changes, pass its merge base (git merge-base).',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      to: {
        meta: {
          description: 'Revision compared to (a branch, ref or full commit id).',
          required: false,
          default: 'HEAD',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description: 'Folder of the config repo to compare (default: the whole tree).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'image-policy': {
        meta: {
          description:
            'Flux ImagePolicy whose $imagepolicy markers hold an image: <namespace>:<name>=<image repo>. For markers whose ImagePolicy is not in the config repo (as in promote and status).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      images: { description: 'JSON array of the changed sites, as `slipway changed-images --json` prints.' },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'rollback',
    description:
      'Put an earlier version of an image back in an environment as a new commit (history is never rewritten), and pin it there until `slipway unpin`.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description:
            'Folder inside the environment branches to read (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'policy-ref': {
        meta: {
          description: 'Branch of the config repo holding .slipway.yaml (default: its default branch).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      env: {
        meta: {
          description: 'Environment to roll back.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      image: {
        meta: {
          description: 'Image (repository) to roll back.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      to: {
        meta: {
          description:
            'What to go back to: how many versions back (1 = the one before the current; up to 4 digits), a digest (sha256:…), or the commit that promoted it (at least 5 hex digits).',
          required: false,
          default: '1',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      reason: {
        meta: {
          description: 'Why, recorded with the pin: one line, at most 200 characters.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      limit: {
        meta: {
          description: 'How many commits of the environment branch to search.',
          required: false,
          default: '100',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      author: {
        meta: {
          description:
            'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      committer: {
        meta: {
          description: 'Commit committer, "Name <email>" (default: the author).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'run-url': {
        meta: {
          description:
            'URL of the CI run (http or https, one line), for the Slipway-Run trailer (default: from the CI context).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'max-attempts': {
        meta: {
          description: 'Push attempts when other pipelines move the branch at the same time.',
          required: false,
          default: '30',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'dry-run': {
        meta: {
          description: 'Print what would be committed; push nothing.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      commit: { description: 'The rollback commit.' },
      digest: { description: 'The digest the environment runs again.' },
      'rollback-of': { description: 'The promotion commit undone.' },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'unpin',
    description: 'Let promotions of an image into an environment through again, after a rollback pinned it.',
    positionals: [],
    inputs: {
      'config-repo': {
        meta: {
          description:
            'Config repo: any URL git accepts (https://, ssh://, file://), a local path, or an AWS CodeCommit repository (codecommit::<region>://[<profile>@]<name>, codecommit://[<profile>@]<name>, https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>; authenticated with AWS credentials, not the token).',
          required: true,
          kind: 'string',
          secret: false,
          env: ['SLIPWAY_CONFIG_REPO'],
          credentialsInUrl: true,
        },
      },
      'branch-template': {
        meta: {
          description:
            'Branch of an environment; {env} stands for its name (default: env/{env}). With a .slipway.yaml policy, the policy decides: a different template is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      path: {
        meta: {
          description:
            'Folder inside the environment branches to read (default: the whole branch). With a .slipway.yaml policy, the policy decides: a different path is an error.',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'policy-ref': {
        meta: {
          description: 'Branch of the config repo holding .slipway.yaml (default: its default branch).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      token: {
        meta: {
          description:
            'HTTPS token for the config repo (sent as an HTTP header through the environment, never on a command line).',
          required: false,
          kind: 'string',
          secret: true,
          env: ['SLIPWAY_TOKEN', 'GITHUB_TOKEN'],
          credentialsInUrl: false,
        },
      },
      'token-username': {
        meta: {
          description: 'User name that goes with the token.',
          required: false,
          default: 'x-access-token',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      env: {
        meta: {
          description: 'Environment to unpin the image in.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      image: {
        meta: {
          description: 'Image (repository) to unpin.',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      author: {
        meta: {
          description:
            'Commit author, "Name <email>" (default: github-actions[bot] on GitHub, else Slipway <slipway@localhost>).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      committer: {
        meta: {
          description: 'Commit committer, "Name <email>" (default: the author).',
          required: false,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'max-attempts': {
        meta: {
          description: 'Push attempts when other pipelines move the branch at the same time.',
          required: false,
          default: '30',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'dry-run': {
        meta: {
          description: 'Create the commit but push nothing.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: { commit: { description: 'The commit that removed the pin.' } },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'copy',
    description:
      'Copy an image by digest between repositories, registries and OCI layouts: every platform, bytes untouched (same digest), blobs mounted within a registry, tags written last.',
    positionals: ['source', 'destination'],
    inputs: {
      source: {
        meta: {
          description: 'Image to copy: registry reference (tag or digest) or oci:<dir>[:tag].',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      destination: {
        meta: {
          description:
            'Where to: a repository with an optional tag (registry.example.com/prod/cart:1.4.2) or oci:<dir>[:tag]. Without a tag, the source tag is kept (by digest only when the source had none).',
          required: true,
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      tag: {
        meta: {
          description: 'More tags to set at the destination.',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'with-signatures': {
        meta: {
          description: 'Also copy cosign signatures (sha256-<hex>.sig) and OCI referrers.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      concurrency: {
        meta: {
          description: 'Blobs transferred at once.',
          required: false,
          default: '4',
          kind: 'integer',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      'insecure-registry': {
        meta: {
          description: 'Registries to reach over plain HTTP (localhost always is).',
          required: false,
          kind: 'list',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      digest: { description: 'Digest of the copied manifest (the same at both ends).' },
      image: { description: 'The copy, pinned: repository@sha256:….' },
      tags: { description: 'Tags set at the destination, one per line.' },
      bytes: { description: 'Blob bytes that moved (mounted and present blobs move none).' },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
  {
    name: 'keygen',
    description:
      'Generate a cosign-compatible key pair: <prefix>.key (encrypted with SLIPWAY_KEY_PASSWORD or COSIGN_PASSWORD) and <prefix>.pub.',
    positionals: [],
    inputs: {
      'output-prefix': {
        meta: {
          description: 'Path prefix of the two files written.',
          required: false,
          default: 'cosign',
          kind: 'string',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
      overwrite: {
        meta: {
          description: 'Replace existing files.',
          required: false,
          default: 'false',
          kind: 'boolean',
          secret: false,
          env: [],
          credentialsInUrl: false,
        },
      },
    },
    outputs: {
      'private-key': { description: 'Path of the encrypted private key (mode 0600).' },
      'public-key': { description: 'Path of the public key.' },
      'key-fingerprint': { description: 'SHA-256 of the public key (SPKI DER), hex.' },
    },
    secretEnv: ['SLIPWAY_KEY_PASSWORD', 'COSIGN_PASSWORD'],
    secretEnvReferences: [],
  },
  {
    name: 'context',
    description:
      'Show the CI context Slipway detects here (GitHub Actions, CodeBuild or local): commit, ref, run URL.',
    positionals: [],
    inputs: {},
    outputs: {
      platform: { description: 'github-actions, codebuild or local.' },
      commit: { description: 'Commit being built.' },
      ref: { description: 'Git ref being built (refs/heads/…, refs/tags/…, refs/pull/N/head).' },
      'run-url': { description: 'URL of the CI run.' },
      'repository-url': { description: 'Repository being built, without credentials.' },
      actor: { description: 'Who or what started the run.' },
      event: { description: 'What triggered the run.' },
    },
    secretEnv: [],
    secretEnvReferences: [],
  },
];
