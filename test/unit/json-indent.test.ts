import * as assert from 'node:assert/strict';
import { jsonIndent } from '../../src/documents/json-indent';

describe('the indent of WorkOS documents', () => {
  it('follows editor.tabSize and editor.insertSpaces as set', () => {
    assert.equal(jsonIndent(true, 4), '    ');
    assert.equal(jsonIndent(undefined, 2), '  ');
    assert.equal(jsonIndent(false, 4), '\t');
  });

  it('clamps a tab size to 1–8: "[json]": {"editor.tabSize": -1} still opens every document', () => {
    assert.equal(jsonIndent(true, -1), ' ');
    assert.equal(jsonIndent(true, 0), ' ');
    assert.equal(jsonIndent(true, 1e9), ' '.repeat(8));
    assert.equal(jsonIndent(true, 3.7), '   ');
  });

  it('falls back to 2 spaces for a tab size that is not a number, and to spaces for an odd insertSpaces', () => {
    for (const size of ['4', 'auto', null, undefined, NaN, Infinity, {}]) assert.equal(jsonIndent(true, size), '  ');
    for (const spaces of ['false', 0, null, {}]) assert.equal(jsonIndent(spaces, 3), '   ');
  });
});
