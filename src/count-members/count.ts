import { forEachAtOnce } from '../session/collection';
import type { Session } from '../session/session';
import type { Directory, DirectoryGroup } from '../workos';

/** What Count Members found for one group. */
export interface GroupCount {
  readonly group: DirectoryGroup;
  /** Members read; with `error`, the group has at least this many. */
  readonly count: number;
  /** Why its members could not all be read (a failure, or the shared collection limit). */
  readonly error?: unknown;
}

/** Every group's count, and what the group list itself looked like. */
export interface MemberCountResult {
  readonly groups: GroupCount[];
  /** Set when the group list looks incomplete (a total far from the directory's own count), in a sentence. */
  readonly warning?: string;
  /** Groups the server sent that belong to another directory: left out. */
  readonly dropped: number;
}

/** Where the count is: reading the group list, then each group's members. */
export type CountProgress =
  | { readonly phase: 'groups'; readonly read: number }
  | { readonly phase: 'members'; readonly counted: number; readonly total: number };

/**
 * Groups whose members are read at once. The client paces a directory's member pages at 4 a second
 * whoever asks: a few readers keep that pace full while each waits for its answer, and no more are
 * needed (more would only queue in the pacer).
 */
const READERS = 4;

/**
 * Every group of `directory` with its member count: the groups (read from both ends), then each
 * group's members as a whole collection of the session, so a list that never ends stops at the shared
 * limit. A count the session already knows exactly costs nothing (the report says "as read in this
 * session"; a membership change the session sees forgets it). One group failing never stops the
 * others; a cancel (or the session's end) stops them all.
 */
export async function countMembers(
  session: Session,
  directory: Pick<Directory, 'id'>,
  signal: AbortSignal,
  onProgress: (progress: CountProgress) => void,
): Promise<MemberCountResult> {
  const scan = session.collection({ of: 'groupScan', directory: directory.id });
  const groups = await scan.all(signal, () => onProgress({ phase: 'groups', read: scan.items.length }));
  const counts: GroupCount[] = new Array<GroupCount>(groups.length);
  let counted = 0;
  onProgress({ phase: 'members', counted: 0, total: groups.length });
  await forEachAtOnce(groups, READERS, signal, async (group, index) => {
    counts[index] = await countGroup(session, group, signal);
    onProgress({ phase: 'members', counted: ++counted, total: groups.length });
  });
  return { groups: counts, warning: scan.warning, dropped: scan.dropped };
}

async function countGroup(session: Session, group: DirectoryGroup, signal: AbortSignal): Promise<GroupCount> {
  const known = session.memberCounts.get(group.id);
  if (known?.complete) return { group, count: known.count };
  try {
    const members = await session.collect(
      { of: 'members', group: group.id, directory: group.directory_id },
      { signal },
    );
    return { group, count: members.length };
  } catch (error) {
    if (signal.aborted) throw error;
    return { group, count: session.memberCounts.get(group.id)?.count ?? 0, error };
  }
}
