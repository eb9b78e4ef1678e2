/**
 * Check as I edit: after an edit, check the workbook again in at most two syncs, whatever the number
 * of mapped items, from what the last check knew (its mapped cells and the highlights it left).
 *
 * 1. Read every mapped cell again through its name (so a cell the user moved is still found), and
 *    queue, for each cell the last check highlighted, the rule of the format on top of that cell:
 *    the add-in's highlight, which is added at the top priority (d.ts ConditionalFormatCollection.add).
 * 2. Check, then delete the highlights whose cell no longer fails (or changes role) and add the new
 *    ones, in one sync; no second sync when no highlight changes.
 *
 * When the workbook is not as the last check left it (a name deleted, a mapped cell moved, a format
 * of the user's now above a highlight, a rule Excel cannot read: OfficeDev/office-js #2180, #6827),
 * the first sync fails or tells, nothing is deleted, and the whole check runs instead (checkWorkbook
 * with clearFirst: 4 syncs), said in `fellBack`. A re-check never writes a cell value.
 */
import { capitalAtAGlance, checkRead, checkWorkbook, type CheckOptions, type WorkbookCheck } from "./check";
import { applyHighlights, HIGHLIGHT_MARK, planHighlights, type PlannedHighlight } from "./highlight";
import { entriesOf, loadedContent, type MappedCell } from "./read";
import { splitAddress } from "./address";

/** A re-check: the new check, and why the whole check ran instead, if it did. */
export interface Recheck {
  check: WorkbookCheck;
  /** Why the two-sync re-check gave way to the whole check (4 syncs), or null when it did not. */
  fellBack: string | null;
}

/** The highlights the last check left: its plan, as far as Excel took it. */
function leftBy(last: WorkbookCheck): PlannedHighlight[] {
  const applied = new Set(last.highlight.applied);
  return planHighlights(last.result, last.read.cells).filter((p) => applied.has(p.address));
}

/**
 * Check again after an edit (see the file's comment): two syncs at most, one when no highlight
 * changes; the whole check when the workbook moved under the last one. Throws only what the whole
 * check throws (Excel unavailable, the focus in another workbook).
 */
export async function recheckWorkbook(context: Excel.RequestContext, last: WorkbookCheck, opts: CheckOptions = {}): Promise<Recheck> {
  const whole = async (why: string): Promise<Recheck> => ({ check: await checkWorkbook(context, { ...opts, clearFirst: true }), fellBack: why });
  const names = context.workbook.names;
  const reads = last.read.cells.map((c) => {
    if (c.problem || !c.address) return { c, range: null };
    const range = names.getItem(c.name).getRange();
    range.load("address,values,valueTypes,numberFormat,text");
    return { c, range };
  });
  const before = leftBy(last);
  const tops = before.map((p) => {
    const a = splitAddress(p.address) as { sheet: string; cell: string };
    const top = context.workbook.worksheets.getItem(a.sheet).getRange(a.cell).conditionalFormats.getItemAt(0);
    // Its id loaded too: office.js then addresses this format, not "the first at the cell", when
    // the next sync deletes it (a loaded object's path is rewritten to its reference or id:
    // office.js ObjectPath.updateUsingObjectData, read in @microsoft/office-js).
    top.load("id");
    top.custom.rule.load("formula");
    return { p, top };
  });
  try {
    await context.sync();
  } catch (e) {
    return whole(`the workbook changed under the last check (${(e as Error)?.message ?? String(e)})`);
  }
  const moved = reads.find((r) => r.range && r.range.address !== r.c.address);
  if (moved) return whole(`${moved.c.code} moved from ${moved.c.address} to ${moved.range!.address}`);
  const notOurs = tops.find((t) => !String(t.top.custom.rule.formula ?? "").includes(HIGHLIGHT_MARK));
  if (notOurs) return whole(`a conditional format of the workbook's is now above the highlight of ${notOurs.p.address}`);

  const cells: MappedCell[] = reads.map(({ c, range }) => {
    if (!range) return c;
    const at = (m: unknown[][]) => m[0][0];
    return { ...c, ...loadedContent(at(range.values), String(at(range.valueTypes)), String(at(range.numberFormat) ?? ""), String(at(range.text) ?? "")) };
  });
  const read = { ...last.read, cells, entries: entriesOf(cells), syncs: 1 };
  const result = checkRead(read, opts.form);
  const plan = opts.highlight === false ? [] : planHighlights(result, cells);
  const roleNow = new Map(plan.map((p) => [p.address, p.role]));
  const roleBefore = new Map(before.map((p) => [p.address, p.role]));
  let deleted = 0;
  for (const t of tops) {
    if (roleNow.get(t.p.address) === t.p.role) continue;
    t.top.delete();
    deleted++;
  }
  const added = await applyHighlights(context, plan.filter((p) => roleBefore.get(p.address) !== p.role), cells);
  let syncs = 1 + added.syncs;
  if (deleted && !added.syncs) {
    await context.sync();
    syncs++;
  }
  const kept = before.filter((p) => roleNow.get(p.address) === p.role).map((p) => p.address);
  const highlight = { applied: [...kept, ...added.applied], refused: added.refused, syncs: syncs - 1 };
  return { check: { read, result, highlight, syncs, ...capitalAtAGlance(result) }, fellBack: null };
}
