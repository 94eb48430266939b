// The runner puts this suite last: it looks through everything the extension wrote during the whole run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listFiles, recordHygiene, type Place } from '../reliability/hygiene';
import { ALL_KEYS, EXTENSION_ID, extensionApi, userDataFolder } from './helpers';

describe('secret hygiene', () => {
  it('no key used in this run appears in the log, settings, stored state or any open document', async () => {
    const api = await extensionApi();
    const userData = userDataFolder(api);
    const logs = path.join(userData, 'logs');
    const read = (name: string, file: string): Place => [name, fs.readFileSync(file, 'latin1')];
    const places: Place[] = listFiles(logs).map((file) => read(`log ${path.relative(logs, file)}`, file));
    const workspaceSettings = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');
    for (const file of [path.join(userData, 'User', 'settings.json'), workspaceSettings]) {
      if (fs.existsSync(file)) places.push(read(file.slice(userData.length + 1) || file, file));
    }
    for (const file of listFiles(path.join(userData, 'User', 'globalStorage', EXTENSION_ID))) {
      places.push(read(`global storage ${file}`, file));
    }
    for (const memento of api.mementos) {
      places.push(['extension state', JSON.stringify(memento.keys().map((key) => [key, memento.get(key)]))]);
    }
    for (const document of vscode.workspace.textDocuments) {
      places.push([`document ${document.uri.toString()}`, document.getText()]);
    }
    places.push([
      'settings (all scopes)',
      JSON.stringify(vscode.workspace.getConfiguration('workos').inspect('apiBaseUrl')),
    ]);

    assert.ok(
      places.some(([name]) => name === path.join('User', 'settings.json')),
      `the user settings were found under ${userData}`,
    );
    assert.ok(
      places.some(([name, text]) => name.endsWith('WorkOS.log') && text.includes('GET /directories')),
      'the WorkOS log was found and read',
    );
    const leaks = recordHygiene(
      vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath,
      'secrets-extension',
      places,
      ALL_KEYS,
    );
    assert.deepEqual(leaks, []);
  });
});
