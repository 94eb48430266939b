// A stand-in for the `vscode` module, for the one unit suite that tests src/ui/notify.ts in plain Node:
// it records what each screen API was asked to show and answers as the test tells it. Imported
// first, it is what `require('vscode')` returns in that bundle from then on.
import Module from 'node:module';
import * as l10n from '@vscode/l10n';

/** One call of a screen API: its name and the arguments it got. */
export interface ScreenCall {
  api: string;
  args: unknown[];
}

/** A quick pick made by `createQuickPick`, as the fake keeps it. */
export interface FakeQuickPick {
  title?: string;
  placeholder?: string;
  items: Array<{ label: string; description?: string; detail?: string }>;
  busy: boolean;
  value: string;
  shown: boolean;
}

export const screen = {
  calls: [] as ScreenCall[],
  quickPicks: [] as FakeQuickPick[],
  clipboard: '',
  /** What the next notification, input box or quick pick answers. */
  answer: undefined as unknown,
  /** The messages a progress reported, by title. */
  progress: new Map<string, string[]>(),
  /** Presses Cancel on the progress shown last. */
  cancel: () => undefined as void,
  clear(): void {
    this.calls = [];
    this.quickPicks = [];
    this.clipboard = '';
    this.answer = undefined;
    this.progress.clear();
  },
};

const record =
  (api: string) =>
  (...args: unknown[]): Promise<unknown> => {
    screen.calls.push({ api, args });
    return Promise.resolve(screen.answer);
  };

const noEvent = () => ({ dispose: () => undefined });

const fake = {
  ProgressLocation: { Notification: 15 },
  // English, as VS Code's own l10n.t formats it with no bundle loaded.
  l10n: { t: l10n.t, bundle: undefined },
  commands: { executeCommand: record('executeCommand') },
  env: {
    clipboard: {
      writeText: (text: string) => {
        screen.clipboard = text;
        return Promise.resolve();
      },
    },
  },
  window: {
    showInformationMessage: record('showInformationMessage'),
    showWarningMessage: record('showWarningMessage'),
    showErrorMessage: record('showErrorMessage'),
    showInputBox: record('showInputBox'),
    showQuickPick: async (items: unknown, options: unknown) => {
      screen.calls.push({ api: 'showQuickPick', args: [await items, options] });
      return screen.answer;
    },
    setStatusBarMessage: record('setStatusBarMessage'),
    withProgress: (
      options: { title: string },
      task: (
        progress: { report: (value: { message: string }) => void },
        token: { onCancellationRequested: (listener: () => void) => unknown },
      ) => unknown,
    ) => {
      screen.calls.push({ api: 'withProgress', args: [options] });
      const messages: string[] = [];
      screen.progress.set(options.title, messages);
      const listeners: Array<() => void> = [];
      screen.cancel = () => listeners.forEach((listener) => listener());
      const token = { onCancellationRequested: (listener: () => void) => listeners.push(listener) };
      return task({ report: ({ message }) => messages.push(message) }, token);
    },
    createQuickPick: () => {
      const quickPick: FakeQuickPick & Record<string, unknown> = {
        items: [],
        busy: false,
        value: '',
        shown: false,
        selectedItems: [],
        activeItems: [],
        onDidChangeValue: noEvent,
        onDidAccept: noEvent,
        onDidHide: noEvent,
        show: () => (quickPick.shown = true),
        dispose: () => undefined,
      };
      screen.quickPicks.push(quickPick);
      return quickPick;
    },
  },
};

type Load = (request: string, ...rest: unknown[]) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fake : load.call(this, request, ...rest);
};
