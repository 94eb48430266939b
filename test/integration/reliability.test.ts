import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { SAMPLE } from '../fake-workos/dataset';
import { requestMatches, type FakeWorkOS, type FaultMatch } from '../fake-workos/server';
import type { WorkOSErrorKind } from '../../src/workos';
import {
  EXPLAIN_OPERATIONS,
  FAULT_CASES,
  OPERATIONS,
  type ExplainOperation,
  type Expected,
  type MatrixRow,
  type Operation,
  type Target,
} from '../reliability/matrix';
import { writeResults } from '../reliability/results';
import {
  acceptQuickPick,
  asRead,
  closeAllEditors,
  closeSuite,
  EXTENSION_ID,
  isGroupNode,
  KEY,
  label,
  listedDirectory,
  openSuite,
  tooltipText,
  waitFor,
  workosLogFile,
} from './helpers';

/** What a person reads for each kind of failure, in an error row, the welcome view or a message. */
const FAILURE_TEXT: Record<WorkOSErrorKind, RegExp> = {
  rate_limited: /rate-limit|Rate limited/i,
  server: /server error|answered with an error/i,
  timeout: /did not answer/i,
  network: /Could not reach WorkOS/,
  invalid_response: /Unexpected answer|not JSON|unexpected shape|not the expected object|empty page|cursor .* twice/,
  unauthorized: /API key was rejected/i,
  not_found: /not found|could not be found/i,
  // No fault in the matrix produces these:
  forbidden: /Not allowed|may not read/,
  invalid: /refused|could not process/,
  cancelled: /cancelled/,
};

/** What a person ends up seeing after one operation. */
interface Seen {
  recovered: boolean;
  /** The error row's label and tooltip, the "key rejected" welcome, or the failure the command reported. */
  failure?: string;
}

describe('reliability matrix, through the extension: every fault × every operation', function () {
  this.timeout(20_000);
  let api: TestApi;
  let fake: FakeWorkOS;
  let waits: number[];
  const rows: MatrixRow[] = [];

  before(async () => {
    ({ api, fake } = await openSuite());
    // The real retry rules, with the waits recorded instead of slept and a short timeout.
    api.sessions.setTiming({ timeoutMs: 2000, sleep: async (ms) => void waits.push(ms) });
  });
  after(async () => {
    api.sessions.setTiming({});
    await closeSuite({ api, fake });
    writeResults(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'extension', rows);
  });

  const groupCount = (rows: TreeNode[]) => rows.filter(isGroupNode).length;

  /** How the tree shows a list: rows, an error row, or the "key rejected" welcome. */
  async function seenInTree(rows: TreeNode[], grew: boolean): Promise<Seen> {
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, 'no duplicate rows');
    assert.ok(!rows.some((row) => row.kind === 'loadMore' && row.loading), 'no row stuck on "Loading…"');
    const trailer = rows.at(-1);
    if (trailer?.kind === 'message')
      return { recovered: false, failure: `${label(api, trailer)} — ${await tooltipText(api, trailer)}` };
    if (api.view.model.state.keyState === 'rejected')
      return { recovered: false, failure: 'welcome: the API key was rejected' };
    return { recovered: grew };
  }

  /** How Recent Changes shows its first screen: rows, or a failed row with the failure and its request ID. */
  async function seenInChanges(): Promise<Seen> {
    const rows = await api.changes.getChildren();
    assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, 'no duplicate rows');
    const trailer = rows.at(-1);
    if (trailer?.kind === 'failed') {
      const item = api.changes.getTreeItem(trailer);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '';
      const text = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return { recovered: false, failure: `${text} — ${asRead(tooltip)}` };
    }
    return { recovered: rows.some((row) => row.kind === 'event') };
  }

  /** The extension-level operations: the tree's, the commands', and Recent Changes' first screen. */
  const operations: Record<
    Operation | ExplainOperation | 'a window of changes',
    (inject: (target: Target) => void) => Promise<Seen>
  > = {
    'a window of changes': async (inject) => {
      api.changes.show(undefined);
      inject({ match: { path: '/events' }, list: true });
      return await seenInChanges();
    },
    'list directories': async (inject) => {
      inject({ match: { route: 'list_directories' }, list: true });
      const rows = await api.view.getChildren(undefined);
      return await seenInTree(rows, rows.length > 0);
    },
    'list a directory’s groups': async (inject) => {
      // The small directory: 'load more' below deepens the large one, and a refresh reloads that depth.
      const directory = await listedDirectory(api, SAMPLE.smallDirectoryId);
      inject({ match: { route: 'list_groups', query: { directory: SAMPLE.smallDirectoryId } }, list: true });
      const rows = await api.view.getChildren(directory);
      return await seenInTree(rows, groupCount(rows) > 0);
    },
    'load more': async (inject) => {
      const directory = await listedDirectory(api, SAMPLE.largeDirectoryId);
      const before = groupCount(await api.view.getChildren(directory));
      inject({ match: { route: 'list_groups', query: { directory: SAMPLE.largeDirectoryId } }, list: true });
      await api.view.loadMore(directory);
      const rows = await api.view.getChildren(directory);
      if (api.view.model.state.keyState !== 'rejected')
        assert.ok(groupCount(rows) >= before, 'rows already shown stay');
      return await seenInTree(rows, groupCount(rows) > before);
    },
    'open group by ID': async (inject) => {
      const id = SAMPLE.busyGroupId;
      inject({ match: { route: 'get_group', path: new RegExp(`/${id}$`) }, id, list: false });
      await command('workos.openGroup', id);
      return await seenInEditor(id);
    },
    'reveal a group': async (inject) => {
      const id = SAMPLE.firstListedGroupId;
      // Another row selected first, so a selected group means this reveal selected it.
      await api.view.reveal(await listedDirectory(api, SAMPLE.smallDirectoryId));
      inject({
        match: { route: 'get_group', path: new RegExp(`/${id}$`) },
        id,
        directory: SAMPLE.largeDirectoryId,
        list: false,
      });
      await command('workos.reveal', id);
      const selected = api.view.view.selection[0];
      // Collapsed and hidden again: VS Code would read the expanded lists on the next refresh, before the
      // next fault is in place (and fill the cache this lookup must miss).
      await vscode.commands.executeCommand('workbench.actions.treeView.workos.directories.collapseAll');
      await vscode.commands.executeCommand('workbench.view.explorer');
      if (isGroupNode(selected) && selected.group.id === id) return { recovered: true };
      return await seenInEditor();
    },
    'count members': async (inject) => {
      // A directory of 7 groups, the first one's members faulted.
      const directory = 'directory_01K42DB0484E28TBHBJXPT7FCN';
      const target = fake.dataset.groups.find((group) => group.directory_id === directory)!;
      inject({ match: { route: 'list_users', query: { group: target.id } }, list: true });
      const uri = await command<vscode.Uri | undefined>('workos.countMembers', directory);
      if (!uri) return await seenInEditor();
      const report = asRead(api.reports.provideTextDocumentContent(uri));
      const failed = report.split('\n').find((line) => line.startsWith(`- ${target.name} (\`${target.id}\`):`));
      if (failed) return { recovered: false, failure: failed };
      return { recovered: report.includes(`| ${target.name} | `) || report.includes(`- ${target.name} (\``) };
    },
    'groups of a user': async (inject) => {
      inject({ match: { route: 'list_groups', query: { user: SAMPLE.userWithGroupsId } }, list: true });
      // Either the command fails by itself, or its answers arrive and a quick pick waits for a choice.
      await acceptQuickPick(command('workos.showUserGroups', SAMPLE.userWithGroupsId), 'the user’s groups');
      return await seenInEditor();
    },
    // Explain User Access: the user's own request by ID; by email, the lookup in the user's directory.
    'explain a user by ID': async (inject) => {
      const id = SAMPLE.userWithGroupsId;
      const sample = fake.dataset.users.find((user) => user.id === id) as unknown as Record<string, unknown>;
      inject({ match: { route: 'get_user', path: new RegExp(`/${id}$`) }, id, list: false, sample });
      await command('workos.explainUser', id);
      return await seenInReport();
    },
    'explain a user by email': async (inject) => {
      const user = fake.dataset.users.find((candidate) => candidate.id === SAMPLE.userWithGroupsId)!;
      const query = { directory: user.directory_id, email: user.email! };
      const sample = { ...user, groups: [] } as unknown as Record<string, unknown>;
      inject({ match: { route: 'list_users', query }, list: true, sample });
      await command('workos.explainUser', user.email!);
      return await seenInReport();
    },
  };

  /** A report shown in a preview, or the failure the command reported. */
  async function seenInReport(): Promise<Seen> {
    const shown = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .some((tab) => tab.input instanceof vscode.TabInputWebview);
    // The preview's tab may follow the command's end by a moment; a failure is logged by then.
    await waitFor(() => shown() || peekLog().includes('[error] Could not'), 'a report or a failure', 5000).catch(
      () => undefined,
    );
    return shown() ? { recovered: true } : await seenInEditor();
  }

  /** Runs a command, failing the test if it does not finish: a hang is never an acceptable outcome. */
  async function command<T = unknown>(id: string, argument: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return await Promise.race([
      vscode.commands.executeCommand<T>(id, argument),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${id} did not finish`)), 15_000))),
    ]).finally(() => clearTimeout(timer));
  }

  let logOffset = 0;
  async function seenInEditor(id?: string): Promise<Seen> {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.uri.scheme === 'workos') {
      if (id) assert.ok(document.getText().includes(id));
      return { recovered: true };
    }
    // The log channel writes its file a moment later.
    let failure: string | undefined;
    let log = '';
    await waitFor(
      () => {
        log += readLogSince();
        failure = log.split('\n').find((line) => /\[error\] Could not/.test(line));
        return failure !== undefined;
      },
      'the failure is reported',
      5000,
    ).catch(() => undefined);
    return { recovered: false, failure: failure?.replace(/^.*\[error\] /, '') };
  }

  /** What the log gained since the last read, leaving it to be read. */
  function peekLog(): string {
    const file = workosLogFile(api);
    return file ? fs.readFileSync(file, 'utf8').slice(logOffset) : '';
  }

  function readLogSince(): string {
    const file = workosLogFile(api);
    if (!file) return '';
    const text = fs.readFileSync(file, 'utf8');
    const fresh = text.slice(logOffset);
    logOffset = text.length;
    return fresh;
  }

  for (const fault of FAULT_CASES) {
    for (const operation of [...OPERATIONS, 'a window of changes' as const, ...EXPLAIN_OPERATIONS]) {
      it(`${fault.name} × ${operation}`, async () => {
        fake.clearFaults();
        await closeAllEditors();
        api.view.refresh();
        readLogSince();
        waits = [];
        fake.clearRequests();
        const expected: Expected = fault.expect(operation);
        const started = Date.now();
        let faulted: FaultMatch = {};
        const seen = await operations[operation]((target) => {
          faulted = target.match;
          fake.clearRequests();
          for (const injected of fault.faults(target)) fake.inject(injected);
        });
        assert.ok(Date.now() - started < 15_000, 'no hang');
        if (expected.outcome === 'recovered') {
          assert.ok(seen.recovered, `expected the data to show, saw ${seen.failure ?? 'nothing'}`);
          if (expected.waitsMs) assert.deepEqual(waits, expected.waitsMs);
        } else {
          assert.ok(!seen.recovered && seen.failure, 'a clear failure is shown');
          assert.match(seen.failure, FAILURE_TEXT[expected.kind], `it names the failure: ${expected.kind}`);
          const answered = fake.requests.filter((r) => requestMatches(faulted, r) && r.status !== 0).at(-1);
          if (answered && expected.kind !== 'unauthorized' && !seen.failure.startsWith('welcome')) {
            assert.ok(
              seen.failure.includes(answered.requestId),
              `the failure names request ${answered.requestId}: ${seen.failure}`,
            );
          }
        }
        assert.ok(!(seen.failure ?? '').includes(KEY));
        rows.push({
          fault: fault.name,
          operation,
          outcome: seen.recovered ? 'recovered' : 'clear failure',
          detail: seen.failure ?? `${fake.requests.length} request(s)`,
        });
      });
    }
  }
});
