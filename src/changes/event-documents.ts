import * as vscode from 'vscode';
import { format } from '../documents/object-documents';
import type { Sessions } from '../session/sessions';
import { isEventId, type WorkOSEvent } from '../workos';
import { currentValues, previousValues } from './event-words';

export const EVENT_SCHEME = 'workos-event';

/** What a document shows of an event: the event as sent, or the two sides of Compare with Previous. */
type Part = 'event' | 'previous' | 'current';
const PARTS: Record<Part, (event: WorkOSEvent) => unknown> = {
  event: (event) => event,
  previous: previousValues,
  current: currentValues,
};

/**
 * Read-only JSON of events, from the session of the environment named in the URI (its authority), so
 * an event is never shown under another environment. There is no API to read one event by ID: a tab
 * restored after the session ended says to open it again from the list.
 */
export class EventDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly sessions: Sessions) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(EVENT_SCHEME, this);
  }

  /** The event exactly as the API sent it, as a read-only JSON editor. */
  async open(environmentId: string, event: WorkOSEvent): Promise<void> {
    const document = await vscode.workspace.openTextDocument(eventUri(environmentId, event.id, 'event'));
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  /** The previous values on the left, the data now on the right. */
  async compare(environmentId: string, event: WorkOSEvent, title: string): Promise<void> {
    await vscode.commands.executeCommand(
      'vscode.diff',
      eventUri(environmentId, event.id, 'previous'),
      eventUri(environmentId, event.id, 'current'),
      title,
      { preview: true },
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [, id = '', file = ''] = uri.path.split('/');
    const part = (file === `${id}.json` ? 'event' : file.replace(/\.json$/, '')) as Part;
    if (!isEventId(id) || !Object.hasOwn(PARTS, part))
      return `// ${vscode.l10n.t('{0} does not name an event.', uri.path)}\n`;
    const state = await this.sessions.of(uri.authority || undefined);
    const event = 'session' in state ? state.session.changes.event(id) : undefined;
    if (!event) return `// ${vscode.l10n.t('{0} is no longer loaded: open it again from Recent Changes.', id)}\n`;
    return format(PARTS[part](event));
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function eventUri(environmentId: string, id: string, part: Part): vscode.Uri {
  // The last segment is the tab title: the event's ID for the event itself.
  const file = part === 'event' ? id : part;
  return vscode.Uri.from({ scheme: EVENT_SCHEME, authority: environmentId, path: `/${id}/${file}.json` });
}
