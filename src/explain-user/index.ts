import * as vscode from 'vscode';
import { reportLinkFor } from '../documents/object-documents';
import type { Services } from '../services';
import type { Session, WorkOSObject } from '../session/session';
import { localeNumber } from '../text/count-words';
import { displayName, displayText } from '../text/safe-text';
import { userName } from '../text/user-names';
import { objectOfRow } from '../tree/nodes';
import { COMMANDS } from '../ui/contributes';
import { askText, pickOne, showFailure, showNotice, withProgress } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import type { DirectoryUser } from '../workos';
import { explainTarget, findByEmail, gatherFacts, type EmailSearch } from './gather';
import { explanationMarkdown } from './report';

/** "Explain User Access...": from a user row, or the palette with a directory user ID or an email. */
export function registerExplainUser(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.explainUser, (argument?: unknown) => explainUser(services, argument)),
  );
}

async function explainUser(services: Services, argument: unknown): Promise<void> {
  const title = vscode.l10n.t('WorkOS: Explain User Access');
  const session = await requireSession(services.sessions);
  if (!session) return;
  const row = objectOfRow(argument);
  const raw =
    row?.kind === 'directory_user'
      ? row.object.id
      : typeof argument === 'string'
        ? argument
        : argument !== undefined
          ? ''
          : await askText({
              title,
              prompt: vscode.l10n.t("The person's directory user ID, or their email to look up in every directory"),
              placeHolder: vscode.l10n.t('jane@example.com or directory_user_01…'),
              ignoreFocusOut: true,
              validateInput: (value) => {
                const target = explainTarget(value);
                return value.trim() !== '' && 'problem' in target ? target.problem : undefined;
              },
            });
  if (raw === undefined) return;
  const target = explainTarget(raw);
  if ('problem' in target) return void showNotice('error', target.problem);

  let user: DirectoryUser | undefined;
  if ('id' in target) {
    try {
      user = await withProgress(
        vscode.l10n.t('Fetching {0}…', target.id),
        (signal) => session.fetch('directory_user', target.id, signal),
        session.signal,
      );
    } catch (error) {
      return showFailure(services.log, vscode.l10n.t('Could not explain {0}', target.id), error);
    }
  } else {
    user = await userByEmail(services, session, target.email, title);
  }
  if (!user || session.ended) return;

  const who = displayText(userName(user), 80);
  let markdown: string;
  try {
    const facts = await withProgress(
      vscode.l10n.t('Explaining the access of {0}…', who),
      (signal, report) => gatherFacts(session, user, signal, report),
      session.signal,
    );
    markdown = explanationMarkdown(
      facts,
      (kind, object) => reportLinkFor(session.environmentId, kind, object as WorkOSObject).toString(),
      vscode.env.language,
    );
  } catch (error) {
    return showFailure(services.log, vscode.l10n.t('Could not explain {0}', displayText(user.id, 80)), error);
  }
  if (session.ended) return;
  await services.reports.show(session.environmentId, user.id, vscode.l10n.t('{0} access', who), markdown);
}

/** The user with `email` in any directory: one match, or the one the person picks; says why when none. */
async function userByEmail(
  services: Services,
  session: Session,
  email: string,
  title: string,
): Promise<DirectoryUser | undefined> {
  const shown = displayText(email, 120);
  const number = (value: number) => localeNumber(value, vscode.env.language);
  let search: EmailSearch;
  try {
    search = await withProgress(
      vscode.l10n.t('Looking up {0} in every directory…', shown),
      (signal, report) =>
        findByEmail(session, email, signal, (searched, total) =>
          report(
            total === 1
              ? vscode.l10n.t('{0} of 1 directory searched', number(searched))
              : vscode.l10n.t('{0} of {1} directories searched', number(searched), number(total)),
          ),
        ),
      session.signal,
    );
  } catch (error) {
    showFailure(services.log, vscode.l10n.t('Could not look up {0}', shown), error);
    return undefined;
  }
  const { matches, searched, failures, ignored } = search;
  if (ignored > 0) {
    const others = `${localeNumber(ignored, 'en-US')} user${ignored === 1 ? '' : 's'}`; // the log stays English
    services.log.info(
      `Explain User Access: the server ignored the email filter and sent ${others} with other emails; they were left out.`,
    );
  }
  if (failures.length > 0) {
    const names = failures.map(({ directory }) => displayName(directory)).join(', ');
    const what =
      searched === 1
        ? vscode.l10n.t('Could not search the directory for {0} ({1})', shown, names)
        : vscode.l10n.t(
            'Could not search {0} of {1} directories for {2} ({3})',
            number(failures.length),
            number(searched),
            shown,
            names,
          );
    // Nothing found elsewhere: the failure is the answer. Found elsewhere: said, and the match shown.
    if (matches.length === 0) {
      showFailure(services.log, what, failures[0].error);
      return undefined;
    }
    services.log.error(what, failures[0].error);
    void showNotice('warning', vscode.l10n.t('{0}: a match there may be missing.', what));
  }
  if (matches.length === 0) {
    const message =
      searched === 1
        ? vscode.l10n.t('No user has the primary email {0} in the 1 directory searched.', shown)
        : vscode.l10n.t(
            'No user has the primary email {0} in any of the {1} directories searched.',
            shown,
            number(searched),
          );
    const where = searched === 1 ? 'the 1 directory' : `any of the ${searched} directories`; // the log stays English
    services.log.info(`Explain User Access: No user has the primary email ${shown} in ${where} searched.`);
    void showNotice('info', message);
    return undefined;
  }
  if (matches.length === 1) return matches[0].user;
  services.log.info(`Explain User Access: ${matches.length} users have the email ${shown}`);
  const picked = await pickOne(
    matches.map(({ user, directory }) => ({
      label: userName(user),
      description: displayText(user.email, 120),
      detail: `${displayName(directory)} · ${displayText(user.id, 80)}`,
      user,
    })),
    {
      // Two or more: one match is taken without asking.
      title: vscode.l10n.t('{0}: {1} users with {2}', title, number(matches.length), shown),
      placeHolder: vscode.l10n.t('Pick the person to explain'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.user;
}
