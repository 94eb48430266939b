import * as l10n from '@vscode/l10n';
import type { ListQuery } from '../session/lists';
import type { WorkOSObject } from '../session/session';
import type { Directory, DirectoryGroup, DirectoryUser, WorkOSObjectKind } from '../workos';
import type { DirectoryNode, GroupNode, ObjectNode, ParentNode, UserNode } from './nodes';

// The levels of the Directories view as data: for the root and each row kind with children, the
// session query its children come from, how a child row is made, and what its empty and failed rows
// say. The model, the rows and the view read this table; a new level (or another source of children)
// is one entry here and one look in rows.ts.

export interface Level<Parent extends ParentNode | undefined> {
  /** The list the row's children come from; `search` is the view's directory search (root only). */
  query(parent: Parent, search: string | undefined): ListQuery;
  /** The row for one item of that list: the same id for the same object under the same parent. */
  child(parent: Parent, item: WorkOSObject): ObjectNode;
  /** The one row of a list with nothing in it (none at the root: the view's welcome says what to do). */
  readonly empty?: string;
  /** What the log says when a page of that list fails (log lines stay English: see host/log.ts). */
  failed(parent: Parent): string;
}

/** Which table entry a parent row (or the root) reads. */
type LevelKey = 'root' | ParentNode['kind'];

export const LEVELS: {
  readonly root: Level<undefined>;
  readonly directory: Level<DirectoryNode>;
  readonly group: Level<GroupNode>;
} = {
  root: {
    query: (_parent, search) => ({ of: 'directories', search }),
    child: (_parent, item): DirectoryNode => ({
      kind: 'directory',
      id: directoryNodeId(item.id),
      directory: item as Directory,
      parent: undefined,
    }),
    failed: () => 'Could not load the directories',
  },
  directory: {
    query: (parent) => ({ of: 'groups', directory: parent.directory.id }),
    child: (parent, item): GroupNode => ({
      kind: 'group',
      id: `${parent.id}/group/${item.id}`,
      group: item as DirectoryGroup,
      parent,
    }),
    // Getters: this table is built when the module loads, before activation hands @vscode/l10n its bundle.
    get empty() {
      return l10n.t('No groups');
    },
    failed: (parent) => `Could not load the groups of ${parent.directory.id}`,
  },
  group: {
    query: (parent) => ({ of: 'members', group: parent.group.id, directory: parent.group.directory_id }),
    child: (parent, item): UserNode => ({
      kind: 'user',
      id: `${parent.id}/user/${item.id}`,
      user: item as DirectoryUser,
      parent,
    }),
    get empty() {
      return l10n.t('No members');
    },
    failed: (parent) => `Could not load the members of ${parent.group.id}`,
  },
};

/** The level a row (undefined: the root) reads its children from. */
export function levelOf(parent: ParentNode | undefined): Level<ParentNode | undefined> {
  const key: LevelKey = parent?.kind ?? 'root';
  return LEVELS[key];
}

/** What each row kind shows: the kind of WorkOS object, and the object itself. */
export const ROW_OBJECTS: Readonly<
  Record<ObjectNode['kind'], { readonly kind: WorkOSObjectKind; object(node: ObjectNode): WorkOSObject }>
> = {
  directory: { kind: 'directory', object: (node) => (node as DirectoryNode).directory },
  group: { kind: 'directory_group', object: (node) => (node as GroupNode).group },
  user: { kind: 'directory_user', object: (node) => (node as UserNode).user },
};

export function directoryNodeId(directoryId: string): string {
  return `directory/${directoryId}`;
}
