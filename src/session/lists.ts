import type {
  Directory,
  DirectoryGroup,
  DirectoryUser,
  Organization,
  Page,
  PageParams,
  WorkOSClient,
  WorkOSObjectKind,
} from '../workos';

/**
 * Every list a feature reads, named by what it asks the API. A new kind of question is one entry in
 * {@link QUERIES}: the session pages it, collects it, caches its items and ties it to its own end.
 */
export type ListQuery =
  /** `search`: the server's own match on directory names (`GET /directories?search=`). */
  | { readonly of: 'directories'; readonly search?: string }
  | { readonly of: 'groups'; readonly directory: string }
  /** `directory` is the group's own: the nested route needs it, and it paces the request. */
  | { readonly of: 'members'; readonly group: string; readonly directory: string }
  /** The API's filter on the primary email; the client keeps only users whose email matches. */
  | { readonly of: 'usersByEmail'; readonly directory: string; readonly email: string }
  /** Every user of a directory, at the pace WorkOS allows (4 requests a second per directory). */
  | { readonly of: 'users'; readonly directory: string }
  /** `directory`, when known, reads the nested route; without it only the flat one can answer. */
  | { readonly of: 'userGroups'; readonly user: string; readonly directory?: string }
  /** Every organisation the key can see: when many names are needed, 100 a page beat one request each. */
  | { readonly of: 'organizations' };

/** What each list holds. */
export interface ListItems {
  directories: Directory;
  groups: DirectoryGroup;
  members: DirectoryUser;
  usersByEmail: DirectoryUser;
  users: DirectoryUser;
  userGroups: DirectoryGroup;
  organizations: Organization;
}

export type ItemOf<Q extends { of: keyof ListItems }> = ListItems[Q['of']];

type QueryOf<K extends ListQuery['of']> = Extract<ListQuery, { of: K }>;

interface QueryEntry<K extends ListQuery['of']> {
  /** The kind of object the items are, for the object cache. */
  readonly kind: WorkOSObjectKind;
  /** The key a list or collection is remembered by: its query as the API sees it. */
  key(query: QueryOf<K>): string;
  page(client: WorkOSClient, query: QueryOf<K>, paging: PageParams, signal: AbortSignal): Promise<Page<ListItems[K]>>;
}

const encoded = encodeURIComponent;

export const QUERIES: { readonly [K in ListQuery['of']]: QueryEntry<K> } = {
  directories: {
    kind: 'directory',
    key: ({ search }) => (search === undefined ? 'directories' : `directories?search=${encoded(search)}`),
    page: (client, { search }, paging, signal) => client.listDirectories({ ...paging, search }, signal),
  },
  groups: {
    kind: 'directory_group',
    key: ({ directory }) => `groups?directory=${directory}`,
    page: (client, { directory }, paging, signal) => client.listGroups({ ...paging, directory }, signal),
  },
  members: {
    kind: 'directory_user',
    key: ({ group }) => `users?group=${group}`,
    page: (client, { group, directory }, paging, signal) => client.listUsers({ ...paging, directory, group }, signal),
  },
  usersByEmail: {
    kind: 'directory_user',
    key: ({ directory, email }) => `users?directory=${directory}&email=${encoded(email.toLowerCase())}`,
    page: (client, { directory, email }, paging, signal) => client.listUsers({ ...paging, directory, email }, signal),
  },
  users: {
    kind: 'directory_user',
    key: ({ directory }) => `users?directory=${directory}`,
    page: (client, { directory }, paging, signal) => client.listUsers({ ...paging, directory }, signal),
  },
  userGroups: {
    kind: 'directory_group',
    key: ({ user }) => `groups?user=${user}`,
    page: (client, { user, directory }, paging, signal) =>
      client.listGroups(directory === undefined ? { ...paging, user } : { ...paging, user, directory }, signal),
  },
  organizations: {
    kind: 'organization',
    key: () => 'organizations',
    page: (client, _query, paging, signal) => client.listOrganizations(paging, signal),
  },
};

function entry<Q extends ListQuery>(query: Q): QueryEntry<Q['of']> {
  return QUERIES[query.of] as unknown as QueryEntry<Q['of']>;
}

/** The key a list is remembered by, e.g. `users?group=directory_group_…`. */
export function listKey(query: ListQuery): string {
  return entry(query).key(query);
}

export function itemKind(query: ListQuery): WorkOSObjectKind {
  return entry(query).kind;
}

/** One page of `query`'s list. */
export function fetchPage<Q extends ListQuery>(
  client: WorkOSClient,
  query: Q,
  paging: PageParams,
  signal: AbortSignal,
): Promise<Page<ItemOf<Q>>> {
  return entry(query).page(client, query as never, paging, signal);
}
