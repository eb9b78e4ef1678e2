/**
 * Reading the workbook: every name FOCUS_<code>, the cell it maps and the cell's content, plus the
 * add-in's settings, in two context.sync() calls whatever the number of names.
 *
 * Office.js only. Takes a request context (never the global Excel), so tests can hand it a fake.
 */
import { codeFromName, type InputEntry, type RawCell } from "../focus";
import { splitAddress } from "./address";
import { numberFormatKind, serialToIsoDate } from "../focus/number-format";
import { readSettingsQueued, type WorkbookSettings } from "./settings";

/** One mapped item as the task pane lists it. */
export interface MappedCell {
  code: string;
  /** The workbook name, e.g. FOCUS_3750. */
  name: string;
  /** "Sheet1!B2", or null when the name does not point at a cell. */
  address: string | null;
  sheet: string | null;
  /** True when the cell's sheet is protected (highlighting is refused there). */
  protectedSheet: boolean;
  raw: RawCell;
  /** The cell's text as Excel shows it. */
  display: string;
  /** What is wrong with the mapping itself, if anything. */
  problem?: string;
}

/** Everything a check needs from the workbook. */
export interface WorkbookRead {
  cells: MappedCell[];
  /** The cells as engine input entries (where = address). */
  entries: InputEntry[];
  settings: WorkbookSettings;
  /** context.sync() calls made. */
  syncs: number;
}

/** Options of `readWorkbook`. */
export interface ReadOptions {
  /** ExcelApi 1.13 (merged areas) is available: a name on one merged area then reads as one cell. */
  mergedAreas?: boolean;
}

/**
 * A cell's content (top-left cell of the loaded range) as a RawCell. The number format decides
 * percent and date with the classifier the CLI uses (focus/number-format.ts): `0.00"%"` is an
 * amount, `0.00%` a percentage, `mm/dd/yy` a date. A date-formatted number stays a number (an
 * amount line reads it with a warning; a date box reads the date it shows, 1900 date system).
 */
export function excelCellToRaw(value: unknown, valueType: string, numberFormat: string): RawCell {
  switch (valueType) {
    case "Empty":
      return { kind: "blank" };
    case "Boolean":
      return { kind: "boolean", value: Boolean(value) };
    case "Error":
      return { kind: "error", value: String(value) };
    case "Double":
    case "Integer": {
      if (typeof value !== "number") return { kind: "text", value: String(value) };
      const kind = numberFormatKind(numberFormat);
      if (kind === "date") {
        const date = serialToIsoDate(value);
        return { kind: "number", value, dateFormat: true, ...(date ? { date } : {}) };
      }
      return { kind: "number", value, percentFormat: kind === "percent" };
    }
    default:
      return value === "" || value === null || value === undefined ? { kind: "blank" } : { kind: "text", value: String(value) };
  }
}

/**
 * Read all FOCUS_<code> names, their cells' content and the add-in's settings. Two syncs: the
 * names (and settings), then every mapped cell at once. Never throws on a bad mapping: a name
 * pointing at #REF!, at a constant, or at several cells, or scoped to a sheet, gets a `problem`.
 */
export async function readWorkbook(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<WorkbookRead> {
  let syncs = 0;
  const names = context.workbook.names;
  names.load("items/name,items/type,items/value");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const settingsRead = readSettingsQueued(context);
  await context.sync();
  syncs++;

  // Sheet-scoped names travel in the second sync with the cells: they are reported, not read
  // (FOCUS names are workbook-scoped), so they need no third sync.
  const sheetNames = sheets.items.map((sh) => {
    const list = sh.names;
    list.load("items/name");
    return { sheet: sh.name, list };
  });

  const focusNames = names.items.filter((n) => codeFromName(n.name) !== null);
  const pending = focusNames.map((n) => {
    if (n.type !== "Range") return { n, range: null };
    // Proxies first, then what to load: all of it travels in the next sync.
    const range = n.getRangeOrNullObject();
    const topLeft = range.getCell(0, 0);
    // eslint-disable-next-line office-addins/call-sync-before-read -- worksheet is a navigation property (a proxy), nothing is read
    const protection = range.worksheet.protection;
    const merged = opts.mergedAreas ? range.getMergedAreasOrNullObject() : null;
    range.load("address,cellCount");
    topLeft.load("values,valueTypes,numberFormat,text");
    protection.load("protected");
    if (merged) merged.load("address,cellCount");
    return { n, range, topLeft, protection, merged };
  });
  await context.sync();
  syncs++;

  const cells: MappedCell[] = pending.map((p) => {
    const code = codeFromName(p.n.name) as string;
    const base = { code, name: p.n.name, protectedSheet: false, raw: { kind: "blank" } as RawCell, display: "" };
    if (!p.range) {
      const v = String(p.n.value ?? "");
      const problem = p.n.type === "Error" || v.includes("#REF!") ? "the name points at #REF! (its cells were deleted)" : `the name is not a cell reference (it holds ${JSON.stringify(v)})`;
      return { ...base, address: null, sheet: null, problem };
    }
    if (p.range.isNullObject) return { ...base, address: null, sheet: null, problem: "the name points at a range that no longer exists" };
    const address = p.range.address;
    const sheet = splitAddress(address)?.sheet ?? null;
    const protectedSheet = Boolean(p.protection?.protected);
    const single = p.range.cellCount === 1 || (p.merged && !p.merged.isNullObject && p.merged.address === address);
    if (!single) {
      return { ...base, address, sheet, protectedSheet, problem: `the name covers ${p.range.cellCount} cells (${address}); it must name one cell` };
    }
    const t = p.topLeft!;
    const raw = excelCellToRaw(t.values[0][0], String(t.valueTypes[0][0]), String(t.numberFormat[0][0] ?? ""));
    return { ...base, address, sheet, protectedSheet, raw, display: String(t.text[0][0] ?? "") };
  });
  for (const { sheet, list } of sheetNames) {
    for (const n of list.items) {
      const code = codeFromName(n.name);
      if (code === null) continue;
      cells.push({
        code,
        name: n.name,
        address: null,
        sheet,
        protectedSheet: false,
        raw: { kind: "blank" },
        display: "",
        problem: `the name is scoped to the sheet "${sheet}"; FOCUS names must be workbook-scoped (Name Manager: Scope = Workbook)`,
      });
    }
  }
  const entries: InputEntry[] = cells.map((c) => ({
    code: c.code,
    raw: c.raw,
    where: c.address ?? (c.sheet ? `${c.name} (scoped to sheet "${c.sheet}")` : c.name),
    ...(c.problem ? { problem: c.problem } : {}),
  }));
  return { cells, entries, settings: settingsRead(), syncs };
}
