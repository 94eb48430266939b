// The UI step of Explain User Access (issue 22), in its own file so that run.ts gains one line.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { until, type Workbench } from './workbench';

export interface StepContext {
  page: Page;
  ui: Workbench;
  api: FakeWorkOS;
  shot: (name: string) => Promise<void>;
}

/**
 * From the palette, a suspended user's email typed with capitals and spaces: every directory is asked,
 * the report opens rendered, says the person is not provisioned, and a group it names opens its JSON.
 */
export function explainUserStep({ page, ui, api, shot }: StepContext): [string, () => Promise<void>] {
  return [
    'Explain User Access by email: every directory asked, a rendered report, a named group opens its JSON',
    async () => {
      const user = api.dataset.users.find((candidate) => candidate.id === SAMPLE.suspendedUserId)!;
      const groupIds = new Set(api.dataset.memberships.filter(([id]) => id === user.id).map(([, group]) => group));
      const group = api.dataset.groups.find((candidate) => groupIds.has(candidate.id))!;
      api.clearRequests();
      await ui.runCommand('WorkOS: Explain User Access...');
      const input = await ui.inputBox('WorkOS: Explain User Access');
      await input.pressSequentially(`${user.email!}.`);
      await ui.quickInput.getByText('does not end with a dot').waitFor();
      await input.fill(`  ${user.email!.toUpperCase()} `);
      await page.keyboard.press('Enter');

      await ui.tab(/access/i).waitFor();
      const lookups = api.requests.filter((r) => r.route === 'list_users' && r.query.email !== undefined);
      assert.equal(lookups.length, api.dataset.directories.length, 'every directory was asked');
      const report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await report.getByRole('heading', { name: `${user.first_name} ${user.last_name}` }).waitFor();
      await report.getByText("not provisioned to the customer's apps").first().waitFor();
      await report.getByRole('heading', { name: /^Groups \(\d+\)$/ }).waitFor();
      await shot('explain');

      // The report's links are the objects' JSON documents (`workos.object:` URIs, which the preview opens).
      await report.getByRole('link', { name: group.name, exact: true }).first().click();
      await until('the group opens as JSON from the report', async () =>
        (await ui.editorText().catch(() => '')).includes(group.id),
      );
      await ui.runCommand('View: Close All Editors');
    },
  ];
}
