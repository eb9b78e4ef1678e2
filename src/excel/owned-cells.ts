/**
 * FOCUS_ cells the add-in is about to write formulas into (the haircut schedule's links, the
 * ledger's SUMIFS): which exist, and which it may write without asking. A cell is the add-in's to
 * write when it is empty or holds a formula carrying the add-in's marker; anything else is the
 * user's own figure, a conflict the pane asks about.
 */

/** A FOCUS_ cell that holds the user's own figure. */
export interface CellConflict {
  code: string;
  address: string;
  /** What the cell holds now (its formula, or its value as text). */
  holds: string;
}

/**
 * The FOCUS_ cells of `codes` (two syncs): `named` are the codes whose name exists, `cells` the
 * ranges (address, formulas and values loaded) of those that resolve to one range. A name that does
 * not (several areas, #REF!) is left out of `cells`: the check reports it.
 */
export async function readFocusCells(context: Excel.RequestContext, codes: readonly string[]): Promise<{ named: Set<string>; cells: Map<string, Excel.Range> }> {
  const names = codes.map((code) => ({ code, item: context.workbook.names.getItemOrNullObject(`FOCUS_${code}`) }));
  for (const n of names) n.item.load("type");
  await context.sync();
  const resolved = names
    .filter((n) => !n.item.isNullObject && n.item.type === "Range")
    .map((n) => {
      const range = n.item.getRangeOrNullObject();
      range.load("address,formulas,values");
      return { code: n.code, range };
    });
  await context.sync();
  return {
    named: new Set(names.filter((n) => !n.item.isNullObject).map((n) => n.code)),
    cells: new Map(resolved.filter((r) => !r.range.isNullObject).map((r) => [r.code, r.range])),
  };
}

/**
 * Queue the protection of `sheets` for the caller's next sync (ExcelApi 1.2); after it, the
 * returned function lists the protected ones. Writing a value or a formula on a protected sheet
 * fails the whole batch, so a writer asks first and names them.
 */
export function queueProtection(context: Excel.RequestContext, sheets: Iterable<string>): () => string[] {
  const list = [...new Set(sheets)].map((name) => ({ name, p: context.workbook.worksheets.getItem(name).protection }));
  for (const x of list) x.p.load("protected");
  return () => list.filter((x) => x.p.protected).map((x) => x.name);
}

/** "The sheet "Report" is protected" or "The sheets "A" and "B" are protected". */
export function protectedWords(sheets: readonly string[]): string {
  const q = sheets.map((x) => `"${x}"`);
  return sheets.length === 1 ? `The sheet ${q[0]} is protected` : `The sheets ${q.slice(0, -1).join(", ")} and ${q[q.length - 1]} are protected`;
}

/** Split the cells of `codes` into those the add-in may write (empty, or its own formula with `mark`) and conflicts. */
export function ownedOrConflicts(cells: ReadonlyMap<string, Excel.Range>, mark: string, codes: Iterable<string> = cells.keys()): { free: string[]; conflicts: CellConflict[] } {
  const free: string[] = [];
  const conflicts: CellConflict[] = [];
  for (const code of codes) {
    const range = cells.get(code);
    if (!range) continue;
    const f = range.formulas[0]?.[0];
    const v = range.values[0]?.[0];
    const ours = typeof f === "string" && f.includes(mark);
    const empty = (f === "" || f === null || f === undefined) && (v === "" || v === null || v === undefined);
    if (ours || empty) free.push(code);
    else conflicts.push({ code, address: range.address, holds: String(typeof f === "string" && f.startsWith("=") ? f : v) });
  }
  return { free, conflicts };
}
