import * as l10n from '@vscode/l10n';
import { eventSubjects } from '../changes/event-words';
import { abortable, forEachAtOnce } from '../session/collection';
import { listKey } from '../session/lists';
import type { Session } from '../session/session';
import { emailKey, emailProblem } from '../text/email';
import { groupsReadText } from '../text/count-words';
import {
  idProblem,
  kindOfId,
  normalizeId,
  type Directory,
  type DirectoryGroup,
  type DirectoryUser,
  type Organization,
  type WorkOSEvent,
} from '../workos';

// What Explain User Access reads, free of VS Code so that the benchmark drives it as the command does:
// every read through the session (its cache, its pacing per directory, its shared limits).

/**
 * Directories searched at once for an email: a choice. The client paces each directory's users list
 * (4 requests a second), which bounds one directory, not several together; a few at a time (at most 16
 * requests a second) stays far below the key's 6,000 a minute and leaves room for the view's reads.
 */
export const DIRECTORIES_AT_ONCE = 4;

/** What the person typed: a directory user ID, an email (in its compared form), or what is wrong with it. */
export type ExplainTarget = { id: string } | { email: string } | { problem: string };

export function explainTarget(value: string): ExplainTarget {
  const text = normalizeId(value);
  if (text === '') return { problem: l10n.t('Enter a directory user ID (directory_user_…) or an email address.') };
  if (kindOfId(text) !== undefined || /^directory_user/i.test(text)) {
    const problem = idProblem(text, 'directory_user');
    return problem === undefined ? { id: text } : { problem };
  }
  if (!text.includes('@')) {
    return {
      problem: l10n.t(
        'That is neither an email address (it has no @) nor a directory user ID (directory_user_…): enter one of them.',
      ),
    };
  }
  const problem = emailProblem(text);
  return problem === undefined ? { email: emailKey(text) } : { problem };
}

/** One user found by email, with the directory that holds it. */
export interface EmailMatch {
  user: DirectoryUser;
  directory: Directory;
}

export interface EmailSearch {
  matches: EmailMatch[];
  /** Directories asked, whether they answered or not. */
  searched: number;
  /** Directories whose lookup failed: a match may be missing. */
  failures: Array<{ directory: Directory; error: unknown }>;
  /** Users sent with another email (a server that ignored the filter), left out. */
  ignored: number;
}

/**
 * Every user with primary email `email` (compared form) in every directory of the environment, a few
 * directories at a time (the client paces each). The directories are those the Directories view has
 * listed when it has them all, else the whole list read once.
 */
export async function findByEmail(
  session: Session,
  email: string,
  signal: AbortSignal,
  progress: (searched: number, total: number) => void,
): Promise<EmailSearch> {
  const directories = await allDirectories(session, signal);
  const result: EmailSearch = { matches: [], searched: 0, failures: [], ignored: 0 };
  progress(0, directories.length);
  await forEachAtOnce(directories, DIRECTORIES_AT_ONCE, signal, async (directory) => {
    const found = session.collection({ of: 'usersByEmail', directory: directory.id, email });
    try {
      const users = await found.all(signal);
      // The client already keeps only users with this email; a server may still ignore the filter.
      for (const user of users) {
        if (typeof user.email === 'string' && emailKey(user.email) === email && user.directory_id === directory.id)
          result.matches.push({ user, directory });
        else result.ignored++;
      }
      result.ignored += found.dropped;
    } catch (error) {
      if (signal.aborted) throw error;
      result.failures.push({ directory, error });
    }
    progress(++result.searched, directories.length);
  });
  return result;
}

async function allDirectories(session: Session, signal: AbortSignal): Promise<readonly Directory[]> {
  const shown = session.existingList(listKey({ of: 'directories' }));
  if (shown && shown.pagesLoaded > 0 && !shown.hasMore) return shown.items as Directory[];
  return session.collect({ of: 'directories' }, { signal });
}

/** Everything the report says of one user. */
export interface UserFacts {
  user: DirectoryUser;
  directory?: Directory;
  organization?: Organization;
  /** Every group read; with `groupsError` when the reading stopped early (a failure, the shared limit). */
  groups: readonly DirectoryGroup[];
  groupsError?: unknown;
  /** This user's changes of the 30 days, newest first, or why they could not be read. */
  changes: { events: readonly WorkOSEvent[] } | { error: unknown };
  now: number;
}

/**
 * The user's directory and organisation (from the cache when the view has them), every group it is in
 * (the session's collection, shared with Show Groups), and its changes of the 30 days through the
 * directory's change feed (shared with Recent Changes and Diagnose).
 */
export async function gatherFacts(
  session: Session,
  user: DirectoryUser,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<UserFacts> {
  const directoryId = typeof user.directory_id === 'string' ? user.directory_id : undefined;
  const names = (async () => {
    const directory = directoryId
      ? await session.get('directory', directoryId, signal).catch(() => undefined)
      : undefined;
    const organizationId = user.organization_id ?? directory?.organization_id;
    const organization =
      typeof organizationId === 'string'
        ? await session.get('organization', organizationId, signal).catch(() => undefined)
        : undefined;
    return { directory, organization };
  })();
  const groups = session.collection({ of: 'userGroups', user: user.id, directory: directoryId });
  const readGroups = groups
    .all(signal, () => report(groupsReadText(groups.items.length)))
    .then(
      () => undefined,
      (error: unknown) => {
        if (signal.aborted) throw error;
        return error;
      },
    );
  const readChanges = async (): Promise<UserFacts['changes']> => {
    if (!directoryId) return { events: [] };
    const organizationId = user.organization_id ?? undefined;
    const feed = session.changes.feed({ directory: { id: directoryId, organization_id: organizationId } });
    // As Diagnose: what the shared feed holds is brought up to now, then read back to 30 days.
    if (!feed.isPristine) await feed.poll();
    while (feed.hasOlder && feed.error === undefined && !signal.aborted) await feed.loadOlder();
    if (feed.error !== undefined) return { error: feed.error };
    return { events: feed.events.filter((event) => eventSubjects(event).user === user.id) };
  };
  const [groupsError, changes, { directory, organization }] = await abortable(
    Promise.all([readGroups, readChanges(), names]),
    signal,
  );
  return {
    user,
    directory,
    organization,
    groups: [...groups.items],
    ...(groupsError !== undefined && { groupsError }),
    changes,
    now: Date.now(),
  };
}
