import { askText, pickOne, showFailure, showNotice, withProgress } from '../ui/notify';
import { requireSession } from '../ui/prompts';
import { displayName, displayText } from '../text/safe-text';
import type { Services } from '../services';
import type { Session } from '../session/session';
import { userName } from '../text/user-names';
import { emailKey, emailProblem } from '../text/email';
import { isWorkOSError, type Directory, type DirectoryUser } from '../workos';
import { pickDirectory } from './pick-directory';

const TITLE = 'WorkOS: Find Directory User by Email';

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
          prompt: `The user's primary email, in ${displayName(directory)}`,
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
    users = await withProgress(`Finding ${wanted}…`, (signal) => found.all(signal), session.signal);
  } catch (error) {
    if (!isWorkOSError(error, 'invalid')) return showFailure(services.log, `Could not find ${wanted}`, error);
    services.log.error(`The email filter was refused for ${directory.id}`, error);
    offerScan(
      services,
      session,
      directory,
      wanted,
      `WorkOS refused the email filter (${displayText(error.message, 160)}).`,
    );
    return;
  }
  if (found.dropped > 0) {
    const others = `${found.dropped.toLocaleString('en-US')} user${found.dropped === 1 ? '' : 's'}`;
    services.log.info(
      `Find User in ${directory.id}: the server ignored the email filter and sent ${others} with other emails`,
    );
    if (users.length === 0) {
      return offerScan(
        services,
        session,
        directory,
        wanted,
        `WorkOS ignored the email filter: it sent ${others} with other emails, none of them ${displayText(wanted, 120)}.`,
      );
    }
    void showNotice(
      'warning',
      `WorkOS ignored the email filter and sent ${others} with other emails; they were left out.`,
    );
  }
  await showMatches(services, session, directory, wanted, users);
}

/** Offers to read every user of the directory at the pace WorkOS allows; not awaited, like every message here. */
function offerScan(services: Services, session: Session, directory: Directory, wanted: string, why: string): void {
  void showNotice(
    'warning',
    `${why} Read every user of ${displayName(directory)} instead? It goes at 4 requests a second.`,
    'Scan Users',
  ).then(async (choice) => {
    if (choice !== 'Scan Users') return;
    try {
      await showMatches(services, session, directory, wanted, await scanForEmail(session, directory, wanted));
    } catch (scanError) {
      showFailure(services.log, `Could not scan the users of ${directory.id}`, scanError);
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
      `No user of ${displayName(directory)} has the primary email ${displayText(wanted, 120)}.`,
    );
  }
  if (users.length === 1) return void (await services.documents.open(session, 'directory_user', users[0]));
  const picked = await pickOne(
    users.map((user) => ({ label: userName(user), description: displayText(user.email), detail: user.id, user })),
    { title: `${users.length} users with ${displayText(wanted, 80)}`, placeHolder: 'Pick one to open its JSON' },
  );
  if (picked && !session.ended) await services.documents.open(session, 'directory_user', picked.user);
}

/** Every user of the directory, read through the session (paced as the API allows), kept when the email matches. */
async function scanForEmail(session: Session, directory: Directory, email: string): Promise<DirectoryUser[]> {
  const wanted = emailKey(email);
  const users = session.collection({ of: 'users', directory: directory.id });
  return withProgress(
    `Reading the users of ${displayName(directory)}…`,
    async (signal, report) => {
      const all = await users.all(signal, () => {
        const found = users.items.filter((user) => sameEmail(user, wanted)).length;
        report(`${users.items.length.toLocaleString('en-US')} users read, ${found} found`);
      });
      return all.filter((user) => sameEmail(user, wanted));
    },
    session.signal,
  );
}

function sameEmail(user: DirectoryUser, wanted: string): boolean {
  return typeof user.email === 'string' && emailKey(user.email) === wanted;
}
