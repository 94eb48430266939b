// A month of events for the fake's `/events`, as the live API sends them (docs §11.2): Directory Sync
// events whose `data` is the user, the group, `{directory_id, user, group}` for memberships, or the
// directory for `dsync.activated`/`deleted`; `*.updated` with `previous_attributes`; and events of other
// products that a request for `dsync.*` never returns. Times are relative to `now`: WorkOS keeps 30 days.
import type { Dataset, Directory, DirectoryGroup, DirectoryUser } from './dataset';
import { Rng, ulid } from './random';

export interface FakeEvent {
  object: 'event';
  id: string;
  event: string;
  data: unknown;
  created_at: string;
  context: Record<string, unknown>;
}

export interface MonthOptions {
  now: number;
  seed?: string;
  /** Directory Sync changes per day outside the bulk syncs, across all directories; default 24. */
  perDay?: number;
  /** Days ago of the bulk syncs of the biggest directory (one event per user and a membership each); default 26, 19, 12. */
  bulkSyncDaysAgo?: readonly number[];
  /** The directory the bulk syncs are of; default the one with the most users. */
  bulkDirectory?: string;
  /** Each directory's share of the daily changes; default by its number of users. */
  weights?: Readonly<Record<string, number>>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** People who change things in the dashboard; most changes come from the identity provider (no actor). */
const ACTORS = [
  { id: 'user_01J8ZQ4T6V2M9K3R5X7B1C0D4E', source: 'dashboard', name: 'Priya Raman' },
  { id: 'user_01J8ZQ6W1N4P7Q2S8T5V3X9Y0Z', source: 'dashboard', name: 'Tomás Ferreira' },
];

const OTHER_PRODUCTS = ['user.created', 'connection.activated', 'organization.updated', 'authentication.sso_succeeded'];

interface Source {
  directory: Directory;
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  weight: number;
}

/** The dataset's month of events, oldest first; deterministic for the same `now` and seed. */
export function monthOfEvents(dataset: Dataset, options: MonthOptions): FakeEvent[] {
  const rng = new Rng(options.seed ?? 'events');
  const { now } = options;
  const events: FakeEvent[] = [];
  const add = (at: number, event: string, data: unknown, context: Record<string, unknown> = {}) =>
    events.push({ object: 'event', id: ulid('event', at, rng), event, data, created_at: iso(at), context });
  const sources: Source[] = dataset.directories
    .map((directory) => ({
      directory,
      users: dataset.users.filter((user) => user.directory_id === directory.id),
      groups: dataset.groups.filter((group) => group.directory_id === directory.id),
      weight: options.weights?.[directory.id] ?? 0,
    }))
    .filter((source) => source.users.length > 0 && source.groups.length > 0)
    .map((source) => ({ ...source, weight: options.weights ? source.weight : source.users.length }));
  const total = sources.reduce((sum, source) => sum + source.weight, 0);
  const pickSource = () => {
    let roll = rng.next() * total;
    for (const source of sources) if ((roll -= source.weight) < 0) return source;
    return sources[sources.length - 1];
  };

  // Bulk syncs of one directory: every user touched, then group memberships, in minutes.
  const biggest =
    sources.find((source) => source.directory.id === options.bulkDirectory) ??
    [...sources].sort((a, b) => b.users.length - a.users.length)[0];
  for (const daysAgo of options.bulkSyncDaysAgo ?? [26, 19, 12]) {
    if (!biggest) break;
    let at = now - daysAgo * DAY;
    for (const user of biggest.users) {
      at += rng.int(1500);
      add(at, 'dsync.user.updated', updatedUser(user, rng));
      const group = rng.pick(biggest.groups);
      at += rng.int(800);
      add(at, 'dsync.group.user_added', { directory_id: user.directory_id, user, group });
    }
  }

  // The daily trickle: a change every hour or so, of every kind.
  const count = Math.round((options.perDay ?? 24) * 30);
  for (let i = 0; i < count && total > 0; i++) {
    const at = now - 30 * DAY + Math.round(((i + rng.next()) / count) * 30 * DAY);
    change(pickSource(), at, rng, add);
    if (rng.int(10) === 0) add(at + 1, rng.pick(OTHER_PRODUCTS), { id: ulid('conn', at, rng), object: 'other' });
  }

  // A few that WorkOS no longer keeps: older than 30 days.
  if (biggest) for (let day = 31; day < 34; day++) change(biggest, now - day * DAY, rng, add);
  return events.sort(oldestFirst);
}

/** The API's order, whatever `order` asks: by time, then by ID. */
export function oldestFirst(a: FakeEvent, b: FakeEvent): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function change(
  source: Source,
  at: number,
  rng: Rng,
  add: (at: number, event: string, data: unknown, context?: Record<string, unknown>) => void,
): void {
  const user = rng.pick(source.users);
  const group = rng.pick(source.groups);
  const context = rng.int(8) === 0 ? { actor: rng.pick(ACTORS) } : {};
  const roll = rng.int(100);
  if (roll < 35) add(at, 'dsync.user.updated', updatedUser(user, rng), context);
  else if (roll < 55) add(at, 'dsync.group.user_added', { directory_id: user.directory_id, user, group }, context);
  else if (roll < 65) add(at, 'dsync.group.user_removed', { directory_id: user.directory_id, user, group }, context);
  else if (roll < 75) add(at, 'dsync.user.created', user, context);
  else if (roll < 79) add(at, 'dsync.user.deleted', { ...user, state: 'inactive' }, context);
  else if (roll < 88)
    add(at, 'dsync.group.updated', { ...group, previous_attributes: { name: `${group.name} (old)` } });
  else if (roll < 95) add(at, 'dsync.group.created', group, context);
  else add(at, 'dsync.group.deleted', group, context);
}

/** The user now, with the old values of one to three fields. */
function updatedUser(user: DirectoryUser, rng: Rng): DirectoryUser & { previous_attributes: Record<string, unknown> } {
  const previous: Record<string, unknown> = {};
  const changes: Array<() => void> = [
    () => (previous.job_title = rng.pick(['Analyst', 'Associate', 'Coordinator', 'Intern'])),
    () => (previous.state = user.state === 'active' ? 'inactive' : 'active'),
    () => (previous.email = user.email?.replace('@', '.old@') ?? null),
    () => (previous.last_name = `${user.last_name ?? ''}-Smith`),
    () => (previous.custom_attributes = { ...user.custom_attributes, department: 'Operations' }),
  ];
  for (let n = 1 + rng.int(3); n > 0; n--) rng.pick(changes)();
  return { ...user, previous_attributes: previous };
}

/**
 * The demo's newest changes, minutes to hours old, about users and groups a person sees first in the
 * tree; and the second directory of the organisation linked a month ago.
 */
export function recentSampleEvents(
  now: number,
  large: { directory: Directory; users: DirectoryUser[]; groups: DirectoryGroup[] },
  small: { directory: Directory },
): FakeEvent[] {
  const rng = new Rng('recent events');
  const newest = large.groups[large.groups.length - 1];
  const busy = large.groups[0];
  const [ada, grace, alan] = [large.users[5], large.users[12], large.users[33]];
  const membership = (user: DirectoryUser, group: DirectoryGroup) => ({
    directory_id: large.directory.id,
    user,
    group,
  });
  const list: Array<[minutesAgo: number, event: string, data: unknown, context?: Record<string, unknown>]> = [
    [29 * 24 * 60, 'dsync.activated', { ...small.directory, state: 'active' }, { actor: ACTORS[0] }],
    [190, 'dsync.group.created', newest],
    [185, 'dsync.group.user_added', membership(ada, newest)],
    [184, 'dsync.group.user_added', membership(grace, newest)],
    [
      95,
      'dsync.user.updated',
      { ...grace, previous_attributes: { email: grace.email?.replace('@', '.h@'), state: 'inactive' } },
    ],
    [42, 'dsync.group.user_removed', membership(alan, busy)],
    [7, 'dsync.group.updated', { ...busy, previous_attributes: { name: 'Eng' } }, { actor: ACTORS[1] }],
    [2, 'dsync.group.user_added', membership(alan, newest)],
  ];
  return list.map(([minutesAgo, event, data, context = {}]) => {
    const at = now - minutesAgo * MINUTE;
    return { object: 'event', id: ulid('event', at, rng), event, data, created_at: iso(at), context };
  });
}
