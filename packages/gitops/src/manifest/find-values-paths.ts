// Values paths the user names (`--values-path file:a.b.tag`).
import { isDigest, isTag, tryParseReference } from '@slipway/oci';
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { at, ManifestError } from './error.js';
import { type FindInput, groupSlots, type LooseSlot, type RawSite, spelledRepository } from './raw-site.js';
import { scalarString } from './scalar.js';
import type { ValuesPath } from './types.js';
import { findPair } from './yaml.js';

function appliesTo(path: ValuesPath, file: string): boolean {
  if (path.file === undefined) return true;
  const normalise = (name: string): string => name.replace(/^\.\//, '').replace(/\\/g, '/');
  return normalise(path.file) === normalise(file);
}

function roleOf(key: string): 'tag' | 'digest' | 'full' {
  if (key === 'tag' || /Tag$/.test(key)) return 'tag';
  if (key === 'digest' || /Digest$/.test(key)) return 'digest';
  return 'full';
}

export function findValuesPathSites(
  input: FindInput,
  claimed: Set<Scalar>,
  claim: (site: RawSite) => void,
): void {
  const { file, text, docs, lines, targets, context, onlyRepository } = input;
  const loose: (LooseSlot & { repository: string })[] = [];
  for (const valuesPath of context.valuesPaths) {
    if (!appliesTo(valuesPath, file)) continue;
    const named = valuesPath.file !== undefined;
    const shown = valuesPath.path.join('.');
    const repository = valuesPath.repository ?? onlyRepository;
    if (repository === undefined) {
      throw new ManifestError(
        `values path ${shown} names no repository, and more than one image is promoted`,
        {
          where: at(file, 1),
          fix: 'say which repository the values path belongs to',
        },
      );
    }
    if (!targets.has(repository)) continue;
    const key = valuesPath.path.at(-1);
    if (key === undefined) continue;
    let found = false;
    docs.forEach((doc, index) => {
      let node: unknown = doc.contents;
      let parent: unknown;
      for (const segment of valuesPath.path) {
        if (isMap(node)) {
          parent = node;
          node = findPair(node, segment)?.value;
        } else if (isSeq(node) && /^\d+$/.test(segment)) {
          parent = node;
          node = node.items[Number(segment)];
        } else {
          node = undefined;
        }
        if (node === undefined || node === null) return;
      }
      if (parent === undefined) return;
      found = true;
      const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
      if (!isScalar(node) || node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
        if (!named) return;
        throw new ManifestError(`values path ${shown} is not a single-line scalar`, {
          where: at(file, lines.line(offset)),
          fix: 'name the path of the tag, digest or image reference value itself',
        });
      }
      let role = roleOf(key);
      const value = scalarString(node, text);
      const ref = value === undefined ? undefined : tryParseReference(value);
      // A path the user named on purpose may hold the version under any key (`version: "1.0.0"`).
      if (role === 'full' && value !== undefined && ref?.repository !== repository) {
        if (isDigest(value)) role = 'digest';
        else if (isTag(value)) role = 'tag';
      }
      if (role === 'full') {
        if (value === undefined || ref?.repository !== repository) {
          if (!named) return;
          throw new ManifestError(
            `values path ${shown} holds "${value ?? ''}", not a reference to ${repository}`,
            {
              where: at(file, lines.line(offset)),
              fix: 'name a path that holds a tag, a digest or the full image reference',
            },
          );
        }
        if (claimed.has(node)) return;
        claim({
          kind: 'values-path',
          repository,
          order: offset,
          anchor: node,
          anchorKey: key,
          full: { node, spelled: spelledRepository(value) },
          doc: index,
        });
      } else {
        loose.push({ role, node, key, parent, doc: index, repository });
      }
    });
    if (!found && named) {
      throw new ManifestError(`values path ${shown} does not exist`, {
        where: at(file, 1),
        fix: `check the path; keys are separated by "." and numbers index lists`,
      });
    }
  }
  groupSlots('values-path', loose, claimed, claim);
}
