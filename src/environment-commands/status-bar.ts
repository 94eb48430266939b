import * as vscode from 'vscode';
import type { ActiveEnvironment, EnvironmentStore } from '../environments/environment-store';
import { environmentLabel, environmentName, statusBarText } from '../environments/environment-text';
import { COMMANDS } from '../ui/contributes';

/**
 * Names the window's environment, with the warning background for one marked production; a click
 * switches. It appears once the window has used an environment: activation reads no keychain.
 */
export class EnvironmentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('workos.environment', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly environments: EnvironmentStore) {
    this.item.name = vscode.l10n.t('WorkOS Environment');
    this.item.command = COMMANDS.switchEnvironment;
  }

  /** Shows `active`, as a session or a command just resolved it. */
  show({ environment, key }: ActiveEnvironment): void {
    if (!environment) return this.item.hide();
    this.item.text = statusBarText(environment, key !== undefined);
    const label = environmentLabel(environment);
    // Whole sentences, one for each case, so that a translation need not assemble them.
    this.item.tooltip = environment.production
      ? key
        ? vscode.l10n.t('WorkOS environment {0}, marked production. Click to switch.', label)
        : vscode.l10n.t('WorkOS environment {0}, marked production, without an API key. Click to switch.', label)
      : key
        ? vscode.l10n.t('WorkOS environment {0}. Click to switch.', label)
        : vscode.l10n.t('WorkOS environment {0}, without an API key. Click to switch.', label);
    this.item.backgroundColor = environment.production
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.accessibilityInformation = {
      label: environment.production
        ? vscode.l10n.t('WorkOS environment {0}, production', environmentName(environment))
        : vscode.l10n.t('WorkOS environment {0}', environmentName(environment)),
    };
    this.item.show();
  }

  /** Reads the window's environment again, once the window has used one. */
  async update(): Promise<void> {
    if (this.environments.resolved === undefined) return;
    this.show(await this.environments.active());
  }

  dispose(): void {
    this.item.dispose();
  }
}
