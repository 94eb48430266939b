import * as vscode from 'vscode';
import { baseUrlFromSettings, type BaseUrlCheck } from './workos';

const SECTION = 'workos';

/** Where the key is sent: see {@link baseUrlFromSettings}. */
export function apiBaseUrl(): BaseUrlCheck {
  return baseUrlFromSettings(vscode.workspace.getConfiguration(SECTION).inspect<string>('apiBaseUrl'));
}

/** Groups and directories per page: the API allows 1–100. */
export function pageSize(): number {
  const value = vscode.workspace.getConfiguration(SECTION).get<number>('pageSize', 100);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : 100;
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.apiBaseUrl`) || event.affectsConfiguration(`${SECTION}.pageSize`);
}
