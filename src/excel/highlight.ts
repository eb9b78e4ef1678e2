/**
 * Highlighting the cells of failing rules with conditional formats the add-in owns, and removing
 * exactly those. The user's own fill and formats are never read or written: a conditional format
 * shows over them while it exists, and deleting it restores the cell's look exactly.
 *
 * Ours are recognisable by their rule formula, which carries a marker (`=N("FOCUS Workbench
 * highlight")=0`, always TRUE). Clear looks at every conditional format of every sheet and deletes
 * those whose formula carries the marker, and no other: wherever they are now, after the sheet was
 * renamed, rows or columns were inserted, or a highlighted cell was copied or moved (a list of
 * addresses would go stale; the marker travels with the format). 0.2.0 kept such a list in the
 * workbook settings; Clear deletes it when it finds it.
 */
import type { CheckResult } from "../focus";
import { splitAddress } from "./address";
import { readWorkbook, type MappedCell, type ReadOptions, type WorkbookRead } from "./read";
import { SETTING_KEYS } from "./settings";

/** The text that marks a conditional format as the add-in's. */
export const HIGHLIGHT_MARK = "FOCUS Workbench highlight";
/** The rule formula of our conditional formats: TRUE, and recognisably ours. */
export const HIGHLIGHT_FORMULA = `=N("${HIGHLIGHT_MARK}")=0`;
/**
 * Fill of the cell that does not reconcile (the rule's target) and of the cells it is computed
 * from; and, in a colour of its own, of a cell whose value moved against a baseline (Compare).
 */
export const HIGHLIGHT_COLORS = { target: "#F4B6B6", part: "#FFE8A3", moved: "#B4D3F0" } as const;

/** A cell to highlight. */
export interface PlannedHighlight {
  address: string;
  role: "target" | "part" | "moved";
  /** Rule ids of the failing findings that involve the cell. */
  rules: string[];
}

/** The cells to highlight: every mapped cell of every failing finding; a rule's target wins over a part. */
export function planHighlights(result: CheckResult, cells: readonly MappedCell[]): PlannedHighlight[] {
  const byCode = new Map(cells.filter((c) => c.address).map((c) => [c.code, c.address as string]));
  const plan = new Map<string, PlannedHighlight>();
  for (const f of result.findings) {
    if (f.status !== "fail") continue;
    f.items.forEach((code, i) => {
      const address = byCode.get(code);
      if (!address) return;
      const role = i === 0 ? "target" : "part";
      const p = plan.get(address);
      if (!p) plan.set(address, { address, role, rules: [f.rule] });
      else {
        if (!p.rules.includes(f.rule)) p.rules.push(f.rule);
        if (role === "target") p.role = "target";
      }
    });
  }
  return [...plan.values()];
}

/** What highlighting did. */
export interface HighlightOutcome {
  applied: string[];
  /** Cells not highlighted, and why (a protected sheet). */
  refused: { address: string; reason: string }[];
  syncs: number;
}

/**
 * Add one conditional format per planned cell, in one sync. Cells on protected sheets are refused
 * (Excel would reject the whole batch) and listed with the sheet.
 */
export async function applyHighlights(context: Excel.RequestContext, plan: readonly PlannedHighlight[], cells: readonly MappedCell[]): Promise<HighlightOutcome> {
  const protectedAt = new Set(cells.filter((c) => c.protectedSheet && c.address).map((c) => c.address));
  const applied: string[] = [];
  const refused: HighlightOutcome["refused"] = [];
  for (const p of plan) {
    const a = splitAddress(p.address);
    if (!a) continue;
    if (protectedAt.has(p.address)) {
      refused.push({ address: p.address, reason: `sheet "${a.sheet}" is protected; unprotect it to see highlights` });
      continue;
    }
    const cf = context.workbook.worksheets.getItem(a.sheet).getRange(a.cell).conditionalFormats.add("Custom");
    cf.custom.rule.formula = HIGHLIGHT_FORMULA;
    cf.custom.format.fill.color = HIGHLIGHT_COLORS[p.role];
    // Not Stop If True: the user's other formats (a bold font, a border) still apply to the cell
    // while it is highlighted. On top of the user's formats, so that the fill shows even under a
    // rule of theirs with Stop If True (add() places it "at the top priority", d.ts
    // ConditionalFormatCollection.add; said here too, ExcelApi 1.6). The priority is set last:
    // after a priority change the object must be fetched again before any other change (d.ts
    // ConditionalFormat.priority).
    cf.stopIfTrue = false;
    cf.priority = 0;
    applied.push(p.address);
  }
  if (applied.length === 0) return { applied, refused, syncs: 0 };
  await context.sync();
  return { applied, refused, syncs: 1 };
}

/** What Clear did. */
export interface ClearOutcome {
  /** Conditional formats of ours deleted. */
  removed: number;
  /** Ours left in place because their sheet is protected: the sheet and the cells they cover. */
  refused: { sheet: string; cells: string[] }[];
  /**
   * Conditional formats whose rule Excel would not let the add-in read (a known Excel defect:
   * OfficeDev/office-js #6827, #6835), by sheet: left in place, since they cannot be told apart.
   */
  unreadable: { sheet: string; count: number }[];
  syncs: number;
}

/** At most this many syncs are spent finding the unreadable conditional formats (the rest are counted as unreadable). */
const MAX_GROUP_SYNCS = 64;

/**
 * Removing the add-in's highlights in steps that can ride on another batch's syncs (a Check reads
 * the workbook in three syncs; the sweep uses the same three and queues its deletions for the
 * fourth, where the new highlights are added after them). Call `start` before the first sync,
 * then `afterFirst`, `afterSecond` and `afterThird` after each; the deletions run at the next sync.
 */
export class HighlightSweep {
  private sheets: Excel.WorksheetCollection | null = null;
  private legacy: Excel.Setting | null = null;
  private perSheet: { ws: Excel.Worksheet; cfs: Excel.ConditionalFormatCollection }[] = [];
  private custom: { ws: Excel.Worksheet; cf: Excel.ConditionalFormat; rule: Excel.ConditionalFormatRule; range: Excel.RangeAreas }[] = [];
  private unreadable: typeof this.custom = [];

  constructor(private readonly context: Excel.RequestContext) {}

  /** Before the first sync: the sheets, and 0.2.0's record of addresses (to delete it). */
  start(): void {
    this.sheets = this.context.workbook.worksheets;
    this.sheets.load("items/name");
    this.legacy = this.context.workbook.settings.getItemOrNullObject(SETTING_KEYS.highlights);
  }

  /** After the first sync: every sheet's conditional formats and protection. */
  afterFirst(): void {
    this.perSheet = (this.sheets as Excel.WorksheetCollection).items.map((ws) => {
      // getRange() without an address is the whole sheet (ExcelApi 1.1); its conditionalFormats are
      // every format that intersects it (d.ts Range.conditionalFormats), i.e. all of the sheet's.
      const cfs = ws.getRange().conditionalFormats;
      cfs.load("items/type");
      ws.protection.load("protected");
      return { ws, cfs };
    });
  }

  /** After the second sync: the rule formula and range of every custom format. */
  afterSecond(): void {
    this.custom = this.perSheet.flatMap(({ ws, cfs }) =>
      cfs.items
        .filter((cf) => cf.type === "Custom")
        .map((cf) => {
          const rule = cf.custom.rule;
          rule.load("formula");
          // getRanges (ExcelApi 1.9), not getRange: a format over several ranges (a user's, or one
          // of ours Excel spread over two after an insert) makes getRange throw and fail the batch
          // ("Throws an error if the conditional format is applied to multiple ranges", d.ts).
          const range = cf.getRanges();
          range.load("address");
          return { ws, cf, rule, range };
        }),
    );
  }

  /** True once the rule formulas are queued (afterSecond ran): `readRulesInGroups` can then recover a failed third sync. */
  get rulesQueued(): boolean {
    return this.custom.length > 0;
  }

  /**
   * When the sync that read the rule formulas failed: some format's rule cannot be read through the
   * API (a rule duplicated in the Rules Manager, or two "Highlight Cell Rules" on one range:
   * OfficeDev/office-js #6827 and #6835, open), and one such read fails the whole batch. Read the
   * rules again in groups, halving a group that fails, so that every readable rule is read and
   * the unreadable ones are set aside (at most MAX_GROUP_SYNCS syncs; about 2·k·log2(n) for k
   * unreadable formats among n). Returns the syncs made; afterThird then works on what was read.
   */
  async readRulesInGroups(): Promise<number> {
    let syncs = 0;
    const readable: typeof this.custom = [];
    const groups = [this.custom];
    while (groups.length) {
      const g = groups.shift() as typeof this.custom;
      if (g.length === 0) continue;
      if (syncs >= MAX_GROUP_SYNCS) {
        this.unreadable.push(...g);
        continue;
      }
      for (const x of g) {
        x.rule.load("formula");
        x.range.load("address");
      }
      syncs++;
      try {
        await this.context.sync();
        readable.push(...g);
      } catch {
        if (g.length === 1) this.unreadable.push(g[0]);
        else groups.unshift(g.slice(0, Math.ceil(g.length / 2)), g.slice(Math.ceil(g.length / 2)));
      }
    }
    this.custom = readable;
    return syncs;
  }

  /** After the third sync: queue the deletion of ours on unprotected sheets; list the protected ones'. */
  afterThird(): Omit<ClearOutcome, "syncs"> {
    let removed = 0;
    const refused = new Map<string, string[]>();
    for (const { ws, cf, rule, range } of this.custom) {
      if (!rule.formula.includes(HIGHLIGHT_MARK)) continue;
      if (ws.protection.protected) {
        const cells = refused.get(ws.name) ?? [];
        // "Sheet1!A1:B4, Sheet1!D1:D4": each area its cell reference.
        for (const area of range.address.split(/,\s*/)) cells.push(splitAddress(area)?.cell ?? area);
        refused.set(ws.name, cells);
        continue;
      }
      cf.delete();
      removed++;
    }
    if (this.legacy && !this.legacy.isNullObject) this.legacy.delete();
    const unreadable = new Map<string, number>();
    for (const { ws } of this.unreadable) unreadable.set(ws.name, (unreadable.get(ws.name) ?? 0) + 1);
    return {
      removed,
      refused: [...refused].map(([sheet, cells]) => ({ sheet, cells })),
      unreadable: [...unreadable].map(([sheet, count]) => ({ sheet, count })),
    };
  }
}

/**
 * Remove every highlight the add-in made, on every sheet, found by the marker in its rule formula
 * (never a conditional format of the user's). A protected sheet's highlights cannot be deleted
 * (Excel refuses conditional-format changes there, and one refused delete would fail the whole
 * batch): they are left, and listed with the sheet and cells, and the rest are removed. Four syncs:
 * the sheets; each sheet's conditional formats and protection; the rule formulas of the custom
 * ones; the deletions. When a rule cannot be read (Excel defect, see `readRulesInGroups`), the
 * rules are read again in groups and the unreadable ones are counted in `unreadable`.
 */
export async function clearPreviousHighlights(context: Excel.RequestContext): Promise<ClearOutcome> {
  const sweep = new HighlightSweep(context);
  sweep.start();
  await context.sync();
  sweep.afterFirst();
  await context.sync();
  sweep.afterSecond();
  let syncs = 3;
  try {
    await context.sync();
  } catch (e) {
    if (!sweep.rulesQueued) throw e;
    syncs += await sweep.readRulesInGroups();
  }
  const outcome = sweep.afterThird();
  await context.sync();
  return { ...outcome, syncs: syncs + 1 };
}

/** "Excel would not let the add-in read 2 conditional formats (1 on sheet "Report", 1 on sheet "Notes"; …" (empty when none). */
export function describeUnreadable(unreadable: ClearOutcome["unreadable"]): string {
  if (!unreadable.length) return "";
  const where = unreadable.map((u) => `${u.count} on sheet "${u.sheet}"`).join(", ");
  const n = unreadable.reduce((a, u) => a + u.count, 0);
  return `Excel would not let the add-in read the rule of ${n} conditional format${n === 1 ? "" : "s"} (${where}). Excel's API cannot read some rules, for example two "Highlight Cell Rules" on one range or a rule duplicated in the Rules Manager (OfficeDev/office-js #6827, #6835); they were left as they are. If a FOCUS highlight is among them, delete it in Home > Conditional Formatting > Manage Rules.`;
}

/** "Sheet "Report" is protected: 3 highlights left at B2, B5, B9 (unprotect it, then Clear)." */
export function describeRefusedClear(refused: ClearOutcome["refused"]): string {
  return refused
    .map((r) => `Sheet "${r.sheet}" is protected: ${r.cells.length} highlight${r.cells.length === 1 ? "" : "s"} left at ${r.cells.slice(0, 8).join(", ")}${r.cells.length > 8 ? ", …" : ""} (unprotect it, then Clear).`)
    .join(" ");
}

/**
 * What a Check or a Compare could not do with highlights, in sentences to follow its summary (empty
 * when it did everything): cells not highlighted (a protected sheet), earlier highlights left (a
 * protected sheet), conditional formats Excel would not let it read.
 */
export function describeHighlightNotes(highlight: Pick<HighlightOutcome, "refused">, cleared?: Omit<ClearOutcome, "syncs">): string {
  const notes: string[] = [];
  if (highlight.refused.length) notes.push(`${highlight.refused.length} cells not highlighted: ${[...new Set(highlight.refused.map((r) => r.reason))].join("; ")}.`);
  if (cleared?.refused.length) notes.push(`Earlier highlights not cleared: ${describeRefusedClear(cleared.refused)}`);
  if (cleared?.unreadable.length) notes.push(describeUnreadable(cleared.unreadable));
  return notes.map((n) => ` ${n}`).join("");
}

/** A read of the workbook during which the earlier highlights were found, their deletion queued for the next sync. */
export interface ReadForHighlights {
  read: WorkbookRead;
  cleared: Omit<ClearOutcome, "syncs">;
  /** Syncs so far: the read's 3, more only when Excel refused to read a rule (see readRulesInGroups). */
  syncs: number;
}

/**
 * Read the workbook (3 syncs) and find the add-in's earlier highlights in the same syncs; their
 * deletion is queued, to run first at the caller's next sync (`highlightAfterRead`). What Check
 * and Compare do before they highlight: 4 syncs in all, whatever the number of mapped items.
 */
export async function readFindingHighlights(context: Excel.RequestContext, opts: ReadOptions = {}): Promise<ReadForHighlights> {
  const sweep = new HighlightSweep(context);
  sweep.start();
  let read: WorkbookRead;
  let extra = 0;
  try {
    read = await readWorkbook(context, opts, { afterSync: (n) => (n === 1 ? sweep.afterFirst() : n === 2 ? sweep.afterSecond() : undefined) });
  } catch (e) {
    // The third sync carries the sweep's rule reads, and Excel fails a whole batch when one rule
    // cannot be read (OfficeDev/office-js #6827): read the workbook alone, then the rules in groups.
    // A failure of the read itself happens again here and is thrown.
    if (!sweep.rulesQueued) throw e;
    read = await readWorkbook(context, opts);
    extra = 3 + (await sweep.readRulesInGroups()); // the failed attempt's 3, then the groups
  }
  // The deletions are queued now, before the new highlights: they run in order at the next sync.
  const cleared = sweep.afterThird();
  return { read, cleared, syncs: read.syncs + extra };
}

/** After `readFindingHighlights`: add the planned highlights, in the sync that deletes the earlier ones (one sync, also when nothing is planned). */
export async function highlightAfterRead(context: Excel.RequestContext, plan: readonly PlannedHighlight[], cells: readonly MappedCell[]): Promise<HighlightOutcome> {
  const outcome = await applyHighlights(context, plan, cells);
  if (outcome.syncs === 0) {
    await context.sync();
    return { ...outcome, syncs: 1 };
  }
  return outcome;
}
