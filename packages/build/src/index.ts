export {
  type BuildDestination,
  type BuildOptions,
  type BuildProgress,
  type BuildResult,
  type BuildxSettings,
  build,
  type FilesSettings,
  formatProgress,
  readGitFacts,
  type TagGuard,
} from './build.js';
export { type Detection, type DetectOptions, detectBuilder } from './builders/auto.js';
export { type BuildahOptions, buildWithBuildah } from './builders/buildah.js';
export {
  type BuildxCommand,
  type BuildxOptions,
  buildWithBuildx,
  buildxCommand,
  type CacheSpec,
  cacheSpec,
} from './builders/buildx.js';
export {
  buildFiles,
  type FilesBuildOptions,
  type FilesBuiltImage,
  type FilesImageConfig,
  type OpenedBase,
} from './builders/files.js';
export type {
  BuilderKind,
  BuildOutput,
  BuildSecret,
  BuiltImage,
  DockerfileBuildRequest,
  LayoutOutput,
  LogSink,
  RegistryOutput,
} from './builders/types.js';
export * from './metadata.js';
export {
  canonicalJson,
  SOURCE_TAG_PREFIX,
  type SourceKey,
  type SourceKeyOptions,
  sourceKey,
  sourceTag,
} from './reuse.js';
export { collectEntries, hashDirectory, type TarEntry, tarStream, writeLayer } from './tar.js';
