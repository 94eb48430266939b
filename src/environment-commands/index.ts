import * as vscode from 'vscode';
import type { Services } from '../services';
import { addEnvironment, removeEnvironment, renameEnvironment, switchEnvironment } from './commands';
import { clearApiKey, setApiKey } from './key-commands';
import { EnvironmentStatusBar } from './status-bar';

/** Add, Switch, Rename and Remove Environment, Set and Clear API Key, and the status bar item. */
export function registerEnvironments(context: vscode.ExtensionContext, services: Services): void {
  const { environments, log } = services;
  const statusBar = new EnvironmentStatusBar(environments);
  const update = () =>
    void statusBar.update().catch((error: unknown) => log.error('Could not read the environment', error));
  context.subscriptions.push(
    statusBar,
    environments.onDidResolve((active) => statusBar.show(active)),
    environments.onDidChangeList(update),
    // Another window may have renamed or removed one: global state has no change event.
    vscode.window.onDidChangeWindowState((state) => state.focused && update()),
    vscode.commands.registerCommand('workos.addEnvironment', () => addEnvironment(services)),
    vscode.commands.registerCommand('workos.switchEnvironment', (argument?: unknown) =>
      switchEnvironment(services, argument),
    ),
    vscode.commands.registerCommand('workos.renameEnvironment', () => renameEnvironment(services)),
    vscode.commands.registerCommand('workos.removeEnvironment', () => removeEnvironment(services)),
    vscode.commands.registerCommand('workos.setApiKey', () => setApiKey(environments, log)),
    vscode.commands.registerCommand('workos.clearApiKey', () => clearApiKey(environments, log)),
  );
}
