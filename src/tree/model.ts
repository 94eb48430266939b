import { isWorkOSError, WorkOSError } from '../workos';
import { listKey } from '../session/lists';
import type { PagedList } from '../session/paged-list';
import type { Session, WorkOSObject } from '../session/session';
import type { SessionState } from '../session/sessions';
import { levelOf } from './levels';
import {
  isParentNode,
  messageNode,
  type LoadMoreNode,
  type MessageNode,
  type ObjectNode,
  type ParentNode,
  type PlaceholderNode,
  type TreeNode,
} from './nodes';

export type KeyState = 'unknown' | 'missing' | 'rejected' | 'valid';

export interface TreeModelHost {
  session(): Promise<SessionState>;
  /** The session in use, without reading the keychain (for Load more, which follows a shown row). */
  activeSession(): Session | undefined;
  /** A node's children changed (undefined: the roots). */
  changed(node: ParentNode | undefined): void;
  /** The key state or the number of directories changed, for the welcome views. */
  stateChanged(keyState: KeyState, directoryCount: number | undefined): void;
  /** A page failed (undefined: of the directory list); the view shows it, the log keeps it. */
  pageFailed(parent: ParentNode | undefined, error: unknown): void;
}

/**
 * The data behind the Directories view, free of VS Code so that it can be measured and tested in
 * plain Node. Every row with children maps to one of the session's paged lists, by key. Refresh (a
 * new session) keeps how many pages each list had and reloads that many when the row is shown again;
 * a new key or API address starts over.
 */
export class TreeModel {
  /** Pages loaded per list key, kept across refreshes. */
  private readonly depth = new Map<string, number>();
  /** One node object per row id until the view starts over: VS Code refreshes by object. */
  private readonly nodes = new Map<string, ObjectNode>();
  /** The last answer per list: VS Code asks for children often, and 10,000 rows should not be mapped each time. */
  private readonly answers = new WeakMap<PagedList<WorkOSObject>, { version: number; nodes: TreeNode[] }>();
  private keyState: KeyState = 'unknown';
  private directoryCount: number | undefined;
  /** The active directory search; the root lists what the server returned for it. */
  private searchText: string | undefined;
  /** Sessions whose member counts the rows follow. */
  private readonly watched = new WeakSet<Session>();

  constructor(private readonly host: TreeModelHost) {}

  /** What the welcome views show: whether the key is missing or rejected, and how many directories there are. */
  get state(): { keyState: KeyState; directoryCount: number | undefined } {
    return { keyState: this.keyState, directoryCount: this.directoryCount };
  }

  get search(): string | undefined {
    return this.searchText;
  }

  /**
   * Shows the directories the server matches to `text` (undefined: all of them). Lists under the
   * directories keep their pages: they are keyed by directory, not by the search.
   */
  setSearch(text: string | undefined): void {
    if (text === this.searchText) return;
    this.searchText = text;
    this.setState(this.keyState === 'rejected' ? 'rejected' : 'unknown', undefined);
    this.host.changed(undefined);
  }

  /**
   * Forgets the key state and, for a new key, address or environment, how deep each list was paged
   * and its rows: the same ID in another environment is another object.
   */
  reset({ keepDepth }: { keepDepth: boolean }): void {
    if (!keepDepth) {
      this.depth.clear();
      this.nodes.clear();
    }
    this.setState('unknown', undefined);
    this.host.changed(undefined);
  }

  /**
   * A group's members changed on the server, or its count did: its rows ask again (VS Code does at
   * once where one is expanded).
   */
  membersChanged(groupId: string): void {
    for (const node of this.nodes.values()) {
      if (node.kind === 'group' && node.group.id === groupId) this.host.changed(node);
    }
  }

  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (node !== undefined && !isParentNode(node)) return [];
    if (this.isRejected()) return [];
    const state = await this.host.session();
    if ('missingKey' in state) {
      if (!node) this.setState('missing', undefined);
      return [];
    }
    // Not a failed page: fixing the setting or the keyring refreshes the view.
    if ('problem' in state) {
      return node ? [] : [messageNode(undefined, undefined, new WorkOSError('invalid', state.problem), false)];
    }
    const { session } = state;
    this.watchCounts(session);
    const level = levelOf(node);
    const query = level.query(node, this.searchText);
    const list = session.list(query) as PagedList<WorkOSObject>;
    await this.firstLoad(list, listKey(query), node);
    // A refresh or a key change while this page loaded: answer from the new session, never the old one's.
    if (session.ended) return this.children(node);
    if (this.isRejected()) return [];
    if (!node && list.error === undefined) {
      this.setState('valid', list.items.length);
    }
    return this.answer(list, listKey(query), node, level.empty);
  }

  /**
   * Loads the next page of a list (also retries a failed page): the one a trailing row ends, or the
   * one under a row (undefined: the directories).
   */
  async loadMore(target: LoadMoreNode | MessageNode | ParentNode | undefined): Promise<void> {
    const session = this.host.activeSession();
    const trailing = target?.kind === 'loadMore' || target?.kind === 'message';
    const parent = trailing ? target.parent : target;
    const key = (trailing && target.listKey) || listKey(levelOf(parent).query(parent, this.searchText));
    const list = session?.existingList(key);
    if (!session || !list || list.isLoading) return;
    const loading = list.loadNext();
    this.host.changed(parent);
    await loading;
    if (session.ended) return;
    this.afterLoad(list, key, parent);
    this.host.changed(parent);
  }

  /** A group row shows its member count: redrawn whenever the session learns or drops one. */
  private watchCounts(session: Session): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    // The session's store ends with it, and so does this listener.
    session.memberCounts.onChange((groupId) => {
      if (!session.ended) this.membersChanged(groupId);
    });
  }

  /** Loads a list shown for the first time, as deep as it was before a refresh. */
  private async firstLoad(list: PagedList<WorkOSObject>, key: string, parent: ParentNode | undefined): Promise<void> {
    if (list.isPristine) {
      await list.loadPages(this.depth.get(key) ?? 1);
      this.afterLoad(list, key, parent);
    } else if (list.isLoading && list.pagesLoaded === 0) {
      await list.loadNext(); // started elsewhere, which reports it
    }
  }

  private afterLoad(list: PagedList<WorkOSObject>, key: string, parent: ParentNode | undefined): void {
    // A list of an ended session must not overwrite the depth, or report failures, for its successor.
    if (this.host.activeSession()?.existingList(key) !== list) return;
    if (list.pagesLoaded > 0) this.depth.set(key, list.pagesLoaded);
    if (list.error !== undefined) this.host.pageFailed(parent, list.error);
    if (isWorkOSError(list.error, 'unauthorized') && this.keyState !== 'rejected') {
      this.setState('rejected', undefined);
      this.host.changed(undefined);
    }
  }

  /** The list's rows and trailing row, rebuilt only when the list changed. Callers must not modify it. */
  private answer(
    list: PagedList<WorkOSObject>,
    key: string,
    parent: ParentNode | undefined,
    empty: string | undefined,
  ): TreeNode[] {
    const cached = this.answers.get(list);
    if (cached?.version === list.version) return cached.nodes;
    const nodes = [...list.items.map((item) => this.node(parent, item)), ...this.trailer(list, key, parent, empty)];
    this.answers.set(list, { version: list.version, nodes });
    return nodes;
  }

  private trailer(
    list: PagedList<WorkOSObject>,
    listKey: string,
    parent: ParentNode | undefined,
    empty: string | undefined,
  ): Array<LoadMoreNode | MessageNode | PlaceholderNode> {
    if (list.error !== undefined) return [messageNode(parent, listKey, list.error, true)];
    if (list.hasMore) {
      return [{ kind: 'loadMore', id: `${parent?.id ?? 'root'}/more`, listKey, parent, loading: list.isLoading }];
    }
    // An empty directory list has no row: the view's welcome text says what to do instead.
    if (list.items.length === 0 && parent && empty) {
      return [{ kind: 'placeholder', id: `${parent.id}/empty`, listKey, parent, text: empty }];
    }
    return [];
  }

  /** The row of one item, the same object each time, its item replaced by the newest copy. */
  private node(parent: ParentNode | undefined, item: WorkOSObject): ObjectNode {
    const node = levelOf(parent).child(parent, item);
    const existing = this.nodes.get(node.id);
    if (existing) return Object.assign(existing, node);
    this.nodes.set(node.id, node);
    return node;
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
