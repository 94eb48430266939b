import * as vscode from 'vscode';
import type { Services } from '../services';
import { clearApiKey, setApiKey } from './commands';

/** Set API Key and Clear API Key. */
export function registerKeyCommands(context: vscode.ExtensionContext, { keys, log }: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('workos.setApiKey', () => setApiKey(keys, log)),
    vscode.commands.registerCommand('workos.clearApiKey', () => clearApiKey(keys, log)),
  );
}
