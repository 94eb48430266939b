import * as vscode from 'vscode';
import type { ApiKeyStore } from './api-key-store';
import type { Log } from '../log';
import { keyWarning, normalizeKey } from '../workos';

export async function setApiKey(keys: ApiKeyStore, log: Log): Promise<void> {
  const entered = await vscode.window.showInputBox({
    title: 'WorkOS: Set API Key',
    prompt:
      'Your WorkOS secret key (sk_…), from the dashboard’s API Keys page. VS Code keeps it in its secret storage, never in settings.',
    placeHolder: 'sk_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter a key, or press Escape to cancel.'),
  });
  const key = normalizeKey(entered ?? '');
  if (!key) return;
  const warning = keyWarning(key);
  if (warning) {
    const choice = await vscode.window.showWarningMessage(warning, { modal: true, detail: 'Save it anyway?' }, 'Save');
    if (choice !== 'Save') return;
  }
  try {
    await keys.store(key);
    log.info('API key saved in secret storage.');
  } catch (error) {
    log.error('Saving the API key failed', error);
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
}

export async function clearApiKey(keys: ApiKeyStore, log: Log): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    'Remove the WorkOS API key from VS Code’s secret storage?',
    { modal: true, detail: 'Every VS Code window stops using it. You can set it again at any time.' },
    'Remove Key',
  );
  if (choice !== 'Remove Key') return;
  try {
    await keys.delete();
    log.info('API key removed from secret storage.');
  } catch (error) {
    log.error('Removing the API key failed', error);
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
}
