import { shortDigest } from '@slipway/oci';
import type { StepContext } from '../definition/step.js';
import type { PromoteResult } from './step.js';

/** `https://github.com/o/r` for a config repo hosted on the GitHub the run is on, for links. */
function githubWebUrl(configRepo: string, context: StepContext): string | undefined {
  const server = context.ci.serverUrl ?? 'https://github.com';
  const host = new URL(server).host;
  const match = new RegExp(
    `^(?:https://(?:[^@/]+@)?${escapeRegExp(host)}/|git@${escapeRegExp(host)}:)([^/]+/[^/]+?)(?:\\.git)?/?$`,
  ).exec(configRepo);
  return match === null ? undefined : `${server}/${match[1]}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cell(text: string): string {
  return `\`${text.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

export function promoteSummary(result: PromoteResult, context: StepContext): string {
  const web = githubWebUrl(result.configRepo, context);
  const sections = result.outcomes.map((outcome) => {
    const pr = outcome.pullRequest;
    const commit =
      pr !== undefined
        ? `pull request [#${pr.number}](${pr.url}) ${pr.created ? 'opened' : 'updated'}${pr.approvalRule === undefined ? '' : `, approval rule from template \`${pr.approvalRule.template}\``}`
        : outcome.noop
          ? 'no change (already pinned)'
          : outcome.commit === null
            ? 'dry run through the API (nothing written)'
            : web === undefined || result.dryRun
              ? `\`${outcome.commit.slice(0, 12)}\`${result.dryRun ? ' (dry run, not pushed)' : ''}`
              : `[\`${outcome.commit.slice(0, 12)}\`](${web}/commit/${outcome.commit})`;
    const header = `### Promote to \`${outcome.env}\` (\`${outcome.branch}\`): ${commit}`;
    const images = outcome.images
      .map(
        (i) =>
          `- ${i.name}${i.tag === undefined ? '' : `:${i.tag}`}${i.digest === undefined ? '' : ` (${shortDigest(i.digest)})`}`,
      )
      .join('\n');
    if (outcome.changes.length === 0) return `${header}\n\n${images}\n`;
    const rows = outcome.changes.map((change) => {
      const file =
        web === undefined || outcome.commit === null || result.dryRun || pr !== undefined
          ? cell(change.file)
          : `[${cell(change.file)}](${web}/blob/${outcome.commit}/${change.file}#L${change.line})`;
      return `| ${file} | ${change.line} | ${cell(change.before)} → ${cell(change.after)} |`;
    });
    const attempts =
      outcome.attempts > 1
        ? `\n\nLanded on attempt ${outcome.attempts}: other pipelines moved the branch meanwhile.`
        : '';
    return `${header}\n\n${images}\n\n| File | Line | Before → after |\n| --- | ---: | --- |\n${rows.join('\n')}${attempts}\n`;
  });
  return `## Slipway promote\n\n${sections.join('\n')}`;
}

export function promoteText(result: PromoteResult): string {
  const lines: string[] = [];
  for (const outcome of result.outcomes) {
    const pr = outcome.pullRequest;
    const what = outcome.noop
      ? 'nothing to change: already pinned'
      : pr !== undefined
        ? `pull request #${pr.number} ${pr.created ? 'opened' : 'updated'}: ${pr.url} (${pr.head} at ${(outcome.commit ?? '').slice(0, 12)}, ${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'}${pr.approvalRule === undefined ? '' : `, approval rule from template ${pr.approvalRule.template}`})`
        : `${result.dryRun ? 'would commit' : 'committed'} ${outcome.commit === null ? '(nothing written through the API)' : outcome.commit.slice(0, 12)} (${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'}${outcome.attempts > 1 ? `, ${outcome.attempts} attempts` : ''})`;
    lines.push(`${outcome.branch}: ${what}`);
    for (const change of outcome.changes)
      lines.push(`  ${change.file}:${change.line}  ${change.before} -> ${change.after}`);
    if (result.dryRun && outcome.diff !== undefined && outcome.diff !== '')
      lines.push('', outcome.diff.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
