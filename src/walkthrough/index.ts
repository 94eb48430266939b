import * as vscode from 'vscode';

/** The walkthrough's ID in package.json (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'workos.gettingStarted';
/** Set once the walkthrough was opened (or would have been): the first run only, never again. */
const OPENED_KEY = 'workos.walkthroughOpened';

/**
 * Opens "Get started with WorkOS Directory Explorer" on the extension's first run in this profile. It
 * sends nothing (opening it is no request) and stays shut in test runs of the extension host, and when
 * the user turned off VS Code's own `workbench.welcomePage.walkthroughs.openOnInstall`.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  if (context.extensionMode === vscode.ExtensionMode.Test || context.globalState.get(OPENED_KEY)) return;
  void context.globalState.update(OPENED_KEY, true);
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get('walkthroughs.openOnInstall', true)) return;
  void vscode.commands.executeCommand(
    'workbench.action.openWalkthrough',
    `${context.extension.id}#${WALKTHROUGH_ID}`,
    false,
  );
}
