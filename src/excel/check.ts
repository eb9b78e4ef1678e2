/**
 * A check of the workbook: read every mapped cell (3 syncs), run the engine, highlight the cells of
 * failing rules (1 sync); with `clearFirst`, the earlier highlights are found during the same three
 * syncs and deleted in the fourth, before the new ones are added: 4 syncs in all, whatever the
 * number of mapped items. A check never writes a cell value: only the add-in's own conditional formats.
 */
import { checkReport, D, type CheckResult, type FormId } from "../focus";
import { capitalMeasures, coverText, noticesFor, type Measure, type Notice } from "../focus/review/notices";
import { applyHighlights, highlightAfterRead, planHighlights, readFindingHighlights, type ClearOutcome, type HighlightOutcome } from "./highlight";
import { readWorkbook, type ReadOptions, type WorkbookRead } from "./read";

// Clear lives with the highlights, so the pane can clear without loading the checker.
export { clearPreviousHighlights } from "./highlight";

/** Everything a check produced. */
export interface WorkbookCheck {
  read: WorkbookRead;
  result: CheckResult;
  highlight: HighlightOutcome;
  /** What clearing the earlier highlights did (with `clearFirst`). */
  cleared?: Omit<ClearOutcome, "syncs">;
  /** Capital at a glance: each measure with its levels and margins (the review pack's, src/focus/review). */
  measures: Measure[];
  /** The Rule 17a-11 notices the computation calls for (drafted; nothing is sent). */
  notices: Notice[];
  /**
   * Syncs of the check itself: reading (3) plus highlighting and clearing (at most 1); more only
   * when Excel refused to read a conditional format's rule (see HighlightSweep.readRulesInGroups).
   */
  syncs: number;
}

/** Options of a check: the form (default: the workbook's setting) and how to read. */
export interface CheckOptions extends ReadOptions {
  form?: FormId;
  /** Highlight failing cells (default true). */
  highlight?: boolean;
  /** Remove the earlier highlights in the same batch (the pane's Check): 4 syncs in all. */
  clearFirst?: boolean;
}

/** The engine's check of what was read, with the workbook's settings (the form: `form`, else the setting). */
export function checkRead(read: WorkbookRead, form?: FormId): CheckResult {
  return checkReport(form ?? read.settings.form, read.entries, {
    percentageTolerance: new D(read.settings.tolerance),
    firstYear: read.settings.firstYear,
    frequency: read.settings.frequency,
    // A workbook built from a trial balance (a recorded ledger) is partial, as `focus check
    // --trial-balance` reads it: haircuts and other deductions are not in a ledger, so their blank
    // boxes are unknown, not zero (0.2.0 showed net capital 114,383,000 on a green bar for Mizuho,
    // whose audited figure is 140,210,000).
    partial: read.settings.partial || read.settings.ledger,
    ...(read.settings.standard ? { standard: read.settings.standard } : {}),
    units: read.settings.units,
  });
}

/** Capital at a glance (the review pack's measures) and the Rule 17a-11 notices they call for. */
export function capitalAtAGlance(result: CheckResult): { measures: Measure[]; notices: Notice[] } {
  const measures = capitalMeasures(result);
  return { measures, notices: noticesFor(measures, coverText(result, "13") ?? "The firm", coverText(result, "25")) };
}

/**
 * Check the workbook. Reads in 3 syncs, highlights (and, with `clearFirst`, removes the earlier
 * highlights) in 1 more, whatever the number of mapped items.
 */
export async function checkWorkbook(context: Excel.RequestContext, opts: CheckOptions = {}): Promise<WorkbookCheck> {
  let read: WorkbookRead;
  let cleared: Omit<ClearOutcome, "syncs"> | undefined;
  let readSyncs: number;
  if (opts.clearFirst) {
    const r = await readFindingHighlights(context, opts);
    ({ read, cleared } = r);
    readSyncs = r.syncs;
  } else {
    read = await readWorkbook(context, opts);
    readSyncs = read.syncs;
  }
  const result = checkRead(read, opts.form);
  const plan = opts.highlight === false ? [] : planHighlights(result, read.cells);
  const highlight = cleared ? await highlightAfterRead(context, plan, read.cells) : await applyHighlights(context, plan, read.cells);
  const syncs = readSyncs + highlight.syncs;
  const { measures, notices } = capitalAtAGlance(result);
  return { read, result, highlight, ...(cleared ? { cleared } : {}), syncs, measures, notices };
}
