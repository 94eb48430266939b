import type { Log } from '../host/log';
import { pickOne, showFailure } from '../ui/notify';
import { displayName, displayText } from '../text/safe-text';
import type { Session } from '../session/session';
import { objectOfRow } from '../tree/nodes';
import { kindOfId, type Directory } from '../workos';
import { directorySummary } from '../tree/directory-words';

/** Directories the picker lists at most: 20 pages of 100. */
const MAX_PAGES = 20;

/**
 * The directory a command acts on: the row it was run from, a directory ID passed to it (keybindings,
 * other extensions), or one picked from every directory the
 * key can see (the picker opens at once, busy until the session's directory list is in).
 */
export async function pickDirectory(
  session: Session,
  log: Log,
  title: string,
  argument: unknown,
): Promise<Directory | undefined> {
  const row = objectOfRow(argument);
  if (row?.kind === 'directory') return row.object as Directory;
  if (typeof argument === 'string' && kindOfId(argument) === 'directory') {
    try {
      return await session.get('directory', argument);
    } catch (error) {
      showFailure(log, `Could not read directory ${argument}`, error);
      return undefined;
    }
  }
  const list = session.list({ of: 'directories' });
  const items = list.loadPages(MAX_PAGES).then(() => {
    if (list.error instanceof Error) throw list.error;
    return list.items.map((directory) => ({
      label: displayName(directory),
      description: directorySummary(directory),
      detail: displayText(directory.id),
      directory,
    }));
  });
  try {
    const options = { title, placeHolder: 'Pick a directory', matchOnDescription: true, matchOnDetail: true };
    return (await pickOne(items, options))?.directory;
  } catch (error) {
    showFailure(log, 'Could not list the directories', error);
    return undefined;
  }
}
