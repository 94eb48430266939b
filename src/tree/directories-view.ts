import * as vscode from 'vscode';
import { ENVIRONMENT_VARIABLE, type Environment } from '../environments/environment-store';
import { environmentName } from '../environments/environment-text';
import type { Log } from '../host/log';
import { displayText } from '../text/safe-text';
import type { Session } from '../session/session';
import type { Sessions } from '../session/sessions';
import type { Directory } from '../workos';
import { TreeModel, type KeyState } from './model';
import { levelOf } from './levels';
import {
  isDirectoryNode,
  isParentNode,
  messageNode,
  type LoadMoreNode,
  type MessageNode,
  type ParentNode,
  type TreeNode,
} from './nodes';
import { tooltipOf, treeItem } from './rows';
import { setContext } from '../ui/context-keys';

export const VIEW_ID = 'workos.directories';
/** The view's name in package.json. */
const VIEW_TITLE = vscode.l10n.t('Directories');

/** The Directories view: renders the {@link TreeModel}'s nodes and keeps the welcome states current. */
export class DirectoriesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly model: TreeModel;
  private readonly changes = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  readonly view: vscode.TreeView<TreeNode>;
  /** What the title line names besides the view: the environment (when there are several) and the search. */
  private readonly titleParts: { environment?: string; search?: string } = {};
  private readonly resets: vscode.Disposable;
  /** Sessions whose organisation lookups already failed once: the log says so once, not per hover. */
  private readonly organizationFailureLogged = new WeakSet<Session>();

  constructor(
    private readonly sessions: Sessions,
    private readonly log: Log,
  ) {
    this.model = new TreeModel({
      session: async () => {
        const state = await sessions.current();
        this.view.message =
          'keySource' in state && state.keySource === 'environment'
            ? vscode.l10n.t('Using the API key from the {0} environment variable.', ENVIRONMENT_VARIABLE)
            : undefined;
        return state;
      },
      activeSession: () => sessions.active,
      changed: (node) => this.changes.fire(node),
      stateChanged: (keyState, directoryCount) => this.setContext(keyState, directoryCount),
      pageFailed: (parent, error) => log.error(levelOf(parent).failed(parent), error),
    });
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    // The sessions decide when what was loaded no longer applies; the view only shows it.
    this.resets = sessions.onDidReset(({ keepDepth }) => this.model.reset({ keepDepth }));
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    // Never throw: VS Code would turn it into a toast and an empty node.
    return this.withProgress(() => this.model.children(node)).catch((error: unknown): TreeNode[] => [
      messageNode(isParentNode(node) ? node : undefined, undefined, error, false),
    ]);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /**
   * The tooltip, built when the pointer rests on a row. A directory's names its organisation: asked then,
   * once per session, never ahead of a person's clicks (1,000 directories would be 1,000 requests).
   */
  async resolveTreeItem(
    item: vscode.TreeItem,
    node: TreeNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    const session = this.sessions.active;
    if (session && isDirectoryNode(node)) await this.organizationOf(session, node.directory, token);
    item.tooltip = tooltipOf(node, session) ?? item.tooltip;
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItem(node, this.sessions.active);
  }

  /** The next page of a list: the one a trailing row ends, or the one under a row. */
  loadMore(target: LoadMoreNode | MessageNode | ParentNode | undefined): Promise<void> {
    return this.withProgress(() => this.model.loadMore(target));
  }

  /** Selects and focuses `node`'s row, its parents expanded: VS Code walks up by getParent, down by getChildren. */
  async reveal(node: TreeNode): Promise<void> {
    await this.view.reveal(node, { select: true, focus: true, expand: false });
  }

  /** Shows what the server matches to `text` at the root, or every directory again (undefined). */
  search(text: string | undefined): void {
    this.model.setSearch(text);
    // “acme” in the view's title line, and Clear Search in its title bar, while a search is active.
    this.titleParts.search = text === undefined ? undefined : vscode.l10n.t('“{0}”', displayText(text, 60));
    this.showTitle();
    setContext('workos.searching', text !== undefined);
  }

  /** The Refresh button: a new session for the same key, keeping how many pages each list had. */
  refresh(): void {
    this.sessions.refresh();
  }

  /** “staging” in the title line while the window works in it, when there is more than one to choose from. */
  showEnvironment(environment: Environment | undefined, several: boolean): void {
    this.titleParts.environment =
      environment && several ? `${environment.production ? '⚠ ' : ''}${environmentName(environment)}` : undefined;
    this.showTitle();
  }

  dispose(): void {
    this.resets.dispose();
    this.view.dispose();
    this.changes.dispose();
  }

  /** The directory's organisation into the session's cache; a failure keeps the ID and is logged once per session. */
  private async organizationOf(session: Session, directory: Directory, token: vscode.CancellationToken): Promise<void> {
    const id = directory.organization_id;
    if (typeof id !== 'string' || session.cached('organization', id)) return;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      await session.get('organization', id, controller.signal);
    } catch (error) {
      if (session.ended || controller.signal.aborted || this.organizationFailureLogged.has(session)) return;
      this.organizationFailureLogged.add(session);
      this.log.error('Could not read an organization name; directory tooltips show organization IDs', error);
    } finally {
      cancel.dispose();
    }
  }

  /**
   * In the view's title, not its description: when it is the container's only visible view (Recent
   * Changes hidden), VS Code merges the two headers into "WorkOS: <title>" and shows no description.
   */
  private showTitle(): void {
    const { environment, search } = this.titleParts;
    this.view.title = [VIEW_TITLE, environment, search].filter(Boolean).join(' · ');
  }

  private withProgress<T>(work: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, work));
  }

  private setContext(keyState: KeyState, directoryCount: number | undefined): void {
    setContext('workos.keyState', keyState);
    setContext('workos.directoryCount', directoryCount ?? -1);
  }
}
