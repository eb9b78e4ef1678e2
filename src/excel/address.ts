/**
 * Excel addresses as Office.js returns them: "Sheet1!B2", "'FOCUS Part II'!E12", "Sheet1!$B$2".
 */

/** A cell address split into its sheet and its cell part (without $). */
export interface CellAddress {
  sheet: string;
  cell: string;
}

/** Split "Sheet!B2" / "'My Sheet'!$B$2" / "'Mirae''s FOCUS'!E12" into sheet and cell; null when there is no sheet part. */
export function splitAddress(address: string): CellAddress | null {
  const i = address.lastIndexOf("!");
  if (i <= 0) return null;
  return { sheet: unquoteSheet(address.slice(0, i)), cell: address.slice(i + 1).replace(/\$/g, "") };
}

/** A sheet name as a reference writes it, unquoted: "'Q4 ''24'" -> "Q4 '24"; "Sheet1" -> "Sheet1". */
export function unquoteSheet(text: string): string {
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
}

/** One rectangular area of a reference: 1-based row and column numbers, inclusive. */
export interface ReferenceArea {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The area without $ and sheet: "E12" or "E12:F13". */
  cells: string;
}

/**
 * What a defined name refers to, read from the text Excel stores for it (workbook.xml's
 * definedName, or Office.js's NamedItem.formula without its "="):
 * - "areas": one or more cell areas, "'Mirae''s FOCUS'!$E$12" or "S!$A$1,S!$B$2" (the union
 *   operator is a comma outside quotes);
 * - "ref-error": the cells were deleted ("#REF!", "Sheet1!#REF!");
 * - "other": a formula (OFFSET, INDIRECT), a constant, an external workbook's cells, or whole
 *   rows/columns: anything that is not cells of this workbook.
 */
export type ParsedReference = { kind: "areas"; areas: ReferenceArea[] } | { kind: "ref-error" } | { kind: "other"; text: string };

const AREA = /^(?:'((?:[^']|'')+)'|([^'!,()[\]"=+\-*/<>&^ ]+))!\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i;

/** Column number of column letters: A -> 1, AA -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Split at commas outside single quotes (sheet names), double quotes (text) and parentheses. */
function unionParts(text: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let single = false;
  let double = false;
  let depth = 0;
  for (const c of text) {
    if (single) single = c !== "'";
    else if (double) double = c !== '"';
    else if (c === "'") single = true;
    else if (c === '"') double = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  parts.push(cur.trim());
  return parts;
}

/** Parse a defined name's reference text (see ParsedReference). Never throws. */
export function parseReference(text: string): ParsedReference {
  const t = (text ?? "").trim().replace(/^=/, "");
  if (t === "") return { kind: "other", text: t };
  const areas: ReferenceArea[] = [];
  for (const part of unionParts(t)) {
    const m = AREA.exec(part);
    if (!m) return t.includes("#REF!") ? { kind: "ref-error" } : { kind: "other", text: t };
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    const [c1, r1, c2 = m[3], r2 = m[4]] = [m[3], m[4], m[5], m[6]];
    const left = columnNumber(c1);
    const right = columnNumber(c2);
    const top = Number(r1);
    const bottom = Number(r2);
    const from = `${c1.toUpperCase()}${r1}`;
    const to = `${c2.toUpperCase()}${r2}`;
    areas.push({ sheet, top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right), cells: from === to ? from : `${from}:${to}` });
  }
  return { kind: "areas", areas };
}

/**
 * The address in Excel's own form: the sheet quoted when it needs to be. Quotes are needed for a
 * name with anything but letters, digits, "_" and ".", one that starts with a digit, and one that
 * reads as a cell reference ("Q4", "FOCUS2024" is fine but "FY2024" is column FY, row 2024; "R1C1" style as well),
 * since `=Q4!B2` would name cell Q4, not the sheet.
 */
export function joinAddress(sheet: string, cell: string): string {
  const looksLikeCell = /^[A-Za-z]{1,3}\d+$/.test(sheet) || /^[Rr](\d*)?([Cc](\d*)?)?$/.test(sheet);
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !looksLikeCell;
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${cell}`;
}

/** Column letters of a 1-based column number: 1 -> A, 27 -> AA. */
export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
