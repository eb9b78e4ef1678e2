/**
 * *Build from trial balance*: the trial balance is a range of the workbook (selected, with a header
 * row naming account, name and balance, or debit and credit, and the map as an "item" column
 * beside it). Each mapped FOCUS_ line cell gets a native formula, =SUMIFS over the trial balance
 * by item code (with the form's sign), and each total cell the sum of its lines' FOCUS_ names, so
 * Excel recalculates as the ledger changes and the user sees where each figure comes from. The
 * formulas carry a marker (N("FOCUS Workbench ledger"), zero); a FOCUS_ cell holding anything else
 * is a conflict, returned for the pane to ask about. The trial balance's address is kept in the
 * workbook settings, so a finding can later be traced to its accounts.
 *
 * Requirement sets: ExcelApi 1.1 (ranges, names), 1.4 (settings), 1.8 (data validation).
 */
import { explainSelectionError, MappingError } from "./mapping";
import {
  buildFromLedger,
  catalogue,
  codeFromName,
  D,
  fromExcelNumber,
  itemSign,
  parseSplit,
  exactAmount,
  rulesFor,
  transfers,
  type Decimal,
  type EquationRule,
  type FormId,
  type LedgerAccount,
  type LedgerBuild,
  type MapEntry,
} from "../focus";
import { columnLetters, joinAddress, parseReference, splitAddress } from "./address";
import { ownedOrConflicts, protectedWords, queueProtection, readFocusCells, type CellConflict } from "./owned-cells";
import { SETTING_KEYS } from "./settings";
import { eventsOff, eventsOn, syncQuietWrites } from "./events";

/** Between an item code and its label in the map column's dropdown: "200 — Cash". */
export const LABEL_SEPARATOR = " — ";

/** The text that marks a formula as written by the ledger build. */
export const LEDGER_MARK = "FOCUS Workbench ledger";

/** Where the trial balance is: the sheet, its header row and last row, and its columns (letters). */
export interface LedgerRecord {
  sheet: string;
  headerRow: number;
  lastRow: number;
  account: string;
  name: string | null;
  balance: string | null;
  debit: string | null;
  credit: string | null;
  item: string | null;
  /** The selection's last column (letter): columns beyond the known ones (notes) are the user's. Absent in records of 0.2.0. */
  lastCol?: string;
}

/** A trial balance as read from the workbook, with the map column and where each account sits. */
export interface LedgerRead {
  record: LedgerRecord;
  accounts: LedgerAccount[];
  map: MapEntry[];
  /** Account -> its row's address on the sheet ("'TB'!A5:D5"). */
  rows: Map<string, string>;
  /** Problems with the selection itself (no header, no account column). */
  problem: string | null;
}

function cellText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** Read the trial balance from a range's values (header in its first row). */
export function ledgerFromValues(sheet: string, firstRow: number, firstCol: number, values: unknown[][]): LedgerRead {
  const header = (values[0] ?? []).map((h) => cellText(h).toLowerCase());
  const col = (names: string[]) => {
    const i = header.findIndex((h) => names.includes(h));
    return i < 0 ? null : i;
  };
  const ci = { account: col(["account", "account number"]), name: col(["name", "account name", "description"]), balance: col(["balance"]), debit: col(["debit"]), credit: col(["credit"]), item: col(["item", "focus item", "item code"]) };
  const letter = (i: number | null) => (i === null ? null : columnLetters(firstCol + i));
  const record: LedgerRecord = {
    sheet,
    headerRow: firstRow,
    lastRow: firstRow + values.length - 1,
    account: letter(ci.account) ?? "",
    name: letter(ci.name),
    balance: letter(ci.balance),
    debit: letter(ci.debit),
    credit: letter(ci.credit),
    item: letter(ci.item),
    lastCol: columnLetters(firstCol + Math.max(1, header.length) - 1),
  };
  const empty = { record, accounts: [], map: [], rows: new Map<string, string>() };
  if (ci.account === null || (ci.balance === null && (ci.debit === null || ci.credit === null))) {
    return { ...empty, problem: `The selection's first row must name the columns account, name and balance (or debit and credit); found "${header.join(", ")}".` };
  }
  const accounts: LedgerAccount[] = [];
  const map: MapEntry[] = [];
  const rows = new Map<string, string>();
  const amount = (v: unknown, where: string): Decimal => {
    if (typeof v === "number") return fromExcelNumber(v);
    const t = cellText(v);
    if (!t) return new D(0);
    const a = exactAmount(t);
    if (!a.ok || a.value === null) throw new Error(`${where}: "${t}" is not an amount.`);
    return a.value;
  };
  let problem: string | null = null;
  values.slice(1).forEach((r, i) => {
    const row = firstRow + 1 + i;
    const where = joinAddress(sheet, `${record.account}${row}`);
    const account = cellText(r[ci.account!]);
    if (!account && r.every((c) => cellText(c) === "")) return;
    try {
      const balance = ci.balance !== null ? amount(r[ci.balance], where) : amount(r[ci.debit!], where).minus(amount(r[ci.credit!], where));
      accounts.push({ account, name: ci.name !== null ? cellText(r[ci.name]) : "", balance, where });
    } catch (e) {
      problem ??= (e as Error).message;
      return;
    }
    // The dropdown offers "200 — Cash"; a code typed alone is read too.
    const item = ci.item !== null ? cellText(r[ci.item]).split(LABEL_SEPARATOR)[0].trim() : "";
    if (account && item) map.push({ from: account, to: null, item, note: "", where: joinAddress(sheet, `${record.item}${row}`) });
    rows.set(account, joinAddress(sheet, `${columnLetters(firstCol)}${row}:${columnLetters(firstCol + header.length - 1)}${row}`));
  });
  return { record, accounts, map, rows, problem };
}

/**
 * Cells per load when a trial balance is read. Excel on the web refuses a response above 5 MB
 * (office.js: CoreErrorCodes.responsePayloadSizeLimitExceeded, "The response payload size has
 * exceeded the limit"; learn.microsoft.com, "Resource limits and performance optimization for
 * Office Add-ins", Excel add-ins) and Microsoft advises reading a large range in parts ("Read or
 * write to a large range using the Excel JavaScript API"). 20,000 cells at 100 bytes each is 2 MB;
 * a part refused all the same is read again in halves.
 */
export const CELLS_PER_LOAD = 20_000;

function payloadRefused(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/**
 * The values of `rowCount` rows and `colCount` columns of a sheet from (firstRow, firstCol)
 * (1-based), read in parts of at most CELLS_PER_LOAD cells, one sync each; a part Excel refuses as
 * too large is read again in halves. Throws Excel's error otherwise, and a plain Error naming the
 * row when even one row is too large to send.
 */
async function readValuesInParts(
  context: Excel.RequestContext,
  sheet: string,
  firstRow: number,
  firstCol: number,
  rowCount: number,
  colCount: number,
  alongFirst?: () => void,
): Promise<{ values: unknown[][]; syncs: number }> {
  const ws = context.workbook.worksheets.getItem(sheet);
  const values: unknown[][] = [];
  let per = Math.max(1, Math.floor(CELLS_PER_LOAD / Math.max(1, colCount)));
  let syncs = 0;
  for (let done = 0; done < rowCount; ) {
    const n = Math.min(per, rowCount - done);
    const top = firstRow + done;
    const part = ws.getRange(`${columnLetters(firstCol)}${top}:${columnLetters(firstCol + colCount - 1)}${top + n - 1}`);
    part.load("values");
    // What the caller reads beside the first part travels with it (queued again when it is refused).
    if (done === 0) alongFirst?.();
    syncs++;
    try {
      // One sync per part, deliberately: a part is a request of its own, or the web's 5 MB limit applies to the sum.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (!payloadRefused(e)) throw e;
      if (n === 1) throw new Error(`Row ${top} of sheet "${sheet}" holds more than Excel can send to the add-in at once (5 MB on the web).`);
      per = Math.ceil(n / 2);
      continue;
    }
    values.push(...part.values);
    done += n;
  }
  return { values, syncs };
}

/**
 * Read the selected range as the trial balance: its used part only (a selection of whole columns
 * reads the rows that hold values, not a million blank ones), in parts small enough for Excel on
 * the web (see CELLS_PER_LOAD). Two syncs for up to 20,000 cells; one more per further 20,000.
 */
export async function readSelectedLedger(context: Excel.RequestContext): Promise<LedgerRead> {
  const sel = context.workbook.getSelectedRange();
  // The cells of the selection that hold values (ExcelApi 1.4; valuesOnly ignores formatting).
  const used = sel.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  // The selection is on the active sheet.
  const ws = context.workbook.worksheets.getActiveWorksheet();
  ws.load("name");
  try {
    await context.sync();
  } catch (e) {
    await explainSelectionError(context, e);
  }
  if (used.isNullObject) {
    const empty = ledgerFromValues(ws.name, 1, 1, []);
    return { ...empty, problem: "The selection holds no values: select the trial balance, its header row (account, name, balance) first." };
  }
  const { values } = await readValuesInParts(context, ws.name, used.rowIndex + 1, used.columnIndex + 1, used.rowCount, used.columnCount);
  return ledgerFromValues(ws.name, used.rowIndex + 1, used.columnIndex + 1, values);
}

/** The workbook name on the header row of the trial balance a build read (its place, kept by Excel as rows and columns move). */
export const LEDGER_NAME = "FocusTrialBalance";

/** The first and last of a record's columns (letters). */
function ledgerColumns(rec: LedgerRecord): { first: string; last: string } {
  const cols = [rec.account, rec.name, rec.balance, rec.debit, rec.credit, rec.item].filter((c): c is string => Boolean(c));
  const first = cols.reduce((a, c) => (colNumber(c) < colNumber(a) ? c : a));
  const last = cols.reduce((a, c) => (colNumber(c) > colNumber(a) ? c : a));
  return { first, last };
}

/** Read the trial balance the last build recorded, or null when there is none (the record, then the rows in parts). */
export async function readRecordedLedger(context: Excel.RequestContext): Promise<LedgerRead | null> {
  const s = context.workbook.settings.getItemOrNullObject(SETTING_KEYS.ledger);
  s.load("value");
  // The name that keeps the trial balance's place, in the same sync.
  const place = context.workbook.names.getItemOrNullObject(LEDGER_NAME);
  place.load("type");
  await context.sync();
  if (s.isNullObject) return null;
  let rec: LedgerRecord;
  try {
    rec = JSON.parse(String(s.value));
  } catch {
    return null;
  }
  const letters = ledgerColumns(rec);
  let first = colNumber(letters.first);
  const width = colNumber(letters.last) - first + 1;
  let sheet = rec.sheet;
  let headerRow = rec.headerRow;
  // Where the trial balance is now: its name, which Excel moved with inserted rows, columns and
  // titles (a record of 0.2.0 has none: its address is used as it is).
  if (!place.isNullObject && place.type === "Range") {
    const r = place.getRangeOrNullObject();
    r.load("address,rowIndex,columnIndex");
    await context.sync();
    if (!r.isNullObject) {
      sheet = splitAddress(r.address)?.sheet ?? sheet;
      headerRow = r.rowIndex + 1;
      first = r.columnIndex + 1;
    }
  }
  // Down to the last row that holds anything in its columns: accounts appended below are read.
  const used = context.workbook.worksheets.getItem(sheet).getRange(`${columnLetters(first)}${headerRow}:${columnLetters(first + width - 1)}1048576`).getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();
  const lastRow = used.isNullObject ? headerRow : used.rowIndex + used.rowCount;
  const { values } = await readValuesInParts(context, sheet, headerRow, first, lastRow - headerRow + 1, width);
  return ledgerFromValues(sheet, headerRow, first, values);
}

function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** A FOCUS_ cell the build would overwrite. */
export type LedgerConflict = CellConflict;

/** What the build did, or would do. */
export interface LedgerWrite {
  build: LedgerBuild;
  /** Codes whose FOCUS_ cell now holds the ledger's formula. */
  written: string[];
  /** Codes with accounts but no FOCUS_ cell: map them (or insert the FOCUS sheet) and build again. */
  missing: string[];
  kept: LedgerConflict[];
  conflicts: LedgerConflict[];
  syncs: number;
}

/**
 * Write the formulas (four syncs: the FOCUS_ names, their cells' content, their sheets' protection,
 * then every formula in one batch with the record). Throws MappingError naming the protected sheets
 * it would write to, before writing anything. `mode`: "ask" returns the conflicts and writes nothing when there are
 * any; "replace" overwrites them; "keep" leaves them and writes the rest.
 */
export async function writeLedgerFormulas(context: Excel.RequestContext, form: FormId, ledger: LedgerRead, mode: "ask" | "replace" | "keep" = "ask"): Promise<LedgerWrite> {
  const build = buildFromLedger(form, ledger.accounts, ledger.map);
  const { cells } = await readFocusCells(context, cellsWanted(form, build));
  // A protected sheet among those the formulas go to would fail the whole batch: the sheets of
  // the FOCUS_ cells read are asked in the next sync, with the name that keeps the trial balance's
  // place (FocusTrialBalance).
  const place = context.workbook.names.getItemOrNullObject(LEDGER_NAME);
  place.load("name");
  const protectedOnes = queueProtection(context, [...cells.values()].map((r) => splitAddress(r.address)?.sheet).filter((x): x is string => Boolean(x)));
  await context.sync();
  const locked = new Set(protectedOnes());
  const r = queueLedgerWrite(context, form, ledger, build, mode, { cells, isProtected: (sheet) => locked.has(sheet), place: place.isNullObject ? null : place });
  if (!r.conflicts.length) await syncQuietWrites(context);
  return { ...r, syncs: r.conflicts.length ? 3 : 4 };
}

/** The FOCUS_ cells a build reads: the codes it builds, the lines its totals name, the lines its transfers copy, and the closing's 4230 and 1800. */
function cellsWanted(form: FormId, build: LedgerBuild): string[] {
  const codes = [...build.values.keys()];
  const totals = totalRulesOf(form);
  const termsOf = (code: string) => {
    const r = totals.get(code);
    return r && r.expr.op === "total" ? r.expr.terms.flatMap((t) => (t.expr.op === "item" ? [t.expr.code] : [])) : [];
  };
  const transferFrom = transfersOf(form);
  return [...new Set([...codes, ...codes.flatMap(termsOf), ...codes.flatMap((c) => (transferFrom.has(c) ? [transferFrom.get(c)!] : [])), ...(build.closing ? ["4230", "1800"] : [])])];
}

function totalRulesOf(form: FormId): Map<string, EquationRule> {
  return new Map(
    rulesFor(form)
      .filter((r): r is EquationRule => r.kind === "equation" && r.expr.op === "total" && BUILT_SECTIONS.includes(r.section))
      .map((r) => [r.target, r]),
  );
}

function transfersOf(form: FormId): Map<string, string> {
  return new Map(transfers(form).map((r) => [r.target, r.expr.op === "item" ? r.expr.code : ""]));
}

/** What a build has read before it writes: the FOCUS_ cells (address, formulas, values), which sheets are protected, and the trial balance's place if named. */
interface BuildReads {
  cells: Map<string, Excel.Range>;
  isProtected: (sheet: string) => boolean;
  place: Excel.NamedItem | null;
}

/**
 * Queue the build's writes for the caller's next sync: every formula, the record and the name
 * FocusTrialBalance. Nothing is queued when `mode` is "ask" and a FOCUS_ cell holds the user's own
 * figure (the conflicts are returned). Throws MappingError naming the protected sheets it would
 * write to, before queueing anything. `syncs` in the result is the caller's to set.
 */
function queueLedgerWrite(context: Excel.RequestContext, form: FormId, ledger: LedgerRead, build: LedgerBuild, mode: "ask" | "replace" | "keep", reads: BuildReads): LedgerWrite {
  const { cells, place } = reads;
  const rec = ledger.record;
  const cat = catalogue(form);
  const codes = [...build.values.keys()];
  const totalRules = totalRulesOf(form);
  // A pre-closing trial balance: the closing (net income 4230 into the equity line) and the
  // statement of changes are formulas the FINOP can read, not figures.
  const closing = build.closing;
  const closingFormula = (code: string): string | null => {
    if (!closing || !cells.has("4230")) return null;
    if (code === closing.line && rec.item) return `=${itemSign(cat.get(code)!) === -1 ? "-" : ""}${sumifs(code)}+FOCUS_4230+N("${LEDGER_MARK}")`;
    if (code === "4240" && cells.has("1800")) return `=FOCUS_1800-FOCUS_4230+N("${LEDGER_MARK}")`;
    if (code === "4250") return `=FOCUS_4230+N("${LEDGER_MARK}")`;
    return null;
  };
  const transferFrom = transfersOf(form);
  const missing = codes.filter((c) => !cells.has(c) && build.sources.has(c) && !isTotal(form, c));
  // Only the codes the ledger builds are written (the lines a total names are read, not written).
  const { free: targets, conflicts } = ownedOrConflicts(cells, LEDGER_MARK, codes);
  const sheetsOf = (list: string[]) => list.map((c) => splitAddress(cells.get(c)?.address ?? "")?.sheet).filter((x): x is string => Boolean(x));
  const locked = [...new Set(sheetsOf([...targets, ...(mode === "replace" ? conflicts.map((c) => c.code) : [])]))].filter(reads.isProtected);
  if (locked.length) throw new MappingError(`${protectedWords(locked)}, so the build cannot write its formulas there. Unprotect ${locked.length === 1 ? "it" : "them"} (Review > Unprotect Sheet) and build again; nothing was changed.`);
  if (conflicts.length && mode === "ask") return { build, written: [], missing, kept: [], conflicts, syncs: 0 };
  if (mode === "replace") targets.push(...conflicts.map((c) => c.code));
  // Whole columns: accounts appended below the trial balance are counted, and rows or a title
  // inserted above move nothing (0.2.0 read $C$2:$C$34 and left an appended account out). The
  // header and anything above it never match an item code.
  const col = (letter: string) => joinAddress(rec.sheet, `$${letter}:$${letter}`);
  // An account's item is the code alone ("200") or the dropdown's code and label ("200 — Cash").
  // The balance of the accounts whose item cell holds exactly `text` (a split is matched whole).
  const balanceOf = (text: string) => {
    const one = (amount: string) => `SUMIFS(${amount},${col(rec.item!)},"${text.replace(/"/g, '""')}")`;
    return rec.balance ? one(col(rec.balance)) : `(${one(col(rec.debit!))}-${one(col(rec.credit!))})`;
  };
  // Accounts split between lines ("300:60%,550:40%", "300:2500.25;550"): each line takes its share
  // of the balance of the accounts with that split, in the formula, so it follows the trial balance.
  const splitTexts = [...new Set(ledger.map.map((e) => e.item))].flatMap((text) => {
    const p = parseSplit(text);
    return p && "parts" in p ? [{ text, parts: p.parts }] : [];
  });
  const shareTerms = (code: string) =>
    splitTexts
      .filter((x) => x.parts.some((y) => y.item === code))
      .map(({ text, parts }) => {
        const part = parts.find((y) => y.item === code)!;
        const b = balanceOf(text);
        if (part.percent !== undefined) return `+${b}*${part.percent.div(100).toFixed()}`;
        if (part.amount !== undefined) return `+${part.amount.toFixed()}*SIGN(${b})`;
        // The rest: the balance less the other parts' percentages or amounts.
        const pct = parts.reduce((sum, y) => sum.plus(y.percent ?? 0), new D(0));
        const fixed = parts.reduce((sum, y) => sum.plus(y.amount ?? 0), new D(0));
        return pct.gt(0) ? `+${b}*${new D(100).minus(pct).div(100).toFixed()}` : `+${b}-${fixed.toFixed()}*SIGN(${b})`;
      })
      .join("");
  const sumifs = (code: string) => {
    const by = (amount: string) => `SUMIFS(${amount},${col(rec.item!)},"${code}")+SUMIFS(${amount},${col(rec.item!)},"${code}${LABEL_SEPARATOR}*")`;
    return rec.balance ? `(${by(col(rec.balance))}${shareTerms(code)})` : `(${by(col(rec.debit!))}-${by(col(rec.credit!))}${shareTerms(code)})`;
  };
  const written: string[] = [];
  eventsOff(context);
  for (const code of targets) {
    const total = totalRules.get(code);
    let formula: string;
    const closed = closingFormula(code);
    if (closed) {
      formula = closed;
    } else if (transferFrom.has(code) && cells.has(transferFrom.get(code)!)) {
      formula = `=FOCUS_${transferFrom.get(code)}+N("${LEDGER_MARK}")`;
    } else if (total && !ledger.map.some((e) => e.item === code || splitTexts.some((x) => x.text === e.item && x.parts.some((y) => y.item === code))) && total.expr.op === "total") {
      const terms = total.expr.terms.filter((t) => t.expr.op === "item" && cells.has((t.expr as { code: string }).code));
      if (!terms.length) continue;
      formula = `=${terms.map((t, i) => `${t.sign === -1 ? "-" : i ? "+" : ""}FOCUS_${(t.expr as { code: string }).code}`).join("")}+N("${LEDGER_MARK}")`;
    } else {
      if (!rec.item) continue;
      formula = `=${itemSign(cat.get(code)!) === -1 ? "-" : ""}${sumifs(code)}+N("${LEDGER_MARK}")`;
    }
    const a = splitAddress(cells.get(code)!.address);
    if (!a) continue;
    context.workbook.worksheets.getItem(a.sheet).getRange(a.cell).formulas = [[formula]];
    written.push(code);
  }
  eventsOn(context);
  context.workbook.settings.add(SETTING_KEYS.ledger, JSON.stringify(rec));
  // The trial balance's place as a name on its header row: Excel moves it with inserted rows,
  // columns and titles, where the record's address would go stale.
  if (place) place.delete();
  const letters = ledgerColumns(rec);
  context.workbook.names.add(LEDGER_NAME, `=${joinAddress(rec.sheet, `$${letters.first}$${rec.headerRow}:$${letters.last}$${rec.headerRow}`)}`, "FOCUS Workbench: the header row of the trial balance the FOCUS cells are built from");
  return { build, written, missing, kept: mode === "keep" ? conflicts : [], conflicts: [], syncs: 0 };
}

/** A written FOCUS_ cell as Excel now shows it (read back in the build's last sync). */
export interface WrittenCell {
  code: string;
  value: unknown;
  valueType: string;
  numberFormat: string;
  text: string;
}

/** What *Build from trial balance* did in one batch (see `buildFromSelection`). */
export interface SelectionBuild {
  /** The trial balance read from the selection (its `problem` says when it cannot be used). */
  ledger: LedgerRead;
  /** The write, or null when the selection has a problem or no "item" column yet. */
  write: LedgerWrite | null;
  /** The written cells as Excel now shows them, for the pane's map without reading the workbook again. */
  shown: WrittenCell[];
  /** context.sync() calls made. */
  syncs: number;
}

/**
 * The pane's *Build from trial balance* in four syncs whatever the number of items (issue #29
 * point 5: 0.3.0 took nine, reading the selection, the FOCUS_ names, their cells, their sheets and
 * then the whole workbook again):
 * 1. the selection's used part and sheet, every workbook name and every sheet's name;
 * 2. the trial balance's values, with the FOCUS_ cells (address, formulas, values) and their sheets'
 *    protection riding along (a trial balance above CELLS_PER_LOAD cells takes a sync per further part);
 * 3. the formulas, the record and the name FocusTrialBalance;
 * 4. the written cells' values and text, as Excel calculated them.
 * Nothing is written when the selection has a problem, has no "item" column (`write` is null), or
 * a FOCUS_ cell holds the user's figure in "ask" mode (the conflicts are returned). Throws
 * MappingError for a selection Excel refuses (several areas, a chart) or a protected sheet.
 */
export async function buildFromSelection(context: Excel.RequestContext, form: FormId, mode: "ask" | "replace" | "keep" = "ask"): Promise<SelectionBuild> {
  const sel = context.workbook.getSelectedRange();
  const used = sel.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const active = context.workbook.worksheets.getActiveWorksheet();
  active.load("name");
  const names = context.workbook.names;
  names.load("items/name,items/type,items/formula");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  try {
    await context.sync();
  } catch (e) {
    await explainSelectionError(context, e);
  }
  let syncs = 1;
  if (used.isNullObject) {
    const empty = ledgerFromValues(active.name, 1, 1, []);
    return { ledger: { ...empty, problem: "The selection holds no values: select the trial balance, its header row (account, name, balance) first." }, write: null, shown: [], syncs };
  }
  // Every FOCUS_ name on one cell of an existing sheet: its cell and that sheet's protection travel with the trial balance.
  const existing = new Set(sheets.items.map((x) => x.name));
  const focus = names.items.flatMap((n) => {
    const code = codeFromName(n.name);
    if (!code || n.type !== "Range") return [];
    const ref = parseReference(String(n.formula ?? ""));
    if (ref.kind !== "areas" || ref.areas.length !== 1 || !existing.has(ref.areas[0].sheet)) return [];
    return [{ code, n, sheet: ref.areas[0].sheet }];
  });
  let cells = new Map<string, Excel.Range>();
  let protectedOnes: () => string[] = () => [];
  const queueFocus = () => {
    cells = new Map(
      focus.map((f) => {
        const r = f.n.getRangeOrNullObject();
        r.load("address,formulas,values");
        return [f.code, r];
      }),
    );
    protectedOnes = queueProtection(context, focus.map((f) => f.sheet));
  };
  const parts = await readValuesInParts(context, active.name, used.rowIndex + 1, used.columnIndex + 1, used.rowCount, used.columnCount, queueFocus);
  syncs += parts.syncs;
  const ledger = ledgerFromValues(active.name, used.rowIndex + 1, used.columnIndex + 1, parts.values);
  if (ledger.problem || !ledger.record.item) return { ledger, write: null, shown: [], syncs };
  for (const [code, r] of cells) if (r.isNullObject) cells.delete(code);
  const build = buildFromLedger(form, ledger.accounts, ledger.map);
  const locked = new Set(protectedOnes());
  const place = names.items.find((n) => n.name === LEDGER_NAME) ?? null;
  const write = queueLedgerWrite(context, form, ledger, build, mode, { cells, isProtected: (sheet) => locked.has(sheet), place });
  if (write.conflicts.length) return { ledger, write: { ...write, syncs }, shown: [], syncs };
  // The written cells' values as Excel calculates them, read after the write's sync.
  await syncQuietWrites(context);
  syncs++;
  const back = write.written.map((code) => {
    const r = cells.get(code)!;
    r.load("values,valueTypes,numberFormat,text");
    return { code, r };
  });
  await context.sync();
  syncs++;
  const shown = back.map(({ code, r }) => ({ code, value: r.values[0][0], valueType: String(r.valueTypes[0][0]), numberFormat: String(r.numberFormat[0][0] ?? ""), text: String(r.text[0][0] ?? "") }));
  return { ledger, write: { ...write, syncs }, shown, syncs };
}

/** The pages the build writes totals of: the statement of financial condition, the statement of income and the statement of changes. */
const BUILT_SECTIONS: readonly string[] = ["assets", "liabilities", "ownership-equity", "income-statement", "changes-in-equity"];

function isTotal(form: FormId, code: string): boolean {
  return rulesFor(form).some((r) => r.kind === "equation" && r.target === code && r.expr.op === "total" && BUILT_SECTIONS.includes(r.section));
}

/** What D1 of the add-in's "FOCUS codes" sheet holds: how the add-in tells its own sheet from a user's of that name. */
export const CODES_MARK = "FOCUS Workbench: the item codes the map column offers (written by the add-in at each build; yours to delete)";

/** How many columns right of the selection are looked at for an empty one. */
const COLUMNS_TRIED = 16;

/** Where the map column went, and the sheet of its list (another name when a user's sheet is called "FOCUS codes"). */
export interface MapColumn {
  letter: string;
  codesSheet: string;
  /** Said to the user when the list could not go on "FOCUS codes" (a sheet of theirs has that name). */
  note: string | null;
}

/**
 * Add the map column ("item") in the first empty column to the right of the selected trial balance
 * (a column of the user's, a "notes" column say, is never written: 0.2.0 wrote over it), with data
 * validation offering the form's amount lines as "code — label", kept on the add-in's sheet "FOCUS
 * codes" (a list typed inline is limited to 255 characters). That sheet is the add-in's when its D1
 * holds CODES_MARK; a user's sheet of that name is left alone and the list goes on "FOCUS codes 2"
 * (said in `note`). The formulas read the code before the dash, or a code typed alone. Four syncs.
 * Throws MappingError when the trial balance's sheet is protected or no column within 16 of the
 * selection is empty.
 */
export async function addMapColumn(context: Excel.RequestContext, form: FormId, ledger: LedgerRead): Promise<MapColumn> {
  const rec = ledger.record;
  const protectedOnes = queueProtection(context, [rec.sheet]);
  await context.sync();
  const locked = protectedOnes();
  if (locked.length) throw new MappingError(`${protectedWords(locked)}, so the map column cannot be added beside the trial balance. Unprotect it (Review > Unprotect Sheet) and build again; nothing was changed.`);
  const cols = [rec.account, rec.name, rec.balance, rec.debit, rec.credit, rec.lastCol].filter((c): c is string => Boolean(c));
  const first = Math.max(...cols.map(colNumber)) + 1;
  const ws = context.workbook.worksheets.getItem(rec.sheet);
  const candidates = Array.from({ length: COLUMNS_TRIED }, (_, i) => columnLetters(first + i));
  // A column is free when nothing is in it from the header row to the last account (ExcelApi 1.4).
  const used = candidates.map((l) => ws.getRange(`${l}${rec.headerRow}:${l}${rec.lastRow}`).getUsedRangeOrNullObject(true));
  used.forEach((u) => u.load("address"));
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const k = used.findIndex((u) => u.isNullObject);
  if (k < 0) {
    throw new MappingError(`The ${COLUMNS_TRIED} columns right of the trial balance (${candidates[0]} to ${candidates[candidates.length - 1]}) all hold something of yours; the map column needs an empty one. Insert an empty column after the trial balance, or add a column headed "item" yourself.`);
  }
  const letter = candidates[k];
  const names = sheets.items.map((x) => x.name);
  const codeSheets = names.filter((n) => /^FOCUS codes( \d+)?$/.test(n)).map((n) => ({ name: n, d1: sheets.getItem(n).getRange("D1").load("values") }));
  await context.sync();
  let codesSheet = codeSheets.find((c) => c.d1.values[0][0] === CODES_MARK)?.name ?? null;
  let note: string | null = null;
  const items = catalogue(form).items.filter((i) => i.kind === "dollars");
  if (!codesSheet) {
    codesSheet = "FOCUS codes";
    for (let i = 2; names.includes(codesSheet); i++) codesSheet = `FOCUS codes ${i}`;
    if (codesSheet !== "FOCUS codes") note = `A sheet of yours is named "FOCUS codes"; it was left as it is, and the list of item codes went on "${codesSheet}".`;
    sheets.add(codesSheet);
  }
  eventsOff(context);
  const list = sheets.getItem(codesSheet);
  list.getRange(`A1:D${items.length + 1}`).values = [["item", "label", "choice", CODES_MARK], ...items.map((i) => [i.code, i.label, `${i.code}${LABEL_SEPARATOR}${i.label}`, ""])];
  ws.getRange(`${letter}${rec.headerRow}`).values = [["item"]];
  ws.getRange(`${letter}${rec.headerRow + 1}:${letter}${rec.lastRow}`).dataValidation.rule = {
    list: { inCellDropDown: true, source: `=${joinAddress(codesSheet, `$C$2:$C$${items.length + 1}`)}` },
  };
  eventsOn(context);
  await syncQuietWrites(context);
  return { letter, codesSheet, note };
}

/** The report the recorded (or selected) trial balance builds: its values, the accounts behind each item, the ledger's findings. */
export function buildLedger(form: FormId, ledger: LedgerRead): LedgerBuild {
  return buildFromLedger(form, ledger.accounts, ledger.map);
}
