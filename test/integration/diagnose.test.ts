import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { MAX_REPORTS } from '../../src/ui/report-documents';
import { SAMPLE } from '../fake-workos/dataset';
import type { FakeWorkOS } from '../fake-workos/server';
import { useSuite, waitFor } from './helpers';

describe('Diagnose Directory', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite((suite) => ({ api, fake } = suite));

  /** The report the Markdown preview renders, once the command has opened it. */
  async function reportOf(directoryId: string): Promise<string> {
    await vscode.commands.executeCommand('workos.diagnoseDirectory', directoryId);
    let document: vscode.TextDocument | undefined;
    await waitFor(() => {
      document = vscode.workspace.textDocuments.find(
        // The directory's diagnosis: Count Members files its report under the same directory.
        (candidate) =>
          candidate.uri.scheme === 'workos-report' &&
          candidate.uri.path.startsWith(`/${directoryId}/`) &&
          candidate.uri.path.endsWith(' diagnosis.md'),
      );
      return document !== undefined;
    }, 'the Markdown preview reads the report');
    const tab = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((candidate) => candidate.input instanceof vscode.TabInputWebview);
    assert.ok(tab, 'the report shows rendered, in a preview');
    return document!.getText();
  }

  it("a healthy directory: its state, counts, newest change and counts by kind, and its lists' request IDs", async () => {
    const text = await reportOf(SAMPLE.largeDirectoryId);
    assert.match(text, /^# Brightline Logistics \\\(Okta\\\)\n/);
    assert.match(text, /\*\*Linked\*\* \(`linked`\)\. The directory is connected and syncing/);
    assert.match(text, /- Users: \d+ active, \d+ inactive/);
    assert.match(text, /Newest: .+, (just now|\d+ min ago)/);
    assert.match(text, /\| \*\*All\*\* \| \d+ \| \d+ \| \d+ \|/);
    assert.match(text, /- Groups: answers \(request ID `[^`]+`\)/);
    assert.match(text, /- Users: answers \(request ID `[^`]+`\)/);
    const probes = fake.requests.filter((request) => request.query.limit === '1');
    assert.equal(probes.length, 2, 'one small request per list');
  });

  it('a directory with broken credentials says what to do; a quiet one is quiet, not broken; a failing list says so', async () => {
    fake.inject({ kind: 'status', status: 403, times: Infinity, match: { route: 'list_users' } });
    const text = await reportOf(SAMPLE.invalidCredentialsDirectoryId);
    assert.match(text, /IT admin must reconnect it, for example through the Admin Portal/);
    assert.match(text, /- Users: \*\*fails\*\*: /);
    const quiet = await reportOf(SAMPLE.emptyDirectoryId);
    assert.match(quiet, /the directory is \*\*quiet\*\*/);
  });

  it('reports are kept for the newest few, not for the window’s life: an older tab says to run its command again', () => {
    const made = Array.from({ length: MAX_REPORTS + 1 }, (_, i) =>
      api.reports.add('bounds', `directory_01BOUND${i}`, `Report ${i}`, `# Report ${i}\n`),
    );
    assert.match(api.reports.provideTextDocumentContent(made[0]), /no longer available: run its command again/);
    assert.equal(api.reports.provideTextDocumentContent(made[1]), '# Report 1\n');
    assert.equal(api.reports.provideTextDocumentContent(made[MAX_REPORTS]), `# Report ${MAX_REPORTS}\n`);
  });
});
