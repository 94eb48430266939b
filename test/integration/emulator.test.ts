// The extension in the real extension host, pointed at WorkOS's own emulator (workos/emulate 0.14.0)
// as a developer would point it: `workos.apiBaseUrl` at http://127.0.0.1:<port> and the emulator's key.
// One directory with one group: the emulator ignores the `group` filter (test/emulator/client.test.ts
// pins that), so each group of a directory lists every user of it.
import * as assert from 'node:assert/strict';
import type { TestApi } from '../../src/extension';
import type { GroupNode } from '../../src/tree/nodes';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { addDirectory, addGroups, addOrganization, addUser } from '../emulator/sample';
import {
  closeAllEditors,
  extensionApi,
  isDirectoryNode,
  isGroupNode,
  isUserNode,
  KEY,
  label,
  listedDirectory,
  setUserBaseUrl,
  useKey,
} from './helpers';

describe("WorkOS's emulator in the extension host", () => {
  let api: TestApi;
  let emulator: Emulator;
  let seeded: ReturnType<typeof seed>;

  function seed() {
    const { store } = emulator;
    const organization = addOrganization(store, 'Emulated Org');
    const directory = addDirectory(store, organization, 'Emulated Directory');
    const [admins] = addGroups(store, directory, 1, 'Admins');
    addUser(store, directory, { email: 'only.email@emulated.test' }, [admins]);
    addUser(store, directory, { first_name: 'Cher' }, [admins]);
    addUser(store, directory, { first_name: 'Sam', last_name: 'Suspended', state: 'suspended' }, [admins]);
    return { directory, admins };
  }

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ apiKey: KEY });
    seeded = seed();
    await setUserBaseUrl(emulator.url);
    await useKey(api, KEY);
    api.view.refresh();
  });
  after(async () => {
    await useKey(api, undefined);
    await closeAllEditors();
    await emulator.close();
  });

  it("the tree lists the emulator's directory, its `directory_grp_` group, and the group's members by name", async () => {
    const roots = await api.view.getChildren(undefined);
    assert.deepEqual(
      roots.filter(isDirectoryNode).map((row) => label(api, row)),
      ['Emulated Directory'],
    );
    const groups = (await api.view.getChildren(await listedDirectory(api, seeded.directory.id))).filter(isGroupNode);
    assert.deepEqual(
      groups.map((row: GroupNode) => [row.group.id, label(api, row)]),
      [[seeded.admins.id, 'Admins 1']],
    );
    assert.match(seeded.admins.id, /^directory_grp_/);
    const users = (await api.view.getChildren(groups[0])).filter(isUserNode);
    // Newest first; a user with only an email is called by it, one with only a first name by that.
    assert.deepEqual(
      users.map((row) => label(api, row)),
      ['Sam Suspended', 'Cher', 'only.email@emulated.test'],
    );
    assert.deepEqual(
      users.map((row) => row.user.state),
      ['suspended', 'active', 'active'],
    );
  });
});
