/**
 * CSV files as accounting systems and Excel write them, for every command that reads one (check,
 * build, haircuts, diff, reconcile): the encoding and the delimiter are detected, not assumed.
 *
 * - Encoding: UTF-8 with or without a byte-order mark; UTF-16 LE or BE with its byte-order mark
 *   (Excel's "Unicode text"); a file that is not valid UTF-8 is read as Windows-1252 (what Excel
 *   writes for "CSV" on Windows in Western locales), and the read says so.
 * - Delimiter: comma, semicolon (Excel in a locale whose decimal separator is the comma) or tab
 *   (Excel's "Text (Tab delimited)" and "Unicode text"), chosen by counting each outside quotes on
 *   the header line (the first line that is not a comment); comma on a tie.
 * - With the semicolon, the same locale writes amounts with a decimal comma and a dot between
 *   thousands (`1.234,56`): `fromDecimalComma` turns such an amount into `1,234.56` for the amount
 *   columns only (account numbers such as 10.100 are left as written), and the read says so.
 * - Comments (tables only): a line whose first non-blank character is `#`. A `#` inside a line
 *   ("Cash at Bank #4471") is text, not a comment.
 *
 * What cannot be read says what the file is and what to do, naming the file and line.
 */
import * as path from "path";
import { parse } from "csv-parse/sync";
import { UnusableInput } from "./errors";

export { fromDecimalComma } from "../focus/report/report-text";

/** A CSV read from a file: its records (each with the line it starts on) and how it was read. */
export interface CsvRead {
  records: { record: string[]; info: { lines: number } }[];
  delimiter: "," | ";" | "\t";
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  /** True when the delimiter is the semicolon: amounts are read with a decimal comma (see fromDecimalComma). */
  decimalComma: boolean;
  /** What was detected that a user should know (the delimiter, the encoding, the decimal comma), one sentence each. */
  notes: string[];
}

const DELIMITER_NAME: Record<CsvRead["delimiter"], string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };

/**
 * Decode a file's bytes: a byte-order mark names UTF-8 or UTF-16 (LE, BE); without one, UTF-8 if
 * valid, else Windows-1252. Returns the text without its byte-order mark.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvRead["encoding"]; bom: boolean } {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return { text: new TextDecoder(utf16).decode(bom ? bytes.subarray(2) : bytes), encoding: utf16, bom };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bom ? bytes.subarray(3) : bytes), encoding: "utf-8", bom };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252", bom: false };
  }
}

/** Count comma, semicolon and tab outside double quotes on one line, and pick the most frequent (comma on a tie or none). */
export function detectDelimiter(line: string): CsvRead["delimiter"] {
  const n = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) n[ch]++;
  }
  if (n[";"] > n[","] && n[";"] >= n["\t"]) return ";";
  if (n["\t"] > n[","] && n["\t"] > n[";"]) return "\t";
  return ",";
}

/** Comment lines: the first non-blank character is `#` (multiline: every such line, to its end). */
const COMMENT_LINES = /^[ \t]*#[^\r\n]*/gm;

/**
 * Read a CSV from its bytes with its encoding and delimiter detected (`file` names it in messages).
 * `comments`: skip comment lines (tables; a report's CSV has none). Throws UnusableInput naming
 * the file (and line) when it cannot be read.
 */
export function parseCsvBytes(bytes: Uint8Array, file: string, opts: { comments?: boolean } = {}): CsvRead {
  const binary = binaryKind(bytes);
  if (binary) {
    throw new UnusableInput(`${file} is not a text file (it is ${binary}); save it from its program as CSV (comma, semicolon or tab separated).`);
  }
  const { text, encoding, bom } = decodeText(bytes);
  // Comment lines become empty lines, so every other line keeps its number.
  const body = opts.comments ? text.replace(COMMENT_LINES, "") : text;
  const delimiter = detectDelimiter(/^[ \t]*\S.*$/m.exec(body)?.[0] ?? "");
  let records: CsvRead["records"];
  try {
    // The line of each record from the parser's context (on_record), not `info: true`, which
    // copies the whole context for every record (a third of the time on 200,000 accounts).
    const withLine = (record: string[], context: { lines: number }) => ({ record, info: { lines: context.lines } });
    records = parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: withLine as unknown as (record: string[]) => string[],
    }) as unknown as CsvRead["records"];
  } catch (e) {
    const err = e as Error & { lines?: number };
    const where = err.lines ? ` line ${err.lines}` : "";
    const why = /quote/i.test(err.message) ? "a quotation mark is not where CSV allows one (a field that holds a quote must be quoted, with the quote doubled)" : err.message.replace(/^.*?:\s*/, "");
    throw new UnusableInput(
      `${file}${where} cannot be read as CSV separated by ${DELIMITER_NAME[delimiter]}: ${why}. Save the file again from its program as CSV (comma, semicolon or tab separated, UTF-8 or Unicode text).`,
    );
  }
  const notes: string[] = [];
  if (delimiter !== ",") notes.push(`${path.basename(file)} is separated by ${DELIMITER_NAME[delimiter]}${delimiter === ";" ? "; amounts are read with a decimal comma (1.234,56 is 1,234.56), as Excel writes them in that locale" : ""}.`);
  if (encoding !== "utf-8") {
    notes.push(`${path.basename(file)} is ${encoding === "windows-1252" ? "not UTF-8; read as Windows-1252 (Excel's CSV on Windows)" : `${encoding.toUpperCase()} text${bom ? "" : " without a byte-order mark"} (Excel's Unicode text)`}.`);
  }
  return { records, delimiter, encoding, decimalComma: delimiter === ";", notes };
}

/** What binary file the bytes are, or null for text (UTF-16 included). */
function binaryKind(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "a zip file, such as an .xlsx workbook: name it .xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "an Excel 97-2003 workbook (.xls)";
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return "a PDF";
  if (utf16Order(bytes)) return null;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return "binary data (NUL bytes)";
  return null;
}

/** UTF-16 by its byte-order mark, or without one by the zero high bytes of ASCII text ("i\0t\0e\0m\0"). */
function utf16Order(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return null;
}
