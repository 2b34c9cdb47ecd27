/** A pathspec the planner passes to grep, read: the folder (or file) it is under, and whether a path matches. */
export interface ConfigPathspec {
  /** Where every match lies: a folder ending in `/`, a file, or `''` (the whole tree). */
  readonly prefix: string;
  matches(path: string): boolean;
}

/**
 * Reads the two pathspec forms the planner passes to grep (`configPathspecs`), as git matches them:
 * `:(literal)<path>` (that file, or everything under that folder) and `:(glob)<folder/>**\/<name>`, where the
 * name's only wildcard is `*`. Any other pathspec: undefined. The API readers, which have no git to ask, and
 * the snapshot cache, which must know what a changed path could match, both read them here.
 */
export function readConfigPathspec(spec: string): ConfigPathspec | undefined {
  if (spec.startsWith(':(literal)')) {
    const literal = spec.slice(':(literal)'.length).replace(/\/+$/, '');
    return { prefix: literal, matches: (path) => path === literal || path.startsWith(`${literal}/`) };
  }
  const glob = /^:\(glob\)((?:[^*?[\]\\]*\/)?)\*\*\/([^/?[\]\\]+)$/.exec(spec);
  if (glob === null) return undefined;
  const [, folder = '', name = ''] = glob;
  const pattern = new RegExp(
    `^${name
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return {
    prefix: folder,
    matches: (path) => path.startsWith(folder) && pattern.test(path.slice(path.lastIndexOf('/') + 1)),
  };
}
