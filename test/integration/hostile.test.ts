import * as assert from 'node:assert/strict';
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
  label,
  openSuite,
  setUserBaseUrl,
  tooltipOf,
  tooltipText,
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
    assert.equal(fake.requests[0].path, `/directory_groups/${SAMPLE.busyGroupId}`);
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
      assert.match(tooltipText(api, roots[0]), /workos\.apiBaseUrl/);
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
        assert.ok(text.length <= 200);
        const tooltip = tooltipOf(api, node) as vscode.MarkdownString;
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
      const group = { ...fake.dataset.groups[0], name: hostileNames[0] };
      fake.inject({
        kind: 'json',
        body: { object: 'list', data: [group], list_metadata: { before: null, after: null } },
        match: { path: '/directory_groups' },
      });
      const [row] = await api.view.getChildren(roots[0]);
      assert.equal(label(api, row), hostileNames[0]);
      assert.ok(!/\]\(command:/.test((tooltipOf(api, row) as vscode.MarkdownString).value));
    });
  });
});
