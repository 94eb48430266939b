import type { Directory, DirectoryGroup } from '../workos';

// The kinds of row in the Directories view. `id` is the stable TreeItem id (parent path + WorkOS
// ID), so expansion survives a refresh and overlapping refreshes never register one id twice.

export interface DirectoryNode {
  readonly kind: 'directory';
  readonly id: string;
  /** Replaced in place on refresh, so the node object (and VS Code's handle to it) stays the same. */
  directory: Directory;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly group: DirectoryGroup;
  readonly parent: DirectoryNode;
}

/** "Load more" while a cursor remains; "Loading…" while that page is on its way. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parent: DirectoryNode | undefined;
  readonly loading: boolean;
}

/** A failed page (click retries it) or a problem that stops the whole view. */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly parent: DirectoryNode | undefined;
  readonly error: unknown;
  readonly retry: boolean;
}

/** The one row of a list that has nothing in it, so "empty" reads differently from "loading" or "broken". */
export interface PlaceholderNode {
  readonly kind: 'placeholder';
  readonly id: string;
  readonly parent: DirectoryNode;
  readonly text: string;
}

export type TreeNode = DirectoryNode | GroupNode | LoadMoreNode | MessageNode | PlaceholderNode;

export function directoryNodeId(directoryId: string): string {
  return `directory/${directoryId}`;
}

export function groupNode(group: DirectoryGroup, parent: DirectoryNode): GroupNode {
  return { kind: 'group', id: `${parent.id}/group/${group.id}`, group, parent };
}

/** `retry`: a failed page, retried by a click; otherwise a problem that a setting or a refresh fixes. */
export function messageNode(parent: DirectoryNode | undefined, error: unknown, retry: boolean): MessageNode {
  return { kind: 'message', id: `${parent?.id ?? 'root'}/message`, parent, error, retry };
}

export function isDirectoryNode(node: TreeNode | undefined): node is DirectoryNode {
  return node?.kind === 'directory';
}

export function isGroupNode(node: TreeNode | undefined): node is GroupNode {
  return node?.kind === 'group';
}
