import * as vscode from 'vscode';
import { fileNameText, redact } from '../text/safe-text';
import type { EnvironmentStore } from '../environments/environment-store';
import { environmentLabel, environmentName } from '../environments/environment-text';
import type { Sessions } from '../session/sessions';
import type { Session, WorkOSObject } from '../session/session';
import { fullFailure } from '../text/failure-text';
import { idProblem, KINDS, OBJECT_KINDS, type WorkOSObjectKind } from '../workos';
import { jsonIndent } from './json-indent';

export const SCHEME = 'workos';
/**
 * The same documents, as links in a report. The Markdown preview opens no link of a scheme like
 * `workos:` (letters only: the webview drops it), but hands one whose scheme has a dot to `vscode.open`.
 */
export const LINK_SCHEME = 'workos.object';

/**
 * Read-only JSON views of WorkOS objects of every kind. The URI names the environment (its ID, as
 * the authority), the kind and ID (and the object's name, for the tab title), never the content or
 * the key; the content is the object exactly as the API sent it, from the cache of that environment's
 * session, indented like the user's JSON. The same ID in two environments is two documents.
 */
export class ObjectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  /** Fired by open(): an open document shows the copy just listed or fetched. */
  readonly onDidChange = this.changes.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly sessions: Sessions,
    private readonly environments: EnvironmentStore,
  ) {
    this.disposables = [
      this.changes,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.workspace.registerTextDocumentContentProvider(LINK_SCHEME, this),
    ];
  }

  /** Shows `object` (already in `session`'s cache) as its own read-only JSON document. */
  async open(session: Session, kind: WorkOSObjectKind, object: WorkOSObject): Promise<vscode.TextEditor> {
    // With several environments, the tab title says which one the object is from.
    const all = await this.environments.list();
    const environment = all.length > 1 ? all.find(({ id }) => id === session.environmentId) : undefined;
    const uri = uriFor(session.environmentId, kind, object, environment && environmentName(environment));
    this.changes.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const target = objectOfDocument(uri);
    if (!target) return `// ${vscode.l10n.t('{0} does not name a WorkOS object.', uri.path)}\n`;
    const environmentId = environmentOfDocument(uri);
    // A tab from before environments (no authority) was of the one key: the window's environment now.
    const state = await this.sessions.of(environmentId);
    if ('problem' in state) return `// ${state.problem}\n`;
    if (!state.environment)
      return `// ${vscode.l10n.t('The WorkOS environment this document belongs to was removed.')}\n`;
    if (!('session' in state)) {
      const message = vscode.l10n.t(
        "No WorkOS API key is set for this document's environment {0}: set one, then reopen this.",
        environmentLabel(state.environment),
      );
      return `// ${message}\n`;
    }
    // A tab restored after a reload, or one the session has not seen: fetch it again.
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      return format(await state.session.get(target.kind, target.id, controller.signal));
    } catch (error) {
      return `// ${vscode.l10n.t('Could not load {0}: {1}', target.id, fullFailure(error))}\n`;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function uriFor(
  environmentId: string,
  kind: WorkOSObjectKind,
  object: WorkOSObject,
  environmentName?: string,
): vscode.Uri {
  // The last segment becomes the tab title; the ID segment before it identifies the object.
  // Masked first: a key a server echoed into a name must not end up in a URI, a tab or the recent list.
  const title = (typeof object.name === 'string' && fileNameText(object.name)) || object.id;
  const suffix = environmentName ? ` (${fileNameText(environmentName)})` : '';
  return vscode.Uri.from({
    scheme: SCHEME,
    authority: environmentId,
    path: `/${KINDS[kind].collection}/${object.id}/${title}${suffix}.json`,
  });
}

/** A link to the object's document that opens from a report in the Markdown preview (see LINK_SCHEME). */
export function reportLinkFor(environmentId: string, kind: WorkOSObjectKind, object: WorkOSObject): vscode.Uri {
  return uriFor(environmentId, kind, object).with({ scheme: LINK_SCHEME });
}

/** The environment one of our documents belongs to (its URI's authority); undefined for any other document. */
export function environmentOfDocument(uri: vscode.Uri): string | undefined {
  return (uri.scheme === SCHEME || uri.scheme === LINK_SCHEME) && uri.authority !== '' ? uri.authority : undefined;
}

/** The kind and ID a document's URI names; undefined for a path we did not make. */
export function objectOfDocument(uri: vscode.Uri): { kind: WorkOSObjectKind; id: string } | undefined {
  const [, collection, id = ''] = uri.path.split('/');
  const kind = OBJECT_KINDS.find((k) => KINDS[k].collection === collection);
  return kind && idProblem(id, kind) === undefined ? { kind, id } : undefined;
}

/** JSON as the user indents it, a key the server echoed into it masked: for every read-only document. */
export function format(object: unknown): string {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
  const indent = jsonIndent(editor.get<unknown>('insertSpaces'), editor.get<unknown>('tabSize'));
  // Verbatim, except that a key the server echoed into the object is masked.
  return `${redact(JSON.stringify(object, null, indent) ?? 'null')}\n`;
}
