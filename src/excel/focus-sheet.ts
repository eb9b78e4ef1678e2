/**
 * "Insert FOCUS sheet": a sheet laid out like the form, its value cells named FOCUS_<code>. A module
 * of its own so that the pane loads it when the button is pressed, not at start (#25).
 */
import { formLayout, nameForCode, type FormId, type LayoutColumn } from "../focus";
import { columnLetters } from "./address";
import { eventsOff, eventsOn, syncQuietWrites } from "./events";

const COLUMN_OF: Record<LayoutColumn, number> = { first: 3, second: 4, amount: 5 };
const FORMATS: Record<string, string> = { dollars: "#,##0;(#,##0)", percent: "0.00", factor: "0.00", count: "0", text: "@", date: "@", flag: "@" };

/** What "Insert FOCUS sheet" did. */
export interface InsertedSheet {
  sheet: string;
  named: number;
  /** Codes already mapped elsewhere in the workbook: left as they are, not named on the new sheet. */
  skipped: string[];
}

/**
 * Add a sheet laid out like the form (the layout of `focus template`): section headings, one row
 * per line, the form's columns, every value cell named FOCUS_<code> unless the code is already
 * mapped elsewhere. Writes only to the new sheet. Two syncs.
 */
export async function insertFocusSheet(context: Excel.RequestContext, form: FormId): Promise<InsertedSheet> {
  const names = context.workbook.names;
  names.load("items/name");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const taken = new Set(names.items.map((n) => n.name.toUpperCase()));
  const base = form === "part-ii" ? "FOCUS Part II" : "FOCUS Part IIA";
  const existing = new Set(sheets.items.map((s) => s.name));
  let sheetName = base;
  for (let i = 2; existing.has(sheetName); i++) sheetName = `${base} (${i})`;

  const layout = formLayout(form);
  const matrix: string[][] = [["Line", "Label", "", "", "", "Item codes", "Notes"]];
  const formats: string[][] = [["@", "@", "@", "@", "@", "@", "@"]];
  const bold: number[] = [1];
  const toName: { code: string; cell: string; label: string }[] = [];
  const skipped: string[] = [];
  for (const row of layout) {
    if (row.kind === "section") {
      matrix.push(["", "", "", "", "", "", ""]);
      formats.push(["@", "@", "@", "@", "@", "@", "@"]);
      matrix.push(["", row.title, row.headings.first, row.headings.second, row.headings.amount, "", ""]);
      formats.push(["@", "@", "@", "@", "@", "@", "@"]);
      bold.push(matrix.length);
      continue;
    }
    const r = ["'" + row.line, row.label, "", "", "", row.codes.join(" | "), row.note];
    const f = ["@", "@", "General", "General", "General", "@", "@"];
    const rowNumber = matrix.length + 1;
    for (const [col, cell] of Object.entries(row.cells) as [LayoutColumn, NonNullable<(typeof row.cells)[LayoutColumn]>][]) {
      const c = COLUMN_OF[col];
      f[c - 1] = FORMATS[cell.item.kind];
      if (!cell.primary) r[c - 1] = `=${nameForCode(cell.code)}`;
      else if (taken.has(nameForCode(cell.code).toUpperCase())) skipped.push(cell.code);
      else toName.push({ code: cell.code, cell: `${columnLetters(c)}${rowNumber}`, label: cell.item.label });
    }
    if (row.line === "") r[0] = "";
    matrix.push(r);
    formats.push(f);
  }
  eventsOff(context);
  const sheet = sheets.add(sheetName);
  const block = sheet.getRange(`A1:G${matrix.length}`);
  block.numberFormat = formats;
  block.formulas = matrix;
  for (const b of bold) sheet.getRange(`A${b}:G${b}`).format.font.bold = true;
  sheet.getRange("B:B").format.columnWidth = 360;
  sheet.getRange("C:E").format.columnWidth = 110;
  sheet.getRange("G:G").format.columnWidth = 300;
  for (const n of toName) names.add(nameForCode(n.code), sheet.getRange(n.cell), `${n.code}: ${n.label}`);
  sheet.activate();
  eventsOn(context);
  await syncQuietWrites(context);
  return { sheet: sheetName, named: toName.length, skipped };
}
