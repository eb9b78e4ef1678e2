/**
 * Tables read from files for the commands that take lists (the ledger's trial balance and map, the
 * haircut schedule's positions): a CSV (lines starting with # are comments), a JSON array of
 * objects, or a sheet of an .xlsx with the header in row 1. Dates read as YYYY-MM-DD.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { UnusableInput } from "./errors";
import { excel } from "./exceljs";

/** A table read from a file: header (lower-case) and rows, each with where it was read. */
export interface Table {
  header: string[];
  rows: { cells: string[]; where: string }[];
}

/** Read a CSV, a JSON array of objects, or a sheet of an .xlsx (the first, or `sheet`) as a table. Throws UnusableInput. */
export async function readTable(file: string, sheet?: string): Promise<Table> {
  if (!fs.existsSync(file)) throw new UnusableInput(`${file}: no such file.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, info: true, comment: "#" }) as unknown as typeof records;
    } catch (e) {
      throw new UnusableInput(`${file} is not readable CSV: ${(e as Error).message}`);
    }
    if (!records.length) throw new UnusableInput(`${file} is empty.`);
    return { header: records[0].record.map((h) => h.trim().toLowerCase()), rows: records.slice(1).map((r) => ({ cells: r.record, where: `${path.basename(file)} line ${r.info.lines}` })) };
  }
  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data) || !data.length) throw new UnusableInput(`${file} must hold a JSON array of objects.`);
    const header = [...new Set(data.flatMap((o) => (o && typeof o === "object" ? Object.keys(o) : [])))].map((h) => h.toLowerCase());
    return { header, rows: data.map((o, i) => ({ cells: header.map((h) => String((o as Record<string, unknown>)[Object.keys(o).find((k) => k.toLowerCase() === h) ?? ""] ?? "")), where: `${path.basename(file)} element ${i + 1}` })) };
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const wb = new (excel().Workbook)();
    try {
      await wb.xlsx.readFile(file);
    } catch (e) {
      throw new UnusableInput(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
    }
    const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
    if (!ws) throw new UnusableInput(`${file} has no sheet ${sheet ? `"${sheet}"` : ""} (sheets: ${wb.worksheets.map((w) => w.name).join(", ")}).`);
    const text = (v: ExcelJS.CellValue): string => {
      if (v === null || v === undefined) return "";
      // ExcelJS turns a number too large for a date in a date-formatted cell into an invalid Date:
      // that is a cell to name in a finding, not a crash.
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? "#### (a number in a date-formatted cell, too large to be a date: format the cell as a number)" : v.toISOString().slice(0, 10);
      if (typeof v === "object" && "result" in v) return text((v as { result: ExcelJS.CellValue }).result);
      if (typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
      return String(v);
    };
    const width = ws.getRow(1).cellCount;
    const cellsOf = (n: number) => Array.from({ length: width }, (_, i) => text(ws.getRow(n).getCell(i + 1).value));
    const rows = [];
    for (let n = 2; n <= ws.rowCount; n++) rows.push({ cells: cellsOf(n), where: `${ws.name}!row ${n}` });
    return { header: cellsOf(1).map((h) => h.trim().toLowerCase()), rows };
  }
  throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .csv, .json or .xlsx.`);
}

