// Building Kusto (KQL) text from user input without letting it change the query.
// Kusto string literals: double-quoted, backslash escapes \" \\ \n \r \t (learn.microsoft.com:
// "The string data type" in the Kusto Query Language reference). Anything else that could end the
// literal or the line is escaped or dropped, so a filter like `" | take 1000000` stays a string.

export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    // Other control characters (NUL, form feed, U+2028/9 line separators…) have no business in a log filter.
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) continue;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * `datetime("2024-05-01T10:00:00.000Z")`; the value is re-rendered from a Date, so nothing else gets in.
 * The docs show the bare form `datetime(2015-12-31 23:59:59.9)` ("The datetime data type"); Log
 * Analytics also takes the quoted form, which the simulator's KQL subset requires, so we use that.
 */
export function kqlDatetime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("Invalid date in a KQL datetime");
  return `datetime("${at.toISOString()}")`;
}
