// GitHub's rules for the GITHUB_TOKEN permissions of reusable workflows, as far as a static check can apply
// them: a called workflow's jobs may keep or lower what the calling job grants, never raise it. GitHub checks
// this when the run starts, for every job of every called workflow (nested calls included) whatever its
// `if:` says, and refuses the whole run when one job asks for more.

/** The scopes a `permissions:` block can name (`read-all`/`write-all` set each of them). */
export const PERMISSION_SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;

export type PermissionScope = (typeof PERMISSION_SCOPES)[number];
export type PermissionLevel = 'none' | 'read' | 'write';
/** Every scope with its level: what a job's token may do. */
export type Grant = Readonly<Record<PermissionScope, PermissionLevel>>;

const RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

/** A workflow file, as far as the check reads it. */
export interface WorkflowDocument {
  readonly permissions?: unknown;
  readonly jobs?: Readonly<Record<string, { readonly permissions?: unknown; readonly uses?: unknown }>>;
}

/** Reads a workflow this repository holds, by its path from the repository root, or undefined. */
export type WorkflowLoader = (path: string) => WorkflowDocument | undefined;

function uniform(level: PermissionLevel): Grant {
  return Object.fromEntries(PERMISSION_SCOPES.map((scope) => [scope, level])) as Record<
    PermissionScope,
    PermissionLevel
  >;
}

/**
 * A `permissions:` value as a grant; undefined when the value is absent (the job inherits). Throws on a
 * value GitHub would reject, so a typo cannot pass as "no permission".
 */
export function parsePermissions(value: unknown, where: string): Grant | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'read-all') return uniform('read');
  if (value === 'write-all') return uniform('write');
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(
      `${where}: permissions must be read-all, write-all or a map, not ${JSON.stringify(value)}`,
    );
  const grant: Record<PermissionScope, PermissionLevel> = { ...uniform('none') };
  for (const [scope, level] of Object.entries(value)) {
    if (!(PERMISSION_SCOPES as readonly string[]).includes(scope))
      throw new Error(`${where}: "${scope}" is not a permission scope`);
    if (level !== 'none' && level !== 'read' && level !== 'write')
      throw new Error(`${where}: ${scope}: ${JSON.stringify(level)} is not none, read or write`);
    grant[scope as PermissionScope] = level;
  }
  return grant;
}

/** The file a `uses:` names in this repository: `./.github/workflows/x.yml` or `<owner>/slipway/.github/workflows/x.yml@ref`. */
export function calledWorkflowPath(uses: string): string | undefined {
  const match = /^(?:\.\/|[\w.-]+\/slipway\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@[^\s]+)?$/.exec(uses);
  return match?.[1];
}

/**
 * Every way `workflow`'s calls to reusable workflows ask for more than the calling job grants, one line
 * each (`caller job → called.yml job: packages write > none`), following nested calls. `inherited` is what
 * the workflow itself was given: undefined for a starter (its own top-level or job permissions decide).
 */
export function permissionViolations(
  path: string,
  load: WorkflowLoader,
  inherited?: Grant,
  chain: readonly string[] = [],
): string[] {
  const doc = load(path);
  if (doc === undefined)
    return [`${[...chain, path].join(' → ')}: the called workflow is not in this repository`];
  if (chain.includes(path)) return [`${[...chain, path].join(' → ')}: calls itself`];
  const top = parsePermissions(doc.permissions, `${path} permissions`);
  const violations: string[] = [];
  for (const [name, job] of Object.entries(doc.jobs ?? {})) {
    const where = `${[...chain, path].join(' → ')} job ${name}`;
    const own = parsePermissions(job.permissions, `${where} permissions`);
    // A job without permissions takes the workflow's; a workflow without them takes what its caller gave.
    const requested = own ?? top ?? inherited;
    if (inherited !== undefined && requested !== undefined) {
      for (const scope of PERMISSION_SCOPES) {
        if (RANK[requested[scope]] > RANK[inherited[scope]])
          violations.push(
            `${where}: ${scope} ${requested[scope]} > ${inherited[scope]} granted by the caller`,
          );
      }
    }
    if (typeof job.uses !== 'string') continue;
    const called = calledWorkflowPath(job.uses);
    if (called === undefined) continue;
    // The called workflow runs with at most what this job has: its own grant, capped by what it inherited.
    const grant = requested === undefined ? undefined : cap(requested, inherited);
    violations.push(
      ...permissionViolations(called, load, grant ?? uniform('none'), [...chain, `${path} job ${name}`]),
    );
  }
  return violations;
}

function cap(grant: Grant, ceiling: Grant | undefined): Grant {
  if (ceiling === undefined) return grant;
  return Object.fromEntries(
    PERMISSION_SCOPES.map((scope) => [
      scope,
      RANK[grant[scope]] <= RANK[ceiling[scope]] ? grant[scope] : ceiling[scope],
    ]),
  ) as Record<PermissionScope, PermissionLevel>;
}
