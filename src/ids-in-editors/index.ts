import * as vscode from 'vscode';
import type { Services } from '../services';
import { IdHovers } from './hovers';
import { IdLinks } from './links';

/** WorkOS IDs in any editor: a link that opens the object's JSON, and a hover that says what it is. */
export function registerIdsInEditors(context: vscode.ExtensionContext, services: Services): void {
  const enabled = () => vscode.workspace.getConfiguration('workos').get<boolean>('hover.enabled', true);
  // Every document of every language and scheme: files, untitled ones, our own JSON, output channels.
  const everywhere: vscode.DocumentSelector = { pattern: '**' };
  context.subscriptions.push(
    vscode.languages.registerDocumentLinkProvider(everywhere, new IdLinks(enabled)),
    vscode.languages.registerHoverProvider(everywhere, new IdHovers(services.sessions, enabled)),
  );
}
