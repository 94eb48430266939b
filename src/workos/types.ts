// Wire shapes (snake_case, as the API sends them). Enum-like fields are plain strings: WorkOS adds
// directory types and states over time, and an unknown value must still display.

export interface Directory {
  object: 'directory';
  id: string;
  name: string;
  organization_id?: string | null;
  external_key?: string;
  type: string;
  state: string;
  domain?: string | null;
  metadata?: { users?: { active?: number; inactive?: number }; groups?: number };
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** Kept exactly as received (key order and `raw_attributes` included): the JSON view shows it verbatim. */
export interface DirectoryGroup {
  object: 'directory_group';
  id: string;
  idp_id: string;
  directory_id: string;
  organization_id: string | null;
  name: string;
  raw_attributes?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface DirectoryUser {
  object: 'directory_user';
  id: string;
  directory_id: string;
  organization_id: string | null;
  idp_id: string;
  email: string | null;
  first_name?: string | null;
  last_name?: string | null;
  name?: string | null;
  /** `active`, `suspended` or `inactive`; shown as it came when WorkOS adds another. */
  state: string;
  role?: { slug: string };
  roles?: Array<{ slug: string }>;
  /**
   * Deprecated by WorkOS: empty for teams created since May 2026, and absent from the nested
   * `/directories/{id}/users…` routes. Use `listGroups({ user })`.
   */
  groups?: unknown[];
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

export interface Organization {
  object: 'organization';
  id: string;
  name: string;
  domains?: Array<{ domain: string; [field: string]: unknown }>;
  created_at: string;
  updated_at: string;
  [field: string]: unknown;
}

/** One page of a list; missing `list_metadata` keys read as null. */
export interface Page<T> {
  data: T[];
  before: string | null;
  after: string | null;
  /** The `X-Request-ID` of the response, for error reports about this page. */
  requestId?: string;
  /**
   * Items the server sent that do not match what was asked (another directory, another email) and
   * were left out of `data`; 0 when all matched. `before` and `after` are the server's, so paging
   * goes on past them.
   */
  dropped: number;
}

export type Order = 'asc' | 'desc' | 'normal';

export interface PageParams {
  limit?: number;
  before?: string;
  after?: string;
  order?: Order;
}

export interface ListDirectoriesParams extends PageParams {
  organization_id?: string;
  search?: string;
}

export type ListGroupsParams = PageParams &
  ({ directory: string; user?: string } | { user: string; directory?: string });

/** `email` and `idp_id` match one user's primary email or IdP ID, and need `directory`. */
export type ListUsersParams = PageParams &
  ({ directory: string; group?: string; email?: string; idp_id?: string } | { group: string; directory?: string });
