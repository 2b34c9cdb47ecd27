/**
 * Which files of a config repo Slipway reads as config: one definition for promote (candidates), status and
 * the Kustomize graph, so a layout one of them understands is never missed by another.
 */

/** The names kustomize reads as a directory's kustomization, in its order of preference. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Extensions of manifests and values files: JSON is read as the YAML subset it is. */
const CONFIG_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

const CONFIG_FILE = new RegExp(`\\.(?:${CONFIG_EXTENSIONS.join('|')})$`, 'i');

export function isKustomizationFile(file: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return (KUSTOMIZATION_NAMES as readonly string[]).includes(name);
}

export function isConfigFile(file: string): boolean {
  return CONFIG_FILE.test(file) || isKustomizationFile(file);
}

/** Whether the file holds JSON rather than YAML (by its name): edits keep it JSON. */
export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/** `git grep` pathspecs naming every config file under `scope` (`''` or a folder ending in `/`). */
export function configPathspecs(scope: string): string[] {
  return [
    ...CONFIG_EXTENSIONS.map((extension) => `:(glob)${scope}**/*.${extension}`),
    `:(glob)${scope}**/Kustomization`,
  ];
}
