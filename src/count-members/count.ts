import type { Session } from '../session/session';
import { WorkOSError, type Directory, type DirectoryGroup } from '../workos';

/** What Count Members found for one group. */
export interface GroupCount {
  readonly group: DirectoryGroup;
  /** Members read; with `error`, the group has at least this many. */
  readonly count: number;
  /** Why its members could not all be read (a failure, or the shared collection limit). */
  readonly error?: unknown;
}

/**
 * Groups whose members are read at once. The client paces a directory's member pages at 4 a second
 * whoever asks: a few readers keep that pace full while each waits for its answer, and no more are
 * needed (more would only queue in the pacer).
 */
const READERS = 4;

/**
 * Every group of `directory` with its member count: the groups (read from both ends), then each
 * group's members as a whole collection of the session, so a list that never ends stops at the shared
 * limit. A count the session already knows exactly costs nothing. One group failing never stops the
 * others; a cancel (or the session's end) stops them all.
 */
export async function countMembers(
  session: Session,
  directory: Pick<Directory, 'id'>,
  signal: AbortSignal,
  onProgress: (counted: number, total: number) => void,
): Promise<GroupCount[]> {
  const groups = await session.collect({ of: 'groupScan', directory: directory.id }, { signal });
  const counts: GroupCount[] = new Array<GroupCount>(groups.length);
  let next = 0;
  let counted = 0;
  onProgress(0, groups.length);
  const reader = async () => {
    while (next < groups.length && !signal.aborted) {
      const index = next++;
      counts[index] = await countGroup(session, groups[index], signal);
      onProgress(++counted, groups.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READERS, groups.length) }, reader));
  if (signal.aborted) throw new WorkOSError('cancelled', 'The request was cancelled.');
  return counts;
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
