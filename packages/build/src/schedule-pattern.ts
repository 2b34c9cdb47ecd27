// The `pattern=` of a `type=schedule` tag rule: text with `{{date 'FORMAT'}}` helpers, optionally
// `{{date 'FORMAT' tz='Area/City'}}`, as docker/metadata-action writes them. FORMAT takes the moment.js tokens
// people put in tags (YYYY YY MM M DD D HH H hh h mm m ss s SSS A a X x, `[literal]`); any other character
// is kept as written. Intl does the time-zone arithmetic, so no date library is loaded for a few tokens.

interface DateHelper {
  readonly format: string;
  readonly timeZone: string;
}

/** `{{date 'FORMAT'}}` or `{{date "FORMAT" tz="Zone"}}`; anything else inside `{{ }}` is refused. */
const HELPER = /\{\{\s*date\s+(['"])(.*?)\1(?:\s+tz=(['"])(.*?)\3)?\s*\}\}/g;
const TOKEN = /\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A|a|X|x/g;

/** Checks a pattern once, when the rule is read: its helpers and time zones. Returns the problem, if any. */
export function schedulePatternProblem(pattern: string): string | undefined {
  for (const match of pattern.matchAll(HELPER)) {
    const zone = match[4];
    if (zone !== undefined && !isTimeZone(zone)) return `time zone "${zone}" is not known`;
  }
  const other = /\{\{(.*?)\}\}/.exec(pattern.replace(HELPER, ''))?.[1];
  if (other !== undefined) return `{{${other}}} is not a helper it knows`;
  return undefined;
}

/** The pattern with each date helper replaced by `now` in its format and time zone (UTC by default). */
export function renderSchedulePattern(pattern: string, now: Date): string {
  return pattern.replace(HELPER, (_all, _q, format: string, _tq, zone: string | undefined) =>
    formatDate(now, { format, timeZone: zone ?? 'UTC' }),
  );
}

function formatDate(date: Date, helper: DateHelper): string {
  const parts = zonedParts(date, helper.timeZone);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const hour12 = parts.hour % 12 === 0 ? 12 : parts.hour % 12;
  return helper.format.replace(TOKEN, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY':
        return pad(parts.year, 4);
      case 'YY':
        return pad(parts.year % 100);
      case 'MM':
        return pad(parts.month);
      case 'M':
        return String(parts.month);
      case 'DD':
        return pad(parts.day);
      case 'D':
        return String(parts.day);
      case 'HH':
        return pad(parts.hour);
      case 'H':
        return String(parts.hour);
      case 'hh':
        return pad(hour12);
      case 'h':
        return String(hour12);
      case 'mm':
        return pad(parts.minute);
      case 'm':
        return String(parts.minute);
      case 'ss':
        return pad(parts.second);
      case 's':
        return String(parts.second);
      case 'SSS':
        return pad(date.getUTCMilliseconds(), 3);
      case 'A':
        return parts.hour < 12 ? 'AM' : 'PM';
      case 'a':
        return parts.hour < 12 ? 'am' : 'pm';
      case 'X':
        return String(Math.floor(date.getTime() / 1000));
      default:
        return String(date.getTime());
    }
  });
}

interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function zonedParts(date: Date, timeZone: string): ZonedParts {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(formatter.formatToParts(date).find((part) => part.type === type)?.value ?? Number.NaN);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}
