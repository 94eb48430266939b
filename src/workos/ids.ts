// WorkOS IDs are opaque to the API, so we check their shape (lower-case words, then a letters-and-digits
// body) and which object they name, never one exact prefix: groups also come as `directory_grp_…`.
import * as l10n from '@vscode/l10n';

export type WorkOSObjectKind = 'directory' | 'directory_group' | 'directory_user' | 'organization';

/** Everything the extension knows of one kind of object: a new kind is one entry here. */
export interface KindInfo {
  /** Today's prefix; its IDs have a 26-character ULID body. */
  readonly prefix: string;
  /** Older prefixes (WorkOS's emulator still issues `directory_grp_`), whose bodies vary in length. */
  readonly legacyPrefixes: readonly string[];
  readonly label: string;
  readonly example: string;
  /** The flat collection (`/directory_groups/{id}`): the only route for an object whose directory is unknown. */
  readonly collection: string;
  /** The collection under `/directories/{id}/` where the directory is known (WorkOS's recommended routes). */
  readonly nested?: 'groups' | 'users';
  /** Whether Open by ID (and a link in an editor) opens it as a JSON document. */
  readonly opens: boolean;
}

// Labels are getters: @vscode/l10n translates only after activation, and this table is built before.
export const KINDS: Readonly<Record<WorkOSObjectKind, KindInfo>> = {
  directory: {
    prefix: 'directory',
    legacyPrefixes: ['directory_edp'],
    get label() {
      return l10n.t('directory');
    },
    example: 'directory_01ECAZ4NV9QMV47GW873HDCX74',
    collection: 'directories',
    opens: true,
  },
  directory_group: {
    prefix: 'directory_group',
    legacyPrefixes: ['directory_grp'],
    get label() {
      return l10n.t('directory group');
    },
    example: 'directory_group_01E1JJS84MFPPQ3G655FHTKX6Z',
    collection: 'directory_groups',
    nested: 'groups',
    opens: true,
  },
  directory_user: {
    prefix: 'directory_user',
    legacyPrefixes: ['directory_usr'],
    get label() {
      return l10n.t('directory user');
    },
    example: 'directory_user_01E1JG7J09H96KYP8HM9B0G5SJ',
    collection: 'directory_users',
    nested: 'users',
    opens: true,
  },
  organization: {
    prefix: 'org',
    legacyPrefixes: [],
    get label() {
      return l10n.t('organization');
    },
    example: 'org_01EHZNVPK3SFK441A1RGBFSHRT',
    collection: 'organizations',
    opens: true,
  },
};

export const OBJECT_KINDS = Object.keys(KINDS) as readonly WorkOSObjectKind[];

/** Real IDs are about 40 characters; anything far longer is a paste gone wrong. */
export const MAX_ID_LENGTH = 128;

/** Lower-case words, then a body with at least one digit or capital: `directory_users` is a word, not an ID. */
const ID_SHAPE = /^([a-z]+(?:_[a-z]+)*)_([0-9A-Za-z]*[0-9A-Z][0-9A-Za-z]*)$/;

/** Whether `value` has the shape of any WorkOS ID (used for cursors, which may be any object's ID). */
export function isIdShaped(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && ID_SHAPE.test(value);
}

/** Which kind of object an ID names, or undefined when it is not a WorkOS ID we know. */
export function kindOfId(id: string): WorkOSObjectKind | undefined {
  const prefix = ID_SHAPE.exec(id)?.[1];
  if (prefix === undefined || id.length > MAX_ID_LENGTH) return undefined;
  return OBJECT_KINDS.find((kind) => KINDS[kind].prefix === prefix || KINDS[kind].legacyPrefixes.includes(prefix));
}

export function describeKind(kind: WorkOSObjectKind): { label: string; example: string } {
  return KINDS[kind];
}

/**
 * Why `input` is not a usable ID of `kind`, as a sentence a person can act on; undefined when it is.
 * The input is expected trimmed (see {@link normalizeId}).
 */
export function idProblem(input: string, wanted: WorkOSObjectKind | readonly WorkOSObjectKind[]): string | undefined {
  const kinds: readonly WorkOSObjectKind[] = typeof wanted === 'string' ? [wanted] : wanted;
  const label = oneOf(kinds.map((kind) => KINDS[kind].label));
  const expected =
    kinds.length === 1
      ? l10n.t({
          message: '{0} ID looks like {1}.',
          args: [capitalized(article(label)), KINDS[kinds[0]].example],
          comment: ['A kind of object with its article: "a directory group", "an organization".'],
        })
      : l10n.t('IDs look like {0}.', oneOf(kinds.map((kind) => KINDS[kind].example)));
  if (input.length === 0) {
    return l10n.t({
      message: 'Enter {0} ID. {1}',
      args: [article(label), expected],
      comment: [
        'A kind of object with its article: "a directory group", "an organization".',
        'The last argument is the sentence "A directory ID looks like …".',
      ],
    });
  }
  if (input.length > MAX_ID_LENGTH) {
    return l10n.t({
      message: 'That is {0} characters; a WorkOS ID is much shorter. {1}',
      args: [input.length, expected],
      comment: ['The last argument is the sentence "A directory ID looks like …".'],
    });
  }
  const offending = /[\s/\\%?#]/.exec(input);
  if (offending) {
    return /\s/.test(offending[0])
      ? l10n.t({
          message: 'A WorkOS ID has no spaces. {0}',
          args: [expected],
          comment: ['The last argument is the sentence "A directory ID looks like …".'],
        })
      : l10n.t({
          message: "A WorkOS ID has no '{0}'. {1}",
          args: [offending[0], expected],
          comment: ['The last argument is the sentence "A directory ID looks like …".'],
        });
  }
  const foreign = /[^\x21-\x7e]/u.exec(input);
  if (foreign) {
    const code = foreign[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return l10n.t({
      message: "The ID contains '{0}' (U+{1}), which is not a plain letter or digit; retype it. {2}",
      args: [foreign[0], code, expected],
      comment: ['The last argument is the sentence "A directory ID looks like …".'],
    });
  }
  const actual = kindOfId(input);
  if (actual && kinds.includes(actual)) return undefined;
  if (actual) {
    return l10n.t({
      message: 'That is {0} ID; this needs {1} ID. {2}',
      args: [article(KINDS[actual].label), article(label), expected],
      comment: [
        'A kind of object with its article: "a directory group", "an organization".',
        'The last argument is the sentence "A directory ID looks like …".',
      ],
    });
  }
  return l10n.t({
    message: 'That is not {0} ID. {1}',
    args: [article(label), expected],
    comment: [
      'A kind of object with its article: "a directory group", "an organization".',
      'The last argument is the sentence "A directory ID looks like …".',
    ],
  });
}

/** Trims the whitespace that copying from a page or a log usually adds. */
export function normalizeId(input: string): string {
  return input.trim();
}

/** English chooses "a" or "an" by the label's first letter; a translation may ignore the argument's. */
function article(label: string): string {
  return /^[aeiou]/.test(label) ? l10n.t('an {0}', label) : l10n.t('a {0}', label);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b or c". */
function oneOf(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : l10n.t('{0} or {1}', words.slice(0, -1).join(', '), words.at(-1)!);
}
