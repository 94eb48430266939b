import * as assert from 'node:assert/strict';
import {
  displayName,
  displayText,
  fileNameText,
  hasInvisible,
  loggedUrl,
  logLine,
  noticeText,
  pickText,
  protectKey,
  redact,
} from '../../src/text/safe-text';

/** Each character a security review found shown or copied as if it were not there. */
const INVISIBLES: Array<[name: string, char: string, escaped: string]> = [
  ['zero-width space', '\u200B', '\\u200b'],
  ['zero-width non-joiner', '\u200C', '\\u200c'],
  ['zero-width joiner', '\u200D', '\\u200d'],
  ['word joiner', '\u2060', '\\u2060'],
  ['byte order mark', '\uFEFF', '\\ufeff'],
  ['Arabic letter mark', '\u061C', '\\u061c'],
  ['line separator', '\u2028', '\\u2028'],
  ['paragraph separator', '\u2029', '\\u2029'],
  ['soft hyphen', '\u00AD', '\\u00ad'],
  ['tag begin', '\u{E0001}', '\\u{e0001}'],
  ['tag letter A', '\u{E0041}', '\\u{e0041}'],
  ['cancel tag', '\u{E007F}', '\\u{e007f}'],
  ['a lone high surrogate', '\uD83D', '\\ud83d'],
];

describe('safe text', () => {
  describe('displayText', () => {
    it('shows names whole up to 1,024 characters (IdPs allow 255–256) and cuts only beyond', () => {
      for (const length of [256, 1024]) assert.equal(displayText('N'.repeat(length)), 'N'.repeat(length));
      const cut = displayText('N'.repeat(1030));
      assert.equal(cut.length, 1024);
      assert.ok(cut.endsWith('…'));
    });

    it('shows nothing for values that are not text, so the caller falls back', () => {
      for (const value of [{ toString: () => 'evil' }, ['a'], null, undefined, true])
        assert.equal(displayText(value), '');
      assert.equal(displayText(42), '42');
      assert.equal(displayName({ name: { nested: 1 }, id: 'directory_01X' }), 'directory_01X');
      assert.equal(displayName({ name: '', id: 'directory_01X' }), 'directory_01X');
    });

    it('replaces control and bidi characters', () => {
      assert.equal(displayText('a\nb\u202Ec'), 'a�b�c');
    });

    for (const [name, char] of INVISIBLES) {
      it(`replaces the ${name}, so a name cannot hide text`, () => {
        assert.equal(displayText(`ad${char}min`), 'ad�min');
        assert.ok(hasInvisible(`x${char}`));
      });
    }

    it('replaces a zero-width joiner that touches anything but an emoji on both sides', () => {
      assert.equal(displayText('👩\u200Dx x\u200D💻 \u200D'), '👩�x x�💻 �');
    });

    it('keeps emoji, accents and scripts whole, the joiner inside an emoji sequence too', () => {
      for (const text of ['Équipe', '日本語', 'עברית', '👍', 'Ünïcødé', '👩‍💻 Devs', '👍🏽‍➡️', '❤️‍🔥']) {
        assert.equal(displayText(text), text);
        assert.ok(!hasInvisible(text), text);
      }
    });

    it('cuts a long name before an emoji rather than through it', () => {
      const cut = displayText(`${'N'.repeat(1022)}👍👍`);
      assert.equal(cut, `${'N'.repeat(1022)}…`);
      assert.doesNotThrow(() => encodeURIComponent(cut));
    });
  });

  describe('redact', () => {
    it('masks a key of any shape once it is protected, and anything shaped like sk_…', () => {
      const odd = 'not-shaped-like-a-key-9f8e7d';
      assert.equal(redact(`echo ${odd}`), `echo ${odd}`, 'unknown until protected');
      protectKey(odd);
      assert.equal(redact(`echo ${odd} twice ${odd}`), 'echo [redacted] twice [redacted]');
      assert.equal(
        redact('sk_test_abcdef and Authorization: Bearer xyz'),
        'sk_…[redacted] and Authorization: Bearer [redacted]',
      );
      assert.ok(!displayText(`group ${odd}`).includes(odd), 'labels are redacted too');
    });
  });

  describe('logLine', () => {
    it('keeps server text on one line: newlines and escapes cannot forge a log line', () => {
      const line = logLine('GET /x → 400: bad\n2026-12-01 [error] forged\r\u001b[31mred\u0000');
      assert.equal(line.split(/\r|\n/).length, 1);
      assert.equal(line, 'GET /x → 400: bad\\n2026-12-01 [error] forged\\r\\u001b[31mred\\u0000');
    });

    it('shows every invisible character as its escape, so the log tells what was there', () => {
      for (const [name, char, escaped] of INVISIBLES) assert.equal(logLine(`a${char}b`), `a${escaped}b`, name);
    });
  });

  describe('loggedUrl', () => {
    it('keeps the path and the parameter names, not an email, a search text or a provider’s ID', () => {
      assert.equal(
        loggedUrl('/directories/directory_01X/users?email=jane%40example.com&limit=100'),
        '/directories/directory_01X/users?email=…&limit=100',
      );
      assert.equal(loggedUrl('/directories?search=Acme%20Corp&limit=10'), '/directories?search=…&limit=10');
      assert.equal(
        loggedUrl('/directory_users?directory=d_1&idp_id=00u1ab&after=directory_user_01Y&order=asc'),
        '/directory_users?directory=d_1&idp_id=…&after=directory_user_01Y&order=asc',
      );
    });

    it('masks the value of a name it does not know, and of one percent-encoded to look like another', () => {
      assert.equal(
        loggedUrl('/directory_users?first_name=Jane&e%6Dail=j%40x.io'),
        '/directory_users?first_name=…&e%6Dail=…',
      );
      assert.equal(loggedUrl('/directory_groups?lim%ZZ=1'), '/directory_groups?lim%ZZ=…');
      assert.equal(loggedUrl('/directories'), '/directories');
    });
  });

  describe('fileNameText (a tab title)', () => {
    it('cuts by code point: 79 letters and an emoji stay 80 whole code points that a URI can hold', () => {
      const name = `${'N'.repeat(79)}👍 more`;
      const title = fileNameText(name);
      assert.equal(title, `${'N'.repeat(79)}👍`);
      assert.doesNotThrow(() => encodeURIComponent(title));
    });

    it('drops format characters (bidi overrides, zero-width, tags) and lone surrogates', () => {
      assert.equal(fileNameText('Admins\u202Etxt.exe'), 'Adminstxt.exe');
      assert.equal(fileNameText('a\u200Bb\u{E0041}c\uFEFF\u00ADd\uD83D'), 'abcd');
      assert.equal(fileNameText('👩‍💻 Devs'), '👩💻 Devs');
    });

    it('turns what a path or URI treats specially into spaces, and masks a key', () => {
      assert.equal(fileNameText('a/b\\c:d*e?f"g<h>i|j#k%l\nm\u2028n'), 'a b c d e f g h i j k l m n');
      protectKey('sk_test_in_a_tab_title_77');
      assert.equal(fileNameText('x sk_test_in_a_tab_title_77'), 'x [redacted]');
    });
  });

  describe('noticeText', () => {
    it('breaks Markdown link syntax, command links included, and keeps the words', () => {
      const text = noticeText(
        'Bad request: [Fix it](command:workos.clearApiKey?%5B%5D) or [x] (y) [site](https://e.example)',
      );
      assert.ok(!/\]\(/.test(text), text);
      assert.equal(
        text,
        'Bad request: [Fix it] (command:workos.clearApiKey?%5B%5D) or [x] (y) [site] (https://e.example)',
      );
    });
  });

  describe('pickText', () => {
    it('keeps $(icon) in a name as text, where a quick pick would draw an icon', () => {
      assert.equal(pickText('$(pass) Admins $(x'), '\\$(pass) Admins \\$(x');
      assert.equal(pickText('Plain $ name (1)'), 'Plain $ name (1)');
    });

    it('escapes once: text that passed already passes again unchanged', () => {
      const once = pickText('$(pass) a \\$(x) b');
      assert.equal(once, '\\$(pass) a \\$(x) b');
      assert.equal(pickText(once), once);
    });
  });
});
