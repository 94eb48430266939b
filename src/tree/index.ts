import * as vscode from 'vscode';
import { askText, copyText } from '../ui/notify';
import type { Services } from '../services';
import { DirectoriesView } from './directories-view';
import { isUserNode, objectOfRow, type LoadMoreNode, type MessageNode, type ParentNode } from './nodes';
import { COMMANDS } from '../ui/contributes';
import { revealDocument, revealInDirectories } from './reveal';

/** The Directories view, and the commands of its title bar and rows. */
export function registerDirectoriesView(context: vscode.ExtensionContext, services: Services): DirectoriesView {
  const view = new DirectoriesView(services.sessions, services.log);
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(COMMANDS.refresh, () => view.refresh()),
    vscode.commands.registerCommand(COMMANDS.searchDirectories, (text?: unknown) => searchDirectories(view, text)),
    vscode.commands.registerCommand(COMMANDS.clearSearch, () => view.search(undefined)),
    vscode.commands.registerCommand(COMMANDS.loadMore, (target?: LoadMoreNode | MessageNode | ParentNode) =>
      view.loadMore(target),
    ),
    vscode.commands.registerCommand(COMMANDS.reveal, (argument?: unknown) =>
      argument instanceof vscode.Uri
        ? revealDocument(view, services, argument)
        : revealInDirectories(view, services, argument),
    ),
    vscode.commands.registerCommand(COMMANDS.copyId, (row?: unknown) =>
      copy(objectOfRow(row)?.object.id, vscode.l10n.t('ID')),
    ),
    vscode.commands.registerCommand(COMMANDS.copyEmail, (row?: unknown) =>
      copy(isUserNode(row) ? row.user.email : undefined, vscode.l10n.t('email')),
    ),
    services.environments.onDidResolve(() => void showEnvironment(view, services)),
    services.environments.onDidChangeList(() => void showEnvironment(view, services)),
  );
  return view;
}

async function showEnvironment(view: DirectoriesView, { environments }: Services): Promise<void> {
  const several = (await environments.list().catch(() => [])).length > 1;
  view.showEnvironment(environments.resolved, several);
}

/** Only from a row's context menu: from anywhere else there is nothing selected to copy. */
async function copy(value: unknown, what: string): Promise<void> {
  if (typeof value === 'string' && value !== '') await copyText(value, what);
}

/** The longest search sent: directory names are short, and a paste gone wrong should not become a URL. */
const MAX_SEARCH_LENGTH = 200;

/** Asks for the text (or takes it as an argument) and lets the server match directory names to it. */
async function searchDirectories(view: DirectoriesView, argument: unknown): Promise<void> {
  const entered =
    typeof argument === 'string'
      ? argument
      : await askText({
          title: vscode.l10n.t('WorkOS: Search Directories'),
          prompt: vscode.l10n.t(
            'Text to match against directory names; WorkOS decides what matches. Empty shows every directory.',
          ),
          value: view.model.search ?? '',
          validateInput: (value) =>
            value.trim().length > MAX_SEARCH_LENGTH
              ? vscode.l10n.t('At most {0} characters.', MAX_SEARCH_LENGTH)
              : undefined,
        });
  if (entered === undefined) return;
  const text = entered.trim();
  if (text.length > MAX_SEARCH_LENGTH) return;
  view.search(text === '' ? undefined : text);
}
