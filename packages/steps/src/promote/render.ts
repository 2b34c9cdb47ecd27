import { shortDigest } from '@slipway/oci/reference';
import { configRepoLinks } from '../config-repo-links.js';
import type { StepContext } from '../definition/step.js';
import type { PromoteResult } from './step.js';

function cell(text: string): string {
  return `\`${text.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}

function link(text: string, url: string | undefined): string {
  return url === undefined ? text : `[${text}](${url})`;
}

/**
 * The step summary. Commits, branches and changed lines link to the config repo's pages where its host has
 * them (GitHub, the CodeCommit console: `configRepoLinks`), and only to what exists once the step is done:
 * nothing a dry run did not push, no branch a dry run or a pull request has not created.
 */
export function promoteSummary(result: PromoteResult, context: StepContext): string {
  const links = configRepoLinks(result.configRepo, context);
  const sections = result.outcomes.map((outcome) => {
    const pr = outcome.pullRequest;
    // The commit this step left on the branch: pushed, not a pull request's head.
    const landed = result.dryRun || pr !== undefined ? null : outcome.commit;
    const commit =
      pr !== undefined
        ? `pull request [#${pr.number}](${pr.url}) ${pr.created ? 'opened' : 'updated'}${pr.approvalRule === undefined ? '' : `, approval rule from template \`${pr.approvalRule.template}\``}`
        : outcome.noop
          ? 'no change (already pinned)'
          : outcome.commit === null
            ? 'dry run through the API (nothing written)'
            : landed === null
              ? `\`${outcome.commit.slice(0, 12)}\` (dry run, not pushed)`
              : link(`\`${landed.slice(0, 12)}\``, links?.commit(landed));
    const branchExists = !outcome.created || landed !== null;
    const branch = link(`\`${outcome.branch}\``, branchExists ? links?.branch(outcome.branch) : undefined);
    const header = `### Promote to \`${outcome.env}\` (${branch}): ${commit}`;
    const images = outcome.images
      .map(
        (i) =>
          `- ${i.name}${i.tag === undefined ? '' : `:${i.tag}`}${i.digest === undefined ? '' : ` (${shortDigest(i.digest)})`}`,
      )
      .join('\n');
    if (outcome.changes.length === 0) return `${header}\n\n${images}\n`;
    const rows = outcome.changes.map((change) => {
      const file = link(
        cell(change.file),
        landed === null ? undefined : links?.file(landed, change.file, change.line),
      );
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
