// Shared by the suites that run inside the real extension host (each file is its own bundle).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ENVIRONMENT } from '../../src/environments/environment-store';
import type { TestApi } from '../../src/extension';
import { isDirectoryNode, type DirectoryNode, type TreeNode } from '../../src/tree/nodes';
export { isDirectoryNode, isGroupNode, isUserNode } from '../../src/tree/nodes';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';
import { listFiles } from '../reliability/hygiene';
import { waitFor } from '../wait-for';
export { waitFor } from '../wait-for';

export const EXTENSION_ID = 'directory-tools.workos-directory-explorer';
export const KEY = 'sk_test_integration_4f9c2a7e';
/** The second environment's key: no request to the first may carry it. */
export const STAGING_KEY = 'sk_test_staging_9d3e1b6f';
/** Every key any suite here hands the extension; the secret-hygiene check looks for each. */
export const ALL_KEYS = [
  KEY,
  'sk_test_rotated_key_2',
  'sk_test_new_key_1',
  'sk_test_someone_else',
  'sk_test_from_environment',
  STAGING_KEY,
  'sk_test_staging_rotated',
];
/** The fixture workspace's .vscode/settings.json points workos.apiBaseUrl here; it must never be used. */
export const DECOY_PORT = 4199;

export async function extensionApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api, 'the extension exports its test API in test mode');
  return api;
}

/** The fake API with our key, set as the user-level API address. */
export async function fakeApi(): Promise<FakeWorkOS> {
  const fake = await startFakeWorkOS({ apiKeys: [KEY] });
  await setUserBaseUrl(fake.url);
  return fake;
}

export async function setUserBaseUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workos').update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
}

/**
 * Puts the key of the Default environment in SecretStorage and waits until the view has been reset
 * for it, so the reset cannot land in the middle of the test. Storing the key already there changes
 * nothing: no event.
 */
export async function useKey(api: TestApi, key: string | undefined): Promise<void> {
  const { environments } = api;
  const current = await environments.key(DEFAULT_ENVIRONMENT.id);
  if (current?.value === key) return;
  const changed = new Promise<void>((resolve) => {
    const listener = environments.onDidChangeKey((id) => {
      if (id !== DEFAULT_ENVIRONMENT.id) return;
      listener.dispose();
      resolve();
    });
  });
  if (key === undefined) await environments.deleteKey(DEFAULT_ENVIRONMENT.id);
  else await environments.storeKey(DEFAULT_ENVIRONMENT.id, key);
  await changed;
  // The window resolves its environment again on the change, and the view starts over when that
  // tells it so; resolving here as well returns only after that, whichever of the two ends first.
  await environments.active();
}

export function label(api: TestApi, node: TreeNode): string {
  const item = api.view.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The tooltip a hover shows: VS Code asks `resolveTreeItem` for it then. */
export async function tooltipOf(api: TestApi, node: TreeNode): Promise<vscode.TreeItem['tooltip']> {
  const hover = new vscode.CancellationTokenSource();
  try {
    return (await api.view.resolveTreeItem(api.view.getTreeItem(node), node, hover.token)).tooltip;
  } finally {
    hover.dispose();
  }
}

/** The tooltip as a person reads it: Markdown escapes and non-breaking spaces undone. */
export async function tooltipText(api: TestApi, node: TreeNode): Promise<string> {
  const tooltip = await tooltipOf(api, node);
  return asRead(typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''));
}

/** Markdown as a person reads it: escapes and non-breaking spaces undone. */
export function asRead(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The root row of directory `id`, failing the test when the tree does not list it. */
export async function listedDirectory(api: TestApi, id: string): Promise<DirectoryNode> {
  const node = (await api.view.getChildren(undefined)).find((row) => isDirectoryNode(row) && row.directory.id === id);
  assert.ok(isDirectoryNode(node), `directory ${id} is listed`);
  return node;
}

/** What a suite against the fake API works with: the extension's test API, and a fake that it owns. */
export interface Suite {
  api: TestApi;
  fake: FakeWorkOS;
}

/** The extension with our key stored and a fresh fake API as the user-level address. */
export async function openSuite(): Promise<Suite> {
  const api = await extensionApi();
  const fake = await fakeApi();
  await useKey(api, KEY);
  return { api, fake };
}

/**
 * Registers the hooks a suite against the fake shares: open before, close after, and before each test
 * a fresh start (no fault, no latency, our key, a new session, no editor, no request recorded).
 * `opened` receives the handles; `extra` runs before each test after the fresh start.
 */
export function useSuite(opened: (suite: Suite) => void, extra?: (suite: Suite) => Thenable<unknown>): void {
  let suite: Suite;
  before(async () => {
    suite = await openSuite();
    opened(suite);
  });
  after(() => closeSuite(suite));
  beforeEach(async () => {
    const { api, fake } = suite;
    fake.clearFaults();
    fake.setLatency(0);
    fake.setApiKeys([KEY]);
    await useKey(api, KEY);
    api.view.refresh(); // every test starts from the API, with the depth earlier tests paged to
    await closeAllEditors();
    await extra?.(suite);
    fake.clearRequests();
  });
}

/** Leaves the next suite nothing of this one: no key, no open editor, the fake closed. */
export async function closeSuite({ api, fake }: Suite): Promise<void> {
  await useKey(api, undefined);
  await closeAllEditors();
  await fake.close();
}

/** The profile folder VS Code runs with: the nearest ancestor of the log folder with User/settings.json. */
export function userDataFolder(api: TestApi): string {
  let folder = api.logUri.fsPath;
  while (!fs.existsSync(path.join(folder, 'User', 'settings.json')) && path.dirname(folder) !== folder) {
    folder = path.dirname(folder);
  }
  return folder;
}

/** The WorkOS output channel's file: it lives in the window's log folder, beside this extension's own. */
export function workosLogFile(api: TestApi): string | undefined {
  return listFiles(path.dirname(path.dirname(api.logUri.fsPath))).find((file) => file.endsWith('WorkOS.log'));
}

/** Waits until the WorkOS log holds `needle`; returns the log file. */
export async function waitForLogLine(api: TestApi, needle: string): Promise<string> {
  await waitFor(() => {
    const file = workosLogFile(api);
    return file !== undefined && fs.readFileSync(file, 'utf8').includes(needle);
  }, `the WorkOS log shows ${needle}`);
  return workosLogFile(api)!;
}

/**
 * Accepts the first item of the quick pick that `running` opens, retrying until the command settles:
 * the extension host cannot see when a quick pick appears, and accepting with none open does nothing.
 */
export async function acceptQuickPick(running: Thenable<unknown>, what: string, timeoutMs = 15_000): Promise<void> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => (settled = true));
  const deadline = Date.now() + timeoutMs;
  while (!settled) {
    if (Date.now() > deadline) assert.fail(`timed out accepting the quick pick of ${what}`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  await done;
}

/** The text of the hovers at `needle`'s first occurrence, as a person reads it (escapes undone). */
export async function hoverAt(document: vscode.TextDocument, needle: string): Promise<string> {
  const offset = document.getText().indexOf(needle) + 3;
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    document.positionAt(offset),
  );
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
