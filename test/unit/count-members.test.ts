import * as assert from 'node:assert/strict';
import { countMembers, type GroupCount } from '../../src/count-members/count';
import { countCsv, countReportMarkdown } from '../../src/count-members/report';
import { COLLECT_LIMITS, Session } from '../../src/session/session';
import { MemberCounts } from '../../src/session/member-counts';
import { groupsReadText, memberCountText } from '../../src/text/count-words';
import { isWorkOSError, WorkOSClient, WorkOSError, type Clock, type DirectoryGroup } from '../../src/workos';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

const NOW = Date.UTC(2026, 11, 3, 12);

function group(id: string, name: unknown): DirectoryGroup {
  return {
    object: 'directory_group',
    id,
    idp_id: id,
    directory_id: 'directory_01DIR',
    name,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  } as DirectoryGroup;
}

describe('member counts', () => {
  describe('count words', () => {
    it('one member, many members, none; 100+ while more pages exist', () => {
      assert.equal(memberCountText(12, true, 'en'), '12 members');
      assert.equal(memberCountText(1, true, 'en'), '1 member');
      assert.equal(memberCountText(0, true, 'en'), '0 members');
      assert.equal(memberCountText(100, false, 'en'), '100+ members');
    });

    it('thousands separated as the locale writes them; an unknown locale still counts', () => {
      assert.equal(memberCountText(1234, true, 'en'), '1,234 members');
      assert.equal(memberCountText(1234, true, 'de'), '1.234 members');
      assert.match(memberCountText(1234, true, 'qps-ploc'), /^1.?234 members$/);
    });

    it('groups read, one or many, in the locale', () => {
      assert.equal(groupsReadText(1, 'en'), '1 group read');
      assert.equal(groupsReadText(0, 'en'), '0 groups read');
      assert.equal(groupsReadText(1200, 'de'), '1.200 groups read');
    });
  });

  describe('the store', () => {
    it('a partial count never replaces an exact or a larger one; forget drops it; listeners hear each change', () => {
      const counts = new MemberCounts();
      const heard: string[] = [];
      counts.onChange((id) => heard.push(id));
      counts.record('g', 100, false);
      counts.record('g', 100, false);
      assert.deepEqual(counts.get('g'), { count: 100, complete: false });
      counts.record('g', 250, true);
      counts.record('g', 100, false);
      assert.deepEqual(counts.get('g'), { count: 250, complete: true });
      counts.forget('g');
      assert.equal(counts.get('g'), undefined);
      assert.deepEqual(heard, ['g', 'g', 'g'], 'a record that changes nothing is not heard');
      counts.forget('g');
      assert.deepEqual(heard, ['g', 'g', 'g', 'g'], 'a forget is heard even without a count: the rows ask again');
    });
  });

  describe('the report', () => {
    const counts: GroupCount[] = [
      { group: group('directory_group_01A', 'Engineering'), count: 12 },
      { group: group('directory_group_01B', 'Sales'), count: 1234 },
      { group: group('directory_group_01C', 'Legal'), count: 0 },
      {
        group: group('directory_group_01D', 'Broken'),
        count: 300,
        error: new WorkOSError('server', 'WorkOS answered 500.', { requestId: 'req_01' }),
      },
    ];

    it('groups largest first, the empty ones, the failed one with its error, and the total as "at least"', () => {
      const text = countReportMarkdown({
        directory: { id: 'directory_01DIR', name: 'Acme Okta' },
        groups: counts,
        now: NOW,
        locale: 'en',
      });
      assert.match(text, /^# Members of Acme Okta\n/);
      assert.match(
        text,
        /\| Group \| Members \| ID \|\n\|---\|--:\|---\|\n\| Sales \| 1,234 \| `directory_group_01B` \|\n\| Engineering \| 12 \| `directory_group_01A` \|\n\n/,
      );
      assert.match(text, /## Empty groups\n\n- Legal \(`directory_group_01C`\)\n/);
      assert.match(text, /- Empty groups: 1\n/);
      assert.match(text, /- Memberships: at least 1,546\n/);
      assert.match(
        text,
        /- Broken \(`directory_group_01D`\): At least 300 members\. WorkOS answered 500\. Request ID: req\\_01\./,
      );
    });

    it('all read: the exact total, no failure section; no group with members says so', () => {
      const text = countReportMarkdown({
        directory: { id: 'directory_01DIR', name: 'Acme' },
        groups: counts.slice(0, 3),
        now: NOW,
        locale: 'en',
      });
      assert.match(text, /- Memberships: 1,246\n/);
      assert.doesNotMatch(text, /Could not be read/);
      const empty = countReportMarkdown({
        directory: { id: 'directory_01DIR', name: 'Acme' },
        groups: [counts[2]],
        now: NOW,
      });
      assert.match(empty, /No group has members\./);
      const none = countReportMarkdown({ directory: { id: 'directory_01DIR', name: 'Acme' }, groups: [], now: NOW });
      assert.match(none, /- Groups: 0\n[\s\S]*This directory has no groups\.\n$/);
      assert.doesNotMatch(none, /Empty groups\n/);
    });

    it('names cannot add a link, a table cell, HTML or reorder the line', () => {
      const hostile: GroupCount[] = [
        { group: group('directory_group_01X', '[x](command:workos.clearApiKey) | <img src=x>'), count: 3 },
        { group: group('directory_group_01Y', 'evil\u202Egnp.exe'), count: 0 },
        { group: group('directory_group_01Z', { not: 'text' }), count: 1 },
      ];
      const text = countReportMarkdown({
        directory: { id: 'directory_01DIR', name: '[d](command:workos.setApiKey)' },
        groups: hostile,
        now: NOW,
      });
      assert.doesNotMatch(text, /\]\(command:/);
      assert.doesNotMatch(text, /<img/);
      assert.match(text, /\\\[x\\\]\\\(command:workos\.clearApiKey\\\) \\\| &lt;img src=x&gt; \| 3 \|/);
      assert.doesNotMatch(text, /\u202E/);
      assert.match(text, /evil�gnp\.exe/);
      assert.match(text, /\| directory\\_group\\_01Z \| 1 \|/, 'a name that is not text shows the ID');
    });

    it('CSV: largest first, a partial group with its reason, formulas defused', () => {
      const csv = countCsv([...counts, { group: group('directory_group_01E', '=HYPERLINK("x")'), count: 5 }]);
      const lines = csv.split('\r\n');
      assert.equal(lines[0], 'id,name,members,complete,error');
      assert.equal(lines[1], 'directory_group_01B,Sales,1234,true,');
      assert.equal(lines[2], 'directory_group_01D,Broken,300,false,WorkOS answered 500. Request ID: req_01.');
      assert.ok(lines.includes(`directory_group_01E,"'=HYPERLINK(""x"")",5,true,`));
    });
  });

  describe('counting against the fake', () => {
    let fake: FakeWorkOS;
    before(async () => {
      fake = await startFakeWorkOS({ apiKeys: [SAMPLE.apiKey], usersRateLimit: false });
    });
    after(() => fake.close());
    beforeEach(() => {
      fake.clearFaults();
      fake.clearRequests();
    });

    /**
     * A session whose client paces on time that a wait moves on at once, so 4 pages a second cost no
     * real second (the pace itself is measured in the bench).
     */
    function pacedSession() {
      let now = 0;
      const clock: Clock = {
        now: () => now,
        sleep: (ms, signal) =>
          signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve(void (now += ms)),
      };
      const client = new WorkOSClient({ apiKey: SAMPLE.apiKey, baseUrl: fake.url, clock });
      return { session: new Session(client, () => 100, 'test') };
    }

    const membersOf = (id: string) => fake.dataset.memberships.filter(([, g]) => g === id).length;

    it('every group of a directory with its exact count, in the session for the rows; progress says groups read, then counted', async () => {
      const { session } = pacedSession();
      const progress: string[] = [];
      const {
        groups: result,
        warning,
        dropped,
      } = await countMembers(session, { id: SAMPLE.smallDirectoryId }, new AbortController().signal, (step) =>
        progress.push(step.phase === 'groups' ? `${step.read} read` : `${step.counted} of ${step.total}`),
      );
      assert.equal(result.length, SAMPLE.smallDirectoryGroupCount);
      assert.equal(warning, undefined);
      assert.equal(dropped, 0);
      for (const { group: counted, count, error } of result) {
        assert.equal(error, undefined);
        assert.equal(count, membersOf(counted.id), counted.id);
        assert.deepEqual(session.memberCounts.get(counted.id), { count, complete: true });
      }
      assert.equal(progress[0], `${SAMPLE.smallDirectoryGroupCount} read`, 'the group scan reports first');
      assert.ok(progress.includes(`0 of ${SAMPLE.smallDirectoryGroupCount}`));
      assert.equal(progress.at(-1), `${SAMPLE.smallDirectoryGroupCount} of ${SAMPLE.smallDirectoryGroupCount}`);
      session.end();
    });

    it('a count the session knows costs nothing; a membership change forgets it and the next count reads that group', async () => {
      const { session } = pacedSession();
      const signal = new AbortController().signal;
      const { groups: first } = await countMembers(session, { id: SAMPLE.smallDirectoryId }, signal, () => {});
      fake.clearRequests();
      await countMembers(session, { id: SAMPLE.smallDirectoryId }, signal, () => {});
      assert.equal(fake.requests.length, 0, 'known counts and the kept group scan cost nothing');
      const { group: changed, count } = first[0];
      const user = fake.dataset.users.find(
        (candidate) =>
          candidate.directory_id === SAMPLE.smallDirectoryId &&
          !fake.dataset.memberships.some(([u, g]) => u === candidate.id && g === changed.id),
      )!;
      const memberships = fake.dataset.memberships;
      fake.dataset.memberships = [...memberships, [user.id, changed.id]];
      try {
        session.forgetQuery({ of: 'members', group: changed.id, directory: SAMPLE.smallDirectoryId });
        assert.equal(session.memberCounts.get(changed.id), undefined, 'a membership change drops the count');
        const { groups: second } = await countMembers(session, { id: SAMPLE.smallDirectoryId }, signal, () => {});
        assert.equal(second.find((entry) => entry.group.id === changed.id)?.count, count + 1);
        assert.deepEqual(
          fake.requests.map((r) => r.query.group),
          [changed.id],
          'that group alone is read',
        );
      } finally {
        fake.dataset.memberships = memberships;
      }
      session.end();
    });

    it('groups of another directory in the group list are left out and counted, for the report and the notice', async () => {
      const { session } = pacedSession();
      const foreign = fake.dataset.groups.filter((g) => g.directory_id === SAMPLE.largeDirectoryId).slice(0, 2);
      fake.inject({ kind: 'extra-items', items: foreign, match: { route: 'list_groups' } });
      const result = await countMembers(
        session,
        { id: SAMPLE.smallDirectoryId },
        new AbortController().signal,
        () => {},
      );
      assert.equal(result.dropped, 2);
      assert.equal(result.groups.length, SAMPLE.smallDirectoryGroupCount, 'only the directory’s own groups');
      const warning = 'The server also sent 2 groups of other directories: they are left out.';
      const text = countReportMarkdown({
        directory: { id: SAMPLE.smallDirectoryId, name: 'Small' },
        groups: result.groups,
        warnings: [warning],
        now: NOW,
      });
      assert.match(text, /\n> The server also sent 2 groups of other directories: they are left out\.\n/);
      session.end();
    });

    it('a members list that never ends stops at the shared limit and says so for that group; the others count', async () => {
      const { session } = pacedSession();
      const groups = fake.dataset.groups.filter((g) => g.directory_id === SAMPLE.smallDirectoryId);
      const endless = groups[0];
      const user = fake.dataset.users.find((u) => u.directory_id === SAMPLE.smallDirectoryId)!;
      fake.inject({ kind: 'endless-list', item: user, times: Infinity, match: { query: { group: endless.id } } });
      const { groups: result } = await countMembers(
        session,
        { id: SAMPLE.smallDirectoryId },
        new AbortController().signal,
        () => {},
      );
      const stopped = result.find((count) => count.group.id === endless.id)!;
      assert.equal(stopped.count, COLLECT_LIMITS.maxPages);
      assert.match(String(stopped.error), /Stopped reading the list at the limit of 200 pages/);
      assert.deepEqual(session.memberCounts.get(endless.id), { count: 200, complete: false }, 'the row says 200+');
      assert.equal(result.filter((count) => count.error === undefined).length, groups.length - 1);
      const text = countReportMarkdown({
        directory: { id: SAMPLE.smallDirectoryId, name: 'Small' },
        groups: result,
        now: NOW,
      });
      assert.match(text, /At least 200 members\. Stopped reading the list at the limit of 200 pages/);
      session.end();
    });

    it('a members cursor that repeats stops that list, and the count stays "at least"', async () => {
      const { session } = pacedSession();
      fake.inject({ kind: 'repeat-cursor', times: Infinity, match: { query: { group: SAMPLE.bigGroupId } } });
      const query = { of: 'members', group: SAMPLE.bigGroupId, directory: SAMPLE.largeDirectoryId } as const;
      await assert.rejects(session.collect(query), /cursor .* twice; stopped paging to avoid a loop/);
      assert.deepEqual(session.memberCounts.get(SAMPLE.bigGroupId), { count: 100, complete: false });
      session.end();
    });

    it('a cancel stops every reader and rejects', async () => {
      const { session } = pacedSession();
      const controller = new AbortController();
      const counting = countMembers(session, { id: SAMPLE.smallDirectoryId }, controller.signal, (step) => {
        if (step.phase === 'members' && step.counted === 2) controller.abort();
      });
      await assert.rejects(counting, (error) => isWorkOSError(error, 'cancelled'));
      session.end();
    });
  });
});
