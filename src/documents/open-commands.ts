import * as vscode from 'vscode';
import { showFailure, withProgress } from '../ui/notify';
import { askForId, requireSession } from '../ui/prompts';
import type { WorkOSObject } from '../session/session';
import type { Services } from '../services';
import { describeKind, idProblem, KINDS, kindOfId, OBJECT_KINDS, type WorkOSObjectKind } from '../workos';

/** What Open by ID accepts: the prefix says which it is. */
export const OPENABLE_KINDS: readonly WorkOSObjectKind[] = OBJECT_KINDS.filter((kind) => KINDS[kind].opens);

/**
 * Opens one object's JSON. A tree row passes the object its page listed, shown as listed without a
 * request; an ID alone (the palette, a keybinding, another extension) is always asked of the API
 * anew, since the person wants what WorkOS says now. Both leave the object in the session's cache.
 */
export async function openObject(
  context: Services,
  kinds: readonly WorkOSObjectKind[],
  idArgument: unknown,
  listed: unknown,
  title: string,
  environmentId?: string,
): Promise<void> {
  // Ask for the key before the ID: typing an ID only to learn that no key is set wastes the typing.
  const session = await requireSession(context.sessions, environmentId);
  if (!session) return;
  const kind = listedKind(listed, idArgument, kinds);
  // Only a copy this session listed: a row still on screen from before a switch is of another
  // environment, and is asked of this one anew rather than shown (or cached) under its name.
  if (kind && session.received(listed)) {
    session.remember(kind, listed as WorkOSObject); // the document shows the row's copy
    return void (await context.documents.open(session, kind, listed as WorkOSObject));
  }
  const id = await askForId(kinds, idArgument, title);
  if (!id) return;
  const idKind = kindOfId(id)!;
  let object: WorkOSObject;
  try {
    object = await withProgress(
      vscode.l10n.t('Fetching {0}…', id),
      (signal) => session.fetch(idKind, id, signal),
      session.signal,
    );
  } catch (error) {
    return showFailure(
      context.log,
      vscode.l10n.t({
        message: 'Could not open {0} {1}',
        args: [describeKind(idKind).label, id],
        comment: ['{0} is a kind of object ("directory group"), {1} its ID'],
      }),
      error,
    );
  }
  await context.documents.open(session, idKind, object);
}

/** The kind of the object a tree row passes along, when it is one we could have listed under that ID. */
function listedKind(listed: unknown, id: unknown, kinds: readonly WorkOSObjectKind[]): WorkOSObjectKind | undefined {
  if (typeof listed !== 'object' || listed === null || typeof id !== 'string') return undefined;
  if ((listed as { id?: unknown }).id !== id || idProblem(id, kinds) !== undefined) return undefined;
  return kindOfId(id);
}
