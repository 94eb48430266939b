// CSV for exports, as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180), with the cells a
// spreadsheet would run as formulas defused. Knows nothing of VS Code.

/**
 * The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP,
 * https://owasp.org/www-community/attacks/CSV_Injection): such a text cell gets a leading `'`, which
 * the spreadsheet shows as text and does not run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A formula character after `;` or a tab: a spreadsheet that splits on `;` (the default where the
 * decimal separator is a comma) or on tabs starts a cell there, so `Admins;=1+2` would hold a formula.
 * It gets the same `'`.
 */
const FORMULA_AFTER_SEPARATOR = /(?<=[;\t])(?=[=+\-@\r])/g;
/**
 * A field with one of these is quoted (RFC 4180 §2.6 names `"`, `,`, CR and LF; `;` and the tab are
 * other spreadsheets' separators, and quoted they stay in one cell there too).
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One record per line, each ending with CRLF (the last one too), the header first. A row shorter than
 * the header ends in empty fields; a longer one is a RangeError (RFC 4180 §2.4: every record has the
 * same number of fields).
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  let text = csvRecord(header, header.length);
  for (const [i, row] of rows.entries()) {
    if (row.length > header.length) {
      throw new RangeError(`CSV row ${i + 1} has ${row.length} fields; the header has ${header.length}.`);
    }
    text += csvRecord(row, header.length);
  }
  return text;
}

function csvRecord(fields: readonly unknown[], width: number): string {
  const cells: string[] = [];
  for (let i = 0; i < width; i++) cells.push(csvField(fields[i]));
  return `${cells.join(',')}\r\n`;
}

/**
 * One field, quoted if it needs to be. Text that starts like a formula gets a leading `'` first, and
 * so does a formula character after `;` or a tab.
 * Numbers, bigints and booleans are written as they print (`-5` stays a number a spreadsheet can
 * add up); null and undefined as an empty field; a Date as its ISO time; other objects and arrays as
 * their JSON (which never starts like a formula).
 */
export function csvField(value: unknown): string {
  const text = fieldText(value);
  const started = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  const defused = started.replace(FORMULA_AFTER_SEPARATOR, "'");
  return NEEDS_QUOTES.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

function fieldText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'undefined':
      return '';
    case 'object':
      if (value === null) return '';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
      try {
        return JSON.stringify(value) ?? '';
      } catch {
        return Object.prototype.toString.call(value); // a cycle: not JSON
      }
    default:
      // A symbol or function has no data to export, but shows what it was.
      return String(value);
  }
}
