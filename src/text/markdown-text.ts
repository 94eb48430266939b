import { displayText } from './safe-text';

// Server text in the Markdown reports (Diagnose Directory, Count Members, Explain User Access): each
// value goes through displayText first, then one of these, so no name can add a link, an image, HTML,
// a table cell or a heading.

/**
 * Text that Markdown shows as written within a line: no emphasis, link, image, table cell or HTML.
 * The reports put server text only after a line's start, where `#`, `-` or `1.` start nothing.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()|<>~&]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/**
 * An ID or state as code when it is plain (letters, digits, underscores, dots and hyphens, at most 200),
 * else as escaped text: a backtick in it could end the code span.
 */
export function code(value: string): string {
  return /^[\w.-]{1,200}$/.test(value) ? `\`${value}\`` : markdownText(displayText(value, 200));
}
