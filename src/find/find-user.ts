import * as vscode from 'vscode';
import { askText, pickOne, showFailure, showNotice, withProgress } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import { displayName, displayText } from '../text/safe-text';
import type { Services } from '../services';
import type { Session } from '../session/session';
import { userName } from '../text/user-names';
import { emailKey, emailProblem } from '../text/email';
import { isWorkOSError, type Directory, type DirectoryUser } from '../workos';
import { pickDirectory } from './pick-directory';

const TITLE = vscode.l10n.t('WorkOS: Find Directory User by Email');

/**
 * `workos.findUser`: a directory, an email, then the users of that directory with that primary email
 * (the API's filter). One match opens its JSON, several are listed, none says so. The client keeps only
 * users whose email matches: a server that ignored the filter is said so, and one that refuses it (an
 * older API, an emulator) is offered a paced scan instead. Everything runs in the session it started
 * in: a switch or a new key stops it, and nothing opens under another environment.
 */
export async function findUser(services: Services, argument?: unknown, emailArgument?: unknown): Promise<void> {
  const session = await requireSession(services.sessions);
  if (!session) return;
  const directory = await pickDirectory(session, services.log, TITLE, argument);
  if (!directory) return;
  const email =
    typeof emailArgument === 'string'
      ? emailArgument
      : await askText({
          title: TITLE,
          prompt: vscode.l10n.t("The user's primary email, in {0}", displayName(directory)),
          placeHolder: 'jane@example.com',
          ignoreFocusOut: true,
          validateInput: emailProblem,
        });
  if (email === undefined) return;
  const problem = emailProblem(email);
  if (problem) return void showNotice('error', problem);
  const wanted = email.trim();
  const found = session.collection({ of: 'usersByEmail', directory: directory.id, email: wanted });
  let users: DirectoryUser[];
  try {
    users = await withProgress(vscode.l10n.t('Finding {0}…', wanted), (signal) => found.all(signal), session.signal);
  } catch (error) {
    if (!isWorkOSError(error, 'invalid'))
      return showFailure(services.log, vscode.l10n.t('Could not find {0}', wanted), error);
    services.log.error(`The email filter was refused for ${directory.id}`, error);
    offerScan(
      services,
      session,
      directory,
      wanted,
      vscode.l10n.t('WorkOS refused the email filter ({0}).', displayText(error.message, 160)),
    );
    return;
  }
  if (found.dropped > 0) {
    const dropped = found.dropped.toLocaleString('en-US');
    const others = `${dropped} user${found.dropped === 1 ? '' : 's'}`; // for the log, which stays English
    services.log.info(
      `Find User in ${directory.id}: the server ignored the email filter and sent ${others} with other emails`,
    );
    const one = found.dropped === 1;
    if (users.length === 0) {
      return offerScan(
        services,
        session,
        directory,
        wanted,
        one
          ? vscode.l10n.t(
              'WorkOS ignored the email filter: it sent {0} user with another email, not {1}.',
              dropped,
              displayText(wanted, 120),
            )
          : vscode.l10n.t(
              'WorkOS ignored the email filter: it sent {0} users with other emails, none of them {1}.',
              dropped,
              displayText(wanted, 120),
            ),
      );
    }
    void showNotice(
      'warning',
      one
        ? vscode.l10n.t(
            'WorkOS ignored the email filter and sent {0} user with another email; it was left out.',
            dropped,
          )
        : vscode.l10n.t(
            'WorkOS ignored the email filter and sent {0} users with other emails; they were left out.',
            dropped,
          ),
    );
  }
  await showMatches(services, session, directory, wanted, users);
}

/** Offers to read every user of the directory at the pace WorkOS allows; not awaited, like every message here. */
function offerScan(services: Services, session: Session, directory: Directory, wanted: string, why: string): void {
  const scanUsers = vscode.l10n.t('Scan Users');
  void showNotice(
    'warning',
    vscode.l10n.t({
      message: '{0} Read every user of {1} instead? It goes at 4 requests a second.',
      args: [why, displayName(directory)],
      comment: ['{0} is why the email filter did not work, a sentence'],
    }),
    scanUsers,
  ).then(async (choice) => {
    if (choice !== scanUsers) return;
    try {
      await showMatches(services, session, directory, wanted, await scanForEmail(session, directory, wanted));
    } catch (scanError) {
      showFailure(services.log, vscode.l10n.t('Could not scan the users of {0}', directory.id), scanError);
    }
  });
}

/** One match opens its JSON, several are listed, none says so. */
async function showMatches(
  services: Services,
  session: Session,
  directory: Directory,
  wanted: string,
  users: DirectoryUser[],
): Promise<void> {
  if (session.ended) return;
  if (users.length === 0) {
    return void showNotice(
      'info',
      vscode.l10n.t('No user of {0} has the primary email {1}.', displayName(directory), displayText(wanted, 120)),
    );
  }
  if (users.length === 1) return void (await services.documents.open(session, 'directory_user', users[0]));
  const picked = await pickOne(
    users.map((user) => ({ label: userName(user), description: displayText(user.email), detail: user.id, user })),
    {
      title: vscode.l10n.t('{0} users with {1}', users.length, displayText(wanted, 80)),
      placeHolder: vscode.l10n.t('Pick one to open its JSON'),
    },
  );
  if (picked && !session.ended) await services.documents.open(session, 'directory_user', picked.user);
}

/** Every user of the directory, read through the session (paced as the API allows), kept when the email matches. */
async function scanForEmail(session: Session, directory: Directory, email: string): Promise<DirectoryUser[]> {
  const wanted = emailKey(email);
  const users = session.collection({ of: 'users', directory: directory.id });
  return withProgress(
    vscode.l10n.t('Reading the users of {0}…', displayName(directory)),
    async (signal, report) => {
      const all = await users.all(signal, () => {
        const found = users.items.filter((user) => sameEmail(user, wanted)).length;
        report(vscode.l10n.t('{0} users read, {1} found', users.items.length.toLocaleString('en-US'), found));
      });
      return all.filter((user) => sameEmail(user, wanted));
    },
    session.signal,
  );
}

function sameEmail(user: DirectoryUser, wanted: string): boolean {
  return typeof user.email === 'string' && emailKey(user.email) === wanted;
}
