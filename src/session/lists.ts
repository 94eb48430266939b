import type { Directory, DirectoryGroup, DirectoryUser, WorkOSObjectKind } from '../workos';

/** A list the session can page through, named by what it asks the API. */
export type ListQuery =
  /** `search`: the server's own match on directory names (`GET /directories?search=`). */
  | { readonly of: 'directories'; readonly search?: string }
  | { readonly of: 'groups'; readonly directory: string }
  /** `directory` is the group's own, for pacing (`/directory_users` allows 4 requests a second per directory). */
  | { readonly of: 'members'; readonly group: string; readonly directory: string };

/** What each list holds. */
export interface ListItems {
  directories: Directory;
  groups: DirectoryGroup;
  members: DirectoryUser;
}

export type ItemOf<Q extends ListQuery> = ListItems[Q['of']];

/** The kind of object a list's items are, for the object cache. */
export const ITEM_KIND: Record<ListQuery['of'], WorkOSObjectKind> = {
  directories: 'directory',
  groups: 'directory_group',
  members: 'directory_user',
};

/** The key a list is remembered by: its query as the API sees it, e.g. `users?group=directory_group_…`. */
export function listKey(query: ListQuery): string {
  switch (query.of) {
    case 'directories':
      return query.search === undefined ? 'directories' : `directories?search=${encodeURIComponent(query.search)}`;
    case 'groups':
      return `groups?directory=${query.directory}`;
    case 'members':
      return `users?group=${query.group}`;
  }
}
