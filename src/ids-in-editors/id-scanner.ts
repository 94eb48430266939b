import { KINDS, OBJECT_KINDS, type WorkOSObjectKind } from '../workos';

// WorkOS IDs in free text (logs, payloads, fixtures, tickets): strict enough that words made of the
// same prefixes (`directory_users`, `org_chart`, `my_directory_x`) are not IDs. Free of VS Code.

export interface FoundId {
  readonly id: string;
  readonly kind: WorkOSObjectKind;
  /** Offsets into the text scanned: `text.slice(start, end) === id`. */
  readonly start: number;
  readonly end: number;
}

/** Today's IDs: a known prefix and the 26 Crockford base-32 characters of a ULID. */
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
/** The legacy prefixes WorkOS's own emulator still issues, whose bodies the client accepts as they come. */
const LEGACY_BODY = '(?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{8,64}';

/**
 * Every prefix of the kinds table with its body, longest first: the regular expression's alternation
 * tries them in order, so `directory_group_…` is never read as `directory_` and a group body. AuthKit's
 * own `group_…` IDs are another product's, and `group_` inside `directory_group_…` is no ID.
 */
const PREFIXES: ReadonlyArray<[prefix: string, kind: WorkOSObjectKind, body: string]> = OBJECT_KINDS.flatMap(
  (kind): Array<[string, WorkOSObjectKind, string]> => [
    [`${KINDS[kind].prefix}_`, kind, ULID],
    ...KINDS[kind].legacyPrefixes.map((legacy): [string, WorkOSObjectKind, string] => [
      `${legacy}_`,
      kind,
      LEGACY_BODY,
    ]),
  ],
).sort(([a], [b]) => b.length - a.length);

const KIND_OF_PREFIX = new Map(PREFIXES.map(([prefix, kind]) => [prefix, kind]));

/**
 * Bounded on both sides: no letter, digit or underscore may touch an ID, so a suffix glued to it (or
 * a word glued before it) makes it no ID. Longer prefixes come first in the alternation.
 */
const ID_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_])(?:${PREFIXES.map(([prefix, , body]) => `(${prefix})${body}`).join('|')})(?![A-Za-z0-9_])`,
  'g',
);

/** Every WorkOS ID in `text`, in order. One pass of one regular expression: fast on a 5 MB log. */
export function findIds(text: string): FoundId[] {
  const found: FoundId[] = [];
  for (const match of text.matchAll(ID_PATTERN)) {
    const prefix = match.slice(1).find((group) => group !== undefined)!;
    found.push({
      id: match[0],
      kind: KIND_OF_PREFIX.get(prefix)!,
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}

/** The ID that covers `offset` in `line`, if any. */
export function idAt(line: string, offset: number): FoundId | undefined {
  return findIds(line).find((found) => found.start <= offset && offset <= found.end);
}
