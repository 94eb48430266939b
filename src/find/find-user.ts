import * as vscode from 'vscode';
import type { ObjectDocuments } from '../documents/object-documents';
import type { Log } from '../log';
import { showFailure, showNotice } from '../notify';
import { requireSession } from '../prompts';
import { displayName, displayText, pickText } from '../safe-text';
import type { Session } from '../session/session';
import type { Sessions } from '../session/sessions';
import { userName } from '../user-names';
import { collectAll, followPages, isWorkOSError, type Directory, type DirectoryUser } from '../workos';
import { pickDirectory } from './pick-directory';

export interface FindContext {
  sessions: Sessions;
  documents: ObjectDocuments;
  log: Log;
}

const TITLE = 'WorkOS: Find Directory User by Email';

/**
 * `workos.findUser`: a directory, an email, then `GET /directory_users?directory=…&email=…` (the
 * API's filter on the primary email). One match opens its JSON, several are listed, none says so. A
 * server that refuses the filter (an older API, an emulator) is offered a paced scan instead.
 */
export async function findUser(context: FindContext, argument?: unknown, emailArgument?: unknown): Promise<void> {
  const session = await requireSession(context.sessions);
  if (!session) return;
  const directory = await pickDirectory(session, context.log, TITLE, argument);
  if (!directory) return;
  const email =
    typeof emailArgument === 'string'
      ? emailArgument
      : await vscode.window.showInputBox({
          title: TITLE,
          prompt: `The user's primary email, in ${displayName(directory)}`,
          placeHolder: 'jane@example.com',
          ignoreFocusOut: true,
          validateInput: emailProblem,
        });
  if (email === undefined) return;
  const problem = emailProblem(email);
  if (problem) return void vscode.window.showErrorMessage(problem);
  const wanted = email.trim();
  let users: DirectoryUser[];
  try {
    users = await progress(`Finding ${wanted}…`, (signal) =>
      collectAll(
        followPages((after) =>
          session.client.listUsers({ directory: directory.id, email: wanted, limit: 100, after }, signal),
        ),
      ),
    );
  } catch (error) {
    if (!isWorkOSError(error, 'invalid')) return showFailure(context.log, `Could not find ${wanted}`, error);
    context.log.error(`The email filter was refused for ${directory.id}`, error);
    // Not awaited, like every message here: the command ends, and the scan runs if the person asks.
    void showNotice(
      'warning',
      `WorkOS refused the email filter (${displayText(error.message, 160)}). Read every user of ${displayName(directory)} instead? It goes at 4 requests a second.`,
      'Scan Users',
    ).then(async (choice) => {
      if (choice !== 'Scan Users') return;
      try {
        await showMatches(context, session, directory, wanted, await scanForEmail(session, directory, wanted));
      } catch (scanError) {
        showFailure(context.log, `Could not scan the users of ${directory.id}`, scanError);
      }
    });
    return;
  }
  await showMatches(context, session, directory, wanted, users);
}

/** One match opens its JSON, several are listed, none says so. */
async function showMatches(
  context: FindContext,
  session: Session,
  directory: Directory,
  wanted: string,
  users: DirectoryUser[],
): Promise<void> {
  for (const user of users) session.remember('directory_user', user);
  if (users.length === 0) {
    return void showNotice(
      'info',
      `No user of ${displayName(directory)} has the primary email ${displayText(wanted, 120)}.`,
    );
  }
  if (users.length === 1) return void (await context.documents.open(session, 'directory_user', users[0]));
  const picked = await vscode.window.showQuickPick(
    users.map((user) => ({
      label: pickText(userName(user)),
      description: pickText(displayText(user.email)),
      detail: user.id,
      user,
    })),
    {
      title: `${users.length} users with ${pickText(displayText(wanted, 80))}`,
      placeHolder: 'Pick one to open its JSON',
    },
  );
  if (picked) await context.documents.open(session, 'directory_user', picked.user);
}

/** Every user of the directory, read page by page (the client paces them), kept when the email matches. */
async function scanForEmail(session: Session, directory: Directory, email: string): Promise<DirectoryUser[]> {
  const wanted = email.toLowerCase();
  return progress(`Reading the users of ${displayName(directory)}…`, async (signal, report) => {
    const found: DirectoryUser[] = [];
    let read = 0;
    const pages = followPages((after) =>
      session.client.listUsers({ directory: directory.id, limit: 100, after }, signal),
    );
    for await (const page of pages) {
      read += page.data.length;
      found.push(...page.data.filter((user) => typeof user.email === 'string' && user.email.toLowerCase() === wanted));
      report(`${read.toLocaleString('en-US')} users read, ${found.length} found`);
    }
    return found;
  });
}

/** Runs `work` under a cancellable notification; cancelling aborts its requests. */
function progress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>) {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (reporter, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal, (message) => reporter.report({ message }));
    },
  );
}

function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return 'Enter an email address.';
  if (email.length > 320 || /[\s\p{Cc}]/u.test(email))
    return 'An email address has no spaces and is at most 320 characters.';
  if (!/^[^@]+@[^@]+$/.test(email)) return 'An email address looks like jane@example.com.';
  return undefined;
}
