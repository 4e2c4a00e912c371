/** CSV as RFC 4180 writes it, safe to open in a spreadsheet. */

/**
 * A field: quoted when it holds a comma, quote or line break. Text from people (titles) that a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | boolean | null, untrusted = false): string {
  if (value === null) return "";
  let text = String(value);
  if (untrusted && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: string[]): string {
  return `${fields.join(",")}\r\n`;
}
