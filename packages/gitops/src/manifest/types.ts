/** How a promotion pins the image it writes. */
export type Pin = 'digest' | 'tag' | 'tag+digest';

/** The image a promotion wants written. */
export interface DesiredImage {
  /** Normalised repository, e.g. `registry.example.com/shop/cart` or `docker.io/library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** A user-named place in a values file: `image.app.tag`. */
export interface ValuesPath {
  /** Repo-relative path, or `undefined` for any YAML file. */
  file?: string;
  /** Keys; numeric strings index sequences. */
  path: string[];
  /** Normalised repository, or `undefined` for the only image requested. */
  repository?: string;
}

/**
 * A Flux ImagePolicy the user ties to a promoted image (`--image-policy ns:name=repository`): every marker
 * naming it is that image's, even when the ImagePolicy object lives in another repository.
 */
export interface ImagePolicy {
  /** `ns:name`. */
  policy: string;
  /** Normalised repository. */
  repository: string;
}

export type SiteKind = 'container' | 'image-key' | 'kustomize' | 'helm' | 'marker' | 'values-path';

/** One place in a file that refers to an image. */
export interface ImageSite {
  file: string;
  /** 1-based line of the scalar. */
  line: number;
  /** Normalised repository. */
  repository: string;
  kind: SiteKind;
  /** What the file pins there now. */
  tag?: string;
  digest?: string;
  /** The current value(s) as a human reads them, e.g. `ghcr.io/shop/cart:1.0` or `tag: 1.0`. */
  text: string;
  /**
   * `file:line` of the Kustomize `images:` entry that overrides this site in every render that includes it:
   * the site does not decide what runs, and is left as it is.
   */
  shadowedBy?: string;
}

export interface Change {
  file: string;
  line: number;
  repository: string;
  before: string;
  after: string;
}

export type FileScan = { kind: 'skipped'; reason: string } | { kind: 'scanned'; sites: ImageSite[] };

export type FileEdit =
  | { kind: 'skipped'; reason: string }
  | {
      kind: 'edited';
      sites: ImageSite[];
      changes: Change[];
      /** The new file text; `===` the input when nothing changes. */
      text: string;
    };

export interface ScanContext {
  valuesPaths: ValuesPath[];
  /** `'ns:name'` of a Flux ImagePolicy -> normalised repository (see `collectMarkerImages`). */
  markerImages: ReadonlyMap<string, string>;
  /**
   * `'ns:name'` -> normalised repository, as the user gave them (`--image-policy`): they win, and a `:name`
   * or full marker of the same policy naming another image is refused.
   */
  imagePolicies?: ReadonlyMap<string, string>;
  /**
   * Repositories whose untagged container images are placeholders (a Kustomize `images:` entry or Helm
   * values set the version elsewhere): such sites are reported but never edited. See `isPlaceholder`.
   */
  placeholders?: ReadonlySet<string>;
  /** Sites (by `siteKey`) a Kustomize `images:` entry overrides -> `file:line` of that entry: never edited. */
  shadowed?: ReadonlyMap<string, string>;
}

/** Names one site across scans of the same text. */
export function siteKey(site: Pick<ImageSite, 'file' | 'line' | 'repository'>): string {
  return `${site.file}:${site.line}:${site.repository}`;
}
