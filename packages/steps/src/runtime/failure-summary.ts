import { secretForms } from '@slipway/ci';
import { SlipwayError } from '@slipway/errors';

/**
 * The step summary of a failed step: what failed, where and the fix, so the run's page says it without
 * opening the log. `secrets` are the values the step masked: the runner hides them in the log, and they are
 * replaced here too, since the summary file is not the log.
 */
export function failureSummary(title: string, error: unknown, secrets: readonly string[]): string {
  const redact = redactor(secrets);
  const rows: [string, string][] = [];
  if (error instanceof SlipwayError) {
    rows.push(['What failed', inline(redact(error.message))]);
    if (error.where !== undefined) rows.push(['Where', code(redact(error.where))]);
    if (error.fix !== undefined) rows.push(['Fix', inline(redact(error.fix))]);
  } else {
    rows.push(['What failed', inline(redact(error instanceof Error ? error.message : String(error)))]);
    // Not an error Slipway expected: the stack is in the log with RUNNER_DEBUG=1.
    rows.push(['Fix', 'run the job again with debug logging on to see where it failed, and report it']);
  }
  return `## ❌ ${inline(title)} failed\n\n${rows.map(([name, value]) => `**${name}:** ${value}`).join('\n\n')}\n`;
}

function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((acc, secret) => acc.split(secret).join('***'), text);
}

/** Text from anywhere (a config file, a server's error) as one line of Markdown that renders as written. */
function inline(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** A code span that holds any text: its fence is longer than any run of backticks inside. */
function code(text: string): string {
  const one = text.replace(/\s*\r?\n\s*/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}
