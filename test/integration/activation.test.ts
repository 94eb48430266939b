import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { EXTENSION_ID, waitFor, workosLogFile } from './helpers';

// The runner puts this suite first, before any other suite has used the extension.
describe('activation', () => {
  it('activates once start-up finishes, with no request and no key read, and records how long activate() took', async () => {
    const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
    assert.ok(extension);
    // onStartupFinished: IDs must be links and hovers in any editor without opening the view first.
    await waitFor(() => extension.isActive, 'the extension is active after start-up');
    const api = extension.exports;
    assert.equal(api.sessions.active, undefined, 'no session was made, so no key was read and no client exists');
    assert.equal(api.environments.resolved, undefined, 'no environment resolved: the keychain was not read');
    const file = workosLogFile(api);
    const log = file ? fs.readFileSync(file, 'utf8') : '';
    const requests = log.split('\n').filter((line) => /\b(GET|POST|PUT|DELETE) \//.test(line)).length;
    assert.equal(requests, 0, 'no request in the WorkOS log');
    // Read by the benchmark's report.
    const results = path.join(extension.extensionPath, 'test-results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(
      path.join(results, 'activation.json'),
      `${JSON.stringify({ activateMs: api.activationMs, requestsDuringActivation: requests, vscode: vscode.version })}\n`,
    );
  });
});
