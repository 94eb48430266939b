// `npm run test:e2e`: a person's clicks in a real VS Code (code-server in Debian's Chromium, through
// playwright-core), with the packaged .vsix installed like a user installs it and the fake WorkOS API
// (in this process) behind it. Steps run in order and build on each other; after a failure the rest are
// skipped. Screenshots go to test-results/e2e/; `--update-screenshots` (or UPDATE_SCREENSHOTS=1) also
// copies the README's four into media/screenshots/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { generatedDataset, SAMPLE } from '../fake-workos/dataset';
import { listFiles, recordHygiene, type Place } from '../reliability/hygiene';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { CHROMIUM_ARGS, isolatedEnv, startCodeServer, type CodeServer } from '../vscode/code-server';
import { cacheDir, ensureRealVSCode, packageExtension, repoRoot, VSIX } from '../vscode/setup';
import { explainUserStep } from './explain-step';
import { marketSteps, WALKTHROUGH_TITLE, walkthroughEditor } from './market-steps';
import { writeWalkthroughImages } from './walkthrough-images';
import { directoryRow, literal, until, Workbench } from './workbench';
import { revealStep } from './reveal-step';
import { countMembersStep } from './count-members-step';

const ROOT = path.join(cacheDir, 'e2e');
const RESULTS = path.join(repoRoot, 'test-results', 'e2e');
const README_SHOTS = path.join(repoRoot, 'media', 'screenshots');
const WALKTHROUGH_IMAGES = path.join(repoRoot, 'media', 'walkthrough');
const README_NAMES = [
  'welcome.png',
  'palette.png',
  'tree.png',
  'group-json.png',
  'hover.png',
  'finder.png',
  'environments.png',
  'changes.png',
  'diagnose.png',
  'explain.png',
  'reveal.png',
  'counts.png',
];
/**
 * WORKOS_E2E_STEPS=<regex>: only the steps whose name matches it, after the first (which sets the key).
 * Steps build on each other: name the ones a step needs too.
 */
const only = process.env.WORKOS_E2E_STEPS ? new RegExp(process.env.WORKOS_E2E_STEPS, 'i') : undefined;
const UPDATE_SCREENSHOTS = process.argv.includes('--update-screenshots') || process.env.UPDATE_SCREENSHOTS === '1';
// Small pages keep the directories, a page of groups and "Load more" on one screen (and in tree.png).
const PAGE_SIZE = 20;
const STEP_TIMEOUT_MS = 90_000;
/**
 * In code-server each window keeps its storage in the browser, and another window learned of a
 * removed environment only after ~50 s in our runs (when that storage was written through).
 */
const OTHER_WINDOW_MS = 120_000;
// The first view after a page load waits for code-server to start an extension host: ~12 s on 2 cores.
const EXTENSION_HOST_MS = 60_000;

/** The second environment's key, added in the environments step. */
const PRODUCTION_KEY = 'sk_test_production_5c8a31d0';
const LARGE = 'Brightline Logistics (Okta)';
const SMALL = 'Brightline Contractors (Entra ID)';

let fake: FakeWorkOS | undefined;
let decoy: FakeWorkOS | undefined;
let production: FakeWorkOS | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;

async function cleanUp(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await Promise.all([server?.stop(), fake?.close(), decoy?.close(), production?.close()]);
}

let passed = 0;
let failed = 0;

async function main(): Promise<void> {
  packageExtension();
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const vscode = await ensureRealVSCode();

  const started = Date.now();
  fake = await startFakeWorkOS({ apiKeys: [SAMPLE.apiKey] });
  decoy = await startFakeWorkOS({ apiKeys: [SAMPLE.apiKey] });
  production = await startFakeWorkOS({
    apiKeys: [PRODUCTION_KEY],
    dataset: generatedDataset({ seed: 'production', directories: 4, groupsPerDirectory: 3 }),
  });
  server = await startCodeServer(vscode, {
    rootDir: path.join(ROOT, 'server'),
    installVsix: [VSIX],
    // The workspace of the last step is inside this repository: no prompt to open the repository.
    userSettings: {
      'workos.apiBaseUrl': fake.url,
      'workos.pageSize': PAGE_SIZE,
      'git.openRepositoryInParentFolders': 'never',
      // Two views in the container: their title bar buttons show without hovering the header.
      'workbench.view.alwaysShowHeaderActions': true,
    },
  });
  const browserEnv = isolatedEnv(path.join(ROOT, 'browser'));
  process.env.TMPDIR = browserEnv.TMPDIR; // playwright's own temp profile
  browser = await chromium.launch({ executablePath: vscode.chromium, args: CHROMIUM_ARGS, env: browserEnv });
  // One browser profile; a second window (a tab of it) joins in the two-windows step.
  const profile = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await profile.newPage();
  page.setDefaultTimeout(15_000);
  const ui = new Workbench(page);
  const api = fake;
  console.log(
    `code-server ${server.url}, fake WorkOS ${api.url}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  let step = 0;
  /** The README's screenshots keep their names; the others are numbered by step. */
  const shot = (name: string) =>
    ui.screenshot(
      path.join(
        RESULTS,
        README_NAMES.includes(`${name}.png`) ? `${name}.png` : `${String(step).padStart(2, '0')}-${name}.png`,
      ),
    );
  const groupsOf = (directoryId: string) => api.dataset.groups.filter((group) => group.directory_id === directoryId);
  const groupRequests = (directoryId: string) =>
    api.requests.filter((r) => r.route === 'list_groups' && r.query.directory === directoryId);
  /** Rows under an expanded directory: the first one's `aria-setsize` counts them all, shown or scrolled away. */
  const firstChild = async (directory: string) => {
    const index = Number(await ui.treeItem(directoryRow(directory)).getAttribute('data-index'));
    return ui.view.locator(`[role="treeitem"][data-index="${index + 1}"]`);
  };
  const childCount = async (directory: string) =>
    Number(await (await firstChild(directory)).getAttribute('aria-setsize'));
  const rowAt = (position: number) => ui.view.locator(`[role="treeitem"][aria-level="2"][aria-posinset="${position}"]`);
  /**
   * A group row shows its name, then its ID as the description until its member count is known. Read
   * from the row's text: its accessible name is a sentence ("Group Engineering, in Acme Okta").
   */
  const rowTexts = async (row: Locator) => ({
    name: (await row.locator('.label-name').textContent()) ?? '',
    id: (await row.locator('.label-description').textContent()) ?? '',
  });
  const groupRow = (position: number) => rowTexts(rowAt(position));
  let opened = { name: '', id: '' };

  const steps: Array<[string, () => Promise<void>, number?]> = [
    [
      'a fresh profile shows the welcome state; Set API Key from the palette fills the tree',
      async () => {
        await ui.open(server!.url);
        await ui.view.getByText('Browse the directories, groups and users').waitFor({ timeout: EXTENSION_HOST_MS });
        await ui.view.getByRole('button', { name: 'Set API Key' }).waitFor();
        // The first run opens the walkthrough, once (market-steps.ts checks it opens no more, and its steps).
        await walkthroughEditor(page).getByText(WALKTHROUGH_TITLE).first().waitFor();
        await ui.runCommand('View: Close All Editors');
        assert.equal(api.requests.length, 0, 'no request before a key is set');
        await shot('welcome');

        await ui.runCommand('WorkOS: Set API Key');
        const input = await ui.inputBox('WorkOS: Set API Key');
        assert.equal(await input.getAttribute('type'), 'password', 'the key box hides what is typed');
        await input.pressSequentially(SAMPLE.apiKey);
        await shot('api-key');
        await page.keyboard.press('Enter');
        for (const directory of api.dataset.directories) await ui.treeItem(directoryRow(directory.name)).waitFor();
        await shot('directories');
      },
    ],

    [
      'the large directory pages its groups with "Load more", following the cursor',
      async () => {
        await ui.treeItem(directoryRow(LARGE)).click();
        await ui.treeItem('Load more').waitFor();
        assert.equal(await childCount(LARGE), PAGE_SIZE + 1, `${PAGE_SIZE} groups and "Load more"`);
        const lastOfPage = await groupRow(PAGE_SIZE);
        assert.ok(
          groupsOf(SAMPLE.largeDirectoryId).some((g) => g.id === lastOfPage.id && g.name === lastOfPage.name),
          `row ${PAGE_SIZE} is a group of ${LARGE}`,
        );
        await shot('groups');

        api.setLatency(1500); // long enough to see the row change while the page loads
        await ui.treeItem('Load more').click();
        await ui.treeItem(`Loading more groups of ${LARGE}`).waitFor();
        api.setLatency(0);
        await until('the second page is shown', async () => (await childCount(LARGE)) === 2 * PAGE_SIZE + 1);
        const requests = groupRequests(SAMPLE.largeDirectoryId);
        assert.equal(requests.length, 2, 'one request per page');
        assert.equal(requests[0].query.after, undefined, 'the first page has no cursor');
        assert.equal(requests[1].query.after, lastOfPage.id, 'the second page starts after the last group shown');
        assert.equal(requests[1].query.limit, String(PAGE_SIZE), 'workos.pageSize from user settings');
        await shot('second-page');
      },
    ],

    [
      'the command palette lists the WorkOS commands, and not the tree-only ones',
      async () => {
        await ui.palette('WorkOS:');
        await shot('palette');
        // The list is longer than the screen: each title is looked up by name.
        const rows = async (text: string) => {
          await ui.quickInputBox.fill(`>${text}`);
          await ui.quickInputRows.first().waitFor();
          return (await ui.quickInputRows.locator('.label-name').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        };
        for (const title of [
          'Set API Key',
          'Clear API Key',
          'Refresh',
          'Open Directory Group by ID...',
          'Open by ID...',
          'Show Groups of Directory User...',
          // Every command on a directory or a group is in the palette and asks for what it needs.
          'Export Groups...',
          'Export Members...',
          'Open Directory JSON',
          'Show Recent Changes...',
          'Diagnose Directory...',
          'Count Members...',
        ]) {
          const titles = await rows(`WorkOS: ${title}`);
          assert.ok(
            titles.some((t) => t.endsWith(title)),
            `the palette lists WorkOS: ${title} (it lists ${titles.join(' | ')})`,
          );
        }
        const all = await rows('WorkOS:');
        assert.ok(
          !all.some((t) =>
            /Load More|Copy ID|Copy Email|Open Directory User JSON|Open Event JSON|Compare with Previous/.test(t),
          ),
          'row commands stay out of the palette',
        );
        await page.keyboard.press('Escape');
      },
    ],

    [
      'a group opens as read-only JSON titled with its name',
      async () => {
        opened = await groupRow(1);
        await rowAt(1).click();
        const tab = ui.tab(new RegExp(literal(opened.name)));
        await tab.waitFor();
        assert.equal(await tab.getAttribute('aria-selected'), 'true', 'its tab is the active one');
        await until('the editor shows the group', async () => (await ui.editorText()).includes(`"id": "${opened.id}"`));
        await shot('group-json');
        const before = await ui.editorText();
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
        await page.keyboard.type('typed');
        await page.keyboard.press('Enter');
        await page.locator('.monaco-editor-overlaymessage', { hasText: 'Cannot edit in read-only editor' }).waitFor();
        assert.equal(await ui.editorText(), before, 'typing changes nothing');
        assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 0, 'no unsaved-changes marker');
        await shot('read-only');
      },
    ],

    [
      'a group expands to its members by its twistie; a member opens as JSON; its menu copies the email',
      async () => {
        // The first group listed: a dozen members of every state (the sample data makes it so).
        const members = (groupId: string) => api.dataset.memberships.filter(([, group]) => group === groupId).length;
        const position = 1;
        const group = await groupRow(position);
        assert.equal(group.id, SAMPLE.firstListedGroupId);
        const memberRequests = () => api.requests.filter((r) => r.route === 'list_users' && r.query.group === group.id);
        const tabs = await ui.tabs.count();
        await rowAt(position).locator('.monaco-tl-twistie').click();
        const firstMember = ui.view.locator('[role="treeitem"][aria-level="3"]').first();
        await firstMember.waitFor();
        assert.equal(Number(await firstMember.getAttribute('aria-setsize')), members(group.id), 'one row per member');
        assert.equal(memberRequests().length, 1, 'one request for the first page of members');
        assert.equal(await ui.tabs.count(), tabs, 'the twistie expands without opening the group');
        const label = (await firstMember.getAttribute('aria-label')) ?? '';
        const user = api.dataset.users.find((u) => u.email !== null && label.includes(u.email))!;
        assert.ok(user, `the row names a user by name and email: ${label}`);
        assert.ok(label.startsWith(`User ${user.first_name} ${user.last_name}, `), label);
        await shot('tree');

        const sent = api.requests.length;
        await firstMember.click();
        await ui.tab(new RegExp(literal(user.name ?? user.id))).waitFor();
        await until('the editor shows the user', async () => (await ui.editorText()).includes(`"id": "${user.id}"`));
        assert.equal(api.requests.length, sent, 'the row shows the user as its page listed it: no request');

        await firstMember.click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu');
        for (const item of ['Open Directory User JSON', 'Show Groups of Directory User...', 'Copy ID', 'Copy Email']) {
          await menu.getByRole('menuitem', { name: item }).waitFor();
        }
        await shot('user-menu');
        await menu.getByRole('menuitem', { name: 'Copy Email' }).click();
        await page.locator('.part.statusbar', { hasText: `Copied ${user.email}` }).waitFor();
        await ui.runCommand('View: Close All Editors');
        await rowAt(position).locator('.monaco-tl-twistie').click(); // collapsed again for the next steps
      },
    ],

    [
      'Open Directory Group by ID: a valid ID opens, an unknown one says so, a malformed one is refused as typed',
      async () => {
        const group = groupsOf(SAMPLE.smallDirectoryId)[3];
        await ui.runCommand('WorkOS: Open Directory Group by ID...');
        await (await ui.inputBox('WorkOS: Open Directory Group by ID')).fill(group.id);
        await page.keyboard.press('Enter');
        await ui.tab(new RegExp(literal(group.name))).waitFor();
        await until('the editor shows the fetched group', async () =>
          (await ui.editorText()).includes(`"id": "${group.id}"`),
        );
        assert.ok(
          api.requests.some((r) => r.route === 'get_group' && r.id === group.id),
          'the group was fetched by ID',
        );

        const tabs = await ui.tabs.count();
        const unknown = 'directory_group_01JZZZZZZZZZZZZZZZZZZZZZZZ';
        await ui.runCommand('WorkOS: Open Directory Group by ID...');
        await (await ui.inputBox('WorkOS: Open Directory Group by ID')).fill(unknown);
        await page.keyboard.press('Enter');
        const toast = ui.toast(`Could not open directory group ${unknown}`);
        await toast.waitFor();
        assert.match(await toast.innerText(), /not found/i, 'the toast says the group does not exist');
        await shot('unknown-id');
        assert.equal(await ui.tabs.count(), tabs, 'nothing opens');
        await ui.clearToasts();

        const sent = api.requests.length;
        await ui.runCommand('WorkOS: Open Directory Group by ID...');
        const input = await ui.inputBox('WorkOS: Open Directory Group by ID');
        await input.pressSequentially(SAMPLE.userWithGroupsId);
        const message = ui.quickInput.locator('.quick-input-message');
        await until('the box says what is wrong', async () =>
          (await message.innerText()).includes('That is a directory user ID; this needs a directory group ID.'),
        );
        await shot('malformed-id');
        await page.keyboard.press('Enter');
        assert.ok(await input.isVisible(), 'Enter does not accept a malformed ID');
        await page.keyboard.press('Escape');
        assert.equal(api.requests.length, sent, 'no request for a malformed ID');
      },
    ],

    [
      "Show Groups of Directory User lists all of that user's groups",
      async () => {
        const expected = api.dataset.memberships
          .filter(([user]) => user === SAMPLE.userWithGroupsId)
          .map(([, group]) => group);
        const names = new Set(api.dataset.groups.filter((g) => expected.includes(g.id)).map((g) => g.name));
        await ui.runCommand('WorkOS: Show Groups of Directory User...');
        await (await ui.inputBox('WorkOS: Show Groups of Directory User')).fill(SAMPLE.userWithGroupsId);
        await page.keyboard.press('Enter');
        const user = api.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
        await ui.quickInput
          .locator('.quick-input-title', {
            hasText: `Groups of ${user.first_name} ${user.last_name} <${user.email}> (${expected.length})`,
          })
          .waitFor();
        await ui.toast('Fetching the groups of').waitFor({ state: 'hidden' });
        assert.equal(
          Number(await ui.quickInputRows.first().getAttribute('aria-setsize')),
          expected.length,
          'one row per group',
        );
        const shown = await ui.quickInputRows.locator('.quick-input-list-row:first-child .label-name').allInnerTexts();
        for (const name of shown) assert.ok(names.has(name), `${name} is one of the user's groups`);
        await shot('user-groups');
        await page.keyboard.press('Escape');
      },
    ],

    [
      "Find Groups from a directory's inline search: the finder fills from both ends; typing narrows it; Enter opens the group",
      async () => {
        const wanted = api.dataset.groups.find((g) => g.id === SAMPLE.hundredMemberGroupId)!;
        const before = groupRequests(SAMPLE.largeDirectoryId).length;
        await ui.treeItem(directoryRow(LARGE)).hover();
        await ui.treeItem(directoryRow(LARGE)).getByRole('button', { name: 'Find Groups in Directory...' }).click();
        await ui.quickInput.locator('.quick-input-title', { hasText: 'WorkOS: Find Groups in Directory' }).waitFor();
        await until('the scan has read every group', async () =>
          (await ui.quickInput.locator('.quick-input-title').innerText()).includes(
            `Directory: ${SAMPLE.largeDirectoryGroupCount.toLocaleString('en-US')} groups`,
          ),
        );
        const orders = groupRequests(SAMPLE.largeDirectoryId)
          .slice(before)
          .map((r) => r.query.order);
        assert.ok(orders.includes('asc') && orders.includes('desc'), 'read from both ends');
        await ui.quickInputBox.fill('zzz no such group');
        await ui.quickInputRows.filter({ hasText: 'No group name or ID contains that text.' }).waitFor();
        await ui.quickInputBox.fill('');
        await ui.quickInputBox.pressSequentially(wanted.name.slice(0, 12).toLowerCase());
        await ui.quickInputRows.filter({ hasText: wanted.name }).first().waitFor();
        // The workbench filters the rows it has at once; the extension's own match (names and IDs) follows.
        await until('the extension has matched the text', async () =>
          /· \d+ match$/.test(await ui.quickInput.locator('.quick-input-title').innerText()),
        );
        await shot('finder');
        await ui.quickInputRows.filter({ hasText: wanted.name }).first().click();
        await ui.tab(new RegExp(literal(wanted.name))).waitFor();
        await ui.runCommand('View: Close All Editors');
      },
    ],

    [
      'an ID in an ordinary text file: its hover names the group and its directory; Ctrl+click opens its JSON',
      async () => {
        const group = api.dataset.groups.find((g) => g.id === SAMPLE.busyGroupId)!;
        const directory = api.dataset.directories.find((d) => d.id === group.directory_id)!;
        await ui.runCommand('View: Close All Editors');
        // Its keybinding: the palette ranks "Compare New Untitled Text Files" above it.
        await page.keyboard.press('Control+Alt+N');
        const editor = page.locator('.editor-group-container.active .monaco-editor');
        await editor.locator('.view-lines').click();
        await page.keyboard.type(`2026-12-01 sync failed for group=${group.id} (see ticket)`);
        // The ID is a link: Monaco draws it underlined, in a span of its own.
        const id = editor.locator('.view-line .detected-link', { hasText: group.id }).first();
        await id.waitFor();
        const box = (await id.boundingBox())!;
        // Monaco shows a hover after the pointer moves over a word and rests there.
        await page.mouse.move(box.x + 4, box.y + box.height / 2);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        const hover = page.locator('.monaco-hover').filter({ visible: true });
        // Escaped hover text keeps its spaces as non-breaking ones.
        const hoverText = async () => (await hover.innerText()).replace(/\u00a0/g, ' ');
        await until(
          'the hover names the group',
          async () => (await hover.count()) > 0 && (await hoverText()).includes(group.name),
        );
        assert.ok((await hoverText()).includes(directory.name), `the hover names the directory: ${await hoverText()}`);
        await hover.getByRole('link', { name: 'Open JSON' }).waitFor();
        // As it is, pointer and all: the usual screenshot moves the pointer away, which closes a hover.
        await page.screenshot({ path: path.join(RESULTS, 'hover.png'), animations: 'disabled' });
        await page.keyboard.press('Escape');
        await page.keyboard.down('Control');
        await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.up();
        await page.keyboard.up('Control');
        await ui.tab(new RegExp(literal(group.name))).waitFor();
        await until('the editor shows the group', async () => (await ui.editorText()).includes(`"id": "${group.id}"`));
        await ui.runCommand('View: Revert and Close Editor'); // the group's JSON
        await ui.runCommand('View: Revert and Close Editor'); // the scratch file, unsaved
      },
    ],

    [
      'Find Directory User by Email on a server that refuses the filter: Scan Users reads the directory and opens the user',
      async () => {
        const user = api.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
        api.inject({
          kind: 'status',
          status: 400,
          times: Infinity,
          match: { route: 'list_users', query: { email: user.email! } },
        });
        await ui.runCommand('WorkOS: Find Directory User by Email...');
        // The picker fills once the directories are in: narrow it to the one wanted, then take it.
        await ui.quickInputRows.filter({ hasText: LARGE }).first().waitFor();
        await ui.quickInputBox.fill(LARGE);
        await until('only that directory is listed', async () => (await ui.quickInputRows.count()) === 1);
        await page.keyboard.press('Enter');
        await ui.quickInput
          .locator('.quick-input-title', { hasText: 'WorkOS: Find Directory User by Email' })
          .waitFor();
        await ui.quickInput.locator('.quick-input-message', { hasText: 'primary email' }).waitFor();
        await ui.quickInputBox.fill(user.email!);
        await page.keyboard.press('Enter');
        const toast = ui.toast('WorkOS refused the email filter');
        await toast.waitFor();
        await toast.getByRole('button', { name: 'Scan Users' }).click();
        await ui.tab(new RegExp(literal(user.name!))).waitFor();
        await until('the editor shows the user', async () => (await ui.editorText()).includes(`"id": "${user.id}"`));
        const scanned = api.requests.filter(
          (r) =>
            r.route === 'list_users' && r.query.directory === SAMPLE.largeDirectoryId && r.query.email === undefined,
        );
        assert.ok(scanned.length >= 2, `the directory's users were read page by page (${scanned.length} pages)`);
        assert.ok(!api.requests.some((r) => r.status === 429), 'paced: no 429');
        api.clearFaults();
        await ui.clearToasts();
        await ui.runCommand('View: Close All Editors');
      },
    ],

    [
      'Export Groups from a directory row as JSON: every group, in an untitled editor',
      async () => {
        await ui.treeItem(directoryRow(SMALL)).click({ button: 'right' });
        const exportItem = page
          .locator('.context-view .monaco-menu')
          .getByRole('menuitem', { name: 'Export Groups...' });
        // Monaco menus act on mouse-up over an item the pointer has entered: move there first.
        await exportItem.hover();
        await exportItem.click();
        await ui.quickInputRows.filter({ hasText: 'JSON' }).first().click();
        await ui.tab(/^Untitled-\d+/).waitFor();
        // The visible lines only: the newest groups, each one of that directory's.
        await until('the editor shows the groups', async () =>
          (await ui.editorText()).includes(`"directory_id": "${SAMPLE.smallDirectoryId}"`),
        );
        const shownIds = [...(await ui.editorText()).matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]);
        assert.ok(
          shownIds.length > 0 && shownIds.every((id) => groupsOf(SAMPLE.smallDirectoryId).some((g) => g.id === id)),
        );
        assert.ok((await ui.editorText()).trimStart().startsWith('['), 'a JSON array');
        await shot('export');
        await ui.runCommand('View: Revert and Close Editor');
      },
    ],

    [
      'failures: a 500 and a malformed page show an error row; clicking it retries; a revoked key shows the rejected welcome',
      async () => {
        await ui.treeItem(directoryRow(LARGE)).click(); // collapsed, so the rows below stay on screen
        const match = { route: 'list_groups' as const, query: { directory: SAMPLE.smallDirectoryId } };
        api.inject({ kind: 'status', status: 500, times: Infinity, match });
        await ui.treeItem(directoryRow(SMALL)).click();
        const serverError = ui.treeItem(
          `Could not load the groups of ${SMALL}: WorkOS server error (500). Select to retry.`,
        );
        await serverError.waitFor(); // after the client's 3 retries, ~4 s
        await shot('server-error');

        api.clearFaults();
        api.inject({ kind: 'malformed', times: Infinity, match });
        await serverError.click();
        const malformed = ui.treeItem(
          `Could not load the groups of ${SMALL}: Unexpected answer from WorkOS. Select to retry.`,
        );
        await malformed.waitFor();

        api.clearFaults();
        await malformed.click();
        await until(`the groups of ${SMALL} are shown`, async () => (await childCount(SMALL)) === PAGE_SIZE + 1);
        const first = await rowTexts(await firstChild(SMALL));
        assert.ok(
          groupsOf(SAMPLE.smallDirectoryId).some((g) => g.name === first.name && g.id === first.id),
          `${first.name} ${first.id} is a group of ${SMALL}`,
        );

        api.setApiKeys([]);
        await ui.viewButton('Refresh').click();
        await ui.view.getByText('The API key was rejected (401 Unauthorized)').waitFor();
        await shot('key-rejected');
        api.setApiKeys([SAMPLE.apiKey]);
        await ui.view.getByRole('button', { name: 'Refresh' }).click();
        await ui.treeItem(directoryRow(LARGE)).waitFor();
      },
    ],

    countMembersStep({ page, ui, api, shot, directory: { name: SMALL, id: SAMPLE.smallDirectoryId } }),

    [
      'Add Environment from the palette; the status bar names it with the warning background; clicking it switches back',
      async () => {
        const second = production!;
        const environment = (text: string) => page.locator('.part.statusbar .statusbar-item', { hasText: text });
        await environment('Default').waitFor(); // the window's environment, once the tree has used it
        assert.equal(await page.locator('.part.statusbar .statusbar-item.warning-kind').count(), 0);

        await ui.runCommand('WorkOS: Add Environment...');
        await (await ui.inputBox('WorkOS: Add Environment (1/4)')).fill('default');
        await ui.quickInput.locator('.quick-input-message', { hasText: 'already called' }).waitFor();
        await ui.quickInputBox.fill('Production');
        await page.keyboard.press('Enter');
        const key = await ui.inputBox('WorkOS: Add Environment (2/4)');
        assert.equal(await key.getAttribute('type'), 'password', 'the key box hides what is typed');
        await key.pressSequentially(PRODUCTION_KEY);
        await page.keyboard.press('Enter');
        await ui.inputBox('WorkOS: Add Environment (3/4)');
        await ui.quickInputRows
          .filter({ hasText: /Production/ })
          .first()
          .click(); // not "Not production"
        await (await ui.inputBox('WorkOS: Add Environment (4/4)')).fill(second.url);
        await page.keyboard.press('Enter');

        // The window switched to it: its directories, with its own key, at its own address.
        for (const directory of second.dataset.directories) await ui.treeItem(directoryRow(directory.name)).waitFor();
        await ui.treeItem(directoryRow(LARGE)).waitFor({ state: 'detached' });
        const item = page.locator('.part.statusbar .statusbar-item.warning-kind', { hasText: 'Production' });
        await item.waitFor();
        assert.equal((await item.innerText()).trim(), 'Production');
        // A screen reader hears the mark the colour shows.
        await page.getByRole('button', { name: 'WorkOS environment Production, production' }).waitFor();
        await ui.viewHeader('Directories').filter({ hasText: 'Directories · ⚠ Production' }).waitFor();
        assert.ok(second.requests.length > 0);
        assert.ok(second.requests.every((r) => r.headers.authorization === `Bearer ${PRODUCTION_KEY}`));
        api.clearRequests();

        await item.click();
        await ui.quickInput.locator('.quick-input-title', { hasText: 'WorkOS: Switch Environment' }).waitFor();
        await ui.quickInputRows.filter({ hasText: 'active in this window' }).first().waitFor();
        await shot('environments');
        await ui.quickInputRows.filter({ hasText: 'Default' }).first().click();
        await ui.treeItem(directoryRow(LARGE)).waitFor();
        await environment('Default').waitFor();
        await ui.viewHeader('Directories').filter({ hasText: 'Directories · Default' }).waitFor();
        assert.equal(await page.locator('.part.statusbar .statusbar-item.warning-kind').count(), 0);
        assert.ok(api.requests.length > 0, 'the tree was loaded again from the first environment');
        assert.ok(api.requests.every((r) => r.headers.authorization === `Bearer ${SAMPLE.apiKey}`));
      },
    ],

    [
      'two windows, two environments side by side; one removes the other’s environment, and the other moves to Default; Rename',
      async () => {
        const statusItem = (on: typeof page, text: string) =>
          on.locator('.part.statusbar .statusbar-item', { hasText: text });
        const productionItem = (on: typeof page) =>
          on.locator('.part.statusbar .statusbar-item.warning-kind', { hasText: 'Production' });
        // This window works in Production again, so that a new window starts with it.
        await statusItem(page, 'Default').click();
        await ui.quickInputRows.filter({ hasText: 'Production' }).first().click();
        await productionItem(page).waitFor();

        // Another tab of the same browser profile: its own window and extension host, the same storage.
        const other = await profile.newPage();
        other.setDefaultTimeout(15_000);
        const second = new Workbench(other);
        try {
          await second.open(server!.url);
          for (const directory of production!.dataset.directories) {
            await second.treeItem(directoryRow(directory.name)).waitFor({ timeout: EXTENSION_HOST_MS });
          }
          await productionItem(other).waitFor(); // a new window starts with the one chosen last
          assert.equal(await walkthroughEditor(other).count(), 0, 'a second window opens no walkthrough');

          await productionItem(other).click();
          await second.quickInputRows.filter({ hasText: 'Default' }).first().click();
          await second.treeItem(directoryRow(LARGE)).waitFor();
          await statusItem(other, 'Default').waitFor();
          await shot('two-windows');
          // The first window still works in Production.
          await productionItem(page).waitFor();
          assert.equal(
            await ui.treeItem(directoryRow(LARGE)).count(),
            0,
            'the first window shows no directory of Default',
          );

          await second.runCommand('WorkOS: Remove Environment...');
          await second.quickInput.locator('.quick-input-title', { hasText: 'WorkOS: Remove Environment' }).waitFor();
          await second.quickInputRows.filter({ hasText: 'Production' }).first().click();
          const dialog = other.locator('.monaco-dialog-box');
          await dialog.getByText('Remove the WorkOS environment “Production” and its API key?').waitFor();
          await dialog.getByRole('button', { name: 'Remove Environment' }).click();
          // The first window learns it from the key's deletion: it moves to Default and starts over.
          await statusItem(page, 'Default').waitFor({ timeout: OTHER_WINDOW_MS });
          await productionItem(page).waitFor({ state: 'detached' });
        } finally {
          await second.screenshot(path.join(RESULTS, `${String(step).padStart(2, '0')}-second-window.png`));
          await other.close();
        }
        await ui.treeItem(directoryRow(LARGE)).waitFor();
        const title = ui.viewHeader('Directories');
        await until('the title names no environment', async () => !(await title.innerText()).includes('·'));
        await statusItem(page, 'Default').click();
        await ui.quickInput.locator('.quick-input-title', { hasText: 'WorkOS: Switch Environment' }).waitFor();
        const offered = await ui.quickInputRows.locator('.label-name').allInnerTexts();
        assert.ok(!offered.some((name) => name.includes('Production')), `offered: ${offered.join(' | ')}`);
        await page.keyboard.press('Escape');

        // Renamed: the status bar follows, the key stays (the tree still loads after a Refresh).
        await ui.runCommand('WorkOS: Rename Environment...');
        await ui.quickInputRows.filter({ hasText: 'Default' }).first().click();
        const renamed = await ui.inputBox('WorkOS: Rename “Default”');
        assert.equal(await renamed.inputValue(), 'Default', 'the box starts with the current name');
        await renamed.fill('Sample organisation');
        await page.keyboard.press('Enter');
        await statusItem(page, 'Sample organisation').waitFor();
        await ui.viewButton('Refresh').click();
        await ui.treeItem(directoryRow(LARGE)).waitFor();
      },
      OTHER_WINDOW_MS + STEP_TIMEOUT_MS,
    ],

    [
      'Recent Changes starts collapsed; expanded, it lists the newest changes first, as sentences',
      async () => {
        const eventsRequests = () => api.requests.filter((r) => r.path === '/events');
        assert.equal(eventsRequests().length, 0, 'no events request while the view is collapsed');
        await ui.viewHeader('Recent Changes').click();
        const first = ui.changesView.getByRole('treeitem').first();
        await first.waitFor({ timeout: EXTENSION_HOST_MS });
        const newest = [...api.dataset.events!].reverse().find((event) => event.event.startsWith('dsync.'))!;
        const { user, group } = newest.data as {
          user: { first_name: string; last_name: string };
          group: { name: string };
        };
        const sentence = `${user.first_name} ${user.last_name} added to ${group.name}`;
        await until('the newest change is first', async () =>
          ((await first.getAttribute('aria-label')) ?? '').startsWith(sentence),
        );
        await until('the row names its directory and age', async () =>
          /, in Brightline Logistics \(Okta\), (just now|\d+ min ago)$/.test(
            (await first.getAttribute('aria-label')) ?? '',
          ),
        );
        assert.ok(eventsRequests().length <= 4, `${eventsRequests().length} events requests`);
        assert.ok(eventsRequests().every((r) => r.query.range_start && r.query.order === undefined));
        // Directories collapsed for the picture, so that Recent Changes has the side bar.
        await ui.viewHeader('Directories').click();
        await ui.changesView.getByRole('treeitem').nth(12).waitFor();
        await shot('changes');
        await ui.viewHeader('Directories').click();
      },
    ],

    [
      "Show Recent Changes from a directory row: that directory's only; a row opens its JSON; Compare shows the diff",
      async () => {
        await ui.treeItem(directoryRow(SMALL)).click({ button: 'right' });
        const showChanges = page
          .locator('.context-view .monaco-menu')
          .getByRole('menuitem', { name: 'Show Recent Changes...' });
        await showChanges.hover(); // Monaco menus act on mouse-up over an item the pointer has entered
        await showChanges.click();
        await ui.viewHeader('Recent Changes').filter({ hasText: SMALL }).waitFor();
        const rows = ui.changesView.getByRole('treeitem');
        const own = [...api.dataset.events!].reverse().find((event) => {
          const data = event.data as { directory_id?: string; id?: string };
          return event.event.startsWith('dsync.') && (data.directory_id ?? data.id) === SAMPLE.smallDirectoryId;
        })!;
        // Rows of one directory name no directory: every directory's are gone once the first one does not.
        await until('the view lists only that directory', async () =>
          /^(?!.*Brightline Logistics).* (just now|\d+ (min|h|d) ago)$/.test(
            (await rows.first().getAttribute('aria-label')) ?? '',
          ),
        );
        await rows.first().click();
        await ui.tab(new RegExp(literal(own.id))).waitFor();
        await until('the editor shows the event as sent', async () =>
          (await ui.editorText()).includes(`"id": "${own.id}"`),
        );

        const updated = rows.filter({ hasText: / updated/ }).first();
        await updated.hover();
        await updated.getByRole('button', { name: 'Compare with Previous' }).click();
        await page.locator('.monaco-diff-editor').first().waitFor();
        await ui.tab(/before ↔ after/).waitFor();
        await shot('compare');
        await ui.viewButton('Show All Directories', 'Recent Changes').click();
        await until(
          'the view shows every directory again',
          async () => !(await ui.viewHeader('Recent Changes').innerText()).includes('Contractors'),
        );
        await ui.runCommand('View: Close All Editors');
      },
    ],

    [
      'Diagnose Directory from a directory row opens a rendered report',
      async () => {
        await ui.treeItem(directoryRow(LARGE)).click({ button: 'right' });
        const diagnose = page
          .locator('.context-view .monaco-menu')
          .getByRole('menuitem', { name: 'Diagnose Directory...' });
        await diagnose.hover(); // Monaco menus act on mouse-up over an item the pointer has entered
        await diagnose.click();
        await ui.tab(/diagnosis/i).waitFor();
        const report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        await report.getByRole('heading', { name: LARGE }).waitFor();
        await report.getByText('The directory is connected and syncing. Nothing to do.').waitFor();
        await report.getByText(/Groups: answers \(request ID/).waitFor();
        await shot('diagnose');
        await ui.runCommand('View: Close All Editors');
        await ui.viewHeader('Recent Changes').click(); // collapsed again for the next steps
      },
    ],
    explainUserStep({ page, ui, api, shot }),

    revealStep({ ui, page, api, pageSize: PAGE_SIZE, shot }),

    [
      'a workspace setting cannot redirect the API: the tree still loads from the user-level address',
      async () => {
        const workspace = path.join(ROOT, 'workspace');
        fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
        fs.writeFileSync(
          path.join(workspace, '.vscode', 'settings.json'),
          JSON.stringify({ 'workos.apiBaseUrl': decoy!.url }),
        );
        api.clearRequests();
        await ui.open(`${server!.url}?folder=${encodeURIComponent(workspace)}`);
        await ui.treeItem(directoryRow(LARGE)).waitFor({ timeout: EXTENSION_HOST_MS });
        await ui.treeItem(directoryRow(LARGE)).click();
        await ui.treeItem('Load more').waitFor();
        assert.ok(
          api.requests.some((r) => r.route === 'list_directories'),
          'the user-level fake served the directories',
        );
        assert.equal(decoy!.requests.length, 0, "the workspace's server received nothing");
        await shot('workspace');
      },
    ],
    ...marketSteps({
      page,
      ui,
      api,
      shot,
      large: LARGE,
      largeDirectoryId: SAMPLE.largeDirectoryId,
      pageSize: PAGE_SIZE,
      groupRequests,
    }),
    [
      'the keys typed (step 1, and the second environment’s) appear nowhere the extension wrote, nor in the page',
      async () => {
        // The server's folder holds its logs (the WorkOS channel included), settings and extension state;
        // its extensions/ folder is the installed package (whose README names the demo key), not output.
        // The browser's profile is left out: code-server's SecretStorage lives there, encrypted.
        const serverRoot = path.join(ROOT, 'server');
        const places: Place[] = listFiles(serverRoot)
          .map((file): Place => [path.relative(serverRoot, file), file])
          .filter(([name]) => !name.startsWith(`extensions${path.sep}`))
          .map(([name, file]) => [name, fs.readFileSync(file, 'latin1')]);
        places.push(['the workbench page', await page.content()]);
        assert.ok(
          places.some(([name, text]) => name.endsWith('WorkOS.log') && text.includes('GET /directories')),
          'the WorkOS log was read',
        );
        const leaks = recordHygiene(repoRoot, 'secrets-ui', places, [SAMPLE.apiKey, PRODUCTION_KEY]);
        assert.deepEqual(leaks, []);
      },
    ],
  ];

  for (const [name, run, timeoutMs = STEP_TIMEOUT_MS] of steps) {
    const label = `${++step}. ${name}`;
    if (only && step > 1 && !only.test(name)) {
      console.log(`  - ${label} (not selected)`);
      continue;
    }
    if (failed > 0) {
      console.log(`  - ${label} (skipped)`);
      continue;
    }
    const stepStarted = Date.now();
    try {
      await Promise.race([
        run(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`step timed out after ${timeoutMs / 1000} s`)), timeoutMs).unref(),
        ),
      ]);
      passed++;
      console.log(`  ✓ ${label} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.log(`  ✗ ${label}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await shot('FAILED').catch(() => undefined);
      fs.copyFileSync(server.logFile, path.join(RESULTS, 'code-server.log'));
      const extensionLog = fs
        .readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith(`${path.sep}WorkOS.log`))
        .sort()
        .pop();
      if (extensionLog) fs.copyFileSync(path.join(ROOT, extensionLog), path.join(RESULTS, 'WorkOS.log'));
      console.log(`    screenshot, code-server log and the extension's log in ${path.relative(repoRoot, RESULTS)}/`);
    }
  }

  if (UPDATE_SCREENSHOTS && failed === 0) {
    fs.mkdirSync(README_SHOTS, { recursive: true });
    // A selection of steps (WORKOS_E2E_STEPS) updates only the screenshots it took.
    for (const name of README_NAMES.filter((file) => fs.existsSync(path.join(RESULTS, file)))) {
      fs.copyFileSync(path.join(RESULTS, name), path.join(README_SHOTS, name));
    }
    console.log(`Updated ${README_NAMES.join(', ')} in ${path.relative(repoRoot, README_SHOTS)}/`);
    await writeWalkthroughImages(browser, README_SHOTS, WALKTHROUGH_IMAGES);
    console.log(`Updated the walkthrough's images in ${path.relative(repoRoot, WALKTHROUGH_IMAGES)}/`);
  }
  const skipped = only ? 0 : steps.length - passed - failed;
  console.log(`Took ${((Date.now() - started) / 1000).toFixed(0)} s${skipped ? `; ${skipped} skipped` : ''}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

void main()
  .catch((error: unknown) => {
    failed++; // the setup failed
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  })
  .then(async () => {
    await cleanUp();
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
  });
