import { setMaxListeners } from 'node:events';
import { isWorkOSError, WorkOSError, type Directory, type DirectoryGroup, type WorkOSClient } from '../workos';
import {
  directoryNodeId,
  groupNode,
  messageNode,
  type DirectoryNode,
  type GroupNode,
  type LoadMoreNode,
  type MessageNode,
  type PlaceholderNode,
  type TreeNode,
} from './nodes';
import { PagedList } from './paged-list';

/** What the tree can connect with: a client, or why there is none. */
export type Connection = { client: WorkOSClient } | { missingKey: true } | { problem: string };

/** What the model needs of a list whatever its rows are. */
type AnyList = Pick<
  PagedList<{ id: string }, unknown>,
  'isPristine' | 'isLoading' | 'pagesLoaded' | 'loadNext' | 'loadPages' | 'error' | 'hasMore' | 'version'
>;

export type KeyState = 'unknown' | 'missing' | 'rejected' | 'valid';

export interface TreeModelHost {
  connect(): Promise<Connection>;
  pageSize(): number;
  /** A node's children changed (undefined: the roots). */
  changed(node: DirectoryNode | undefined): void;
  /** The key state or the number of directories changed, for the welcome views. */
  stateChanged(keyState: KeyState, directoryCount: number | undefined): void;
  /** A page failed (undefined: of the directory list); the view shows it, the log keeps it. */
  pageFailed(parent: DirectoryNode | undefined, error: unknown): void;
}

/**
 * The data behind the Directories view, free of VS Code so that it can be measured and tested in
 * plain Node. Directories and each directory's groups are paged lists; a refresh drops them all but
 * remembers how many pages each had, and reloads that many when the node is shown again.
 */
export class TreeModel {
  private directories: PagedList<Directory, DirectoryNode> | undefined;
  private readonly groups = new Map<string, PagedList<DirectoryGroup, GroupNode>>();
  /** Pages loaded per list ('' = the directory list), kept across refreshes. */
  private readonly depth = new Map<string, number>();
  /** One node object per directory for the life of the view: VS Code refreshes by object. */
  private readonly directoryNodes = new Map<string, DirectoryNode>();
  private generation = newGeneration();
  /** The last answer per list: VS Code asks for children often, and 10,000 rows should not be copied each time. */
  private readonly answers = new WeakMap<AnyList, { version: number; nodes: TreeNode[] }>();
  private keyState: KeyState = 'unknown';
  private directoryCount: number | undefined;

  /** What the welcome views show: whether the key is missing or rejected, and how many directories there are. */
  get state(): { keyState: KeyState; directoryCount: number | undefined } {
    return { keyState: this.keyState, directoryCount: this.directoryCount };
  }

  constructor(private readonly host: TreeModelHost) {}

  /** The name of a directory the view has listed, for labelling groups elsewhere. */
  directoryName(id: string): string | undefined {
    return this.directoryNodes.get(directoryNodeId(id))?.directory.name;
  }

  /**
   * Forgets every loaded page and cancels requests in flight; responses already on their way are
   * dropped. A refresh keeps how deep each list was paged; a new key or API address starts over.
   */
  reset({ keepDepth }: { keepDepth: boolean }): void {
    if (!keepDepth) this.depth.clear();
    this.generation.abort();
    this.generation = newGeneration();
    this.directories = undefined;
    this.groups.clear();
    this.setState('unknown', undefined);
    this.host.changed(undefined);
  }

  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (node === undefined) return this.roots();
    if (node.kind !== 'directory') return [];
    const list = await this.groupList(node);
    if (!list) return [];
    await this.firstLoad(list, node);
    // A refresh or a key change while this page loaded: answer from the new state, never the old key's.
    if (list !== this.currentList(node)) return this.children(node);
    if (this.isRejected()) return [];
    return this.answer(list, node);
  }

  /** Loads the next page under `parent` (undefined: the directory list); also retries a failed page. */
  async loadMore(parent: DirectoryNode | undefined): Promise<void> {
    const list = this.currentList(parent);
    if (!list || list.isLoading) return;
    const loading = list.loadNext();
    this.host.changed(parent);
    await loading;
    if (list !== this.currentList(parent)) return;
    this.afterLoad(list, parent);
    this.host.changed(parent);
  }

  /** Cancels whatever is still loading, for when the view goes away. */
  dispose(): void {
    this.generation.abort();
  }

  private async roots(): Promise<TreeNode[]> {
    if (this.isRejected()) return [];
    const generation = this.generation;
    const connection = await this.host.connect();
    // The key changed while we asked for it: that connection belongs to the old key.
    if (generation !== this.generation) return this.roots();
    if ('missingKey' in connection) {
      this.setState('missing', undefined);
      return [];
    }
    // Not a failed page: fixing the setting or the keyring refreshes the view.
    if ('problem' in connection) return [messageNode(undefined, new WorkOSError('invalid', connection.problem), false)];
    const { client } = connection;
    const signal = generation.signal;
    const list = (this.directories ??= new PagedList(
      (after) => client.listDirectories({ limit: this.host.pageSize(), after }, signal),
      (directory) => this.directoryNode(directory),
    ));
    await this.firstLoad(list, undefined);
    if (list !== this.currentList(undefined)) return this.roots();
    if (this.isRejected()) return [];
    if (list.error === undefined) this.setState('valid', list.rows.length);
    return this.answer(list, undefined);
  }

  private async groupList(node: DirectoryNode): Promise<PagedList<DirectoryGroup, GroupNode> | undefined> {
    const existing = this.groups.get(node.directory.id);
    if (existing) return existing;
    const generation = this.generation;
    const connection = await this.host.connect();
    if (generation !== this.generation) return this.groupList(node);
    if (!('client' in connection)) return undefined;
    const { client } = connection;
    const signal = generation.signal;
    const directory = node.directory.id;
    // Another call may have created it while we waited for the connection.
    const list =
      this.groups.get(directory) ??
      new PagedList(
        (after) => client.listGroups({ directory, limit: this.host.pageSize(), after }, signal),
        (group) => groupNode(group, node),
      );
    this.groups.set(directory, list);
    return list;
  }

  /** The directory list or a directory's groups, as of now (a reset replaces them). */
  private currentList(
    parent: DirectoryNode | undefined,
  ): PagedList<Directory, DirectoryNode> | PagedList<DirectoryGroup, GroupNode> | undefined {
    return parent ? this.groups.get(parent.directory.id) : this.directories;
  }

  /** Loads a list shown for the first time, as deep as it was before a refresh. */
  private async firstLoad(list: AnyList, parent: DirectoryNode | undefined): Promise<void> {
    if (list.isPristine) {
      await list.loadPages(this.depth.get(parent?.directory.id ?? '') ?? 1);
      // A list replaced meanwhile must not overwrite the depth, or report failures, for its successor.
      if (list === this.currentList(parent)) this.afterLoad(list, parent);
    } else if (list.isLoading && list.pagesLoaded === 0) {
      await list.loadNext(); // started elsewhere, which reports it
    }
  }

  private afterLoad(list: AnyList, parent: DirectoryNode | undefined): void {
    const depthKey = parent?.directory.id ?? '';
    if (list.pagesLoaded > 0) this.depth.set(depthKey, list.pagesLoaded);
    if (list.error !== undefined) this.host.pageFailed(parent, list.error);
    if (isWorkOSError(list.error, 'unauthorized') && this.keyState !== 'rejected') {
      this.setState('rejected', undefined);
      this.host.changed(undefined);
    }
  }

  /** The list's rows and trailing row, rebuilt only when the list changed. Callers must not modify it. */
  private answer(
    list: AnyList & { readonly rows: readonly TreeNode[] },
    parent: DirectoryNode | undefined,
  ): TreeNode[] {
    const cached = this.answers.get(list);
    if (cached?.version === list.version) return cached.nodes;
    const nodes = [...list.rows, ...this.trailer(list, parent)];
    this.answers.set(list, { version: list.version, nodes });
    return nodes;
  }

  private trailer(
    list: AnyList & { readonly rows: readonly TreeNode[] },
    parent: DirectoryNode | undefined,
  ): Array<LoadMoreNode | MessageNode | PlaceholderNode> {
    if (list.error !== undefined) return [messageNode(parent, list.error, true)];
    // An empty directory list shows the view's welcome text instead, which says what to do.
    if (!list.hasMore && list.rows.length === 0 && parent) {
      return [{ kind: 'placeholder', id: `${parent.id}/empty`, parent, text: 'No groups' }];
    }
    if (!list.hasMore) return [];
    return [{ kind: 'loadMore', id: `${parent?.id ?? 'root'}/more`, parent, loading: list.isLoading }];
  }

  private directoryNode(directory: Directory): DirectoryNode {
    const id = directoryNodeId(directory.id);
    const node = this.directoryNodes.get(id);
    if (node) {
      node.directory = directory;
      return node;
    }
    const created: DirectoryNode = { kind: 'directory', id, directory };
    this.directoryNodes.set(id, created);
    return created;
  }

  /** A 401 anywhere switches the whole view to its "key rejected" welcome until the key changes. */
  private isRejected(): boolean {
    return this.keyState === 'rejected';
  }

  private setState(keyState: KeyState, directoryCount: number | undefined): void {
    if (keyState === this.keyState && directoryCount === this.directoryCount) return;
    this.keyState = keyState;
    this.directoryCount = directoryCount;
    this.host.stateChanged(keyState, directoryCount);
  }
}

/** Every request of one generation listens on its signal; many directories at once exceed Node's default of 10. */
function newGeneration(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
