/**
 * A check of the workbook: read every mapped cell (2 syncs), run the engine, highlight the cells of
 * failing rules (1 sync). A check never writes a cell value: only the add-in's own conditional
 * formats and the settings that record them.
 */
import { checkReport, D, type CheckResult, type FormId } from "../focus";
import { applyHighlights, clearHighlights, planHighlights, type HighlightOutcome } from "./highlight";
import { readWorkbook, type ReadOptions, type WorkbookRead } from "./read";
import { SETTING_KEYS } from "./settings";

/** Everything a check produced. */
export interface WorkbookCheck {
  read: WorkbookRead;
  result: CheckResult;
  highlight: HighlightOutcome;
  /** Syncs of the check itself: reading (at most 2) plus highlighting (at most 1). */
  syncs: number;
}

/** Options of a check: the form (default: the workbook's setting) and how to read. */
export interface CheckOptions extends ReadOptions {
  form?: FormId;
  /** Highlight failing cells (default true). */
  highlight?: boolean;
}

/**
 * Check the workbook. Reads in at most 2 syncs, highlights in at most 1 more, whatever the number
 * of mapped items. Does not clear earlier highlights: call `clearPreviousHighlights` first.
 */
export async function checkWorkbook(context: Excel.RequestContext, opts: CheckOptions = {}): Promise<WorkbookCheck> {
  const read = await readWorkbook(context, opts);
  const form = opts.form ?? read.settings.form;
  const result = checkReport(form, read.entries, { percentageTolerance: new D(read.settings.tolerance), firstYear: read.settings.firstYear });
  const highlight = opts.highlight === false ? { applied: [], refused: [], syncs: 0 } : await applyHighlights(context, planHighlights(result, read.cells), read.cells);
  return { read, result, highlight, syncs: read.syncs + highlight.syncs };
}

/** Remove the highlights the last check recorded in the workbook (reads the record first). */
export async function clearPreviousHighlights(context: Excel.RequestContext): Promise<{ removed: number; syncs: number }> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTING_KEYS.highlights);
  setting.load("value");
  await context.sync();
  let addresses: string[] = [];
  if (!setting.isNullObject) {
    try {
      const v = JSON.parse(String(setting.value));
      if (Array.isArray(v)) addresses = v.filter((x): x is string => typeof x === "string");
    } catch {
      addresses = [];
    }
  }
  if (setting.isNullObject) return { removed: 0, syncs: 1 };
  const r = await clearHighlights(context, addresses, setting);
  return { removed: r.removed, syncs: r.syncs + 1 };
}
