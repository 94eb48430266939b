import * as vscode from 'vscode';
import type { Connector } from '../connection';
import type { GroupDocuments } from '../documents/group-documents';
import type { Log } from '../log';
import { displayName, displayText } from '../safe-text';
import {
  collectAll,
  describeKind,
  idProblem,
  normalizeId,
  type DirectoryGroup,
  type DirectoryUser,
  type WorkOSClient,
  type WorkOSObjectKind,
} from '../workos';
import { showFailure, withCancellableProgress } from './notify';

export interface GroupCommandContext {
  connector: Connector;
  documents: GroupDocuments;
  log: Log;
  directoryName(id: string): string | undefined;
}

/**
 * `workos.openGroup`: an ID from the argument (keybindings, other extensions, the tree) or typed into
 * a box that validates as you type. The tree passes the group it listed, which saves the request.
 */
export async function openGroup(context: GroupCommandContext, idArgument?: unknown, listed?: unknown): Promise<void> {
  if (isListedGroup(listed, idArgument)) return void (await context.documents.open(listed));
  // Ask for the key before the ID: typing an ID only to learn that no key is set wastes the typing.
  const client = await requireClient(context.connector);
  if (!client) return;
  const id = await askForId('directory_group', idArgument, 'WorkOS: Open Directory Group by ID');
  if (!id) return;
  let group: DirectoryGroup;
  try {
    group = await withCancellableProgress(`Fetching ${id}…`, (signal) => client.getGroup(id, signal));
  } catch (error) {
    return showFailure(context.log, `Could not open directory group ${id}`, error);
  }
  await context.documents.open(group);
}

/** `workos.showUserGroups`: every group of one directory user, through `GET /directory_groups?user=`. */
export async function showUserGroups(context: GroupCommandContext, idArgument?: unknown): Promise<void> {
  const client = await requireClient(context.connector);
  if (!client) return;
  const id = await askForId('directory_user', idArgument, 'WorkOS: Show Groups of Directory User');
  if (!id) return;
  let groups: DirectoryGroup[];
  let user: DirectoryUser | undefined;
  try {
    [groups, user] = await withCancellableProgress(`Fetching the groups of ${id}…`, async (signal) => {
      // Only for the picker's title, so it may fail quietly; it stops when the groups fail.
      const title = new AbortController();
      signal.addEventListener('abort', () => title.abort(), { once: true });
      try {
        return await Promise.all([
          collectAll(client.allGroups({ user: id, limit: 100 }, signal)),
          client.getUser(id, title.signal).catch(() => undefined),
        ]);
      } finally {
        title.abort();
      }
    });
  } catch (error) {
    return showFailure(context.log, `Could not list the groups of ${id}`, error);
  }
  if (groups.length === 0) {
    return void vscode.window.showInformationMessage(`Directory user ${id} belongs to no groups.`);
  }
  const picked = await vscode.window.showQuickPick(
    groups.map((group) => ({
      label: displayName(group),
      description: displayText(group.id, 80),
      detail: displayText(context.directoryName(group.directory_id) ?? group.directory_id),
      group,
    })),
    {
      title: `Groups of ${userLabel(user) ?? id} (${groups.length})`,
      placeHolder: 'Pick a group to open its JSON',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (picked) await context.documents.open(picked.group);
}

/** The group a tree row passes along: shown without a request, so it must be one we could have listed. */
function isListedGroup(listed: unknown, id: unknown): listed is DirectoryGroup {
  return (
    typeof listed === 'object' &&
    listed !== null &&
    typeof id === 'string' &&
    (listed as { id?: unknown }).id === id &&
    idProblem(id, 'directory_group') === undefined
  );
}

/** "Jane Doe <jane@example.com>", or whatever part of it the directory has. */
function userLabel(user: DirectoryUser | undefined): string | undefined {
  if (!user) return undefined;
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  const label = name && user.email ? `${name} <${user.email}>` : name || user.email;
  return label ? displayText(label, 80) : undefined;
}

/** The client for the current key, or undefined after saying why there is none and what to do. */
async function requireClient(connector: Connector): Promise<WorkOSClient | undefined> {
  const connection = await connector.connect();
  if ('client' in connection) return connection.client;
  if ('problem' in connection) return void vscode.window.showErrorMessage(connection.problem);
  void vscode.window
    .showErrorMessage('No WorkOS API key is set.', 'Set API Key')
    .then((choice) => choice && vscode.commands.executeCommand('workos.setApiKey'));
  return undefined;
}

/** The ID from an argument or an input box that validates as you type; a wrong one gets one message. */
async function askForId(kind: WorkOSObjectKind, argument: unknown, title: string): Promise<string | undefined> {
  const { label, example } = describeKind(kind);
  const raw =
    argument !== undefined
      ? typeof argument === 'string'
        ? argument
        : ''
      : await vscode.window.showInputBox({
          title,
          prompt: `A ${label} ID`,
          placeHolder: example,
          ignoreFocusOut: true,
          validateInput: (value) => (value.length === 0 ? undefined : idProblem(normalizeId(value), kind)),
        });
  if (raw === undefined) return undefined;
  const id = normalizeId(raw);
  const problem = idProblem(id, kind);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  return id;
}
