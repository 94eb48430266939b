// Everything the server sends is untrusted: names come from customers' identity providers, error
// messages from WorkOS or a proxy in between. These turn such text into what may be shown or logged,
// free of VS Code so that they are tested in plain Node.

/** Control and bidirectional-override characters, which could hide or reorder text, or start a line. */
const INVISIBLE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Longest text shown whole: identity providers allow names of 255 (Okta) or 256 (Entra) characters. */
export const MAX_SHOWN_LENGTH = 1024;

/** Anything shaped like a WorkOS secret key. */
const KEY_PATTERN = /sk_[A-Za-z0-9_]{4,}/g;
const BEARER = /(authorization:?\s*bearer\s+)\S+/gi;

/** Every key this extension host has read or stored: an old key stays masked after a new one is set. */
const keys = new Set<string>();

/** Masks `key` itself from now on, whatever its shape, wherever {@link redact} runs. */
export function protectKey(key: string): void {
  if (key) keys.add(key);
}

/** The text with every known key, anything shaped like a key, and any bearer token masked. */
export function redact(text: string): string {
  let masked = text;
  for (const key of keys) if (masked.includes(key)) masked = masked.split(key).join('[redacted]');
  return masked.replace(KEY_PATTERN, 'sk_…[redacted]').replace(BEARER, '$1[redacted]');
}

/**
 * Text for a label or a tooltip line: only strings and numbers read as text (an object, array or
 * null from a malformed answer shows nothing, so the caller's fallback shows), invisible characters
 * replaced, the key masked, cut only past `maxLength`.
 */
export function displayText(value: unknown, maxLength = MAX_SHOWN_LENGTH): string {
  const plain = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const text = redact(plain).replace(INVISIBLE, '�');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** An object's name for a label, or its ID when the name is empty or not text. */
export function displayName(object: { name?: unknown; id: string }): string {
  return displayText(object.name) || displayText(object.id);
}

/**
 * Text for a quick pick's label, description or title, already made safe by {@link displayText}:
 * those render `$(icon)` as an icon, so a name such as `$(pass) Admins` would wear one.
 */
export function pickText(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

const ESCAPES = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/** One log line: the key masked and control characters shown escaped, so no text can forge a line. */
export function logLine(text: string): string {
  return redact(text).replace(
    INVISIBLE,
    (c) => ESCAPES.get(c) ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Text for a notification. VS Code renders `[label](target)` there as a link, `command:` targets
 * included, so a server message could offer a button that runs a command: the link syntax is broken
 * up (`] (` is no link) and the rest stays readable.
 */
export function noticeText(text: string): string {
  return logLine(text).replace(/\]\s*\(/g, '] (');
}
