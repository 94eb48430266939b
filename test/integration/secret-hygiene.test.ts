// Runs last (file order): looks through everything the extension wrote during the whole run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeResults } from '../reliability/results';
import { ALL_KEYS, EXTENSION_ID, extensionApi } from './helpers';

describe('secret hygiene', () => {
  it('no key used in this run appears in the log, settings, stored state or any open document', async () => {
    const api = await extensionApi();
    // The log folder is inside the user data folder: the nearest ancestor that has User/settings.json.
    let userData = api.logUri.fsPath;
    while (!fs.existsSync(path.join(userData, 'User', 'settings.json')) && path.dirname(userData) !== userData)
      userData = path.dirname(userData);
    const logs = path.join(userData, 'logs');
    const places: Array<[string, string]> = [];
    for (const file of listFiles(logs))
      places.push([`log ${path.relative(logs, file)}`, fs.readFileSync(file, 'latin1')]);
    for (const file of [
      path.join(userData, 'User', 'settings.json'),
      path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json'),
    ]) {
      if (fs.existsSync(file)) places.push([file.slice(userData.length + 1) || file, fs.readFileSync(file, 'utf8')]);
    }
    for (const file of listFiles(path.join(userData, 'User', 'globalStorage', EXTENSION_ID)))
      places.push([`global storage ${file}`, fs.readFileSync(file, 'latin1')]);
    for (const memento of api.mementos)
      places.push(['extension state', JSON.stringify(memento.keys().map((key) => [key, memento.get(key)]))]);
    for (const document of vscode.workspace.textDocuments)
      places.push([`document ${document.uri.toString()}`, document.getText()]);
    places.push([
      'settings (all scopes)',
      JSON.stringify(vscode.workspace.getConfiguration('workos').inspect('apiBaseUrl')),
    ]);

    assert.ok(
      places.some(([name]) => name === path.join('User', 'settings.json')),
      `the user settings were found under ${userData}`,
    );
    const logFiles = places.filter(([name]) => name.startsWith('log ')).length;
    assert.ok(
      logFiles > 0 && places.some(([name, text]) => name.endsWith('WorkOS.log') && text.includes('GET /directories')),
      'the WorkOS log was found and read',
    );
    const leaks = places.flatMap(([name, text]) =>
      ALL_KEYS.filter((key) => text.includes(key)).map((key) => `${key.slice(0, 8)}… in ${name}`),
    );
    writeResults(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'secrets-extension', {
      placesChecked: places.length,
      keysLookedFor: ALL_KEYS.length,
      leaks,
    });
    assert.deepEqual(leaks, []);
  });
});

function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true })
    .map((entry) => path.join(folder, String(entry)))
    .filter((file) => fs.statSync(file).isFile());
}
