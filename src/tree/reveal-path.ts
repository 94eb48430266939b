import * as l10n from '@vscode/l10n';
import { kindOfId, WorkOSError } from '../workos';
import { displayName } from '../text/safe-text';
import { listKey } from '../session/lists';
import { abortable } from '../session/collection';
import { COLLECT_LIMITS, type Session } from '../session/session';
import { levelOf } from './levels';
import type { TreeModel } from './model';
import { isObjectNode, objectOfRow, type ObjectNode, type ParentNode } from './nodes';

// Finding a row of the Directories view by its WorkOS ID, through the view's own model: the same paged
// lists its rows and "Load more" come from, loaded a page at a time in order, so what is found is
// exactly what the view then shows. Free of VS Code, so the benchmark counts its pages in plain Node.

/** What to find: a directory, or a group of a known directory. */
export type RevealTarget =
  | { readonly kind: 'directory'; readonly id: string }
  | { readonly kind: 'group'; readonly id: string; readonly directory: string };

/** One list being read: its rows so far, the pages this walk loaded, and the total when the directory says. */
export interface RevealStep {
  readonly list: 'directories' | 'groups';
  readonly rows: number;
  readonly pagesLoaded: number;
  readonly total: number | undefined;
}

export type RevealOutcome =
  | { readonly found: ObjectNode }
  /** Which row a list read to its end did not hold: the directory's (the root), or the group's. */
  | { readonly missing: 'directory' | 'group' }
  /** The root shows a search that does not list the directory; without it, it may be there. */
  | { readonly outsideSearch: true }
  | { readonly failed: unknown }
  /** The list went on past the shared collection limits before the row came. */
  | { readonly limit: { readonly rows: number; readonly pages: number } }
  | { readonly cancelled: true };

export interface Target {
  row: RevealTarget;
  /** The object's name, for what the progress and the messages say. */
  name: string;
  /** A user's name, when the ID named a user and its directory is shown. */
  user?: string;
}

/**
 * What to find for `id`: a directory as it is; a group (or a user) under the directory its object names,
 * from the session's cache or one request. A 404 throws `not_found` before anything is loaded.
 */
export async function revealTarget(session: Session, id: string, signal: AbortSignal): Promise<Target> {
  const kind = kindOfId(id);
  if (kind === 'directory') {
    const directory = await session.get('directory', id, signal);
    return { row: { kind: 'directory', id }, name: displayName(directory) };
  }
  const object =
    kind === 'directory_group'
      ? await session.get('directory_group', id, signal)
      : await session.get('directory_user', id, signal);
  // A server that answers with another object, or one without a directory, is not one to walk for.
  const directory = object.id === id ? object.directory_id : undefined;
  if (typeof directory !== 'string' || kindOfId(directory) !== 'directory') {
    throw new WorkOSError('invalid_response', l10n.t('WorkOS answered for {0} without the directory it is in.', id));
  }
  if (kind === 'directory_group') return { row: { kind: 'group', id, directory }, name: displayName(object) };
  const directoryName = displayName(await session.get('directory', directory, signal).catch(() => ({ id: directory })));
  return { row: { kind: 'directory', id: directory }, name: directoryName, user: displayName(object) };
}

/**
 * Loads pages of the root list (and, for a group, of its directory's list) until `target`'s row is
 * among them; nothing is expanded or selected here. `signal` stops between pages and stops waiting for
 * the page in flight (which still lands in the list, as a "Load more" click would).
 */
export async function findRow(
  model: TreeModel,
  session: Session,
  target: RevealTarget,
  options: { signal?: AbortSignal; onStep?: (step: RevealStep) => void } = {},
): Promise<RevealOutcome> {
  const directoryId = target.kind === 'directory' ? target.id : target.directory;
  const directory = await findIn(model, session, undefined, directoryId, options);
  if (!('found' in directory) || target.kind === 'directory') {
    if ('missing' in directory && model.search !== undefined) return { outsideSearch: true };
    return 'missing' in directory ? { missing: 'directory' } : directory;
  }
  const parent = directory.found as ParentNode;
  const group = await findIn(model, session, parent, target.id, options);
  return 'missing' in group ? { missing: 'group' } : group;
}

/** Reads `parent`'s list (undefined: the root) page by page until the row of object `id` is in it. */
async function findIn(
  model: TreeModel,
  session: Session,
  parent: ParentNode | undefined,
  id: string,
  { signal, onStep }: { signal?: AbortSignal; onStep?: (step: RevealStep) => void },
): Promise<RevealOutcome> {
  const key = listKey(levelOf(parent).query(parent, model.search));
  const total = parent?.kind === 'directory' ? countOf(parent.directory.metadata?.groups) : undefined;
  let pagesLoaded = 0;
  for (;;) {
    const rows = await settle(model.children(parent), signal);
    if (rows === undefined || session.ended) return { cancelled: true };
    const row = rows.value.find((node) => isObjectNode(node) && objectOfRow(node)?.object.id === id);
    if (row && isObjectNode(row)) return { found: row };
    const trailer = rows.value.at(-1);
    if (trailer?.kind === 'message') return { failed: trailer.error };
    // A rejected key empties the view (its welcome says so): not a row that is missing.
    const { keyState } = model.state;
    if (keyState === 'rejected' || keyState === 'missing')
      return { failed: new WorkOSError('unauthorized', keyText()) };
    const list = session.existingList(key);
    if (!list || trailer?.kind !== 'loadMore') return { missing: parent ? 'group' : 'directory' };
    if (list.items.length >= COLLECT_LIMITS.maxItems || list.pagesLoaded >= COLLECT_LIMITS.maxPages) {
      return { limit: { rows: list.items.length, pages: list.pagesLoaded } };
    }
    onStep?.({ list: parent ? 'groups' : 'directories', rows: list.items.length, pagesLoaded, total });
    const before = list.pagesLoaded;
    // A page already on its way (a person's click) is waited for, not asked twice.
    const loaded = await settle(list.isLoading ? list.loadNext() : model.loadMore(parent), signal);
    if (loaded === undefined || session.ended) return { cancelled: true };
    if (list.error !== undefined) return { failed: list.error };
    if (list.pagesLoaded === before)
      return { failed: new Error(l10n.t('The list stopped growing before the row came.')) };
    pagesLoaded++;
  }
}

/** `work`'s result, or undefined once `signal` aborts (the work itself goes on, as a click's would). */
async function settle<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<{ value: T } | undefined> {
  if (signal?.aborted) return undefined;
  try {
    return { value: await abortable(work, signal) };
  } catch (error) {
    if (signal?.aborted) return undefined;
    throw error;
  }
}

function keyText(): string {
  return l10n.t('WorkOS rejected the API key, or none is set.');
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
