import * as vscode from 'vscode';
import { checkBaseUrl, DEFAULT_BASE_URL, type BaseUrlCheck } from './workos';

const SECTION = 'workos';

/**
 * Where the key is sent. Only the user-level value counts: a workspace's `.vscode/settings.json`
 * must never redirect the key, even if the setting's scope were loosened one day.
 */
export function apiBaseUrl(): BaseUrlCheck {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('apiBaseUrl');
  return checkBaseUrl(inspected?.globalValue ?? DEFAULT_BASE_URL);
}

/** Groups and directories per page: the API allows 1–100. */
export function pageSize(): number {
  const value = vscode.workspace.getConfiguration(SECTION).get<number>('pageSize', 100);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : 100;
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.apiBaseUrl`) || event.affectsConfiguration(`${SECTION}.pageSize`);
}
