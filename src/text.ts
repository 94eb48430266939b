import * as vscode from 'vscode';
import { displayText, redact } from './safe-text';
import { isWorkOSError } from './workos';

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

/** A short phrase for a failure, for a tree row; the full message goes in the tooltip. */
export function shortFailure(error: unknown): string {
  if (!isWorkOSError(error)) return 'Something went wrong';
  const status = error.status ? ` (${error.status})` : '';
  switch (error.kind) {
    case 'network':
      return 'Could not reach WorkOS';
    case 'timeout':
      return 'WorkOS did not answer in time';
    case 'rate_limited':
      return `Rate limited${status}`;
    case 'server':
      return `WorkOS server error${status}`;
    case 'not_found':
      return `Not found${status}; it may have been deleted`;
    case 'forbidden':
      return `Not allowed${status}`;
    case 'invalid_response':
      return 'Unexpected answer from WorkOS';
    case 'unauthorized':
      return 'API key rejected';
    default:
      return displayText(error.message, 80);
  }
}

/** The whole failure, with the request ID support will ask for. */
export function fullFailure(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  const requestId = isWorkOSError(error) && error.requestId ? ` Request ID: ${error.requestId}.` : '';
  return redact(`${error.message}${requestId}`);
}
