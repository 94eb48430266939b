import * as vscode from 'vscode';
import { pickOne, showFailure, showNotice, withProgress } from '../ui/notify';
import { askForId, requireSession } from '../ui/prompts';
import { displayName, displayText } from '../text/safe-text';
import type { Services } from '../services';
import { objectOfRow } from '../tree/nodes';
import { userTitle } from '../text/user-names';
import type { DirectoryGroup, DirectoryUser } from '../workos';

/**
 * `workos.showUserGroups`: every group of one directory user (through the user's directory when the
 * session knows it, else the flat `GET /directory_groups?user=`),
 * in a picker that opens the chosen group. The argument is a user row, a user ID, or nothing (ask);
 * `environmentId` is that of the document whose hover asked, else the window's.
 */
export async function showUserGroups(context: Services, argument?: unknown, environmentId?: string): Promise<void> {
  const session = await requireSession(context.sessions, environmentId);
  if (!session) return;
  const row = objectOfRow(argument);
  // The row's user names the picker only if this session listed it: not a row left from before a switch.
  const listedUser =
    row?.kind === 'directory_user' && session.received(row.object) ? (row.object as DirectoryUser) : undefined;
  const id = await askForId(
    ['directory_user'],
    row?.object.id ?? argument,
    vscode.l10n.t('WorkOS: Show Groups of Directory User'),
  );
  if (!id) return;
  let groups: DirectoryGroup[];
  let user: DirectoryUser | undefined;
  try {
    [groups, user] = await withProgress(
      vscode.l10n.t('Fetching the groups of {0}…', id),
      async (signal) => {
        const known = listedUser ?? session.cached('directory_user', id);
        // The user only titles the picker, so it may fail quietly; fetched beside the groups, not before them.
        const title = known ?? session.get('directory_user', id, signal).catch(() => undefined);
        const directory = typeof known?.directory_id === 'string' ? known.directory_id : undefined;
        return Promise.all([session.collect({ of: 'userGroups', user: id, directory }, { signal }), title]);
      },
      session.signal,
    );
  } catch (error) {
    return showFailure(context.log, vscode.l10n.t('Could not list the groups of {0}', id), error);
  }
  const who = user ? displayText(userTitle(user), 80) : id;
  if (groups.length === 0) return void showNotice('info', vscode.l10n.t('{0} belongs to no groups.', who));
  const picked = await pickOne(
    groups.map((group) => ({
      label: displayName(group),
      description: displayText(group.id, 80),
      detail: displayText(session.cached('directory', group.directory_id)?.name ?? group.directory_id),
      group,
    })),
    {
      title: vscode.l10n.t('Groups of {0} ({1})', who, groups.length),
      placeHolder: vscode.l10n.t('Pick a group to open its JSON'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (picked) await context.documents.open(session, 'directory_group', picked.group);
}
