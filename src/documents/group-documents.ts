import * as vscode from 'vscode';
import type { Connector } from '../connection';
import { redact } from '../safe-text';
import { fullFailure } from '../text';
import type { DirectoryGroup } from '../workos';

export const SCHEME = 'workos';

/**
 * Read-only JSON views of directory groups. The URI carries the group's ID (and its name, for the tab
 * title), never the content; the content is the API object verbatim, indented like the user's JSON.
 */
export class GroupDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** The groups behind open documents: their content, until the document closes. */
  private readonly groups = new Map<string, DirectoryGroup>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  /** Fired by open(): reopening a group (from the tree or by ID) shows the copy just fetched or listed. */
  readonly onDidChange = this.changes.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly connector: Connector) {
    this.disposables = [
      this.changes,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === SCHEME) this.groups.delete(groupIdOf(document.uri));
      }),
    ];
  }

  async open(group: DirectoryGroup): Promise<vscode.TextEditor> {
    this.groups.set(group.id, group);
    const uri = uriFor(group);
    this.changes.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const id = groupIdOf(uri);
    const known = this.groups.get(id);
    if (known) return format(known);
    // A tab restored after a reload: fetch the group again.
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const connection = await this.connector.connect();
    if (!('client' in connection)) {
      return `// ${'problem' in connection ? connection.problem : 'No WorkOS API key is set: run "WorkOS: Set API Key", then reopen this group.'}\n`;
    }
    try {
      const group = await connection.client.getGroup(id, controller.signal);
      this.groups.set(id, group);
      return format(group);
    } catch (error) {
      return `// Could not load ${id}: ${fullFailure(error)}\n`;
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function uriFor(group: DirectoryGroup): vscode.Uri {
  // The last segment becomes the tab title; the ID segment before it identifies the group.
  const name = typeof group.name === 'string' ? group.name : '';
  const title =
    name
      .replace(/[\p{Cc}/\\:*?"<>|#%]+/gu, ' ')
      .trim()
      .slice(0, 80) || group.id;
  return vscode.Uri.from({ scheme: SCHEME, path: `/directory_groups/${group.id}/${title}.json` });
}

function groupIdOf(uri: vscode.Uri): string {
  return uri.path.split('/')[2] ?? '';
}

function format(group: DirectoryGroup): string {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
  const indent = editor.get<boolean>('insertSpaces', true) ? ' '.repeat(editor.get<number>('tabSize', 2)) : '\t';
  // Verbatim, except that a key the server echoed into the object is masked.
  return `${redact(JSON.stringify(group, null, indent))}\n`;
}
