// Tags and OCI labels for an image, from where the build runs (CiContext) and a few git facts, with a small
// rule syntax in the spirit of docker/metadata-action:
//
//   type=sha                                  sha-1a2b3c4            (format=long: the full SHA)
//   type=ref,event=branch                     main, releases-v1      (branch name sanitised for tag grammar)
//   type=ref,event=tag                        v1.2.3                 (git tag name)
//   type=ref,event=pr                         pr-42
//   type=semver,pattern={{version}}           1.2.3                  ({{major}}, {{minor}}, {{patch}}, {{raw}})
//   type=raw,value=stable                     stable                 (a bare line `stable` means the same)
//   type=edge                                 edge                   (on the default branch; branch=<name>)
//   type=schedule                             nightly                (on schedule events; pattern={{date 'YYYYMMDD'}})
//   type=match,pattern=v(.*),group=1          1.2.3                  (a regex over the git tag, or over value=)
//
// Every rule takes prefix=, suffix=, enable=true|false and priority=<n>. The flavor (`latest=auto|true|false`,
// `prefix=`, `suffix=`, `onlatest=true`) applies to every rule that does not set its own prefix or suffix.

import type { CiContext } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';
import { isTag } from '@slipway/oci';
// semver's parse, not a hand-written regex: 4 µs a parse against 0.3 µs (200,000 parses, load 13 on 2 cores,
// node 22), a handful per build; loading this one function costs about 20 ms, and only the build step loads it.
import parseVersion from 'semver/functions/parse.js';
import { renderSchedulePattern, schedulePatternProblem } from './schedule-pattern.js';

export const LABEL_SOURCE = 'org.opencontainers.image.source';
export const LABEL_REVISION = 'org.opencontainers.image.revision';
export const LABEL_CREATED = 'org.opencontainers.image.created';
export const LABEL_VERSION = 'org.opencontainers.image.version';
export const LABEL_TITLE = 'org.opencontainers.image.title';
/** The OCI image spec's pre-defined annotation keys; the labels under it are also manifest annotations. */
const OCI_ANNOTATION_PREFIX = 'org.opencontainers.image.';

/** What metadata-action users get when they write no rules, plus the commit's `sha-<7>` tag. */
export const DEFAULT_TAG_RULES: readonly string[] = [
  'type=ref,event=branch',
  'type=ref,event=tag',
  'type=ref,event=pr',
  'type=sha',
];

export interface Flavor {
  /** `auto` (default): `latest` when a release tag was built (a non-prerelease semver or a git tag). */
  readonly latest?: 'auto' | boolean;
  readonly prefix?: string;
  readonly suffix?: string;
  /** Also put the flavor's prefix and suffix on `latest`. Default false. */
  readonly onLatest?: boolean;
}

/** Facts about the commit being built that the CI context does not carry. */
export interface GitFacts {
  /** Committer time of the commit, in seconds since the epoch. */
  readonly commitTime?: number;
}

export interface MetadataOptions {
  readonly ci: CiContext;
  /** Tag rules, one per entry (entries may also hold several newline-separated rules). */
  readonly tags?: string | readonly string[];
  /** A {@link Flavor}, or its text form (`latest=false`, `prefix=…`, one per line or comma-separated). */
  readonly flavor?: Flavor | string | readonly string[];
  /** Labels to add; they win over the generated ones. */
  readonly labels?: Readonly<Record<string, string>>;
  /** `org.opencontainers.image.title`; default: the repository's name. */
  readonly title?: string;
  readonly git?: GitFacts;
  /** Read for `SOURCE_DATE_EPOCH`. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
}

export interface ImageMetadata {
  /** Tag names (no repository), highest priority first, without duplicates. */
  readonly tags: string[];
  /** The main tag: the first one that is not `latest` (metadata-action's `version`). */
  readonly version: string | undefined;
  /**
   * The tag made from the commit (the first `type=sha` tag): unlike a branch tag or `latest`, no later build
   * moves it, so it is the tag to promote. Undefined when no `type=sha` rule produced one.
   */
  readonly commitTag: string | undefined;
  readonly labels: Record<string, string>;
  /**
   * The `org.opencontainers.image.*` labels again, as OCI manifest annotations (where registries and
   * `docker buildx imagetools` show them), as docker/metadata-action gives them beside its labels.
   */
  readonly annotations: Record<string, string>;
  /** ISO 8601 time the image says it was created. */
  readonly created: string;
  /** `SOURCE_DATE_EPOCH` when set, for builders that stamp files. */
  readonly sourceDateEpoch: number | undefined;
  /** Rules that produced nothing here, and why (`type=semver: ref refs/heads/main is not a tag`). */
  readonly notes: string[];
}

type RuleType = 'schedule' | 'semver' | 'match' | 'edge' | 'ref' | 'raw' | 'sha';
const RULE_TYPES: readonly RuleType[] = ['schedule', 'semver', 'match', 'edge', 'ref', 'raw', 'sha'];

export interface TagRule {
  readonly text: string;
  readonly type: RuleType;
  readonly attrs: ReadonlyMap<string, string>;
}

interface Candidate {
  readonly tag: string;
  readonly priority: number;
  readonly rule: string;
  readonly latest: boolean;
  readonly fromCommit: boolean;
}

/** metadata-action's priorities, so that mixed rules order tags as its users expect. */
const DEFAULT_PRIORITY: Record<RuleType, number> = {
  schedule: 1000,
  semver: 900,
  match: 800,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};
const KNOWN_ATTRS: Record<RuleType, readonly string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
};
const DEFAULT_SCHEDULE_PATTERN = 'nightly';
const COMMON_ATTRS = ['type', 'prefix', 'suffix', 'enable', 'priority'];
const MAX_TAG_LENGTH = 128;

/** Computes the tags and labels; throws a {@link SlipwayError} naming the rule for anything invalid. */
export function imageMetadata(options: MetadataOptions): ImageMetadata {
  const ci = options.ci;
  const flavor = parseFlavor(options.flavor);
  const rules = parseTagRules(options.tags ?? DEFAULT_TAG_RULES);
  const notes: string[] = [];
  const candidates: Candidate[] = [];
  // One instant for every rule and the created label's fallback, so two date tags cannot straddle midnight.
  const now = options.now?.() ?? new Date();
  let wantsLatest = false;

  for (const rule of rules) {
    if (rule.attrs.get('enable') === 'false') continue;
    const produced = evaluate(rule, ci, notes, now);
    const prefix = rule.attrs.get('prefix') ?? flavor.prefix ?? defaultPrefix(rule);
    const suffix = rule.attrs.get('suffix') ?? flavor.suffix ?? '';
    const priority = rulePriority(rule);
    for (const value of produced.values) {
      const tag = `${prefix}${value}${suffix}`;
      checkTag(tag, rule);
      candidates.push({ tag, priority, rule: rule.text, latest: false, fromCommit: rule.type === 'sha' });
    }
    if (produced.release) wantsLatest = true;
  }

  const latestWanted = flavor.latest === true || (flavor.latest !== false && wantsLatest);
  if (latestWanted) {
    const tag = flavor.onLatest ? `${flavor.prefix ?? ''}latest${flavor.suffix ?? ''}` : 'latest';
    checkTag(tag, { text: 'flavor latest' });
    candidates.push({ tag, priority: 1000, rule: 'flavor latest', latest: true, fromCommit: false });
  }

  // Stable sort by priority, highest first; the first occurrence of a tag wins.
  const ordered = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.priority - a.candidate.priority || a.index - b.index)
    .map(({ candidate }) => candidate);
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const candidate of ordered) {
    if (seen.has(candidate.tag)) continue;
    seen.add(candidate.tag);
    tags.push(candidate.tag);
  }
  const version = ordered.find((candidate) => !candidate.latest)?.tag ?? tags[0];
  const commitTag = ordered.find((candidate) => candidate.fromCommit)?.tag;

  const sourceDateEpoch = readSourceDateEpoch(options.env ?? process.env);
  const createdSeconds = sourceDateEpoch ?? options.git?.commitTime;
  const created =
    createdSeconds !== undefined ? new Date(createdSeconds * 1000).toISOString() : now.toISOString();

  const labels: Record<string, string> = {};
  const source = sourceUrl(ci);
  if (source !== undefined) labels[LABEL_SOURCE] = source;
  if (ci.commitSha !== undefined) labels[LABEL_REVISION] = ci.commitSha;
  labels[LABEL_CREATED] = created;
  if (version !== undefined) labels[LABEL_VERSION] = version;
  const title = options.title ?? repositoryName(ci);
  if (title !== undefined) labels[LABEL_TITLE] = title;
  for (const [key, value] of Object.entries(options.labels ?? {})) {
    if (key.length === 0 || /[\s=]/.test(key)) {
      throw new SlipwayError(`label name "${key}" is not valid`, {
        where: 'labels',
        fix: 'use a name like org.example.team, without spaces or "="',
      });
    }
    labels[key] = value;
  }
  const annotations = Object.fromEntries(
    Object.entries(labels).filter(([key]) => key.startsWith(OCI_ANNOTATION_PREFIX)),
  );
  return { tags, version, commitTag, labels, annotations, created, sourceDateEpoch, notes };
}

/** Parses tag rules; exported for validating inputs early. */
export function parseTagRules(input: string | readonly string[]): TagRule[] {
  const lines = (typeof input === 'string' ? [input] : input)
    .flatMap((entry) => entry.split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  return lines.map(parseRule);
}

function parseRule(text: string): TagRule {
  const fields = splitFields(text, text);
  const attrs = new Map<string, string>();
  if (fields.length === 1 && !(fields[0] ?? '').includes('=')) {
    // A bare value is a raw tag.
    attrs.set('type', 'raw');
    attrs.set('value', fields[0] ?? '');
  } else {
    for (const field of fields) {
      const eq = field.indexOf('=');
      if (eq <= 0) {
        throw ruleError(
          text,
          `"${field}" is not key=value`,
          'write attributes as key=value, comma-separated',
        );
      }
      const key = field.slice(0, eq).trim().toLowerCase();
      if (attrs.has(key)) throw ruleError(text, `"${key}" is given twice`);
      attrs.set(key, field.slice(eq + 1).trim());
    }
  }
  const type = attrs.get('type');
  const types = RULE_TYPES.map((name) => `type=${name}`).join(', ');
  if (type === undefined) throw ruleError(text, 'it has no type=', `start it with one of ${types}`);
  if (!isRuleType(type)) throw ruleError(text, `type "${type}" is not supported`, `use one of ${types}`);
  for (const key of attrs.keys()) {
    if (!COMMON_ATTRS.includes(key) && !KNOWN_ATTRS[type].includes(key)) {
      throw ruleError(
        text,
        `type=${type} takes no "${key}"`,
        `its attributes are ${[...KNOWN_ATTRS[type], ...COMMON_ATTRS.slice(1)].join(', ')}`,
      );
    }
  }
  const enable = attrs.get('enable');
  if (enable !== undefined && enable !== 'true' && enable !== 'false') {
    throw ruleError(text, `enable must be true or false, not "${enable}"`);
  }
  const priority = attrs.get('priority');
  if (priority !== undefined && !/^-?\d+$/.test(priority)) {
    throw ruleError(text, `priority must be an integer, not "${priority}"`);
  }
  const rule: TagRule = { text, type, attrs };
  switch (type) {
    case 'ref': {
      const event = attrs.get('event');
      if (event !== 'branch' && event !== 'tag' && event !== 'pr') {
        throw ruleError(
          text,
          event === undefined ? 'it needs event=' : `event "${event}" is not supported`,
          'use event=branch, event=tag or event=pr',
        );
      }
      break;
    }
    case 'semver': {
      const pattern = attrs.get('pattern');
      if (pattern === undefined || pattern === '') {
        throw ruleError(text, 'it needs pattern=', 'e.g. pattern={{version}} or pattern={{major}}.{{minor}}');
      }
      const unknown = [...pattern.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !['version', 'major', 'minor', 'patch', 'raw'].includes(name));
      if (unknown.length > 0) {
        throw ruleError(
          text,
          `pattern placeholder {{${unknown[0]}}} is not known`,
          'use {{version}}, {{major}}, {{minor}}, {{patch}} or {{raw}}',
        );
      }
      break;
    }
    case 'raw':
      if ((attrs.get('value') ?? '') === '') throw ruleError(text, 'it needs value=');
      break;
    case 'schedule': {
      const problem = schedulePatternProblem(attrs.get('pattern') ?? DEFAULT_SCHEDULE_PATTERN);
      if (problem !== undefined) {
        throw ruleError(
          text,
          `pattern: ${problem}`,
          "write e.g. pattern={{date 'YYYYMMDD' tz='Europe/Paris'}}",
        );
      }
      break;
    }
    case 'match': {
      const pattern = attrs.get('pattern');
      if (pattern === undefined || pattern === '') {
        throw ruleError(
          text,
          'it needs pattern=',
          'e.g. pattern=v(.*),group=1 (quote it when it holds a comma)',
        );
      }
      const regex = matchRegex(text, pattern);
      const group = attrs.get('group') ?? '0';
      if (!/^\d+$/.test(group)) throw ruleError(text, `group must be a whole number, not "${group}"`);
      // A regex with N groups has N + 1 entries in its match: count them on an empty alternative.
      const groups = new RegExp(`${regex.source}|`).exec('')?.length ?? 1;
      if (Number(group) >= groups) {
        throw ruleError(
          text,
          `group ${group} is not in the pattern, which has ${groups - 1} capturing group(s)`,
          'use group=0 for the whole match, or add a (…) group',
        );
      }
      break;
    }
    case 'edge': {
      if (attrs.get('branch') === '')
        throw ruleError(
          text,
          'branch= is empty',
          'name the branch, or leave branch= out for the default branch',
        );
      break;
    }
    case 'sha': {
      const format = attrs.get('format');
      if (format !== undefined && format !== 'short' && format !== 'long') {
        throw ruleError(text, `format must be short or long, not "${format}"`);
      }
      break;
    }
  }
  return rule;
}

/** Splits on commas outside double quotes; quotes are removed. */
function splitFields(text: string, ruleText: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  if (quoted) throw ruleError(ruleText, 'a double quote is not closed');
  fields.push(current.trim());
  return fields.filter((field) => field.length > 0);
}

function evaluate(
  rule: TagRule,
  ci: CiContext,
  notes: string[],
  now: Date,
): { values: string[]; release: boolean } {
  const ref = ci.ref ?? '';
  switch (rule.type) {
    case 'edge': {
      const branch = rule.attrs.get('branch') ?? ci.defaultBranch;
      if (branch === undefined) {
        notes.push(`${rule.text}: the default branch is not known here (set branch=)`);
        return { values: [], release: false };
      }
      if (ref !== `refs/heads/${branch}`) {
        notes.push(`${rule.text}: ${describeRef(ref)} is not branch ${branch}`);
        return { values: [], release: false };
      }
      return { values: ['edge'], release: false };
    }
    case 'schedule': {
      if (ci.event !== 'schedule') {
        notes.push(`${rule.text}: the event is ${ci.event ?? 'unknown here'}, not schedule`);
        return { values: [], release: false };
      }
      return {
        values: [renderSchedulePattern(rule.attrs.get('pattern') ?? DEFAULT_SCHEDULE_PATTERN, now)],
        release: false,
      };
    }
    case 'match': {
      const raw = rule.attrs.get('value') ?? gitTag(ref);
      if (raw === undefined) {
        notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
        return { values: [], release: false };
      }
      const found = matchRegex(rule.text, rule.attrs.get('pattern') ?? '').exec(raw);
      const value = found?.[Number(rule.attrs.get('group') ?? '0')];
      if (value === undefined || value === '') {
        notes.push(`${rule.text}: "${raw}" does not match${found === null ? '' : ' in that group'}`);
        return { values: [], release: false };
      }
      return { values: [value], release: true };
    }
    case 'sha': {
      if (ci.commitSha === undefined) {
        notes.push(`${rule.text}: no commit SHA is known here`);
        return { values: [], release: false };
      }
      return {
        values: [rule.attrs.get('format') === 'long' ? ci.commitSha : ci.commitSha.slice(0, 7)],
        release: false,
      };
    }
    case 'raw':
      return { values: [rule.attrs.get('value') ?? ''], release: false };
    case 'ref': {
      const event = rule.attrs.get('event');
      if (event === 'branch') {
        const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
        if (branch === undefined) {
          notes.push(`${rule.text}: ${describeRef(ref)} is not a branch`);
          return { values: [], release: false };
        }
        return { values: [sanitiseTag(branch, rule)], release: false };
      }
      if (event === 'tag') {
        const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
        if (tag === undefined) {
          notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
          return { values: [], release: false };
        }
        return { values: [sanitiseTag(tag, rule)], release: true };
      }
      const pr = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref)?.[1];
      if (pr === undefined) {
        notes.push(`${rule.text}: ${describeRef(ref)} is not a pull request`);
        return { values: [], release: false };
      }
      return { values: [pr], release: false };
    }
    case 'semver': {
      const raw = rule.attrs.get('value') ?? gitTag(ref);
      if (raw === undefined) {
        notes.push(`${rule.text}: ${describeRef(ref)} is not a tag`);
        return { values: [], release: false };
      }
      const version = parseSemver(raw);
      if (version === undefined) {
        notes.push(`${rule.text}: "${raw}" is not a semantic version`);
        return { values: [], release: false };
      }
      const pattern = rule.attrs.get('pattern') ?? '{{version}}';
      // A prerelease only ever gets its full version: 1.2 must not move to a release candidate.
      const effective =
        version.prerelease === undefined ? pattern : pattern.includes('{{raw}}') ? '{{raw}}' : '{{version}}';
      const value = effective.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
        switch (name) {
          case 'major':
            return String(version.major);
          case 'minor':
            return String(version.minor);
          case 'patch':
            return String(version.patch);
          case 'raw':
            return raw;
          default:
            return version.text;
        }
      });
      // `+build` metadata is not allowed in tags: it becomes `-build`, as metadata-action does.
      return { values: [value.replace(/\+/g, '-')], release: version.prerelease === undefined };
    }
  }
}

interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: string | undefined;
  /** `1.2.3-rc.1+build.5`, without a leading `v`. */
  readonly text: string;
}

/** A strict semantic version, with an optional leading `v` or `V` (git tags write both). */
function parseSemver(input: string): Semver | undefined {
  const parsed = parseVersion(input.trim().replace(/^V/, 'v'));
  if (parsed === null) return undefined;
  const prerelease = parsed.prerelease.length === 0 ? undefined : parsed.prerelease.join('.');
  const build = parsed.build.length === 0 ? '' : `+${parsed.build.join('.')}`;
  return {
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease,
    text: `${parsed.version}${build}`,
  };
}

/** The git tag a `refs/tags/…` ref names. */
function gitTag(ref: string): string | undefined {
  return ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}

/** A `type=match` pattern, compiled; refused with the rule's text when it is no regular expression. */
function matchRegex(rule: string, pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw ruleError(
      rule,
      `pattern is not a regular expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Branch and git tag names made fit for the tag grammar: other characters become `-`. */
export function sanitiseTag(value: string, rule?: Pick<TagRule, 'text'>): string {
  const cleaned = value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_TAG_LENGTH);
  if (cleaned.length === 0) {
    throw ruleError(rule?.text ?? 'tag', `"${value}" leaves nothing usable as a tag`);
  }
  return cleaned;
}

function checkTag(tag: string, rule: Pick<TagRule, 'text'>): void {
  if (isTag(tag)) return;
  const reason =
    tag.length > MAX_TAG_LENGTH
      ? `it is ${tag.length} characters long (at most ${MAX_TAG_LENGTH})`
      : tag.length === 0
        ? 'it is empty'
        : /^[.-]/.test(tag)
          ? 'it starts with "." or "-"'
          : `it contains ${JSON.stringify(tag.match(/[^\w.-]/)?.[0] ?? '?')}`;
  throw ruleError(
    rule.text,
    `tag "${tag}" is not a valid image tag: ${reason}`,
    'tags are 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"',
  );
}

function rulePriority(rule: TagRule): number {
  const priority = rule.attrs.get('priority');
  return priority === undefined ? DEFAULT_PRIORITY[rule.type] : Number(priority);
}

function defaultPrefix(rule: TagRule): string {
  if (rule.type === 'sha') return 'sha-';
  if (rule.type === 'ref' && rule.attrs.get('event') === 'pr') return 'pr-';
  return '';
}

function isRuleType(value: string): value is RuleType {
  return (RULE_TYPES as readonly string[]).includes(value);
}

function describeRef(ref: string): string {
  return ref === '' ? 'the ref (unknown here)' : `ref ${ref}`;
}

function ruleError(rule: string, message: string, fix?: string): SlipwayError {
  return new SlipwayError(message, { where: `tag rule "${rule}"`, ...(fix === undefined ? {} : { fix }) });
}

/** Parses a flavor's text form; exported for validating inputs early. */
export function parseFlavor(input: Flavor | string | readonly string[] | undefined): Flavor {
  if (input === undefined) return {};
  if (typeof input !== 'string' && !isStringArray(input)) return input;
  const entries = (typeof input === 'string' ? [input] : input)
    .flatMap((entry) => entry.split(/[\r\n,]+/))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  let flavor: { -readonly [K in keyof Flavor]: Flavor[K] } = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
    const where = { where: `flavor "${entry}"` };
    switch (key) {
      case 'latest':
        if (value !== 'auto' && value !== 'true' && value !== 'false') {
          throw new SlipwayError(`latest must be auto, true or false, not "${value}"`, where);
        }
        flavor = { ...flavor, latest: value === 'auto' ? 'auto' : value === 'true' };
        break;
      case 'prefix':
      case 'suffix': {
        // `prefix=v,onlatest=true` is accepted on one line, as metadata-action writes it.
        flavor = { ...flavor, [key]: value };
        break;
      }
      case 'onlatest':
        flavor = { ...flavor, onLatest: value === 'true' };
        break;
      default:
        throw new SlipwayError(`"${key}" is not a flavor setting`, {
          ...where,
          fix: 'use latest=, prefix=, suffix= or onlatest=',
        });
    }
  }
  return flavor;
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

/** `SOURCE_DATE_EPOCH` as seconds, or undefined; a malformed value is an error rather than ignored. */
export function readSourceDateEpoch(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new SlipwayError(`SOURCE_DATE_EPOCH "${raw}" is not a whole number of seconds`, {
      where: 'environment',
      fix: 'set it to the commit time, e.g. $(git log -1 --format=%ct)',
    });
  }
  return Number(raw);
}

/** The repository's web URL: clone URLs lose `.git`, scp-like `git@host:o/r` becomes `https://host/o/r`. */
function sourceUrl(ci: CiContext): string | undefined {
  const url = ci.repositoryUrl;
  if (url === undefined) return undefined;
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  const web =
    scp !== null ? `https://${scp[1]}/${scp[2]}` : url.replace(/^(?:git\+)?ssh:\/\/[^@/]+@/, 'https://');
  return web.replace(/\.git$/, '').replace(/\/+$/, '');
}

function repositoryName(ci: CiContext): string | undefined {
  const full = ci.githubRepository ?? sourceUrl(ci);
  if (full === undefined) return undefined;
  const last = full
    .split('/')
    .filter((part) => part.length > 0)
    .pop();
  return last === undefined || last.length === 0 ? undefined : last;
}
