// Directory Sync data for WorkOS's emulator, inserted through its store (its seed config has none).
// The emulator stamps `created_at` itself at insertion and lists by (created_at, id), so insertion order
// is list order: oldest first with `order=asc`, newest first otherwise.
import type { Dataset } from '../fake-workos/dataset';
import type { EmulatorDirectory, EmulatorGroup, EmulatorOrganization, EmulatorStore, EmulatorUser } from './emulator';

export function addOrganization(store: EmulatorStore, name: string): EmulatorOrganization {
  return store.organizations.insert({
    object: 'organization',
    name,
    external_id: null,
    metadata: {},
    stripe_customer_id: null,
  });
}

export function addDirectory(
  store: EmulatorStore,
  organization: EmulatorOrganization,
  name: string,
): EmulatorDirectory {
  return store.directories.insert({
    object: 'directory',
    name,
    organization_id: organization.id,
    domain: null,
    type: 'okta scim v2.0',
    state: 'linked',
    external_key: `key-${name.toLowerCase().replace(/\W+/g, '-')}`,
  });
}

/** `count` groups named `${prefix} 1`, `${prefix} 2`, … in list order (oldest first). */
export function addGroups(store: EmulatorStore, directory: EmulatorDirectory, count: number, prefix = 'Group') {
  return Array.from({ length: count }, (_, i) =>
    store.directoryGroups.insert({
      object: 'directory_group',
      directory_id: directory.id,
      organization_id: directory.organization_id,
      idp_id: `${prefix.toLowerCase()}-${i + 1}`,
      name: `${prefix} ${i + 1}`,
      raw_attributes: {},
    }),
  );
}

export interface UserFields {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  /** The emulator's type says `active` or `inactive`; the API also sends `suspended`, and so do we. */
  state?: string;
}

/** A user of `directory`; its memberships are the emulator's: the groups listed on the user. */
export function addUser(
  store: EmulatorStore,
  directory: EmulatorDirectory,
  fields: UserFields,
  groups: readonly EmulatorGroup[] = [],
): EmulatorUser {
  const idpId = `idp-${store.directoryUsers.all().length + 1}`;
  return store.directoryUsers.insert({
    object: 'directory_user',
    directory_id: directory.id,
    organization_id: directory.organization_id,
    idp_id: idpId,
    first_name: fields.first_name ?? null,
    last_name: fields.last_name ?? null,
    email: fields.email ?? null,
    username: fields.email ?? null,
    state: (fields.state ?? 'active') as EmulatorUser['state'],
    role: { slug: 'member' },
    custom_attributes: {},
    raw_attributes: {},
    groups: groups.map((group) => ({ object: 'directory_group', id: group.id, name: group.name })),
  });
}

/** What the suites need from the sample, by role. */
export interface EmulatorSample {
  organization: EmulatorOrganization;
  /** Listed newest first: large, hundred, empty. */
  directories: EmulatorDirectory[];
  emptyDirectory: EmulatorDirectory;
  /** 260 groups; the third directory has exactly 100. */
  largeDirectory: EmulatorDirectory;
  /** A large-directory group with 150 members, the two suspended users among them. */
  busyGroup: EmulatorGroup;
  /** In the first 130 groups of the large directory. */
  userInManyGroups: EmulatorUser;
  emailOnlyUser: EmulatorUser;
  firstNameOnlyUser: EmulatorUser;
  suspendedUsers: EmulatorUser[];
  /** Every user, and every group, of the environment. */
  users: EmulatorUser[];
  groups: EmulatorGroup[];
}

export const LARGE_DIRECTORY_GROUPS = 260;
export const BUSY_GROUP_MEMBERS = 150;
export const USER_IN_MANY_GROUPS_COUNT = 130;

/**
 * One organisation with three directories (0, exactly 100 and 260 groups), a group of 150 members, a
 * user in 130 groups, a user with only an email, one with only a first name, and suspended users.
 */
export function seedSample(store: EmulatorStore): EmulatorSample {
  const organization = addOrganization(store, 'Acme Emulated');
  const emptyDirectory = addDirectory(store, organization, 'Empty Directory');
  const hundredDirectory = addDirectory(store, organization, 'Hundred Directory');
  const largeDirectory = addDirectory(store, organization, 'Large Directory');
  addGroups(store, hundredDirectory, 100, 'Team');
  const largeGroups = addGroups(store, largeDirectory, LARGE_DIRECTORY_GROUPS, 'Department');
  const busyGroup = largeGroups[LARGE_DIRECTORY_GROUPS - 1];
  const suspendedUsers = [0, 1].map((i) =>
    addUser(
      store,
      largeDirectory,
      {
        first_name: 'Suspended',
        last_name: `Person ${i + 1}`,
        email: `suspended${i + 1}@acme.test`,
        state: 'suspended',
      },
      [busyGroup],
    ),
  );
  for (let i = suspendedUsers.length; i < BUSY_GROUP_MEMBERS; i++) {
    addUser(store, largeDirectory, { first_name: 'Member', last_name: `${i + 1}`, email: `member${i + 1}@acme.test` }, [
      busyGroup,
    ]);
  }
  const userInManyGroups = addUser(
    store,
    largeDirectory,
    { first_name: 'Many', last_name: 'Groups', email: 'many.groups@acme.test' },
    largeGroups.slice(0, USER_IN_MANY_GROUPS_COUNT),
  );
  const emailOnlyUser = addUser(store, largeDirectory, { email: 'only.email@acme.test' });
  const firstNameOnlyUser = addUser(store, largeDirectory, { first_name: 'Cher' });
  return {
    organization,
    directories: [largeDirectory, hundredDirectory, emptyDirectory],
    emptyDirectory,
    largeDirectory,
    busyGroup,
    userInManyGroups,
    emailOnlyUser,
    firstNameOnlyUser,
    suspendedUsers,
    users: store.directoryUsers.all(),
    groups: store.directoryGroups.all(),
  };
}

/**
 * A dataset of our fake API (the demo's SAMPLE), as close as the emulator's store allows: the same IDs,
 * names and fields, in the same list order; `created_at` is the emulator's own (the time of insertion),
 * and memberships become each user's `groups` (the only way the emulator knows them).
 */
export function seedDataset(store: EmulatorStore, dataset: Dataset): void {
  const byAge = <T extends { created_at: string; id: string }>(items: readonly T[]) =>
    [...items].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  for (const { domains, ...organization } of byAge(dataset.organizations ?? [])) {
    store.organizations.insert({ external_id: null, metadata: {}, stripe_customer_id: null, ...organization });
    for (const { object: _object, ...domain } of domains) {
      store.organizationDomains.insert({
        object: 'organization_domain',
        organization_id: organization.id,
        verification_token: '',
        verification_prefix: '',
        ...domain,
        // Wider in the API than in the emulator's types; served as stored either way.
        state: domain.state as 'verified',
      });
    }
  }
  for (const directory of byAge(dataset.directories)) {
    store.directories.insert({
      ...directory,
      domain: directory.domain ?? null,
      state: directory.state as EmulatorDirectory['state'],
    });
  }
  const groups = new Map(dataset.groups.map((group) => [group.id, group]));
  for (const group of byAge(dataset.groups)) store.directoryGroups.insert(group);
  const groupsOf = new Map<string, EmulatorUser['groups']>();
  for (const [userId, groupId] of dataset.memberships) {
    const group = groups.get(groupId)!;
    groupsOf.set(userId, [
      ...(groupsOf.get(userId) ?? []),
      { object: 'directory_group', id: group.id, name: group.name },
    ]);
  }
  for (const user of byAge(dataset.users)) {
    store.directoryUsers.insert({
      ...user,
      state: user.state as EmulatorUser['state'],
      groups: groupsOf.get(user.id) ?? [],
    });
  }
}
