import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChangeRow } from '../../src/changes/changes-view';
import type { TestApi } from '../../src/extension';
import { DSYNC_EVENT_TYPES } from '../../src/workos';
import { generatedDataset, SAMPLE } from '../fake-workos/dataset';
import { monthOfEvents, type FakeEvent } from '../fake-workos/event-data';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { isGroupNode, KEY, listedDirectory, STAGING_KEY, useKey, useSuite, waitFor } from './helpers';

const DSYNC = new Set<string>(DSYNC_EVENT_TYPES);

describe('Recent Changes view', () => {
  let api: TestApi;
  let fake: FakeWorkOS;

  useSuite(
    (suite) => {
      ({ api, fake } = suite);
      // Retries of an injected failure wait no time here.
      api.sessions.setTiming({ sleep: async () => {} });
    },
    () => Promise.resolve(api.changes.show(undefined)),
  );
  after(async () => {
    api.sessions.setTiming({});
    // Show Recent Changes opened the view; hidden again, VS Code asks it for nothing while the other
    // suites count their requests.
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  const rows = () => api.changes.getChildren();
  const item = (row: ChangeRow) => api.changes.getTreeItem(row);
  const labelOf = (row: ChangeRow) => {
    const { label } = item(row);
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const eventRows = (all: ChangeRow[]) => all.filter((row) => row.kind === 'event');
  const eventsRequests = () => fake.requests.filter((request) => request.path === '/events');
  /** The fake's Directory Sync events, newest first. */
  const newestFirst = (keep: (event: FakeEvent) => boolean = () => true) =>
    (fake.dataset.events ?? []).filter((event) => DSYNC.has(event.event) && keep(event)).reverse();
  const person = (user: unknown) => {
    const { first_name, last_name } = user as { first_name: string; last_name: string };
    return `${first_name} ${last_name}`;
  };

  it('starts collapsed: the Directories view lists without a single events request', async () => {
    await api.view.getChildren(undefined);
    assert.deepEqual(eventsRequests(), []);
  });

  it('lists the newest changes first as sentences, with the directory and how long ago, in a few requests', async () => {
    const shown = eventRows(await rows());
    assert.ok(shown.length >= 50, `${shown.length} rows`);
    const newest = newestFirst();
    assert.deepEqual(
      shown.map((row) => row.kind === 'event' && row.event.id),
      newest.slice(0, shown.length).map((event) => event.id),
    );
    const first = newest[0].data as { user: unknown; group: { name: string } };
    assert.equal(labelOf(shown[0]), `${person(first.user)} added to ${first.group.name}`);
    await waitFor(
      () => String(item(shown[0]).description).startsWith('Brightline Logistics (Okta) · '),
      'the description names the directory',
    );
    assert.match(String(item(shown[0]).description), / · (just now|\d+ min ago)$/);
    assert.ok(eventsRequests().length <= 4, `${eventsRequests().length} events requests`);
    assert.ok(eventsRequests().every((request) => request.query.range_start && request.query.range_end));
    const tooltip = (item(shown[0]).tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(newest[0].id.replace(/_/g, '\\_')) || tooltip.includes(newest[0].id), tooltip);
    assert.ok(tooltip.includes('dsync.group.user'), tooltip);
  });

  it('Load older appends the next screen without a repeat', async () => {
    const first = await rows();
    assert.equal(first.at(-1)?.kind, 'older');
    assert.equal(labelOf(first.at(-1)!), 'Load older');
    await vscode.commands.executeCommand('workos.loadOlderChanges');
    const more = eventRows(await rows());
    assert.ok(more.length >= eventRows(first).length + 50);
    const ids = more.map((row) => row.kind === 'event' && row.event.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      ids,
      newestFirst()
        .slice(0, ids.length)
        .map((event) => event.id),
    );
  });

  it('a click opens the event exactly as sent, read-only; Compare shows the previous values beside the data', async () => {
    const shown = eventRows(await rows());
    const row = shown[0];
    const click = item(row).command!;
    await vscode.commands.executeCommand(click.command, ...((click.arguments ?? []) as unknown[]));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'json');
    assert.deepEqual(
      JSON.parse(editor.document.getText()),
      fake.dataset.events!.find((event) => row.kind === 'event' && event.id === row.event.id),
    );
    const updated = shown.find((candidate) => item(candidate).contextValue?.startsWith('workos.event.updated'));
    assert.ok(updated && updated.kind === 'event', 'an updated event is listed');
    await vscode.commands.executeCommand('workos.compareEvent', updated);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor opened');
    const left: unknown = JSON.parse((await vscode.workspace.openTextDocument(input.original)).getText());
    const right: unknown = JSON.parse((await vscode.workspace.openTextDocument(input.modified)).getText());
    const { previous_attributes: previous, ...now } = updated.event.data as Record<string, unknown>;
    assert.deepEqual(right, now);
    assert.deepEqual(left, { ...now, ...(previous as object) });
    assert.notDeepEqual(left, right);
  });

  it("Show Recent Changes on a directory lists only that directory's, named in the view; Show All undoes it", async () => {
    await rows();
    fake.clearRequests();
    await vscode.commands.executeCommand('workos.showChanges', SAMPLE.smallDirectoryId);
    const shown = eventRows(await rows());
    const own = (event: FakeEvent) => {
      const data = event.data as { directory_id?: string; id?: string };
      return data.directory_id === SAMPLE.smallDirectoryId || data.id === SAMPLE.smallDirectoryId;
    };
    assert.ok(shown.length > 0);
    assert.deepEqual(
      shown.map((row) => row.kind === 'event' && row.event.id),
      newestFirst(own)
        .slice(0, shown.length)
        .map((event) => event.id),
    );
    assert.equal(api.changes.view.description, 'Brightline Contractors (Entra ID)');
    assert.ok(eventsRequests().every((request) => request.query.organization_id === SAMPLE.organizationIds[0]));
    assert.ok(!String(item(shown[0]).description).includes('Brightline'), 'no directory name in each row');
    await vscode.commands.executeCommand('workos.showAllChanges');
    assert.equal(api.changes.view.description, undefined);
    assert.equal(eventRows(await rows()).length >= 50, true);
  });

  it('a poll asks only for what is newer: one request when idle; a membership change shows first and reloads that group', async () => {
    const shown = eventRows(await rows());
    const group = (await api.view.getChildren(await listedDirectory(api, SAMPLE.largeDirectoryId))).find(
      (row) => isGroupNode(row) && row.group.id === SAMPLE.firstListedGroupId,
    );
    assert.ok(group && isGroupNode(group));
    await api.view.getChildren(group);
    fake.clearRequests();
    assert.equal(await api.changes.poll(), false);
    assert.deepEqual(
      fake.requests.map((request) => [request.path, request.query.after]),
      [['/events', shown[0].kind === 'event' && shown[0].event.id]],
    );
    const user = fake.dataset.users.find((candidate) => candidate.directory_id === SAMPLE.largeDirectoryId)!;
    const added: FakeEvent = {
      object: 'event',
      id: 'event_01ZZPOLLED',
      event: 'dsync.group.user_added',
      data: { directory_id: SAMPLE.largeDirectoryId, user, group: group.group },
      created_at: new Date().toISOString(),
      context: {},
    };
    fake.dataset.events!.push(added);
    try {
      assert.equal(await api.changes.poll(), true);
      const first = eventRows(await rows())[0];
      assert.equal(labelOf(first), `${person(user)} added to ${group.group.name}`);
      fake.clearRequests();
      await api.view.getChildren(group);
      assert.ok(
        fake.requests.some((request) => request.query.group === group.group.id),
        "the group's members are read anew",
      );
    } finally {
      fake.dataset.events!.pop();
    }
  });

  it('a failed page says so in place and a click retries it', async () => {
    // Until cleared, and in a new session: the workbench may have started the old session's first read
    // already (the view is open after earlier tests), and every read from here must meet the fault.
    fake.inject({ kind: 'status', status: 500, times: Infinity, match: { path: '/events' } });
    api.view.refresh();
    const failed = await rows();
    assert.equal(failed.length, 1);
    assert.equal(failed[0].kind, 'failed');
    assert.match(labelOf(failed[0]), /server error \(500\)/);
    fake.clearFaults();
    const retry = item(failed[0]).command!;
    await vscode.commands.executeCommand(retry.command);
    assert.ok(eventRows(await rows()).length >= 50);
  });

  it('no change in 30 days reads as such, not as an error', async () => {
    const saved = fake.dataset.events;
    fake.dataset.events = [];
    api.view.refresh(); // a read the open view began before the events went must not answer for them
    try {
      const shown = await rows();
      assert.deepEqual(shown.map(labelOf), ['No changes in the last 30 days']);
    } finally {
      fake.dataset.events = saved;
    }
  });

  it('follows the window: without a key it says so, and nothing of the old session shows', async () => {
    await rows();
    await useKey(api, undefined);
    assert.deepEqual((await rows()).map(labelOf), ['Set a WorkOS API key to see recent changes']);
    await useKey(api, KEY);
    assert.ok(eventRows(await rows()).length >= 50);
  });

  it('follows the window to another environment: only its changes show, and the old directory filter goes', async () => {
    const dataset = generatedDataset({
      seed: 'staging changes',
      directories: 2,
      groupsPerDirectory: 5,
      usersPerDirectory: 10,
    });
    dataset.events = monthOfEvents(dataset, { now: Date.now(), perDay: 10, bulkSyncDaysAgo: [] });
    const staging = await startFakeWorkOS({ apiKeys: [STAGING_KEY], dataset });
    const environment = await api.environments.add(
      { name: 'Staging', production: false, apiBaseUrl: staging.url },
      STAGING_KEY,
    );
    try {
      await vscode.commands.executeCommand('workos.showChanges', SAMPLE.smallDirectoryId);
      assert.ok(eventRows(await rows()).length > 0);
      fake.clearRequests();
      await vscode.commands.executeCommand('workos.switchEnvironment', 'Staging');
      await waitFor(() => api.changes.view.description === undefined, 'the filter of the other environment went');
      const shown = eventRows(await rows());
      const stagingIds = new Set(dataset.events.map((event) => event.id));
      assert.ok(shown.length >= 50);
      assert.ok(
        shown.every((row) => row.kind === 'event' && stagingIds.has(row.event.id)),
        'only staging changes',
      );
      assert.deepEqual(
        fake.requests.filter((request) => request.path === '/events'),
        [],
        'nothing more asked of the first environment',
      );
      assert.ok(staging.requests.every((request) => request.headers.authorization === `Bearer ${STAGING_KEY}`));
    } finally {
      await api.environments.remove(environment.id);
      await staging.close();
    }
  });

  it('hostile events: each reads as a row, the rest still show, and JSON and diff open', async () => {
    const now = Date.now();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
    const user = fake.dataset.users.find((candidate) => candidate.directory_id === SAMPLE.largeDirectoryId)!;
    const hostileName = `[x](command:workos.clearApiKey) \u202Eevil${'y'.repeat(10_000)}`;
    const hostile: FakeEvent[] = [
      {
        object: 'event',
        id: 'event_01HOSTILE1',
        event: 'dsync.user.frobnicated',
        data: user,
        created_at: at(5),
        context: {},
      },
      {
        object: 'event',
        id: 'event_01HOSTILE2',
        event: 'dsync.user.created',
        data: 'not an object',
        created_at: at(4),
        context: {},
      },
      {
        object: 'event',
        id: 'event_01HOSTILE3',
        event: 'dsync.group.user_added',
        data: { directory_id: SAMPLE.largeDirectoryId, user: null, group: null },
        created_at: at(3),
        context: { actor: { name: hostileName } },
      },
      {
        object: 'event',
        id: 'event_01HOSTILE4',
        event: 'dsync.user.updated',
        data: {
          ...user,
          first_name: hostileName,
          previous_attributes: { raw_attributes: { blob: 'z'.repeat(1024 * 1024) } },
        },
        created_at: at(2),
        context: {},
      },
      {
        object: 'event',
        id: 'directory_user_01NOTANEVENT',
        event: 'dsync.user.created',
        data: user,
        created_at: at(1),
        context: {},
      },
    ];
    // As the newest window's page, the way a server that sends every type (WorkOS's emulator) would.
    fake.inject({
      kind: 'json',
      match: { path: '/events' },
      body: { object: 'list', data: hostile, list_metadata: { before: null, after: null } },
    });
    api.view.refresh(); // a read the open view began before the fault was in must not answer for it
    const shown = eventRows(await rows());
    const labels = shown.slice(0, 4).map(labelOf);
    assert.deepEqual(labels.slice(1), [
      'A user added to a group',
      'A user created',
      'Other change (dsync.user.frobnicated)',
    ]);
    assert.ok(!labels[0].includes('\u202E') && labels[0].length <= 200, 'a hostile name is neutralised and cut');
    assert.ok(shown.length >= 50, 'the other rows still show');
    assert.ok(!shown.some((row) => row.kind === 'event' && row.event.id === 'directory_user_01NOTANEVENT'));
    for (const row of shown.slice(0, 4)) {
      const tooltip = item(row).tooltip as vscode.MarkdownString;
      assert.equal(tooltip.isTrusted, false);
      assert.ok(!tooltip.value.includes('](command:'), 'no link in a tooltip');
    }
    await vscode.commands.executeCommand('workos.compareEvent', shown[0]);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff);
    const left = await vscode.workspace.openTextDocument(input.original);
    assert.ok(left.getText().length > 1024 * 1024);
    await vscode.commands.executeCommand('workos.openEvent', shown[1]);
    assert.deepEqual(JSON.parse(vscode.window.activeTextEditor!.document.getText()), hostile[2]);
  });
});
