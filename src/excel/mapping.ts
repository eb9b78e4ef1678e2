/**
 * Mapping cells to FOCUS items: workbook names FOCUS_<code>, created, moved and deleted at the
 * user's request, and the "Insert FOCUS sheet" layout. These are the only writes the add-in makes
 * besides its highlights and settings, and each is one the user asked for.
 */
import { catalogue, formLayout, nameForCode, type FormId, type LayoutColumn } from "../focus";
import { columnLetters, joinAddress, splitAddress } from "./address";

/** A problem the user can fix (shown in the pane as it is). */
/**
 * After a batch that read the selection failed with InvalidSelection: Excel gives that code both
 * when another workbook has the focus and when the selection is several areas ("If there are
 * multiple ranges selected, this method will throw an error", d.ts Workbook.getSelectedRange).
 * Asks Excel which (getSelectedRanges, ExcelApi 1.9; one sync) and throws a MappingError saying so
 * for several areas; otherwise rethrows the original error, which the pane says in words.
 */
export async function explainSelectionError(context: Excel.RequestContext, e: unknown): Promise<never> {
  if ((e as { code?: string })?.code !== "InvalidSelection") throw e;
  let areas: Excel.RangeAreas;
  try {
    areas = context.workbook.getSelectedRanges();
    areas.load("areaCount,address");
    await context.sync();
  } catch {
    throw e;
  }
  if (areas.areaCount > 1) throw new MappingError(`The selection has ${areas.areaCount} areas (${areas.address}): select one range.`);
  throw e;
}

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MappingError";
  }
}

/**
 * Map the selected cell to an item: create the workbook name FOCUS_<code> (comment: the item's
 * label), replacing the code's earlier mapping. A selection that is one merged area (a merged cell
 * clicked) names the area's first cell. Throws MappingError when the selection is not one cell or
 * the code is not on the form. Two syncs.
 */
export async function mapSelection(context: Excel.RequestContext, form: FormId, code: string, opts: { mergedAreas?: boolean } = {}): Promise<{ address: string; previous: string | null }> {
  const item = catalogue(form).get(code);
  if (!item) throw new MappingError(`${code} is not an item code of ${form === "part-ii" ? "Part II" : "Part IIA"}.`);
  const sel = context.workbook.getSelectedRange();
  sel.load("address,cellCount");
  // Clicking a merged cell selects its whole merged area: with ExcelApi 1.13 (`mergedAreas`) the
  // area is recognised and its first cell, which holds the value, is named.
  const merged = opts.mergedAreas ? sel.getMergedAreasOrNullObject() : null;
  merged?.load("address,cellCount");
  const first = merged ? sel.getCell(0, 0) : null;
  first?.load("address");
  const existing = context.workbook.names.getItemOrNullObject(nameForCode(code));
  existing.load("value");
  try {
    await context.sync();
  } catch (e) {
    await explainSelectionError(context, e);
  }
  const oneMergedArea = merged !== null && !merged.isNullObject && merged.address === sel.address;
  if (sel.cellCount !== 1 && !oneMergedArea) {
    throw new MappingError(
      `Select one cell to map to ${code} (the selection ${sel.address} has ${sel.cellCount} cells${opts.mergedAreas ? "" : "; a merged cell can be mapped in Excel versions with ExcelApi 1.13 (Microsoft 365, Office 2021 and later)"}).`,
    );
  }
  const target = oneMergedArea && first ? first : sel;
  const previous = existing.isNullObject ? null : String(existing.value);
  if (!existing.isNullObject) existing.delete();
  context.workbook.names.add(nameForCode(code), target, `${code}: ${item.label}`);
  await context.sync();
  return { address: oneMergedArea && first ? first.address : sel.address, previous };
}

/** Delete the mapping of a code (the name only; the cell is untouched). One sync. */
export async function unmapCode(context: Excel.RequestContext, code: string): Promise<boolean> {
  const existing = context.workbook.names.getItemOrNullObject(nameForCode(code));
  await context.sync();
  if (existing.isNullObject) return false;
  existing.delete();
  await context.sync();
  return true;
}

/** What selectCells selected, and the cells it could not select with them. */
export interface Selection {
  /** The addresses selected. */
  selected: string[];
  /** Cells of the list not selected: on another sheet, or beyond the first cell when the host cannot select several areas. */
  notSelected: string[];
}

/**
 * Select cells (those on the first address's sheet: Excel selects on one sheet). Several cells at
 * once need `RangeAreas.select` (ExcelApi 1.18: Microsoft 365 from Version 2501, never Office
 * 2021/2024 LTSC; `multiAreaSelect` says the host has it); without it the first cell is selected
 * and the others are returned for the pane to list. One sync.
 */
export async function selectCells(context: Excel.RequestContext, addresses: readonly string[], opts: { multiAreaSelect?: boolean } = {}): Promise<Selection> {
  const parts = addresses.map(splitAddress).filter((a): a is NonNullable<typeof a> => a !== null);
  if (parts.length === 0) return { selected: [], notSelected: [] };
  const sheetName = parts[0].sheet;
  const sheet = context.workbook.worksheets.getItem(sheetName);
  sheet.activate();
  const cells = [...new Set(parts.filter((p) => p.sheet === sheetName).map((p) => p.cell))];
  const elsewhere = parts.filter((p) => p.sheet !== sheetName).map((p) => joinAddress(p.sheet, p.cell));
  let chosen = cells;
  if (cells.length === 1) sheet.getRange(cells[0]).select();
  else if (opts.multiAreaSelect) sheet.getRanges(cells.join(",")).select();
  else {
    chosen = [cells[0]];
    sheet.getRange(cells[0]).select();
  }
  await context.sync();
  return {
    selected: chosen.map((c) => joinAddress(sheetName, c)),
    notSelected: [...cells.filter((c) => !chosen.includes(c)).map((c) => joinAddress(sheetName, c)), ...elsewhere],
  };
}

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
  await context.sync();
  return { sheet: sheetName, named: toName.length, skipped };
}

/** The address of a cell on a sheet, in Excel's form (for messages and tests). */
export function cellAddress(sheet: string, cell: string): string {
  return joinAddress(sheet, cell);
}
