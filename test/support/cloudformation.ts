// Reads a CloudFormation template the way CloudFormation does, close enough for tests that check what a
// template declares (roles, projects, stages) without AWS: the short-form intrinsic tags (`!Ref`, `!Sub`,
// `!GetAtt`, `!Join`, …) become their long forms (`{ Ref: … }`, `{ 'Fn::Sub': … }`), and `render` turns any
// value into one `${…}` string, so two values can be compared as text ("does this statement's resource name
// the same connection the source action uses?").

import { readFileSync } from 'node:fs';
import { type CollectionTag, isMap, parseDocument, type ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Readonly<Record<string, unknown>>;
}

export interface Template {
  readonly file: string;
  readonly Parameters: Readonly<Record<string, { readonly Type?: string; readonly Default?: string }>>;
  readonly Resources: Readonly<Record<string, TemplateResource>>;
  readonly Outputs: Readonly<Record<string, unknown>>;
}

/** The long name of each short-form tag; Ref and Condition keep theirs. */
const INTRINSICS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
};

/** Each short form as a scalar, a sequence and a mapping (`!Sub [text, {vars}]`, `!Base64 !Sub …` both occur). */
const cfnTags: Array<ScalarTag | CollectionTag> = Object.entries(INTRINSICS).flatMap(([short, long]) => [
  { tag: `!${short}`, resolve: (value: string) => ({ [long]: value }) },
  {
    tag: `!${short}`,
    collection: 'seq' as const,
    nodeClass: YAMLSeq,
    resolve: (seq: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [long]: seq.toJSON() }),
  },
  {
    tag: `!${short}`,
    collection: 'map' as const,
    nodeClass: YAMLMap,
    resolve: (map: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [long]: map.toJSON() }),
  },
]);

export function loadTemplate(file: string): Template {
  const doc = parseDocument(readFileSync(file, 'utf8'), { customTags: cfnTags });
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  if (!isMap(doc.contents)) throw new Error(`${file}: not a mapping`);
  const template = doc.toJS() as Partial<Omit<Template, 'file'>>;
  if (template.Resources === undefined) throw new Error(`${file}: no Resources`);
  return {
    file,
    Parameters: template.Parameters ?? {},
    Resources: template.Resources,
    Outputs: template.Outputs ?? {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value as one string: literal text stays, `Ref X` is `${X}`, `GetAtt X.Y` is `${X.Y}`, `Sub` keeps its
 * `${…}` (variables of the list form substituted), `Join` joins. Parameters stay symbolic, never defaults:
 * a check compares what the template wires, not one deployment's values.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    if (typeof value.Ref === 'string') return `\${${value.Ref}}`;
    const getAtt = value['Fn::GetAtt'];
    if (getAtt !== undefined) return `\${${Array.isArray(getAtt) ? getAtt.join('.') : String(getAtt)}}`;
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') {
      const variables = isRecord(sub[1]) ? sub[1] : {};
      return sub[0].replace(/\$\{([\w:.]+)\}/g, (whole, name: string) =>
        name in variables ? render(variables[name]) : whole,
      );
    }
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(render).join(join[0]);
    }
  }
  throw new Error(`cannot render ${JSON.stringify(value)} as text`);
}

/** Every name a value refers to: `Ref`, `GetAtt`'s resource, and the `${Name}` / `${Name.Attr}` of `Sub`. */
export function referencedNames(value: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.Ref === 'string') names.add(node.Ref);
    const getAtt = node['Fn::GetAtt'];
    if (getAtt !== undefined) {
      names.add((Array.isArray(getAtt) ? String(getAtt[0]) : String(getAtt)).split('.')[0] ?? '');
    }
    const sub = node['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
    const local = Array.isArray(sub) && isRecord(sub[1]) ? sub[1] : {};
    if (typeof text === 'string') {
      for (const [, name] of text.matchAll(/\$\{([\w:]+)(?:\.\w+)?\}/g)) {
        if (name !== undefined && !(name in local)) names.add(name);
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(value);
  return names;
}

/** A value that may be one item or a list, as IAM's Action and Resource are. */
export function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
