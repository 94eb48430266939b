import * as vscode from 'vscode';
import type { Services } from '../services';
import { addEnvironment, removeEnvironment, renameEnvironment, switchEnvironment } from './commands';
import { clearApiKey, setApiKey } from './key-commands';
import { EnvironmentStatusBar } from './status-bar';
import { COMMANDS } from '../ui/contributes';

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
    vscode.commands.registerCommand(COMMANDS.addEnvironment, () => addEnvironment(services)),
    vscode.commands.registerCommand(COMMANDS.switchEnvironment, (argument?: unknown) =>
      switchEnvironment(services, argument),
    ),
    vscode.commands.registerCommand(COMMANDS.renameEnvironment, () => renameEnvironment(services)),
    vscode.commands.registerCommand(COMMANDS.removeEnvironment, () => removeEnvironment(services)),
    vscode.commands.registerCommand(COMMANDS.setApiKey, () => setApiKey(environments, log)),
    vscode.commands.registerCommand(COMMANDS.clearApiKey, () => clearApiKey(environments, log)),
  );
}
