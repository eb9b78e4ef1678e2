/**
 * Excel addresses as Office.js returns them: "Sheet1!B2", "'FOCUS Part II'!E12", "Sheet1!$B$2".
 */

/** A cell address split into its sheet and its cell part (without $). */
export interface CellAddress {
  sheet: string;
  cell: string;
}

/** Split "Sheet!B2" / "'My Sheet'!$B$2" into sheet and cell; null when there is no sheet part. */
export function splitAddress(address: string): CellAddress | null {
  const i = address.lastIndexOf("!");
  if (i <= 0) return null;
  let sheet = address.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cell: address.slice(i + 1).replace(/\$/g, "") };
}

/** The address in Excel's own form: the sheet quoted when it needs to be. */
export function joinAddress(sheet: string, cell: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${cell}`;
}

/** Column letters of a 1-based column number: 1 -> A, 27 -> AA. */
export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
