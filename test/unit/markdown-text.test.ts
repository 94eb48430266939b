import * as assert from 'node:assert/strict';
import { code, markdownText } from '../../src/text/markdown-text';

describe('markdown-text', () => {
  it('escapes what Markdown would read as emphasis, a link, a table cell or HTML', () => {
    assert.equal(markdownText('a_b*c[d](e)<f>|g&h'), 'a\\_b\\*c\\[d\\]\\(e\\)&lt;f&gt;\\|g&amp;h');
  });

  it('shows a plain ID or state as code, anything else as escaped text', () => {
    assert.equal(code('directory_grp_01H.x-y'), '`directory_grp_01H.x-y`');
    assert.equal(code('a`b'), 'a\\`b', 'a backtick cannot end the code span');
    assert.equal(code('id](command:x)'), 'id\\]\\(command:x\\)');
    assert.equal(code('x'.repeat(201)).startsWith('`'), false, 'too long for code');
  });
});
