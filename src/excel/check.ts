/**
 * A check of the workbook: read every mapped cell (2 syncs), run the engine, highlight the cells of
 * failing rules (1 sync). A check never writes a cell value: only the add-in's own conditional
 * formats and the settings that record them.
 */
import { checkReport, D, type CheckResult, type FormId } from "../focus";
import { applyHighlights, planHighlights, type HighlightOutcome } from "./highlight";
import { readWorkbook, type ReadOptions, type WorkbookRead } from "./read";

// Clear lives with the highlights, so the pane can clear without loading the checker.
export { clearPreviousHighlights } from "./highlight";

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
  const result = checkReport(form, read.entries, {
    percentageTolerance: new D(read.settings.tolerance),
    firstYear: read.settings.firstYear,
    frequency: read.settings.frequency,
    partial: read.settings.partial,
    ...(read.settings.standard ? { standard: read.settings.standard } : {}),
    units: read.settings.units,
  });
  const highlight = opts.highlight === false ? { applied: [], refused: [], syncs: 0 } : await applyHighlights(context, planHighlights(result, read.cells), read.cells);
  return { read, result, highlight, syncs: read.syncs + highlight.syncs };
}
