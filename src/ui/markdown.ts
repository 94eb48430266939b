import * as vscode from 'vscode';
import { displayText } from '../text/safe-text';

// Untrusted Markdown tooltips escape every value, so a name can neither add Markdown or HTML nor
// reorder the line, and can never run a command. Plain-text rules live in safe-text.ts.

/** Appends Markdown-escaped text that cannot open an HTML tag either (entities still show `<`). */
export function appendPlain(markdown: vscode.MarkdownString, value: string): vscode.MarkdownString {
  return markdown.appendText(value.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** A tooltip of `label: value` lines, every value escaped as text. */
export function detailsTooltip(title: string, rows: Array<[string, unknown]>): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  appendPlain(tooltip.appendMarkdown('**'), displayText(title)).appendMarkdown('**\n\n');
  return appendRows(tooltip, rows);
}

/**
 * Appends `label: value` lines, each value through {@link displayText} (not text or empty: no line)
 * and escaped: the rows of a tree tooltip and of a hover.
 */
export function appendRows(markdown: vscode.MarkdownString, rows: Array<[string, unknown]>): vscode.MarkdownString {
  for (const [label, value] of rows) {
    const text = displayText(value);
    if (text === '') continue;
    appendPlain(markdown.appendMarkdown(`${label}: `), text).appendMarkdown('  \n');
  }
  return markdown;
}
