/**
 * The net capital summary: tentative net capital, net capital, the minimum requirement, excess
 * net capital and the early-warning margins, each recomputed from the form's lines beside the
 * figure the report gives.
 *
 * Each summary line is computed from the rule that defines it when something is reported beneath
 * it, over the figures beneath it as the findings use them: a reported figure as reported, a blank
 * one recomputed from its own lines, else the range the other figures imply (marked "implied",
 * e.g. aggregate debit items 4470 from 3870 = 2 % × 4470). So a summary line's difference is the
 * difference of its rule's finding, and a line above a misstated one (excess above net capital)
 * gives the figure the limit findings give. Figures are rounded as the form rounds (whole dollars,
 * two-decimal percent).
 */
import { plainAmount, roundToScale, type Scale } from "../report/amount";
import { catalogue } from "../catalogue/catalogue";
import { ZERO } from "../report/decimal";
import { describeInterval, type Engine, type Evaluation, type Resolver } from "./evaluate";
import * as I from "../report/interval";
import type { Interval } from "../report/interval";
import { RATES } from "../net-capital/regulation";
import { exprItems, minus, times } from "../rules/expr";
import type { EquationRule, Expr } from "../rules/types";

/** How a computed figure was obtained. */
export type Basis = "recomputed" | "reported" | "implied" | "unavailable";

/** One line of the summary. */
export interface SummaryLine {
  item: string;
  label: string;
  /** The report's figure, or null when the box is blank. */
  reported: string | null;
  /** Recomputed figure (rounded as the form rounds), or null when it cannot be computed. */
  computed: string | null;
  basis: Basis;
  /** When the computed figure is a range: its ends ("unbounded" when open). */
  low?: string;
  high?: string;
  /** Reported minus computed, when both exist. */
  difference: string | null;
  /** What was used, in words. */
  note: string;
}

/** The summary of a report (see `SummaryLine`); lines a form does not have are "unavailable". */
export interface NetCapitalSummary {
  tentativeNetCapital: SummaryLine;
  netCapital: SummaryLine;
  minimumRequirement: SummaryLine;
  excessNetCapital: SummaryLine;
  /** 12061: net capital less 120 % of the minimum requirement (17a-11(b)(3)). */
  earlyWarningMinimum: SummaryLine;
  /** 3920: net capital less 5 % of aggregate debit items (17a-11(b)(2)). */
  earlyWarningDebits: SummaryLine;
  aggregateDebitItems: SummaryLine;
  aggregateIndebtedness: SummaryLine;
  netCapitalToDebits: SummaryLine;
  aggregateIndebtednessToNetCapital: SummaryLine;
  /** Part IIA line 15 (3780): net capital less 10 % of aggregate indebtedness. */
  excessNetCapitalAt1000?: SummaryLine;
  /** Part II line 5B.i: the CFTC minimum of a broker-dealer that is also a futures commission merchant (placeholder code 90051). */
  cftcMinimum?: SummaryLine;
  /** The customer reserve formula (Part II, when any of its boxes is reported). */
  reserve?: ReserveSummary;
}

/**
 * The reserve block of the summary (15c3-3, Exhibit A): each line reported beside computed, with
 * the same implied reasoning as the net capital lines. `requirement` is line 22 (4490), or line 23
 * (4500, 105 %) for a monthly computation; `excessOrDeficiency` is the account after the deposit
 * less the requirement (no form line; negative: a deficiency, an immediate notice under 15c3-3(i)).
 */
export interface ReserveSummary {
  frequency: string;
  totalCredits: SummaryLine;
  aggregateDebitItems: SummaryLine;
  reduction: SummaryLine;
  totalDebits: SummaryLine;
  requirement: SummaryLine;
  onDeposit: SummaryLine;
  afterDeposit: SummaryLine;
  excessOrDeficiency: SummaryLine;
}

/** Reserve-formula boxes whose being reported makes the summary show the reserve block. */
const RESERVE_BOXES = ["4340", "4350", "4360", "4370", "4380", "4390", "4400", "4410", "4420", "4425", "4430", "4440", "4450", "4460", "4465", "4467", "90015", "4469", "4471", "4472", "4480", "4490", "4500", "4510", "4520", "4530"];

interface Computed {
  interval: Interval;
  basis: Exclude<Basis, "unavailable">;
  implied: Set<string>;
}

class Recomputer {
  private readonly memo = new Map<string, Computed | null>();
  private readonly active = new Set<string>();
  private readonly defining = new Map<string, EquationRule>();

  constructor(private readonly engine: Engine) {
    for (const r of engine.rules) {
      if (r.kind === "equation" && r.defines && engine.applies(r.when) && !this.defining.has(r.target)) this.defining.set(r.target, r);
    }
  }

  /** Evaluate an expression over recomputed items (for lines the form does not print). */
  computeExpr(e: Expr): Computed | null {
    const implied = new Set<string>();
    let basis: Computed["basis"] = "recomputed";
    const v = this.engine.evalExpr(e, (c) => {
      const sub = this.value(c);
      if (!sub) return { kind: "missing" };
      if (sub.basis === "implied") {
        basis = "implied";
        sub.implied.forEach((x) => implied.add(x));
      }
      return { kind: "value", interval: sub.interval };
    });
    if (!v.interval) return null;
    return { interval: { lo: roundToScale(v.interval.lo, "dollars"), hi: roundToScale(v.interval.hi, "dollars") }, basis, implied };
  }

  /**
   * A summary line's figure from its own lines: what the rule that defines it gives over the
   * figures beneath it, as the finding of that rule computes it; the reported figure when nothing
   * beneath it is reported; else what the other figures imply.
   */
  compute(code: string): Computed | null {
    return this.fromLines(code) ?? this.value(code);
  }

  /**
   * An item as a line above it uses it: its reported figure, as the findings use it (so a
   * summary line and the finding of its rule give one difference); a blank item is recomputed
   * from its own lines, else implied.
   */
  value(code: string): Computed | null {
    if (this.memo.has(code)) return this.memo.get(code) ?? null;
    if (this.active.has(code)) return null;
    this.active.add(code);
    const result = this.fromReport(code) ?? this.fromLines(code) ?? this.fromImplied(code);
    this.active.delete(code);
    this.memo.set(code, result);
    return result;
  }

  private fromLines(code: string): Computed | null {
    const rule = this.defining.get(code);
    if (!rule) return null;
    const items = exprItems(rule.expr);
    if (items.every((c) => this.engine.nothingReported(c))) return null;
    const implied = new Set<string>();
    let basis: Computed["basis"] = "recomputed";
    const required = this.engine.requiredBy(rule.id);
    const resolve: Resolver = (c, ctx) => {
      if (this.engine.isInvalid(c)) return { kind: "invalid" };
      // A blank line counts as zero, unless the rule needs it (the firm's own ratio line: 3870,
      // then from what the report implies) or the input is partial.
      if (ctx === "line" && this.engine.nothingReported(c) && !required?.has(c) && !this.engine.options.partial) {
        return { kind: "value", interval: I.point(ZERO) };
      }
      const sub = this.value(c);
      if (!sub) return { kind: "missing" };
      if (sub.basis === "implied") {
        basis = "implied";
        implied.add(c);
        sub.implied.forEach((x) => implied.add(x));
      }
      return { kind: "value", interval: sub.interval };
    };
    const v = this.engine.evalExpr(rule.expr, resolve);
    if (!v.interval) return null;
    const scale = scaleOf(this.engine, code);
    return { interval: { lo: roundToScale(v.interval.lo, scale), hi: roundToScale(v.interval.hi, scale) }, basis, implied };
  }

  private fromReport(code: string): Computed | null {
    const a = this.engine.amount(code);
    return a === undefined ? null : { interval: I.point(a), basis: "reported", implied: new Set() };
  }

  private fromImplied(code: string): Computed | null {
    const imp = this.engine.implied(code, null);
    return imp ? { interval: imp.interval, basis: "implied", implied: new Set([code]) } : null;
  }
}

function scaleOf(engine: Engine, code: string): Scale {
  const k = catalogue(engine.report.form).get(code)?.kind;
  return k === "percent" ? "percent" : "dollars";
}

function unavailable(label: string, why: string): SummaryLine {
  return { item: "", label, reported: null, computed: null, basis: "unavailable", difference: null, note: why };
}

function line(engine: Engine, rc: Recomputer, code: string, computed?: { label: string; c: Computed | null }): SummaryLine {
  const it = catalogue(engine.report.form).get(code);
  const scale = scaleOf(engine, code);
  const reported = computed ? undefined : engine.amount(code);
  const c = computed ? computed.c : rc.compute(code);
  const out: SummaryLine = {
    item: computed ? "" : code,
    label: computed ? computed.label : (it?.label ?? code),
    reported: reported !== undefined ? plainAmount(reported, scale) : null,
    computed: null,
    basis: "unavailable",
    difference: null,
    note: "",
  };
  if (!c) {
    out.note = reported !== undefined ? "reported; its lines are not enough to recompute it" : "blank, and nothing reported implies it";
    return out;
  }
  out.basis = c.basis;
  if (!c.interval.lo.isFinite() || !c.interval.hi.isFinite()) {
    // An open range: no single figure to show (never "Infinity").
    out.low = c.interval.lo.isFinite() ? plainAmount(c.interval.lo, scale) : "-unbounded";
    out.high = c.interval.hi.isFinite() ? plainAmount(c.interval.hi, scale) : "unbounded";
    out.note = `uses blank ${[...c.implied].join(", ")}, which the report bounds only on one side (range ${describeInterval(c.interval, scale)})`;
    return out;
  }
  const est = roundToScale(I.middle(c.interval), scale);
  out.computed = plainAmount(est, scale);
  if (!I.isPoint(c.interval)) {
    out.low = c.interval.lo.isFinite() ? plainAmount(c.interval.lo, scale) : "-unbounded";
    out.high = c.interval.hi.isFinite() ? plainAmount(c.interval.hi, scale) : "unbounded";
  }
  if (reported !== undefined) {
    const near = roundToScale(I.nearest(c.interval, reported), scale);
    out.difference = plainAmount(reported.minus(near), scale);
    if (c.basis !== "reported") out.computed = plainAmount(near, scale);
  }
  const range = I.isPoint(c.interval) ? "" : ` (range ${describeInterval(c.interval, scale)})`;
  switch (c.basis) {
    case "recomputed":
      out.note = "recomputed from the form's lines";
      break;
    case "reported":
      out.note = "as reported (nothing beneath it to recompute from)";
      break;
    case "implied":
      out.note = `uses blank ${[...c.implied].join(", ")}, whose values other reported figures imply${range}`;
      break;
  }
  return out;
}

/** Build the net capital summary of an evaluated report. */
export function netCapitalSummary(evaluation: Evaluation): NetCapitalSummary {
  const engine = evaluation.engine;
  const rc = new Recomputer(engine);
  const l = (code: string) => line(engine, rc, code);
  if (engine.report.form === "part-iia") {
    const notOnIIA = "Part IIA has no aggregate debit items line";
    const ew = minus("3750", times(RATES.earlyWarningMinimum, "3760"));
    return {
      tentativeNetCapital: l("3640"),
      netCapital: l("3750"),
      minimumRequirement: l("3760"),
      excessNetCapital: l(engine.profile.standard === "alternative" ? "3910" : "3770"),
      earlyWarningMinimum: line(engine, rc, "", { label: "Net capital less 120% of the requirement (no form line; 17a-11(b)(3))", c: rc.computeExpr(ew) }),
      earlyWarningDebits: unavailable("Net capital less 5% of aggregate debit items", notOnIIA),
      aggregateDebitItems: unavailable("Aggregate debit items", notOnIIA),
      aggregateIndebtedness: l("3840"),
      netCapitalToDebits: unavailable("Net capital to aggregate debit items", notOnIIA),
      aggregateIndebtednessToNetCapital: l("3850"),
      excessNetCapitalAt1000: l("3780"),
    };
  }
  const reserve = RESERVE_BOXES.some((c) => !engine.nothingReported(c)) ? reserveSummary(engine, rc) : undefined;
  const summary: NetCapitalSummary = {
    tentativeNetCapital: l("3640"),
    netCapital: l("3750"),
    minimumRequirement: l("3760"),
    excessNetCapital: l("3910"),
    earlyWarningMinimum: l("12061"),
    earlyWarningDebits: l("3920"),
    aggregateDebitItems: l("4470"),
    aggregateIndebtedness: l("3840"),
    netCapitalToDebits: l("3851"),
    aggregateIndebtednessToNetCapital: l("3850"),
  };
  if (!engine.nothingReported("90051")) summary.cftcMinimum = l("90051");
  if (reserve) summary.reserve = reserve;
  return summary;
}

function reserveSummary(engine: Engine, rc: Recomputer): ReserveSummary {
  const l = (code: string) => line(engine, rc, code);
  const monthly = engine.profile.frequency === "monthly";
  const requirementItem = monthly ? "4500" : "4490";
  return {
    frequency: engine.profile.frequency,
    totalCredits: l("4430"),
    aggregateDebitItems: l("4470"),
    reduction: l("4471"),
    totalDebits: l("4472"),
    requirement: l(requirementItem),
    onDeposit: l("4510"),
    afterDeposit: l("4530"),
    excessOrDeficiency: line(engine, rc, "", {
      label: `Reserve bank account after the deposit less the requirement (no form line; 4530 - ${requirementItem})`,
      c: rc.computeExpr(minus("4530", requirementItem)),
    }),
  };
}
