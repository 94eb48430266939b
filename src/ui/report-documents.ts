import * as vscode from 'vscode';
import { fileNameText } from '../text/safe-text';

const REPORT_SCHEME = 'workos-report';
/**
 * Reports kept, newest made last: an older one's tab says to run its command again. Not dropped when
 * its document closes, since VS Code may close the document of a preview that is still open.
 */
export const MAX_REPORTS = 20;

/**
 * The reports made in this window (Diagnose Directory and the like), by URI: read-only Markdown
 * documents that the Markdown preview renders. One provider serves every kind of report.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  /**
   * Keeps a report and returns its URI. `subjectId` (an ID the client's parser checked) keeps reports of
   * different objects apart; the tab is titled `title` (server text, made safe for a file name here).
   */
  add(environmentId: string, subjectId: string, title: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: REPORT_SCHEME,
      authority: environmentId,
      path: `/${subjectId}/${fileNameText(title) || subjectId}.md`,
    });
    this.texts.delete(uri.toString());
    this.texts.set(uri.toString(), markdown);
    for (const [oldest] of this.texts) {
      if (this.texts.size <= MAX_REPORTS) break;
      this.texts.delete(oldest);
    }
    this.changes.fire(uri);
    return uri;
  }

  /** Adds a report and shows it rendered. */
  async show(environmentId: string, subjectId: string, title: string, markdown: string): Promise<vscode.Uri> {
    const uri = this.add(environmentId, subjectId, title, markdown);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.texts.get(uri.toString()) ??
      `${vscode.l10n.t('This report is no longer available: run its command again.')}\n`
    );
  }

  dispose(): void {
    this.registration.dispose();
    this.changes.dispose();
  }
}
