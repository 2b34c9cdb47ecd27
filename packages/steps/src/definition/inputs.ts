import { SlipwayError } from '@slipway/errors';
import { z } from 'zod';

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
}

/** A raw value as a face hands it over: a string, several strings, a flag, or nothing. */
export type RawValue = string | readonly string[] | boolean | undefined;

export interface Input<T> {
  readonly meta: InputMeta;
  readonly schema: z.ZodType<T>;
}

export type InputTable = Record<string, Input<unknown>>;
export type InputValues<I extends InputTable> = { [K in keyof I]: I[K] extends Input<infer T> ? T : never };

interface Common {
  readonly env?: readonly string[];
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

const text = z.string();

export const input = {
  string(description: string, options: Common & { secret?: boolean } = {}): Input<string | undefined> {
    return {
      meta: {
        description,
        required: false,
        kind: 'string',
        secret: options.secret ?? false,
        env: options.env ?? [],
      },
      schema: z.preprocess(toText, text.optional()),
    };
  },
  requiredString(description: string, options: Common = {}): Input<string> {
    return {
      meta: { description, required: true, kind: 'string', secret: false, env: options.env ?? [] },
      schema: z.preprocess(toText, z.string({ error: 'is required' })),
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
      },
      schema: z.preprocess((raw: RawValue) => toText(raw) ?? fallback, text),
    };
  },
  list(description: string, options: Common & { required?: boolean } = {}): Input<string[]> {
    const required = options.required ?? false;
    return {
      meta: { description, required, kind: 'list', secret: false, env: options.env ?? [] },
      schema: z.preprocess(toList, required ? z.array(text).min(1, 'is required') : z.array(text)),
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
      },
      schema: z.preprocess(
        (raw: RawValue) => {
          if (typeof raw === 'boolean') return raw;
          const value = toText(raw);
          if (value === undefined) return fallback;
          if (/^(true|yes|on|1)$/i.test(value)) return true;
          if (/^(false|no|off|0)$/i.test(value)) return false;
          return value;
        },
        z.boolean({ error: 'must be true or false' }),
      ),
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
      },
      schema: z.preprocess(
        (raw: RawValue) => {
          const value = toText(raw);
          return value === undefined ? fallback : /^-?\d+$/.test(value) ? Number(value) : value;
        },
        z
          .number({ error: 'must be a whole number' })
          .int()
          .min(range.min, `must be at least ${range.min}`)
          .max(range.max, `must be at most ${range.max}`),
      ),
    };
  },
  oneOf<const V extends readonly [string, ...string[]]>(
    description: string,
    values: V,
    fallback: V[number],
  ): Input<V[number]> {
    return {
      meta: { description, required: false, default: fallback, kind: 'enum', values, secret: false, env: [] },
      schema: z.preprocess(
        (raw: RawValue) => toText(raw) ?? fallback,
        z.enum(values, { error: `must be one of ${values.join(', ')}` }),
      ),
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
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const hint = spec.meta.env.length > 0 ? ` (or set ${spec.meta.env.join(' or ')})` : '';
      throw new SlipwayError(`${spell(name)} ${issue?.message ?? 'is not valid'}${hint}`, {
        fix: spec.meta.description,
      });
    }
    values[name] = parsed.data;
  }
  return values as InputValues<I>;
}

function isEmpty(value: RawValue): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'boolean') return false;
  return value.length === 0;
}
