import * as vscode from 'vscode';
import type { Services } from '../services';
import { findGroups } from './find-groups';
import { findUser } from './find-user';
import { COMMANDS } from '../ui/contributes';

/** Finding things in large directories: users by email (and, with the scan, groups by name). */
export function registerFind(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.findGroups, (directory?: unknown, text?: unknown) =>
      findGroups(services, directory, text),
    ),
    vscode.commands.registerCommand(COMMANDS.findUser, (directory?: unknown, email?: unknown) =>
      findUser(services, directory, email),
    ),
  );
}
