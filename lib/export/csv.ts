// CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180#section-2): CRLF line ends, a field
// holding a comma, a double quote, CR or LF enclosed in double quotes, a quote inside doubled.
//
// Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, so a job name or an
// override from the cloud could run one in the reader's spreadsheet. Text cells that start so are
// prefixed with a single quote, as OWASP advises
// (https://owasp.org/www-community/attacks/CSV_Injection); numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvCell = string | number | null;

/** One field: numbers as they are, text guarded against formulas, quoted when RFC 4180 requires it. */
export function csvField(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One record, ended by CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}
