import * as vscode from 'vscode';
import { toCsv } from '../text/csv';
import { pickDirectory } from '../find/pick-directory';
import { pickOne, showFailure, showNotice, withProgress } from '../ui/notify';
import { askForId, requireSession } from '../ui/prompts';
import { displayName, redact } from '../text/safe-text';
import type { Services } from '../services';
import type { Collection } from '../session/collection';
import type { Session, WorkOSObject } from '../session/session';
import { objectOfRow } from '../tree/nodes';
import type { DirectoryGroup } from '../workos';

const GROUP_COLUMNS = ['id', 'name', 'idp_id', 'created_at', 'updated_at'] as const;
const MEMBER_COLUMNS = ['id', 'email', 'first_name', 'last_name', 'state'] as const;

/**
 * `workos.exportGroups`, from a directory row or the palette (which asks for the directory): every group,
 * read from both ends at once, written newest first.
 */
export async function exportGroups(services: Services, argument?: unknown): Promise<void> {
  const session = await requireSession(services.sessions);
  if (!session) return;
  const directory = await pickDirectory(session, services.log, vscode.l10n.t('WorkOS: Export Groups'), argument);
  if (!directory) return;
  const scan = () => session.collection({ of: 'groupScan', directory: directory.id });
  // The scan gives the order its two ends met in; a file compared across runs wants the same order each time.
  const order = (groups: DirectoryGroup[]) => [...groups].sort(newestFirst);
  const what = vscode.l10n.t('the groups of {0}', displayName(directory));
  const read = (count: string) => vscode.l10n.t('{0} groups read', count);
  await exportList(services, session, what, GROUP_COLUMNS, scan, read, order);
}

/**
 * `workos.exportMembers`, from a group row or the palette (which asks for the group's ID): every member,
 * page by page at the pace WorkOS allows.
 */
export async function exportMembers(services: Services, argument?: unknown): Promise<void> {
  const session = await requireSession(services.sessions);
  if (!session) return;
  const row = objectOfRow(argument);
  const listed =
    row?.kind === 'directory_group' && session.received(row.object) ? (row.object as DirectoryGroup) : undefined;
  const id =
    listed?.id ??
    (await askForId(['directory_group'], row?.object.id ?? argument, vscode.l10n.t('WorkOS: Export Members')));
  if (!id) return;
  let group: DirectoryGroup;
  try {
    // The members' route needs the group's directory.
    group =
      listed ??
      (await withProgress(
        vscode.l10n.t('Fetching {0}…', id),
        (signal) => session.get('directory_group', id, signal),
        session.signal,
      ));
  } catch (error) {
    return showFailure(services.log, vscode.l10n.t('Could not read group {0}', id), error);
  }
  const members = () => session.collection({ of: 'members', group: group.id, directory: group.directory_id });
  const what = vscode.l10n.t('the members of {0}', displayName(group));
  const read = (count: string) => vscode.l10n.t('{0} members read', count);
  await exportList(services, session, what, MEMBER_COLUMNS, members, read);
}

/** "2026-…" strings compare in time order; ties (and odd values) by ID, so the order is the same every run. */
function newestFirst(a: DirectoryGroup, b: DirectoryGroup): number {
  const time = (group: DirectoryGroup) => (typeof group.created_at === 'string' ? group.created_at : '');
  return time(b).localeCompare(time(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Asks CSV or JSON, reads the whole collection (joined: a picker reading the same scan may close without
 * ending the export) under a cancellable notification tied to the session, and opens the result in an
 * untitled editor: nothing is written to disk unless the person saves.
 */
async function exportList<T extends WorkOSObject>(
  services: Services,
  session: Session,
  what: string,
  columns: readonly string[],
  /** Asked for once the format is chosen: the reading starts then, not while the person decides. */
  collectionOf: () => Collection<T>,
  /** The progress line: "1,200 groups read". */
  readCount: (count: string) => string,
  order: (items: T[]) => T[] = (items) => items,
): Promise<void> {
  const format = await pickOne(
    [
      { label: 'CSV', description: columns.join(', '), format: 'csv' as const },
      {
        label: 'JSON',
        description: vscode.l10n.t('an array of the objects exactly as the API sent them'),
        format: 'json' as const,
      },
    ],
    {
      title: vscode.l10n.t({
        message: 'WorkOS: Export {0}',
        args: [what],
        comment: ['{0} is what is exported: "the groups of …" or "the members of …"'],
      }),
      placeHolder: vscode.l10n.t('Export as'),
    },
  );
  if (!format) return;
  const collection = collectionOf();
  let items: T[];
  try {
    items = await withProgress(
      vscode.l10n.t({
        message: 'Exporting {0}…',
        args: [what],
        comment: ['{0} is what is exported: "the groups of …" or "the members of …"'],
      }),
      (signal, report) =>
        collection.all(signal, () => report(readCount(collection.items.length.toLocaleString('en-US')))),
      session.signal,
    );
  } catch (error) {
    return showFailure(
      services.log,
      vscode.l10n.t({
        message: 'Could not export {0}',
        args: [what],
        comment: ['{0} is what is exported: "the groups of …" or "the members of …"'],
      }),
      error,
    );
  }
  if (collection.warning)
    void showNotice(
      'warning',
      vscode.l10n.t({
        message: 'Export of {0}: {1}',
        args: [what, collection.warning],
        comment: ['{0} is what is exported: "the groups of …" or "the members of …"'],
      }),
    );
  const rows = order(items);
  const content =
    format.format === 'csv'
      ? toCsv(
          columns,
          rows.map((item) => columns.map((column) => item[column])),
        )
      : `${JSON.stringify(rows, null, 2)}\n`;
  await showExport(content, format.format);
}

/**
 * An export in an untitled editor: nothing is written to disk unless the person saves. A key the
 * server echoed into an object is masked here as in every other document.
 */
export async function showExport(content: string, format: 'csv' | 'json'): Promise<void> {
  const document = await vscode.workspace.openTextDocument({
    content: redact(content),
    language: format === 'csv' ? 'plaintext' : 'json',
  });
  await vscode.window.showTextDocument(document);
}
