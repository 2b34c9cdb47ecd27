/** Maps source offsets to 1-based line numbers. */
export class Lines {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line holding `offset`. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset of the start of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.starts[this.line(offset) - 1] ?? 0;
  }
}

/** Offset of the line break ending the line that holds `offset` (`\r` of a CRLF), or the text length. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** The line break the file mostly uses. */
export function dominantEol(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** The line break at `offset` (which must point at `\r` or `\n`), or the file's usual one at the end. */
export function eolAt(text: string, offset: number): string {
  if (text.startsWith('\r\n', offset)) return '\r\n';
  if (text[offset] === '\n') return '\n';
  return dominantEol(text);
}
