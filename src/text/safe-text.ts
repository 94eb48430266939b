// Everything the server sends is untrusted: names come from customers' identity providers, error
// messages from WorkOS or a proxy in between. These turn such text into what may be shown or logged,
// free of VS Code so that they are tested in plain Node.

/**
 * Characters that could hide, reorder or break text: controls, bidirectional marks and overrides,
 * zero-width characters, the soft hyphen, the line and paragraph separators, the tag characters
 * (which hide text inside an emoji) and a surrogate without its pair (not text at all). A zero-width
 * joiner counts too, except between two emoji, where it draws one (👩‍💻) and hides nothing.
 */
const INVISIBLE =
  /[\p{Cc}\p{Cs}\u00AD\u061C\u200B\u200C\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const ANY_INVISIBLE = new RegExp(INVISIBLE.source, 'u');

/** Whether `text` holds a character of {@link INVISIBLE}: such a value is not what a person means to copy. */
export function hasInvisible(text: string): boolean {
  return ANY_INVISIBLE.test(text);
}

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
  return text.length > maxLength ? `${cut(text, maxLength - 1)}…` : text;
}

/** The first `length` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function cut(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** An object's name for a label, or its ID when the name is empty or not text. */
export function displayName(object: { name?: unknown; id: string }): string {
  return displayText(object.name) || displayText(object.id);
}

/**
 * Text for a quick pick's label, description or title, already made safe by {@link displayText}:
 * those render `$(icon)` as an icon, so a name such as `$(pass) Admins` would wear one. An already
 * escaped `\\$(` is left as it is (as VS Code's own escaping does), so text may pass twice.
 */
export function pickText(text: string): string {
  return text.replace(/(?<!\\)\$\(/g, '\\$(');
}

/**
 * Text for what renders `$(icon)` but no link: a quick pick's items, title and placeholder, a
 * status bar message. Any value: what is not text shows nothing, as with {@link displayText}.
 */
export function quickInputText(value: unknown): string {
  return pickText(displayText(value));
}

/** Text for an input box's prompt or validation message, which render both links and `$(icon)`. */
export function promptText(text: string): string {
  return pickText(noticeText(text));
}

const ESCAPES = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/** One log line: the key masked and control characters shown escaped, so no text can forge a line. */
export function logLine(text: string): string {
  return redact(text).replace(INVISIBLE, (c) => ESCAPES.get(c) ?? codePointEscape(c.codePointAt(0)!));
}

/** `\\u00ad`, or `\\u{e0041}` beyond the 16-bit range, as JavaScript writes them. */
function codePointEscape(code: number): string {
  const hex = code.toString(16);
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Text for a notification. VS Code renders `[label](target)` there as a link, `command:` targets
 * included, so a server message could offer a button that runs a command: the link syntax is broken
 * up (`] (` is no link) and the rest stays readable.
 */
export function noticeText(text: string): string {
  return logLine(text).replace(/\]\s*\(/g, '] (');
}

/**
 * Text that can stand in a URI's path segment and a tab title: the key masked, format characters
 * (bidi overrides, zero-width, tags) and lone surrogates dropped, controls, separators and what paths
 * and URIs treat specially made spaces, cut to `maxCodePoints` whole code points (a cut inside a
 * surrogate pair is a URI that cannot be encoded).
 */
export function fileNameText(text: string, maxCodePoints = 80): string {
  const plain = redact(text)
    .replace(/[\p{Cf}\p{Cs}]/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}/\\:*?"<>|#%]+/gu, ' ')
    .trim();
  return Array.from(plain).slice(0, maxCodePoints).join('').trimEnd();
}

/**
 * Query parameters whose values the log keeps: IDs, paging and order. Any other value (an email, a
 * search text, a provider's ID: personal data) is logged as `…`, its name kept.
 */
const LOGGED_VALUES = new Set(['directory', 'group', 'user', 'organization_id', 'limit', 'order', 'before', 'after']);

/** A request's path and query for the log: `/directory_users?email=…&limit=100`. */
export function loggedUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const [name] = pair.split('=', 1);
      return pair.includes('=') && !LOGGED_VALUES.has(decodedName(name)) ? `${name}=…` : pair;
    });
  return `${url.slice(0, start)}?${query.join('&')}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name; // not valid percent-encoding: compared as it is, so its value is not kept
  }
}
