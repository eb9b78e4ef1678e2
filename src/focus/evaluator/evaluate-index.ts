/** The evaluator's tables: the boxes that decide a profile, tolerances, and the rules indexed by what they read (see evaluate.ts). */
import type { FormId } from "../catalogue/types";
import { D, Decimal, ZERO } from "../report/decimal";
import * as I from "../report/interval";
import type { Interval } from "../report/interval";
import { TOLERANCES } from "../net-capital/regulation";
import { ruleItems } from "../rules/expr";
import type { EquationRule, Expr, Rule } from "../rules/types";
import type { Context, ExprValue, Profile, Resolved } from "./evaluate-types";
export const MODELS_ITEMS = [
  "3677", "12776", "3688", "3634", "3643", "3655", "3646", "3647", "3665", "12762", "12030", "12765", "12768",
  "3676", "3659", "3678", "12055", "12056", "12057", "12047", "12048",
];
/** Part II reserve-formula boxes, but 4470 (shared with the requirement page): one reported means the page is filled. */
/** The PAB page's boxes (placeholder codes 90101-90124, 90127): any reported makes the PAB rules apply. */
export const PAB_PAGE_BOXES = ["90101", "90102", "90103", "90104", "90105", "90106", "90107", "90108", "90109", "90110", "90111", "90112", "90113", "90114", "90115", "90116", "90117", "90118", "90119", "90120", "90121", "90122", "90123", "90124", "90127"];
export const RESERVE_PAGE_BOXES = [
  "4340", "4350", "4360", "4370", "4380", "4390", "4400", "4410", "4420", "4425", "4430", "4440", "4450", "4460", "4465", "4467",
  "90015", "4469", "4471", "4472", "4480", "4490", "4500", "4510", "4520", "4530",
];
/** The 15c3-3(k) exemption boxes (both forms). */
export const EXEMPTION_BOXES = ["4550", "4560", "4570", "4580"];
/** Lines that show which ratio standard a report uses, by form. */
export const STANDARD_ITEMS: Record<FormId, { alternative: string[]; basic: string[] }> = {
  // 4470 is the reserve page's total, filled by carrying firms on either standard: it does not tell.
  "part-ii": { alternative: ["3870", "3920", "3851", "3854"], basic: ["3756", "3840", "3850", "3853"] },
  // Part IIA: Part B (3870-3920) is the alternative standard; Part A (3756-3780) and the A.I. lines the basic one.
  "part-iia": { alternative: ["3870", "3880", "3910", "3920"], basic: ["3756", "3758", "3770", "3780", "3840", "3850"] },
};

export const HALF_UNIT: Record<EquationRule["derivation"], Decimal> = {
  exact: new D(0),
  percentage: new D("0.5"),
  ratio: new D("0.005"),
};
export const TOLERANCE: Record<EquationRule["derivation"], Decimal> = {
  exact: TOLERANCES.exact,
  percentage: TOLERANCES.percentageDerivedDollars,
  ratio: TOLERANCES.ratioPercent,
};

/** The interval [0, 0], shared (intervals are never mutated). */
export const ZERO_I: Interval = I.point(ZERO);
export const HUNDRED = new D(100);
/** Shared resolutions (never mutated). */
export const ZERO_R: Resolved = { kind: "value", interval: ZERO_I };
export const MISSING: Resolved = { kind: "missing" };
export const INVALID: Resolved = { kind: "invalid" };
/** The implied-items map of an expression that used none (shared: evalInto replaces it before adding). */
export const NO_IMPLIED: ExprValue["implied"] = new Map();


/** Interval product (for ratio inversion). */
export function mul(i: Interval, j: Interval): Interval {
  const c = [i.lo.times(j.lo), i.lo.times(j.hi), i.hi.times(j.lo), i.hi.times(j.hi)].filter((x) => !x.isNaN());
  return { lo: D.min(...c), hi: D.max(...c) };
}

/** What the engine needs to know about a rule set for one kind of filer (see `ruleIndex`). */
export interface RuleIndex {
  definedBy: Map<string, EquationRule[]>;
  totalsDefining: Map<string, EquationRule[]>;
  /** The applicable equation rules that read each item (target or line). */
  readers: Map<string, EquationRule[]>;
  requiredSomewhere: Set<string>;
}

export const RULE_INDEX = new WeakMap<readonly Rule[], Map<string, RuleIndex>>();

/**
 * The applicable equation rules by target, the total rules among them, the rules that read each
 * item, and the items some applicable rule needs as a required input: fixed for a rule set and a
 * profile, so computed once per (form, profile).
 */
export function ruleIndex(rules: readonly Rule[], profile: Profile, applies: (when: Rule["when"]) => boolean): RuleIndex {
  let byProfile = RULE_INDEX.get(rules);
  if (!byProfile) {
    byProfile = new Map();
    RULE_INDEX.set(rules, byProfile);
  }
  const key = `${profile.models}|${profile.standard}|${profile.firstYear}|${profile.frequency}|${profile.exemption}|${profile.reservePage}|${profile.pabPage}`;
  let index = byProfile.get(key);
  if (!index) {
    index = { definedBy: new Map(), totalsDefining: new Map(), readers: new Map(), requiredSomewhere: new Set() };
    for (const r of rules) {
      if (!applies(r.when)) continue;
      const exprs = r.kind === "equation" ? [r.expr] : [r.lhs, r.rhs];
      for (const e of exprs) collectRequired(e, "required", index.requiredSomewhere);
      for (const w of r.requiredWhen ?? []) if (applies(w.when)) w.items.forEach((c) => index!.requiredSomewhere.add(c));
      if (r.kind !== "equation") continue;
      addTo(index.definedBy, r.target, r);
      if (r.expr.op === "total") addTo(index.totalsDefining, r.target, r);
      for (const c of ruleItems(r)) addTo(index.readers, c, r);
    }
    byProfile.set(key, index);
  }
  return index;
}

export function addTo(m: Map<string, EquationRule[]>, key: string, r: EquationRule): void {
  const list = m.get(key);
  if (list) list.push(r);
  else m.set(key, [r]);
}

/** Add to `out` the items of `e` read as required inputs (not as lines of a total). */
export function collectRequired(e: Expr, ctx: Context, out: Set<string>): void {
  switch (e.op) {
    case "item":
      if (ctx === "required") out.add(e.code);
      return;
    case "total":
    case "sum":
      for (const t of e.terms) collectRequired(t.expr, e.op === "total" ? "line" : "required", out);
      return;
    case "rate":
      collectRequired(e.expr, "required", out);
      return;
    case "max":
      for (const a of e.args) collectRequired(a, "required", out);
      return;
    case "ratio":
      collectRequired(e.num, "required", out);
      collectRequired(e.den, "required", out);
      return;
    case "points":
    case "const":
      return;
  }
}

/** Evaluates rules on one report. Exposed for the summary; most callers want `evaluate`. */
