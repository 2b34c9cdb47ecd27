// Byte progress of long transfers (blob uploads and downloads): which updates are worth a line, and the
// line. Steps report every update; the meter throttles them, so a step never has to think about time.

/** Where one transfer stands. `total` may shrink while it runs (blobs found already there move nothing). */
export interface TransferProgress {
  /** Names the transfer, e.g. `copy to registry.example.com/shop/cart`. One meter per label. */
  readonly label: string;
  /** Bytes moved so far. */
  readonly done: number;
  /** Bytes to move in all. */
  readonly total: number;
}

export interface ProgressMeterOptions {
  /** Least time between two lines. */
  readonly intervalMs: number;
  /** Milliseconds from any fixed origin; injected by tests. Default `performance.now`. */
  readonly now?: () => number;
  /** Transfers smaller than this print nothing: they are over before a line would help. Default 1 MiB. */
  readonly minTotalBytes?: number;
}

/** A line to print: `final` ends the transfer (a terminal then leaves the line in place). */
export interface ProgressLine {
  readonly text: string;
  readonly final: boolean;
}

const DEFAULT_MIN_TOTAL = 1024 * 1024;

/**
 * Turns a transfer's updates into lines: the first after one interval (a transfer done sooner prints
 * nothing), then at most one per interval, and a last one at the end when any was printed. The rate is the
 * average since the first update, so a pause shows as a falling rate rather than a frozen one.
 */
export function progressMeter(
  options: ProgressMeterOptions,
): (update: TransferProgress) => ProgressLine | undefined {
  const now = options.now ?? (() => performance.now());
  const minTotal = options.minTotalBytes ?? DEFAULT_MIN_TOTAL;
  let start: number | undefined;
  let lastLine: number | undefined;
  let printed = false;
  let ended = false;
  return (update) => {
    if (ended) return undefined;
    const time = now();
    start ??= time;
    lastLine ??= time;
    const final = update.done >= update.total;
    if (final) ended = true;
    if (!final && (update.total < minTotal || time - lastLine < options.intervalMs)) return undefined;
    if (final && !printed) return undefined;
    printed = true;
    lastLine = time;
    return { text: progressText(update, time - start), final };
  };
}

/** `copy: 12.0 MiB of 200.0 MiB (6%), 45.1 MiB/s, 4 s left`. */
export function progressText(update: TransferProgress, elapsedMs: number): string {
  const done = Math.min(update.done, update.total);
  const percent = update.total === 0 ? 100 : Math.floor((done / update.total) * 100);
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const left =
    done >= update.total
      ? 'done'
      : rate > 0
        ? `${formatDuration((update.total - done) / rate)} left`
        : 'time left unknown';
  return `${update.label}: ${formatBytes(done)} of ${formatBytes(update.total)} (${percent}%), ${formatBytes(rate)}/s, ${left}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * One meter per transfer label, for a reporter: `write` gets each line worth printing. A label's meter is
 * dropped once its transfer ends, so the same label can start again (a second copy in one run).
 */
export function progressMeters(
  options: ProgressMeterOptions,
  write: (line: ProgressLine) => void,
): (update: TransferProgress) => void {
  const meters = new Map<string, (update: TransferProgress) => ProgressLine | undefined>();
  return (update) => {
    let meter = meters.get(update.label);
    if (meter === undefined) {
      meter = progressMeter(options);
      meters.set(update.label, meter);
    }
    const line = meter(update);
    if (update.done >= update.total) meters.delete(update.label);
    if (line !== undefined) write(line);
  };
}
