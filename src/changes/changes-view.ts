import * as vscode from 'vscode';
import type { Log } from '../host/log';
import { displayName, displayText } from '../text/safe-text';
import type { ChangeFeed } from '../session/events';
import type { Session } from '../session/session';
import type { Sessions } from '../session/sessions';
import { fullFailure, shortFailure } from '../text/failure-text';
import { COMMANDS, ROW_CONTEXTS, type RowContext } from '../ui/contributes';
import { appendPlain, detailsTooltip } from '../ui/markdown';
import { eventDirectoryId, type Directory, type WorkOSEvent } from '../workos';
import { describeEvent, eventActor, eventSubjects, timeAgo, type ChangeKind } from './event-words';
import { setContext } from '../ui/context-keys';

export const CHANGES_VIEW_ID = 'workos.changes';

/** One change; the trailing rows: Load older, nothing in 30 days, a failed read (click retries), no key. */
export type ChangeRow =
  | { readonly kind: 'event'; readonly id: string; readonly event: WorkOSEvent; readonly session: Session }
  | { readonly kind: 'older'; readonly id: string; readonly loading: boolean }
  | { readonly kind: 'empty'; readonly id: string }
  | { readonly kind: 'failed'; readonly id: string; readonly error: unknown }
  | { readonly kind: 'notice'; readonly id: string; readonly text: string; readonly command?: vscode.Command };

export type EventRow = Extract<ChangeRow, { kind: 'event' }>;

const ICONS: Readonly<Record<ChangeKind, vscode.ThemeIcon>> = {
  added: new vscode.ThemeIcon('add', new vscode.ThemeColor('charts.green')),
  removed: new vscode.ThemeIcon('remove', new vscode.ThemeColor('charts.orange')),
  created: new vscode.ThemeIcon('sparkle', new vscode.ThemeColor('charts.green')),
  updated: new vscode.ThemeIcon('edit', new vscode.ThemeColor('charts.blue')),
  deleted: new vscode.ThemeIcon('trash', new vscode.ThemeColor('charts.red')),
  linked: new vscode.ThemeIcon('plug', new vscode.ThemeColor('charts.green')),
  unlinked: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('charts.red')),
  other: new vscode.ThemeIcon('question'),
};

/** Directories named in descriptions at most per session: each unknown one is one request. */
const MAX_NAMED_DIRECTORIES = 20;

/**
 * Recent Changes: the Directory Sync events of the window's environment, newest first, from the
 * session's change feed (all directories, or one). Nothing is asked until VS Code asks for rows, which
 * it does only once the view is expanded.
 */
export class ChangesView implements vscode.TreeDataProvider<ChangeRow>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<ChangeRow | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  readonly view: vscode.TreeView<ChangeRow>;
  /** The one directory shown, or undefined for all of them. */
  private directory: Directory | undefined;
  /** Directory IDs whose names were asked for, per session. */
  private readonly named = new WeakMap<Session, Set<string>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly sessions: Sessions,
    private readonly log: Log,
  ) {
    this.view = vscode.window.createTreeView(CHANGES_VIEW_ID, { treeDataProvider: this });
    this.subscriptions = [
      this.view,
      this.changes,
      // The window's environment, key or address changed: its changes go, and a directory of the old one too.
      sessions.onDidReset(({ keepDepth }) => {
        if (!keepDepth) this.show(undefined);
        else this.changes.fire(undefined);
      }),
    ];
  }

  /** The directory shown, or undefined for every directory. */
  get scope(): Directory | undefined {
    return this.directory;
  }

  /** Shows `directory`'s changes only (undefined: every directory's). */
  show(directory: Directory | undefined): void {
    this.directory = directory;
    this.view.description = directory ? displayName(directory) : undefined;
    setContext('workos.changesFiltered', directory !== undefined);
    this.changes.fire(undefined);
  }

  /** The feed on screen, if the window has a session and the view has asked for it. */
  feed(): ChangeFeed | undefined {
    const session = this.sessions.active;
    return session && session.changes.feed(this.scopeOf());
  }

  async getChildren(row?: ChangeRow): Promise<ChangeRow[]> {
    if (row) return [];
    try {
      return await this.rows();
    } catch (error) {
      // Never throw: VS Code would turn it into a toast and an empty view.
      return [{ kind: 'failed', id: 'failed', error }];
    }
  }

  getTreeItem(row: ChangeRow): vscode.TreeItem {
    switch (row.kind) {
      case 'event':
        return this.eventItem(row);
      case 'older': {
        const item = new vscode.TreeItem(row.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load older'));
        item.id = row.id;
        item.iconPath = new vscode.ThemeIcon(row.loading ? 'loading~spin' : 'ellipsis');
        if (!row.loading) item.command = { command: COMMANDS.loadOlderChanges, title: vscode.l10n.t('Load Older') };
        item.accessibilityInformation = {
          label: row.loading ? vscode.l10n.t('Loading older changes') : vscode.l10n.t('Load older changes'),
        };
        return item;
      }
      case 'empty': {
        const text = vscode.l10n.t('No changes in the last 30 days');
        const item = new vscode.TreeItem(text);
        item.id = row.id;
        item.tooltip = vscode.l10n.t('WorkOS keeps events for 30 days. A quiet directory is not a broken one.');
        item.accessibilityInformation = { label: text };
        return item;
      }
      case 'failed': {
        const item = new vscode.TreeItem(shortFailure(row.error));
        item.id = row.id;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.description = vscode.l10n.t('click to retry');
        item.command = { command: COMMANDS.loadOlderChanges, title: vscode.l10n.t('Retry') };
        item.tooltip = appendPlain(new vscode.MarkdownString(), displayText(fullFailure(row.error)));
        item.accessibilityInformation = {
          label: vscode.l10n.t(
            'Could not load the recent changes: {0}. Select to retry.',
            displayText(shortFailure(row.error)),
          ),
        };
        return item;
      }
      case 'notice': {
        const item = new vscode.TreeItem(row.text);
        item.id = row.id;
        item.command = row.command;
        item.accessibilityInformation = { label: row.text };
        return item;
      }
    }
  }

  /** The next screen of older changes, or the retry of a failed read. */
  async loadOlder(): Promise<void> {
    const feed = this.feed();
    // No feed: the view's own setup failed (no session); Retry asks for the rows again.
    if (!feed) return void this.changes.fire(undefined);
    if (feed.isLoading) return;
    const loading = feed.loadOlder();
    this.changes.fire(undefined);
    await loading;
    this.afterRead(feed);
  }

  /** Asks for what is newer than the newest row (the poll); says whether anything new came. */
  async poll(): Promise<boolean> {
    const feed = this.sessions.active?.changes.feed(this.scopeOf());
    if (!feed || feed.isPristine || feed.isLoading) return false;
    const found = await feed.poll();
    if (found.length > 0 || feed.error !== undefined) this.changes.fire(undefined);
    return found.length > 0;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private scopeOf() {
    return this.directory && { directory: this.directory };
  }

  private async rows(): Promise<ChangeRow[]> {
    const state = await this.sessions.current();
    if ('problem' in state) return [{ kind: 'notice', id: 'problem', text: displayText(state.problem) }];
    if (!('session' in state)) {
      const command = { command: COMMANDS.setApiKey, title: vscode.l10n.t('Set API Key') };
      const text = vscode.l10n.t('Set a WorkOS API key to see recent changes');
      return [{ kind: 'notice', id: 'no-key', text, command }];
    }
    const { session } = state;
    const feed = session.changes.feed(this.scopeOf());
    if (feed.isPristine || (feed.isLoading && feed.events.length === 0)) {
      await vscode.window.withProgress({ location: { viewId: CHANGES_VIEW_ID } }, () => feed.loadOlder());
      this.afterRead(feed);
    }
    // A switch or a refresh while this loaded: answer from the new session, never the old one's.
    if (session.ended) return this.rows();
    this.nameDirectories(session, feed);
    const rows: ChangeRow[] = feed.events.map((event) => ({ kind: 'event', id: `event/${event.id}`, event, session }));
    if (feed.error !== undefined) rows.push({ kind: 'failed', id: 'failed', error: feed.error });
    else if (feed.isLoading || feed.hasOlder) rows.push({ kind: 'older', id: 'older', loading: feed.isLoading });
    else if (feed.events.length === 0) rows.push({ kind: 'empty', id: 'empty' });
    return rows;
  }

  private afterRead(feed: ChangeFeed): void {
    if (feed.error !== undefined) this.log.error('Could not load the recent changes', feed.error);
    this.changes.fire(undefined);
  }

  /** Descriptions name each directory: from the session's cache, else asked once (a few at most). */
  private nameDirectories(session: Session, feed: ChangeFeed): void {
    if (this.directory) return;
    let asked = this.named.get(session);
    if (!asked) this.named.set(session, (asked = new Set()));
    const missing = new Set<string>();
    for (const event of feed.events) {
      const id = eventDirectoryId(event);
      if (id && eventSubjects(event).directory === id && !asked.has(id)) missing.add(id);
    }
    for (const id of missing) {
      if (asked.size >= MAX_NAMED_DIRECTORIES) break;
      asked.add(id);
      // A deleted directory stays an ID; its name shows in its own events.
      session.get('directory', id, session.signal).then(
        () => !session.ended && this.changes.fire(undefined),
        () => undefined,
      );
    }
  }

  private eventItem(row: EventRow): vscode.TreeItem {
    const { event, session } = row;
    const { sentence, kind } = describeEvent(event);
    const item = new vscode.TreeItem(sentence);
    item.id = row.id;
    item.iconPath = ICONS[kind];
    const time = Date.parse(event.created_at);
    const directoryId = eventSubjects(event).directory;
    const directory = directoryId ? session.cached('directory', directoryId) : undefined;
    const where = this.directory ? undefined : directory ? displayName(directory) : directoryId;
    const ago = timeAgo(time, Date.now());
    item.description = [where, ago].filter(Boolean).join(' · ');
    // The icon and its colour say the kind of change; the sentence says it in words already.
    item.accessibilityInformation = {
      label: where ? vscode.l10n.t('{0}, in {1}, {2}', sentence, where, ago) : vscode.l10n.t('{0}, {1}', sentence, ago),
    };
    item.tooltip = detailsTooltip(sentence, [
      [vscode.l10n.t('Time'), new Date(time).toString()],
      [vscode.l10n.t('Event'), event.event],
      [vscode.l10n.t('ID'), event.id],
      [vscode.l10n.t('Directory'), directory ? `${displayName(directory)} (${directory.id})` : directoryId],
      [vscode.l10n.t('Actor'), eventActor(event)],
    ]);
    item.contextValue = rowContext(event);
    item.command = { command: COMMANDS.openEvent, title: vscode.l10n.t('Open Event JSON'), arguments: [row] };
    return item;
  }
}

/** Which menu entries apply: Compare for updates, Open User / Group / Directory by what the type is about. */
function rowContext({ event: type }: WorkOSEvent): RowContext {
  if (type === 'dsync.activated' || type === 'dsync.deleted') return ROW_CONTEXTS.directoryEvent;
  if (type === 'dsync.user.updated') return ROW_CONTEXTS.userUpdatedEvent;
  if (type === 'dsync.group.updated') return ROW_CONTEXTS.groupUpdatedEvent;
  if (type.startsWith('dsync.group.user_')) return ROW_CONTEXTS.membershipEvent;
  if (type.startsWith('dsync.user.')) return ROW_CONTEXTS.userEvent;
  if (type.startsWith('dsync.group.')) return ROW_CONTEXTS.groupEvent;
  return ROW_CONTEXTS.otherEvent;
}

export function isEventRow(value: unknown): value is EventRow {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'event' && 'event' in value
  );
}
