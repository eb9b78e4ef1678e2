/**
 * .xlsx in Node: reading the cells named FOCUS_<code> (xlsx-cells.ts, a streaming reader of the
 * named cells only) and writing the template (ExcelJS).
 */
import * as fs from "fs";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { formLayout, nameForCode, type FormId, type InputEntry, type LayoutColumn, type Units } from "../focus";
import { SETTING_NAMES } from "./xlsx-cells";
import { partialOf, unitsOf, type InputRead } from "../focus/report/report-text";
import { UnusableInput } from "./errors";
import { fsProblem } from "./output";
import { readNamedCells, type ReadStats } from "./xlsx-cells";

export type { ReadStats } from "./xlsx-cells";

/** Entries for every FOCUS_<code> name of a workbook file (items only). Throws UnusableInput when the file is not a readable workbook or maps nothing. */
export async function readWorkbookEntries(file: string, stats?: ReadStats): Promise<InputEntry[]> {
  return (await readAllNamed(file, stats)).filter((e) => e.code !== "units" && e.code !== "partial");
}

/**
 * A workbook's report: its items, and its unit and completeness from the cells named FOCUS_UNITS
 * and FOCUS_PARTIAL (written by `focus build`, see buildTemplate). Throws UnusableInput.
 */
export async function readWorkbookReport(file: string): Promise<InputRead> {
  const text = (e: InputEntry) => (e.raw.kind === "text" ? e.raw.value : e.raw.kind === "boolean" ? String(e.raw.value) : e.raw.kind === "blank" ? "" : String((e.raw as { value: unknown }).value));
  let units: Units | undefined;
  let partial = false;
  const entries: InputEntry[] = [];
  for (const e of await readAllNamed(file)) {
    if (e.code === "units") {
      if (text(e).trim()) units = unitsOf(text(e), `${file} ${e.where ?? SETTING_NAMES.units}`);
    } else if (e.code === "partial") partial = partialOf(text(e), `${file} ${e.where ?? SETTING_NAMES.partial}`);
    else entries.push(e);
  }
  return { entries, kind: "workbook", ...(units ? { units } : {}), ...(partial ? { partial } : {}) };
}

async function readAllNamed(file: string, stats?: ReadStats): Promise<InputEntry[]> {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (e) {
    throw new UnusableInput(`${file} cannot be read: ${fsProblem(e)}.`);
  }
  return readNamedCells(buffer, file, stats);
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
export function buildTemplate(form: FormId, values: Map<string, string | number> = new Map(), marks: ReportMarks = {}): ExcelJS.Workbook {
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
  // How the report is to be read, in cells the reader knows by name (FOCUS_UNITS, FOCUS_PARTIAL),
  // so that checking the workbook reads it as the CSV or JSON it was built beside would be read.
  r++;
  const mark = (label: string, name: string, value: string, note: string) => {
    const xr = ws.getRow(r++);
    xr.getCell(2).value = label;
    xr.getCell("E").value = value;
    xr.getCell(7).value = note;
    wb.definedNames.add(`${sheetRef}!$E$${xr.number}`, name);
  };
  mark("Amounts are in", SETTING_NAMES.units, marks.units ?? "dollars", "dollars, thousands, millions or billions: each figure carries ± half its last printed digit");
  if (marks.partial) mark("Completeness", SETTING_NAMES.partial, "partial", marks.partial);
  return wb;
}

/** How a written report is to be read: its unit, and whether it is partial (with why). */
export interface ReportMarks {
  units?: Units;
  /** Why the report is partial (blank boxes unknown, not zero), or absent for a whole report. */
  partial?: string;
}
