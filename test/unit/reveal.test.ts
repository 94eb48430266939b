import * as assert from 'node:assert/strict';
import { Session } from '../../src/session/session';
import type { TreeModel } from '../../src/tree/model';
import { isWorkOSError, WorkOSClient, type DirectoryGroup } from '../../src/workos';
import { plainReveal, plainTree } from '../bench/reveal';
import { SAMPLE } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

// Reveal in Directories through the view's model, in plain Node against the fake: which pages it reads,
// and how each way of not finding the row ends. What the view shows of it is tested in the extension host.
describe('reveal in directories (the model walk)', () => {
  const KEY = 'sk_test_reveal';
  let fake: FakeWorkOS;
  /** The large directory's groups in list order. */
  let groups: DirectoryGroup[];
  let session: Session;
  let model: TreeModel;

  const fresh = (pageSize = 100) => {
    session = new Session(
      new WorkOSClient({ apiKey: KEY, baseUrl: fake.url, backoffMs: () => 1 }),
      () => pageSize,
      't',
    );
    model = plainTree(session);
  };
  const groupPages = () => fake.requests.filter((request) => request.route === 'list_groups');

  before(async () => {
    fake = await startFakeWorkOS({ apiKeys: [KEY] });
    fresh();
    groups = await session.collect({ of: 'groups', directory: SAMPLE.largeDirectoryId });
    assert.equal(groups.length, SAMPLE.largeDirectoryGroupCount);
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fresh();
    fake.clearRequests();
  });

  for (const position of [0, 99, 100, 2_550]) {
    it(`a group at position ${position}: exactly ⌈(k + 1) / 100⌉ group pages, in order, and its row`, async () => {
      const outcome = await plainReveal(model, session, groups[position].id);
      assert.ok('found' in outcome && outcome.found.kind === 'group', JSON.stringify(Object.keys(outcome)));
      assert.equal(outcome.found.group.id, groups[position].id);
      assert.equal(outcome.found.parent.directory.id, SAMPLE.largeDirectoryId);
      const pages = groupPages();
      assert.equal(pages.length, Math.ceil((position + 1) / 100));
      assert.deepEqual(
        pages.map((page) => page.query.after ?? null),
        [null, ...pages.slice(1).map((_, i) => groups[100 * (i + 1) - 1].id)],
        'each page follows the one before',
      );
      // The rows the view shows are those pages: "Load more" then goes on from there.
      const rows = await model.children(outcome.found.parent);
      assert.equal(rows.filter((row) => row.kind === 'group').length, 100 * pages.length);
      const last = 100 * pages.length >= groups.length;
      assert.equal(rows.at(-1)?.kind, last ? 'group' : 'loadMore');
    });
  }

  it('a group already listed is found without another page; a directory without any group page', async () => {
    await plainReveal(model, session, groups[150].id);
    fake.clearRequests();
    const again = await plainReveal(model, session, groups[20].id);
    assert.ok('found' in again);
    assert.equal(fake.requests.length, 0, 'cached object, loaded pages');
    const directory = await plainReveal(model, session, SAMPLE.smallDirectoryId);
    assert.ok('found' in directory && directory.found.kind === 'directory');
    assert.equal(groupPages().length, 0);
  });

  it('a legacy `directory_grp_` group is found under its directory', async () => {
    const [legacy] = await session.collect({ of: 'groups', directory: SAMPLE.legacyDirectoryId });
    assert.match(legacy.id, /^directory_grp_/);
    const outcome = await plainReveal(model, session, legacy.id);
    assert.ok('found' in outcome && outcome.found.kind === 'group' && outcome.found.group.id === legacy.id);
  });

  it('an unknown ID fails its lookup with not_found before any page', async () => {
    await assert.rejects(plainReveal(model, session, 'directory_group_01HZZZZZZZZZZZZZZZZZZZZZZZ'), (error) =>
      isWorkOSError(error, 'not_found'),
    );
    assert.deepEqual(
      fake.requests.map((request) => request.route),
      ['get_group'],
    );
  });

  it('a group its directory never lists: read to the last page, then "missing"', async () => {
    // The lookup answers, the list does not have it (deleted between the two, or a server that lies).
    const ghost = { ...groups[0], id: 'directory_group_01HGHOST000000000000000000' };
    fake.inject({ kind: 'json', body: ghost, match: { route: 'get_group' } });
    const outcome = await plainReveal(model, session, ghost.id);
    assert.deepEqual(outcome, { missing: 'group' });
    assert.equal(groupPages().length, 26);
  });

  it('cancelled between pages: no more pages are asked for', async () => {
    const controller = new AbortController();
    const outcome = await plainReveal(model, session, groups[2_550].id, {
      signal: controller.signal,
      onStep: (step) => step.pagesLoaded === 3 && controller.abort(),
    });
    assert.deepEqual(outcome, { cancelled: true });
    assert.ok(groupPages().length <= 4, `${groupPages().length} pages`);
  });

  it('a failing page ends the walk with its error; the list keeps what it had', async () => {
    fake.inject({
      kind: 'status',
      status: 500,
      times: Infinity,
      match: { route: 'list_groups', query: { after: groups[199].id } },
    });
    const outcome = await plainReveal(model, session, groups[2_550].id);
    assert.ok('failed' in outcome && isWorkOSError(outcome.failed, 'server'));
    assert.equal(session.list({ of: 'groups', directory: SAMPLE.largeDirectoryId }).items.length, 200);
  });

  it('a list past the shared collection limit stops there and says how far it read', async () => {
    fresh(10);
    const outcome = await plainReveal(model, session, groups[2_550].id);
    assert.deepEqual(outcome, { limit: { rows: 2_000, pages: 200 } });
  });

  it('a search that hides the directory says so, rather than "missing"', async () => {
    model.setSearch('no directory is called this');
    assert.deepEqual(await plainReveal(model, session, groups[5].id), { outsideSearch: true });
    model.setSearch(undefined);
    assert.ok('found' in (await plainReveal(model, session, groups[5].id)));
  });
});
