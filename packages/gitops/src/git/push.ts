/** What a push did. A rejection says whether retrying on a fresh fetch can help (`stale`) or not (`refused`). */
export type PushResult =
  | { ok: true }
  | {
      ok: false;
      /** `stale`: the branch moved since it was fetched (or was created meanwhile); fetch again and retry. */
      kind: 'stale' | 'refused';
      branch?: string;
      /** Redacted. */
      message: string;
      /** How to get past a refusal, when the remote's kind tells more than the generic advice (CodeCommit: IAM). */
      fix?: string;
    };

/** One ref line of `git push --porcelain`: `<flag>\t<from>:<to>\t<summary> (<reason>)`. */
export interface PushedRef {
  flag: string;
  from: string;
  to: string;
  summary: string;
  reason: string | undefined;
}

/** The ref lines of `git push --porcelain` output. */
export function parsePorcelain(stdout: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^([ +\-*!=])\t([^\t]*)\t(.*)$/.exec(line.replace(/\r$/, ''));
    if (match === null) continue;
    const [, flag = '', spec = '', rest = ''] = match;
    const colon = spec.lastIndexOf(':');
    const summaryMatch = /^(\[[^\]]*\]|\S+)(?:\s+\((.*)\))?\s*$/.exec(rest);
    refs.push({
      flag,
      from: colon === -1 ? spec : spec.slice(0, colon),
      to: colon === -1 ? spec : spec.slice(colon + 1),
      summary: summaryMatch?.[1] ?? rest,
      reason: summaryMatch?.[2],
    });
  }
  return refs;
}

/**
 * Wordings that mean "the branch is not where you fetched it": fetch again and retry. Plain git (client and
 * receive-pack), GitHub, GitLab/Gitaly and Bitbucket. Slipway never forces, so a forge refusing a "force push"
 * also means the branch moved under us.
 */
export const STALE_PATTERNS: RegExp[] = [
  /fetch first/i,
  /non-fast-forward/i,
  /cannot lock ref/i,
  /is at [0-9a-f]+ but expected/i,
  /incorrect old value provided/i,
  /stale info/i,
  /failed to update ref/i,
  /unable to create '[^']*\.lock': file exists/i,
  /reference already exists/i,
  /^already exists$/i,
  /needs force/i,
  /updates were rejected because the (?:tip|remote)/i,
  /remote contains work that you do\s+not/i,
  /tip of your current branch is behind/i,
  // GitLab / Gitaly
  /not allowed to force push/i,
  /reference (?:update|transaction) failed/i,
  /does not point to (?:the )?expected/i,
  /expected old (?:value|object|oid)/i,
  /ref(?:erence)? .*(?:was|has been) (?:updated|modified|changed)/i,
  /please (?:refresh|pull|fetch) and try again/i,
  // Bitbucket
  /modified concurrently|concurrent (?:update|modification)/i,
  /is out of date/i,
];

/** Wordings that mean "you may not do this": retrying will not help. */
export const REFUSED_PATTERNS: RegExp[] = [
  /hook declined/i,
  /protected branch/i,
  /branch restriction/i,
  /permission/i,
  /not allowed/i,
  /denied|declined|forbidden|unauthori[sz]ed/i,
  /authentication failed|could not read (?:username|password)|terminal prompts disabled/i,
  /returned error: 40[13]/i,
  /GH00\d|GH013|repository rule violations/i,
  /refusing to update checked out branch/i,
  /shallow update not allowed/i,
  /hidden ref/i,
  /read[- ]only/i,
];

const matches = (patterns: RegExp[], text: string): boolean =>
  patterns.some((pattern) => text.split('\n').some((line) => pattern.test(line.trim())));

/** `remote:` lines of stderr: what the server (or its hooks) said. */
function remoteLines(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).trim())
    .join('\n');
}

function branchOf(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}

/**
 * Reads the outcome of `git push --porcelain`. Returns `undefined` when the push failed without the server
 * rejecting any ref and without an auth refusal — a transport error the caller turns into a GitError.
 */
export function classifyPush(code: number, stdout: string, stderr: string): PushResult | undefined {
  const refs = parsePorcelain(stdout);
  const rejected = refs.filter((ref) => ref.flag === '!');
  if (code === 0 && rejected.length === 0) return { ok: true };

  const remote = remoteLines(stderr);
  const described = (ref: PushedRef): string =>
    `${branchOf(ref.to)}: ${ref.summary}${ref.reason === undefined ? '' : ` (${ref.reason})`}`;
  // An atomic push marks the innocent refs "atomic push failed"; the culprit carries the real reason.
  const real = rejected.filter((ref) => !/atomic push failed/i.test(ref.reason ?? ''));
  const culprits = real.length > 0 ? real : rejected;

  if (culprits.length > 0) {
    const kinds = culprits.map((ref) => {
      const reason = ref.reason ?? '';
      if (ref.summary === '[rejected]') return 'stale' as const; // client-side: the remote tip is not our parent
      if (ref.summary === '[remote failure]') return 'transport' as const;
      if (matches(STALE_PATTERNS, reason)) return 'stale' as const;
      if (/hook declined|^failed$/i.test(reason) && matches(STALE_PATTERNS, remote)) return 'stale' as const;
      return 'refused' as const;
    });
    const pick = (kind: 'stale' | 'refused') => culprits.find((_, index) => kinds[index] === kind);
    // Refused wins: a retry cannot fix it, so saying "stale" would only loop.
    const refused = pick('refused');
    const stale = pick('stale');
    const culprit = refused ?? stale;
    if (culprit === undefined) return undefined;
    const details = [culprits.map(described).join('; '), remote].filter((part) => part !== '').join('\n');
    return {
      ok: false,
      kind: refused === undefined ? 'stale' : 'refused',
      branch: branchOf(culprit.to),
      message: details,
    };
  }

  // No ref line: git stopped before or while talking to the server.
  const text = `${stderr}\n${stdout}`;
  const message = stderr.trim() === '' ? stdout.trim() : stderr.trim();
  if (matches(STALE_PATTERNS, text)) return { ok: false, kind: 'stale', message };
  if (matches(REFUSED_PATTERNS, text)) return { ok: false, kind: 'refused', message };
  return undefined;
}
