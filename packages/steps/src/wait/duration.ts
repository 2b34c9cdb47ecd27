import { SlipwayError } from '@slipway/errors';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `15m`, `90s`, `1h`, `1h30m`, `500ms` → milliseconds; `where` names the flag in errors. */
export function parseDuration(text: string, where: string): number {
  const value = text.trim();
  const parts = [...value.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (value === '' || parts.map((part) => part[0]).join('') !== value) {
    throw new SlipwayError(`"${text}" is not a duration`, {
      where,
      fix: 'write a number and a unit: 90s, 15m, 1h, 1h30m or 500ms',
    });
  }
  const ms = parts.reduce((sum, part) => sum + Number(part[1]) * (UNITS[part[2] ?? ''] ?? 0), 0);
  if (ms <= 0) throw new SlipwayError(`"${text}" must be longer than zero`, { where });
  return ms;
}

/** 900000 → `15m`, 5400000 → `1h30m`, 50 → `50ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text = `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 ? `${seconds}s` : ''}`;
  return text === '' ? '0s' : text;
}
