import * as vscode from 'vscode';
import { Picker, type PickItem } from '../ui/notify';
import { displayName, displayText } from '../text/safe-text';
import { requireSession } from '../ui/prompts';
import type { Collection } from '../session/collection';
import type { Services } from '../services';
import type { DirectoryGroup } from '../workos';
import { pickDirectory } from './pick-directory';

const TITLE = vscode.l10n.t('WorkOS: Find Groups in Directory');
/** Rows shown at once: the picker is for finding, and the count says how many more match. */
const MAX_SHOWN = 500;

interface GroupItem extends PickItem {
  /** Absent on the row that says nothing matched. */
  group?: DirectoryGroup;
}

/**
 * `workos.findGroups`: a picker over every group of a directory, filled as the two-ended scan reads
 * them (the API has no name filter for groups). It matches the name (substring, case and accents
 * ignored) and the ID. The picker joins the session's scan of that directory: closing it stops the scan
 * unless another reader (a second picker, an export) still has it; a second search reuses what was read.
 */
export async function findGroups(services: Services, argument?: unknown, text?: unknown): Promise<void> {
  const session = await requireSession(services.sessions);
  if (!session) return;
  const directory = await pickDirectory(session, services.log, TITLE, argument);
  if (!directory) return;
  const scan = session.collection({ of: 'groupScan', directory: directory.id });
  const total = typeof directory.metadata?.groups === 'number' ? directory.metadata.groups : undefined;
  const picker = new Picker<GroupItem>();
  picker.title = TITLE;
  picker.placeholder = vscode.l10n.t('Part of a group name or ID, in {0}', displayName(directory));
  picker.matchOnDescription = true;
  if (typeof text === 'string') picker.value = text;
  const show = () => {
    const matches = matching(scan, picker.value);
    // Our own matching decides what shows, so every item is marked to bypass the picker's own filter.
    const items: GroupItem[] = matches.slice(0, MAX_SHOWN).map((group) => ({
      label: displayName(group),
      description: displayText(group.id, 80),
      alwaysShow: true,
      group,
    }));
    // An empty list says so once the scan has read everything; until then more may come.
    if (items.length === 0 && scan.done) {
      const what =
        scan.items.length === 0
          ? vscode.l10n.t('This directory has no groups.')
          : vscode.l10n.t('No group name or ID contains that text.');
      items.push({ label: what, alwaysShow: true });
    }
    picker.items = items;
    picker.busy = !scan.done && scan.error === undefined;
    const matched =
      picker.value.trim() === '' ? '' : vscode.l10n.t(' · {0} match', matches.length.toLocaleString('en-US'));
    const cut = matches.length > MAX_SHOWN ? vscode.l10n.t(' (the first {0} shown)', MAX_SHOWN) : '';
    picker.title = vscode.l10n.t({
      message: '{0}: {1}{2}{3}',
      args: [TITLE, progressText(scan, total), matched, cut],
      comment: ['title: groups read so far, " · 12 match" or empty, " (the first 500 shown)" or empty'],
    });
    if (scan.error !== undefined) {
      picker.placeholder = vscode.l10n.t(
        'The scan stopped: {0} Close and search again to retry.',
        displayText(scan.error.message, 200),
      );
    } else if (scan.warning !== undefined) {
      picker.placeholder = displayText(scan.warning, 200);
    }
  };
  // Joined, not owned: another picker or an export may read the same scan, which goes on until the last leaves.
  const leave = scan.join(show);
  picker.onDidChangeValue(show);
  void scan.finished.then(() => {
    if (scan.error !== undefined) services.log.error(`Could not read every group of ${directory.id}`, scan.error);
  });
  const picked = await new Promise<DirectoryGroup | undefined>((resolve) => {
    // Enter before anything matches keeps the picker open: the scan may still bring the group.
    picker.onDidAccept(() => {
      const group = (picker.selectedItems[0] ?? picker.activeItems[0])?.group;
      if (group) resolve(group);
    });
    picker.onDidHide(() => resolve(undefined));
    show();
    picker.show();
  });
  // Closing the picker (or picking) before the end stops the scan unless someone else still reads it.
  leave();
  picker.dispose();
  if (picked && !session.ended) await services.documents.open(session, 'directory_group', picked);
}

/** Groups whose name contains the text (case and accents ignored), or whose ID does. */
function matching(scan: Collection<DirectoryGroup>, text: string): DirectoryGroup[] {
  const wanted = fold(text.trim());
  if (wanted === '') return scan.items;
  return scan.items.filter(
    (group) =>
      (typeof group.name === 'string' && fold(group.name).includes(wanted)) || group.id.toLowerCase().includes(wanted),
  );
}

/** Lower case without accents: "Équipe" matches "equipe". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function progressText(scan: Collection<DirectoryGroup>, total: number | undefined): string {
  const read = scan.items.length.toLocaleString('en-US');
  if (scan.done) return vscode.l10n.t('{0} groups', read);
  return total === undefined
    ? vscode.l10n.t('{0} groups so far', read)
    : vscode.l10n.t('{0} of ~{1} groups', read, total.toLocaleString('en-US'));
}
