import * as vscode from 'vscode';
import { ENVIRONMENT_VARIABLE } from '../api-key';
import type { Connector } from '../connection';
import type { Log } from '../log';
import { appendPlain, detailsTooltip, displayText, fullFailure, shortFailure } from '../text';
import type { Directory } from '../workos';
import { TreeModel, type KeyState } from './model';
import {
  messageNode,
  type DirectoryNode,
  type GroupNode,
  type LoadMoreNode,
  type MessageNode,
  type TreeNode,
} from './nodes';

export const VIEW_ID = 'workos.directories';

const STATE_ICONS: Record<string, [string, string | undefined]> = {
  linked: ['pass', 'testing.iconPassed'],
  validating: ['sync', undefined],
  invalid_credentials: ['warning', 'problemsWarningIcon.foreground'],
  unlinked: ['debug-disconnect', 'disabledForeground'],
  deleting: ['trash', 'disabledForeground'],
};

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
  const item = new vscode.TreeItem(
    displayText(directory.name || directory.id),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.id;
  item.description = `${displayText(directory.type, 40)} · ${displayText(directory.state, 40)}`;
  const [icon, color] = STATE_ICONS[directory.state] ?? ['question', undefined];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = 'workos.directory';
  return item;
}

function directoryTooltip(directory: Directory): vscode.MarkdownString {
  const groups = directory.metadata?.groups;
  const users = directory.metadata?.users;
  return detailsTooltip(directory.name || directory.id, [
    ['ID', directory.id],
    ['Organization', directory.organization_id],
    ['Type', directory.type],
    ['State', directory.state],
    ['Domain', directory.domain],
    ['Groups', groups],
    ['Users', users ? `${users.active ?? 0} active, ${users.inactive ?? 0} inactive` : undefined],
    ['Created', directory.created_at],
    ['Updated', directory.updated_at],
  ]);
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const { group } = node;
  const item = new vscode.TreeItem(displayText(group.name || group.id), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = displayText(group.id, 80);
  item.iconPath = new vscode.ThemeIcon('organization');
  item.contextValue = 'workos.group';
  item.command = { command: 'workos.openGroup', title: 'Open Group JSON', arguments: [group.id, group] };
  return item;
}

function groupTooltip({ group }: GroupNode): vscode.MarkdownString {
  return detailsTooltip(group.name || group.id, [
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
