/**
 * Mapping cells to FOCUS items: workbook names FOCUS_<code>, created, moved and deleted at the
 * user's request, and the "Insert FOCUS sheet" layout. These are the only writes the add-in makes
 * besides its highlights and settings, and each is one the user asked for.
 */
import { catalogue, nameForCode, type FormId } from "../focus";
import { joinAddress, splitAddress } from "./address";

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

// "Insert FOCUS sheet" is a module of its own, loaded by the pane when the button is pressed (#25).
export { insertFocusSheet, type InsertedSheet } from "./focus-sheet";

/** The address of a cell on a sheet, in Excel's form (for messages and tests). */
export function cellAddress(sheet: string, cell: string): string {
  return joinAddress(sheet, cell);
}
