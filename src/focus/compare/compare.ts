/**
 * Comparing two reports: the prior-period review (item by item, flagged movements, the net capital
 * bridge) and the audited reconciliation of Rule 17a-5 (the net capital lines that differ, each
 * with its explanation). Pure: takes Reports (see report.ts), returns data; amounts are exact
 * decimals in dollars (a report read in thousands is already scaled).
 */
import { roundToScale } from "../report/amount";
import { catalogue } from "../catalogue/catalogue";
import type { FormId } from "../catalogue/types";
import { D, Decimal } from "../report/decimal";
import type { Report } from "../report/report";

/** Thresholds above which a movement is flagged: both must be exceeded. */
export interface CompareOptions {
  /** Whole dollars; default 10,000. */
  thresholdAmount?: Decimal;
  /** Percent of the before figure (10 for 10 %); default 10. */
  thresholdPct?: Decimal;
}

/** Default thresholds: a movement is flagged when it exceeds both $10,000 and 10 % of the before figure. */
export const DEFAULT_THRESHOLDS = { amount: new D(10_000), pct: new D(10) } as const;

/** One item's movement. Amounts are dollars; `changePct` is percent of `before` with two decimals (null when before is zero or absent). */
export interface ItemChange {
  item: string;
  label: string;
  before: Decimal | null;
  after: Decimal | null;
  change: Decimal;
  changePct: Decimal | null;
  flagged: boolean;
  /** "changed", "new" (only after), "removed" (only before). */
  kind: "changed" | "new" | "removed";
}

/** An item that could not be compared (its value in one report is not usable). */
export interface NotCompared {
  item: string;
  label: string;
  reason: string;
}

/** One step of a bridge: the items it covers, what it is, and its effect on the figure being bridged. */
export interface BridgeStep {
  items: string[];
  label: string;
  change: Decimal;
  /**
   * Set when the step cannot be computed line by line: a line of it is not usable in one report
   * (#REF!, text). The step is then what is left of the change once the usable lines are counted,
   * and this says why, naming the lines; it is never shown as a movement of those lines.
   */
  unknown?: string;
}

/** How a figure moved, step by step: before + Σ steps = after, exactly. */
export interface Bridge {
  label: string;
  before: Decimal;
  after: Decimal;
  steps: BridgeStep[];
}

/** The result of `compareReports`. */
export interface Comparison {
  form: FormId;
  /** When the reports are of different forms: the other form, and that only shared items were compared. */
  otherForm: FormId | null;
  thresholdAmount: Decimal;
  thresholdPct: Decimal;
  /** Every item that differs, largest change first. */
  changes: ItemChange[];
  notCompared: NotCompared[];
  bridge: { netCapital: Bridge | null; excessNetCapital: Bridge | null };
}

/** A report's amount for an item, or null when it is blank, absent or not usable. */
export function amountOf(r: Report, code: string): Decimal | null {
  const v = r.values.get(code);
  return v?.state === "amount" ? v.value : null;
}

/**
 * Items comparable between two forms: every item of the form when both are the same; across Part
 * II and Part IIA only the items whose line means the same on both (Part IIA codes confirmed for
 * a line of the same meaning, see catalogue.ts).
 */
function comparableCodes(a: FormId, b: FormId): Set<string> {
  const cat = catalogue(a);
  if (a === b) return new Set(cat.items.map((i) => i.code));
  const iia = catalogue("part-iia");
  const shared = iia.items.filter((i) => i.confidence === "shared" || (i.confirmed && i.section === "cover")).map((i) => i.code);
  const other = catalogue(b);
  return new Set(shared.filter((c) => cat.has(c) && other.has(c)));
}

/**
 * Compare `before` with `after`, item by item: the change, the change in percent of the before
 * figure, and a flag when the change exceeds both thresholds (default $10,000 and 10 %); items only
 * in one report are "new" or "removed" (and flagged by the amount alone). Items whose value is not
 * usable in either report are listed in `notCompared`, never taken as zero. Reports of different
 * forms are compared on the items the two forms share by meaning. Sorted by the size of change.
 * Throws Error for a negative threshold.
 */
export function compareReports(before: Report, after: Report, options: CompareOptions = {}): Comparison {
  const thresholdAmount = options.thresholdAmount ?? DEFAULT_THRESHOLDS.amount;
  const thresholdPct = options.thresholdPct ?? DEFAULT_THRESHOLDS.pct;
  if (thresholdAmount.isNegative() || thresholdPct.isNegative()) throw new Error("thresholds must not be negative");
  const codes = comparableCodes(after.form, before.form);
  const cat = catalogue(after.form);
  const changes: ItemChange[] = [];
  const notCompared: NotCompared[] = [];
  const all = new Set([...before.values.keys(), ...after.values.keys()]);
  for (const code of all) {
    if (!codes.has(code)) continue;
    const it = cat.get(code);
    if (!it || (it.kind !== "dollars" && it.kind !== "percent")) continue;
    const label = it.label;
    const vb = before.values.get(code);
    const va = after.values.get(code);
    const bad = [vb?.state === "invalid" ? `before: ${vb.reason}` : null, va?.state === "invalid" ? `after: ${va.reason}` : null].filter(Boolean);
    if (bad.length) {
      notCompared.push({ item: code, label, reason: bad.join("; ") });
      continue;
    }
    const b = amountOf(before, code);
    const a = amountOf(after, code);
    if (b === null && a === null) continue;
    const change = (a ?? new D(0)).minus(b ?? new D(0));
    if (change.isZero() && b !== null && a !== null) continue;
    const changePct = b !== null && !b.isZero() ? roundToScale(change.div(b.abs()).times(100), "percent") : null;
    const kind = b === null ? "new" : a === null ? "removed" : "changed";
    const overAmount = change.abs().gt(thresholdAmount);
    const flagged = it.kind === "percent" ? false : overAmount && (changePct === null || changePct.abs().gt(thresholdPct));
    changes.push({ item: code, label, before: b, after: a, change, changePct, flagged, kind });
  }
  changes.sort((x, y) => y.change.abs().comparedTo(x.change.abs()) || x.item.localeCompare(y.item));
  return {
    form: after.form,
    otherForm: before.form === after.form ? null : before.form,
    thresholdAmount,
    thresholdPct,
    changes,
    notCompared,
    bridge: { netCapital: netCapitalBridge(before, after), excessNetCapital: excessBridge(before, after) },
  };
}

/** The haircut lines of the net capital computation (line 9 and the other deductions it totals in 3740). */
export const HAIRCUT_LINES = ["3660", "3670", "3680", "3690", "3700", "3710", "3720", "3730", "3732", "12028", "3734", "3650", "3736", "12053", "12054"];
/** The lines of 3620 other than 3540, on both forms (absent codes count as blank). */
export const OTHER_DEDUCTIONS = ["3550", "3560", "12051", "12052", "12047", "12048", "3570", "3580", "3590", "3600", "3610", "3615"];

const sum = (r: Report, codes: readonly string[]): Decimal => codes.reduce((acc, c) => acc.plus(amountOf(r, c) ?? 0), new D(0));

/** A report's figure for a line: as reported, else the sum of its lines (blank lines count as zero). */
function lineOr(r: Report, code: string, lines: readonly string[]): Decimal {
  return amountOf(r, code) ?? sum(r, lines);
}

/** The step of the net capital bridge a line of the chain belongs to (its own, or 3620's, or 3750's for the report's arithmetic). */
function stepOf(code: string): string | null {
  if (["3480", "3490", "3520", "3525", "3540", "3630", "3740", "3750", ...HAIRCUT_LINES].includes(code)) return code;
  if (code === "3620" || OTHER_DEDUCTIONS.includes(code)) return "3620";
  return null;
}

/** The lines of the chain a report gives but cannot be used (#REF!, text), with why: code -> reason. */
function unusable(r: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, v] of r.values) if (v.state === "invalid" && stepOf(code)) out.set(code, v.reason);
  return out;
}

/** The chain of the net capital computation, as each report gives it (blank lines zero; a blank total from its lines). */
function chain(r: Report): Map<string, Decimal> {
  const v = (c: string) => amountOf(r, c) ?? new D(0);
  const m = new Map<string, Decimal>();
  m.set("3480", v("3480"));
  m.set("3490", v("3490"));
  m.set("3520", v("3520"));
  m.set("3525", v("3525"));
  m.set("3540", v("3540"));
  const deductions = lineOr(r, "3620", ["3540", ...OTHER_DEDUCTIONS]);
  m.set("3620-other", deductions.minus(v("3540")));
  m.set("3630", v("3630"));
  for (const c of HAIRCUT_LINES) m.set(c, v(c));
  const haircuts = lineOr(r, "3740", HAIRCUT_LINES);
  m.set("3740-other", haircuts.minus(sum(r, HAIRCUT_LINES)));
  const computed = v("3480").minus(v("3490")).plus(v("3520")).plus(v("3525")).minus(deductions).plus(v("3630")).minus(haircuts);
  const nc = amountOf(r, "3750") ?? computed;
  m.set("3750", nc);
  m.set("residual", nc.minus(computed));
  return m;
}

/**
 * The net capital bridge: how net capital (3750) moved from `before` to `after`, line by line along
 * the form's chain: ownership equity (3480), equity not allowable (3490), allowable subordinated
 * liabilities (3520), other additions or deductions (3525), non-allowable assets (3540), the other
 * deductions and charges (the rest of 3620), other additions (3630), each haircut line, haircuts
 * not itemised (the rest of 3740), and, when a report's own figures do not add up to its 3750, the
 * difference in its arithmetic. The steps add up exactly to the change in net capital. Null when
 * neither report gives net capital or its lines.
 */
export function netCapitalBridge(before: Report, after: Report): Bridge | null {
  const has = (r: Report) => ["3750", "3640", "3480", "3530"].some((c) => amountOf(r, c) !== null);
  if (!has(before) && !has(after)) return null;
  const b = chain(before);
  const a = chain(after);
  const cat = catalogue(after.form);
  const delta = (k: string) => a.get(k)!.minus(b.get(k)!);
  // A line not usable in either report (#REF!, text): its step cannot be computed, and neither can
  // the difference in a report's own arithmetic (the line would count as zero in it). 0.3.0 counted
  // it as zero and showed its whole amount as a movement.
  const bad = new Map<string, string[]>();
  for (const [which, r] of [["before", before], ["after", after]] as const) {
    for (const [code, reason] of unusable(r)) {
      const k = stepOf(code)!;
      bad.set(k, [...(bad.get(k) ?? []), `${code} ${which}: ${reason.replace(/\.$/, "")}`]);
    }
  }
  // Steps computed from a bad line: the rest of 3620 is 3620 less 3540; the rest of 3740 is 3740 less its lines.
  if (bad.has("3540") && !bad.has("3620")) bad.set("3620", []);
  if (HAIRCUT_LINES.some((c) => bad.has(c)) && !bad.has("3740")) bad.set("3740", []);
  if (bad.size) bad.set("3750", bad.get("3750") ?? []);
  const steps: BridgeStep[] = [];
  const step = (items: string[], label: string, change: Decimal) => {
    if (bad.has(items[0])) return;
    if (!change.isZero()) steps.push({ items, label, change });
  };
  step(["3480"], "Ownership equity", delta("3480"));
  step(["3490"], "Ownership equity not allowable for net capital", delta("3490").neg());
  step(["3520"], "Allowable subordinated liabilities", delta("3520"));
  step(["3525"], "Other (deductions) or allowable credits", delta("3525"));
  step(["3540"], "Non-allowable assets", delta("3540").neg());
  step(["3620"], "Other deductions and charges (rest of 3620)", delta("3620-other").neg());
  step(["3630"], "Other additions and allowable credits", delta("3630"));
  for (const c of HAIRCUT_LINES) step([c], `Haircuts: ${(cat.get(c)?.label ?? c).replace(/^Haircuts: /, "")}`, delta(c).neg());
  step(["3740"], "Haircuts not itemised (rest of 3740)", delta("3740-other").neg());
  step(["3750"], "Not explained by the lines (a report's own arithmetic)", delta("residual"));
  if (bad.size) {
    const reasons = [...bad.values()].flat();
    const known = steps.reduce((sum, x) => sum.plus(x.change), new D(0));
    const order = ["3480", "3490", "3520", "3525", "3540", "3620", "3630", ...HAIRCUT_LINES, "3740", "3750"];
    const items = order.filter((k) => bad.has(k) && (k !== "3750" || bad.get(k)!.length));
    steps.push({
      items: items.length ? items : ["3750"],
      label: `Cannot be computed line by line (${reasons.join("; ")}): the rest of the change`,
      change: a.get("3750")!.minus(b.get("3750")!).minus(known),
      unknown: `not usable: ${reasons.join("; ")}`,
    });
  }
  return { label: "Net capital (3750)", before: b.get("3750")!, after: a.get("3750")!, steps };
}

/**
 * The excess net capital bridge (3910 = 3750 - 3760): the change in net capital, then the change in
 * the minimum requirement (an increase lowers the excess). Null when either report lacks net
 * capital or its requirement.
 */
export function excessBridge(before: Report, after: Report): Bridge | null {
  const nc = netCapitalBridge(before, after);
  const rb = amountOf(before, "3760");
  const ra = amountOf(after, "3760");
  if (!nc || rb === null || ra === null) return null;
  const steps: BridgeStep[] = [];
  if (!nc.after.minus(nc.before).isZero()) steps.push({ items: ["3750"], label: "Change in net capital", change: nc.after.minus(nc.before) });
  if (!ra.minus(rb).isZero()) steps.push({ items: ["3760"], label: "Change in the minimum requirement", change: ra.minus(rb).neg() });
  return { label: "Excess net capital (3910)", before: nc.before.minus(rb), after: nc.after.minus(ra), steps };
}
