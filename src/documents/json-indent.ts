// How our JSON documents are indented, from the user's editor settings. Free of VS Code.

/** The indent `JSON.stringify` gets when `editor.tabSize` is not a number. */
const DEFAULT_TAB_SIZE = 2;

/**
 * A tab, or 1–8 spaces, from `editor.insertSpaces` and `editor.tabSize` as any scope set them (a
 * `[json]` override, a workspace): not a boolean counts as spaces, a tab size out of range is clamped
 * and one that is not a number is 2. `-1` would make `' '.repeat` throw on every document.
 */
export function jsonIndent(insertSpaces: unknown, tabSize: unknown): string {
  if (insertSpaces === false) return '\t';
  const size = typeof tabSize === 'number' && Number.isFinite(tabSize) ? Math.trunc(tabSize) : DEFAULT_TAB_SIZE;
  return ' '.repeat(Math.min(8, Math.max(1, size)));
}
