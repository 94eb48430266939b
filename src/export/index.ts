import * as vscode from 'vscode';
import type { Services } from '../services';
import { exportGroups, exportMembers } from './export-lists';

/** Export Groups (directory rows) and Export Members (group rows), as CSV or JSON, to an untitled editor. */
export function registerExport(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('workos.exportGroups', (row?: unknown) => exportGroups(services, row)),
    vscode.commands.registerCommand('workos.exportMembers', (row?: unknown) => exportMembers(services, row)),
  );
}
