/**
 * The evaluator: a report's values -> one finding per rule (plus the input findings).
 *
 * Blank boxes. A blank line inside a total counts as zero (the form: no response means nothing
 * to report). A blank total whose lines are filled is reported as a failure that says what the
 * total should be. A blank input that a rule cannot do without (4470 in 3870 = 2 % × 4470) is
 * either implied by other reported figures, or the rule "cannot evaluate" and names it.
 *
 * Implied values. Figures the form derives from a blank box say what that box must be: 3870 =
 * 7,009,112 says aggregate debit items (4470) lie in [350,455,575, 350,455,625]. The evaluator
 * derives such ranges from every rule (`Implication`), never from a rule about itself, and uses
 * them where a rule needs a blank input; each finding lists the implied inputs it used. Ranges,
 * not guesses: a check on an implied input passes only if some value in the range satisfies it.
 */
import { formatAmount, plainAmount, roundToScale, type Scale } from "./amount";
import { catalogue } from "./catalogue/catalogue";
import type { FocusItem, FormId } from "./catalogue/types";
import { D, Decimal, ZERO } from "./decimal";
import type { Finding, ImpliedUse, Status } from "./findings";
import * as I from "./interval";
import type { Interval } from "./interval";
import { applyRate, rateValue, TOLERANCES } from "./regulation";
import type { Report } from "./report";
import { reserveFrequencyFindings } from "./reserve-frequency";
import { exprItems, formatExpr, formatRule, ruleItems } from "./rules/expr";
import { rulesFor } from "./rules/index";
import type { Condition, EquationRule, Expr, LimitRule, Rule } from "./rules/types";
import type { RatioStandard, ReserveFrequency } from "./capital";

/** How a blank box is read where it appears: a line of a total, or an input the rule needs. */
type Context = "line" | "required";

/** A range that a blank item must lie in, derived from one rule and the figures it used. */
export interface Implication {
  interval: Interval;
  /** The rule solved for the item. */
  rule: string;
  /** Every rule the derivation rests on (the solved rule included), to avoid circular reasoning. */
  via: Set<string>;
}

/** What the report says about the filer, read from the report itself. */
export interface Profile {
  /** Authorized to use models (cover 12006 checked, or a models-only line reported). */
  models: boolean;
  /** Ratio standard: aggregate indebtedness ("basic") or alternative, when the report shows which. */
  standard: "basic" | "alternative" | null;
  /** In the first 12 months of business (a setting, not read from the report). */
  firstYear: boolean;
  /** How often the reserve formula is computed (a setting; default weekly): 15c3-3(e)(3). */
  frequency: ReserveFrequency;
  /** A 15c3-3(k) exemption box (4550-4580) is checked. */
  exemption: boolean;
  /** The reserve formula's page is filled: a box of it other than 4470 (which the requirement page shares) is reported. */
  reservePage: boolean;
  /** The PAB computation's page is filled (a box of 90101-90124, 90127 is reported). */
  pabPage: boolean;
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /**
   * Tolerance in whole dollars on lines the form derives by a percentage (default $1, see
   * TOLERANCES). A workbook may set it; 0 demands exact agreement after rounding.
   */
  percentageTolerance?: Decimal;
  /** The firm is in its first 12 months of business (800 % A.I. limit instead of 1500 %). Default false. */
  firstYear?: boolean;
  /** The reserve computation's frequency: weekly (default), monthly (105 %) or daily (2 % reduction). */
  frequency?: ReserveFrequency;
  /**
   * The input is partial (a net-capital note, one page, a draft): a blank box is unknown, not
   * "nothing to report". Totals with blank lines cannot be evaluated instead of counting them as
   * zero, and a blank total is not a failure. Default false: a whole FOCUS report.
   */
  partial?: boolean;
  /**
   * The firm's ratio standard as declared (a setting): it wins over what the lines suggest, and a
   * report whose lines show the other standard gets INPUT-STANDARD. Default: read from the lines.
   */
  standard?: RatioStandard;
}

/** The result of evaluating a report. */
export interface Evaluation {
  report: Report;
  profile: Profile;
  /** Input findings first, then one finding per rule in form order. */
  findings: Finding[];
  /** Ranges implied for blank items, by item code. */
  implications: Map<string, Implication[]>;
  /** The evaluator, for recomputation (net capital summary). */
  engine: Engine;
}

/** The outcome of evaluating an expression. */
export interface ExprValue {
  interval: Interval | null;
  implied: Map<string, { interval: Interval; via: Set<string> }>;
  missing: string[];
  invalid: string[];
}

/** Resolves an item for an expression: a value, a missing input, or an unusable one. */
export type Resolver = (code: string, ctx: Context) => Resolved;

/** What a resolver says about one item. */
export type Resolved =
  | { kind: "value"; interval: Interval; implied?: { interval: Interval; via: Set<string> } }
  | { kind: "missing" }
  | { kind: "invalid" };

const MODELS_ITEMS = [
  "3677", "12776", "3688", "3634", "3643", "3655", "3646", "3647", "3665", "12762", "12030", "12765", "12768",
  "3676", "3659", "3678", "12055", "12056", "12057", "12047", "12048",
];
/** Part II reserve-formula boxes, but 4470 (shared with the requirement page): one reported means the page is filled. */
/** The PAB page's boxes (placeholder codes 90101-90124, 90127): any reported makes the PAB rules apply. */
const PAB_PAGE_BOXES = ["90101", "90102", "90103", "90104", "90105", "90106", "90107", "90108", "90109", "90110", "90111", "90112", "90113", "90114", "90115", "90116", "90117", "90118", "90119", "90120", "90121", "90122", "90123", "90124", "90127"];
const RESERVE_PAGE_BOXES = [
  "4340", "4350", "4360", "4370", "4380", "4390", "4400", "4410", "4420", "4425", "4430", "4440", "4450", "4460", "4465", "4467",
  "90015", "4469", "4471", "4472", "4480", "4490", "4500", "4510", "4520", "4530",
];
/** The 15c3-3(k) exemption boxes (both forms). */
const EXEMPTION_BOXES = ["4550", "4560", "4570", "4580"];
/** Lines that show which ratio standard a report uses, by form. */
const STANDARD_ITEMS: Record<FormId, { alternative: string[]; basic: string[] }> = {
  // 4470 is the reserve page's total, filled by carrying firms on either standard: it does not tell.
  "part-ii": { alternative: ["3870", "3920", "3851", "3854"], basic: ["3756", "3840", "3850", "3853"] },
  // Part IIA: Part B (3870-3920) is the alternative standard; Part A (3756-3780) and the A.I. lines the basic one.
  "part-iia": { alternative: ["3870", "3880", "3910", "3920"], basic: ["3756", "3758", "3770", "3780", "3840", "3850"] },
};

const HALF_UNIT: Record<EquationRule["derivation"], Decimal> = {
  exact: new D(0),
  percentage: new D("0.5"),
  ratio: new D("0.005"),
};
const TOLERANCE: Record<EquationRule["derivation"], Decimal> = {
  exact: TOLERANCES.exact,
  percentage: TOLERANCES.percentageDerivedDollars,
  ratio: TOLERANCES.ratioPercent,
};

/** The interval [0, 0], shared (intervals are never mutated). */
const ZERO_I: Interval = I.point(ZERO);
const HUNDRED = new D(100);
/** Shared resolutions (never mutated). */
const ZERO_R: Resolved = { kind: "value", interval: ZERO_I };
const MISSING: Resolved = { kind: "missing" };
const INVALID: Resolved = { kind: "invalid" };
/** The implied-items map of an expression that used none (shared: evalInto replaces it before adding). */
const NO_IMPLIED: ExprValue["implied"] = new Map();


/** Interval product (for ratio inversion). */
function mul(i: Interval, j: Interval): Interval {
  const c = [i.lo.times(j.lo), i.lo.times(j.hi), i.hi.times(j.lo), i.hi.times(j.hi)].filter((x) => !x.isNaN());
  return { lo: D.min(...c), hi: D.max(...c) };
}

/** What the engine needs to know about a rule set for one kind of filer (see `ruleIndex`). */
interface RuleIndex {
  definedBy: Map<string, EquationRule[]>;
  totalsDefining: Map<string, EquationRule[]>;
  /** The applicable equation rules that read each item (target or line). */
  readers: Map<string, EquationRule[]>;
  requiredSomewhere: Set<string>;
}

const RULE_INDEX = new WeakMap<readonly Rule[], Map<string, RuleIndex>>();

/**
 * The applicable equation rules by target, the total rules among them, the rules that read each
 * item, and the items some applicable rule needs as a required input: fixed for a rule set and a
 * profile, so computed once per (form, profile).
 */
function ruleIndex(rules: readonly Rule[], profile: Profile, applies: (when: Rule["when"]) => boolean): RuleIndex {
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

function addTo(m: Map<string, EquationRule[]>, key: string, r: EquationRule): void {
  const list = m.get(key);
  if (list) list.push(r);
  else m.set(key, [r]);
}

/** Add to `out` the items of `e` read as required inputs (not as lines of a total). */
function collectRequired(e: Expr, ctx: Context, out: Set<string>): void {
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
export class Engine {
  readonly rules: readonly Rule[];
  readonly profile: Profile;
  readonly implications = new Map<string, Implication[]>();
  /** Applicable equation rules by target; total rules by target; items needed as required inputs. */
  private readonly definedBy: Map<string, EquationRule[]>;
  private readonly totalsDefining: Map<string, EquationRule[]>;
  private readonly readers: Map<string, EquationRule[]>;
  private readonly nothingMemo = new Map<string, boolean>();
  /** Items some applicable rule needs as a required input (not a line of a total). */
  private readonly requiredSomewhere: Set<string>;
  /** True when some value is unusable (most reports have none: isInvalid is then a constant). */
  readonly anyInvalid: boolean = false;

  constructor(
    readonly report: Report,
    readonly options: EvaluateOptions = {},
  ) {
    this.rules = rulesFor(report.form);
    for (const v of report.values.values()) if (v.state === "invalid") this.anyInvalid = true;
    this.profile = this.readProfile();
    const index = ruleIndex(this.rules, this.profile, (when) => this.applies(when));
    this.definedBy = index.definedBy;
    this.totalsDefining = index.totalsDefining;
    this.readers = index.readers;
    this.requiredSomewhere = index.requiredSomewhere;
  }

  private readProfile(): Profile {
    const has = (c: string) => this.report.values.get(c)?.state === "amount";
    const flag = this.report.values.get("12006");
    const models = this.report.form === "part-ii" && ((flag?.state === "flag" && flag.checked) || MODELS_ITEMS.some(has));
    const ind = STANDARD_ITEMS[this.report.form];
    // The reserve page's 3% reduction (4471) is taken by alternative-standard firms only; it tells
    // the standard when no line of the requirement page does (a reserve page checked on its own).
    const inferred = ind.alternative.some(has) ? "alternative" : ind.basic.some(has) ? "basic" : this.report.form === "part-ii" && has("4471") ? "alternative" : null;
    const standard = this.options.standard ?? inferred;
    const exemption = EXEMPTION_BOXES.some((c) => {
      const v = this.report.values.get(c);
      return v?.state === "flag" && v.checked;
    });
    const reservePage = this.report.form === "part-ii" && RESERVE_PAGE_BOXES.some((c) => this.report.values.get(c)?.state === "amount" || this.report.values.get(c)?.state === "invalid");
    const pabPage = this.report.form === "part-ii" && PAB_PAGE_BOXES.some((c) => this.report.values.get(c)?.state === "amount" || this.report.values.get(c)?.state === "invalid");
    return { models, standard, firstYear: Boolean(this.options.firstYear), frequency: this.options.frequency ?? "weekly", exemption, reservePage, pabPage };
  }

  /** True when a rule's conditions all hold for this report (no condition: always). */
  applies(when: Condition | Condition[] | undefined): boolean {
    if (Array.isArray(when)) return when.every((c) => this.applies(c));
    switch (when) {
      case undefined:
        return true;
      case "models":
        return this.profile.models;
      case "non-models":
        return !this.profile.models;
      case "basic":
        return this.profile.standard === "basic";
      case "alternative":
        return this.profile.standard === "alternative";
      case "first-year":
        return this.profile.firstYear;
      case "established":
        return !this.profile.firstYear;
      case "monthly":
        return this.profile.frequency === "monthly";
      case "not-monthly":
        return this.profile.frequency !== "monthly";
      case "daily":
        return this.profile.frequency === "daily";
      case "not-daily":
        return this.profile.frequency !== "daily";
      case "exemption-claimed":
        return this.profile.exemption;
      case "reserve-page":
        return this.profile.reservePage;
      case "pab-page":
        return this.profile.pabPage;
    }
  }

  /** The reported amount of an item, or undefined. */
  amount(code: string): Decimal | undefined {
    const v = this.report.values.get(code);
    return v?.state === "amount" ? v.value : undefined;
  }

  /** True when the item's content is unusable. */
  isInvalid(code: string): boolean {
    return this.anyInvalid && this.report.values.get(code)?.state === "invalid";
  }

  /** The items among `codes` whose content is unusable (none, without a look, when the report has none). */
  invalidAmong(codes: readonly string[]): string[] {
    return this.anyInvalid ? codes.filter((c) => this.isInvalid(c)) : [];
  }

  /** True when the item is the target of an applicable rule (a total or a derived line). */
  isDerived(code: string): boolean {
    return this.definedBy.has(code);
  }

  /**
   * True when nothing is reported on the item or anywhere beneath it (for a total: on the lines of
   * every total rule that defines it). Such an item counts as zero inside a total.
   */
  nothingReported(code: string, stack?: Set<string>): boolean {
    const memo = this.nothingMemo.get(code);
    if (memo !== undefined) return memo;
    const v = this.report.values.get(code);
    if (v && v.state !== "blank") return false;
    stack ??= new Set();
    if (stack.has(code)) return true;
    stack.add(code);
    // Only the form's line totals have lines "beneath" them; a transfer such as 3540 = 740 carries
    // a figure from another statement and does not make 3540's page reported.
    const rules = this.totalsDefining.get(code);
    const result = rules === undefined || rules.every((r) => exprItems(r.expr).every((c) => this.nothingReported(c, stack)));
    stack.delete(code);
    if (stack.size === 0) this.nothingMemo.set(code, result);
    return result;
  }

  /** The intersection of the implications of `code` that do not rest on rule `exclude`. */
  implied(code: string, exclude: string | null): { interval: Interval; via: Set<string> } | null {
    const list = this.implications.get(code);
    if (!list) return null;
    let acc: { interval: Interval; via: Set<string> } | null = null;
    for (const imp of list) {
      if (exclude !== null && imp.via.has(exclude)) continue;
      if (!acc) {
        acc = imp; // shared, never mutated: a second implication makes a new object below
        continue;
      }
      const x = I.intersect(acc.interval, imp.interval);
      if (x) {
        acc = { interval: x, via: new Set([...acc.via, ...imp.via]) };
      }
    }
    return acc;
  }

  private readonly reportedMemo = new Map<string, Resolved>();

  /**
   * The resolution of a reported amount (one object per item, shared: resolutions are never
   * mutated): the value, or the values within half a printed unit of it (a report in thousands, a
   * percentage typed "16%").
   */
  private reported(code: string, value: Decimal, half?: Decimal): Resolved {
    let r = this.reportedMemo.get(code);
    if (!r) {
      r = { kind: "value", interval: half && !half.isZero() ? { lo: value.minus(half), hi: value.plus(half) } : I.point(value) };
      this.reportedMemo.set(code, r);
    }
    return r;
  }

  /** Half a printed unit of a reported amount (0 when exact). */
  half(code: string): Decimal {
    const v = this.report.values.get(code);
    return v?.state === "amount" && v.half ? v.half : ZERO;
  }

  private readonly upgradeMemo = new Map<string, ReadonlySet<string> | null>();

  /** Items that rule `id` reads as required inputs although they sit in a total (its `requiredWhen`, under this profile). */
  requiredBy(id: string | null): ReadonlySet<string> | null {
    if (id === null) return null;
    let v = this.upgradeMemo.get(id);
    if (v === undefined) {
      const rule = this.rules.find((r) => r.id === id);
      const items = (rule?.requiredWhen ?? []).filter((w) => this.applies(w.when)).flatMap((w) => w.items);
      v = items.length ? new Set(items) : null;
      this.upgradeMemo.set(id, v);
    }
    return v;
  }

  /**
   * The resolver the rules use: reported values, then implied ranges (not resting on `rule`), then
   * zero for empty lines (a whole report) or missing (a partial one, or a line `rule` requires).
   */
  resolverFor(rule: string | null): Resolver {
    const required = this.requiredBy(rule);
    const partial = Boolean(this.options.partial);
    return (code, ctx) => {
      const v = this.report.values.get(code);
      if (v?.state === "amount") return this.reported(code, v.value, v.half);
      if (v?.state === "invalid") return INVALID;
      if (ctx === "line" && required?.has(code)) ctx = "required";
      const leafLine = ctx === "line" && !this.isDerived(code);
      if (leafLine) return partial ? MISSING : ZERO_R;
      const imp = this.implied(code, rule);
      if (imp) return { kind: "value", interval: imp.interval, implied: imp };
      if (ctx === "line" && this.nothingReported(code)) return partial ? MISSING : ZERO_R;
      return MISSING;
    };
  }

  /** Evaluate an expression with a resolver; `partialMax` lets a max with missing arguments give a lower bound. */
  evalExpr(e: Expr, resolve: Resolver, ctx: Context = "required", partialMax = false): ExprValue {
    const out: ExprValue = { interval: null, implied: NO_IMPLIED, missing: [], invalid: [] };
    const v = this.evalInto(e, resolve, ctx, partialMax, out);
    out.interval = out.missing.length || out.invalid.length ? null : v;
    return out;
  }

  /**
   * The recursion of evalExpr: returns the interval (null when unknown) and records implied,
   * missing and invalid items in `out`, one accumulator for the whole expression.
   */
  private evalInto(e: Expr, resolve: Resolver, ctx: Context, partialMax: boolean, out: ExprValue): Interval | null {
    switch (e.op) {
      case "item": {
        const r = resolve(e.code, ctx);
        if (r.kind === "missing") {
          out.missing.push(e.code);
          return null;
        }
        if (r.kind === "invalid") {
          out.invalid.push(e.code);
          return null;
        }
        if (r.implied && !out.implied.has(e.code)) {
          if (out.implied === NO_IMPLIED) out.implied = new Map();
          out.implied.set(e.code, r.implied);
        }
        return r.interval;
      }
      case "total":
      case "sum": {
        let acc: Interval | null = ZERO_I;
        const childCtx: Context = e.op === "total" ? "line" : "required";
        for (const t of e.terms) {
          const v = this.evalInto(t.expr, resolve, childCtx, partialMax, out);
          acc = v && acc ? (t.sign === 1 ? I.add(acc, v) : I.sub(acc, v)) : null;
        }
        return acc;
      }
      case "rate": {
        const v = this.evalInto(e.expr, resolve, "required", partialMax, out);
        if (!v) return null;
        return v.lo === v.hi ? I.point(applyRate(e.rate, v.lo)) : { lo: applyRate(e.rate, v.lo), hi: applyRate(e.rate, v.hi) };
      }
      case "points":
        return I.point(rateValue(e.rate).times(100));
      case "const":
        return I.point(e.value);
      case "max": {
        let acc: Interval | null = null;
        const missingBefore = out.missing.length;
        let anyMissing = false;
        for (const a of e.args) {
          const before = out.missing.length;
          const v = this.evalInto(a, resolve, "required", partialMax, out);
          if (out.missing.length > before) anyMissing = true;
          if (v) acc = acc ? I.max(acc, v) : v;
        }
        if (anyMissing && partialMax && acc) {
          out.missing.length = missingBefore; // a lower bound is known: the missing argument can only raise it
          return { lo: acc.lo, hi: I.UNBOUNDED.hi };
        }
        return anyMissing ? null : acc;
      }
      case "ratio": {
        const n = this.evalInto(e.num, resolve, "required", partialMax, out);
        const d = this.evalInto(e.den, resolve, "required", partialMax, out);
        if (!n || !d) return null;
        const q = I.div(n, d);
        if (q) return I.scale(q, HUNDRED);
        for (const c of exprItems(e.den)) if (!out.missing.includes(c)) out.missing.push(c);
        return null;
      }
    }
  }

  /** Items a rule does not know: a blank target, blank required inputs, blank derived lines with something beneath. */
  private unknowns(r: EquationRule): string[] {
    const out: string[] = [];
    const required = this.requiredBy(r.id);
    const partial = Boolean(this.options.partial);
    const walk = (e: Expr, ctx: Context) => {
      switch (e.op) {
        case "item": {
          const v = this.report.values.get(e.code);
          if (v?.state === "amount" || v?.state === "invalid") return;
          if (ctx === "line" && (partial || required?.has(e.code))) {
            if (!out.includes(e.code)) out.push(e.code);
            return;
          }
          if (ctx === "line" && !this.isDerived(e.code)) return;
          // A blank total with nothing beneath it counts as zero inside another total; solving for
          // it is worth it only when some rule needs it as a required input (3480 = 1800).
          if (ctx === "line" && this.nothingReported(e.code) && !this.requiredSomewhere.has(e.code)) return;
          if (!out.includes(e.code)) out.push(e.code);
          return;
        }
        case "total":
        case "sum":
          e.terms.forEach((t) => walk(t.expr, e.op === "total" ? "line" : "required"));
          return;
        case "rate":
          walk(e.expr, "required");
          return;
        case "max":
          e.args.forEach((a) => walk(a, "required"));
          return;
        case "ratio":
          walk(e.num, "required");
          walk(e.den, "required");
          return;
        case "points":
        case "const":
          return;
      }
    };
    const t = this.report.values.get(r.target);
    if (t?.state !== "amount" && t?.state !== "invalid") out.push(r.target);
    walk(r.expr, "required");
    return out;
  }

  /** Solve `e` = want for item x (which appears once in e); null when it cannot be isolated. */
  private solveIn(e: Expr, x: string, want: Interval, resolve: Resolver, via: Set<string>): Interval | null {
    const track = (v: ExprValue) => {
      for (const imp of v.implied.values()) imp.via.forEach((r) => via.add(r));
    };
    switch (e.op) {
      case "item":
        return e.code === x ? want : null;
      case "total":
      case "sum": {
        const holders = e.terms.filter((t) => exprItems(t.expr).includes(x));
        if (holders.length !== 1) return null;
        let rest: Interval = ZERO_I;
        const childCtx: Context = e.op === "total" ? "line" : "required";
        for (const t of e.terms) {
          if (t === holders[0]) continue;
          const v = this.evalExpr(t.expr, resolve, childCtx);
          if (!v.interval) return null;
          track(v);
          rest = I.add(rest, t.sign === 1 ? v.interval : I.neg(v.interval));
        }
        let termWant = I.add(want, I.neg(rest));
        if (holders[0].sign === -1) termWant = I.neg(termWant);
        return this.solveIn(holders[0].expr, x, termWant, resolve, via);
      }
      case "rate": {
        const inv = e.rate.denominator.div(e.rate.numerator);
        return this.solveIn(e.expr, x, I.scale(want, inv), resolve, via);
      }
      case "ratio": {
        const inNum = exprItems(e.num).includes(x);
        const inDen = exprItems(e.den).includes(x);
        if (inNum === inDen) return null;
        const fraction = I.scale(want, new D("0.01"));
        if (inNum) {
          const d = this.evalExpr(e.den, resolve);
          if (!d.interval) return null;
          track(d);
          return this.solveIn(e.num, x, mul(fraction, d.interval), resolve, via);
        }
        const n = this.evalExpr(e.num, resolve);
        if (!n.interval) return null;
        track(n);
        const den = I.div(n.interval, fraction);
        return den ? this.solveIn(e.den, x, den, resolve, via) : null;
      }
      case "max": {
        const holders = e.args.filter((a) => exprItems(a).includes(x));
        if (holders.length !== 1) return null;
        let othersHi: Decimal | null = null;
        for (const a of e.args) {
          if (a === holders[0]) continue;
          const v = this.evalExpr(a, resolve);
          if (!v.interval) {
            othersHi = I.UNBOUNDED.hi;
            continue;
          }
          track(v);
          othersHi = othersHi ? D.max(othersHi, v.interval.hi) : v.interval.hi;
        }
        const argWant = othersHi !== null && othersHi.lt(want.lo) ? want : { lo: I.UNBOUNDED.lo, hi: want.hi };
        return this.solveIn(holders[0], x, argWant, resolve, via);
      }
      case "points":
      case "const":
        return null;
    }
  }

  /** What rule r implies for item x, or null. */
  private solveFor(r: EquationRule, x: string): Implication | null {
    const resolve = this.resolverFor(r.id);
    const via = new Set<string>([r.id]);
    if (x === r.target) {
      // Nothing beneath it and nothing implied there: no figure for the target (a blank total's
      // lines would only give zero). An implied input (4470 from 3851) does give one (3870).
      if (exprItems(r.expr).every((c) => this.nothingReported(c) && !this.implications.has(c))) return null;
      const v = this.evalExpr(r.expr, resolve, "required", true);
      if (!v.interval) return null;
      for (const imp of v.implied.values()) imp.via.forEach((id) => via.add(id));
      return { interval: v.interval, rule: r.id, via };
    }
    const t = resolve(r.target, "required");
    if (t.kind !== "value") return null;
    if (t.implied) t.implied.via.forEach((id) => via.add(id));
    const want = I.widen(t.interval, HALF_UNIT[r.derivation]);
    const got = this.solveIn(r.expr, x, want, resolve, via);
    if (!got || (!got.lo.isFinite() && !got.hi.isFinite())) return null;
    return { interval: got, rule: r.id, via };
  }

  /**
   * Derive implied ranges for blank items until nothing new follows: a worklist of rules, where a
   * new or narrower range for an item puts back the rules that read it (bounded by maxRounds
   * visits per rule, so it always ends).
   */
  deriveImplications(maxRounds = 8): void {
    const eqs = this.rules.filter((r): r is EquationRule => r.kind === "equation" && this.applies(r.when) && this.invalidAmong(ruleItems(r)).length === 0 && !this.splitNotReported(r));
    const active = new Set<EquationRule>(eqs);
    const visits = new Map<EquationRule, number>();
    const queue: EquationRule[] = [...eqs];
    const queued = new Set<EquationRule>(eqs);
    for (let head = 0; head < queue.length; head++) {
      const r = queue[head];
      queued.delete(r);
      const n = (visits.get(r) ?? 0) + 1;
      visits.set(r, n);
      if (n > maxRounds) continue;
      for (const x of this.unknowns(r)) {
        const imp = this.solveFor(r, x);
        if (!imp) continue;
        const list = this.implications.get(x) ?? [];
        const prev = list.findIndex((p) => p.rule === r.id);
        if (prev >= 0) {
          const old = list[prev].interval;
          const narrower = imp.interval.lo.gt(old.lo) || imp.interval.hi.lt(old.hi);
          if (!narrower || !I.intersect(old, imp.interval)) continue;
          list[prev] = imp;
        } else {
          list.push(imp);
        }
        this.implications.set(x, list);
        for (const reader of this.readers.get(x) ?? []) {
          if (reader !== r && active.has(reader) && !queued.has(reader)) {
            queued.add(reader);
            queue.push(reader);
          }
        }
      }
    }
  }

  /** A rule whose optional parts are all blank while its total is filled (e.g. no A.I. split reported). */
  splitNotReported(r: EquationRule): boolean {
    if (!r.partsOptional) return false;
    if (r.partsRequiredWhen && this.applies(r.partsRequiredWhen)) return false;
    return this.amount(r.target) !== undefined && exprItems(r.expr).every((c) => this.report.values.get(c)?.state !== "amount" && !this.isInvalid(c));
  }
}

// -------------------------------------------------------------------------------------------------
// Findings
// -------------------------------------------------------------------------------------------------

function scaleOf(it: FocusItem | undefined): Scale {
  const k = it?.kind;
  return k === "percent" || k === "factor" || k === "count" ? k : "dollars";
}

/** The rules whose implications of `code` the value used rests on (each implication's rules all among the value's). */
function impliedFrom(engine: Engine, code: string, used: { via: Set<string> }): string[] {
  const from: string[] = [];
  for (const i of engine.implications.get(code) ?? []) {
    let within = true;
    for (const r of i.via) {
      if (!used.via.has(r)) {
        within = false;
        break;
      }
    }
    if (within && !from.includes(i.rule)) from.push(i.rule);
  }
  return from;
}

function impliedUses(engine: Engine, implied: ExprValue["implied"], scale: (c: string) => Scale): ImpliedUse[] {
  const out: ImpliedUse[] = [];
  for (const [code, v] of implied) {
    const s = scale(code);
    out.push({
      code,
      low: v.interval.lo.isFinite() ? plainAmount(v.interval.lo, s) : "-unbounded",
      high: v.interval.hi.isFinite() ? plainAmount(v.interval.hi, s) : "unbounded",
      from: impliedFrom(engine, code, v),
    });
  }
  return out;
}

/** "350,455,575 to 350,455,625", "at least 7,153,876", or one figure. */
export function describeInterval(i: Interval, s: Scale): string {
  const lo = i.lo.isFinite() ? formatAmount(roundToScale(i.lo, s), s) : null;
  const hi = i.hi === i.lo ? lo : i.hi.isFinite() ? formatAmount(roundToScale(i.hi, s), s) : null;
  if (lo !== null && hi !== null) return lo === hi ? lo : `${lo} to ${hi}`;
  if (lo !== null) return `at least ${lo}`;
  if (hi !== null) return `at most ${hi}`;
  return "any value";
}

type StaticPart = Omit<Finding, "status" | "message" | "where" | "implied" | "missing" | "invalid" | "expected" | "actual" | "difference">;
const STATIC_PARTS = new WeakMap<Rule, StaticPart>();

/** The parts of a rule's finding that do not depend on the report (computed once per rule). */
function staticPart(rule: Rule): StaticPart {
  let p = STATIC_PARTS.get(rule);
  if (!p) {
    const cat = catalogue(rule.form);
    const items = ruleItems(rule);
    // Shared by every finding of the rule, so frozen: a caller that tried to change them would throw.
    p = {
      rule: rule.id,
      title: rule.title,
      severity: rule.severity,
      section: rule.section,
      category: rule.category,
      formula: formatRule(rule),
      items: items as string[],
      citation: rule.citation,
      unconfirmed: Object.freeze(items.filter((c) => !cat.get(c)?.confirmed)) as string[],
      ...(rule.note ? { note: rule.note } : {}),
    };
    STATIC_PARTS.set(rule, p);
  }
  return p;
}

/**
 * A rule's finding with the report's cells filled in and everything else at its default; callers set
 * the rest by assignment. Built as one literal in a fixed property order so that every finding has
 * the same shape (spreading objects per finding was most of evaluate()'s time).
 */
function base(rule: Rule, engine: Engine, status: Status, message: string): Finding {
  const p = staticPart(rule);
  const where: string[] = [];
  for (const c of p.items) {
    const w = engine.report.values.get(c)?.where;
    if (w) where.push(w);
  }
  const f: Finding = {
    rule: p.rule,
    title: p.title,
    severity: p.severity,
    status,
    section: p.section,
    category: p.category,
    formula: p.formula,
    items: p.items,
    expected: null,
    actual: null,
    difference: null,
    citation: p.citation,
    message,
    where,
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: p.unconfirmed,
  };
  if (p.note) f.note = p.note;
  return f;
}

function named(rule: Rule, code: string): string {
  const it = catalogue(rule.form).get(code);
  return it ? `${code} (${it.label})` : code;
}

function impliedSentence(rule: Rule, engine: Engine, implied: ExprValue["implied"]): string {
  if (implied.size === 0) return "";
  const cat = catalogue(rule.form);
  const parts = [...implied].map(([code, v]) => {
    return `${code} is blank; the report implies ${describeInterval(v.interval, scaleOf(cat.get(code)))} (from ${impliedFrom(engine, code, v).join(", ")})`;
  });
  return ` ${parts.join("; ")}.`;
}

function notApplicable(rule: Rule, engine: Engine, message: string): Finding {
  return base(rule, engine, "not-applicable", message);
}

function whyCondition(when: Condition): string {
  switch (when) {
    case "models":
      return "applies to firms authorized to use models; this report shows none of their lines";
    case "non-models":
      return "applies to firms not authorized to use models; this report shows models lines";
    case "basic":
      return "applies under the aggregate indebtedness standard; this report does not use it";
    case "alternative":
      return "applies under the alternative standard; this report does not use it";
    case "first-year":
      return "applies in a firm's first 12 months of business (a setting of the check)";
    case "established":
      return "applies after a firm's first 12 months of business; the check is set to a first-year firm";
    case "monthly":
      return "applies to a reserve formula computed monthly; the check is set to another frequency";
    case "not-monthly":
      return "applies to a reserve formula computed weekly or daily; the check is set to monthly";
    case "daily":
      return "applies to a reserve formula computed daily; the check is set to another frequency";
    case "not-daily":
      return "applies to a reserve formula computed weekly or monthly; the check is set to daily";
    case "exemption-claimed":
      return "applies when a 15c3-3(k) exemption is claimed (items 4550-4580); none is checked";
    case "reserve-page":
      return "applies to the reserve formula's page; nothing on it is reported";
    case "pab-page":
      return "applies to the PAB computation's page; nothing on it is reported";
  }
}

/** The first condition that does not hold. */
function failing(engine: Engine, when: Condition | Condition[] | undefined): Condition {
  const list = Array.isArray(when) ? when : [when as Condition];
  return list.find((c) => !engine.applies(c)) ?? list[0];
}

function invalidFinding(rule: Rule, engine: Engine, invalid: string[]): Finding {
  const list = invalid.map((c) => {
    const v = engine.report.values.get(c);
    const reason = v?.state === "invalid" ? v.reason : "unusable";
    return `${named(rule, c)}${v?.where ? ` at ${v.where}` : ""}: ${reason.replace(/\.$/, "")}`;
  });
  const f = base(rule, engine, "cannot-evaluate", `Cannot evaluate: ${list.join("; ")}.`);
  f.invalid = invalid;
  return f;
}

function evaluateEquation(rule: EquationRule, engine: Engine): Finding {
  if (!engine.applies(rule.when)) return notApplicable(rule, engine, `Not applicable: the rule ${whyCondition(failing(engine, rule.when))}.`);
  const items = ruleItems(rule);
  const invalid = engine.invalidAmong(items);
  if (invalid.length) return invalidFinding(rule, engine, invalid);
  const lines = exprItems(rule.expr);
  const target = engine.amount(rule.target);
  if (target === undefined && lines.every((c) => engine.nothingReported(c))) {
    return notApplicable(rule, engine, "Nothing reported on these lines.");
  }
  if (target === undefined && rule.targetOptional && !engine.isInvalid(rule.target)) {
    return notApplicable(rule, engine, `${named(rule, rule.target)} is not reported; the form asks for it only where it applies.`);
  }
  if (engine.splitNotReported(rule)) {
    return notApplicable(rule, engine, `Only the total ${rule.target} is reported; the split into its columns is not (${lines.join(", ")} blank).`);
  }
  const cat = catalogue(rule.form);
  const scale = scaleOf(cat.get(rule.target));
  const v = engine.evalExpr(rule.expr, engine.resolverFor(rule.id));
  const b = base(rule, engine, "cannot-evaluate", "");
  const implied = impliedUses(engine, v.implied, (c) => scaleOf(cat.get(c)));
  const impliedNote = impliedSentence(rule, engine, v.implied);
  if (v.invalid.length) return invalidFinding(rule, engine, v.invalid);
  if (!v.interval) {
    const missing = [...new Set(v.missing)];
    const list = missing.map((c) => named(rule, c)).join(", ");
    b.missing = missing;
    b.implied = implied;
    b.actual = target !== undefined ? plainAmount(target, scale) : null;
    b.message = `Cannot evaluate: ${list} ${missing.length > 1 ? "are" : "is"} blank, and no other reported figure implies ${missing.length > 1 ? "them" : "it"}.${
      target === undefined ? ` ${rule.target} is blank too.` : ""
    }`;
    return b;
  }
  const expected = v.interval;
  // The target's own printed precision widens the tolerance as the inputs' widen the expected range.
  const tol = (rule.derivation === "percentage" && engine.options.percentageTolerance ? engine.options.percentageTolerance : TOLERANCE[rule.derivation]).plus(engine.half(rule.target));
  if (target !== undefined) {
    const near = I.nearest(expected, target);
    const exp = roundToScale(near, scale);
    const diff = target.minus(exp);
    const pass = diff.abs().lte(tol);
    const missingArgument = pass ? null : blankMaximumArgument(rule, engine, target);
    if (missingArgument) {
      b.implied = implied;
      b.actual = plainAmount(target, scale);
      b.missing = missingArgument.items;
      b.message = missingArgument.message;
      return b;
    }
    b.implied = implied;
    b.expected = plainAmount(exp, scale);
    b.actual = plainAmount(target, scale);
    b.difference = plainAmount(diff, scale);
    b.status = pass ? "pass" : "fail";
    const shown = I.isPoint(expected) ? formatAmount(exp, scale) : describeInterval(expected, scale);
    if (pass) {
      b.message = `${rule.target} reports ${formatAmount(target, scale)}; ${formatExpr2(rule)} gives ${shown}.${impliedNote}`.trim();
    } else if (v.implied.size === 0 && lines.every((c) => engine.nothingReported(c))) {
      const shown = lines.length > 8 ? `${lines.slice(0, 6).join(", ")} ... ${lines[lines.length - 1]}` : lines.join(", ");
      b.message = `${named(rule, rule.target)} reports ${formatAmount(target, scale)}, but its lines (${shown}) are all blank: the lines are missing or the total is wrong.`;
    } else {
      b.message = `${named(rule, rule.target)} reports ${formatAmount(target, scale)}; ${formatExpr2(rule)} gives ${shown}: off by ${formatAmount(diff, scale, { negative: "minus" })}.${impliedNote}`;
    }
    return b;
  }
  // Blank target with something reported on its lines.
  const lo = roundToScale(expected.lo, scale);
  const hi = roundToScale(expected.hi, scale);
  b.implied = implied;
  if (engine.options.partial) {
    // A partial input: the blank total is unknown, not wrong.
    b.expected = lo.eq(hi) && lo.isFinite() ? plainAmount(lo, scale) : null;
    b.missing = [rule.target];
    b.message = `${named(rule, rule.target)} is not given (partial input); ${formatExpr2(rule)} puts it at ${describeInterval(expected, scale)}.${impliedNote}`;
    return b;
  }
  if (lo.eq(hi) && lo.isFinite() && v.implied.size === 0) {
    b.expected = plainAmount(lo, scale);
    if (lo.isZero()) {
      b.status = "pass";
      b.message = `${rule.target} is blank and its lines come to zero.`;
    } else {
      b.status = "fail";
      b.message = `${named(rule, rule.target)} is blank; from ${formatExpr2(rule)} it should be ${formatAmount(lo, scale)}.`;
    }
    return b;
  }
  // The expected figure rests on other blank boxes: say what the report implies, without failing
  // the line for a box that is itself missing.
  b.expected = lo.eq(hi) && lo.isFinite() ? plainAmount(lo, scale) : null;
  b.missing = [rule.target];
  b.message = `${named(rule, rule.target)} is blank; the other reported figures put it at ${describeInterval(expected, scale)}.${impliedNote}`;
  return b;
}

const SHORT_FORMULAS = new WeakMap<EquationRule, string>();

/** The rule's right-hand side in item codes, or "the sum of its N lines" when that is long. */
function formatExpr2(rule: EquationRule): string {
  let v = SHORT_FORMULAS.get(rule);
  if (v === undefined) {
    v = shortFormula(rule);
    SHORT_FORMULAS.set(rule, v);
  }
  return v;
}

function shortFormula(rule: EquationRule): string {
  const full = formatExpr(rule.expr);
  if (full.length <= 70) return full;
  return rule.expr.op === "total" ? `the sum of its ${rule.expr.terms.length} lines` : full;
}

function evaluateLimit(rule: LimitRule, engine: Engine): Finding {
  if (!engine.applies(rule.when)) return notApplicable(rule, engine, `Not applicable: the rule ${whyCondition(failing(engine, rule.when))}.`);
  const items = ruleItems(rule);
  const invalid = engine.invalidAmong(items);
  if (invalid.length) return invalidFinding(rule, engine, invalid);
  if (items.every((c) => engine.amount(c) === undefined && !engine.implied(c, null))) {
    return notApplicable(rule, engine, "Nothing reported on these lines.");
  }
  const cat = catalogue(rule.form);
  const resolve = engine.resolverFor(null);
  const l = engine.evalExpr(rule.lhs, resolve);
  const r = engine.evalExpr(rule.rhs, resolve);
  const implied = new Map([...l.implied, ...r.implied]);
  const b = base(rule, engine, "cannot-evaluate", "");
  b.implied = impliedUses(engine, implied, (c) => scaleOf(cat.get(c)));
  const lhsItems = exprItems(rule.lhs);
  const scale = scaleOf(cat.get(lhsItems[0]));
  if (!l.interval || !r.interval) {
    const missing = [...new Set([...l.missing, ...r.missing])];
    b.missing = missing;
    b.message = `Cannot evaluate: ${missing.map((c) => named(rule, c)).join(", ")} ${missing.length > 1 ? "are" : "is"} blank, and no other reported figure implies ${missing.length > 1 ? "them" : "it"}.`;
    return b;
  }
  // margin >= 0 means the limit holds.
  const margin = rule.op === ">=" ? I.add(l.interval, I.neg(r.interval)) : I.add(r.interval, I.neg(l.interval));
  const status: Status = margin.lo.gte(0) ? "pass" : margin.hi.lt(0) ? "fail" : "cannot-evaluate";
  const m = margin.lo.isFinite() && margin.hi.isFinite() ? roundToScale(I.middle(margin), scale) : null;
  const limitShown = describeInterval(r.interval, scale);
  const lhsShown = describeInterval(l.interval, scale);
  const sign = rule.op === ">=" ? "at least" : "at most";
  const message =
    status === "pass"
      ? `${lhsShown} is ${sign} ${limitShown}: margin ${describeInterval(margin, scale)}.`
      : status === "fail"
        ? `${lhsShown} is not ${sign} ${limitShown}: short by ${describeInterval(I.neg(margin), scale)}.`
        : `Cannot tell: ${lhsShown} against a limit of ${limitShown}; the implied figures allow either answer.`;
  b.status = status;
  const rp = representative(r.interval, scale);
  const lp = representative(l.interval, scale);
  b.expected = rp === null ? null : `${rule.op} ${plainAmount(rp, scale)}`;
  b.actual = lp === null ? null : plainAmount(lp, scale);
  // An open margin (a limit against a range bounded on one side) has no single difference.
  b.difference = m === null ? null : plainAmount(m, scale);
  b.message = message + impliedSentence(rule, engine, implied);
  return b;
}

/**
 * Evaluate every rule of the report's form. Never throws on bad input: unusable values give
 * input findings and "cannot evaluate" findings. Findings: input findings first, then one per
 * rule in form order.
 */
export function evaluate(report: Report, options: EvaluateOptions = {}): Evaluation {
  if (options.percentageTolerance && (options.percentageTolerance.isNegative() || !options.percentageTolerance.isInteger())) {
    throw new Error(`percentageTolerance must be a whole number of dollars, not ${options.percentageTolerance.toString()}`);
  }
  const engine = new Engine(report, options);
  engine.deriveImplications();
  const findings: Finding[] = [...report.inputFindings];
  const contradiction = standardContradiction(engine);
  if (contradiction) findings.push(contradiction);
  for (const rule of engine.rules) {
    findings.push(rule.kind === "equation" ? evaluateEquation(rule, engine) : evaluateLimit(rule, engine));
  }
  findings.push(...reserveFrequencyFindings(engine));
  return { report, profile: engine.profile, findings, implications: engine.implications, engine };
}

/**
 * INPUT-STANDARD (warning): the declared ratio standard is not the one the report's lines show
 * (a basic firm's 3756/3840 filled, or an alternative firm's 3870/3920/3851/3854), or null.
 */
function standardContradiction(engine: Engine): Finding | null {
  const declared = engine.options.standard;
  if (!declared) return null;
  const ind = STANDARD_ITEMS[engine.report.form];
  const other = declared === "basic" ? "alternative" : "basic";
  const shown = ind[other].filter((c) => engine.report.values.get(c)?.state === "amount");
  if (shown.length === 0) return null;
  const name = (s: string) => (s === "basic" ? "the aggregate indebtedness (basic) standard" : "the alternative standard");
  return {
    rule: "INPUT-STANDARD",
    title: "The declared ratio standard and the reported lines disagree",
    severity: "warning",
    status: "fail",
    section: "minimum-requirement",
    category: "input",
    formula: "",
    items: shown,
    expected: null,
    actual: null,
    difference: null,
    citation: "15c3-1(a)(1)(i)-(ii)",
    message: `The firm is declared to be on ${name(declared)}, but ${shown.join(", ")} ${shown.length > 1 ? "are" : "is"} filled, lines of ${name(other)}. The check follows the declaration; correct the setting or the lines.`,
    where: shown.map((c) => engine.report.values.get(c)?.where ?? "").filter(Boolean),
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: [],
  };
}

/**
 * A reported total above every filled argument of its "greater of", where another argument's lines
 * are all blank: the blank argument is missing, not zero (3760 = 9,000,000 against a fixed minimum
 * of 1,000,000 with lines 5A-5E blank says the ratio requirement was left out, not that 3760 is
 * wrong). Returns the blank lines and the message, or null.
 */
function blankMaximumArgument(rule: EquationRule, engine: Engine, target: Decimal): { items: string[]; message: string } | null {
  if (rule.expr.op !== "max") return null;
  const blank: string[] = [];
  let others: Decimal | null = null;
  for (const a of rule.expr.args) {
    const items = exprItems(a);
    if (items.every((c) => engine.nothingReported(c) && !engine.implied(c, rule.id))) {
      blank.push(...items);
      continue;
    }
    const v = engine.evalExpr(a, engine.resolverFor(rule.id));
    if (!v.interval) return null;
    others = others ? D.max(others, v.interval.hi) : v.interval.hi;
  }
  if (blank.length === 0 || others === null || !target.gt(others)) return null;
  const cat = catalogue(rule.form);
  const lines = blank.map((c) => cat.get(c)?.line || c);
  const scale = scaleOf(cat.get(rule.target));
  return {
    items: blank,
    message: `Cannot evaluate: ${named(rule, rule.target)} reports ${formatAmount(target, scale)}, more than the other terms give (${formatAmount(others, scale)}), but lines ${lines.join(", ")} (${blank.join(", ")}) are blank: that part of the requirement is missing, not wrong.`,
  };
}

/** One figure for an interval in a finding: the point, the middle of a closed range, the finite end of an open one; null when unbounded both ways. */
function representative(i: Interval, scale: Scale): Decimal | null {
  if (I.isPoint(i)) return i.lo;
  if (i.lo.isFinite() && i.hi.isFinite()) return roundToScale(I.middle(i), scale);
  if (i.lo.isFinite()) return i.lo;
  if (i.hi.isFinite()) return i.hi;
  return null;
}
