/**
 * The reconciliation Rule 17a-5(d)(2)(iii) asks for: "a reconciliation, including appropriate
 * explanations" of the audited computation of net capital (and of the reserve computation, when
 * the reports carry it) with the unaudited FOCUS computation of the same date.
 *
 * Explanations are adjustments with amounts, recorded at the line where each arises (an accrual at
 * ownership equity 3480, a haircut at its line). A subtotal's difference that flows from the lines
 * beneath it (3500, 3530, 3640, 3750, 3910; the reserve's totals) is explained there, once, by the
 * form's own formulas (the rules); only what arises at a line itself needs an adjustment there.
 * Each line's adjustments must add up to that part of its difference, or the rest is unexplained.
 * The walk goes from unaudited to audited net capital through the adjustments, grouped as auditors
 * print it (equity, deductions, haircuts), with subtotals. Pure; amounts are exact dollars.
 */
import { catalogue } from "../catalogue/catalogue";
import type { FormId } from "../catalogue/types";
import { D, Decimal } from "../report/decimal";
import { amountOf, HAIRCUT_LINES, OTHER_DEDUCTIONS } from "./compare";
import type { Report } from "../report/report";
import { rulesFor } from "../rules/index";
import { RESERVE_CREDIT_ITEMS, RESERVE_DEBIT_ITEMS } from "../rules/reserve";
import { itemsOf } from "../rules/expr";
import type { EquationRule, Expr } from "../rules/types";

/** The net capital lines a reconciliation compares, in form order. */
export const RECONCILED_LINES = ["3480", "3490", "3500", "3520", "3525", "3530", "3540", ...OTHER_DEDUCTIONS, "3620", "3630", "3640", ...HAIRCUT_LINES, "3740", "3750", "3760", "3910"];
/** Aggregate indebtedness and aggregate debit items, reconciled when a report carries them. */
const BASIS_LINES = ["3840", "4470"];
/** The reserve formula (Exhibit A), reconciled when a report carries any of it. */
const RESERVE_LINES = [...RESERVE_CREDIT_ITEMS, "4430", ...RESERVE_DEBIT_ITEMS, "4470", "4471", "4472", "4480", "4490", "4500", "4510", "4520", "4530"];

/** One adjustment: an amount at the line where it arises (audited less unaudited), with its explanation. */
export interface Adjustment {
  item: string;
  /** Audited less unaudited, whole dollars; null: an explanation without an amount, taken for the whole of what arises at the line. */
  amount: Decimal | null;
  explanation: string;
  /** Where it was given ("why.csv line 3"). */
  where: string;
}

/** One line of the reconciliation. */
export interface ReconciledLine {
  item: string;
  label: string;
  /** The reports' figures: as reported, or (for a blank subtotal) from its lines. */
  unaudited: Decimal | null;
  audited: Decimal | null;
  /** audited - unaudited. */
  difference: Decimal;
  /** The part of the difference that flows from the lines beneath it (a subtotal's), explained there. */
  fromLines: Decimal;
  /** What arises at this line: difference - fromLines. */
  own: Decimal;
  /** The adjustments recorded at this line, with their amounts (an adjustment without one is given `own`). */
  adjustments: { amount: Decimal; explanation: string; where: string }[];
  /** own - the adjustments: zero when the line is reconciled. */
  unexplained: Decimal;
  /** The adjustments' explanations, joined (null when none). */
  explanation: string | null;
}

/** A step of the walk from unaudited to audited net capital. */
export interface WalkStep {
  item: string;
  label: string;
  /** The adjustment's explanation, or "not explained" for what no adjustment covers. */
  explanation: string;
  /** Effect on net capital (an increase in a deduction or a haircut lowers it). */
  effect: Decimal;
  unexplained: boolean;
}

/** The walk, as auditors print it: unaudited net capital, the adjustments by group with subtotals, audited net capital. */
export interface Walk {
  from: Decimal;
  groups: { name: "Ownership equity and subordinated liabilities" | "Deductions and charges" | "Haircuts"; steps: WalkStep[]; total: Decimal }[];
  to: Decimal;
}

/** The reconciliation of the audited computation of net capital (and the reserve) with the unaudited FOCUS one. */
export interface Reconciliation {
  materiality: Decimal;
  /** Every line whose difference exceeds the materiality threshold, in form order. */
  differences: ReconciledLine[];
  /** Lines where what arises is not covered by adjustments beyond the materiality threshold (each a finding: exit 1). */
  unexplained: string[];
  /** Adjustments without an amount given for lines where nothing arises (warnings). */
  explainedWithoutDifference: string[];
  /** Adjustments naming a line the reconciliation does not have (warnings). */
  unknownItems: string[];
  /** The walk from unaudited to audited net capital; null when either report lacks net capital. */
  walk: Walk | null;
  /** The statement for the annual report: "no material differences", or the reconciliation's summary; or, when `missing` is not empty, what could not be reconciled. */
  statement: string;
  /**
   * What the reconciliation could not read: net capital (3750) not given in a report, or a line of
   * the chain that is not an amount (#REF!, n/a). While this is not empty no clean statement is
   * made: "no material differences" is said only of lines read from both reports.
   */
  missing: { item: string; report: "unaudited" | "audited"; reason: string }[];
}

/** The linear subtotals (a total or a sum of lines) and other formulas that make a line from others, by target: the rules' own. */
function formulas(form: FormId, lines: readonly string[]): Map<string, EquationRule[]> {
  const set = new Set(lines);
  const out = new Map<string, EquationRule[]>();
  for (const r of rulesFor(form)) {
    if (r.kind !== "equation" || !set.has(r.target) || !["total", "sum", "rate", "max"].includes(r.expr.op)) continue;
    out.set(r.target, [...(out.get(r.target) ?? []), r]);
  }
  // The rule that defines a line first.
  for (const list of out.values()) list.sort((a, b) => Number(Boolean(b.defines)) - Number(Boolean(a.defines)));
  return out;
}

/** Exact value of a formula over `value` (null when a part cannot be evaluated). */
function evaluate(e: Expr, value: (code: string) => Decimal): Decimal | null {
  switch (e.op) {
    case "item":
      return value(e.code);
    case "const":
      return e.value;
    case "total":
    case "sum": {
      let s = new D(0);
      for (const t of e.terms) {
        const v = evaluate(t.expr, value);
        if (v === null) return null;
        s = s.plus(v.times(t.sign));
      }
      return s;
    }
    case "rate": {
      const v = evaluate(e.expr, value);
      return v === null ? null : v.times(e.rate.numerator).div(e.rate.denominator).toDecimalPlaces(0, D.ROUND_HALF_UP);
    }
    case "max": {
      const vs = e.args.map((a) => evaluate(a, value));
      return vs.some((v) => v === null) ? null : vs.reduce((m, v) => (v!.gt(m!) ? v : m))!;
    }
    default:
      return null;
  }
}

/** A report's figure for each line: as reported, else (a blank subtotal) from its lines by the rule that defines it, else zero. */
function resolver(r: Report, rules: Map<string, EquationRule[]>): (code: string) => Decimal {
  const memo = new Map<string, Decimal>();
  const active = new Set<string>();
  const value = (code: string): Decimal => {
    const a = amountOf(r, code);
    if (a !== null) return a;
    if (memo.has(code)) return memo.get(code)!;
    let v = new D(0);
    const rule = rules.get(code)?.[0];
    if (rule && !active.has(code)) {
      active.add(code);
      v = evaluate(rule.expr, value) ?? v;
      active.delete(code);
    }
    memo.set(code, v);
    return v;
  };
  return value;
}

/** Read adjustments from an older explanations map (item -> text): each explains the whole of what arises at its line. */
export function adjustmentsFromExplanations(explanations: ReadonlyMap<string, string>, where = "explanations"): Adjustment[] {
  return [...explanations].filter(([, t]) => t.trim()).map(([item, explanation]) => ({ item, amount: null, explanation: explanation.trim(), where }));
}

const GROUPS: { name: Walk["groups"][number]["name"]; lines: readonly string[] }[] = [
  { name: "Ownership equity and subordinated liabilities", lines: ["3480", "3490", "3500", "3520", "3525", "3530"] },
  { name: "Deductions and charges", lines: ["3540", ...OTHER_DEDUCTIONS, "3620", "3630", "3640"] },
  { name: "Haircuts", lines: [...HAIRCUT_LINES, "3740", "3750"] },
];

/**
 * Reconcile the audited computation of net capital (Rule 17a-5(d)(2)(iii)) with the unaudited FOCUS
 * report of the same date: every line of the chain (RECONCILED_LINES), aggregate indebtedness (3840)
 * and aggregate debit items (4470) and the reserve formula (Exhibit A) when either report carries
 * them. A line's difference is split into what flows from its lines (by the form's formulas) and
 * what arises at it; `adjustments` (or, for compatibility, a map of explanations) must cover the
 * latter to within `materiality` (whole dollars, default 0). The statement says there are no
 * material differences only when net capital and every line were read from both reports of one
 * form; otherwise `missing` says what was not. Throws Error for a negative materiality.
 */
export function reconcile(unaudited: Report, audited: Report, adjustments: readonly Adjustment[] | ReadonlyMap<string, string> = [], materiality: Decimal = new D(0)): Reconciliation {
  if (materiality.isNegative()) throw new Error("the materiality threshold must not be negative");
  const adj: readonly Adjustment[] = Array.isArray(adjustments) ? adjustments : adjustmentsFromExplanations(adjustments as ReadonlyMap<string, string>);
  const form = audited.form;
  const cat = catalogue(form);
  const carries = (codes: readonly string[]) => codes.some((c) => amountOf(unaudited, c) !== null || amountOf(audited, c) !== null);
  const lines = [...RECONCILED_LINES, ...BASIS_LINES.filter((c) => carries([c])), ...(carries(RESERVE_LINES) ? RESERVE_LINES.filter((c) => !BASIS_LINES.includes(c)) : [])].filter((c, i, all) => cat.has(c) && all.indexOf(c) === i);
  const missing: Reconciliation["missing"] = [];
  for (const [name, r] of [["unaudited", unaudited], ["audited", audited]] as const) {
    if (r.form !== form) missing.push({ item: "", report: name, reason: `the ${name} report is ${r.form === "part-iia" ? "Part IIA" : "Part II"}, the other ${form === "part-iia" ? "Part IIA" : "Part II"}` });
    for (const code of lines) {
      const v = r.values.get(code);
      if (v?.state === "invalid") missing.push({ item: code, report: name, reason: `${code} is not an amount (${v.reason})` });
    }
    if (!r.values.has("3750") || r.values.get("3750")?.state === "blank") missing.push({ item: "3750", report: name, reason: "net capital (3750) is not given" });
  }
  const rules = formulas(form, lines);
  const u = resolver(unaudited, rules);
  const a = resolver(audited, rules);
  const given = (r: Report, code: string) => amountOf(r, code) !== null;
  const diff = (code: string) => a(code).minus(u(code));
  const byItem = new Map<string, Adjustment[]>();
  for (const x of adj) byItem.set(x.item.trim(), [...(byItem.get(x.item.trim()) ?? []), x]);
  const unknownItems = [...byItem.keys()].filter((c) => !lines.includes(c));
  const all: ReconciledLine[] = [];
  for (const code of lines) {
    const difference = diff(code);
    // What flows from the lines beneath: the formula over the audited lines less over the unaudited
    // ones (of two formulas for a line, the one the figures follow, e.g. 3% or 2% of 4470).
    let fromLines = new D(0);
    // A formula the line follows in neither report is not its formula here (105% of 4490 on a
    // weekly computation's empty line 23): the line is then a line of its own.
    // (Judged only where the report gives the line and every line of the formula.)
    const holds = (r: Report, value: (c: string) => Decimal, rule: EquationRule) => {
      const got = amountOf(r, code);
      if (got === null || itemsOf(rule.expr).some((c) => amountOf(r, c) === null)) return true;
      const f = evaluate(rule.expr, value);
      return f !== null && f.minus(got).abs().lte(1);
    };
    const candidates = (rules.get(code) ?? []).filter((rule) => holds(unaudited, u, rule) || holds(audited, a, rule));
    if (candidates.length) {
      const flows = candidates.map((r) => {
        const fa = evaluate(r.expr, a);
        const fu = evaluate(r.expr, u);
        return fa === null || fu === null ? null : fa.minus(fu);
      }).filter((x): x is Decimal => x !== null);
      if (flows.length) fromLines = flows.reduce((best, f) => (difference.minus(f).abs().lt(difference.minus(best).abs()) ? f : best));
    }
    const own = difference.minus(fromLines);
    const list = (byItem.get(code) ?? []).map((x) => ({ amount: x.amount ?? own, explanation: x.explanation, where: x.where }));
    const unexplained = own.minus(list.reduce((s, x) => s.plus(x.amount), new D(0)));
    if (!given(unaudited, code) && !given(audited, code) && difference.isZero() && !list.length) continue;
    all.push({ item: code, label: cat.get(code)!.label, unaudited: given(unaudited, code) || rules.has(code) ? u(code) : null, audited: given(audited, code) || rules.has(code) ? a(code) : null, difference, fromLines, own, adjustments: list, unexplained, explanation: list.length ? list.map((x) => x.explanation).join("; ") : null });
  }
  const differences = all.filter((l) => l.difference.abs().gt(materiality) || l.own.abs().gt(materiality) || l.adjustments.length);
  const unexplained = all.filter((l) => l.unexplained.abs().gt(materiality)).map((l) => l.item);
  const explainedWithoutDifference = all.filter((l) => l.own.isZero() && (byItem.get(l.item) ?? []).some((x) => x.amount === null)).map((l) => l.item);
  const walk = missing.some((m) => m.item === "3750") ? null : walkOf(all, u("3750"), a("3750"), rules);
  const formName = form === "part-iia" ? "Part IIA" : "Part II";
  const threshold = materiality.isZero() ? "any difference" : `differences above $${materiality.toFixed(0)}`;
  const material = differences.filter((l) => l.difference.abs().gt(materiality));
  const statement = missing.length
    ? `The audited computation of net capital cannot be reconciled with the unaudited FOCUS Report ${formName}: ${missing.map((m) => `${m.report}: ${m.reason}`).join("; ")}.`
    : material.length
    ? `The audited computation of net capital differs from the unaudited FOCUS Report ${formName} in ${material.length} line${material.length === 1 ? "" : "s"} (materiality: ${threshold}); the reconciliation follows${unexplained.length ? `, with ${unexplained.length} line${unexplained.length === 1 ? "" : "s"} not explained by the adjustments (${unexplained.join(", ")})` : ""}.`
    : `There are no material differences between the audited computation of net capital and the corresponding computation in the unaudited FOCUS Report ${formName} as of the same date (materiality: ${threshold}).`;
  return { materiality, differences, unexplained, explainedWithoutDifference, unknownItems, walk, statement, missing };
}

/** How each line moves net capital: +1 or -1 along the form's totals from 3750 down (0 for lines not under it: 3760, 3910, the reserve). */
function coefficients(rules: Map<string, EquationRule[]>): Map<string, number> {
  const coef = new Map<string, number>([["3750", 1]]);
  const queue = ["3750"];
  while (queue.length) {
    const code = queue.shift()!;
    const rule = rules.get(code)?.find((r) => r.expr.op === "total" || r.expr.op === "sum");
    if (!rule || (rule.expr.op !== "total" && rule.expr.op !== "sum")) continue;
    for (const t of rule.expr.terms) {
      if (t.expr.op !== "item" || coef.has(t.expr.code)) continue;
      coef.set(t.expr.code, coef.get(code)! * t.sign);
      queue.push(t.expr.code);
    }
  }
  return coef;
}

function walkOf(all: readonly ReconciledLine[], from: Decimal, to: Decimal, rules: Map<string, EquationRule[]>): Walk {
  const coef = coefficients(rules);
  const byItem = new Map(all.map((l) => [l.item, l]));
  const groups = GROUPS.map((g) => {
    const steps: WalkStep[] = [];
    for (const code of g.lines) {
      const l = byItem.get(code);
      const k = coef.get(code);
      if (!l || !k) continue;
      for (const x of l.adjustments) if (!x.amount.isZero()) steps.push({ item: code, label: l.label, explanation: x.explanation, effect: x.amount.times(k), unexplained: false });
      if (!l.unexplained.isZero()) steps.push({ item: code, label: l.label, explanation: "not explained by an adjustment", effect: l.unexplained.times(k), unexplained: true });
    }
    return { name: g.name, steps, total: steps.reduce((s, x) => s.plus(x.effect), new D(0)) };
  });
  return { from, groups, to };
}
