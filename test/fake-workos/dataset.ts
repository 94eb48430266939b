// Data served by the fake WorkOS API: wire-shaped objects (snake_case fields, wire states such as
// `linked`, as in the spec at https://github.com/workos/openapi-spec and the reference pages
// https://workos.com/docs/reference/directory-sync/directory-group and
// https://workos.com/docs/reference/directory-sync/directory-user), deterministic generators, and the
// sorted indexes the server pages from.
import { monthOfEvents, oldestFirst, recentSampleEvents, type FakeEvent } from './event-data';
import { Rng, ulid } from './random';

export type DirectoryState = 'linked' | 'unlinked' | 'validating' | 'invalid_credentials' | 'deleting';

export interface Directory {
  object: 'directory';
  id: string;
  organization_id: string;
  external_key: string;
  type: string;
  state: DirectoryState;
  name: string;
  domain?: string;
  metadata?: { users: { active: number; inactive: number }; groups: number };
  created_at: string;
  updated_at: string;
}

export interface DirectoryGroup {
  object: 'directory_group';
  id: string;
  idp_id: string;
  directory_id: string;
  organization_id: string;
  name: string;
  raw_attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A user as stored; the server adds the `groups` array (see `DirectoryUserWithGroups`). */
export interface DirectoryUser {
  object: 'directory_user';
  id: string;
  directory_id: string;
  organization_id: string;
  idp_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  emails: Array<{ primary: boolean; type: string; value: string | null }>;
  username: string | null;
  job_title: string | null;
  state: 'active' | 'suspended' | 'inactive';
  raw_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  role: { slug: string };
  roles: Array<{ slug: string }>;
  created_at: string;
  updated_at: string;
}

export interface OrganizationDomain {
  object: 'organization_domain';
  id: string;
  domain: string;
  state: 'verified' | 'pending' | 'failed' | 'legacy_verified';
  verification_strategy: 'dns' | 'manual';
}

/**
 * As `GET /organizations/{id}` sends it (the spec's `Organization`), less the `external_id` and
 * `metadata` that newer answers also carry; clients must not rely on either.
 */
export interface Organization {
  object: 'organization';
  id: string;
  name: string;
  allow_profiles_outside_organization: boolean;
  domains: OrganizationDomain[];
  created_at: string;
  updated_at: string;
}

/** Legacy embedded groups are partial (older fixtures carry only these fields). */
export type EmbeddedGroup = Pick<DirectoryGroup, 'object' | 'id' | 'directory_id' | 'name' | 'raw_attributes'>;
export type DirectoryUserWithGroups = DirectoryUser & { groups: EmbeddedGroup[] };

export interface Dataset {
  directories: Directory[];
  groups: DirectoryGroup[];
  users: DirectoryUser[];
  memberships: Array<[userId: string, groupId: string]>;
  /** Served by /organizations; a dataset without them answers 404 and an empty list there. */
  organizations?: Organization[];
  /** Teams created before May 2026 still get users' `groups` populated; newer ones get `[]`. */
  embedUserGroups?: boolean;
  /** Served by /events, oldest first; none when absent. */
  events?: FakeEvent[];
}

// ---------------------------------------------------------------------------------------------
// Indexes. Rebuilt when one of the dataset's arrays is replaced or changes length, so tests can
// push, splice or reassign freely. Replacing an element in place, or editing an object's
// id/created_at/directory_id, is not detected: use `deleteDirectory` or replace the array.

type Item = { id: string; created_at: string };

/** Items in ascending (created_at, id) order, with each ID's position for O(1) cursor lookup. */
export interface SortedList<T extends Item> {
  readonly items: readonly T[];
  readonly position: ReadonlyMap<string, number>;
}

export interface DatasetIndex {
  readonly organizations: SortedList<Organization>;
  readonly organizationById: ReadonlyMap<string, Organization>;
  readonly directories: SortedList<Directory>;
  readonly directoryById: ReadonlyMap<string, Directory>;
  readonly groupById: ReadonlyMap<string, DirectoryGroup>;
  readonly userById: ReadonlyMap<string, DirectoryUser>;
  readonly groupsByDirectory: ReadonlyMap<string, SortedList<DirectoryGroup>>;
  readonly usersByDirectory: ReadonlyMap<string, SortedList<DirectoryUser>>;
  readonly groupsByUser: ReadonlyMap<string, SortedList<DirectoryGroup>>;
  readonly usersByGroup: ReadonlyMap<string, SortedList<DirectoryUser>>;
}

function compareItems(a: Item, b: Item): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts `items` in place and indexes it. */
export function sortedList<T extends Item>(items: T[]): SortedList<T> {
  items.sort(compareItems);
  return { items, position: new Map(items.map((item, index) => [item.id, index])) };
}

export const EMPTY_LIST: SortedList<never> = { items: [], position: new Map() };

function push<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortEach<K, T extends Item>(map: Map<K, T[]>): Map<K, SortedList<T>> {
  return new Map([...map].map(([key, items]) => [key, sortedList(items)]));
}

const indexes = new WeakMap<Dataset, { signature: unknown[]; index: DatasetIndex }>();

export function datasetIndex(dataset: Dataset): DatasetIndex {
  const { directories, groups, users, memberships } = dataset;
  const organizations = dataset.organizations ?? [];
  const signature = [
    dataset.organizations,
    organizations.length,
    directories,
    directories.length,
    groups,
    groups.length,
    users,
    users.length,
    memberships,
    memberships.length,
  ];
  const cached = indexes.get(dataset);
  if (cached && cached.signature.every((value, i) => value === signature[i])) return cached.index;

  const groupById = new Map(groups.map((group) => [group.id, group]));
  const userById = new Map(users.map((user) => [user.id, user]));
  const groupsByDirectory = new Map<string, DirectoryGroup[]>();
  for (const group of groups) push(groupsByDirectory, group.directory_id, group);
  const usersByDirectory = new Map<string, DirectoryUser[]>();
  for (const user of users) push(usersByDirectory, user.directory_id, user);
  const groupsByUser = new Map<string, DirectoryGroup[]>();
  const usersByGroup = new Map<string, DirectoryUser[]>();
  const seen = new Set<string>();
  for (const [userId, groupId] of memberships) {
    const user = userById.get(userId);
    const group = groupById.get(groupId);
    const key = `${userId} ${groupId}`;
    if (!user || !group || seen.has(key)) continue;
    seen.add(key);
    push(groupsByUser, userId, group);
    push(usersByGroup, groupId, user);
  }
  const index: DatasetIndex = {
    organizations: sortedList([...organizations]),
    organizationById: new Map(organizations.map((organization) => [organization.id, organization])),
    directories: sortedList([...directories]),
    directoryById: new Map(directories.map((directory) => [directory.id, directory])),
    groupById,
    userById,
    groupsByDirectory: sortEach(groupsByDirectory),
    usersByDirectory: sortEach(usersByDirectory),
    groupsByUser: sortEach(groupsByUser),
    usersByGroup: sortEach(usersByGroup),
  };
  indexes.set(dataset, { signature, index });
  return index;
}

/** Removes a directory with its groups, users and their memberships. Returns whether it existed. */
export function deleteDirectory(dataset: Dataset, directoryId: string): boolean {
  if (!dataset.directories.some((directory) => directory.id === directoryId)) return false;
  const removedGroups = new Set(
    dataset.groups.filter((group) => group.directory_id === directoryId).map((group) => group.id),
  );
  const removedUsers = new Set(
    dataset.users.filter((user) => user.directory_id === directoryId).map((user) => user.id),
  );
  dataset.directories = dataset.directories.filter((directory) => directory.id !== directoryId);
  dataset.groups = dataset.groups.filter((group) => !removedGroups.has(group.id));
  dataset.users = dataset.users.filter((user) => !removedUsers.has(user.id));
  dataset.memberships = dataset.memberships.filter(
    ([userId, groupId]) => !removedUsers.has(userId) && !removedGroups.has(groupId),
  );
  return true;
}

// ---------------------------------------------------------------------------------------------
// Deterministic generation.

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

const iso = (ms: number): string => new Date(ms).toISOString();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BASE_TIME = Date.UTC(2025, 0, 14, 10, 32, 5);

function guid(rng: Rng): string {
  const hex = rng.chars(HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rng.int(4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Provider-style IdP IDs: their format varies by provider and clients must not assume one. */
function idpId(type: string, kind: 'group' | 'user', rng: Rng): string {
  switch (type) {
    case 'okta scim v2.0':
      return `00${kind === 'group' ? 'g' : 'u'}${rng.chars(ALPHANUMERIC, 17)}`;
    case 'gsuite directory':
      return kind === 'group'
        ? `0${rng.chars('0123456789abcdefghijklmnopqrstuvwxyz', 14)}`
        : rng.chars('0123456789', 21);
    case 'workday':
      return rng.chars(HEX, 32);
    case 'bamboohr':
      return String(100 + rng.int(90_000));
    case 'jump cloud scim v2.0':
      return rng.chars(HEX, 24);
    default:
      return guid(rng);
  }
}

const DEPARTMENTS: ReadonlyArray<readonly [department: string, teams: readonly string[], titles: readonly string[]]> = [
  [
    'Engineering',
    [
      'Platform',
      'Payments',
      'Mobile',
      'Web',
      'Data Infrastructure',
      'Developer Experience',
      'Reliability',
      'Identity',
      'Search',
      'Growth',
      'Billing',
      'Integrations',
      'Core API',
      'Observability',
      'Machine Learning',
      'QA',
      'Release',
      'Networking',
      'Storage',
      'Routing',
    ],
    [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'Engineering Manager',
      'Site Reliability Engineer',
    ],
  ],
  [
    'Product',
    ['Design', 'Research', 'Analytics', 'Growth', 'Platform', 'Mobile', 'Pricing', 'Documentation'],
    ['Product Manager', 'Product Designer', 'UX Researcher', 'Technical Writer'],
  ],
  [
    'Sales',
    [
      'Enterprise',
      'Mid-Market',
      'SMB',
      'Solutions Engineering',
      'Sales Ops',
      'Partnerships',
      'Renewals',
      'Public Sector',
    ],
    ['Account Executive', 'Sales Development Representative', 'Solutions Engineer', 'Regional Sales Director'],
  ],
  [
    'Marketing',
    ['Brand', 'Content', 'Demand Gen', 'Events', 'Product Marketing', 'Field Marketing', 'Web', 'Communications'],
    ['Marketing Manager', 'Content Strategist', 'Event Coordinator'],
  ],
  [
    'Customer Success',
    [
      'Onboarding',
      'Support Tier 1',
      'Support Tier 2',
      'Technical Account Management',
      'Renewals',
      'Community',
      'Training',
    ],
    ['Customer Success Manager', 'Support Engineer', 'Technical Account Manager'],
  ],
  [
    'Finance',
    ['Accounting', 'FP&A', 'Payroll', 'Procurement', 'Tax', 'Treasury', 'Revenue Operations'],
    ['Accountant', 'Financial Analyst', 'Controller'],
  ],
  [
    'People',
    ['Recruiting', 'People Ops', 'Learning & Development', 'Total Rewards', 'Workplace', 'DEI'],
    ['Recruiter', 'People Partner', 'HR Generalist'],
  ],
  ['Legal', ['Commercial', 'Privacy', 'Compliance', 'Corporate', 'IP'], ['Counsel', 'Paralegal', 'Compliance Analyst']],
  [
    'Operations',
    [
      'Logistics',
      'Fleet',
      'Warehousing',
      'Supply Chain',
      'Facilities',
      'Vendor Management',
      'Fulfilment',
      'Dispatch',
      'Customs',
    ],
    ['Operations Manager', 'Dispatcher', 'Logistics Coordinator', 'Warehouse Lead'],
  ],
  [
    'IT',
    ['Helpdesk', 'Endpoint', 'Identity & Access', 'Networking', 'Collaboration Tools', 'Procurement'],
    ['IT Support Specialist', 'Systems Administrator'],
  ],
  [
    'Security',
    ['SecOps', 'GRC', 'AppSec', 'Incident Response', 'Physical Security'],
    ['Security Engineer', 'Security Analyst'],
  ],
  [
    'Data',
    ['Analytics Engineering', 'BI', 'Data Science', 'Data Governance', 'Experimentation'],
    ['Data Analyst', 'Data Scientist', 'Analytics Engineer'],
  ],
];
const REGIONS = [
  'EMEA',
  'AMER',
  'APAC',
  'LATAM',
  'DACH',
  'UK & Ireland',
  'Nordics',
  'ANZ',
  'India',
  'Japan',
  'Benelux',
  'Iberia',
  'Canada',
  'US East',
];

let baseGroupNames: string[] | undefined;

/** Departments, then department × region, then department × team × region, then their leads. */
function largeGroupNames(count: number): string[] {
  if (!baseGroupNames) {
    const teams = DEPARTMENTS.flatMap(([department, names]) =>
      names.flatMap((team) => REGIONS.map((region) => `${department} · ${team} · ${region}`)),
    );
    baseGroupNames = [
      ...DEPARTMENTS.map(([department]) => department),
      ...DEPARTMENTS.flatMap(([department]) => REGIONS.map((region) => `${department} · ${region}`)),
      ...teams,
      ...teams.map((name) => `${name} · Leads`),
    ];
  }
  const base = baseGroupNames;
  return Array.from({ length: count }, (_, i) =>
    i < base.length ? base[i] : `${base[i % base.length]} · ${Math.floor(i / base.length) + 1}`,
  );
}

const FIRST_NAMES = [
  'Amara',
  'Ben',
  'Chloé',
  'Daniel',
  'Elena',
  'Farah',
  'Gabriel',
  'Hannah',
  'Isaac',
  'Jia',
  'Kwame',
  'Laura',
  'Mateo',
  'Nadia',
  'Oliver',
  'Priya',
  'Quentin',
  'Rosa',
  'Samuel',
  'Tomás',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yuki',
  'Zoë',
  'Aarav',
  'Björn',
  'Carmen',
  'Dmitri',
  'Emeka',
  'Fatima',
  'Grace',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Keira',
  'Liam',
  'Mei',
  'Noah',
  'Oluwaseun',
  'Paula',
  'Rafael',
  'Sofia',
  'Søren',
  'Tariq',
  'Valentina',
  'William',
  'Yara',
  'Łukasz',
];
const LAST_NAMES = [
  'Adeyemi',
  'Becker',
  'Chen',
  'Dubois',
  'Eriksen',
  'Fernández',
  'García',
  'Hoffmann',
  'Ito',
  'Jansen',
  'Kowalski',
  'Larsen',
  'Martin',
  'Nakamura',
  "O'Brien",
  'Patel',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ueda',
  'Varga',
  'Williams',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Andersson',
  'Banerjee',
  'Costa',
  'Dlamini',
  'Evans',
  'Fischer',
  'Gupta',
  'Horvath',
  'Ivanova',
  'Johnson',
  'Kim',
  'Lopez',
  'Müller',
  'Nguyen',
  'Okafor',
  'Petrov',
  'Ramírez',
  'Silva',
  'Thompson',
  'Virtanen',
  'Walsh',
  'Young',
];

function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

interface DirectorySpec {
  seed: string;
  organizationId: string;
  name: string;
  type: string;
  state: DirectoryState;
  domain: string;
  createdAt: number;
  groupNames: readonly string[];
  groupPrefix?: string;
  userCount: number;
  groupsPerUser: readonly [min: number, max: number];
  /** Users (by position) whose state is `suspended`; the state roll still happens, so no ID moves. */
  suspendedUsers?: readonly number[];
}

interface BuiltDirectory {
  directory: Directory;
  groups: DirectoryGroup[];
  users: DirectoryUser[];
  /** Adds a membership unless present; groups are given by position in `groups`. */
  addMembership(userIndex: number, groupIndex: number): void;
  /** Makes the group's members exactly these users (by position), in place of any it had. */
  setMembers(groupIndex: number, userIndexes: Iterable<number>): void;
}

function buildDirectory(spec: DirectorySpec, dataset: Dataset): BuiltDirectory {
  // Separate streams, so that the number of groups changes no directory or user ID.
  const rng = new Rng(spec.seed);
  const groupRng = new Rng(`${spec.seed} groups`);
  const userRng = new Rng(`${spec.seed} users`);
  const directoryId = ulid('directory', spec.createdAt, rng);
  const syncedAt = spec.createdAt + 7 * MINUTE + rng.int(20 * MINUTE);

  let groupTime = syncedAt;
  const groups = spec.groupNames.map((name, i): DirectoryGroup => {
    // One initial sync in bursts of a few ms (equal created_at values test the id tie-break),
    // then later syncs every ~500 groups.
    groupTime += i > 0 && i % 500 === 0 ? 3 * DAY + groupRng.int(DAY) : groupRng.int(4);
    return {
      object: 'directory_group',
      id: ulid(spec.groupPrefix ?? 'directory_group', groupTime, groupRng),
      idp_id: idpId(spec.type, 'group', groupRng),
      directory_id: directoryId,
      organization_id: spec.organizationId,
      name,
      raw_attributes: {},
      created_at: iso(groupTime),
      updated_at: iso(groupTime + (groupRng.int(3) === 0 ? groupRng.int(60 * DAY) : 0)),
    };
  });

  const emails = new Set<string>();
  const users = Array.from({ length: spec.userCount }, (_, i): DirectoryUser => {
    const first = userRng.pick(FIRST_NAMES);
    const last = userRng.pick(LAST_NAMES);
    const local = `${emailPart(first)}.${emailPart(last)}`;
    let email = `${local}@${spec.domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${spec.domain}`;
    emails.add(email);
    const [department, , titles] = userRng.pick(DEPARTMENTS);
    const jobTitle = userRng.pick(titles);
    const rolled = userRng.int(14) === 0 ? 'inactive' : 'active';
    const state = spec.suspendedUsers?.includes(i) ? 'suspended' : rolled;
    const created = syncedAt + 2 * MINUTE + i * 250 + userRng.int(250);
    const role = { slug: userRng.int(20) === 0 ? 'admin' : 'member' };
    return {
      object: 'directory_user',
      id: ulid('directory_user', created, userRng),
      directory_id: directoryId,
      organization_id: spec.organizationId,
      idp_id: idpId(spec.type, 'user', userRng),
      email,
      first_name: first,
      last_name: last,
      name: `${first} ${last}`,
      emails: [{ primary: true, type: 'work', value: email }],
      username: email,
      job_title: jobTitle,
      state,
      raw_attributes: { userName: email, active: state === 'active', name: { givenName: first, familyName: last } },
      custom_attributes: { department, job_title: jobTitle },
      role,
      roles: [role],
      created_at: iso(created),
      updated_at: iso(created + userRng.int(30) * DAY),
    };
  });

  const memberships = new Set<string>();
  const addMembership = (userIndex: number, groupIndex: number): void => {
    const pair: [string, string] = [users[userIndex].id, groups[groupIndex].id];
    const key = pair.join(' ');
    if (memberships.has(key)) return;
    memberships.add(key);
    dataset.memberships.push(pair);
  };
  const setMembers = (groupIndex: number, userIndexes: Iterable<number>): void => {
    const groupId = groups[groupIndex].id;
    dataset.memberships = dataset.memberships.filter(([userId, group]) => {
      if (group !== groupId) return true;
      memberships.delete(`${userId} ${group}`);
      return false;
    });
    for (const userIndex of userIndexes) addMembership(userIndex, groupIndex);
  };
  if (groups.length > 0) {
    const memberRng = new Rng(`${spec.seed} memberships`);
    const [min, max] = spec.groupsPerUser;
    users.forEach((_, userIndex) => {
      for (let n = min + memberRng.int(max - min + 1); n > 0; n--)
        addMembership(userIndex, memberRng.int(groups.length));
    });
  }

  // The metadata has only `active` and `inactive`, and WorkOS does not say where `suspended` users
  // (a state the spec still lists) are counted. The fake counts them in neither, so a client must not
  // take active + inactive for the number of users.
  const active = users.filter((user) => user.state === 'active').length;
  const inactive = users.filter((user) => user.state === 'inactive').length;
  const directory: Directory = {
    object: 'directory',
    id: directoryId,
    organization_id: spec.organizationId,
    external_key: rng.chars(ALPHANUMERIC, 16),
    type: spec.type,
    state: spec.state,
    name: spec.name,
    domain: spec.domain,
    metadata: { users: { active, inactive }, groups: groups.length },
    created_at: iso(spec.createdAt),
    updated_at: iso(syncedAt + rng.int(100 * DAY)),
  };
  dataset.directories.push(directory);
  dataset.groups.push(...groups);
  dataset.users.push(...users);
  return { directory, groups, users, addMembership, setMembers };
}

function buildOrganization(
  id: string,
  name: string,
  domains: readonly string[],
  createdAt: number,
  rng: Rng,
): Organization {
  return {
    object: 'organization',
    id,
    name,
    allow_profiles_outside_organization: false,
    domains: domains.map((domain, i) => ({
      object: 'organization_domain',
      id: ulid('org_domain', createdAt + (i + 1) * MINUTE, rng),
      domain,
      state: 'verified',
      verification_strategy: 'dns',
    })),
    created_at: iso(createdAt),
    updated_at: iso(createdAt + (1 + rng.int(20)) * DAY),
  };
}

export interface SampleOptions {
  /** Groups in the largest directory; default 2,600. */
  largeDirectoryGroups?: number;
  embedUserGroups?: boolean;
  /** The time the sample's month of events leads up to; default now. */
  now?: number;
}

const SAMPLE_API_KEY = 'sk_test_demo';
const BUSY_GROUP_MEMBERS = 60;
const USER_WITH_GROUPS_EXTRA = 23;
// Large-directory groups (by position; all within the first 30, so `largeDirectoryGroups: 30` has
// them too) whose members are set exactly, after the random ones. None is the busy group (0), and in
// the default sample the user with many groups (user 0) is in none of them, nor made a member.
const EMPTY_GROUP = 11; // "Data": no members
const ONE_MEMBER_GROUP = 7; // "Legal": user 2
const HUNDRED_MEMBER_GROUP = 4; // "Customer Success": users 1, 4, 7, … 298 (100)
const BIG_GROUP = 8; // "Operations": every user whose position is not a multiple of 6 (250 of 300)
const LARGE_DIRECTORY_USERS = 300;
/** Large-directory users (by position) in state `suspended`; none was `inactive` before. */
const SUSPENDED_USERS = [5, 120, 250];

function buildSample(options: SampleOptions) {
  const dataset: Dataset = {
    directories: [],
    groups: [],
    users: [],
    memberships: [],
    embedUserGroups: options.embedUserGroups ?? false,
  };
  const orgRng = new Rng('sample organizations');
  const brightline = ulid('org', BASE_TIME - 30 * DAY, orgRng);
  const kestrel = ulid('org', BASE_TIME - 12 * DAY, orgRng);
  const domainRng = new Rng('sample organization domains');
  dataset.organizations = [
    buildOrganization(
      brightline,
      'Brightline Logistics',
      ['brightline.io', 'brightline.co.uk'],
      BASE_TIME - 30 * DAY,
      domainRng,
    ),
    buildOrganization(
      kestrel,
      'Kestrel Analytics',
      ['kestrel-analytics.com', 'kestrel.vc'],
      BASE_TIME - 12 * DAY,
      domainRng,
    ),
  ];
  const cross = (outer: readonly string[], inner: readonly string[], format: (a: string, b: string) => string) =>
    outer.flatMap((a) => inner.map((b) => format(a, b)));

  const large = buildDirectory(
    {
      seed: 'sample large',
      organizationId: brightline,
      name: 'Brightline Logistics (Okta)',
      type: 'okta scim v2.0',
      state: 'linked',
      domain: 'brightline.io',
      createdAt: BASE_TIME,
      groupNames: largeGroupNames(options.largeDirectoryGroups ?? 2600),
      userCount: LARGE_DIRECTORY_USERS,
      groupsPerUser: [2, 6],
      suspendedUsers: SUSPENDED_USERS,
    },
    dataset,
  );
  const small = buildDirectory(
    {
      seed: 'sample azure',
      organizationId: brightline,
      name: 'Brightline Contractors (Entra ID)',
      type: 'azure scim v2.0',
      state: 'linked',
      domain: 'contractors.brightline.io',
      createdAt: BASE_TIME + 41 * DAY,
      groupNames: [
        ...[
          'All',
          'Engineering',
          'Warehouse',
          'Drivers',
          'Finance',
          'Design',
          'Support',
          'Security',
          'Data',
          'Marketing',
          'Legal',
          'IT',
        ].map((area) => `SG-Contractors-${area}`),
        ...[
          'Jira',
          'Confluence',
          'Slack',
          'GitHub',
          'Figma',
          'Salesforce',
          'Zendesk',
          'Workday',
          'Tableau',
          'AWS-ReadOnly',
          'VPN',
          'Okta-Admin',
        ].map((app) => `APP-${app}-Users`),
      ],
      userCount: 40,
      groupsPerUser: [1, 3],
    },
    dataset,
  );
  const empty = buildDirectory(
    {
      seed: 'sample gsuite',
      organizationId: brightline,
      name: 'Brightline UK (Google Workspace)',
      type: 'gsuite directory',
      state: 'validating',
      domain: 'brightline.co.uk',
      createdAt: BASE_TIME + 390 * DAY,
      groupNames: [],
      userCount: 0,
      groupsPerUser: [0, 0],
    },
    dataset,
  );
  buildDirectory(
    {
      seed: 'sample workday',
      organizationId: kestrel,
      name: 'Kestrel Analytics Workday',
      type: 'workday',
      state: 'linked',
      domain: 'kestrel-analytics.com',
      createdAt: BASE_TIME + 75 * DAY,
      groupNames: cross(
        ['Analytics Consulting', 'Data Engineering', 'Client Services', 'Finance', 'People', 'Research'],
        ['London', 'New York', 'Singapore', 'Toronto', 'Berlin', 'Remote'],
        (department, site) => `Supervisory Org: ${department} (${site})`,
      ),
      userCount: 60,
      groupsPerUser: [1, 3],
    },
    dataset,
  );
  const invalid = buildDirectory(
    {
      seed: 'sample bamboohr',
      organizationId: kestrel,
      name: 'Kestrel Ventures BambooHR',
      type: 'bamboohr',
      state: 'invalid_credentials',
      domain: 'kestrel.vc',
      createdAt: BASE_TIME + 160 * DAY,
      groupNames: [
        'Accounting',
        'Client Services',
        'Executive',
        'Finance',
        'Human Resources',
        'IT',
        'Legal',
        'Marketing',
        'Operations',
        'Portfolio Support',
        'Research',
        'Sales',
      ],
      userCount: 20,
      groupsPerUser: [1, 2],
    },
    dataset,
  );
  const legacy = buildDirectory(
    {
      seed: 'sample legacy',
      organizationId: kestrel,
      name: 'Kestrel Research SCIM',
      type: 'generic scim v2.0',
      state: 'linked',
      domain: 'research.kestrel-analytics.com',
      createdAt: BASE_TIME + 230 * DAY,
      groupNames: [
        'research-admins',
        'research-staff',
        'ml-platform',
        'gpu-cluster-users',
        'data-stewards',
        'oncall',
        'visitors',
      ],
      groupPrefix: 'directory_grp',
      userCount: 15,
      groupsPerUser: [1, 3],
    },
    dataset,
  );
  const unlinked = buildDirectory(
    {
      seed: 'sample jumpcloud',
      organizationId: kestrel,
      name: 'Kestrel Field Ops (JumpCloud)',
      type: 'jump cloud scim v2.0',
      state: 'unlinked',
      domain: 'field.kestrel-analytics.com',
      createdAt: BASE_TIME + 300 * DAY,
      groupNames: cross(
        ['North', 'South', 'East', 'West', 'Central', 'Coastal'],
        ['Technicians', 'Supervisors', 'Dispatch'],
        (region, role) => `Field Ops - ${region} - ${role}`,
      ),
      userCount: 10,
      groupsPerUser: [1, 2],
    },
    dataset,
  );

  // A group whose members span several pages, and a user whose groups do.
  const spread = new Rng('sample spread');
  if (large.groups.length > 0) for (let i = 0; i < BUSY_GROUP_MEMBERS; i++) large.addMembership(i, 0);
  for (let n = 0; n < USER_WITH_GROUPS_EXTRA && large.groups.length > 0; n++)
    large.addMembership(0, spread.int(large.groups.length));

  // Groups with exact member counts, for paging members: 0, 1, one full page of 100, three pages of 100.
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const exactGroups = [
    [EMPTY_GROUP, []],
    [ONE_MEMBER_GROUP, [2]],
    [HUNDRED_MEMBER_GROUP, range(100).map((k) => 3 * k + 1)],
    [BIG_GROUP, range(LARGE_DIRECTORY_USERS).filter((i) => i % 6 !== 0)],
  ] as const;
  for (const [groupIndex, members] of exactGroups)
    if (groupIndex < large.groups.length) large.setMembers(groupIndex, members);
  // The group listed first (the newest): a dozen members, suspended and inactive ones among them, for a first look.
  const firstListed = large.groups.length - 1;
  const inactive = large.users.findIndex((user) => user.state === 'inactive');
  if (firstListed >= exactGroups.length) large.setMembers(firstListed, [...range(11).map((k) => 5 + 7 * k), inactive]);

  // A service account: SCIM allows a user with no email or name.
  const service = legacy.users[0];
  Object.assign(service, {
    email: null,
    first_name: null,
    last_name: null,
    name: null,
    emails: [],
    username: 'svc-build-runner',
    job_title: null,
    raw_attributes: { userName: 'svc-build-runner', active: service.state === 'active' },
    custom_attributes: {},
  } satisfies Partial<DirectoryUser>);

  const now = options.now ?? Date.now();
  dataset.events = [...monthOfEvents(dataset, { now }), ...recentSampleEvents(now, large, small)].sort(oldestFirst);

  return {
    dataset,
    organizations: [brightline, kestrel] as const,
    large,
    small,
    empty,
    invalid,
    legacy,
    unlinked,
    service,
  };
}

function sampleHandles() {
  const { dataset, organizations, large, small, empty, invalid, legacy, unlinked, service } = buildSample({});
  const userWithGroups = large.users[0];
  const busyGroup = large.groups[0];
  const membersOf = (groupIndex: number) =>
    dataset.memberships.filter(([, groupId]) => groupId === large.groups[groupIndex].id).length;
  return {
    apiKey: SAMPLE_API_KEY,
    organizationIds: organizations,
    largeDirectoryId: large.directory.id,
    largeDirectoryGroupCount: large.groups.length,
    /** Entra ID directory with 24 groups, so pages of 12 (or 8) end exactly at the end of the list. */
    smallDirectoryId: small.directory.id,
    smallDirectoryGroupCount: small.groups.length,
    /** Google Workspace directory, still validating: no groups, no users. */
    emptyDirectoryId: empty.directory.id,
    /** Its groups use the legacy `directory_grp_` prefix (as WorkOS's own emulator issues). */
    legacyDirectoryId: legacy.directory.id,
    invalidCredentialsDirectoryId: invalid.directory.id,
    unlinkedDirectoryId: unlinked.directory.id,
    /** In ~30 groups of the large directory, spread over its pages. */
    userWithGroupsId: userWithGroups.id,
    userWithGroupsCount: dataset.memberships.filter(([userId]) => userId === userWithGroups.id).length,
    /** The large directory's "Engineering" group: members span several pages. */
    busyGroupId: busyGroup.id,
    busyGroupMemberCount: dataset.memberships.filter(([, groupId]) => groupId === busyGroup.id).length,
    /** A service account with `email`, names and `emails` empty (SCIM allows it). */
    userWithoutEmailId: service.id,
    /** Organization ID → name, for both sample organizations (served by /organizations). */
    organizationNames: Object.fromEntries(
      (dataset.organizations ?? []).map((organization) => [organization.id, organization.name]),
    ) as Readonly<Record<string, string>>,
    /** Large-directory groups with exactly 0, 1 and 100 members ("Data", "Legal", "Customer Success"). */
    emptyGroupId: large.groups[EMPTY_GROUP].id,
    oneMemberGroupId: large.groups[ONE_MEMBER_GROUP].id,
    hundredMemberGroupId: large.groups[HUNDRED_MEMBER_GROUP].id,
    /** The large directory's newest group, listed first: 12 members, suspended and inactive ones among them. */
    firstListedGroupId: large.groups[large.groups.length - 1].id,
    /** The large directory's "Operations" group: 250 members, three pages of 100. */
    bigGroupId: large.groups[BIG_GROUP].id,
    bigGroupMemberCount: membersOf(BIG_GROUP),
    /** A large-directory user in state `suspended` (counted in neither metadata count). */
    suspendedUserId: large.users[SUSPENDED_USERS[0]].id,
    /** A large-directory user in state `inactive`. */
    inactiveUserId: large.users.find((user) => user.state === 'inactive')!.id,
  };
}

/** The demo data: the same every call (seeded), with IDs that do not depend on the options. */
export function sampleDataset(options: SampleOptions = {}): Dataset {
  return buildSample(options).dataset;
}

/** Stable handles into `sampleDataset()` with default options. */
export const SAMPLE = sampleHandles();

export interface GeneratedDatasetOptions {
  directories: number;
  /** One count for every directory, or one per directory (missing entries mean 0). */
  groupsPerDirectory: number | readonly number[];
  /** Default 0. */
  usersPerDirectory?: number;
  /** Default 2; the directories take them in turn. */
  organizations?: number;
  seed?: string;
}

const COMPANIES = [
  'Acme Freight',
  'Northwind Health',
  'Globex Energy',
  'Initech Software',
  'Umbrella Biotech',
  'Stark Aerospace',
  'Wayne Logistics',
  'Hooli Cloud',
  'Pied Piper',
  'Vandelay Industries',
];
const TYPES = [
  'okta scim v2.0',
  'azure scim v2.0',
  'gsuite directory',
  'generic scim v2.0',
  'workday',
  'bamboohr',
  'jump cloud scim v2.0',
  'onelogin scim v2.0',
  'rippling scim v2.0',
  'hibob',
];

/** A bigger deterministic dataset for benchmarks, e.g. 20 directories, the first with 10,000 groups. */
export function generatedDataset(options: GeneratedDatasetOptions): Dataset {
  const seed = options.seed ?? 'generated';
  const dataset: Dataset = { directories: [], groups: [], users: [], memberships: [] };
  const orgRng = new Rng(`${seed} organizations`);
  const domainRng = new Rng(`${seed} organization domains`);
  const names = ['Contoso Holdings', 'Fabrikam Group'];
  dataset.organizations = Array.from({ length: options.organizations ?? 2 }, (_, i) => {
    const name = names[i] ?? `${COMPANIES[i % COMPANIES.length]} ${i + 1}`;
    const created = BASE_TIME + i * DAY;
    return buildOrganization(
      ulid('org', created, orgRng),
      name,
      [`${emailPart(name)}.example.com`],
      created,
      domainRng,
    );
  });
  const organizations = dataset.organizations.map((organization) => organization.id);
  for (let i = 0; i < options.directories; i++) {
    const company = COMPANIES[i % COMPANIES.length];
    const round = Math.floor(i / COMPANIES.length);
    const groupCount =
      typeof options.groupsPerDirectory === 'number'
        ? options.groupsPerDirectory
        : (options.groupsPerDirectory[i] ?? 0);
    buildDirectory(
      {
        seed: `${seed} ${i}`,
        organizationId: organizations[i % organizations.length],
        name: round === 0 ? company : `${company} ${round + 1}`,
        type: TYPES[i % TYPES.length],
        state: 'linked',
        domain: `${emailPart(company)}${round === 0 ? '' : round + 1}.example.com`,
        createdAt: BASE_TIME + i * 3 * DAY,
        groupNames: largeGroupNames(groupCount),
        userCount: options.usersPerDirectory ?? 0,
        groupsPerUser: [1, 3],
      },
      dataset,
    );
  }
  return dataset;
}
