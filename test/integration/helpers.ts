// Shared by the suites that run inside the real extension host (each file is its own bundle).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { isDirectoryNode, type DirectoryNode, type TreeNode } from '../../src/tree/nodes';
export { isDirectoryNode, isGroupNode } from '../../src/tree/nodes';
import { startFakeWorkOS, type FakeWorkOS } from '../fake-workos/server';

export const EXTENSION_ID = 'directory-tools.workos-directory-explorer';
export const KEY = 'sk_test_integration_4f9c2a7e';
/** Every key any suite here hands the extension; the secret-hygiene check looks for each. */
export const ALL_KEYS = [
  KEY,
  'sk_test_rotated_key_2',
  'sk_test_new_key_1',
  'sk_test_someone_else',
  'sk_test_from_environment',
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
 * Puts the key in SecretStorage and waits for the change event that resets the view, so the reset
 * cannot land in the middle of the test. Storing the key already there changes nothing: no event.
 */
export async function useKey(api: TestApi, key: string | undefined): Promise<void> {
  const current = await api.keys.get();
  if ((current?.source === 'secret-storage' ? current.value : undefined) === key) return;
  const changed = new Promise<void>((resolve) => {
    const listener = api.keys.onDidChange(() => {
      listener.dispose();
      resolve();
    });
  });
  if (key === undefined) await api.keys.delete();
  else await api.keys.store(key);
  await changed;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function label(api: TestApi, node: TreeNode): string {
  const item = api.view.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The tooltip a hover shows: VS Code asks `resolveTreeItem` for it then. */
export function tooltipOf(api: TestApi, node: TreeNode): vscode.TreeItem['tooltip'] {
  return api.view.resolveTreeItem(api.view.getTreeItem(node), node).tooltip;
}

/** The tooltip as a person reads it: Markdown escapes and non-breaking spaces undone. */
export function tooltipText(api: TestApi, node: TreeNode): string {
  const tooltip = tooltipOf(api, node);
  const markdown = typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
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
