// The UI step of Reveal in Directories (issue 22), kept apart from run.ts's list of steps: from the
// palette, a group far down the 2,600-group directory, through the real workbench.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { directoryRow, until, type Workbench } from './workbench';

export interface RevealStepContext {
  ui: Workbench;
  page: Page;
  api: FakeWorkOS;
  pageSize: number;
  shot: (name: string) => Promise<void>;
}

/** Page 26 of the large directory at the e2e page size. */
const PAGE = 26;

export function revealStep({ ui, page, api, pageSize, shot }: RevealStepContext): [string, () => Promise<void>] {
  return [
    `Reveal in Directories from the palette: Cancel stops it; a group on page ${PAGE} is selected and focused, the pages before it loaded in order`,
    async () => {
      const listed = await listOrder(api, pageSize * PAGE);
      const group = listed[pageSize * (PAGE - 1) + 3];
      const name = api.dataset.groups.find((candidate) => candidate.id === group)!.name;

      // Cancel first: a group much further down, slow pages, Cancel on the progress after two of them.
      let pagesBefore = groupPages(api).length;
      api.setLatency(500);
      await ui.runCommand('WorkOS: Reveal in Directories...');
      await (await ui.inputBox('WorkOS: Reveal in Directories')).fill(SAMPLE.busyGroupId);
      await page.keyboard.press('Enter');
      const progress = ui.toast(/Revealing/);
      await until('two pages are read', () => groupPages(api).length >= pagesBefore + 2);
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await progress.waitFor({ state: 'hidden' });
      api.setLatency(0);
      assert.equal(
        await ui.view.locator('[role="treeitem"][aria-selected="true"]', { hasText: SAMPLE.busyGroupId }).count(),
        0,
        'nothing revealed',
      );
      // Had the cancelled walk gone on towards page 130, the pages below would pass page 26.

      pagesBefore = groupPages(api).length;
      await ui.runCommand('WorkOS: Reveal in Directories...');
      await (await ui.inputBox('WorkOS: Reveal in Directories')).fill(group);
      await page.keyboard.press('Enter');
      const row = ui.view.locator('[role="treeitem"][aria-selected="true"]', { hasText: group });
      await row.waitFor({ timeout: 30_000 });
      assert.ok(
        ((await row.getAttribute('aria-label')) ?? '').startsWith(`Group ${name}, `),
        'the selected row is the group',
      );
      await until(
        'the row has the keyboard focus',
        async () =>
          /\bfocused\b/.test((await row.getAttribute('class')) ?? '') &&
          (await ui.view.locator('.monaco-list:focus-within').count()) > 0,
      );
      // The pages this step asked for follow one another from where the list was, none twice.
      const pages = groupPages(api).slice(pagesBefore);
      const cursors = pages.map((request) => request.query.after ?? null);
      assert.equal(new Set(cursors).size, cursors.length, 'no page twice');
      for (const cursor of cursors) {
        assert.ok(cursor === null || listed.indexOf(cursor) % pageSize === pageSize - 1, 'each page after a page');
      }
      assert.equal(cursors.at(-1), listed[pageSize * (PAGE - 1) - 1], `the last page asked for is page ${PAGE}`);
      await shot('reveal');
      // Collapsed again for the next steps.
      await ui.treeItem(directoryRow('Brightline Logistics (Okta)')).locator('.monaco-tl-twistie').click();
    },
  ];
}

/** The large directory's list requests (flat or nested). */
function groupPages(api: FakeWorkOS) {
  return api.requests.filter(
    (request) =>
      request.route === 'list_groups' &&
      (request.query.directory === SAMPLE.largeDirectoryId ||
        request.path.includes(`/directories/${SAMPLE.largeDirectoryId}/`)),
  );
}

/** The first `count` group IDs of the large directory in the order the API lists them. */
async function listOrder(api: FakeWorkOS, count: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  while (ids.length < count) {
    const query = new URLSearchParams({ directory: SAMPLE.largeDirectoryId, limit: '100', ...(after && { after }) });
    const response = await fetch(`${api.url}/directory_groups?${query.toString()}`, {
      headers: { authorization: `Bearer ${SAMPLE.apiKey}` },
    });
    const page = (await response.json()) as { data: Array<{ id: string }>; list_metadata: { after: string | null } };
    ids.push(...page.data.map((item) => item.id));
    if (!page.list_metadata.after) break;
    after = page.list_metadata.after;
  }
  return ids;
}
