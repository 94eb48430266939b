import * as vscode from 'vscode';
import type { Services } from '../services';
import { objectOfRow } from '../tree/nodes';
import type { WorkOSObjectKind } from '../workos';
import { OPENABLE_KINDS, openObject } from './open-commands';
import { COMMANDS } from '../ui/contributes';

/** Read-only JSON documents of WorkOS objects, and the commands that open them. */
export function registerDocuments(context: vscode.ExtensionContext, services: Services): void {
  const open = services;
  /** From a tree row's menu the argument is the row; from anywhere else an ID (and maybe the listed object). */
  const opener =
    (kinds: readonly WorkOSObjectKind[], title: string) =>
    (argument?: unknown, listed?: unknown): Promise<void> => {
      const row = objectOfRow(argument);
      return row
        ? openObject(open, kinds, row.object.id, row.object, title)
        : openObject(open, kinds, argument, listed, title);
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      COMMANDS.openGroup,
      opener(['directory_group'], vscode.l10n.t('WorkOS: Open Directory Group by ID')),
    ),
    vscode.commands.registerCommand(
      COMMANDS.openDirectory,
      opener(['directory'], vscode.l10n.t('WorkOS: Open Directory JSON')),
    ),
    vscode.commands.registerCommand(
      COMMANDS.openUser,
      opener(['directory_user'], vscode.l10n.t('WorkOS: Open Directory User JSON')),
    ),
    vscode.commands.registerCommand(
      COMMANDS.openById,
      // Always what WorkOS says now: an ID only, never a listed copy; from a hover or link in one of our
      // documents, of that document's environment.
      (id?: unknown, environmentId?: unknown) =>
        openObject(
          open,
          OPENABLE_KINDS,
          id,
          undefined,
          vscode.l10n.t('WorkOS: Open by ID'),
          typeof environmentId === 'string' ? environmentId : undefined,
        ),
    ),
  );
}
