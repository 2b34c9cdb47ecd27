// A small RFC 8259 JSON reader that refuses what `JSON.parse` silently accepts: duplicate object keys
// (JSON.parse keeps the last one, so a signed payload could say two things). Objects keep key order.

export class StrictJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'StrictJsonError';
  }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;

/** Parses `text` as exactly one JSON value; throws {@link StrictJsonError} on any error or duplicate key. */
export function parseStrictJson(text: string): JsonValue {
  const reader = new Reader(text);
  reader.space();
  const value = reader.value(0);
  reader.space();
  if (reader.offset !== text.length)
    throw new StrictJsonError('unexpected text after the JSON value', reader.offset);
  return value;
}

class Reader {
  offset = 0;
  constructor(private readonly text: string) {}

  space(): void {
    while (this.offset < this.text.length) {
      const c = this.text[this.offset];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return;
      this.offset++;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new StrictJsonError('nesting too deep', this.offset);
    const c = this.text[this.offset];
    switch (c) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        throw new StrictJsonError(
          c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`,
          this.offset,
        );
    }
  }

  object(depth: number): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = Object.create(null);
    const seen = new Set<string>();
    this.offset++; // {
    this.space();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return { ...result };
    }
    for (;;) {
      if (this.text[this.offset] !== '"') throw new StrictJsonError('expected a string key', this.offset);
      const keyOffset = this.offset;
      const key = this.string();
      if (seen.has(key)) throw new StrictJsonError(`duplicate key ${JSON.stringify(key)}`, keyOffset);
      seen.add(key);
      this.space();
      this.expect(':');
      this.space();
      result[key] = this.value(depth + 1);
      this.space();
      const next = this.text[this.offset];
      this.offset++;
      if (next === '}') break;
      if (next !== ',') throw new StrictJsonError('expected "," or "}"', this.offset - 1);
      this.space();
    }
    // A plain object (the null-prototype one guarded against a "__proto__" key while filling).
    const plain: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(result))
      Object.defineProperty(plain, key, {
        value: result[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return plain;
  }

  array(depth: number): JsonValue[] {
    const result: JsonValue[] = [];
    this.offset++; // [
    this.space();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.offset];
      this.offset++;
      if (next === ']') return result;
      if (next !== ',') throw new StrictJsonError('expected "," or "]"', this.offset - 1);
      this.space();
    }
  }

  string(): string {
    const start = this.offset;
    this.offset++; // "
    for (;;) {
      const c = this.text.charCodeAt(this.offset);
      if (Number.isNaN(c)) throw new StrictJsonError('unterminated string', start);
      if (c === 0x22) break;
      if (c < 0x20) throw new StrictJsonError('control character in string', this.offset);
      if (c === 0x5c) {
        const escaped = this.text[this.offset + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))) {
            throw new StrictJsonError('invalid \\u escape', this.offset);
          }
          this.offset += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped))
          throw new StrictJsonError('invalid escape', this.offset);
        this.offset += 2;
        continue;
      }
      this.offset++;
    }
    this.offset++; // closing "
    // The grammar is checked; JSON.parse decodes the escapes of this one well-formed string.
    return JSON.parse(this.text.slice(start, this.offset)) as string;
  }

  number(): number {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(
      this.text.slice(this.offset, this.offset + 400),
    );
    if (match === null) throw new StrictJsonError('invalid number', this.offset);
    this.offset += match[0].length;
    return Number(match[0]);
  }

  literal<T extends JsonValue>(word: string, value: T): T {
    if (this.text.slice(this.offset, this.offset + word.length) !== word) {
      throw new StrictJsonError('invalid literal', this.offset);
    }
    this.offset += word.length;
    return value;
  }

  expect(c: string): void {
    if (this.text[this.offset] !== c) throw new StrictJsonError(`expected ${JSON.stringify(c)}`, this.offset);
    this.offset++;
  }
}
