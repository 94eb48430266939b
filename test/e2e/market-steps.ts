// The UI run's steps for issue 23 (ready for the Marketplace), kept apart from run.ts's: the walkthrough
// as a person meets it, and one flow of the Directories view driven by the keyboard alone, checking
// the accessible name (aria-label) of every row it meets. They run late in the run, after the steps
// that set a key, browse, open by ID, find and open Recent Changes, as a person would before them.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { FakeWorkOS } from '../fake-workos/server';
import { until, type Workbench } from './workbench';

export const WALKTHROUGH_TITLE = 'Get started with WorkOS Directory Explorer';

/** The Welcome editor that shows a walkthrough. */
export function walkthroughEditor(page: Page): Locator {
  return page.locator('.gettingStartedContainer');
}

/** A step's check box (VS Code marks it `complete` and aria-checked once the step is done). */
function stepCheck(page: Page, stepId: string): Locator {
  return walkthroughEditor(page).locator(`[data-done-step-id$="${stepId}"]`);
}

async function isDone(check: Locator): Promise<boolean> {
  return (
    (await check.getAttribute('aria-checked')) === 'true' ||
    ((await check.getAttribute('class')) ?? '').split(/\s+/).includes('complete')
  );
}

export interface MarketContext {
  page: Page;
  ui: Workbench;
  api: FakeWorkOS;
  shot: (name: string) => Promise<void>;
  /** The directory with 2,600 groups. */
  large: string;
  pageSize: number;
  groupRequests: (directoryId: string) => FakeWorkOS['requests'];
  largeDirectoryId: string;
}

export function marketSteps(context: MarketContext): Array<[string, () => Promise<void>]> {
  const { page, ui, shot, large } = context;
  const walkthrough = walkthroughEditor(page);

  return [
    [
      'the walkthrough: it did not open again; what this run did is checked; a step’s button runs it and checks it',
      async () => {
        // The page was loaded again since the first run (the workspace step): nothing opened by itself.
        assert.equal(await walkthrough.count(), 0, 'the walkthrough opens on the first run only');
        await ui.runCommand('Welcome: Open Walkthrough...');
        await ui.quickInputRows.filter({ hasText: WALKTHROUGH_TITLE }).first().click();
        await walkthrough.getByText(WALKTHROUGH_TITLE).first().waitFor();
        // Earlier steps set a key, showed the Directories view, opened a group by ID, used Find Groups
        // and expanded Recent Changes: a person who did those sees them checked.
        for (const step of ['workos.keys', 'workos.browse', 'workos.openById', 'workos.find', 'workos.changes']) {
          await until(`the step ${step} is checked`, () => isDone(stepCheck(page, step)));
        }
        assert.equal(await isDone(stepCheck(page, 'workos.ids')), false, 'nothing in this run did the IDs step');
        await shot('walkthrough');

        await walkthrough.locator('.getting-started-step', { hasText: 'WorkOS IDs in any editor' }).click();
        // The step's picture (cut from this run's screenshots) is loaded from the installed package.
        const image = walkthrough.locator('.getting-started-media img').first();
        await until('the step shows its image', async () =>
          /ids\.png/.test((await image.getAttribute('srcset')) ?? ''),
        );
        // The workbench serves it from the installed extension (the layout here may be too narrow to show it).
        const served = await page.request.get(((await image.getAttribute('srcset')) ?? '').split(' ')[0]);
        assert.equal(served.status(), 200);
        assert.equal((await served.body()).subarray(1, 4).toString(), 'PNG', 'a PNG image');
        await walkthrough.getByRole('button', { name: 'Show the Setting', exact: true }).click();
        await page.locator('.settings-editor').getByText('Hover: Enabled').first().waitFor();
        await until('the IDs step is checked', () => isDone(stepCheck(page, 'workos.ids')));
        // The settings editor and the walkthrough (moving on to the next step) take the focus once they are
        // ready, which closes a palette opened before: again until the editors are closed.
        await until(
          'every editor is closed',
          async () => {
            await ui.runCommand('View: Close All Editors').catch(() => page.keyboard.press('Escape'));
            return (await ui.tabs.count()) === 0;
          },
          60_000,
        );
      },
    ],

    [
      'the keyboard alone: focus Directories, move, expand, open a group, reach and press Load more; every row reads as a sentence',
      async () => {
        const focused = ui.view.locator('.monaco-list-row.focused');
        const met: string[] = [];
        /** The focused row's accessible name, remembered. */
        const name = async () => {
          const label = (await focused.getAttribute('aria-label', { timeout: 5_000 })) ?? '';
          met.push(label);
          return label;
        };
        await ui.runCommand('Focus on Directories View');
        await page.keyboard.press('Home');
        // Down the directories to the large one.
        for (let i = 0; i < 20 && !(await name()).startsWith(`Directory ${large},`); i++) {
          await page.keyboard.press('ArrowDown');
        }
        assert.ok(met.at(-1)!.startsWith(`Directory ${large}, Okta SCIM, Linked, 2,600 groups`), met.at(-1));
        if ((await focused.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('ArrowLeft');
        await until(
          'the directory is collapsed',
          async () => (await focused.getAttribute('aria-expanded')) === 'false',
        );
        await page.keyboard.press('ArrowRight');
        await until('the directory is expanded', async () => (await focused.getAttribute('aria-expanded')) === 'true');
        await ui.view.locator('[role="treeitem"][aria-level="2"]').first().waitFor(); // its first page is in
        await page.keyboard.press('ArrowDown');
        let group = '';
        await until('a group row is focused', async () => {
          group = /^Group (.+), in /.exec(await name())?.[1] ?? '';
          return group !== '';
        });
        assert.equal(met.at(-1), `Group ${group}, in ${large}`);
        await page.keyboard.press('Enter');
        await ui.tab(group).first().waitFor();

        await ui.runCommand('Focus on Directories View');
        // End again until the last row is drawn with the focus: with hundreds of rows loaded (Reveal
        // read 26 pages before this step), the list draws it after scrolling there.
        await until('Load more is focused', async () => {
          await page.keyboard.press('End');
          return (await name().catch(() => '')) === `Load more groups of ${large}`;
        });
        const rows = async () => Number(await focused.getAttribute('aria-setsize', { timeout: 5_000 }));
        const shown = await rows();
        const before = context.groupRequests(context.largeDirectoryId).length;
        // Enter presses it. (In one run of several, after the workspace reload, the first Enter was not
        // taken although the row had the focus: Enter again, still the keyboard only.)
        await until(
          'the next page was asked for',
          async () => {
            if ((await name()) === `Load more groups of ${large}`) await page.keyboard.press('Enter');
            return until('a request', () => context.groupRequests(context.largeDirectoryId).length > before, 5_000)
              .then(() => true)
              .catch(() => false);
          },
          30_000,
        );
        // The page replaces the row: End finds the new last row, "Load more" again once the page is in.
        await until('Load more is the last row again', async () => {
          await page.keyboard.press('End');
          return (await name()) === `Load more groups of ${large}`;
        });
        await until(`a page more than ${shown} rows`, async () => {
          await page.keyboard.press('End');
          return (await rows().catch(() => 0)) === shown + context.pageSize;
        });
        await shot('keyboard');

        const sentence =
          /^(Directory .+, .+|Group .+, in .+|User .+, (Active|Suspended|Inactive|.+), in .+|(Load|Loading) more (groups|members) of .+|Load more directories)$/;
        for (const label of new Set(met)) {
          assert.ok(sentence.test(label), `an accessible name that reads as a sentence: "${label}"`);
          assert.doesNotMatch(label, /has actions|undefined|\[object/, label);
        }
        await ui.runCommand('View: Close All Editors');
      },
    ],
  ];
}
