import * as vscode from 'vscode';
import type { Services } from '../services';
import { exportGroups, exportMembers } from './export-lists';
import { COMMANDS } from '../ui/contributes';

/** Export Groups (directory rows) and Export Members (group rows), as CSV or JSON, to an untitled editor. */
export function registerExport(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.exportGroups, (row?: unknown) => exportGroups(services, row)),
    vscode.commands.registerCommand(COMMANDS.exportMembers, (row?: unknown) => exportMembers(services, row)),
  );
}
