/**
 * Reading the workbook: every name FOCUS_<code>, the cell it maps and the cell's content, plus the
 * add-in's settings, in three context.sync() calls whatever the number of names.
 *
 * Office.js only. Takes a request context (never the global Excel), so tests can hand it a fake.
 */
import { codeFromName, D, type InputEntry, type RawCell } from "../focus";
import { parseReference, splitAddress } from "./address";
import { numberFormatKind, serialToIsoDate } from "../focus/report/number-format";
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

/** Work that rides on the read's syncs (the highlight sweep of a Check): called after sync 1, 2 and 3. */
export interface AlongTheRead {
  afterSync(n: 1 | 2 | 3): void;
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
    case "Integer":
    case "RichValue":
    case "Unknown": {
      // A rich value or an unknown type is read only when Excel gives it as a number (a formatted
      // number's basic value); otherwise `dataTypeProblem` names it.
      if (typeof value !== "number") return valueType === "Double" || valueType === "Integer" ? { kind: "text", value: String(value) } : { kind: "error", value: "#VALUE!" };
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
 * What is wrong with a cell that holds a data type rather than a value, or null. Excel gives an
 * entity or linked data type (Stocks, Geography, an add-in's entity) to `Range.values` as #VALUE!
 * with type "Error" while the cell shows the entity's name (d.ts EntityCellValue.basicValue and
 * basicType), and may report other rich values as "RichValue" or "Unknown" (d.ts RangeValueType).
 */
export function dataTypeProblem(value: unknown, valueType: string, text: string): string | null {
  const shown = text.trim();
  const entity = valueType === "Error" && value === "#VALUE!" && shown !== "" && !shown.startsWith("#");
  const rich = (valueType === "RichValue" || valueType === "Unknown") && typeof value !== "number";
  if (!entity && !rich) return null;
  const what = shown ? ` (shown as ${JSON.stringify(shown)})` : "";
  return `the cell holds a data type${what}, not an amount; put the amount in the cell, or a field of the data type (for example =B5.Price)`;
}

/** The number as Excel would show it in a wide enough column: 1,234,567 or 85.47% (display only). */
function shownNumber(raw: RawCell): string {
  if (raw.kind !== "number") return "";
  if (raw.dateFormat && raw.date) return raw.date;
  const d = new D(String(raw.value));
  if (raw.percentFormat) return `${d.times(100).toFixed()}%`;
  const [int, frac] = d.abs().toFixed().split(".");
  return `${d.isNegative() ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

/**
 * A cell's content from what Excel loaded (values, valueTypes, numberFormat, text): its RawCell,
 * the text shown (a number too wide for its column, shown as ####, is said as the number), and a
 * problem when it holds a data type the form cannot read. Used by the read and by the build's read-back.
 */
export function loadedContent(value: unknown, valueType: string, numberFormat: string, text: string): { raw: RawCell; display: string; problem?: string } {
  const raw = excelCellToRaw(value, valueType, numberFormat);
  const typed = dataTypeProblem(value, valueType, text);
  if (typed) return { raw: { kind: "blank" }, display: text, problem: typed };
  return { raw, display: /^#+$/.test(text) && raw.kind === "number" ? shownNumber(raw) : text };
}

/**
 * Read all FOCUS_<code> names, their cells' content and the add-in's settings. Three syncs: the
 * names (with the text of what each refers to) and settings; then the range of each name that is
 * one area, to learn whether it resolves (null objects are navigated only after the sync that
 * resolves them: a name on several areas or on a formula is a null object, and navigating from one
 * fails the whole batch); then every mapped cell at once. Never throws on a bad mapping: a name
 * pointing at #REF!, at a formula, at a constant, at several areas or cells, or scoped to a sheet,
 * gets a `problem` and every other name is still read.
 */
export async function readWorkbook(context: Excel.RequestContext, opts: ReadOptions = {}, along?: AlongTheRead): Promise<WorkbookRead> {
  let syncs = 0;
  const names = context.workbook.names;
  // `formula` (ExcelApi 1.7) is the reference as text ("=S!$B$2"); `value` is not loaded: on a
  // name defined by a user-defined function it shows #VALUE! in Excel (d.ts NamedItem.value).
  names.load("items/name,items/type,items/formula");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const settingsRead = readSettingsQueued(context);
  await context.sync();
  syncs++;
  along?.afterSync(1);

  // Sheet-scoped names travel in the second sync with the ranges: they are reported, not read
  // (FOCUS names are workbook-scoped).
  const sheetNames = sheets.items.map((sh) => {
    const list = sh.names;
    list.load("items/name");
    return { sheet: sh.name, list };
  });

  const focusNames = names.items.filter((n) => codeFromName(n.name) !== null);
  // What each name refers to, read from its text with the parser the CLI uses: only a name on one
  // area gets a range proxy.
  const classified = focusNames.map((n) => {
    const text = String(n.formula ?? "").replace(/^=/, "");
    const ref = parseReference(text);
    let problem: string | null = null;
    if (n.type === "Error" || ref.kind === "ref-error") problem = "the name points at #REF! (its cells were deleted)";
    else if (ref.kind === "other") {
      problem = /^[A-Za-z_][\w.]*\(/.test(text) ? `the name holds a formula (${text}), not a cell; map the cell itself` : `the name is not a cell reference (it holds ${JSON.stringify(text)})`;
    } else if (ref.areas.length !== 1) problem = `the name refers to ${ref.areas.length} areas (${text}); it must name one cell`;
    const range = problem ? null : n.getRangeOrNullObject();
    range?.load("address,cellCount");
    return { n, problem, range };
  });
  await context.sync();
  syncs++;
  along?.afterSync(2);

  const pending = classified.map(({ n, problem, range }) => {
    if (!range || range.isNullObject) return { n, problem: problem ?? "the name points at a range that no longer exists", range: null };
    // The range resolved: navigate from it now (its first cell, its sheet's protection, its merged area).
    const topLeft = range.getCell(0, 0);
    const protection = range.worksheet.protection;
    const merged = opts.mergedAreas ? range.getMergedAreasOrNullObject() : null;
    topLeft.load("values,valueTypes,numberFormat,text");
    protection.load("protected");
    if (merged) merged.load("address,cellCount");
    return { n, problem: null, range, topLeft, protection, merged };
  });
  if (pending.some((p) => p.range) || along) {
    await context.sync();
    syncs++;
  }

  const cells: MappedCell[] = pending.map((p) => {
    const code = codeFromName(p.n.name) as string;
    const base = { code, name: p.n.name, protectedSheet: false, raw: { kind: "blank" } as RawCell, display: "" };
    if (!p.range) return { ...base, address: null, sheet: null, problem: p.problem as string };
    const address = p.range.address;
    const sheet = splitAddress(address)?.sheet ?? null;
    const protectedSheet = Boolean(p.protection?.protected);
    const single = p.range.cellCount === 1 || (p.merged && !p.merged.isNullObject && p.merged.address === address);
    if (!single) {
      // cellCount is -1 beyond 2^31 - 1 cells (d.ts Range.cellCount).
      const count = p.range.cellCount < 0 ? "more cells than Excel can count" : `${p.range.cellCount} cells`;
      return { ...base, address, sheet, protectedSheet, problem: `the name covers ${count} (${address}); it must name one cell` };
    }
    const t = p.topLeft!;
    return { ...base, address, sheet, protectedSheet, ...loadedContent(t.values[0][0], String(t.valueTypes[0][0]), String(t.numberFormat[0][0] ?? ""), String(t.text[0][0] ?? "")) };
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
  return { cells, entries: entriesOf(cells), settings: settingsRead(), syncs };
}

/** The mapped cells as the engine's input entries (where = the cell's address, else the name). */
export function entriesOf(cells: readonly MappedCell[]): InputEntry[] {
  return cells.map((c) => ({
    code: c.code,
    raw: c.raw,
    where: c.address ?? (c.sheet ? `${c.name} (scoped to sheet "${c.sheet}")` : c.name),
    ...(c.problem ? { problem: c.problem } : {}),
  }));
}
