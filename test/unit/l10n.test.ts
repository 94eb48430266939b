import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import ts from 'typescript';
import { ROOT, sourceFiles } from './source-files';

// Every word this extension puts on a screen goes through l10n: `vscode.l10n.t` where the code imports
// vscode, `l10n.t` from @vscode/l10n in the vscode-free layers, `%key%` with package.nls.json in the
// manifest. These checks find what bypasses them, and check that the generated bundle and the manifest's
// keys are current.

/**
 * Words a person reads: at least two words, or one word with a lower-case letter (`Retry`, `email`,
 * `Loading…`). Not an acronym or product name (`ID`, `CSV`, `WorkOS`), nor an example value, URL, key
 * or path (`sk_…`, `jane@example.com`, `https://api.workos.com`): those read the same in every language.
 */
export function isText(text: string): boolean {
  if (/[A-Za-z]{2,}[^A-Za-z\s]*\s+[^A-Za-z\s]*[A-Za-z]{2,}/.test(text) && !/^\S*(:\/\/|@)\S*$/.test(text)) return true;
  return /^[\s("“'«]*[A-Za-z][a-z]+[\s.…:!?,;)"”'»]*$/.test(text);
}

/** Calls whose arguments (from this index on) a person reads: VS Code's and this extension's screen door. */
const TEXT_ARGUMENTS: Readonly<Record<string, number>> = {
  showInformationMessage: 0,
  showWarningMessage: 0,
  showErrorMessage: 0,
  setStatusBarMessage: 0,
  showQuickPick: 0,
  showInputBox: 0,
  // src/ui/notify.ts and prompts.ts, and the pickers built on them.
  showNotice: 1,
  showFailure: 1,
  askToConfirm: 0,
  withProgress: 0,
  askText: 0,
  pickOne: 0,
  copyText: 1,
  askForId: 2,
  askForKey: 0,
  pickDirectory: 2,
  // Tooltips, hovers and reports.
  appendMarkdown: 0,
  appendText: 0,
  appendPlain: 1,
  detailsTooltip: 0,
  appendRows: 1,
  /** A command link in a hover: `[title](command:…)`. */
  link: 0,
};
/** Constructors whose arguments a person reads (`new vscode.TreeItem(label)`). */
const TEXT_CONSTRUCTORS: Readonly<Record<string, number>> = { TreeItem: 0, MarkdownString: 0, Hover: 0 };
/**
 * Properties a person reads, in an object literal (a pick item, an input box's or a command's options)
 * or assigned (`item.tooltip = …`, `view.message = …`, `statusBarItem.text = …`). `name` only when it is
 * not `this.name`, an Error's own class name.
 */
const TEXT_PROPERTIES = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeHolder', 'prompt']);
const ASSIGNED_TEXT_PROPERTIES = new Set([...TEXT_PROPERTIES, 'placeholder', 'message', 'text', 'name']);

/** `vscode.l10n.t(…)` or `l10n.t(…)`. */
function isL10nCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText());
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The literal text of a string or template (its substitutions left out). */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

/**
 * The text literals an expression shows as they are: itself, either branch of a condition, either side
 * of `??`, `||` or `+`, an array's elements, a template's substitutions. A call (l10n.t, displayText…)
 * is where the text comes from somewhere else, so it is not looked into.
 */
function shownLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) {
    return shownLiterals(node.expression);
  }
  if (ts.isConditionalExpression(node)) return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken) return [...shownLiterals(node.left), ...shownLiterals(node.right)];
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return [...shownLiterals(node.left), ...shownLiterals(node.right)];
    }
    return [];
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((element) => (ts.isSpreadElement(element) ? [] : shownLiterals(element)));
  }
  const text = literalText(node);
  const own = text !== undefined && isText(text) ? [node] : [];
  const inside = ts.isTemplateExpression(node)
    ? node.templateSpans.flatMap((span) => shownLiterals(span.expression))
    : [];
  return [...own, ...inside];
}

/**
 * `file:line: text` for each user-visible string that bypasses l10n in `source`, and for each l10n call
 * whose message is not a literal (the bundle generator cannot see it, so it would never be translated).
 */
export function bypasses(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what = node.getText(sourceFile)) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    found.push(`${file}:${line}: ${what.replace(/\s+/g, ' ').slice(0, 100)}`);
  };
  const check = (value: ts.Expression | undefined) => {
    if (value) for (const literal of shownLiterals(value)) report(literal);
  };
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      if (l10nKey(node) === undefined)
        report(node, `l10n message or comment is not literal: ${node.getText(sourceFile)}`);
      return; // its arguments are the values put into the translated text
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const table = ts.isCallExpression(node) ? TEXT_ARGUMENTS : TEXT_CONSTRUCTORS;
      const from = name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
      if (from !== undefined) node.arguments?.slice(from).forEach(check);
    }
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const name = propertyName(node.name);
      if (name !== undefined && TEXT_PROPERTIES.has(name)) check(node.initializer);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      ASSIGNED_TEXT_PROPERTIES.has(node.left.name.text) &&
      !(node.left.name.text === 'name' && node.left.expression.kind === ts.SyntaxKind.ThisKeyword)
    ) {
      check(node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isStringLiteral(node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
}

/**
 * The key an l10n call looks its message up by (`message`, or `message/comment` joined, as VS Code and
 * @vscode/l10n compute it), or undefined when the message or the comment is not literal: the bundle
 * generator skips such a call, so it would never be translated.
 */
function l10nKey(call: ts.CallExpression): string | undefined {
  const [first] = call.arguments;
  if (isStringLiteral(first)) return first.text;
  if (!first || !ts.isObjectLiteralExpression(first)) return undefined;
  const property = (name: string) =>
    first.properties.find(
      (entry): entry is ts.PropertyAssignment => ts.isPropertyAssignment(entry) && propertyName(entry.name) === name,
    )?.initializer;
  const message = property('message');
  const comment = property('comment');
  if (!isStringLiteral(message)) return undefined;
  if (comment === undefined) return message.text;
  if (!ts.isArrayLiteralExpression(comment) || !comment.elements.every(isStringLiteral)) return undefined;
  return `${message.text}/${comment.elements.map((element) => (element as ts.StringLiteral).text).join('')}`;
}

/** The key of every l10n call in `source`. */
function l10nKeys(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) keys.push(l10nKey(node) ?? `(not literal) ${node.getText(sourceFile)}`);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return keys;
}

describe('localisable text', () => {
  const files = sourceFiles();

  it('reads the source it checks', () => {
    assert.ok(files.includes('src/ui/notify.ts'));
    assert.ok(files.length > 30, `${files.length} files`);
  });

  it('no user-visible string in src/ bypasses l10n', function () {
    this.timeout(30_000); // the TypeScript compiler loads first
    const found = files.flatMap((file) => bypasses(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(found, [], `strings that bypass l10n:\n${found.join('\n')}`);
  });

  describe('the check itself', () => {
    it('finds a literal passed to each kind of screen, however it is reached', () => {
      const bad = [
        "void vscode.window.showInformationMessage('Directory loaded');",
        "void showNotice('error', `Could not load ${id}`, 'Show Log');",
        "showFailure(log, 'Could not list the directories', error);",
        "const item = new vscode.TreeItem(loading ? 'Loading…' : 'Load more');",
        "item.tooltip = 'Click to retry.';",
        'item.description = `${count} groups`;',
        "item.command = { command: COMMANDS.loadMore, title: 'Retry' };",
        "await pickOne([{ label: 'Production', description: 'the warning colour' }], { placeHolder: 'Pick one' });",
        "await askText({ title: 'WorkOS: Search', prompt: x ?? 'Text to match' });",
        "markdown.appendMarkdown(`No key is set. ${link('Set API Key', command)}`);",
        "detailsTooltip(name, [['Email', user.email]]);",
        "this.item.text = `${icon} ${name}${hasKey ? '' : ' (no key)'}`;",
        'vscode.l10n.t(message);',
        "l10n.t({ message: `Hello ${name}`, args: [] }); l10n.t({ message: 'Hi {0}', args: [n], comment: WHO });",
        "withProgress('Exporting ' + what, work);",
      ].join('\n');
      assert.deepEqual(
        bypasses('src/x.ts', bad).map((entry) => entry.split(': ')[0]),
        [
          'src/x.ts:1',
          'src/x.ts:2',
          'src/x.ts:2',
          'src/x.ts:3',
          'src/x.ts:4',
          'src/x.ts:4',
          'src/x.ts:5',
          'src/x.ts:6',
          'src/x.ts:7',
          'src/x.ts:8',
          'src/x.ts:8',
          'src/x.ts:8',
          'src/x.ts:9',
          'src/x.ts:9',
          'src/x.ts:10',
          'src/x.ts:10',
          'src/x.ts:11',
          'src/x.ts:12',
          'src/x.ts:13',
          'src/x.ts:14',
          'src/x.ts:14',
          'src/x.ts:15',
        ],
      );
    });

    it('lets through text that goes through l10n, server text, and what is the same in every language', () => {
      const good = [
        "void showNotice('error', vscode.l10n.t('Could not load {0}', id), vscode.l10n.t('Show Log'));",
        'const item = new vscode.TreeItem(displayName(group), vscode.TreeItemCollapsibleState.None);',
        'item.description = displayText(user.email, 120);',
        "await askText({ placeHolder: 'sk_…', prompt: l10n.t({ message: 'A {0} ID', args: [label], comment: ['x'] }) });",
        "await askText({ placeHolder: 'https://api.workos.com' }); await askText({ placeHolder: 'jane@example.com' });",
        "await pickOne([{ label: 'CSV' }, { label: 'JSON' }], { title });",
        "markdown.appendMarkdown('** · '); appendPlain(markdown.appendMarkdown('**'), text);",
        "tooltip.appendMarkdown('\\n\\n'); this.name = 'WorkOSError';",
        "detailsTooltip(name, [[vscode.l10n.t('ID'), id]]);",
        "log.error('Could not read an organization name', error); const id = `${parent.id}/group/${item.id}`;",
      ].join('\n');
      assert.deepEqual(bypasses('src/x.ts', good), []);
    });

    it('what counts as words a person reads', () => {
      for (const text of ['Retry', 'email', 'Loading…', 'Set API Key', 'No groups', ' (no key)', 'click to retry']) {
        assert.ok(isText(text), text);
      }
      for (const text of [
        'ID',
        'CSV',
        'WorkOS',
        'sk_…',
        'jane@example.com',
        'https://api.workos.com',
        '** · ',
        ': ',
        '',
      ]) {
        assert.ok(!isText(text), text);
      }
    });
  });
});

interface ManifestNode {
  [key: string]: unknown;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as ManifestNode;
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Every string in `value`, with its path: `contributes.commands[3].title`. */
function strings(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => strings(item, at ? `${at}.${key}` : key));
  }
  return [];
}

/** The manifest's fields a person reads: the listing, the palette, the views, the settings. */
const MANIFEST_TEXT = [
  /^(displayName|description)$/,
  /^capabilities\.\w+\.description$/,
  /^contributes\.viewsContainers\.\w+\[\d+\]\.title$/,
  /^contributes\.views\.\w+\[\d+\]\.(name|contextualTitle)$/,
  /^contributes\.viewsWelcome\[\d+\]\.contents$/,
  /^contributes\.commands\[\d+\]\.(title|category|shortTitle)$/,
  /^contributes\.configuration\.title$/,
  /^contributes\.configuration\.properties\.[\w.]+\.(description|markdownDescription|patternErrorMessage|deprecationMessage|markdownDeprecationMessage|enumDescriptions\[\d+\]|markdownEnumDescriptions\[\d+\])$/,
  /^contributes\.menus\.[\w/]+\[\d+\]\.title$/,
  /^contributes\.walkthroughs\[\d+\]\.(title|description)$/,
  /^contributes\.walkthroughs\[\d+\]\.steps\[\d+\]\.(title|description|media\.altText)$/,
];

describe('the manifest’s text', () => {
  const all = strings(manifest);
  const keys = all.flatMap(([, value]) => /^%([^%]+)%$/.exec(value)?.[1] ?? []);

  it('every field a person reads is a %key% of package.nls.json', () => {
    const shown = all.filter(([at]) => MANIFEST_TEXT.some((pattern) => pattern.test(at)));
    assert.ok(shown.length > 40, `${shown.length} fields`);
    assert.deepEqual(
      shown.filter(([, value]) => !/^%[^%]+%$/.test(value)).map(([at, value]) => `${at}: ${value}`),
      [],
    );
    assert.equal(manifest.l10n, './l10n');
  });

  it('every %key% exists in package.nls.json, and every key there is used', () => {
    assert.deepEqual(
      keys.filter((key) => !Object.hasOwn(nls, key)),
      [],
      'keys missing from package.nls.json',
    );
    const used = new Set(keys);
    assert.deepEqual(
      Object.keys(nls).filter((key) => !used.has(key)),
      [],
      'keys of package.nls.json no field uses',
    );
  });
});

describe('the l10n bundle', () => {
  it('l10n/bundle.l10n.json holds exactly the messages of src/ (the build writes it: run a build)', async function () {
    this.timeout(30_000); // the generator parses every file with tree-sitter
    // One text, as esbuild.mjs gives it (the generator's cost is mostly per file; the result is the same).
    const sources = sourceFiles().map((file) => fs.readFileSync(path.join(ROOT, file), 'utf8'));
    const expected = await getL10nJson([{ extension: '.ts', contents: sources.join('\n') }]);
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as object;
    assert.ok(Object.keys(expected).length > 200, `${Object.keys(expected).length} messages`);
    assert.deepEqual(bundle, expected);
  });

  it('every l10n call of src/ finds its message in the bundle, by the key VS Code looks it up by', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as object;
    const keys = sourceFiles().flatMap((file) => l10nKeys(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    assert.ok(keys.length > 300, `${keys.length} calls`);
    assert.deepEqual(
      keys.filter((key) => !Object.hasOwn(bundle, key)),
      [],
    );
  });
});
