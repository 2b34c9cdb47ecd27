// What is kept of a child's output, whichever way it was started (`runProcess` or `runTool`): the end of
// stdout and stderr, and each line as it comes for a log sink.

import { StringDecoder } from 'node:string_decoder';

/** How much of stderr is kept for an error message, by default. */
export const STDERR_TAIL_BYTES = 64 * 1024;

/** How much of stdout is kept, by default. */
export const STDOUT_TAIL_BYTES = STDERR_TAIL_BYTES * 4;

/** The last `limit` bytes of a stream, kept as the chunks came (no copy until the end). */
export class TailBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Drop whole chunks from the front while what remains still covers the limit.
    let first = this.chunks[0];
    while (first !== undefined && this.chunks.length > 1 && this.size - first.length >= this.limit) {
      this.chunks.shift();
      this.size -= first.length;
      first = this.chunks[0];
    }
  }

  bytes(): Buffer {
    const all = Buffer.concat(this.chunks, this.size);
    return all.length > this.limit ? all.subarray(all.length - this.limit) : all;
  }
}

/** Cuts one stream into lines for `sink` (none kept when there is no sink). */
export interface LineSplitter {
  push(chunk: Buffer): void;
  /** Gives the last line, which had no newline. */
  flush(): void;
}

export function lineSplitter(sink: ((line: string) => void) | undefined): LineSplitter {
  // A character split across two chunks is decoded whole.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    push(chunk) {
      if (sink === undefined) return;
      pending += decoder.write(chunk);
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) sink(line);
    },
    flush() {
      if (sink === undefined) return;
      pending += decoder.end();
      if (pending !== '') sink(pending);
      pending = '';
    },
  };
}
