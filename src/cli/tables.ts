/**
 * Tables read from files for the commands that take lists (the ledger's trial balance and map, the
 * haircut schedule's positions): a CSV in any delimiter and encoding csv.ts detects (a line whose
 * first non-blank character is # is a comment; a # inside a line is text), a JSON array of
 * objects, or a sheet of an .xlsx with the header in row 1, streamed (xlsx-cells.ts: formula
 * results 0 and FALSE kept, errors as their codes). Dates read as YYYY-MM-DD.
 */
import * as fs from "fs";
import * as path from "path";
import { fromExcelNumber, type RawCell } from "../focus";
import { UnusableInput } from "./errors";
import { decodeText, fromDecimalComma, parseCsvBytes } from "./csv";
import { MAX_WORKBOOK_BYTES, readBytes } from "./inputs";
import { readSheetCells } from "./xlsx-cells";

/**
 * A cell of a table as text: a number as Excel shows it to 15 significant digits (a double such as
 * 0.30000000000000004 is 0.3), a date-formatted number as its date (YYYY-MM-DD), TRUE/FALSE, an
 * error as its code (#N/A).
 */
function cellText(raw: RawCell | undefined): string {
  if (!raw) return "";
  switch (raw.kind) {
    case "blank":
      return "";
    case "text":
    case "date":
    case "error":
      return raw.value;
    case "boolean":
      return raw.value ? "TRUE" : "FALSE";
    case "number":
      if (raw.dateFormat) return raw.date ?? "#### (a number in a date-formatted cell, too large to be a date: format the cell as a number)";
      return fromExcelNumber(raw.value).toFixed();
  }
}

/**
 * Largest CSV or JSON table read (bytes): a trial balance of 200,000 accounts is about 7 MB, so
 * 100 MB (the workbook limit too) leaves room for any ledger and refuses what is not one.
 */
export const MAX_TABLE_BYTES = 100 * 1024 * 1024;

/** A table read from a file: header (lower-case) and rows, each with where it was read. */
export interface Table {
  header: string[];
  rows: { cells: string[]; where: string }[];
  /** A semicolon CSV: its amount columns are written with a decimal comma (read them through `amountText`). */
  decimalComma?: boolean;
  /** How the file was read, when a user should know (csv.ts): one sentence each. */
  notes?: string[];
}

/** An amount cell of a table as the amount parser takes it: a decimal comma turned into a point when the table is written so. */
export function amountText(t: Table, text: string): string {
  return t.decimalComma ? fromDecimalComma(text) : text;
}

/** Read a CSV, a JSON array of objects, or a sheet of an .xlsx (the first, or `sheet`) as a table. Throws UnusableInput. */
export async function readTable(file: string, sheet?: string): Promise<Table> {
  if (!fs.existsSync(file)) throw new UnusableInput(`${file}: no such file.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".json") {
    const size = fs.statSync(file).size;
    if (size > MAX_TABLE_BYTES) throw new UnusableInput(`${file} is ${(size / 1048576).toFixed(1)} MB; the limit for a ${ext.slice(1).toUpperCase()} table is ${MAX_TABLE_BYTES / 1048576} MB.`);
  }
  if (ext === ".csv") {
    const csv = parseCsvBytes(readBytes(file), file, { comments: true });
    const { records } = csv;
    if (!records.length) throw new UnusableInput(`${file} is empty.`);
    return {
      header: records[0].record.map((h) => h.trim().toLowerCase()),
      rows: records.slice(1).map((r) => ({ cells: r.record, where: `${path.basename(file)} line ${r.info.lines}` })),
      decimalComma: csv.decimalComma,
      notes: csv.notes,
    };
  }
  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(decodeText(readBytes(file)).text);
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data) || !data.length) throw new UnusableInput(`${file} must hold a JSON array of objects.`);
    const header = [...new Set(data.flatMap((o) => (o && typeof o === "object" ? Object.keys(o) : [])))].map((h) => h.toLowerCase());
    return { header, rows: data.map((o, i) => ({ cells: header.map((h) => String((o as Record<string, unknown>)[Object.keys(o).find((k) => k.toLowerCase() === h) ?? ""] ?? "")), where: `${path.basename(file)} element ${i + 1}` })) };
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const size = fs.statSync(file).size;
    if (size > MAX_WORKBOOK_BYTES) throw new UnusableInput(`${file} is ${(size / 1048576).toFixed(1)} MB; the limit for a workbook is ${MAX_WORKBOOK_BYTES / 1048576} MB.`);
    const { sheet: name, rows } = await readSheetCells(fs.readFileSync(file), file, sheet);
    const header = rows[0]?.row === 1 ? rows[0].cells : new Map<number, RawCell>();
    const width = Math.max(0, ...header.keys());
    const cellsOf = (cells: Map<number, RawCell>) => Array.from({ length: width }, (_, i) => cellText(cells.get(i + 1)));
    return {
      header: cellsOf(header).map((h) => h.trim().toLowerCase()),
      rows: rows.filter((r) => r.row > 1).map((r) => ({ cells: cellsOf(r.cells), where: `${name}!row ${r.row}` })),
    };
  }
  throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .csv, .json or .xlsx.`);
}

