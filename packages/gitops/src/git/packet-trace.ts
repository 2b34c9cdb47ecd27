// What HEAD names, read from git's packet trace (GIT_TRACE_PACKET) of the fetch that listed it.
//
// Why a trace: a fetch over protocol v2 lists the remote's refs itself (`ls-refs`, always asking for
// symrefs), then keeps nothing of what HEAD names: git 2.39, the oldest Slipway supports, has no option that
// writes it down. Asking again with `ls-remote --symref` costs a second process and, over HTTP, a GET of
// info/refs and a POST. The trace holds the listing's line as the server sent it, one pkt-line per line:
//
//   `<time> pkt-line.c:<n>  packet:  fetch< <oid> HEAD symref-target:refs/heads/<branch>`
//
// A fetch that fails for a missing branch has made its listing too, and its trace says which branches exist.
//
// The layout around those lines is git's debug output, not an interface, so the reading is strict and only
// ever saves a request: only complete lines of the fetching process count (`fetch<`, not the server's
// `upload-pack>` over file://), a name must be a valid branch, lines must agree, and when the fetch brought
// HEAD, HEAD's line must name that very commit. Anything else reads as "not known", and the caller lists the
// remote as before.

import { isValidBranchName } from './names.js';

/** Bytes of trace read at most: the listing is its first lines; the pack itself is never traced. */
export const PACKET_TRACE_LIMIT = 1024 * 1024;

/** A v2 listing's HEAD line, and a branch's, as the fetching process traced them. */
const HEAD_LINE = / packet: +fetch< ([0-9a-f]{40}|[0-9a-f]{64}) HEAD symref-target:refs\/heads\/(\S+)$/;
const BRANCH_LINE = / packet: +fetch< ([0-9a-f]{40}|[0-9a-f]{64}) refs\/heads\/(\S+)(?: \S+)*$/;

/** HEAD as a fetch's own listing saw it. */
export interface TracedHead {
  readonly commit: string;
  readonly branch: string;
}

/** What a fetch's own listing said, as far as its trace tells. */
export interface TracedListing {
  /** The branch HEAD names and its commit; undefined when no line says so (HEAD unborn, say). */
  readonly head: TracedHead | undefined;
  /** Branch → commit, for every branch the listing named. */
  readonly branches: ReadonlyMap<string, string>;
}

/**
 * The listing in the text of one fetch's packet trace; undefined when its lines contradict each other or
 * name what no branch is called. Only complete lines count: a trace cut at the read limit cannot shorten a
 * branch's name.
 */
export function listingFromPacketTrace(trace: string): TracedListing | undefined {
  const end = trace.lastIndexOf('\n');
  let head: TracedHead | undefined;
  const branches = new Map<string, string>();
  for (const line of end === -1 ? [] : trace.slice(0, end).split('\n')) {
    const headLine = HEAD_LINE.exec(line);
    const branchLine = headLine === null ? BRANCH_LINE.exec(line) : null;
    const [, commit = '', branch = ''] = headLine ?? branchLine ?? [];
    if (branch === '') continue;
    // git escapes bytes outside printable ASCII as `\NNN`, which no branch name holds: such a name is refused.
    if (!isValidBranchName(branch)) return undefined;
    if (headLine !== null) {
      if (head !== undefined && (head.commit !== commit || head.branch !== branch)) return undefined;
      head = { commit, branch };
    } else {
      if ((branches.get(branch) ?? commit) !== commit) return undefined;
      branches.set(branch, commit);
    }
  }
  return { head, branches };
}

/** The first {@link PACKET_TRACE_LIMIT} bytes of the trace file (empty when git wrote none), then removes it. */
export async function takePacketTrace(file: string): Promise<string> {
  const fs = process.getBuiltinModule('node:fs/promises');
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(PACKET_TRACE_LIMIT);
      const { bytesRead } = await handle.read(buffer, 0, PACKET_TRACE_LIMIT, 0);
      return buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  } finally {
    await fs.rm(file, { force: true });
  }
}
