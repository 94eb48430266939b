import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ENVIRONMENT } from '../../src/environments/environment-store';
import type { TestApi } from '../../src/extension';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import {
  closeSuite,
  DECOY_PORT,
  KEY,
  openSuite,
  setUserBaseUrl,
  tooltipText,
  useKey,
  waitFor,
  waitForLogLine,
} from './helpers';

describe('API key and settings', () => {
  let api: TestApi;
  let fake: FakeWorkOS;
  let decoy: FakeWorkOS;

  before(async () => {
    decoy = await startFakeWorkOS({ port: DECOY_PORT, apiKeys: [KEY] });
    ({ api, fake } = await openSuite());
  });
  after(async () => {
    delete process.env.WORKOS_API_KEY;
    await closeSuite({ api, fake });
    await decoy.close();
  });
  beforeEach(async () => {
    delete process.env.WORKOS_API_KEY;
    await setUserBaseUrl(fake.url);
    await useKey(api, KEY);
    api.view.refresh();
    fake.clearRequests();
  });

  it('ignores a workspace value of workos.apiBaseUrl: the key goes only to the user-level address', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run in the fixture workspace');
    const settings = fs.readFileSync(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8');
    assert.ok(settings.includes(`http://127.0.0.1:${DECOY_PORT}`), 'the fixture workspace tries to redirect the key');
    const rows = await api.view.getChildren(undefined);
    assert.ok(rows.length > 0);
    assert.ok(fake.requests.length > 0);
    assert.equal(decoy.requests.length, 0, 'the workspace-configured server received nothing');
  });

  it('refuses a user-level address that is not https (or loopback http), sending nothing', async () => {
    for (const bad of [
      'http://example.com',
      'file:///etc/passwd',
      'https://user:pw@api.workos.com',
      'https://api.workos.com/v1',
    ]) {
      await setUserBaseUrl(bad);
      const rows = await api.view.getChildren(undefined);
      assert.equal(rows.length, 1, bad);
      assert.equal(rows[0].kind, 'message');
      assert.match(await tooltipText(api, rows[0]), /workos\.apiBaseUrl: The API address/);
    }
    assert.equal(fake.requests.length + decoy.requests.length, 0);
  });

  it('no key: the view is empty for its welcome, and nothing is requested', async () => {
    await useKey(api, undefined);
    assert.deepEqual(await api.view.getChildren(undefined), []);
    assert.equal(api.view.model.state.keyState, 'missing');
    assert.equal(fake.requests.length, 0);
  });

  it('a key stored by any window (SecretStorage.onDidChange) reloads the view with it', async () => {
    await api.view.getChildren(undefined);
    fake.setApiKeys([KEY, 'sk_test_rotated_key_2']);
    await api.environments.storeKey(DEFAULT_ENVIRONMENT.id, 'sk_test_rotated_key_2'); // as another window would, without our command
    await waitFor(() => api.view.model.state.keyState === 'unknown', 'the view reset');
    fake.clearRequests();
    await api.view.getChildren(undefined);
    assert.equal(fake.requests[0].headers.authorization, 'Bearer sk_test_rotated_key_2');
    fake.setApiKeys([KEY]);
  });

  it('without a stored key, WORKOS_API_KEY from the environment is used and the view says so', async () => {
    await useKey(api, undefined);
    process.env.WORKOS_API_KEY = `  ${KEY}\n`;
    api.view.refresh();
    const rows = await api.view.getChildren(undefined);
    assert.ok(rows.length > 0);
    assert.equal(fake.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.match(api.view.view.message ?? '', /WORKOS_API_KEY environment variable/);
  });

  it('the stored key wins over the environment', async () => {
    process.env.WORKOS_API_KEY = 'sk_test_from_environment';
    api.view.refresh();
    await api.view.getChildren(undefined);
    assert.equal(fake.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.equal(api.view.view.message, undefined);
  });

  it('the WorkOS log records each request (method, path, status, duration, request ID) and never the key', async () => {
    await api.view.getChildren(undefined);
    const requestId = fake.requests[0].requestId;
    const logFile = await waitForLogLine(api, requestId);
    const text = fs.readFileSync(logFile, 'utf8');
    const line = text.split('\n').find((l) => l.includes(requestId))!;
    assert.match(line, /GET \/directories\?limit=100 → 200 in \d+ ms/);
    assert.ok(!text.includes(KEY) && !/Bearer sk_/.test(text), 'no key in the log');
  });
});
