/**
 * The add-in's settings that belong to the workbook (Excel's workbook settings, saved in the file):
 * the form and the tolerance, and the cells the last check highlighted (so Clear works after the
 * workbook is reopened). A missing or unreadable setting falls back to its default.
 */
import { UNITS, type FormId, type RatioStandard, type ReserveFrequency, type Units } from "../focus";

/** Keys of the add-in's workbook settings. */
export const SETTING_KEYS = {
  form: "focusWorkbench.form",
  tolerance: "focusWorkbench.tolerance",
  firstYear: "focusWorkbench.firstYear",
  frequency: "focusWorkbench.reserveFrequency",
  partial: "focusWorkbench.partial",
  standard: "focusWorkbench.standard",
  units: "focusWorkbench.units",
  baselines: "focusWorkbench.baselines",
  ledger: "focusWorkbench.ledger",
  liveCheck: "focusWorkbench.checkAsIEdit",
  /** 0.2.0 recorded the highlighted addresses here; Clear deletes the record when it finds it. */
  highlights: "focusWorkbench.highlights",
} as const;

/** Settings that belong to the workbook. */
export interface WorkbookSettings {
  form: FormId;
  /** Tolerance in whole dollars on lines the form derives by a percentage (default 1). */
  tolerance: number;
  /** The firm is in its first 12 months of business (800 % A.I. limit). */
  firstYear: boolean;
  /** How often the reserve formula is computed (15c3-3(e)(3)); default weekly. */
  frequency: ReserveFrequency;
  /** The workbook holds a partial report (blank boxes unknown, not zero); default false. */
  partial: boolean;
  /** The firm's ratio standard as declared, or null to read it from the lines. */
  standard: RatioStandard | null;
  /** The unit the workbook's dollar amounts are in; default dollars. */
  units: Units;
  /** The workbook records a trial balance its FOCUS cells were built from (Build from trial balance). */
  ledger: boolean;
  /** Check as I edit: the pane checks again after each edit (after a pause of 500 ms); absent or false: off (the default). */
  liveCheck?: boolean;
}

/** Defaults when the workbook has no settings yet. */
export const DEFAULT_SETTINGS: WorkbookSettings = {
  form: "part-ii",
  tolerance: 1,
  firstYear: false,
  frequency: "weekly",
  partial: false,
  standard: null,
  units: "dollars",
  ledger: false,
};

function parse(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * Queue the reads of the settings on the context; after the next sync, the returned function
 * gives their values (defaults where missing or malformed).
 */
export function readSettingsQueued(context: Excel.RequestContext): () => WorkbookSettings {
  const s = context.workbook.settings;
  const items = {
    form: s.getItemOrNullObject(SETTING_KEYS.form),
    tolerance: s.getItemOrNullObject(SETTING_KEYS.tolerance),
    firstYear: s.getItemOrNullObject(SETTING_KEYS.firstYear),
    frequency: s.getItemOrNullObject(SETTING_KEYS.frequency),
    partial: s.getItemOrNullObject(SETTING_KEYS.partial),
    standard: s.getItemOrNullObject(SETTING_KEYS.standard),
    units: s.getItemOrNullObject(SETTING_KEYS.units),
    ledger: s.getItemOrNullObject(SETTING_KEYS.ledger),
    liveCheck: s.getItemOrNullObject(SETTING_KEYS.liveCheck),
  };
  for (const it of Object.values(items)) it.load("value");
  return () => {
    const get = (k: keyof typeof items) => (items[k].isNullObject ? undefined : parse(items[k].value));
    const form = get("form");
    const tolerance = Number(get("tolerance"));
    const frequency = get("frequency");
    const standard = get("standard");
    const units = get("units");
    return {
      form: form === "part-ii" || form === "part-iia" ? form : DEFAULT_SETTINGS.form,
      tolerance: Number.isInteger(tolerance) && tolerance >= 0 && tolerance <= 1000 ? tolerance : DEFAULT_SETTINGS.tolerance,
      firstYear: get("firstYear") === true,
      frequency: frequency === "weekly" || frequency === "monthly" || frequency === "daily" ? frequency : DEFAULT_SETTINGS.frequency,
      partial: get("partial") === true,
      standard: standard === "basic" || standard === "alternative" ? standard : null,
      units: (UNITS as readonly unknown[]).includes(units) ? (units as Units) : DEFAULT_SETTINGS.units,
      ledger: !items.ledger.isNullObject,
      ...(get("liveCheck") === true ? { liveCheck: true } : {}),
    };
  };
}

/** Save the form, tolerance, first-year, reserve-frequency, completeness, standard, units and check-as-I-edit settings in the workbook (one sync). */
export async function saveSettings(
  context: Excel.RequestContext,
  settings: Pick<WorkbookSettings, "form" | "tolerance"> & Partial<Pick<WorkbookSettings, "firstYear" | "frequency" | "partial" | "standard" | "units" | "ledger" | "liveCheck">>,
): Promise<void> {
  context.workbook.settings.add(SETTING_KEYS.form, JSON.stringify(settings.form));
  context.workbook.settings.add(SETTING_KEYS.tolerance, JSON.stringify(settings.tolerance));
  context.workbook.settings.add(SETTING_KEYS.firstYear, JSON.stringify(Boolean(settings.firstYear)));
  context.workbook.settings.add(SETTING_KEYS.frequency, JSON.stringify(settings.frequency ?? DEFAULT_SETTINGS.frequency));
  context.workbook.settings.add(SETTING_KEYS.partial, JSON.stringify(Boolean(settings.partial)));
  context.workbook.settings.add(SETTING_KEYS.standard, JSON.stringify(settings.standard ?? null));
  context.workbook.settings.add(SETTING_KEYS.units, JSON.stringify(settings.units ?? DEFAULT_SETTINGS.units));
  context.workbook.settings.add(SETTING_KEYS.liveCheck, JSON.stringify(Boolean(settings.liveCheck)));
  await context.sync();
}
