// The Count Members UI step (issue 22), kept apart from run.ts's list so that parallel work on the
// steps merges cleanly: run.ts adds it after the failures step.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { FakeWorkOS } from '../fake-workos/server';
import { directoryRow, until, type Workbench } from './workbench';

export interface StepContext {
  page: Page;
  ui: Workbench;
  api: FakeWorkOS;
  shot: (name: string) => Promise<void>;
  /** The directory row counted, by its label, and its ID. */
  directory: { name: string; id: string };
}

export function countMembersStep({ page, ui, api, shot, directory }: StepContext): [string, () => Promise<void>] {
  return [
    'Count Members from a directory row: every group row shows its count, a report lists them by size, Export as CSV from the notification',
    async () => {
      const counted = (groupId: string) => api.dataset.memberships.filter(([, group]) => group === groupId).length;
      const words = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'member' : 'members'}`;
      await ui.treeItem(directoryRow(directory.name)).click({ button: 'right' });
      const item = page.locator('.context-view .monaco-menu').getByRole('menuitem', { name: 'Count Members...' });
      // Monaco menus act on mouse-up over an item the pointer has entered: move there first.
      await item.hover();
      await item.click();
      // The report opens rendered, in the Markdown preview (a webview: its text is checked in the
      // extension host's tests; here, that it opens).
      await ui.tab(/member counts/).waitFor({ timeout: 30_000 });
      const toast = ui.toast('Counted the members of');
      await toast.waitFor();

      // The rows of the directory: each group's count as its description, the fake's own count.
      const rows = ui.view.locator('[role="treeitem"][aria-level="2"]');
      if ((await rows.count()) === 0) await ui.treeItem(directoryRow(directory.name)).click();
      await rows.first().waitFor();
      const groups = api.dataset.groups.filter((group) => group.directory_id === directory.id);
      await until('every group row shows its count', async () => {
        const shown: Array<[string, string]> = [];
        for (let i = 0; i < (await rows.count()); i++) {
          const row = rows.nth(i);
          // "Load more" has no description.
          const text = async (part: string) =>
            (await row.locator(part).count()) > 0 ? ((await row.locator(part).textContent()) ?? '') : '';
          shown.push([await text('.label-name'), await text('.label-description')]);
        }
        const groupRows = shown.filter(([name]) => groups.some((group) => group.name === name));
        return (
          groupRows.length > 0 &&
          groupRows.every(([name, description]) => {
            const group = groups.find((candidate) => candidate.name === name)!;
            return description === words(counted(group.id));
          })
        );
      });
      const first = rows.first();
      assert.match((await first.getAttribute('aria-label')) ?? '', /^Group .+, \d+ members?, in /);
      await shot('counts');

      // Links in the rendered report run nothing, so the CSV is the notification's button.
      await toast.getByRole('button', { name: 'Export as CSV' }).click();
      // An untitled editor is titled by its first line.
      await ui.tab(/^id,name,members,complete,error/).waitFor();
      await until('the editor shows the CSV', async () =>
        (await ui.editorText()).startsWith('id,name,members,complete,error'),
      );
      await ui.runCommand('View: Revert and Close Editor');
      await ui.clearToasts();
      // Collapsed again, as the next steps expect; and the focus leaves the preview, whose webview
      // would keep the palette's key to itself.
      await ui.treeItem(directoryRow(directory.name)).click();
      await ui.runCommand('View: Close All Editors');
      // Counts last for the session: a Refresh drops them.
      await ui.viewButton('Refresh').click();
    },
  ];
}
