import * as vscode from 'vscode';
import { baseUrlFromSettings, type BaseUrlCheck } from '../workos';
import { pageSizeFromSettings } from './user-settings';

const SECTION = 'workos';

/** Where the key is sent: see {@link baseUrlFromSettings}. */
export function apiBaseUrl(): BaseUrlCheck {
  return baseUrlFromSettings(vscode.workspace.getConfiguration(SECTION).inspect<string>('apiBaseUrl'));
}

/** Groups and directories per page: see {@link pageSizeFromSettings}. */
export function pageSize(): number {
  return pageSizeFromSettings(vscode.workspace.getConfiguration(SECTION).inspect<number>('pageSize'));
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.apiBaseUrl`) || event.affectsConfiguration(`${SECTION}.pageSize`);
}
