import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeWorkOS } from '../fake-workos/server';
import { EXTENSION_ID, KEY } from './helpers';

describe('activation', () => {
  it('does no network work and records how long activate() took', async () => {
    const fake = await startFakeWorkOS({ apiKeys: [KEY] });
    try {
      await vscode.workspace
        .getConfiguration('workos')
        .update('apiBaseUrl', fake.url, vscode.ConfigurationTarget.Global);
      process.env.WORKOS_API_KEY = KEY; // a key is available, yet nothing may be fetched until asked
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      assert.equal(extension.isActive, false, 'nothing activated the extension before the view or a command asked');
      const started = performance.now();
      await extension.activate();
      const activateMs = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(fake.requests.length, 0, 'no request during or right after activation');
      // Read by the benchmark's report.
      const results = path.join(extension.extensionPath, 'test-results');
      fs.mkdirSync(results, { recursive: true });
      fs.writeFileSync(
        path.join(results, 'activation.json'),
        `${JSON.stringify({ activateMs, requestsDuringActivation: fake.requests.length, vscode: vscode.version })}\n`,
      );
    } finally {
      delete process.env.WORKOS_API_KEY;
      await fake.close();
    }
  });
});
