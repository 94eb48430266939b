import * as assert from 'node:assert/strict';
import {
  currentValues,
  describeEvent,
  eventActor,
  eventSubjects,
  previousValues,
  timeAgo,
} from '../../src/changes/event-words';
import { DSYNC_EVENT_TYPES, type WorkOSEvent } from '../../src/workos';

const USER = {
  object: 'directory_user',
  id: 'directory_user_01ADA',
  directory_id: 'directory_01DIR',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
};
const GROUP = {
  object: 'directory_group',
  id: 'directory_group_01ENG',
  directory_id: 'directory_01DIR',
  name: 'Engineering',
};
const DIRECTORY = { object: 'directory', id: 'directory_01DIR', name: 'Acme Okta', state: 'active' };

function event(type: string, data: unknown, context?: unknown): WorkOSEvent {
  return { object: 'event', id: 'event_01TEST', event: type, data, created_at: '2026-12-01T10:00:00.000Z', context };
}

describe('What a change says', () => {
  it('one sentence for every Directory Sync type', () => {
    const membership = { directory_id: 'directory_01DIR', user: USER, group: GROUP };
    const sentences: Record<string, [unknown, string]> = {
      'dsync.activated': [DIRECTORY, 'Acme Okta linked'],
      'dsync.deleted': [DIRECTORY, 'Acme Okta deleted'],
      'dsync.group.created': [GROUP, 'Engineering created'],
      'dsync.group.updated': [{ ...GROUP, previous_attributes: { name: 'Eng' } }, 'Engineering updated: name'],
      'dsync.group.deleted': [GROUP, 'Engineering deleted'],
      'dsync.group.user_added': [membership, 'Ada Lovelace added to Engineering'],
      'dsync.group.user_removed': [membership, 'Ada Lovelace removed from Engineering'],
      'dsync.user.created': [USER, 'Ada Lovelace created'],
      'dsync.user.updated': [
        { ...USER, previous_attributes: { email: 'a@old.example', state: 'inactive' } },
        'Ada Lovelace updated: email, state',
      ],
      'dsync.user.deleted': [USER, 'Ada Lovelace deleted'],
    };
    assert.deepEqual(Object.keys(sentences).sort(), [...DSYNC_EVENT_TYPES].sort());
    for (const [type, [data, sentence]] of Object.entries(sentences)) {
      assert.equal(describeEvent(event(type, data)).sentence, sentence, type);
    }
  });

  it('missing fields still read: no name, null user or group, data that is not an object, an unknown type', () => {
    assert.equal(
      describeEvent(event('dsync.group.user_added', { user: null, group: null })).sentence,
      'A user added to a group',
    );
    assert.equal(describeEvent(event('dsync.user.created', 'not an object')).sentence, 'A user created');
    assert.equal(describeEvent(event('dsync.group.deleted', [1, 2])).sentence, 'A group deleted');
    assert.equal(
      describeEvent(event('dsync.user.created', { id: 'directory_user_01X' })).sentence,
      'directory_user_01X created',
    );
    assert.equal(
      describeEvent(event('dsync.user.updated', { ...USER, previous_attributes: 'x' })).sentence,
      'Ada Lovelace updated',
    );
    const unknown = describeEvent(event('dsync.something_new', USER));
    assert.equal(unknown.kind, 'other');
    assert.equal(unknown.sentence, 'Other change (dsync.something_new)');
  });

  it('hostile names arrive neutralised: no control or bidi characters, cut when long', () => {
    const hostile = { ...USER, first_name: '[x](command:workos.clearApiKey)\u202E', last_name: 'x'.repeat(10_000) };
    const { sentence } = describeEvent(event('dsync.user.created', hostile));
    assert.ok(!sentence.includes('\u202E'));
    assert.ok(sentence.length <= 200);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`field${i}`, i]));
    assert.equal(
      describeEvent(event('dsync.user.updated', { ...USER, previous_attributes: many })).sentence,
      'Ada Lovelace updated: field0, field1, field2, field3 and 5 more',
    );
  });

  it('what a row opens: user, group and directory IDs only where they are IDs of their kind', () => {
    assert.deepEqual(
      eventSubjects(event('dsync.group.user_added', { directory_id: 'directory_01DIR', user: USER, group: GROUP })),
      {
        directory: 'directory_01DIR',
        user: 'directory_user_01ADA',
        group: 'directory_group_01ENG',
      },
    );
    assert.deepEqual(eventSubjects(event('dsync.activated', DIRECTORY)), { directory: 'directory_01DIR' });
    assert.deepEqual(eventSubjects(event('dsync.user.created', { id: 'event_01NOT', directory_id: '../x' })), {});
  });

  it('previous values are data with previous_attributes applied; the current side leaves the attribute out', () => {
    const updated = event('dsync.user.updated', { ...USER, previous_attributes: { email: 'old@example.com' } });
    assert.deepEqual(previousValues(updated), { ...USER, email: 'old@example.com' });
    assert.deepEqual(currentValues(updated), USER);
    assert.equal(previousValues(event('dsync.user.updated', 'text')), 'text');
  });

  it('the actor, when the context names one; how long ago', () => {
    assert.equal(
      eventActor(event('dsync.user.created', USER, { actor: { name: 'Priya', source: 'dashboard' } })),
      'Priya (dashboard)',
    );
    assert.equal(eventActor(event('dsync.user.created', USER, { actor: null })), undefined);
    assert.equal(eventActor(event('dsync.user.created', USER, 'context')), undefined);
    const now = Date.UTC(2026, 11, 3, 12);
    assert.equal(timeAgo(now - 20_000, now), 'just now');
    assert.equal(timeAgo(now - 12 * 60_000, now), '12 min ago');
    assert.equal(timeAgo(now - 3 * 3600_000, now), '3 h ago');
    assert.equal(timeAgo(now - 4 * 86_400_000, now), '4 d ago');
  });
});
