import * as vscode from 'vscode';
import { describeKind } from '../workos';
import { environmentOfDocument } from '../documents/object-documents';
import { commandUri } from './command-links';
import { findIds } from './id-scanner';
import { COMMANDS } from '../ui/contributes';

/** Every WorkOS ID in a document is a link that opens its JSON. Computed from the text alone: no request. */
export class IdLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly enabled: () => boolean) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    if (!this.enabled()) return [];
    // In one of our documents, an ID opens from that document's environment.
    const environmentId = environmentOfDocument(document.uri);
    return findIds(document.getText()).map(({ id, kind, start, end }) => {
      const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
      const target = vscode.Uri.parse(commandUri(COMMANDS.openById, id, environmentId));
      const link = new vscode.DocumentLink(range, target);
      link.tooltip = vscode.l10n.t({
        message: "Open the {0}'s JSON",
        args: [describeKind(kind).label],
        comment: ['{0} is a kind of object: "directory group", "directory user"…'],
      });
      return link;
    });
  }
}
