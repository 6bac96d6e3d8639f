/** Byte order mark: spreadsheets (Excel) read the file as UTF-8 only when it starts with one. */
export const CSV_BOM = '\uFEFF';

/**
 * One RFC 4180 field. Quoted when it holds a comma, quote, CR or LF (quotes doubled). A text
 * starting with = + - @ (or tab/CR) would run as a formula in a spreadsheet (CSV injection,
 * OWASP): it gets a leading apostrophe — but numbers like -12.50 stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A whole CSV document: BOM, header, rows, CRLF line ends (RFC 4180 §2). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
