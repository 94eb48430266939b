// The one door to the screen: every notification, progress, modal question, input box, quick pick,
// status bar message and clipboard write of this extension goes through here, and each function
// neutralises its own text, so no caller can forget to. Names, emails and messages come from
// customers' identity providers and from servers: a notification or a prompt renders
// `[text](command:…)` as a link that runs a command, a title or a pick item renders `$(icon)`. The
// text rules themselves live in safe-text.ts, where plain Node tests them.
import * as vscode from 'vscode';
import type { Log } from '../host/log';
import { hasInvisible, noticeText, promptText, quickInputText, redact } from '../text/safe-text';
import { fullFailure } from '../text/failure-text';
import { isWorkOSError } from '../workos';
import { COMMANDS } from './contributes';

/**
 * One message for a failed command, with the one action that helps. It does not wait for the person
 * to answer, so the command that failed finishes at once.
 */
export function showFailure(log: Log, what: string, error: unknown): void {
  if (isWorkOSError(error, 'cancelled')) return;
  log.error(what, error);
  const setKey = vscode.l10n.t('Set API Key');
  const showLog = vscode.l10n.t('Show Log');
  const action = isWorkOSError(error, 'unauthorized') ? setKey : showLog;
  const message = vscode.l10n.t({
    message: '{0}: {1}',
    args: [what, fullFailure(error)],
    comment: ['{0} is what failed ("Could not load the groups of …"), {1} the reason'],
  });
  void showNotice('error', message, action).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand(COMMANDS.setApiKey);
    if (choice === showLog) log.show();
  });
}

/**
 * A notification, its text through {@link noticeText}, so it can neither forge a link nor a command
 * button. `actions` are this extension's own button labels, returned as given when chosen.
 */
export function showNotice(
  level: 'info' | 'warning' | 'error',
  text: string,
  ...actions: string[]
): Thenable<string | undefined> {
  const message = noticeText(text);
  switch (level) {
    case 'info':
      return vscode.window.showInformationMessage(message, ...actions);
    case 'warning':
      return vscode.window.showWarningMessage(message, ...actions);
    case 'error':
      return vscode.window.showErrorMessage(message, ...actions);
  }
}

/**
 * A modal question with one action besides Cancel, both texts through {@link noticeText}; true when
 * the person chose `action`.
 */
export async function askToConfirm(question: string, detail: string, action: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    noticeText(question),
    { modal: true, detail: noticeText(detail) },
    action,
  );
  return choice === action;
}

/**
 * Runs `work` under a cancellable notification. The title and every message `work` reports go
 * through {@link noticeText}. `signal` aborts when the person cancels, and when `until` (a session's
 * signal, say) aborts: the requests stop either way.
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

/**
 * An input box. Its title and placeholder render `$(icon)`, its prompt and validation messages links
 * too: each is neutralised here. The value typed is the person's own and comes back as typed.
 */
export function askText(options: vscode.InputBoxOptions): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    ...options,
    title: options.title === undefined ? undefined : quickInputText(options.title),
    prompt: options.prompt === undefined ? undefined : promptText(options.prompt),
    placeHolder: options.placeHolder === undefined ? undefined : quickInputText(options.placeHolder),
    validateInput: options.validateInput && (async (value) => validationText(await options.validateInput?.(value))),
  });
}

type Validation = string | vscode.InputBoxValidationMessage | undefined | null;

function validationText(result: Validation): Validation {
  if (typeof result === 'string') return promptText(result);
  return result ? { ...result, message: promptText(result.message) } : result;
}

/**
 * A quick pick item as callers give it: `icon` names a codicon drawn before the label (the only way
 * an icon gets there, since `$(…)` in any text shows as text).
 */
export type PickItem = vscode.QuickPickItem & { icon?: string };

/** Shows `items` (or a busy picker until they arrive) and returns the one picked, extra fields and all. */
export async function pickOne<T extends PickItem>(
  items: readonly T[] | Thenable<readonly T[]>,
  options: vscode.QuickPickOptions,
): Promise<T | undefined> {
  const shown = Promise.resolve(items).then((list) => list.map(safeItem));
  return vscode.window.showQuickPick(shown, {
    ...options,
    title: options.title === undefined ? undefined : quickInputText(options.title),
    placeHolder: options.placeHolder === undefined ? undefined : quickInputText(options.placeHolder),
  });
}

/** A codicon name as `$(name)` accepts it, optionally animated (`sync~spin`). */
const ICON_NAME = /^[a-z0-9-]+(~[a-z]+)?$/;

/** A copy of `item` (its own fields kept) whose texts show as text. */
function safeItem<T extends PickItem>(item: T): T {
  const { icon, label, description, detail } = item;
  const text = quickInputText(label);
  return {
    ...item,
    label: icon !== undefined && ICON_NAME.test(icon) ? `$(${icon}) ${text}` : text,
    description: description === undefined ? undefined : quickInputText(description),
    detail: detail === undefined ? undefined : quickInputText(detail),
  };
}

/**
 * A quick pick that changes while it is open (`vscode.window.createQuickPick`), whose title,
 * placeholder and items are neutralised as they are set. What a person types (`value`), and the items
 * picked (copies of those set, extra fields kept), read as VS Code has them.
 */
export class Picker<T extends PickItem> implements vscode.Disposable {
  private readonly quickPick = vscode.window.createQuickPick<T>();
  readonly onDidChangeValue = this.quickPick.onDidChangeValue;
  readonly onDidAccept = this.quickPick.onDidAccept;
  readonly onDidHide = this.quickPick.onDidHide;

  set title(title: string) {
    this.quickPick.title = quickInputText(title);
  }
  set placeholder(placeholder: string) {
    this.quickPick.placeholder = quickInputText(placeholder);
  }
  set items(items: readonly T[]) {
    this.quickPick.items = items.map(safeItem);
  }
  set busy(busy: boolean) {
    this.quickPick.busy = busy;
  }
  set matchOnDescription(match: boolean) {
    this.quickPick.matchOnDescription = match;
  }
  get value(): string {
    return this.quickPick.value;
  }
  set value(value: string) {
    this.quickPick.value = value;
  }
  get selectedItems(): readonly T[] {
    return this.quickPick.selectedItems;
  }
  get activeItems(): readonly T[] {
    return this.quickPick.activeItems;
  }

  show(): void {
    this.quickPick.show();
  }

  dispose(): void {
    this.quickPick.dispose();
  }
}

/**
 * Copies `value` (a row's ID or email) and says so in the status bar. A value with an invisible
 * character is not what a person means to paste, and one holding a key must not reach the clipboard:
 * either is refused, with a warning.
 */
export async function copyText(value: string, what: string): Promise<void> {
  if (hasInvisible(value)) {
    return void showNotice(
      'warning',
      vscode.l10n.t({
        message: 'This {0} holds invisible characters, so it was not copied.',
        args: [what],
        comment: ['{0} is what was to be copied: "ID" or "email"'],
      }),
    );
  }
  if (redact(value) !== value) {
    return void showNotice(
      'warning',
      vscode.l10n.t({
        message: 'This {0} holds an API key, so it was not copied.',
        args: [what],
        comment: ['{0} is what was to be copied: "ID" or "email"'],
      }),
    );
  }
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', quickInputText(value)), 3000);
}
