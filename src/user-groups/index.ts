import * as vscode from 'vscode';
import type { Services } from '../services';
import { showUserGroups } from './show-user-groups';
import { COMMANDS } from '../ui/contributes';

/** "Show Groups of Directory User": from the palette, a user row's menu, or another command. */
export function registerUserGroups(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showUserGroups, (argument?: unknown, environmentId?: unknown) =>
      showUserGroups(services, argument, typeof environmentId === 'string' ? environmentId : undefined),
    ),
  );
}
