// Finding image references in YAML and JSON config files and editing only the changed scalars, byte-exactly.
export { scanAllSites } from './all-sites.js';
export { configPathspecs, isConfigFile, isKustomizationFile, KUSTOMIZATION_NAMES } from './config-file.js';
export { editFile, isPlaceholder } from './edit.js';
export { ManifestError } from './error.js';
export { KustomizeGraph, type Override } from './kustomize-graph.js';
export { collectMarkerImages } from './markers.js';
export { scanFile, searchTerms } from './scan.js';
export type {
  Change,
  DesiredImage,
  FileEdit,
  FileScan,
  ImagePolicy,
  ImageSite,
  Pin,
  ScanContext,
  SiteKind,
  ValuesPath,
} from './types.js';
export { siteKey } from './types.js';
