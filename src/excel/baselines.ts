/**
 * Baselines: the mapped values saved inside the workbook (Excel's workbook settings, one key), so
 * that a later Compare can show what moved. Nothing leaves the workbook. A baseline keeps each
 * mapped item's cell content as read (the same raw cells a check reads), with a label, the time it
 * was saved, the form and the units setting of the moment.
 *
 * Why workbook settings, not a custom XML part: the add-in keeps its other settings there, they
 * are read and written in the same batch as the rest (ExcelApi 1.4), and a baseline is a few
 * kilobytes of JSON. Several baselines are kept; the pane picks one at a time.
 */
import type { FormId, InputEntry, RawCell, Units } from "../focus";
import { SETTING_KEYS } from "./settings";

/** A saved baseline. `entries` are item code and raw cell content, as a check reads them. */
export interface Baseline {
  id: string;
  label: string;
  /** ISO 8601 time of saving. */
  savedAt: string;
  form: FormId;
  units: Units;
  entries: { code: string; raw: RawCell }[];
}

/** How many baselines a workbook keeps: saving one more drops the oldest. */
export const MAX_BASELINES = 12;

function parseList(v: unknown): Baseline[] {
  if (typeof v !== "string") return [];
  try {
    const list = JSON.parse(v);
    return Array.isArray(list) ? list.filter((b): b is Baseline => b && typeof b.id === "string" && Array.isArray(b.entries)) : [];
  } catch {
    return [];
  }
}

/** The workbook's baselines, newest last (one sync). A missing or unreadable record is an empty list. */
export async function readBaselines(context: Excel.RequestContext): Promise<Baseline[]> {
  const s = context.workbook.settings.getItemOrNullObject(SETTING_KEYS.baselines);
  s.load("value");
  await context.sync();
  return s.isNullObject ? [] : parseList(s.value);
}

/**
 * Save the mapped values as a baseline (two syncs: read the list, write it). Returns the baseline
 * saved. Entries with a mapping problem are left out (they have no value to compare).
 */
export async function saveBaseline(
  context: Excel.RequestContext,
  b: { label: string; form: FormId; units: Units; entries: readonly InputEntry[]; now?: Date },
): Promise<Baseline> {
  const list = await readBaselines(context);
  const savedAt = (b.now ?? new Date()).toISOString();
  const baseline: Baseline = {
    id: `b${savedAt.replace(/\D/g, "")}`,
    label: b.label.trim() || `Baseline ${savedAt.slice(0, 10)}`,
    savedAt,
    form: b.form,
    units: b.units,
    entries: b.entries.filter((e) => !e.problem).map((e) => ({ code: e.code, raw: e.raw })),
  };
  const next = [...list.filter((x) => x.id !== baseline.id), baseline].slice(-MAX_BASELINES);
  context.workbook.settings.add(SETTING_KEYS.baselines, JSON.stringify(next));
  await context.sync();
  return baseline;
}

/** Delete a baseline by id (two syncs); returns whether it existed. */
export async function deleteBaseline(context: Excel.RequestContext, id: string): Promise<boolean> {
  const list = await readBaselines(context);
  const next = list.filter((b) => b.id !== id);
  if (next.length === list.length) return false;
  context.workbook.settings.add(SETTING_KEYS.baselines, JSON.stringify(next));
  await context.sync();
  return true;
}
