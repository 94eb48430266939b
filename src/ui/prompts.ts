import * as vscode from 'vscode';
import { environmentLabel } from '../environments/environment-text';
import { askText, showNotice } from './notify';
import type { Session } from '../session/session';
import type { Sessions } from '../session/sessions';
import { describeKind, idProblem, normalizeId, type WorkOSObjectKind } from '../workos';
import { COMMANDS } from './contributes';

/**
 * The session of the window's environment (or of `environmentId`, a document's own), or undefined
 * after saying why there is none and what to do.
 */
export async function requireSession(sessions: Sessions, environmentId?: string): Promise<Session | undefined> {
  const state = await sessions.of(environmentId);
  if ('session' in state) return state.session;
  if ('problem' in state) return void showNotice('error', state.problem);
  if (environmentId !== undefined) {
    // Not Set API Key: that sets the key of the window's environment, which may be another one.
    if (!state.environment) {
      return void showNotice('error', vscode.l10n.t('The WorkOS environment this came from was removed.'));
    }
    const environment = state.environment;
    void showNotice(
      'error',
      vscode.l10n.t('WorkOS environment {0}, which this came from, has no API key.', environmentLabel(environment)),
      vscode.l10n.t('Switch to It'),
    ).then((choice) => choice && vscode.commands.executeCommand(COMMANDS.switchEnvironment, environment.id));
    return undefined;
  }
  void showNotice('error', vscode.l10n.t('No WorkOS API key is set.'), vscode.l10n.t('Set API Key')).then(
    (choice) => choice && vscode.commands.executeCommand(COMMANDS.setApiKey),
  );
  return undefined;
}

/**
 * An ID of one of `kinds`, from an argument (keybindings, other extensions, the tree) or typed into a
 * box that validates as you type; a wrong one gets one message and nothing is sent.
 */
export async function askForId(
  kinds: readonly WorkOSObjectKind[],
  argument: unknown,
  title: string,
): Promise<string | undefined> {
  const raw =
    argument !== undefined
      ? typeof argument === 'string'
        ? argument
        : ''
      : await askText({
          title,
          prompt:
            kinds.length === 1
              ? vscode.l10n.t({
                  message: 'A {0} ID',
                  args: [describeKind(kinds[0]).label],
                  comment: ['{0} is a kind of object: "directory group", "directory user"…'],
                })
              : vscode.l10n.t('A WorkOS ID'),
          placeHolder: describeKind(kinds[0]).example,
          ignoreFocusOut: true,
          validateInput: (value) => (value.length === 0 ? undefined : idProblem(normalizeId(value), kinds)),
        });
  if (raw === undefined) return undefined;
  const id = normalizeId(raw);
  const problem = idProblem(id, kinds);
  if (problem) {
    void showNotice('error', problem);
    return undefined;
  }
  return id;
}
