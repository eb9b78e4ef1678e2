/**
 * .xlsx in Node through ExcelJS: reading the cells named FOCUS_<code>, and writing the template.
 *
 * Defined names are read from the workbook's own xl/workbook.xml (JSZip), not from ExcelJS:
 * ExcelJS drops a name's sheet scope and lets a sheet-scoped name silently replace the
 * workbook-scoped one of the same name. A name is resolved by splitting its reference and reading
 * the cell with ExcelJS.
 */
import * as fs from "fs";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import JSZip from "jszip";
import { codeFromName, formLayout, nameForCode, type FormId, type InputEntry, type LayoutColumn, type RawCell } from "../focus";
import { UnusableInput } from "./errors";

type CellValue = ExcelJS.CellValue;

/** An ExcelJS cell's content as a RawCell (formulas give their cached result). */
export function cellToRaw(value: CellValue, numFmt?: string): RawCell {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "number") return { kind: "number", value, percentFormat: Boolean(numFmt && numFmt.includes("%")) };
  if (typeof value === "string") return { kind: "text", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date) return { kind: "date", value: value.toISOString().slice(0, 10) };
  if (typeof value === "object") {
    if ("error" in value && value.error) return { kind: "error", value: String(value.error) };
    if ("richText" in value && Array.isArray(value.richText)) return { kind: "text", value: value.richText.map((r) => r.text).join("") };
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: CellValue }).result;
      if (result === undefined) return { kind: "error", value: "a formula with no saved result (open and save the workbook in Excel)" };
      return cellToRaw(result as CellValue, numFmt);
    }
    if ("text" in value) return { kind: "text", value: String((value as { text: unknown }).text) };
  }
  return { kind: "text", value: String(value) };
}

const REF = /^'?(.+?)'?!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** A defined name as the workbook file stores it. */
export interface DefinedName {
  name: string;
  /** The reference text, e.g. "'FOCUS Part II'!$E$12" or "#REF!". */
  ref: string;
  /** The sheet a sheet-scoped name belongs to; undefined for a workbook-scoped name. */
  sheetScope?: string;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] as string);
}

/** The defined names of an .xlsx file's xl/workbook.xml, with their sheet scope. */
export async function readDefinedNames(zipped: Buffer): Promise<DefinedName[]> {
  const zip = await JSZip.loadAsync(zipped);
  const xml = await zip.file("xl/workbook.xml")?.async("string");
  if (!xml) throw new Error("xl/workbook.xml is missing");
  const sheets = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
  const names: DefinedName[] = [];
  for (const m of xml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const attrs = m[1];
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const local = /\blocalSheetId="(\d+)"/.exec(attrs)?.[1];
    names.push({ name: unescapeXml(name), ref: unescapeXml(m[2]).trim(), ...(local !== undefined ? { sheetScope: sheets[Number(local)] ?? `sheet #${local}` } : {}) });
  }
  return names;
}

/** Entries for every FOCUS_<code> name of a workbook file. Throws UnusableInput when the file is not a readable workbook or maps nothing. */
export async function readWorkbookEntries(file: string): Promise<InputEntry[]> {
  const wb = new (excel().Workbook)();
  let names: DefinedName[];
  try {
    const buffer = fs.readFileSync(file);
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    names = await readDefinedNames(buffer);
  } catch (e) {
    throw new UnusableInput(`${file} is not a readable .xlsx workbook (${(e as Error).message}).`);
  }
  return workbookEntries(wb, names, file);
}

/** Entries for every FOCUS_<code> name of an open workbook. Throws UnusableInput when no name maps a cell. */
export function workbookEntries(wb: ExcelJS.Workbook, names: readonly DefinedName[], file = "the workbook"): InputEntry[] {
  const entries: InputEntry[] = [];
  // ExcelJS builds a sheet's whole model on every `model` read: take the merged areas once per sheet.
  const mergesOf = new Map<string, Set<string>>();
  const merges = (ws: ExcelJS.Worksheet) => {
    let m = mergesOf.get(ws.name);
    if (!m) {
      m = new Set((ws.model as unknown as { merges?: string[] }).merges ?? []);
      mergesOf.set(ws.name, m);
    }
    return m;
  };
  for (const dn of names) {
    const code = codeFromName(dn.name);
    if (code === null) continue;
    if (dn.sheetScope !== undefined) {
      entries.push({
        code,
        raw: { kind: "blank" },
        where: `${dn.name} (scoped to sheet "${dn.sheetScope}")`,
        problem: `the name is scoped to the sheet "${dn.sheetScope}"; FOCUS names must be workbook-scoped (Name Manager: Scope = Workbook)`,
      });
      continue;
    }
    const areas = dn.ref.split(",").map((x) => x.trim()).filter(Boolean);
    if (areas.length !== 1) {
      entries.push({ code, raw: { kind: "blank" }, where: dn.ref || "(no reference)", problem: areas.length === 0 ? "the name refers to nothing (a deleted range)" : `the name covers ${areas.length} areas; it must name one cell` });
      continue;
    }
    const ref = areas[0];
    const m = REF.exec(ref);
    if (!m || ref.includes("#REF!")) {
      entries.push({ code, raw: { kind: "blank" }, where: ref, problem: `the name points at ${ref.includes("#REF!") ? "#REF! (its cells were deleted)" : `"${ref}", which is not a cell`}` });
      continue;
    }
    const [, sheetName, col, row, col2, row2] = m;
    const ws = wb.getWorksheet(sheetName);
    const at = `${sheetName}!${col}${row}`;
    if (!ws) {
      entries.push({ code, raw: { kind: "blank" }, where: at, problem: `the name points at sheet "${sheetName}", which is not in the workbook (deleted or renamed)` });
      continue;
    }
    const area = `${col}${row}:${col2}${row2}`;
    if (col2 && (col2 !== col || row2 !== row) && !merges(ws).has(area)) {
      entries.push({ code, raw: { kind: "blank" }, where: ref, problem: `the name covers the range ${area}; it must name one cell` });
      continue;
    }
    const cell = ws.getCell(`${col}${row}`);
    const source = cell.isMerged ? cell.master : cell;
    entries.push({ code, raw: cellToRaw(source.value, source.numFmt), where: at });
  }
  if (entries.length === 0) {
    throw new UnusableInput(`${file} has no cells named FOCUS_<code>: map the report's cells to item codes first (or start from "focus template").`);
  }
  return entries;
}

const COLUMN_LETTER: Record<LayoutColumn, string> = { first: "C", second: "D", amount: "E" };
const NUMBER_FORMATS: Record<string, string> = {
  dollars: "#,##0;(#,##0)",
  percent: "0.00",
  factor: "0.00",
  count: "0",
  text: "@",
  date: "@",
  flag: "@",
};

/**
 * A blank workbook laid out like the form (section, line, label, one column per form column),
 * every value cell named FOCUS_<code>. `values` fills cells by code (numbers for amounts, text for
 * the cover), for examples.
 */
export function buildTemplate(form: FormId, values: Map<string, string | number> = new Map()): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = "FOCUS Workbench";
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(form === "part-ii" ? "FOCUS Part II" : "FOCUS Part IIA", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [
    { header: "Line", width: 8 },
    { header: "Label", width: 70 },
    { header: "", width: 20 },
    { header: "", width: 20 },
    { header: "", width: 20 },
    { header: "Item codes", width: 18 },
    { header: "Notes", width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  const sheetRef = `'${ws.name}'`;
  let r = 2;
  for (const row of formLayout(form)) {
    const xr = ws.getRow(r);
    if (row.kind === "section") {
      r++;
      const hr = ws.getRow(r);
      hr.getCell(2).value = row.title;
      hr.getCell(3).value = row.headings.first || null;
      hr.getCell(4).value = row.headings.second || null;
      hr.getCell(5).value = row.headings.amount;
      hr.font = { bold: true };
      hr.getCell(2).font = { bold: true, size: 12 };
      r++;
      continue;
    }
    xr.getCell(1).value = row.line || null;
    xr.getCell(2).value = row.label;
    xr.getCell(6).value = row.codes.join(" | ") || null;
    xr.getCell(7).value = row.note || null;
    for (const [col, cell] of Object.entries(row.cells) as [LayoutColumn, NonNullable<(typeof row.cells)[LayoutColumn]>][]) {
      const letter = COLUMN_LETTER[col];
      const c = xr.getCell(letter);
      c.numFmt = NUMBER_FORMATS[cell.item.kind];
      if (cell.primary) {
        wb.definedNames.add(`${sheetRef}!$${letter}$${r}`, nameForCode(cell.code));
        const v = values.get(cell.code);
        if (v !== undefined) c.value = v;
      } else {
        const v = values.get(cell.code);
        c.value = { formula: nameForCode(cell.code), result: typeof v === "number" ? v : undefined } as ExcelJS.CellFormulaValue;
      }
      if (!cell.item.confirmed) c.note = `Item ${cell.code}: code not confirmed by a source (${cell.item.confidence}).`;
    }
    if (row.unconfirmed.length) xr.getCell(2).font = { italic: true };
    r++;
  }
  return wb;
}
