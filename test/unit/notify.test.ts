// Imported first: src/ui/notify.ts then talks to the fake `vscode`, which records what it would show.
import { screen } from './fake-vscode';
import * as assert from 'node:assert/strict';
import type { Log } from '../../src/host/log';
import {
  askText,
  askToConfirm,
  copyText,
  pickOne,
  Picker,
  showFailure,
  showNotice,
  withProgress,
  type PickItem,
} from '../../src/ui/notify';
import { protectKey } from '../../src/text/safe-text';
import { WorkOSError } from '../../src/workos';

const LINK = 'Legal [Open report](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)';
const ICON = '$(pass) Admins';

/** Whether VS Code would render a link in `text` (its link syntax is `[label](target)`). */
const hasLink = (text: unknown) => typeof text === 'string' && /\[[^\]]*\]\(/.test(text);
/** Whether VS Code would draw an icon for `text` (an unescaped `$(`). */
const hasIcon = (text: unknown) => typeof text === 'string' && /(?<!\\)\$\(/.test(text);

const log = { error: () => undefined, show: () => undefined } as unknown as Log;

describe('the door (src/ui/notify.ts) neutralises what it shows', () => {
  beforeEach(() => screen.clear());

  it('a notification of each level shows no link, and returns the action chosen', async () => {
    for (const level of ['info', 'warning', 'error'] as const) {
      screen.answer = 'Show Log';
      assert.equal(await showNotice(level, `${LINK} failed`, 'Show Log'), 'Show Log');
    }
    assert.deepEqual(
      screen.calls.map(({ api }) => api),
      ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'],
    );
    for (const { args } of screen.calls) {
      assert.ok(!hasLink(args[0]), String(args[0]));
      assert.ok(String(args[0]).includes('Legal [Open report]'), 'the words stay');
      assert.deepEqual(args.slice(1), ['Show Log']);
    }
  });

  it('a failure’s server message shows no link', () => {
    showFailure(log, 'Could not list groups', new WorkOSError('server', `Bad: ${LINK}`));
    const [call] = screen.calls;
    assert.equal(call.api, 'showErrorMessage');
    assert.ok(!hasLink(call.args[0]), String(call.args[0]));
  });

  it('a modal question is modal, shows no link in message or detail, and is true only for its action', async () => {
    screen.answer = 'Remove';
    assert.equal(await askToConfirm(`Remove ${LINK}?`, `Detail ${LINK}`, 'Remove'), true);
    const [{ args }] = screen.calls;
    const options = args[1] as { modal: boolean; detail: string };
    assert.equal(options.modal, true);
    assert.ok(!hasLink(args[0]) && !hasLink(options.detail), JSON.stringify(args));
    screen.answer = undefined;
    assert.equal(await askToConfirm('Remove?', 'Detail', 'Remove'), false);
  });

  describe('withProgress', () => {
    it('shows no link in its title or in any message reported', async () => {
      const result = await withProgress(`Exporting ${LINK}…`, async (_signal, report) => {
        report(`read ${LINK}`);
        return 42;
      });
      assert.equal(result, 42);
      const [[title, messages]] = [...screen.progress];
      assert.ok(!hasLink(title), title);
      assert.equal(messages.length, 1);
      assert.ok(!hasLink(messages[0]), messages[0]);
    });

    it('aborts the work’s signal when the person cancels', async () => {
      let seen: AbortSignal | undefined;
      const running = withProgress('Fetching…', (signal) => {
        seen = signal;
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
      });
      assert.equal(seen?.aborted, false);
      screen.cancel();
      assert.equal(await running, 'stopped');
    });

    it('aborts the work’s signal when `until` aborts (the session ended), and at once if it already has', async () => {
      const session = new AbortController();
      let seen: AbortSignal | undefined;
      const running = withProgress(
        'Fetching…',
        (signal) => {
          seen = signal;
          return new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
        },
        session.signal,
      );
      assert.equal(seen?.aborted, false);
      session.abort();
      assert.equal(await running, 'stopped');
      await withProgress('Again…', async (signal) => assert.equal(signal.aborted, true), session.signal);
    });
  });

  it('an input box shows no icon in its title or placeholder, no link or icon in its prompt or validation', async () => {
    screen.answer = 'typed $(x) [a](b)';
    const typed = await askText({
      title: `Rename ${ICON}`,
      prompt: `Name for ${LINK} ${ICON}`,
      placeHolder: ICON,
      value: ICON,
      validateInput: (value) => (value === 'object' ? { message: LINK, severity: 3 } : `${LINK} ${ICON}`),
    });
    assert.equal(typed, 'typed $(x) [a](b)', 'what the person typed comes back as typed');
    const options = screen.calls[0].args[0] as {
      title: string;
      prompt: string;
      placeHolder: string;
      value: string;
      validateInput: (value: string) => Promise<string | { message: string }>;
    };
    assert.ok(!hasIcon(options.title) && !hasIcon(options.placeHolder), JSON.stringify(options));
    assert.ok(!hasLink(options.prompt) && !hasIcon(options.prompt), options.prompt);
    assert.equal(options.value, ICON, 'the value to edit is the person’s own text');
    const problem = await options.validateInput('text');
    assert.equal(typeof problem, 'string');
    assert.ok(!hasLink(problem) && !hasIcon(problem), JSON.stringify(problem));
    const message = (await options.validateInput('object')) as { message: string; severity: number };
    assert.ok(!hasLink(message.message), message.message);
    assert.equal(message.severity, 3);
  });

  describe('quick picks', () => {
    const items: Array<PickItem & { id: number }> = [
      { label: ICON, description: ICON, detail: `${ICON}\u202E`, id: 1 },
      { label: 'Production', icon: 'warning', id: 2 },
      { label: 'Odd', icon: 'x) $(y', id: 3 },
    ];

    it('pickOne: no text wears an icon; an item’s own icon is drawn; the pick comes back with its fields', async () => {
      screen.answer = 'picked';
      assert.equal(await pickOne(Promise.resolve(items), { title: `Pick ${ICON}`, placeHolder: ICON }), 'picked');
      const [shown, options] = screen.calls[0].args as [PickItem[], { title: string; placeHolder: string }];
      assert.ok(!hasIcon(options.title) && !hasIcon(options.placeHolder), JSON.stringify(options));
      assert.deepEqual(
        shown.map(({ label, description, detail }) => [label, description, detail]),
        [
          ['\\$(pass) Admins', '\\$(pass) Admins', '\\$(pass) Admins�'],
          ['$(warning) Production', undefined, undefined],
          ['Odd', undefined, undefined],
        ],
      );
      assert.deepEqual(
        shown.map((item) => (item as PickItem & { id: number }).id),
        [1, 2, 3],
      );
    });

    it('Picker: title, placeholder and items are neutralised whenever they are set', () => {
      const picker = new Picker<PickItem & { id: number }>();
      picker.title = `Find ${ICON}`;
      picker.placeholder = `In ${ICON}`;
      picker.items = items;
      picker.busy = true;
      picker.show();
      const [quickPick] = screen.quickPicks;
      assert.ok(!hasIcon(quickPick.title) && !hasIcon(quickPick.placeholder), JSON.stringify(quickPick));
      assert.deepEqual(
        quickPick.items.map(({ label }) => label),
        ['\\$(pass) Admins', '$(warning) Production', 'Odd'],
      );
      assert.equal(quickPick.busy, true);
      assert.equal(quickPick.shown, true);
      picker.title = ICON;
      assert.equal(quickPick.title, '\\$(pass) Admins');
    });
  });

  describe('copyText', () => {
    it('copies a plain value and says so in the status bar, where the value wears no icon', async () => {
      await copyText('$(pass)@example.com', 'email');
      assert.equal(screen.clipboard, '$(pass)@example.com');
      const [call] = screen.calls;
      assert.equal(call.api, 'setStatusBarMessage');
      assert.ok(!hasIcon(call.args[0]), String(call.args[0]));
    });

    for (const [what, value] of [
      ['a zero-width space', 'jane\u200B@example.com'],
      ['a right-to-left override', 'jane@exa\u202Emple.com'],
      ['a tag character', 'jane@example.com\u{E0041}'],
      ['a line break', 'jane@example.com\nrm -rf ~'],
    ]) {
      it(`refuses a value with ${what}, with a warning`, async () => {
        await copyText(value, 'email');
        assert.equal(screen.clipboard, '');
        assert.equal(screen.calls[0].api, 'showWarningMessage');
        assert.match(String(screen.calls[0].args[0]), /invisible characters, so it was not copied/);
      });
    }

    it('refuses a value holding a known key', async () => {
      protectKey('sk_test_copied_by_mistake_31');
      await copyText('sk_test_copied_by_mistake_31', 'ID');
      assert.equal(screen.clipboard, '');
      assert.match(String(screen.calls[0].args[0]), /API key, so it was not copied/);
    });
  });
});
