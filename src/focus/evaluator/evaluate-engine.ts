/** The evaluator's engine: a report's values, its profile, the implied ranges, and expressions over intervals (see evaluate.ts). */
import { D, Decimal, ZERO } from "../report/decimal";
import * as I from "../report/interval";
import type { Interval } from "../report/interval";
import { applyRate, rateValue } from "../net-capital/regulation";
import type { Report } from "../report/report";
import { exprItems, ruleItems } from "../rules/expr";
import { rulesFor } from "../rules/index";
import type { Condition, EquationRule, Expr, Rule } from "../rules/types";
import type { Context, EvaluateOptions, ExprValue, Implication, Profile, Resolved, Resolver } from "./evaluate-types";
import { EXEMPTION_BOXES, HALF_UNIT, HUNDRED, INVALID, MISSING, MODELS_ITEMS, mul, NO_IMPLIED, PAB_PAGE_BOXES, RESERVE_PAGE_BOXES, ruleIndex, STANDARD_ITEMS, ZERO_I, ZERO_R } from "./evaluate-index";
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

