import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { DirectoryNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { writeResults, type HostileRow } from '../reliability/results';
import {
  closeAllEditors,
  closeSuite,
  EXTENSION_ID,
  KEY,
  label,
  listedDirectory,
  openSuite,
  setUserBaseUrl,
  tooltipOf,
  tooltipText,
  waitForLogLine,
} from './helpers';

/** Shows an input in the report without flooding it or hiding invisible characters. */
function shown(input: string): string {
  const escaped = JSON.stringify(input.length > 40 ? `${input.slice(0, 24)}… (${input.length} chars)` : input);
  return escaped.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('hostile input', () => {
  let api: TestApi;
  let fake: FakeWorkOS;
  const rows: HostileRow[] = [];

  before(async () => ({ api, fake } = await openSuite()));
  after(async () => {
    await setUserBaseUrl(fake.url);
    await closeSuite({ api, fake });
    writeResults(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'hostile', rows);
  });
  beforeEach(async () => {
    fake.clearFaults();
    fake.clearRequests();
    await closeAllEditors();
  });

  const badIds = [
    '',
    '   ',
    '../directories',
    '..%2Fdirectories',
    '%2e%2e',
    '?limit=1',
    '#x',
    'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z/../../directories',
    'directory_group_01Е1JJS84MFPPQ3G655FHTKX6Z', // Cyrillic Е
    'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z\u202E',
    'x'.repeat(10_000),
    'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ',
    'org_01EHZNVPK3SFK441A1RGBFSHRT',
  ];
  const notAUser = [
    ...badIds.filter((id) => !id.startsWith('directory_user_')),
    'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z',
  ];
  for (const [command, inputs] of [
    ['workos.openGroup', badIds],
    ['workos.showUserGroups', notAUser],
  ] as const) {
    for (const id of inputs) {
      it(`${command} refuses ${shown(id)}: no request, nothing opens`, async () => {
        await vscode.commands.executeCommand(command, id);
        assert.equal(fake.requests.length, 0, 'no request reached any route');
        assert.equal(vscode.window.activeTextEditor, undefined);
        rows.push({ input: shown(id), where: `${command} argument`, outcome: 'refused before sending' });
      });
    }
  }

  it('an ID with surrounding whitespace is trimmed and opens', async () => {
    const id = `  ${SAMPLE.busyGroupId}\n`;
    await vscode.commands.executeCommand('workos.openGroup', id);
    assert.equal(fake.requests.length, 1);
    assert.deepEqual([fake.requests[0].route, fake.requests[0].id], ['get_group', SAMPLE.busyGroupId]);
    rows.push({ input: shown(id), where: 'workos.openGroup argument', outcome: 'trimmed, sent safely' });
  });

  const badAddresses = [
    'http://api.workos.com',
    'http://10.0.0.1:4100',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:secret@api.workos.com',
    'https://api.workos.com/v1',
    'ftp://127.0.0.1',
  ];
  for (const address of badAddresses) {
    it(`workos.apiBaseUrl ${address} is refused with a message; the key is not sent`, async () => {
      await setUserBaseUrl(address);
      const roots = await api.view.getChildren(undefined);
      assert.equal(roots.length, 1);
      assert.match(await tooltipText(api, roots[0]), /workos\.apiBaseUrl/);
      assert.equal(fake.requests.length, 0);
      rows.push({ input: shown(address), where: 'workos.apiBaseUrl (user setting)', outcome: 'refused, key not sent' });
    });
  }

  describe('names from the API', () => {
    before(() => setUserBaseUrl(fake.url));
    const hostileNames = [
      '[Reset key](command:workos.clearApiKey)',
      '<img src=x onerror=alert(1)>',
      '**bold** _it_ `code` # heading',
      'evil\u202Egnp.exe',
      'tab\there\nnewline\u0000nul',
      'L'.repeat(1000),
      'C'.repeat(1030),
    ];

    it('show as plain text in labels and tooltips: no Markdown, no HTML, no command links', async () => {
      const directories = hostileNames.map((name, i) => ({
        ...fake.dataset.directories[0],
        id: `directory_01HOSTILE${String(i).padStart(17, '0')}`,
        name,
      }));
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: directories, list_metadata: { before: null, after: null } },
        match: { path: '/directories' },
      });
      api.view.refresh();
      const roots = (await api.view.getChildren(undefined)) as DirectoryNode[];
      assert.equal(roots.length, hostileNames.length);
      for (const [i, node] of roots.entries()) {
        const text = label(api, node);
        assert.ok(
          !/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(text),
          `no control or bidi characters in ${JSON.stringify(text)}`,
        );
        // Whole up to 1,024 characters, so the view's own find sees a name past an IdP's 255.
        const name = hostileNames[i];
        if (/^[LC]+$/.test(name)) assert.equal(text, name.length <= 1024 ? name : `${name.slice(0, 1023)}…`);
        const tooltip = (await tooltipOf(api, node)) as vscode.MarkdownString;
        assert.equal(tooltip.isTrusted, false);
        assert.ok(!tooltip.supportHtml);
        assert.ok(!/\]\(command:/.test(tooltip.value), 'no live command link');
        assert.ok(!/<img/.test(tooltip.value), 'no raw HTML');
        rows.push({
          input: shown(hostileNames[i]),
          where: 'directory name from the API',
          outcome: `label ${shown(text)}`,
        });
      }
      // The directory's own groups render the same way.
      const group = { ...fake.dataset.groups[0], directory_id: roots[0].directory.id, name: hostileNames[0] };
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: [group], list_metadata: { before: null, after: null } },
        match: { route: 'list_groups' },
      });
      const [row] = await api.view.getChildren(roots[0]);
      assert.equal(label(api, row), hostileNames[0]);
      assert.ok(!/\]\(command:/.test(((await tooltipOf(api, row)) as vscode.MarkdownString).value));
    });
  });

  describe('odd shapes from the API', () => {
    before(() => setUserBaseUrl(fake.url));
    const list = (data: unknown[]) => ({ object: 'list', data, list_metadata: { before: null, after: null } });

    it('a directory whose state, type or name is a built-in property name or not text never takes the others down', async () => {
      const base = fake.dataset.directories.find((d) => d.id === SAMPLE.smallDirectoryId)!;
      const odd: Array<[string, Record<string, unknown>]> = [
        ['state "constructor"', { state: 'constructor' }],
        ['state "__proto__"', { state: '__proto__' }],
        ['type "toString"', { type: 'toString' }],
        ['name an object', { name: { first: 'x' } }],
        ['name an array', { name: ['x'] }],
        ['state null', { state: null }],
        ['type a number', { type: 42 }],
        ['metadata.groups a string', { metadata: { groups: '2600', users: 'many' } }],
      ];
      const directories = odd.map(([, fields], i) => ({
        ...base,
        id: `directory_01ODDSHAPE${String(i).padStart(16, '0')}`,
        ...fields,
      }));
      fake.inject({ kind: 'json', body: list([...directories, base]), match: { path: '/directories' } });
      api.view.refresh();
      const roots = await api.view.getChildren(undefined);
      assert.deepEqual(
        roots.map((row) => row.kind),
        [...odd.map(() => 'directory'), 'directory'],
        'every row renders, the ordinary one too',
      );
      for (const [i, node] of roots.entries()) {
        const item = api.view.getTreeItem(node);
        const text = label(api, node);
        assert.ok(text.length > 0 && !text.includes('[object'), `a readable label: ${text}`);
        assert.ok(!String(item.description).includes('[object'), `a readable description: ${String(item.description)}`);
        assert.ok(!(await tooltipText(api, node)).includes('[object'), 'a readable tooltip');
        if (i < odd.length) {
          rows.push({
            input: odd[i][0],
            where: 'directory from the API',
            outcome: `row ${shown(text)}, icon ${(item.iconPath as vscode.ThemeIcon).id}`,
          });
        }
      }
      assert.equal(
        (api.view.getTreeItem(roots[0]).iconPath as vscode.ThemeIcon).id,
        'question',
        'unknown state: fallback icon',
      );
      assert.equal(label(api, roots[3]), directories[3].id, 'a name that is not text: the ID instead');
      assert.equal(label(api, roots.at(-1)!), base.name);
    });

    it('a key echoed by the server is masked in labels and documents', async () => {
      const group = {
        ...fake.dataset.groups.find((g) => g.directory_id === SAMPLE.smallDirectoryId)!,
        name: `leak ${KEY}`,
      };
      fake.inject({ kind: 'json', body: list([group]), match: { route: 'list_groups' } });
      api.view.refresh();
      const [row] = await api.view.getChildren(await listedDirectory(api, SAMPLE.smallDirectoryId));
      assert.equal(label(api, row), 'leak [redacted]');
      assert.ok(!(await tooltipText(api, row)).includes(KEY));
      const command = api.view.getTreeItem(row).command!;
      await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      assert.ok(text.includes('"leak [redacted]"') && !text.includes(KEY), 'the JSON document masks it too');
      assert.ok(!vscode.window.activeTextEditor!.document.uri.toString().includes(KEY), 'and its URI (the tab title)');
      rows.push({
        input: 'the API key inside a group name',
        where: 'group from the API',
        outcome: 'label, tooltip and JSON show [redacted]',
      });
    });

    it('server text with line breaks cannot forge a line in the WorkOS log', async () => {
      const forged = 'forged-line-7f3a';
      fake.inject({
        kind: 'status',
        status: 400,
        body: JSON.stringify({ message: `bad\n2026-12-01 00:00:00.000 [error] ${forged}\r\u001b[2K` }),
        match: { route: 'list_groups' },
      });
      api.view.refresh();
      await api.view.getChildren(await listedDirectory(api, SAMPLE.smallDirectoryId));
      const file = await waitForLogLine(api, forged);
      const lines = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes(forged));
      assert.ok(lines.length > 0);
      for (const line of lines)
        assert.ok(!line.includes('\r') && !line.includes('\u001b') && !line.startsWith('2026-12-01 00:00'), line);
      assert.ok(
        lines.every((line) => line.includes('bad\\n2026-12-01')),
        'the break shows as \\n',
      );
      rows.push({
        input: 'an error message with \\n, \\r and ESC',
        where: 'error answer from the API',
        outcome: 'one log line, breaks shown escaped',
      });
    });
  });

  describe('answers from a hostile server, through the tree', () => {
    before(() => setUserBaseUrl(fake.url));
    const small = () => listedDirectory(api, SAMPLE.smallDirectoryId);
    /** The error row under the small directory after one of its group pages was answered with `fault`. */
    async function errorRowAfter(
      fault: Parameters<FakeWorkOS['inject']>[0],
    ): Promise<{ label: string; tooltip: string }> {
      api.view.refresh();
      const directory = await small();
      // Every time: the workbench may ask for the rows it shows again, and must get the same answer.
      fake.inject({
        ...fault,
        times: Infinity,
        match: { route: 'list_groups', query: { directory: SAMPLE.smallDirectoryId } },
      });
      const rows = await api.view.getChildren(directory);
      fake.clearFaults();
      const trailer = rows.at(-1)!;
      assert.equal(trailer.kind, 'message', 'the page becomes an error row');
      return { label: label(api, trailer), tooltip: await tooltipText(api, trailer) };
    }

    it('a gzip bomb (a small download that decodes past 32 MB) is refused as too large', async () => {
      const seen = await errorRowAfter({
        kind: 'gzip',
        body: { data: [], list_metadata: {} },
        padTo: 40 * 1024 * 1024,
      });
      assert.match(seen.tooltip, /larger than 32 MB/);
      rows.push({
        input: 'gzip body decoding to 40 MB',
        where: 'a page of groups',
        outcome: `error row: ${shown(seen.label)}`,
      });
    });

    it('an X-Request-ID that is not one is left out of the log', async () => {
      const bad = 'req_1 [Fix](command:workos.clearApiKey)';
      api.view.refresh();
      const directory = await small();
      fake.inject({ kind: 'request-id', requestId: bad, times: Infinity, match: { route: 'list_groups' } });
      await api.view.getChildren(directory);
      fake.clearFaults();
      const file = await waitForLogLine(api, `/directories/${SAMPLE.smallDirectoryId}/groups`);
      assert.ok(!fs.readFileSync(file, 'utf8').includes('[Fix](command:'), 'the header text reached no log line');
      rows.push({ input: shown(bad), where: 'X-Request-ID header', outcome: 'left out' });
    });

    it('the key echoed JSON-escaped in an error message is masked after decoding', async () => {
      const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      const seen = await errorRowAfter({ kind: 'status', status: 400, body: `{"message":"bad key ${escaped}"}` });
      assert.ok(!seen.tooltip.includes(KEY) && seen.tooltip.includes('[redacted]'), seen.tooltip);
      rows.push({
        input: 'the key as \\u escapes in an error message',
        where: 'error answer',
        outcome: 'masked: [redacted]',
      });
    });

    it('a group whose ID is not a WorkOS ID (a line break, a slash) refuses the page', async () => {
      const group = fake.dataset.groups.find((g) => g.directory_id === SAMPLE.smallDirectoryId)!;
      for (const id of [`${group.id}\n`, `${group.id}/more`]) {
        const seen = await errorRowAfter({
          kind: 'json',
          body: { object: 'list', data: [{ ...group, id }], list_metadata: { before: null, after: null } },
        });
        assert.equal(seen.label, 'Unexpected answer from WorkOS');
        rows.push({ input: shown(id), where: 'a group ID in a page', outcome: 'page refused: invalid_response' });
      }
    });

    it('a cursor that changes on every page stops "Show Groups of Directory User" at the cap, with a message', async () => {
      const group = fake.dataset.groups[0];
      fake.inject({ kind: 'endless-list', item: group, times: Infinity, match: { route: 'list_groups' } });
      await vscode.commands.executeCommand('workos.showUserGroups', SAMPLE.userWithGroupsId);
      const asked = fake.requests.filter((r) => r.route === 'list_groups').length;
      assert.ok(asked <= 200, `${asked} pages at most`);
      await waitForLogLine(api, 'Stopped reading the list at the limit');
      rows.push({
        input: 'a cursor new on every page, one item each',
        where: 'groups of a user',
        outcome: `stopped after ${asked} pages, said so`,
      });
    });
  });
});
