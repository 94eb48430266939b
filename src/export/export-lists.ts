import * as vscode from 'vscode';
import { toCsv } from '../csv';
import type { Log } from '../log';
import { showFailure } from '../notify';
import { requireSession } from '../prompts';
import { displayName, redact } from '../safe-text';
import type { Sessions } from '../session/sessions';
import { isDirectoryNode, isGroupNode } from '../tree/nodes';
import type { WorkOSObject } from '../session/session';
import { collectAll, followPages } from '../workos';

export interface ExportContext {
  sessions: Sessions;
  log: Log;
}

const GROUP_COLUMNS = ['id', 'name', 'idp_id', 'created_at', 'updated_at'] as const;
const MEMBER_COLUMNS = ['id', 'email', 'first_name', 'last_name', 'state'] as const;

/** `workos.exportGroups`, from a directory row: every group, read from both ends at once. */
export async function exportGroups(context: ExportContext, row: unknown): Promise<void> {
  if (!isDirectoryNode(row)) return;
  const session = await requireSession(context.sessions);
  if (!session) return;
  const { directory } = row;
  await exportList(context, `the groups of ${displayName(directory)}`, GROUP_COLUMNS, async (signal, report) => {
    const scan = session.groupScan(directory.id, (reason) => context.log.info(`Export of ${directory.id}: ${reason}`));
    const unsubscribe = scan.subscribe(() => report(`${scan.items.length.toLocaleString('en-US')} groups read`));
    const stop = () => scan.stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await scan.all();
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', stop);
    }
  });
}

/** `workos.exportMembers`, from a group row: every member, page by page at the pace WorkOS allows. */
export async function exportMembers(context: ExportContext, row: unknown): Promise<void> {
  if (!isGroupNode(row)) return;
  const session = await requireSession(context.sessions);
  if (!session) return;
  const { group } = row;
  await exportList(context, `the members of ${displayName(group)}`, MEMBER_COLUMNS, async (signal, report) => {
    let read = 0;
    const pages = followPages((after) =>
      session.client
        .listUsers(
          { group: group.id, limit: 100, after },
          AbortSignal.any([signal, session.signal]),
          group.directory_id,
        )
        .then((page) => {
          read += page.data.length;
          report(`${read.toLocaleString('en-US')} members read`);
          return page;
        }),
    );
    // Every member: a group of 50,000 is 500 pages, past the caps the user-groups picker keeps.
    return collectAll(pages, { maxItems: Number.MAX_SAFE_INTEGER, maxPages: Number.MAX_SAFE_INTEGER });
  });
}

/**
 * Asks CSV or JSON, reads every item under a cancellable notification, and opens the result in an
 * untitled editor: nothing is written to disk unless the person saves.
 */
async function exportList(
  context: ExportContext,
  what: string,
  columns: readonly string[],
  read: (signal: AbortSignal, report: (message: string) => void) => Promise<WorkOSObject[]>,
): Promise<void> {
  const format = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: columns.join(', '), format: 'csv' as const },
      { label: 'JSON', description: 'an array of the objects exactly as the API sent them', format: 'json' as const },
    ],
    { title: `WorkOS: Export ${what}`, placeHolder: 'Export as' },
  );
  if (!format) return;
  let items: WorkOSObject[];
  try {
    items = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${what}…`, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return read(controller.signal, (message) => progress.report({ message }));
      },
    );
  } catch (error) {
    return showFailure(context.log, `Could not export ${what}`, error);
  }
  const content =
    format.format === 'csv'
      ? toCsv(
          columns,
          items.map((item) => columns.map((column) => item[column])),
        )
      : `${JSON.stringify(items, null, 2)}\n`;
  // A key the server echoed into an object is masked here as in every other document.
  const document = await vscode.workspace.openTextDocument({
    content: redact(content),
    language: format.format === 'csv' ? 'plaintext' : 'json',
  });
  await vscode.window.showTextDocument(document);
}
