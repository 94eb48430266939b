import type { WorkOSObject } from '../session/session';
import type { Directory, DirectoryGroup, DirectoryUser, WorkOSObjectKind } from '../workos';

// The kinds of row in the Directories view. `id` is the stable TreeItem id (parent path + WorkOS
// ID), so expansion survives a refresh and overlapping refreshes never register one id twice. Rows
// that hold a list (the root, a directory, a group) are kept one object per id for the view's life:
// VS Code refreshes a row by its object. Trailing rows name the list they end by its key.

export interface DirectoryNode {
  readonly kind: 'directory';
  readonly id: string;
  /** Replaced in place on refresh, so the node object (and VS Code's handle to it) stays the same. */
  directory: Directory;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  /** Replaced in place, like a directory's. */
  group: DirectoryGroup;
  readonly parent: DirectoryNode;
}

export interface UserNode {
  readonly kind: 'user';
  readonly id: string;
  user: DirectoryUser;
  readonly parent: GroupNode;
}

/** A row whose children are a paged list. */
export type ParentNode = DirectoryNode | GroupNode;

/** "Load more" while a cursor remains; "Loading…" while that page is on its way. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly listKey: string;
  readonly parent: ParentNode | undefined;
  readonly loading: boolean;
}

/** A failed page (click retries it) or a problem that stops the whole view. */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly listKey: string | undefined;
  readonly parent: ParentNode | undefined;
  readonly error: unknown;
  readonly retry: boolean;
}

/** The one row of a list that has nothing in it, so "empty" reads differently from "loading" or "broken". */
export interface PlaceholderNode {
  readonly kind: 'placeholder';
  readonly id: string;
  readonly listKey: string;
  readonly parent: ParentNode;
  readonly text: string;
}

export type TreeNode = DirectoryNode | GroupNode | UserNode | LoadMoreNode | MessageNode | PlaceholderNode;

export function directoryNodeId(directoryId: string): string {
  return `directory/${directoryId}`;
}

/** `retry`: a failed page, retried by a click; otherwise a problem that a setting or a refresh fixes. */
export function messageNode(
  parent: ParentNode | undefined,
  listKey: string | undefined,
  error: unknown,
  retry: boolean,
): MessageNode {
  return { kind: 'message', id: `${parent?.id ?? 'root'}/message`, listKey, parent, error, retry };
}

export function isDirectoryNode(node: unknown): node is DirectoryNode {
  return typeof node === 'object' && node !== null && (node as TreeNode).kind === 'directory';
}

export function isGroupNode(node: unknown): node is GroupNode {
  return typeof node === 'object' && node !== null && (node as TreeNode).kind === 'group';
}

export function isUserNode(node: unknown): node is UserNode {
  return typeof node === 'object' && node !== null && (node as TreeNode).kind === 'user';
}

/** The WorkOS object a row shows, for the commands of its context menu. */
export function objectOfRow(node: unknown): { kind: WorkOSObjectKind; object: WorkOSObject } | undefined {
  if (isDirectoryNode(node)) return { kind: 'directory', object: node.directory };
  if (isGroupNode(node)) return { kind: 'directory_group', object: node.group };
  if (isUserNode(node)) return { kind: 'directory_user', object: node.user };
  return undefined;
}
