import * as vscode from 'vscode';
import type { Log } from './log';
import { noticeText } from './safe-text';
import { fullFailure } from './text';
import { isWorkOSError } from './workos';

/**
 * One message for a failed command, with the one action that helps. It does not wait for the person
 * to answer, so the command that failed finishes at once.
 */
export function showFailure(log: Log, what: string, error: unknown): void {
  if (isWorkOSError(error, 'cancelled')) return;
  log.error(what, error);
  const action = isWorkOSError(error, 'unauthorized') ? 'Set API Key' : 'Show Log';
  void vscode.window.showErrorMessage(noticeText(`${what}: ${fullFailure(error)}`), action).then((choice) => {
    if (choice === 'Set API Key') void vscode.commands.executeCommand('workos.setApiKey');
    if (choice === 'Show Log') log.show();
  });
}

/**
 * A notification whose text holds something from the server (a name, an email, an API message):
 * through {@link noticeText}, so it can neither forge a link nor a command button.
 */
export function showNotice(
  level: 'info' | 'warning',
  text: string,
  ...actions: string[]
): Thenable<string | undefined> {
  const message = noticeText(text);
  return level === 'info'
    ? vscode.window.showInformationMessage(message, ...actions)
    : vscode.window.showWarningMessage(message, ...actions);
}

/**
 * Runs `work` under a cancellable notification whose title and messages went through noticeText (a
 * progress notification renders links). Its signal aborts on Cancel, and when `until` aborts (the
 * session's end), so no work outlives the key it started with.
 */
export function withProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
  until?: AbortSignal,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: noticeText(title), cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const signal = until ? AbortSignal.any([controller.signal, until]) : controller.signal;
      return work(signal, (message) => progress.report({ message: noticeText(message) }));
    },
  );
}

/** Runs `work` with a cancellable notification; cancelling aborts the requests. */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal);
    },
  );
}
