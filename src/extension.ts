import * as vscode from 'vscode';
import { ApiKeyStore } from './api-key';
import { clearApiKey, setApiKey } from './commands/api-key';
import { openGroup, showUserGroups, type GroupCommandContext } from './commands/groups';
import { Connector } from './connection';
import { GroupDocuments } from './documents/group-documents';
import { Log } from './log';
import { affectsConnection, pageSize } from './settings';
import { DirectoriesView } from './tree/directories-view';
import { isDirectoryNode, isGroupNode, type DirectoryNode, type TreeNode } from './tree/nodes';

/** What the extension exposes in its own test runs only: the key store must never reach other extensions. */
export interface TestApi {
  view: DirectoriesView;
  keys: ApiKeyStore;
  documents: GroupDocuments;
  connector: Connector;
  /** This extension's stored state, which must never hold a key. */
  mementos: vscode.Memento[];
  /** This extension's log folder; the output channel's file is in a sibling folder. */
  logUri: vscode.Uri;
}

// Activation only wires things together: no request, no secret read, until the view or a command asks.
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const keys = new ApiKeyStore(context.secrets);
  const { version } = context.extension.packageJSON as { version?: string };
  const connector = new Connector(keys, log, `workos-directory-explorer/${version ?? '0.0.0'}`);
  const view = new DirectoriesView(connector, pageSize, log);
  const documents = new GroupDocuments(connector);
  const groupContext: GroupCommandContext = {
    connector,
    documents,
    log,
    directoryName: (id) => view.model.directoryName(id),
  };

  context.subscriptions.push(
    log,
    keys,
    view,
    documents,
    vscode.commands.registerCommand('workos.setApiKey', () => setApiKey(keys, log)),
    vscode.commands.registerCommand('workos.clearApiKey', () => clearApiKey(keys, log)),
    vscode.commands.registerCommand('workos.refresh', () => view.refresh()),
    vscode.commands.registerCommand('workos.openGroup', (id?: unknown, listed?: unknown) =>
      openGroup(groupContext, id, listed),
    ),
    vscode.commands.registerCommand('workos.showUserGroups', (id?: unknown) => showUserGroups(groupContext, id)),
    vscode.commands.registerCommand('workos.loadMore', (parent?: DirectoryNode) => view.loadMore(parent)),
    vscode.commands.registerCommand('workos.copyId', (node?: TreeNode) => copyId(node)),
    keys.onDidChange(() => view.startOver()),
    vscode.workspace.onDidChangeConfiguration((event) => affectsConnection(event) && view.startOver()),
  );

  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        view,
        keys,
        documents,
        connector,
        mementos: [context.globalState, context.workspaceState],
        logUri: context.logUri,
      }
    : undefined;
}

async function copyId(node: TreeNode | undefined): Promise<void> {
  // Only from a row's context menu; from anywhere else there is nothing selected to copy.
  const id = isDirectoryNode(node) ? node.directory.id : isGroupNode(node) ? node.group.id : undefined;
  if (!id) return;
  await vscode.env.clipboard.writeText(id);
  vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
}

export function deactivate(): void {}
