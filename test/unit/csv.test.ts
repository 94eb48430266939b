import * as assert from 'node:assert/strict';
import { csvField, toCsv } from '../../src/text/csv';

/**
 * A strict RFC 4180 reader, written here so that the writer is checked against the grammar rather
 * than against itself: records end with CRLF, a field is quoted or has no `"`, `,`, CR or LF, and a
 * quote inside a quoted field is doubled. Anything else throws.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
    }
    records.push(record);
  }
  return records;
}

describe('CSV export (RFC 4180, formula cells defused)', () => {
  const cases: Array<[label: string, value: unknown, field: string, parsed: string]> = [
    ['plain text', 'Engineering', 'Engineering', 'Engineering'],
    ['empty text', '', '', ''],
    ['a comma', 'Sales, EMEA', '"Sales, EMEA"', 'Sales, EMEA'],
    ['a double quote', 'The "A" team', '"The ""A"" team"', 'The "A" team'],
    ['only a quote', '"', '""""', '"'],
    ['a line feed', 'line 1\nline 2', '"line 1\nline 2"', 'line 1\nline 2'],
    ['a CRLF', 'line 1\r\nline 2', '"line 1\r\nline 2"', 'line 1\r\nline 2'],
    ['a lone CR inside', 'a\rb', '"a\rb"', 'a\rb'],
    ['leading and trailing spaces', '  padded  ', '  padded  ', '  padded  '],
    [
      '= (a formula)',
      '=HYPERLINK("http://x.example","y")',
      `"'=HYPERLINK(""http://x.example"",""y"")"`,
      `'=HYPERLINK("http://x.example","y")`,
    ],
    ['+', '+1+2', "'+1+2", "'+1+2"],
    ['-', '-2+3', "'-2+3", "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)", "'@SUM(A1)"],
    // The tab is quoted, and the `=` after it defused too: split on tabs, it starts a cell.
    ['a tab', '\t=1', `"'\t'=1"`, "'\t'=1"],
    ['; then a formula (a spreadsheet set to ;)', 'Admins;=1+2', `"Admins;'=1+2"`, "Admins;'=1+2"],
    ['a tab then a formula', 'Admins\t@SUM(A1)', `"Admins\t'@SUM(A1)"`, "Admins\t'@SUM(A1)"],
    ['; then a minus', 'a;-2+3', `"a;'-2+3"`, "a;'-2+3"],
    ['a plain ;', 'Sales; EMEA', '"Sales; EMEA"', 'Sales; EMEA'],
    ['an object with a formula after a semicolon', { a: 'x;=1' }, `"{""a"":""x;'=1""}"`, `{"a":"x;'=1"}`],
    ['a carriage return', '\r=1', `"'\r=1"`, "'\r=1"],
    ['= with a comma', '=1,2', `"'=1,2"`, "'=1,2"],
    ['= later in the text', 'a=b', 'a=b', 'a=b'],
    ['a leading quote already', "'=1", "'=1", "'=1"],
    ['unicode', 'Ünïcødé 日本語 👩‍💻', 'Ünïcødé 日本語 👩‍💻', 'Ünïcødé 日本語 👩‍💻'],
    ['null', null, '', ''],
    ['undefined', undefined, '', ''],
    ['an integer', 42, '42', '42'],
    ['a negative number (a number, not a formula)', -5.25, '-5.25', '-5.25'],
    ['a bigint', 12345678901234567890n, '12345678901234567890', '12345678901234567890'],
    ['a boolean', false, 'false', 'false'],
    ['a date', new Date('2026-01-15T12:00:00.000Z'), '2026-01-15T12:00:00.000Z', '2026-01-15T12:00:00.000Z'],
    ['an object', { a: 1, b: 'x,y' }, '"{""a"":1,""b"":""x,y""}"', '{"a":1,"b":"x,y"}'],
    ['an array', ['=1', 2], '"[""=1"",2]"', '["=1",2]'],
    ['an empty object', {}, '{}', '{}'],
  ];

  for (const [label, value, field, parsed] of cases) {
    it(`writes ${label}`, () => {
      assert.equal(csvField(value), field);
      const text = toCsv(['value'], [[value]]);
      assert.equal(text, `value\r\n${field}\r\n`);
      assert.deepEqual(parseCsv(text), [['value'], [parsed]]);
    });
  }

  it('round-trips a table through an RFC 4180 reader, every cell as written (injection cells with their quote)', () => {
    const header = ['id', 'label', 'value', 'index'];
    const rows = cases.map(([label, value], i) => [`row_${i}`, label, value, i]);
    const records = parseCsv(toCsv(header, rows));
    assert.deepEqual(records, [
      header,
      ...cases.map(([label, , , parsed], i) => [
        `row_${i}`,
        /^[=+\-@]/.test(label) ? `'${label}` : label,
        parsed,
        String(i),
      ]),
    ]);
  });

  it('ends every record with CRLF, the header first, and writes a header alone for no rows', () => {
    assert.equal(toCsv(['a', 'b'], []), 'a,b\r\n');
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          [1, 2],
          ['x', 'y'],
        ],
      ),
      'a,b\r\n1,2\r\nx,y\r\n',
    );
    assert.equal(toCsv([], []), '\r\n');
  });

  it('fills a short row with empty fields and refuses a long one', () => {
    assert.equal(toCsv(['a', 'b', 'c'], [['x']]), 'a,b,c\r\nx,,\r\n');
    assert.throws(() => toCsv(['a'], [['x'], ['y', 'z']]), /row 2 has 2 fields; the header has 1/);
  });

  it('quotes and defuses header cells like the others', () => {
    assert.equal(toCsv(['name, full', '=x'], []), `"name, full",'=x\r\n`);
  });

  it('writes a cyclic object, a symbol and an invalid date without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(csvField(cyclic), '[object Object]');
    assert.equal(csvField(Symbol('s')), 'Symbol(s)');
    assert.equal(csvField(new Date(NaN)), '');
  });
});
