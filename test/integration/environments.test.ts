import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_ENVIRONMENT, type Environment } from '../../src/environments/environment-store';
import type { TestApi } from '../../src/extension';
import { isDirectoryNode, type TreeNode } from '../../src/tree/nodes';
import { generatedDataset, sampleDataset } from '../fake-workos/dataset';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { hoverAt, KEY, listedDirectory, STAGING_KEY, tooltipText, useSuite, waitFor } from './helpers';

describe('Environments', () => {
  let api: TestApi;
  let production: FakeWorkOS;
  let staging: FakeWorkOS;
  let stagingEnvironment: Environment;

  /** The names shown, in name order: which directories, not the server's order, is what differs. */
  const directoryNames = (rows: TreeNode[]) =>
    rows
      .filter(isDirectoryNode)
      .map((row) => row.directory.name)
      .sort();
  const namesIn = (fake: FakeWorkOS) => fake.dataset.directories.map((directory) => directory.name).sort();
  const switchTo = (name: string) => vscode.commands.executeCommand('workos.switchEnvironment', name);
  /** Every request either server received, and the key it carried. */
  const keysSeen = (fake: FakeWorkOS) => new Set(fake.requests.map((request) => request.headers.authorization));

  /** A directory both environments hold under the same ID, with another name in each. */
  const shared = sampleDataset().directories[0];

  before(async () => {
    const dataset = generatedDataset({ seed: 'staging', directories: 3, groupsPerDirectory: 2 });
    dataset.directories.push({ ...shared, name: 'Staging copy' });
    staging = await startFakeWorkOS({ apiKeys: [STAGING_KEY], dataset });
  });
  useSuite(
    (suite) => ({ api, fake: production } = suite),
    async () => {
      stagingEnvironment = await api.environments.add(
        { name: 'Staging', production: false, apiBaseUrl: staging.url },
        STAGING_KEY,
      );
      staging.clearRequests();
      staging.setLatency(0);
    },
  );
  afterEach(async () => {
    // Removing the environment the window works in sends the window back to Default, as for a person.
    await api.environments.remove(stagingEnvironment.id);
  });
  after(() => staging.close());

  it('switching shows the other environment’s directories, and each request carries its own key', async () => {
    const productionNames = directoryNames(await api.view.getChildren(undefined));
    assert.deepEqual(productionNames, namesIn(production));
    assert.equal(staging.requests.length, 0);

    await switchTo('Staging');
    await waitFor(() => api.view.model.state.keyState === 'unknown', 'the view started over');
    const stagingNames = directoryNames(await api.view.getChildren(undefined));
    assert.deepEqual(stagingNames, namesIn(staging));
    assert.equal(api.view.view.title, 'Directories · Staging', 'the title line names the environment');

    await switchTo(DEFAULT_ENVIRONMENT.name);
    assert.deepEqual(directoryNames(await api.view.getChildren(undefined)), productionNames);
    assert.deepEqual([...keysSeen(production)], [`Bearer ${KEY}`]);
    assert.deepEqual([...keysSeen(staging)], [`Bearer ${STAGING_KEY}`]);
  });

  it('a switch while a page is on its way drops that page: the tree shows the new environment only', async () => {
    production.setLatency(1500);
    const pending = api.view.getChildren(undefined);
    await waitFor(() => production.requests.length > 0, 'the production page was asked for');
    await switchTo('Staging');
    const shown = directoryNames(await pending);
    assert.deepEqual(shown, namesIn(staging));
    assert.deepEqual([...keysSeen(staging)], [`Bearer ${STAGING_KEY}`]);
  });

  it('the same ID in two environments is two documents, each fetched from its own environment', async () => {
    await vscode.commands.executeCommand('workos.openById', shared.id);
    const productionDocument = vscode.window.activeTextEditor!.document;
    await switchTo('Staging');
    await vscode.commands.executeCommand('workos.openById', shared.id);
    const stagingDocument = vscode.window.activeTextEditor!.document;

    assert.notEqual(productionDocument.uri.toString(), stagingDocument.uri.toString());
    assert.equal(productionDocument.uri.authority, DEFAULT_ENVIRONMENT.id);
    assert.equal(stagingDocument.uri.authority, stagingEnvironment.id);
    assert.match(productionDocument.uri.path, /\(Default\)\.json$/, 'the tab title says which environment');
    assert.match(stagingDocument.uri.path, /\(Staging\)\.json$/);
    assert.equal((JSON.parse(productionDocument.getText()) as { name: string }).name, shared.name);
    assert.equal((JSON.parse(stagingDocument.getText()) as { name: string }).name, 'Staging copy');
    for (const uri of [productionDocument.uri.toString(), stagingDocument.uri.toString()]) {
      assert.ok(!uri.includes(KEY) && !uri.includes(STAGING_KEY), 'no key in a URI');
    }

    // A restored tab asks the provider again: it fetches from its own environment, whichever the window works in.
    production.clearRequests();
    const restored = await api.documents.provideTextDocumentContent(
      productionDocument.uri,
      new vscode.CancellationTokenSource().token,
    );
    assert.equal((JSON.parse(restored) as { name: string }).name, shared.name);
    assert.equal(production.requests.length, 1);
    assert.deepEqual([...keysSeen(production)], [`Bearer ${KEY}`]);
    assert.deepEqual([...keysSeen(staging)], [`Bearer ${STAGING_KEY}`]);
  });

  it('a row still on screen from before a switch is asked of the new environment, not shown under its name', async () => {
    const productionRow = await listedDirectory(api, shared.id);
    assert.equal(productionRow.directory.name, shared.name);
    await switchTo('Staging');
    await vscode.commands.executeCommand('workos.openDirectory', productionRow);
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.uri.authority, stagingEnvironment.id);
    assert.equal((JSON.parse(document.getText()) as { name: string }).name, 'Staging copy', 'what Staging holds');
    assert.equal(api.sessions.active?.cached('directory', shared.id)?.name, 'Staging copy', 'its cache is its own');
    assert.deepEqual([...keysSeen(staging)], [`Bearer ${STAGING_KEY}`]);
  });

  it('in a document of another environment, hovers and links answer from that document’s environment', async () => {
    await switchTo('Staging');
    await vscode.commands.executeCommand('workos.openById', shared.id);
    const document = vscode.window.activeTextEditor!.document;
    await switchTo(DEFAULT_ENVIRONMENT.name);
    const text = await hoverAt(document, shared.id);
    assert.ok(text.includes('Staging copy'), `the hover names Staging's directory: ${text}`);
    assert.ok(!text.includes(shared.name), 'not the one of the window’s environment');

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
      'vscode.executeLinkProvider',
      document.uri,
    );
    const position = document.positionAt(document.getText().indexOf(shared.id) + 3);
    const link = links.find((candidate) => candidate.range.contains(position));
    assert.ok(link?.target, 'the ID is a link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link.target.query)), [shared.id, stagingEnvironment.id]);
    assert.equal(production.requests.length, 0, 'the window’s environment was not asked');
  });

  it('a hover in a document whose environment has no key offers to switch to it, not to set the window’s key', async () => {
    await switchTo('Staging');
    await vscode.commands.executeCommand('workos.openById', shared.id);
    const document = vscode.window.activeTextEditor!.document;
    await switchTo(DEFAULT_ENVIRONMENT.name);
    await api.environments.deleteKey(stagingEnvironment.id);
    const text = await hoverAt(document, shared.id);
    assert.match(text, /Environment “Staging” of this document has no API key/);
    assert.ok(text.includes('command:workos.switchEnvironment'), text);
    assert.ok(!text.includes('command:workos.setApiKey'), 'Set API Key would set Default’s key');
  });

  it('a key changed in another window reaches this one: the tree starts over with it', async () => {
    await switchTo('Staging');
    await api.view.getChildren(undefined);
    staging.setApiKeys([STAGING_KEY, 'sk_test_staging_rotated']);
    await api.environments.storeKey(stagingEnvironment.id, 'sk_test_staging_rotated'); // as another window would
    await waitFor(() => api.view.model.state.keyState === 'unknown', 'the view reset');
    staging.clearRequests();
    await api.view.getChildren(undefined);
    assert.deepEqual([...keysSeen(staging)], ['Bearer sk_test_staging_rotated']);
    assert.equal(production.requests.length, 0);
  });

  it('removing the environment in use deletes its key and sends the window back to the other', async () => {
    await switchTo('Staging');
    await api.view.getChildren(undefined);
    await api.environments.remove(stagingEnvironment.id);
    assert.equal(await api.environments.key(stagingEnvironment.id), undefined, 'its key is gone from secret storage');
    assert.deepEqual(
      (await api.environments.list()).map((environment) => environment.name),
      [DEFAULT_ENVIRONMENT.name],
    );
    await waitFor(() => api.view.model.state.keyState === 'unknown', 'the view started over');
    assert.deepEqual(directoryNames(await api.view.getChildren(undefined)), namesIn(production));
    // Added back, so that afterEach has one to remove.
    stagingEnvironment = await api.environments.add(
      { name: 'Staging', production: false, apiBaseUrl: staging.url },
      STAGING_KEY,
    );
  });

  it('migration: the key stored before environments existed becomes "Default", with nothing moved or asked', async () => {
    await api.environments.remove(stagingEnvironment.id);
    const [globalState] = api.mementos;
    await globalState.update('workos.environments', undefined); // as before environments existed
    await globalState.update('workos.lastEnvironment', undefined);
    api.view.refresh();
    assert.deepEqual(directoryNames(await api.view.getChildren(undefined)), namesIn(production));
    assert.deepEqual(await api.environments.list(), [DEFAULT_ENVIRONMENT]);
    assert.deepEqual(await api.environments.key(DEFAULT_ENVIRONMENT.id), { value: KEY, source: 'secret-storage' });
    assert.deepEqual([...keysSeen(production)], [`Bearer ${KEY}`]);
    stagingEnvironment = await api.environments.add(
      { name: 'Staging', production: false, apiBaseUrl: staging.url },
      STAGING_KEY,
    );
  });

  it('an environment’s own API address must pass the same rules: a bad one is refused in place, nothing sent', async () => {
    const bad = await api.environments.add(
      { name: 'Bad', production: false, apiBaseUrl: 'http://example.com' },
      STAGING_KEY,
    );
    try {
      await switchTo('Bad');
      const rows = await api.view.getChildren(undefined);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].kind, 'message');
      assert.match(
        await tooltipText(api, rows[0]),
        /The API address of environment “Bad”: The API address must use https/,
      );
      assert.equal(staging.requests.length + production.requests.length, 0);
    } finally {
      await api.environments.remove(bad.id);
    }
  });
});
