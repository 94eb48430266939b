import * as vscode from 'vscode';
import type { Log } from '../host/log';
import { askText, askToConfirm, showNotice } from '../ui/notify';
import { keyWarning, normalizeKey } from '../workos';
import { ENVIRONMENT_VARIABLE, type EnvironmentStore } from '../environments/environment-store';
import { environmentLabel } from '../environments/environment-text';

/**
 * A key typed into a password box, confirmed when it does not look like a secret key; undefined when
 * the person cancels. `step` is for the Add Environment flow ("2/4").
 */
export async function askForKey(
  title: string,
  step?: { step: number; totalSteps: number },
): Promise<string | undefined> {
  const entered = await askText({
    title: step
      ? vscode.l10n.t({
          message: '{0} ({1}/{2})',
          args: [title, step.step, step.totalSteps],
          comment: ['{0} is the title, {1} the step, {2} the number of steps'],
        })
      : title,
    prompt: vscode.l10n.t(
      'Your WorkOS secret key (sk_…), from the dashboard’s API Keys page. VS Code keeps it in its secret storage, never in settings.',
    ),
    placeHolder: 'sk_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a key, or press Escape to cancel.')),
  });
  const key = normalizeKey(entered ?? '');
  if (!key) return undefined;
  const warning = keyWarning(key);
  if (warning) {
    if (!(await askToConfirm(warning, vscode.l10n.t('Save it anyway?'), vscode.l10n.t('Save')))) return undefined;
  }
  return key;
}

/**
 * Sets the key of the window's environment; with none yet, or on the read-only one from
 * WORKOS_API_KEY, of the environment "Default".
 */
export async function setApiKey(environments: EnvironmentStore, log: Log): Promise<void> {
  const target = await environments.keyTarget();
  const several = (await environments.list()).length > 1;
  const key = await askForKey(
    several
      ? vscode.l10n.t('WorkOS: Set API Key of {0}', environmentLabel(target))
      : vscode.l10n.t('WorkOS: Set API Key'),
  );
  if (!key) return;
  try {
    await environments.storeKey(target.id, key);
    // A window on the read-only environment moves to the one that now has the key it was given.
    if (environments.resolved?.readOnly) await environments.choose(target.id);
    log.info(
      several ? `API key of ${environmentLabel(target)} saved in secret storage.` : 'API key saved in secret storage.',
    );
  } catch (error) {
    log.error('Saving the API key failed', error);
    void showNotice('error', error instanceof Error ? error.message : String(error));
  }
}

/** Removes the key of the window's environment; the environment itself stays (Remove Environment removes it). */
export async function clearApiKey(environments: EnvironmentStore, log: Log): Promise<void> {
  const { environment } = await environments.active();
  if (environment?.readOnly) {
    return void showNotice(
      'info',
      vscode.l10n.t(
        'This window uses the key from the {0} environment variable; VS Code stores nothing to clear. Unset the variable where VS Code is started.',
        ENVIRONMENT_VARIABLE,
      ),
    );
  }
  const target = environment ?? (await environments.keyTarget());
  const several = (await environments.list()).length > 1;
  const confirmed = await askToConfirm(
    several
      ? vscode.l10n.t('Remove the API key of {0} from VS Code’s secret storage?', environmentLabel(target))
      : vscode.l10n.t('Remove the WorkOS API key from VS Code’s secret storage?'),
    vscode.l10n.t('Every VS Code window stops using it. You can set it again at any time.'),
    vscode.l10n.t('Remove Key'),
  );
  if (!confirmed) return;
  try {
    await environments.deleteKey(target.id);
    log.info(
      several
        ? `API key of ${environmentLabel(target)} removed from secret storage.`
        : 'API key removed from secret storage.',
    );
  } catch (error) {
    log.error('Removing the API key failed', error);
    void showNotice('error', error instanceof Error ? error.message : String(error));
  }
}
