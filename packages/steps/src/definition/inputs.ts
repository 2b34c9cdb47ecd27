import { SlipwayError } from '@slipway/errors';

/** What `action.yml` and `--help` say of an input; the same facts drive parsing on both faces. */
export interface InputMeta {
  readonly description: string;
  readonly required: boolean;
  /** The default as written in action.yml and shown in --help. */
  readonly default?: string;
  readonly kind: 'string' | 'list' | 'boolean' | 'integer' | 'enum';
  readonly values?: readonly string[];
  /** Never read from argv; on the CLI it comes from the environment variables in `env`. */
  readonly secret: boolean;
  /** Environment variables consulted when the input is not given, first match wins. */
  readonly env: readonly string[];
  /**
   * A URL that may carry credentials (`https://user:token@host/…`). Accepted with them from the environment
   * and the action input (both masked); refused on argv, where every user of the machine can read them.
   */
  readonly credentialsInUrl: boolean;
}

/** A raw value as a face hands it over: a string, several strings, a flag, or nothing. */
export type RawValue = string | readonly string[] | boolean | undefined;

/** What reading one raw value gave: the typed value, or why it is refused (`is required`, …). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/**
 * One input: its description, and its schema as a function. Input kinds are few and flat (text, lists,
 * flags, bounded integers, enums), so each is a small parser here rather than a schema library, which
 * would cost every CLI run and action start tens of milliseconds to load.
 */
export interface Input<T> {
  readonly meta: InputMeta;
  readonly parse: (raw: RawValue) => Parsed<T>;
}

export type InputTable = Record<string, Input<unknown>>;
export type InputValues<I extends InputTable> = { [K in keyof I]: I[K] extends Input<infer T> ? T : never };

interface Common {
  readonly env?: readonly string[];
  readonly credentialsInUrl?: boolean;
}

/** Lists arrive as repeated flags or newline-separated text (the action form); both become one array. */
function toList(raw: RawValue): string[] {
  if (raw === undefined || typeof raw === 'boolean') return [];
  const parts = typeof raw === 'string' ? [raw] : raw;
  return parts
    .flatMap((part) => part.split(/\r?\n/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function toText(raw: RawValue): string | undefined {
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const text = typeof raw === 'string' ? raw : raw.at(-1);
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function refused<T>(message: string): Parsed<T> {
  return { ok: false, message };
}

export const input = {
  string(description: string, options: Common & { secret?: boolean } = {}): Input<string | undefined> {
    return {
      meta: {
        description,
        required: false,
        kind: 'string',
        secret: options.secret ?? false,
        env: options.env ?? [],
        credentialsInUrl: options.credentialsInUrl ?? false,
      },
      parse: (raw) => ok(toText(raw)),
    };
  },
  /**
   * An optional string of a known shape (a commit id, a URL): `check` turns it into its typed value or says
   * why not, and the refusal names the input as the face spells it.
   */
  checkedString(
    description: string,
    check: (text: string) => Parsed<string>,
    options: Common = {},
  ): Input<string | undefined> {
    return {
      meta: {
        description,
        required: false,
        kind: 'string',
        secret: false,
        env: options.env ?? [],
        credentialsInUrl: options.credentialsInUrl ?? false,
      },
      parse: (raw) => {
        const text = toText(raw);
        return text === undefined ? ok(undefined) : check(text);
      },
    };
  },
  requiredString(description: string, options: Common = {}): Input<string> {
    return {
      meta: {
        description,
        required: true,
        kind: 'string',
        secret: false,
        env: options.env ?? [],
        credentialsInUrl: options.credentialsInUrl ?? false,
      },
      parse: (raw) => {
        const value = toText(raw);
        return value === undefined ? refused('is required') : ok(value);
      },
    };
  },
  stringWithDefault(description: string, fallback: string, options: Common = {}): Input<string> {
    return {
      meta: {
        description,
        required: false,
        default: fallback,
        kind: 'string',
        secret: false,
        env: options.env ?? [],
        credentialsInUrl: options.credentialsInUrl ?? false,
      },
      parse: (raw) => ok(toText(raw) ?? fallback),
    };
  },
  list(description: string, options: Common & { required?: boolean } = {}): Input<string[]> {
    const required = options.required ?? false;
    return {
      meta: {
        description,
        required,
        kind: 'list',
        secret: false,
        env: options.env ?? [],
        credentialsInUrl: options.credentialsInUrl ?? false,
      },
      parse: (raw) => {
        const values = toList(raw);
        return required && values.length === 0 ? refused('is required') : ok(values);
      },
    };
  },
  boolean(description: string, fallback: boolean): Input<boolean> {
    return {
      meta: {
        description,
        required: false,
        default: String(fallback),
        kind: 'boolean',
        secret: false,
        env: [],
        credentialsInUrl: false,
      },
      parse: (raw) => {
        if (typeof raw === 'boolean') return ok(raw);
        const value = toText(raw);
        if (value === undefined) return ok(fallback);
        if (/^(true|yes|on|1)$/i.test(value)) return ok(true);
        if (/^(false|no|off|0)$/i.test(value)) return ok(false);
        return refused('must be true or false');
      },
    };
  },
  integer(description: string, fallback: number, range: { min: number; max: number }): Input<number> {
    return {
      meta: {
        description,
        required: false,
        default: String(fallback),
        kind: 'integer',
        secret: false,
        env: [],
        credentialsInUrl: false,
      },
      parse: (raw) => {
        const text = toText(raw);
        if (text === undefined) return ok(fallback);
        if (!/^-?\d+$/.test(text)) return refused('must be a whole number');
        const value = Number(text);
        if (value < range.min) return refused(`must be at least ${range.min}`);
        if (value > range.max) return refused(`must be at most ${range.max}`);
        return ok(value);
      },
    };
  },
  oneOf<const V extends readonly [string, ...string[]]>(
    description: string,
    values: V,
    fallback: V[number],
  ): Input<V[number]> {
    return {
      meta: {
        description,
        required: false,
        default: fallback,
        kind: 'enum',
        values,
        secret: false,
        env: [],
        credentialsInUrl: false,
      },
      parse: (raw) => {
        const value = toText(raw) ?? fallback;
        return values.includes(value) ? ok(value) : refused(`must be one of ${values.join(', ')}`);
      },
    };
  },
  /** An enum whose absence is told apart from any value (e.g. a flag a policy may override, when given). */
  optionalOneOf<const V extends readonly [string, ...string[]]>(
    description: string,
    values: V,
  ): Input<V[number] | undefined> {
    return {
      meta: {
        description,
        required: false,
        kind: 'enum',
        values,
        secret: false,
        env: [],
        credentialsInUrl: false,
      },
      parse: (raw) => {
        const value = toText(raw);
        if (value === undefined) return ok(undefined);
        return values.includes(value) ? ok(value) : refused(`must be one of ${values.join(', ')}`);
      },
    };
  },
};

/**
 * Turns the raw values of one call into typed values, once, at the edge. Environment fallbacks apply to
 * inputs not given. Errors name the input as the face spells it (`--config-repo` or `config-repo`).
 */
export function parseInputs<I extends InputTable>(
  table: I,
  raw: Readonly<Record<string, RawValue>>,
  env: Readonly<Record<string, string | undefined>>,
  spell: (name: string) => string,
): InputValues<I> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    let value = raw[name];
    if (isEmpty(value)) {
      const fromEnv = spec.meta.env.map((key) => env[key]).find((v) => v !== undefined && v !== '');
      if (fromEnv !== undefined) value = fromEnv;
    }
    const parsed = spec.parse(value);
    if (!parsed.ok) {
      const hint = spec.meta.env.length > 0 ? ` (or set ${spec.meta.env.join(' or ')})` : '';
      throw new SlipwayError(`${spell(name)} ${parsed.message}${hint}`, { fix: spec.meta.description });
    }
    values[name] = parsed.value;
  }
  return values as InputValues<I>;
}

function isEmpty(value: RawValue): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'boolean') return false;
  return value.length === 0;
}
