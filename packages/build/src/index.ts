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
export { collectEntries, hashDirectory, type TarEntry, tarStream, writeLayer } from './tar.js';
