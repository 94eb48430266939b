import * as assert from 'node:assert/strict';
import { findByEmail, gatherFacts } from '../../src/explain-user/gather';
import { Session } from '../../src/session/session';
import { emailKey } from '../../src/text/email';
import { WorkOSClient } from '../../src/workos';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

const KEY = 'sk_test_explain_gather';

describe('Explain User Access against the fake: what it reads', function () {
  this.timeout(20_000);
  let fake: FakeWorkOS;
  const session = () => new Session(new WorkOSClient({ apiKey: KEY, baseUrl: fake.url }), () => 100, 'test');
  const signal = new AbortController().signal;

  before(async () => (fake = await startFakeWorkOS({ apiKeys: [KEY] })));
  after(() => fake.close());
  beforeEach(() => fake.clearRequests());

  it('an email: one lookup per directory, the match with its directory', async () => {
    const user = fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
    const progress: string[] = [];
    const found = await findByEmail(session(), emailKey(user.email!), signal, (done, total) =>
      progress.push(`${done}/${total}`),
    );
    assert.deepEqual(
      found.matches.map((m) => [m.user.id, m.directory.id]),
      [[user.id, user.directory_id]],
    );
    const count = fake.dataset.directories.length;
    assert.equal(found.searched, count);
    assert.equal(progress.at(-1), `${count}/${count}`);
    assert.equal(fake.requests.filter((r) => r.route === 'list_users').length, count);
  });

  it('a server that ignores the filter: the others are left out and counted', async () => {
    const user = fake.dataset.users.find((u) => u.id === SAMPLE.userWithGroupsId)!;
    const other = fake.dataset.users.find((u) => u.directory_id === user.directory_id && u.id !== user.id)!;
    fake.inject({
      kind: 'extra-items',
      items: [other],
      match: { route: 'list_users', query: { directory: user.directory_id } },
    });
    const found = await findByEmail(session(), emailKey(user.email!), signal, () => {});
    assert.deepEqual(
      found.matches.map((m) => m.user.id),
      [user.id],
    );
    assert.equal(found.ignored, 1);
  });

  it("a user's facts: every group, the directory and organisation by name", async () => {
    const s = session();
    const user = await s.fetch('directory_user', SAMPLE.userWithGroupsId);
    const facts = await gatherFacts(s, user, signal, () => {});
    assert.equal(facts.groups.length, SAMPLE.userWithGroupsCount);
    assert.equal(facts.directory?.id, user.directory_id);
    assert.equal(facts.organization?.name, SAMPLE.organizationNames[user.organization_id!]);
    assert.ok('events' in facts.changes);
  });
});
