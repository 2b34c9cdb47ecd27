// What every builder takes and gives back.

export type BuilderKind = 'files' | 'buildah' | 'buildx';

/**
 * A build secret, mounted at `/run/secrets/<id>` by `RUN --mount=type=secret,id=<id>`. Its value never goes
 * on a command line: `src` names a file, `env` names a variable of the build's environment.
 */
export type BuildSecret =
  | { readonly id: string; readonly src: string; readonly env?: undefined }
  | { readonly id: string; readonly env: string; readonly src?: undefined };

/** The image ends in an OCI image layout directory under `tag`. */
export interface LayoutOutput {
  readonly type: 'layout';
  readonly dir: string;
  readonly tag: string;
}

/** The builder pushes the image itself to these references (`registry/repo:tag`). */
export interface RegistryOutput {
  readonly type: 'registry';
  readonly references: readonly string[];
  /** Username and password (or token) for the references' registry; written to a private auth file. */
  readonly credentials?: { readonly username: string; readonly password: string } | undefined;
  /** Plain HTTP or unverified TLS (loopback registries always are). */
  readonly insecure?: boolean | undefined;
}

export type BuildOutput = LayoutOutput | RegistryOutput;

/** One line of a builder's output, for logs. */
export type LogSink = (line: string) => void;

/** A Dockerfile build, as buildah and buildx take it. */
export interface DockerfileBuildRequest {
  /** Build context directory. */
  readonly context: string;
  /** Default `<context>/Dockerfile`. */
  readonly dockerfile?: string | undefined;
  readonly buildArgs?: Readonly<Record<string, string>> | undefined;
  /** `linux/amd64`, `linux/arm64`; several make a multi-platform index. */
  readonly platforms?: readonly string[] | undefined;
  /** Build stage to stop at. */
  readonly target?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** OCI manifest annotations (`--annotation` of buildah, and of buildx from 0.12 on). */
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly secrets?: readonly BuildSecret[] | undefined;
  /** Timestamps in the image (buildah `--timestamp`, buildx `SOURCE_DATE_EPOCH`). */
  readonly sourceDateEpoch?: number | undefined;
  readonly output: BuildOutput;
  /** Environment for the builder process and for `env` secrets. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly onLog?: LogSink | undefined;
}

export interface BuiltImage {
  /** Digest of the manifest (or index, for several platforms). */
  readonly digest: string;
  readonly mediaType: string;
  readonly size?: number | undefined;
  readonly builder: BuilderKind;
  /** Set when the output was a layout. */
  readonly layout?: { readonly dir: string; readonly tag: string } | undefined;
  /** References the builder pushed, when it pushed. */
  readonly pushed?: readonly string[] | undefined;
}
