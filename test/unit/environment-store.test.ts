import * as assert from 'node:assert/strict';
import {
  DEFAULT_ENVIRONMENT,
  EnvironmentStore,
  KeyringError,
  VARIABLE_ENVIRONMENT,
  type ActiveEnvironment,
} from '../../src/environments/environment-store';
import { waitFor } from '../wait-for';

type Secrets = ConstructorParameters<typeof EnvironmentStore>[0];
type State = ConstructorParameters<typeof EnvironmentStore>[1];

const LEGACY_SECRET = 'workos.apiKey';
const LIST_STATE = 'workos.environments';
const LAST_CHOSEN_STATE = 'workos.lastEnvironment';

const LEGACY_KEY = 'sk_test_legacy_key_0001';
const STAGING_KEY = 'sk_test_staging_key_0002';
const PRODUCTION_KEY = 'sk_test_production_key_0003';
const VARIABLE_KEY = 'sk_test_from_variable_0004';

/**
 * The OS keychain behind VS Code's SecretStorage, shared by every window. As in VS Code, a change is
 * told to every window, the one that made it included, and only when the value changes; the event
 * reaches the window before its own `store` or `delete` settles (the main thread sends it first).
 */
class Keyring {
  readonly values = new Map<string, string>();
  /** Every store and delete that reached the keychain, in order. */
  readonly writes: string[] = [];
  /** While set, every call is refused with it (on Linux: no keyring running). */
  failure: Error | undefined;
  /** While set, reads wait for it (a keychain waiting to be unlocked). */
  held: Promise<void> | undefined;
  /** Reads that have reached the keychain, finished or not. */
  reads = 0;
  readonly #listeners = new Set<(event: { key: string }) => unknown>();

  /** One window's SecretStorage. */
  window(): Secrets {
    return {
      get: async (key) => {
        this.reads++;
        await this.held;
        this.#check();
        return this.values.get(key);
      },
      store: async (key, value) => {
        this.#check();
        this.writes.push(`store ${key}`);
        const changed = this.values.get(key) !== value;
        this.values.set(key, value);
        if (changed) this.#fire(key);
      },
      delete: async (key) => {
        this.#check();
        this.writes.push(`delete ${key}`);
        const changed = this.values.delete(key);
        if (changed) this.#fire(key);
      },
      onDidChange: (listener) => {
        const own = (event: { key: string }) => {
          listener(event);
        };
        this.#listeners.add(own);
        return { dispose: () => void this.#listeners.delete(own) };
      },
    };
  }

  #check(): void {
    if (this.failure) throw this.failure;
  }

  #fire(key: string): void {
    for (const listener of [...this.#listeners]) listener({ key });
  }
}

/** Global state: one map for every window, values copied as VS Code stores JSON; undefined deletes. */
class Memento implements State {
  constructor(readonly values = new Map<string, unknown>()) {}

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }
}

/** Counts how often an event fired. */
function counted(subscribe: (listener: () => void) => unknown): { count: number } {
  const counter = { count: 0 };
  subscribe(() => counter.count++);
  return counter;
}

describe('environment store', () => {
  let keyring: Keyring;
  let state: Map<string, unknown>;
  let opened: EnvironmentStore[];

  /** A window: its own store (its own extension host) on the shared keychain and global state. */
  function openWindow(variables: NodeJS.ProcessEnv = {}): EnvironmentStore {
    const store = new EnvironmentStore(keyring.window(), new Memento(state), variables);
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    keyring = new Keyring();
    state = new Map();
    opened = [];
  });
  afterEach(() => {
    for (const store of opened) store.dispose();
  });

  describe('migration of the single key from before environments', () => {
    it('a key under workos.apiKey becomes the environment "Default", and nothing moves in the keychain', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const store = openWindow();
      assert.deepEqual(await store.list(), [{ id: 'default', name: 'Default', production: false }]);
      assert.deepEqual(await store.active(), {
        environment: DEFAULT_ENVIRONMENT,
        key: { value: LEGACY_KEY, source: 'secret-storage' },
      });
      assert.deepEqual([...keyring.values], [[LEGACY_SECRET, LEGACY_KEY]], 'the key stays under its old secret');
      assert.deepEqual(keyring.writes, [], 'migrating writes no secret');
      assert.deepEqual(await openWindow().list(), [DEFAULT_ENVIRONMENT], 'another window lists it too');
    });

    it('no key from before: no environment, and nothing to work with', async () => {
      const store = openWindow();
      assert.deepEqual(await store.list(), []);
      assert.deepEqual(await store.active(), { environment: undefined, key: undefined });
      assert.equal(store.resolved, undefined);
      assert.deepEqual(keyring.writes, []);
    });

    it('runs once: Default removed stays removed, although a new window reads the state afresh', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const store = openWindow();
      await store.list();
      await store.remove(DEFAULT_ENVIRONMENT.id);
      assert.equal(keyring.values.has(LEGACY_SECRET), false);
      assert.deepEqual(await openWindow().list(), []);
    });

    it('a keyring that fails during migration loses nothing: Default appears once it works', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      keyring.failure = new Error('no keyring');
      const store = openWindow();
      await assert.rejects(store.list(), KeyringError);
      assert.equal(state.has(LIST_STATE), false, 'no empty list saved in place of Default');
      keyring.failure = undefined;
      assert.deepEqual(await store.list(), [DEFAULT_ENVIRONMENT]);
    });
  });

  describe('adding', () => {
    it('each environment has its own secret and key; global state never holds a key', async () => {
      const store = openWindow();
      const staging = await store.add({ name: 'Staging', production: false }, STAGING_KEY);
      const production = await store.add(
        { name: 'Production', production: true, apiBaseUrl: 'https://eu.workos.test' },
        PRODUCTION_KEY,
      );
      assert.notEqual(staging.id, production.id);
      assert.deepEqual(await store.list(), [
        { id: staging.id, name: 'Staging', production: false },
        { id: production.id, name: 'Production', production: true, apiBaseUrl: 'https://eu.workos.test' },
      ]);
      assert.deepEqual(await store.key(staging.id), { value: STAGING_KEY, source: 'secret-storage' });
      assert.deepEqual(await store.key(production.id), { value: PRODUCTION_KEY, source: 'secret-storage' });

      assert.equal(keyring.values.has(LEGACY_SECRET), false, 'no key under the old secret');
      assert.deepEqual(
        [...keyring.values.values()].sort(),
        [STAGING_KEY, PRODUCTION_KEY].sort(),
        'one secret for each key',
      );
      for (const [name, value] of state) {
        const text = JSON.stringify(value);
        assert.ok(!text.includes(STAGING_KEY) && !text.includes(PRODUCTION_KEY), `${name} holds a key`);
      }
      assert.deepEqual(
        await openWindow().key(production.id),
        { value: PRODUCTION_KEY, source: 'secret-storage' },
        'another window reads the same key',
      );
    });

    it('a keyring that refuses the key adds no environment without one', async () => {
      const store = openWindow();
      await store.list(); // migrated: the keychain was read
      const list = counted((listener) => store.onDidChangeList(listener));
      keyring.failure = new Error('The name org.freedesktop.secrets was not provided');
      await assert.rejects(
        store.add({ name: 'Staging', production: false }, STAGING_KEY),
        (error: Error) => error instanceof KeyringError && /Could not save the API key/.test(error.message),
      );
      keyring.failure = undefined;
      assert.deepEqual(await store.list(), []);
      assert.equal(list.count, 0);
    });
  });

  describe('choosing', () => {
    it('switches this window; a new window starts with the last chosen; windows choose apart', async () => {
      const first = openWindow();
      const staging = await first.add({ name: 'Staging', production: false }, STAGING_KEY);
      const production = await first.add({ name: 'Production', production: true }, PRODUCTION_KEY);
      assert.equal((await first.active()).environment?.id, staging.id, 'the first environment until one is chosen');

      const changes = counted((listener) => first.onDidChangeActive(listener));
      await first.choose(production.id);
      assert.equal(changes.count, 1);
      assert.deepEqual(await first.active(), {
        environment: { id: production.id, name: 'Production', production: true },
        key: { value: PRODUCTION_KEY, source: 'secret-storage' },
      });

      const second = openWindow();
      assert.equal((await second.active()).environment?.id, production.id, 'a new window starts with the last chosen');

      await second.choose(staging.id);
      assert.equal((await second.active()).environment?.id, staging.id);
      assert.equal((await first.active()).environment?.id, production.id, 'the other window keeps its own');
      assert.equal((await openWindow().active()).environment?.id, staging.id);
    });
  });

  describe('WORKOS_API_KEY', () => {
    it('is the read-only "Environment variable" when Default has no key, never in a named environment’s name', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const store = openWindow({ WORKOS_API_KEY: `  ${VARIABLE_KEY}\n` });
      await store.deleteKey(DEFAULT_ENVIRONMENT.id);
      assert.deepEqual(await store.active(), {
        environment: VARIABLE_ENVIRONMENT,
        key: { value: VARIABLE_KEY, source: 'environment' },
      });
      assert.deepEqual(await store.key(VARIABLE_ENVIRONMENT.id), { value: VARIABLE_KEY, source: 'environment' });

      // A named environment whose key was cleared says so: the variable may be another account's key.
      const staging = await store.add({ name: 'Staging', production: false }, STAGING_KEY);
      await store.choose(staging.id);
      await store.deleteKey(staging.id);
      assert.deepEqual(await store.active(), { environment: staging, key: undefined });
    });

    it('with no environment at all, the variable is the one', async () => {
      const store = openWindow({ WORKOS_API_KEY: VARIABLE_KEY });
      assert.deepEqual(await store.active(), {
        environment: VARIABLE_ENVIRONMENT,
        key: { value: VARIABLE_KEY, source: 'environment' },
      });
    });

    it('a stored key of Default wins over the variable', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const store = openWindow({ WORKOS_API_KEY: VARIABLE_KEY });
      assert.deepEqual(await store.active(), {
        environment: DEFAULT_ENVIRONMENT,
        key: { value: LEGACY_KEY, source: 'secret-storage' },
      });
    });

    it('is listed last, and only when set to something other than blanks', async () => {
      // What the issue names it: read-only, "Environment variable".
      assert.deepEqual(VARIABLE_ENVIRONMENT, {
        id: 'environment-variable',
        name: 'Environment variable',
        production: false,
        readOnly: true,
      });
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      assert.deepEqual(await openWindow({ WORKOS_API_KEY: VARIABLE_KEY }).list(), [
        DEFAULT_ENVIRONMENT,
        VARIABLE_ENVIRONMENT,
      ]);
      assert.deepEqual(await openWindow({}).list(), [DEFAULT_ENVIRONMENT]);
      assert.deepEqual(await openWindow({ WORKOS_API_KEY: ' \n ' }).list(), [DEFAULT_ENVIRONMENT]);
      const blank = openWindow({ WORKOS_API_KEY: '' });
      assert.deepEqual(await blank.list(), [DEFAULT_ENVIRONMENT]);
      assert.equal(await blank.key(VARIABLE_ENVIRONMENT.id), undefined);
    });
  });

  describe('removing', () => {
    it('deletes the key and the entry; a window that worked in it moves to the first remaining', async () => {
      const store = openWindow();
      const staging = await store.add({ name: 'Staging', production: false }, STAGING_KEY);
      const production = await store.add({ name: 'Production', production: true }, PRODUCTION_KEY);
      await store.choose(production.id);
      assert.equal((await store.active()).environment?.id, production.id);

      const changes = counted((listener) => store.onDidChangeActive(listener));
      const lists = counted((listener) => store.onDidChangeList(listener));
      await store.remove(production.id);
      assert.equal(keyring.values.has(`${LEGACY_SECRET}.${production.id}`), false, 'its key is deleted');
      assert.deepEqual([...keyring.values.values()], [STAGING_KEY]);
      assert.deepEqual(await store.list(), [{ id: staging.id, name: 'Staging', production: false }]);
      assert.deepEqual(await store.active(), {
        environment: { id: staging.id, name: 'Staging', production: false },
        key: { value: STAGING_KEY, source: 'secret-storage' },
      });
      assert.equal(changes.count, 1, 'the window is told its environment changed');
      assert.equal(lists.count, 1);
      assert.equal((await openWindow().active()).environment?.id, staging.id, 'a new window does not start in it');
    });

    it('the other window working in it moves too, told by the key deletion', async () => {
      const first = openWindow();
      const staging = await first.add({ name: 'Staging', production: false }, STAGING_KEY);
      const production = await first.add({ name: 'Production', production: true }, PRODUCTION_KEY);
      await first.choose(staging.id);
      const second = openWindow();
      await second.choose(production.id);
      assert.equal((await second.active()).environment?.id, production.id);

      const changes = counted((listener) => second.onDidChangeActive(listener));
      await first.remove(production.id);
      await waitFor(() => changes.count > 0, 'the other window is told');
      assert.equal((await second.active()).environment?.id, staging.id);
    });

    it('a keychain that refuses the deletion keeps the environment, with a KeyringError', async () => {
      const store = openWindow();
      const staging = await store.add({ name: 'Staging', production: false }, STAGING_KEY);
      await store.choose(staging.id);
      keyring.failure = new Error('Cannot create an item in a locked collection');
      await assert.rejects(
        store.remove(staging.id),
        (error: Error) =>
          error instanceof KeyringError &&
          /Could not delete the API key/.test(error.message) &&
          error.message.includes('locked collection'),
      );
      keyring.failure = undefined;
      const expected = [{ id: staging.id, name: 'Staging', production: false }];
      assert.deepEqual(await store.list(), expected);
      assert.deepEqual(await openWindow().list(), expected, 'another window still lists it');
      assert.deepEqual(await store.active(), {
        environment: expected[0],
        key: { value: STAGING_KEY, source: 'secret-storage' },
      });
    });

    it('removing the environment this window chose keeps the choice another window made since', async () => {
      const first = openWindow();
      const staging = await first.add({ name: 'Staging', production: false }, STAGING_KEY);
      const production = await first.add({ name: 'Production', production: true }, PRODUCTION_KEY);
      const sandbox = await first.add({ name: 'Sandbox', production: false }, 'sk_test_sandbox_key_0005');
      await first.choose(sandbox.id);
      const second = openWindow();
      await second.choose(production.id); // the last choice made in any window
      await first.remove(sandbox.id);
      assert.equal(state.get(LAST_CHOSEN_STATE), production.id);
      assert.equal((await openWindow().active()).environment?.id, production.id, 'a new window starts with it');
      assert.equal((await first.active()).environment?.id, staging.id, 'the removing window moves to the first');
    });
  });

  describe('keys changed in another window', () => {
    it('the other window drops its cached key, and is told when its environment is concerned', async () => {
      const first = openWindow();
      const staging = await first.add({ name: 'Staging', production: false }, STAGING_KEY);
      await first.choose(staging.id);
      const second = openWindow();
      assert.deepEqual((await second.active()).key, { value: STAGING_KEY, source: 'secret-storage' }, 'now cached');

      const keyChanges: string[] = [];
      second.onDidChangeKey((id) => keyChanges.push(id));
      const changes = counted((listener) => second.onDidChangeActive(listener));
      const rotated = 'sk_test_staging_rotated_0006';
      await first.storeKey(staging.id, rotated);
      await waitFor(() => keyChanges.includes(staging.id), 'the other window is told of the key');
      assert.deepEqual(await second.key(staging.id), { value: rotated, source: 'secret-storage' });
      assert.deepEqual((await second.active()).key, { value: rotated, source: 'secret-storage' });
      assert.equal(changes.count, 1, 'its environment changed key');

      // An environment the second window does not work in.
      const production = await first.add({ name: 'Production', production: true }, PRODUCTION_KEY);
      await first.storeKey(production.id, 'sk_test_production_rotated_0007');
      await first.deleteKey(production.id);
      await waitFor(() => keyChanges.filter((id) => id === production.id).length === 3, 'three key changes');
      assert.equal(changes.count, 1, 'no change of its environment for a key of another');
    });

    it('a window that fell back to WORKOS_API_KEY is told when Default gets a key again', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const first = openWindow();
      await first.list(); // migrated
      await first.deleteKey(DEFAULT_ENVIRONMENT.id);
      const second = openWindow({ WORKOS_API_KEY: VARIABLE_KEY });
      assert.equal((await second.active()).environment?.id, VARIABLE_ENVIRONMENT.id);

      const changes = counted((listener) => second.onDidChangeActive(listener));
      await first.storeKey(DEFAULT_ENVIRONMENT.id, LEGACY_KEY);
      await waitFor(() => changes.count > 0, 'the other window is told');
      assert.deepEqual(await second.active(), {
        environment: DEFAULT_ENVIRONMENT,
        key: { value: LEGACY_KEY, source: 'secret-storage' },
      });
      assert.equal(changes.count, 1, 'once');
    });

    it('the first key set where no environment exists yet is told as a change of environment in every window', async () => {
      const first = openWindow();
      const second = openWindow({ WORKOS_API_KEY: VARIABLE_KEY });
      assert.deepEqual(await first.active(), { environment: undefined, key: undefined });
      assert.equal((await second.active()).environment?.id, VARIABLE_ENVIRONMENT.id);
      const firstChanges = counted((listener) => first.onDidChangeActive(listener));
      const secondChanges = counted((listener) => second.onDidChangeActive(listener));
      const secondKeys: string[] = [];
      second.onDidChangeKey((id) => secondKeys.push(id));

      const target = await first.keyTarget();
      assert.equal(target.id, DEFAULT_ENVIRONMENT.id);
      await first.storeKey(target.id, LEGACY_KEY);
      await waitFor(() => secondKeys.includes(DEFAULT_ENVIRONMENT.id), 'the other window is told of the key');

      // What each window now works in, when it asks:
      assert.deepEqual(await first.list(), [DEFAULT_ENVIRONMENT]);
      assert.deepEqual((await first.active()).key, { value: LEGACY_KEY, source: 'secret-storage' });
      assert.deepEqual((await second.active()).key, { value: LEGACY_KEY, source: 'secret-storage' });
      // ...and each was told to ask: the view starts over with the stored key.
      assert.equal(firstChanges.count, 1, 'this window is told its environment changed');
      assert.equal(secondChanges.count, 1, 'the other window is told to leave WORKOS_API_KEY');
    });
  });

  describe('names', () => {
    it('refuses what cannot name an environment, saying why', async () => {
      const store = openWindow();
      const staging = await store.add({ name: 'Staging', production: false }, STAGING_KEY);
      const refused = [
        '',
        '   ',
        'a'.repeat(41),
        'staging',
        ' STAGING ',
        'two\nlines',
        'tab\there',
        'evil\u202Eright-to-left',
        'sk_test_abcdef123456',
        'my sk_test_0123456789',
        'Environment variable',
        'ENVIRONMENT VARIABLE',
      ];
      for (const name of refused) {
        const problem = await store.nameProblem(name);
        assert.ok(typeof problem === 'string' && problem.length > 0, `${JSON.stringify(name)} should be refused`);
      }
      assert.match((await store.nameProblem('staging')) ?? '', /already called "Staging"/);
      assert.match((await store.nameProblem('a'.repeat(41))) ?? '', /40/);
      assert.match((await store.nameProblem('sk_test_abcdef123456')) ?? '', /API key/);

      for (const name of ['Production', 'a'.repeat(40), 'EU sandbox (customer)', 'Staging 2']) {
        assert.equal(await store.nameProblem(name), undefined, `${JSON.stringify(name)} should pass`);
      }
      assert.equal(await store.nameProblem('STAGING', staging.id), undefined, 'renaming keeps its own name free');
    });

    it('rename changes the name shown and keeps the key, the flags and the address', async () => {
      const store = openWindow();
      const production = await store.add(
        { name: 'Prod', production: true, apiBaseUrl: 'https://eu.workos.test' },
        PRODUCTION_KEY,
      );
      await store.choose(production.id);
      await store.active();
      const lists = counted((listener) => store.onDidChangeList(listener));
      const changes = counted((listener) => store.onDidChangeActive(listener));
      const resolved: string[] = [];
      store.onDidResolve(({ environment }) => resolved.push(environment?.name ?? ''));
      await store.rename(production.id, 'Production EU');
      assert.deepEqual(await store.list(), [
        { id: production.id, name: 'Production EU', production: true, apiBaseUrl: 'https://eu.workos.test' },
      ]);
      assert.deepEqual(await store.key(production.id), { value: PRODUCTION_KEY, source: 'secret-storage' });
      assert.equal((await store.active()).environment?.name, 'Production EU');
      assert.equal(lists.count, 1);
      assert.deepEqual(resolved, ['Production EU'], 'the status bar and the title learn the new name');
      assert.equal(changes.count, 0, 'the same environment: nothing loaded is dropped');
      assert.deepEqual(keyring.writes, [`store ${LEGACY_SECRET}.${production.id}`], 'no secret written for a rename');
    });
  });

  describe('the saved list', () => {
    it('lists only the valid entries of a damaged list', async () => {
      state.set(LIST_STATE, [
        null,
        42,
        'staging',
        ['id', 'name'],
        { id: 'no-name' },
        { name: 'No ID' },
        { id: 7, name: 'Numeric ID' },
        { id: 'env-a', name: 'A' },
        { id: 'env-a', name: 'A again' },
        { id: 'environment-variable', name: 'Pretender' },
        { id: 'env-b', name: 'B', production: 'yes', apiBaseUrl: 5 },
        { id: 'env-c', name: 'C', production: true, apiBaseUrl: 'http://kept.as.saved', extra: 'dropped' },
      ]);
      const store = openWindow({ WORKOS_API_KEY: VARIABLE_KEY });
      assert.deepEqual(await store.list(), [
        { id: 'env-a', name: 'A', production: false },
        { id: 'env-b', name: 'B', production: false },
        { id: 'env-c', name: 'C', production: true, apiBaseUrl: 'http://kept.as.saved' },
        VARIABLE_ENVIRONMENT,
      ]);
    });

    it('a saved list that is no list lists nothing, and breaks nothing', async () => {
      state.set(LIST_STATE, { id: 'env-a', name: 'A' });
      const store = openWindow();
      assert.deepEqual(await store.list(), []);
      assert.deepEqual(await store.active(), { environment: undefined, key: undefined });
    });
  });

  describe('resolving', () => {
    it('after a keychain that failed, the next key set is told, so the view leaves the failure', async () => {
      const store = openWindow();
      keyring.failure = new Error('no keyring');
      await assert.rejects(store.active(), KeyringError);
      keyring.failure = undefined;
      const changes = counted((listener) => store.onDidChangeActive(listener));
      await store.storeKey(DEFAULT_ENVIRONMENT.id, LEGACY_KEY);
      await waitFor(() => changes.count > 0, 'the window is told');
      assert.equal(changes.count, 1);
      assert.equal((await store.active()).key?.value, LEGACY_KEY);
    });

    it('a switch while the keychain is slow wins: the resolution begun before it is done again', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const setup = openWindow();
      const staging = await setup.add({ name: 'Staging', production: false }, STAGING_KEY);
      const store = openWindow(); // a fresh window: nothing read yet
      let unlock!: () => void;
      keyring.held = new Promise((resolve) => (unlock = resolve));
      keyring.reads = 0;
      const early = store.active(); // the tree, asking before the switch
      await waitFor(() => keyring.reads > 0, 'the early resolution is reading the key of Default');
      const switched = store.choose(staging.id);
      unlock();
      keyring.held = undefined;
      await switched;
      assert.equal((await early).environment?.id, staging.id, 'the early answer is of the environment switched to');
      assert.equal(store.resolved?.id, staging.id);
    });

    it('a window whose global state has not caught up still follows a key set in another window', async () => {
      const first = openWindow();
      // The second window's copy of global state lags: it holds none of what the first one writes.
      const lagging = new EnvironmentStore(keyring.window(), new Memento(new Map()), {});
      opened.push(lagging);
      assert.deepEqual(await lagging.active(), { environment: undefined, key: undefined });
      const changes = counted((listener) => lagging.onDidChangeActive(listener));
      await first.storeKey((await first.keyTarget()).id, LEGACY_KEY);
      await waitFor(() => changes.count > 0, 'the lagging window is told');
      assert.deepEqual((await lagging.active()).key, { value: LEGACY_KEY, source: 'secret-storage' });
    });

    it('onDidResolve fires when the environment is first resolved, not again for the same, and on a change', async () => {
      keyring.values.set(LEGACY_SECRET, LEGACY_KEY);
      const store = openWindow();
      const resolved: ActiveEnvironment[] = [];
      store.onDidResolve((active) => resolved.push(active));
      assert.equal(store.resolved, undefined, 'nothing is read before first use');

      const active = await store.active();
      assert.deepEqual(resolved, [active]);
      assert.deepEqual(store.resolved, DEFAULT_ENVIRONMENT);
      await store.active();
      assert.equal(resolved.length, 1, 'nothing changed');

      await store.deleteKey(DEFAULT_ENVIRONMENT.id);
      await store.active();
      assert.equal(resolved.length, 2, 'it lost its key');
      assert.deepEqual(resolved[1], { environment: DEFAULT_ENVIRONMENT, key: undefined });
    });

    it('a keychain that fails to read fails active() with a KeyringError, and works on the next try', async () => {
      const store = openWindow();
      await store.add({ name: 'Staging', production: false }, STAGING_KEY); // not read yet
      keyring.failure = new Error('no keyring');
      await assert.rejects(store.active(), KeyringError);
      keyring.failure = undefined;
      assert.deepEqual((await store.active()).key, { value: STAGING_KEY, source: 'secret-storage' });
    });
  });
});
