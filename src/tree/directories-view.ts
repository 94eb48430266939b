import * as vscode from 'vscode';
import { ENVIRONMENT_VARIABLE } from '../api-key';
import type { Connector } from '../connection';
import type { Log } from '../log';
import { displayName, displayText } from '../safe-text';
import { appendPlain, detailsTooltip, fullFailure, shortFailure } from '../text';
import type { Directory } from '../workos';
import { groupCount, stateLook, typeName } from './directory-words';
import { TreeModel, type KeyState } from './model';
import {
  messageNode,
  type DirectoryNode,
  type GroupNode,
  type LoadMoreNode,
  type MessageNode,
  type PlaceholderNode,
  type TreeNode,
} from './nodes';

export const VIEW_ID = 'workos.directories';

/** The Directories view: renders the {@link TreeModel}'s nodes and keeps the welcome states current. */
export class DirectoriesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly model: TreeModel;
  private readonly changes = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  readonly view: vscode.TreeView<TreeNode>;

  constructor(
    private readonly connector: Connector,
    pageSize: () => number,
    log: Log,
  ) {
    this.model = new TreeModel({
      connect: async () => {
        const connection = await connector.connect();
        this.view.message =
          this.connector.keySource === 'environment'
            ? `Using the API key from the ${ENVIRONMENT_VARIABLE} environment variable.`
            : undefined;
        return connection;
      },
      pageSize,
      changed: (node) => this.changes.fire(node),
      stateChanged: (keyState, directoryCount) => this.setContext(keyState, directoryCount),
      pageFailed: (parent, error) =>
        log.error(
          parent ? `Could not load the groups of ${parent.directory.id}` : 'Could not load the directories',
          error,
        ),
    });
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    // Never throw: VS Code would turn it into a toast and an empty node.
    return this.withProgress(() => this.model.children(node)).catch((error: unknown): TreeNode[] => [
      messageNode(node?.kind === 'directory' ? node : undefined, error, false),
    ]);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'directory' ? undefined : node.parent;
  }

  /** Tooltips are built on hover: getTreeItem runs for every row, and a directory can have thousands. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'directory') item.tooltip = directoryTooltip(node.directory);
    if (node.kind === 'group') item.tooltip = groupTooltip(node);
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'directory':
        return directoryItem(node);
      case 'group':
        return groupItem(node);
      case 'loadMore':
        return loadMoreItem(node);
      case 'placeholder':
        return placeholderItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  loadMore(parent: DirectoryNode | undefined): Promise<void> {
    return this.withProgress(() => this.model.loadMore(parent));
  }

  /** The Refresh button: reload, keeping how many pages each list had. */
  refresh(): void {
    this.model.reset({ keepDepth: true });
  }

  /** A new key or API address: nothing loaded so far applies any more. */
  startOver(): void {
    this.model.reset({ keepDepth: false });
  }

  dispose(): void {
    this.model.dispose();
    this.view.dispose();
    this.changes.dispose();
  }

  private withProgress<T>(work: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, work));
  }

  private setContext(keyState: KeyState, directoryCount: number | undefined): void {
    void vscode.commands.executeCommand('setContext', 'workos.keyState', keyState);
    void vscode.commands.executeCommand('setContext', 'workos.directoryCount', directoryCount ?? -1);
  }
}

function directoryItem(node: DirectoryNode): vscode.TreeItem {
  const { directory } = node;
  const item = new vscode.TreeItem(displayName(directory), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const state = stateLook(directory.state);
  // "Google Workspace · Validating · 2,600 groups": the words a person uses; the raw values are in the tooltip.
  item.description = [typeName(directory.type), state.name, groupCount(directory.metadata?.groups)]
    .filter((part) => part !== undefined)
    .map((part) => displayText(part, 80))
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(state.icon, state.color ? new vscode.ThemeColor(state.color) : undefined);
  item.contextValue = 'workos.directory';
  return item;
}

function directoryTooltip(directory: Directory): vscode.MarkdownString {
  const users = directory.metadata?.users;
  const count = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : '?');
  return detailsTooltip(displayName(directory), [
    ['ID', directory.id],
    ['Organization', directory.organization_id],
    ['Type', withRaw(typeName(directory.type), directory.type)],
    ['State', withRaw(stateLook(directory.state).name, directory.state)],
    ['Domain', directory.domain],
    ['Groups', groupCount(directory.metadata?.groups)],
    [
      'Users',
      typeof users === 'object' && users !== null
        ? `${count(users.active)} active, ${count(users.inactive)} inactive`
        : undefined,
    ],
    ['Created', directory.created_at],
    ['Updated', directory.updated_at],
  ]);
}

/** "Google Workspace (gsuite directory)": the name, and the API's own value beside it when they differ. */
function withRaw(name: string | undefined, raw: unknown): string | undefined {
  return name !== undefined && typeof raw === 'string' && raw !== name ? `${name} (${raw})` : name;
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const { group } = node;
  const item = new vscode.TreeItem(displayName(group), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = displayText(group.id, 80);
  item.iconPath = new vscode.ThemeIcon('organization');
  item.contextValue = 'workos.group';
  item.command = { command: 'workos.openGroup', title: 'Open Group JSON', arguments: [group.id, group] };
  return item;
}

function groupTooltip({ group }: GroupNode): vscode.MarkdownString {
  return detailsTooltip(displayName(group), [
    ['ID', group.id],
    ['IdP ID', group.idp_id],
    ['Directory', group.directory_id],
    ['Created', group.created_at],
    ['Updated', group.updated_at],
  ]);
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.loading ? 'Loading…' : 'Load more', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'workos.loadMore';
  if (node.loading) {
    item.iconPath = new vscode.ThemeIcon('loading~spin');
  } else {
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: 'workos.loadMore', title: 'Load More', arguments: [node.parent] };
  }
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(shortFailure(node.error), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = 'workos.error';
  const tooltip = new vscode.MarkdownString();
  appendPlain(tooltip, fullFailure(node.error));
  if (node.retry) {
    item.description = 'click to retry';
    item.command = { command: 'workos.loadMore', title: 'Retry', arguments: [node.parent] };
    tooltip.appendMarkdown('\n\n').appendText('Click to retry.');
  }
  item.tooltip = tooltip;
  return item;
}

function placeholderItem(node: PlaceholderNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = 'workos.placeholder';
  return item;
}
