/**
 * .xlsx in Node: reading the cells named FOCUS_<code> (xlsx-cells.ts, a streaming reader of the
 * named cells only) and writing the template (ExcelJS).
 */
import * as fs from "fs";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { formLayout, nameForCode, type FormId, type InputEntry, type LayoutColumn } from "../focus";
import { UnusableInput } from "./errors";
import { readNamedCells, type ReadStats } from "./xlsx-cells";

export type { ReadStats } from "./xlsx-cells";

/** Entries for every FOCUS_<code> name of a workbook file. Throws UnusableInput when the file is not a readable workbook or maps nothing. */
export async function readWorkbookEntries(file: string, stats?: ReadStats): Promise<InputEntry[]> {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (e) {
    throw new UnusableInput(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
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
