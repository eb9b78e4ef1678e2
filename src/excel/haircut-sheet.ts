/**
 * *Insert haircut schedule*: a sheet with an Excel table for the securities inventory (data
 * validation on the category column listing the codes), the as-of date and net capital before
 * haircuts, and the form's haircut lines computed by =FOCUS.HAIRCUTLINE over the table; each line
 * total is linked to the workbook's FOCUS_ cell of that line (or named FOCUS_<code> when the line
 * is not mapped), so the form's 3740 and the check follow the inventory.
 *
 * Nothing the user typed is overwritten without asking: a FOCUS_ cell that holds a value or a
 * formula the add-in did not write is a conflict, returned for the pane to ask about; the add-in's
 * link formulas carry a marker (N("FOCUS Workbench haircut schedule"), zero) so it can find them.
 * Requirement sets: worksheets and tables ExcelApi 1.1, data validation 1.8.
 */
import { scheduleCategories, SCHEDULE_LINES } from "../focus";
import { joinAddress, splitAddress } from "./address";
import { eventsOff, eventsOn, syncQuietWrites } from "./events";
import { MappingError } from "./mapping";
import { ownedOrConflicts, protectedWords, queueProtection, readFocusCells, type CellConflict } from "./owned-cells";

/** The text that marks a formula as the add-in's link to the haircut schedule. */
export const SCHEDULE_MARK = "FOCUS Workbench haircut schedule";

/** The columns of the positions table, as `focus haircuts` reads a CSV. */
export const POSITION_COLUMNS = ["id", "description", "category", "market_value", "maturity", "issuer"] as const;

/** The lines the schedule fills, and the total. */
export const SCHEDULE_CODES = [...SCHEDULE_LINES.map((l) => l.code), "3740"];

/** A FOCUS_ cell the schedule would overwrite. */
export type ScheduleConflict = CellConflict;

/** What inserting did, or would do. */
export interface ScheduleInsert {
  /** The sheet added (null when nothing was written because of conflicts). */
  sheet: string | null;
  table: string | null;
  /** Codes whose FOCUS_ cell now follows the schedule. */
  linked: string[];
  /** Codes not mapped before, now named on the schedule's line cells. */
  named: string[];
  /** Cells kept as they were (the user chose to keep them). */
  kept: ScheduleConflict[];
  /** Cells that would be overwritten: nothing was written; ask, then call again with `replace`. */
  conflicts: ScheduleConflict[];
  syncs: number;
}

const FIRST_ROW = 6; // the table's header row
const BODY_ROWS = 20;

/**
 * Insert the schedule. `replace`: "ask" (default: return the conflicts and write nothing when there
 * are any), "replace" (overwrite them) or "keep" (leave those cells and link the rest). Three syncs.
 */
export async function insertHaircutSchedule(context: Excel.RequestContext, opts: { replace?: "ask" | "replace" | "keep" } = {}): Promise<ScheduleInsert> {
  const mode = opts.replace ?? "ask";
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name");
  // Table names are the workbook's, whatever the sheet (a renamed first schedule keeps its table's name).
  const tables = wb.tables;
  tables.load("items/name");
  // 3640 too: net capital before haircuts, linked when it is mapped.
  const { named: exists, cells } = await readFocusCells(context, [...SCHEDULE_CODES, "3640"]);
  // A FOCUS_ name on a line of an earlier schedule (its own =FOCUS.HAIRCUTLINE formula) is the
  // add-in's, not the user's figure: the new schedule moves the name to its own line, and the
  // earlier schedule is left as it is (0.2.0 listed those lines as the user's figures to replace).
  const onEarlierSchedule = new Set(SCHEDULE_CODES.filter((code) => /^=FOCUS\.HAIRCUTLINE\(/i.test(String(cells.get(code)?.formulas?.[0]?.[0] ?? ""))));
  const { free, conflicts } = ownedOrConflicts(cells, SCHEDULE_MARK, SCHEDULE_CODES.filter((c) => !onEarlierSchedule.has(c)));
  const links = free.map((code) => ({ code, address: cells.get(code)!.address }));
  if (conflicts.length && mode === "ask") return { sheet: null, table: null, linked: [], named: [], kept: [], conflicts, syncs: 2 };
  if (mode === "replace") links.push(...conflicts.map((c) => ({ code: c.code, address: c.address })));
  const kept = mode === "keep" ? conflicts : [];
  // The links go into FOCUS_ cells: a protected sheet among theirs would fail the whole batch.
  const protectedOnes = queueProtection(context, links.map((l) => splitAddress(l.address)?.sheet).filter((x): x is string => Boolean(x)));
  await context.sync();
  const locked = protectedOnes();
  if (locked.length) throw new MappingError(`${protectedWords(locked)}, so the schedule's lines cannot be linked into the FOCUS cells there. Unprotect ${locked.length === 1 ? "it" : "them"} (Review > Unprotect Sheet) and insert the schedule again; nothing was changed.`);

  const taken = new Set(sheets.items.map((s) => s.name));
  let sheetName = "Haircut schedule";
  for (let i = 2; taken.has(sheetName); i++) sheetName = `Haircut schedule ${i}`;
  const tablesTaken = new Set(tables.items.map((t) => t.name.toUpperCase()));
  let tableName = "FocusPositions";
  for (let i = 2; tablesTaken.has(tableName.toUpperCase()); i++) tableName = `FocusPositions${i}`;
  eventsOff(context);
  const ws = sheets.add(sheetName);
  const q = joinAddress(sheetName, "").slice(0, -1); // the sheet as a formula names it: 'Haircut schedule'
  ws.getRange("A1:B4").values = [
    ["Haircut schedule, Rule 15c3-1(c)(2)(vi) (FOCUS Workbench): one position per row of the table; long positive, short negative", ""],
    ["As of (the report's date)", ""],
    ["Net capital before haircuts (3640)", ""],
    ["Maturity: a date, or years; categories: the list in the category column", ""],
  ];
  if (exists.has("3640")) ws.getRange("B3").formulas = [["=FOCUS_3640"]];
  const last = FIRST_ROW + BODY_ROWS;
  ws.getRange(`A${FIRST_ROW}:F${FIRST_ROW}`).values = [[...POSITION_COLUMNS]];
  const table = ws.tables.add(`${q}!A${FIRST_ROW}:F${last}`, true);
  table.name = tableName;
  table.columns.getItem("category").getDataBodyRange().dataValidation.rule = {
    list: { inCellDropDown: true, source: scheduleCategories().join(",") },
  };
  // The lines: item code, form line, amount by =FOCUS.HAIRCUTLINE over the table.
  const args = `${tableName}[category],${tableName}[market_value],${tableName}[maturity],${tableName}[issuer],$B$2,$B$3`;
  const rows = SCHEDULE_LINES.map((l) => [l.code, `${l.line} ${l.title}`, `=FOCUS.HAIRCUTLINE("${l.code}",${args})`]);
  const totalRow = FIRST_ROW + 1 + rows.length;
  rows.push(["3740", "Total haircuts (the sum of the lines)", `=SUM(J${FIRST_ROW + 1}:J${totalRow - 1})`]);
  ws.getRange(`H${FIRST_ROW}:J${FIRST_ROW}`).values = [["Item", "Form line", "Amount"]];
  ws.getRange(`H${FIRST_ROW + 1}:J${totalRow}`).formulas = rows;
  ws.getRange(`J${FIRST_ROW + 1}:J${totalRow}`).numberFormat = rows.map(() => ["#,##0"]);

  const lineCell = new Map(rows.map((r, i) => [r[0], `$J$${FIRST_ROW + 1 + i}`]));
  const linked: string[] = [];
  for (const l of links) {
    const a = splitAddress(l.address);
    if (!a) continue;
    wb.worksheets.getItem(a.sheet).getRange(a.cell).formulas = [[`=${q}!${lineCell.get(l.code)}+N("${SCHEDULE_MARK}")`]];
    linked.push(l.code);
  }
  const named: string[] = [];
  for (const code of SCHEDULE_CODES) {
    if (exists.has(code) && !onEarlierSchedule.has(code)) continue;
    if (onEarlierSchedule.has(code)) wb.names.getItem(`FOCUS_${code}`).delete();
    wb.names.add(`FOCUS_${code}`, `=${q}!${lineCell.get(code)}`, `FOCUS ${code}: from the haircut schedule`);
    named.push(code);
  }
  eventsOn(context);
  await syncQuietWrites(context);
  return { sheet: sheetName, table: tableName, linked, named, kept, conflicts: [], syncs: 4 };
}
