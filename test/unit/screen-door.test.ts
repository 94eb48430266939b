import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayText, noticeText, pickText, promptText, quickInputText } from '../../src/text/safe-text';
import { ROOT, sourceFiles } from './source-files';

// src/ui/notify.ts is the one door to the screen: every notification, progress, input box, quick pick,
// status bar message and clipboard write goes through it, and it neutralises the text. This walks
// the source as text and names every call that goes around it.

const DOOR = 'src/ui/notify.ts';

/**
 * The VS Code calls that put text on the screen (or in the clipboard), found by name wherever they
 * are reached from; `withProgress` only as `window.withProgress`, since the door's own has that name.
 */
const SURFACE_CALL = new RegExp(
  [
    '\\b(showInformationMessage|showWarningMessage|showErrorMessage|showInputBox|showQuickPick|createQuickPick|createInputBox|setStatusBarMessage)\\b',
    '\\b(clipboard\\s*\\.\\s*writeText)\\b',
    '\\bwindow\\s*\\.\\s*(withProgress)\\b',
    // `window` under another name would hide `window.withProgress` from the pattern above.
    '=\\s*vscode\\s*\\.\\s*(window)\\b(?!\\s*\\.)',
    "import\\s*\\{[^}]*\\b(window)\\b[^}]*\\}\\s*from\\s*'vscode'",
  ].join('|'),
  'g',
);
/** The one progress allowed outside the door: a view's progress bar, which shows no text (no title). */
const VIEW_PROGRESS = /^withProgress\(\s*\{\s*location:\s*\{\s*viewId:\s*[\w.]+\s*\}\s*\}\s*,/;

/** `file:line: call` for each call of a surface in `text`, comments left out. */
function callsAround(file: string, text: string): string[] {
  const found: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const match of code.matchAll(SURFACE_CALL)) {
    const name = match.slice(1).find((group) => group !== undefined)!;
    const at = match.index + match[0].lastIndexOf(name);
    if (name === 'withProgress' && VIEW_PROGRESS.test(code.slice(at))) continue;
    const line = code.slice(0, at).split('\n').length;
    found.push(`${file}:${line}: ${name.replace(/\s+/g, '')}`);
  }
  return found;
}

describe('one door to the screen', () => {
  const files = sourceFiles();

  it('reads the source it guards', () => {
    assert.ok(files.includes(DOOR), `${DOOR} is among ${files.length} files`);
    assert.ok(files.length > 20);
  });

  it('no file but src/ui/notify.ts calls a VS Code API that shows text or writes the clipboard', () => {
    const around = files
      .filter((file) => file !== DOOR)
      .flatMap((file) => callsAround(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(around, [], `calls that go around ${DOOR}:\n${around.join('\n')}`);
  });

  describe('the walk itself', () => {
    it('names file and line of each call, however it is reached', () => {
      const text = [
        "import * as vscode from 'vscode';",
        "void vscode.window.showErrorMessage('x');",
        'const { window: win } = vscode;',
        "win.showQuickPick([]); env.clipboard.writeText('x');",
        'vscode.env.clipboard',
        "  .writeText('y');",
        "vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'x' }, work);",
        'const picker = vscode.window.createQuickPick();',
        'const w = vscode.window;',
        "import { window as w2 } from 'vscode';",
        "withProgress('title', work); this.withProgress(work);",
      ].join('\n');
      assert.deepEqual(callsAround('src/x.ts', text), [
        'src/x.ts:2: showErrorMessage',
        'src/x.ts:4: showQuickPick',
        'src/x.ts:4: clipboard.writeText',
        'src/x.ts:5: clipboard.writeText',
        'src/x.ts:7: withProgress',
        'src/x.ts:8: createQuickPick',
        'src/x.ts:9: window',
        'src/x.ts:10: window',
      ]);
    });

    it('lets a view’s progress (no text) through, and a title-bearing one not', () => {
      assert.deepEqual(callsAround('a.ts', 'vscode.window.withProgress({ location: { viewId: VIEW_ID } }, work);'), []);
      assert.deepEqual(
        callsAround('a.ts', 'vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: name }, work);'),
        ['a.ts:1: withProgress'],
      );
    });

    it('does not count a name in a comment', () => {
      assert.deepEqual(callsAround('a.ts', '// not showInputBox\n/* nor\n setStatusBarMessage */ const x = 1;'), []);
    });
  });
});

/** Server text that tries each trick a surface falls for. */
const HOSTILE = [
  'Legal [Open report](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  '$(pass) Admins $(sync~spin)',
  'Admins\u202Ecod.exe',
  'two\nlines\r\u2028three',
  '\\$(pass) already escaped',
  `${'N'.repeat(2000)}`,
];

describe('the door’s text rules', () => {
  it('a notification or progress shows no link, and words stay readable', () => {
    const shown = noticeText(HOSTILE[0]);
    assert.ok(!shown.includes(']('), shown);
    assert.ok(shown.includes('Legal [Open report] (command:'), shown);
  });

  it('a quick pick item, title or placeholder wears no icon and hides nothing', () => {
    assert.equal(quickInputText(HOSTILE[1]), '\\$(pass) Admins \\$(sync~spin)');
    assert.equal(quickInputText(HOSTILE[2]), 'Admins�cod.exe');
    assert.equal(quickInputText(HOSTILE[5]).length, 1024);
    assert.equal(quickInputText({ name: 'not text' }), '');
  });

  it('a prompt (links and icons render there) shows neither', () => {
    const shown = promptText(`${HOSTILE[0]} ${HOSTILE[1]}`);
    assert.ok(!shown.includes(']('), shown);
    assert.ok(!/(?<!\\)\$\(/.test(shown), shown);
  });

  it('no rule lets a line break through', () => {
    for (const rule of [noticeText, promptText, quickInputText]) assert.ok(!/[\n\r\u2028]/.test(rule(HOSTILE[3])));
  });

  it('text that passed a rule passes it again unchanged, so the door may neutralise what a caller already did', () => {
    for (const rule of [noticeText, promptText, quickInputText, (text: string) => pickText(displayText(text))]) {
      for (const text of HOSTILE) assert.equal(rule(rule(text)), rule(text), `${rule.name}: ${text.slice(0, 40)}`);
    }
  });
});
