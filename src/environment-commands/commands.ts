import * as vscode from 'vscode';
import { askText, askToConfirm, pickOne, showNotice, type PickItem } from '../ui/notify';
import { displayText } from '../text/safe-text';
import type { Services } from '../services';
import { checkBaseUrl } from '../workos';
import type { Environment, EnvironmentStore } from '../environments/environment-store';
import { environmentFacts, environmentLabel, environmentName } from '../environments/environment-text';
import { askForKey } from './key-commands';
import { COMMANDS } from '../ui/contributes';

const ADD_TITLE = vscode.l10n.t('WorkOS: Add Environment');
const ADD_STEPS = 4;

/** Name, key, production or not, address; then the window switches to it. Nothing is saved if any step is cancelled. */
export async function addEnvironment({ environments, log }: Services): Promise<void> {
  const name = await askText({
    title: vscode.l10n.t({
      message: '{0} ({1}/{2})',
      args: [ADD_TITLE, 1, ADD_STEPS],
      comment: ['{0} is the title, {1} the step, {2} the number of steps'],
    }),
    prompt: vscode.l10n.t('A name for the environment, such as staging, production or a customer’s sandbox.'),
    ignoreFocusOut: true,
    validateInput: (value) => environments.nameProblem(value),
  });
  if (name === undefined || (await environments.nameProblem(name))) return;
  const key = await askForKey(ADD_TITLE, { step: 2, totalSteps: ADD_STEPS });
  if (!key) return;
  const production = await pickProduction();
  if (production === undefined) return;
  const address = await askText({
    title: vscode.l10n.t({
      message: '{0} ({1}/{2})',
      args: [ADD_TITLE, 4, ADD_STEPS],
      comment: ['{0} is the title, {1} the step, {2} the number of steps'],
    }),
    prompt: vscode.l10n.t(
      'Its API address. Leave empty for the workos.apiBaseUrl user setting (https://api.workos.com unless you changed it).',
    ),
    placeHolder: 'https://api.workos.com',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : problemOf(checkBaseUrl(value))),
  });
  if (address === undefined || (address.trim() !== '' && problemOf(checkBaseUrl(address)))) return;
  const origin = address.trim() === '' ? undefined : (checkBaseUrl(address) as { origin: string }).origin;
  try {
    const environment = await environments.add(
      { name: name.trim(), production, ...(origin ? { apiBaseUrl: origin } : {}) },
      key,
    );
    log.info(`Environment ${environmentLabel(environment)} added.`); // log lines stay English (host/log.ts)
    await environments.choose(environment.id);
  } catch (error) {
    log.error('Adding the environment failed', error);
    void showNotice('error', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Switches this window to another environment: picked, or named by an argument (its ID or name, for a
 * keybinding). The window's session ends, so no late answer of the old environment reaches the tree.
 */
export async function switchEnvironment(context: Services, argument?: unknown): Promise<void> {
  const { environments } = context;
  const all = await environments.list();
  let target: Environment | undefined;
  if (typeof argument === 'string') {
    target = all.find(({ id, name }) => id === argument || name === argument);
    if (!target)
      return void showNotice(
        'error',
        vscode.l10n.t('No WorkOS environment is called “{0}”.', displayText(argument, 40)),
      );
  } else {
    const picked = await pickEnvironment(context, all, vscode.l10n.t('WorkOS: Switch Environment'), { offerAdd: true });
    if (picked === 'add') return addEnvironment(context);
    target = picked;
  }
  if (target) await environments.choose(target.id);
}

export async function renameEnvironment(context: Services): Promise<void> {
  const { environments, log } = context;
  const target = await pickEnvironment(
    context,
    await editableEnvironments(environments),
    vscode.l10n.t('WorkOS: Rename Environment'),
  );
  if (!target || target === 'add') return;
  const name = await askText({
    title: vscode.l10n.t('WorkOS: Rename {0}', environmentLabel(target)),
    value: target.name,
    ignoreFocusOut: true,
    validateInput: (value) => environments.nameProblem(value, target.id),
  });
  if (name === undefined || name.trim() === target.name || (await environments.nameProblem(name, target.id))) return;
  await environments.rename(target.id, name.trim());
  log.info(`Environment ${environmentLabel(target)} renamed to ${environmentLabel({ ...target, name })}.`);
}

/** Removes an environment and its key, after a confirmation; a window working in it moves to another. */
export async function removeEnvironment(context: Services): Promise<void> {
  const { environments, log } = context;
  const target = await pickEnvironment(
    context,
    await editableEnvironments(environments),
    vscode.l10n.t('WorkOS: Remove Environment'),
  );
  if (!target || target === 'add') return;
  const confirmed = await askToConfirm(
    vscode.l10n.t('Remove the WorkOS environment {0} and its API key?', environmentLabel(target)),
    vscode.l10n.t(
      'Its key is deleted from VS Code’s secret storage, and every window working in it moves to another environment.',
    ),
    vscode.l10n.t('Remove Environment'),
  );
  if (!confirmed) return;
  try {
    await environments.remove(target.id);
    log.info(`Environment ${environmentLabel(target)} removed, with its key.`);
  } catch (error) {
    log.error('Removing the environment failed', error);
    void showNotice('error', error instanceof Error ? error.message : String(error));
  }
}

/** The environments a person can rename or remove (not the one from WORKOS_API_KEY); with none, says so. */
async function editableEnvironments(environments: EnvironmentStore): Promise<Environment[]> {
  const stored = (await environments.list()).filter((environment) => !environment.readOnly);
  if (stored.length === 0) {
    void showNotice(
      'info',
      vscode.l10n.t('No WorkOS environment is stored yet.'),
      vscode.l10n.t('Add Environment'),
    ).then((choice) => choice && vscode.commands.executeCommand(COMMANDS.addEnvironment));
  }
  return stored;
}

interface EnvironmentItem extends PickItem {
  environment?: Environment;
}

async function pickEnvironment(
  { environments }: Services,
  candidates: readonly Environment[],
  title: string,
  { offerAdd = false } = {},
): Promise<Environment | 'add' | undefined> {
  if (candidates.length === 0 && !offerAdd) return undefined;
  const active = environments.resolved?.id;
  const items: EnvironmentItem[] = await Promise.all(
    candidates.map(async (environment) => ({
      icon: environment.production ? 'warning' : 'server-environment',
      label: environmentName(environment),
      description: environmentFacts(environment, {
        active: environment.id === active,
        hasKey: (await environments.key(environment.id).catch(() => undefined)) !== undefined,
      }),
      environment,
    })),
  );
  if (offerAdd) {
    items.push(
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { icon: 'add', label: vscode.l10n.t('Add Environment...') },
    );
  }
  const picked = await pickOne(items, {
    title,
    placeHolder:
      candidates.length === 0
        ? vscode.l10n.t('No environment yet: add one, with its own name and API key.')
        : vscode.l10n.t('An environment is a name, its own API key and optionally its own API address.'),
  });
  if (!picked) return undefined;
  return picked.environment ?? 'add';
}

async function pickProduction(): Promise<boolean | undefined> {
  const picked = await pickOne(
    [
      {
        label: vscode.l10n.t('Not production'),
        description: vscode.l10n.t('staging, a sandbox, a test account'),
        production: false,
      },
      {
        icon: 'warning',
        label: vscode.l10n.t('Production'),
        description: vscode.l10n.t('the status bar turns to the warning colour while it is active'),
        production: true,
      },
    ],
    {
      title: vscode.l10n.t({
        message: '{0} ({1}/{2})',
        args: [ADD_TITLE, 3, ADD_STEPS],
        comment: ['{0} is the title, {1} the step, {2} the number of steps'],
      }),
      placeHolder: vscode.l10n.t('Is this a production environment?'),
      ignoreFocusOut: true,
    },
  );
  return picked?.production;
}

function problemOf(check: { origin: string } | { problem: string }): string | undefined {
  return 'problem' in check ? check.problem : undefined;
}
