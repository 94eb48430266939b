import * as vscode from 'vscode';
import { displayName, displayText } from '../text/safe-text';
import type { Session, WorkOSObject } from '../session/session';
import type { Sessions } from '../session/sessions';
import { environmentOfDocument } from '../documents/object-documents';
import { environmentLabel } from '../environments/environment-text';
import { appendPlain, appendRows } from '../ui/markdown';
import { shortFailure } from '../text/failure-text';
import { stateLook, typeName } from '../tree/directory-words';
import { userName } from '../text/user-names';
import { describeKind, isWorkOSError, type Directory, type DirectoryGroup, type DirectoryUser } from '../workos';
import { commandUri } from './command-links';
import { idAt, type FoundId } from './id-scanner';
import { COMMANDS, type CommandId } from '../ui/contributes';

/** The only commands a hover's links may run. */
const HOVER_COMMANDS = [COMMANDS.openById, COMMANDS.showUserGroups, COMMANDS.setApiKey, COMMANDS.switchEnvironment];

/**
 * What a WorkOS ID under the pointer is. The session's cache answers first (what the tree showed costs
 * nothing); otherwise one request per ID per session, shared while in flight and cancelled when the
 * hover goes away. Nothing is asked before a hover: not while a file opens, not while someone types.
 */
export class IdHovers implements vscode.HoverProvider {
  constructor(
    private readonly sessions: Sessions,
    private readonly enabled: () => boolean,
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    if (!this.enabled()) return undefined;
    const found = idAt(document.lineAt(position.line).text, position.character);
    if (!found) return undefined;
    const range = new vscode.Range(position.line, found.start, position.line, found.end);
    const hover = (markdown: vscode.MarkdownString) => new vscode.Hover(markdown, range);
    // In one of our documents, its own environment answers, whichever the window works in now.
    const environmentId = environmentOfDocument(document.uri);
    const state = await this.sessions.of(environmentId);
    if (!('session' in state)) {
      const markdown = trusted();
      if ('problem' in state) appendPlain(markdown, displayText(state.problem));
      else if (environmentId === undefined) {
        const setKey = link(vscode.l10n.t('Set API Key'), COMMANDS.setApiKey);
        markdown.appendMarkdown(vscode.l10n.t('No WorkOS API key is set. {0}', setKey));
      } else if (!state.environment) {
        appendPlain(markdown, vscode.l10n.t('The WorkOS environment of this document was removed.'));
      } else {
        // Set API Key would set the window's environment's key, which may be another one.
        const label = environmentLabel(state.environment);
        appendPlain(markdown, vscode.l10n.t('Environment {0} of this document has no API key.', label));
        markdown.appendMarkdown(
          ` ${link(vscode.l10n.t('Switch to It'), COMMANDS.switchEnvironment, state.environment.id)}`,
        );
      }
      return hover(markdown);
    }
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const object = await state.session.get(found.kind, found.id, controller.signal);
      return hover(await describe(found, object, state.session, controller.signal, environmentId));
    } catch (error) {
      if (token.isCancellationRequested || isWorkOSError(error, 'cancelled')) return undefined;
      const markdown = trusted();
      appendPlain(
        markdown,
        vscode.l10n.t({
          message: '{0} {1}: ',
          args: [describeKind(found.kind).label, found.id],
          comment: ['a kind of object ("directory group") and its ID, before why it could not be read'],
        }),
      );
      // One short line: a hover is no place for a modal or a toast.
      appendPlain(
        markdown,
        isWorkOSError(error, 'not_found') ? vscode.l10n.t('Not found with the current key') : shortFailure(error),
      );
      return hover(markdown);
    }
  }
}

async function describe(
  found: FoundId,
  object: WorkOSObject,
  session: Session,
  signal: AbortSignal,
  environmentId: string | undefined,
): Promise<vscode.MarkdownString> {
  const markdown = trusted();
  const line = (label: string, value: unknown) => appendRows(markdown, [[label, value]]);
  appendPlain(
    markdown.appendMarkdown('**'),
    found.kind === 'directory_user' ? userName(object as DirectoryUser) : displayName(object),
  );
  markdown.appendMarkdown('** · ');
  appendPlain(markdown, describeKind(found.kind).label).appendMarkdown('\n\n');
  if (found.kind === 'directory') {
    const directory = object as Directory;
    line(vscode.l10n.t('Type'), typeName(directory.type));
    line(vscode.l10n.t('State'), stateLook(directory.state).name);
  } else if (found.kind === 'directory_group') {
    const { directory_id: directoryId } = object as DirectoryGroup;
    // The directory's name, from the cache or one more request (for that other ID); its ID if that fails.
    const directory = await session.get('directory', directoryId, signal).catch(() => undefined);
    line(vscode.l10n.t('Directory'), directory ? displayName(directory) : directoryId);
  } else if (found.kind === 'directory_user') {
    const user = object as DirectoryUser;
    line(vscode.l10n.t('Email'), user.email);
    line(vscode.l10n.t('State'), user.state);
  }
  markdown.appendMarkdown(`\n${link(vscode.l10n.t('Open JSON'), COMMANDS.openById, found.id, environmentId)}`);
  if (found.kind === 'directory_user') {
    markdown.appendMarkdown(
      ` · ${link(vscode.l10n.t('Show Groups of Directory User'), COMMANDS.showUserGroups, found.id, environmentId)}`,
    );
  }
  return markdown;
}

/** A hover whose links may run this extension's own hover commands and nothing else; text stays escaped. */
function trusted(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, false);
  markdown.isTrusted = { enabledCommands: HOVER_COMMANDS };
  markdown.supportHtml = false;
  return markdown;
}

/** `[title](command:…)` with the ID (already checked by the scanner), and the document's environment if any. */
function link(title: string, command: CommandId, id?: string, environmentId?: string): string {
  return `[${title}](${commandUri(command, id, environmentId)})`;
}
