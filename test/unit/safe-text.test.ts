import * as assert from 'node:assert/strict';
import { displayName, displayText, logLine, noticeText, pickText, protectKey, redact } from '../../src/safe-text';

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
  });
});
