import * as vscode from 'vscode';
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
 * other extensions), or one picked from every directory the key can see, with its organisation's name
 * (the picker opens at once, busy until the session's directory list and those names are in).
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
      showFailure(log, vscode.l10n.t('Could not read directory {0}', argument), error);
      return undefined;
    }
  }
  const list = session.list({ of: 'directories' });
  const items = list.loadPages(MAX_PAGES).then(async () => {
    if (list.error instanceof Error) throw list.error;
    // Support picks a customer's directory by its organisation: the names, the cheaper way for many.
    const organizationIds = list.items.flatMap(({ organization_id: id }) => (typeof id === 'string' ? [id] : []));
    await session.organizations(organizationIds);
    return list.items.map((directory) => {
      const id = directory.organization_id;
      const organization = typeof id === 'string' ? session.cached('organization', id) : undefined;
      return {
        label: displayName(directory),
        description: directorySummary(directory),
        detail: organization
          ? `${displayName(organization)} · ${displayText(directory.id)}`
          : displayText(directory.id),
        directory,
      };
    });
  });
  try {
    const options = {
      title,
      placeHolder: vscode.l10n.t('Pick a directory'),
      matchOnDescription: true,
      matchOnDetail: true,
    };
    return (await pickOne(items, options))?.directory;
  } catch (error) {
    showFailure(log, vscode.l10n.t('Could not list the directories'), error);
    return undefined;
  }
}
