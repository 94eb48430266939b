import type { WorkOSObject } from '../session/session';
import type { Directory, DirectoryGroup, DirectoryUser, WorkOSObjectKind } from '../workos';
import { LEVELS, ROW_OBJECTS } from './levels';

// The kinds of row in the Directories view (what each level lists is in levels.ts). `id` is the
// stable TreeItem id (parent path + WorkOS ID), so expansion survives a refresh and overlapping
// refreshes never register one id twice. Rows that hold a list (the root, a directory, a group) are
// kept one object per id for the view's life: VS Code refreshes a row by its object. Trailing rows
// name the list they end by its key.

export interface DirectoryNode {
  readonly kind: 'directory';
  readonly id: string;
  /** Replaced in place on refresh, so the node object (and VS Code's handle to it) stays the same. */
  directory: Directory;
  readonly parent: undefined;
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

/** A row that shows one WorkOS object. */
export type ObjectNode = DirectoryNode | GroupNode | UserNode;

/** A row whose children are a paged list: one with an entry in LEVELS. */
export type ParentNode = Extract<ObjectNode, { kind: keyof typeof LEVELS }>;

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

export type TreeNode = ObjectNode | LoadMoreNode | MessageNode | PlaceholderNode;

export function isParentNode(node: unknown): node is ParentNode {
  return isNode(node) && node.kind !== 'root' && Object.hasOwn(LEVELS, node.kind);
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

function isNode(node: unknown): node is { kind: string } {
  return typeof node === 'object' && node !== null && typeof (node as { kind?: unknown }).kind === 'string';
}

export function isDirectoryNode(node: unknown): node is DirectoryNode {
  return isNode(node) && node.kind === 'directory';
}

export function isGroupNode(node: unknown): node is GroupNode {
  return isNode(node) && node.kind === 'group';
}

export function isUserNode(node: unknown): node is UserNode {
  return isNode(node) && node.kind === 'user';
}

export function isObjectNode(node: unknown): node is ObjectNode {
  return isNode(node) && Object.hasOwn(ROW_OBJECTS, node.kind);
}

/** The WorkOS object a row shows, for the commands of its context menu. */
export function objectOfRow(node: unknown): { kind: WorkOSObjectKind; object: WorkOSObject } | undefined {
  if (!isObjectNode(node)) return undefined;
  const row = ROW_OBJECTS[node.kind];
  return { kind: row.kind, object: row.object(node) };
}
