/**
 * Capital at a glance and the notices of Rule 17a-11: each measure a FINOP watches (net capital
 * against the minimum and 120 % of it, against 5 % of aggregate debit items for an
 * alternative-standard firm, aggregate indebtedness against 1,200 % and 1,500 % of net capital
 * for a basic-standard firm), with the margin to each level in dollars and percent; and, where a
 * computation shows a deficiency (17a-11(a)(1)) or an early-warning event (17a-11(b)(1)-(b)(3)),
 * the paragraph in its own words, when notice is due and a draft with the firm's figures.
 *
 * The rates are the engine's (RATES, each with its quoted rule words); the paragraphs' words are
 * quoted here, once, from 17 CFR 240.17a-11 as of 2026-10-01 (reference/cfr/17cfr240.17a-11.txt),
 * and test/review.test.ts finds every quote in that text.
 */
import { formatAmount } from "../report/amount";
import { D, type Decimal } from "../report/decimal";
import { RATES, type Rate } from "../net-capital/regulation";
import type { CheckResult } from "../evaluator/check";
import type { SummaryLine } from "../evaluator/summary";

/** A paragraph of Rule 17a-11 that can require notice from a FOCUS computation. */
export interface NoticeRule {
  paragraph: "17a-11(a)(1)" | "17a-11(b)(1)" | "17a-11(b)(2)" | "17a-11(b)(3)";
  title: string;
  /** The paragraph's words, exactly as in the eCFR text. */
  quote: string;
  /** When notice is due, in the rule's words. */
  due: string;
  /** Where the due words stand in the rule (the paragraph that states the timing). */
  dueQuote: string;
}

/** A rate as a level's name says it, from the rate's own data: "120%", "1,200%", "5%". */
export function ratePct(r: Rate): string {
  return `${formatAmount(r.numerator.div(r.denominator).times(100), "dollars")}%`;
}

/** The notices this pack drafts, from 17 CFR 240.17a-11 (eCFR as of 2026-10-01). */
export const NOTICE_RULES: Record<NoticeRule["paragraph"], NoticeRule> = {
  "17a-11(a)(1)": {
    paragraph: "17a-11(a)(1)",
    title: "Net capital deficiency",
    quote:
      "Every broker or dealer whose net capital declines below the minimum amount required pursuant to § 240.15c3-1, or is insolvent as that term is defined in § 240.15c3-1(c)(16), must give notice of such deficiency that same day in accordance with paragraph (h) of this section. The notice must specify the broker or dealer's net capital requirement and its current amount of net capital.",
    due: "that same day",
    dueQuote: "must give notice of such deficiency that same day",
  },
  "17a-11(b)(1)": {
    paragraph: "17a-11(b)(1)",
    title: `Early warning: aggregate indebtedness above ${ratePct(RATES.earlyWarningAI)} of net capital`,
    quote:
      "If a computation made by a broker or dealer subject to the aggregate indebtedness standard of § 240.15c3-1 shows that its aggregate indebtedness is in excess of 1,200 percent of its net capital",
    due: "promptly (but within 24 hours)",
    dueQuote: "Every broker or dealer must send notice promptly (but within 24 hours) after the occurrence of the events specified in paragraphs (b)(1) through (5)",
  },
  "17a-11(b)(2)": {
    paragraph: "17a-11(b)(2)",
    title: `Early warning: net capital below ${ratePct(RATES.earlyWarningDebits)} of aggregate debit items`,
    quote:
      "If a computation made by a broker or dealer, which has elected the alternative standard of § 240.15c3-1, shows that its net capital is less than 5 percent of aggregate debit items computed in accordance with § 240.15c3-3a Exhibit A",
    due: "promptly (but within 24 hours)",
    dueQuote: "Every broker or dealer must send notice promptly (but within 24 hours) after the occurrence of the events specified in paragraphs (b)(1) through (5)",
  },
  "17a-11(b)(3)": {
    paragraph: "17a-11(b)(3)",
    title: `Early warning: net capital below ${ratePct(RATES.earlyWarningMinimum)} of the minimum`,
    quote: "If a computation made by a broker or dealer pursuant to § 240.15c3-1 shows that its total net capital is less than 120 percent of the broker's or dealer's required minimum net capital",
    due: "promptly (but within 24 hours)",
    dueQuote: "Every broker or dealer must send notice promptly (but within 24 hours) after the occurrence of the events specified in paragraphs (b)(1) through (5)",
  },
};

/** A level a measure is held against: its amount and the margin to it (whole dollars; percent of the level, two decimals). */
export interface Threshold {
  label: string;
  /** The level, whole dollars (plain decimal string). */
  amount: string;
  citation: string;
  /** Distance to the level on the safe side (negative when breached), whole dollars. */
  margin: string;
  /** The margin as a percentage of the level (85.47), or null when the level is zero. */
  marginPct: string | null;
  breached: boolean;
  /** The notice a breach requires, if any. */
  notice?: NoticeRule["paragraph"];
}

/** One measure of "capital at a glance": a figure and the levels it is held against. */
export interface Measure {
  id: "net-capital" | "debits" | "aggregate-indebtedness" | "tentative-net-capital";
  title: string;
  /** The figure (whole dollars), or null when the report does not give or imply it. */
  value: string | null;
  valueLabel: string;
  /** How the figure was obtained: "reported", "recomputed" from the lines, or "implied" by other figures (shown as such, never as a plain pass). */
  basis: "reported" | "recomputed" | "implied" | "unavailable";
  /** "above": the figure must stay above its levels (net capital); "below": under them (A.I.). */
  keep: "above" | "below";
  thresholds: Threshold[];
  /** Why a measure cannot be drawn, or what its figure rests on. */
  note?: string;
}

/** A notice the computation calls for, drafted for the FINOP to edit (nothing is sent). */
export interface Notice extends NoticeRule {
  /** The draft, with the firm's figures. */
  draft: string;
}

/** The text of a cover box (13 the firm's name, 25 the period end), or null when blank. */
export function coverText(r: CheckResult, code: string): string | null {
  const v = r.evaluation.report.values.get(code);
  return v?.state === "text" && v.text.trim() ? v.text.trim() : null;
}

/** A summary line's figure: reported, else computed; null when neither. */
export function figure(l: SummaryLine | undefined): Decimal | null {
  const v = l?.reported ?? l?.computed ?? null;
  return v === null ? null : new D(v);
}

const money = (v: Decimal) => formatAmount(v, "dollars");

/** The basis of a summary line's figure as `figure` takes it: the reported box first. */
const basisOf = (l: SummaryLine | undefined): Measure["basis"] => (l?.reported != null ? "reported" : l?.computed != null ? (l.basis === "implied" ? "implied" : "recomputed") : "unavailable");
const rateOf = (r: Rate) => r.numerator.div(r.denominator);

function threshold(label: string, level: Decimal, value: Decimal, keep: "above" | "below", citation: string, notice?: NoticeRule["paragraph"]): Threshold {
  const amount = level.toDecimalPlaces(0, D.ROUND_HALF_UP);
  const margin = keep === "above" ? value.minus(amount) : amount.minus(value);
  return {
    label,
    amount: amount.toFixed(0),
    citation,
    margin: margin.toFixed(0),
    marginPct: amount.isZero() ? null : margin.div(amount).times(100).toFixed(2),
    breached: margin.isNegative(),
    ...(notice ? { notice } : {}),
  };
}

/**
 * The measures of a checked report. Net capital against the minimum requirement (15c3-1(a)) and
 * 120 % of it (17a-11(b)(3)); for an alternative-standard firm, against 5 % of aggregate debit
 * items (17a-11(b)(2)); for a basic-standard firm, aggregate indebtedness against 1,200 %
 * (17a-11(b)(1)) and 1,500 % (15c3-1(a)(1)(i)) of net capital; for a firm using models, a note
 * that its tentative net capital levels are not computed here. A figure the report does not give
 * or imply leaves its measure without a value (cannot evaluate).
 */
export function capitalMeasures(result: CheckResult): Measure[] {
  const s = result.netCapital;
  const nc = figure(s.netCapital);
  const req = figure(s.minimumRequirement);
  const out: Measure[] = [];
  const ncMeasure: Measure = { id: "net-capital", title: "Net capital against the minimum requirement", value: nc?.toFixed(0) ?? null, valueLabel: "Net capital (3750)", basis: basisOf(s.netCapital), keep: "above", thresholds: [] };
  if (nc && req) {
    ncMeasure.thresholds.push(threshold("Minimum requirement (3760)", req, nc, "above", "15c3-1(a)", "17a-11(a)(1)"));
    ncMeasure.thresholds.push(threshold(`${ratePct(RATES.earlyWarningMinimum)} of the minimum`, req.times(rateOf(RATES.earlyWarningMinimum)), nc, "above", RATES.earlyWarningMinimum.citation, "17a-11(b)(3)"));
  } else ncMeasure.note = `cannot evaluate: ${!nc ? "net capital (3750)" : "the minimum requirement (3760)"} is not given and nothing reported implies it`;
  out.push(ncMeasure);
  if (result.profile.standard === "alternative") {
    const adi = figure(s.aggregateDebitItems);
    const m: Measure = { id: "debits", title: `Net capital against ${ratePct(RATES.earlyWarningDebits)} of aggregate debit items`, value: nc?.toFixed(0) ?? null, valueLabel: "Net capital (3750)", basis: basisOf(s.netCapital), keep: "above", thresholds: [] };
    if (nc && adi) m.thresholds.push(threshold(`${ratePct(RATES.earlyWarningDebits)} of aggregate debit items (4470)`, adi.times(rateOf(RATES.earlyWarningDebits)), nc, "above", RATES.earlyWarningDebits.citation, "17a-11(b)(2)"));
    else m.note = `cannot evaluate: ${!nc ? "net capital (3750)" : "aggregate debit items (4470)"} is not given and nothing reported implies it`;
    out.push(m);
  }
  if (result.profile.standard === "basic") {
    const ai = figure(s.aggregateIndebtedness);
    const m: Measure = { id: "aggregate-indebtedness", title: "Aggregate indebtedness against net capital", value: ai?.toFixed(0) ?? null, valueLabel: "Aggregate indebtedness (3840)", basis: basisOf(s.aggregateIndebtedness), keep: "below", thresholds: [] };
    if (nc && ai) {
      m.thresholds.push(threshold(`${ratePct(RATES.earlyWarningAI)} of net capital`, nc.times(rateOf(RATES.earlyWarningAI)), ai, "below", RATES.earlyWarningAI.citation, "17a-11(b)(1)"));
      const limit = result.profile.firstYear ? RATES.aiLimitFirstYear : RATES.aiLimit;
      m.thresholds.push(threshold(`${ratePct(limit)} of net capital (limit)`, nc.times(rateOf(limit)), ai, "below", limit.citation));
    } else m.note = `cannot evaluate: ${!ai ? "aggregate indebtedness (3840)" : "net capital (3750)"} is not given and nothing reported implies it`;
    out.push(m);
  }
  if (result.profile.models) {
    out.push({
      id: "tentative-net-capital",
      title: "Tentative net capital (a firm using models)",
      value: figure(s.tentativeNetCapital)?.toFixed(0) ?? null,
      valueLabel: "Tentative net capital (3640)",
      basis: basisOf(s.tentativeNetCapital),
      keep: "above",
      thresholds: [],
      note: "the tentative net capital levels of 15c3-1(a)(7) and 17a-11(a)(2) are not computed here: compare them by hand",
    });
  }
  return out;
}

/**
 * The notices the measures call for, in the rule's order, each with a draft naming the firm, the
 * period and the figures (for (b)(3): net capital, the minimum and the 120 % level).
 */
export function noticesFor(measures: readonly Measure[], firm: string, periodEnd: string | null): Notice[] {
  const when = periodEnd ? `as of ${periodEnd}` : "as of the date of this computation";
  const out: Notice[] = [];
  const by = new Map<string, { m: Measure; t: Threshold }>();
  for (const m of measures) for (const t of m.thresholds) if (t.breached && t.notice) by.set(t.notice, { m, t });
  const value = (m: Measure) => money(new D(m.value ?? "0"));
  const amount = (t: Threshold) => money(new D(t.amount));
  const nc = measures.find((m) => m.id === "net-capital");
  const req = nc?.thresholds[0];
  for (const p of ["17a-11(a)(1)", "17a-11(b)(1)", "17a-11(b)(2)", "17a-11(b)(3)"] as const) {
    const hit = by.get(p);
    if (!hit) continue;
    const rule = NOTICE_RULES[p];
    const { m, t } = hit;
    let body: string;
    switch (p) {
      case "17a-11(a)(1)":
        body = `${firm} gives notice under Rule 17a-11(a)(1) that its net capital ${when} was $${value(m)}, below its minimum net capital requirement of $${amount(t)} under Rule 15c3-1, a deficiency of $${money(new D(t.margin).abs())}.`;
        break;
      case "17a-11(b)(3)":
        body = `${firm} gives notice under Rule 17a-11(b)(3) that its net capital ${when} was $${value(m)}, less than 120 percent of its required minimum net capital of $${req ? amount(req) : "—"} (120 percent: $${amount(t)}), short of that level by $${money(new D(t.margin).abs())}.`;
        break;
      case "17a-11(b)(2)":
        body = `${firm} gives notice under Rule 17a-11(b)(2) that its net capital ${when} was $${value(m)}, less than 5 percent of its aggregate debit items ($${amount(t)}), short of that level by $${money(new D(t.margin).abs())}.`;
        break;
      case "17a-11(b)(1)":
        body = `${firm} gives notice under Rule 17a-11(b)(1) that its aggregate indebtedness ${when} was $${value(m)}, in excess of 1,200 percent of its net capital ($${amount(t)}) by $${money(new D(t.margin).abs())}.`;
        break;
    }
    out.push({ ...rule, draft: `${body} The notice is due ${rule.due} (Rule 17a-11${p === "17a-11(a)(1)" ? "(a)(1)" : "(b)"}) and goes to the Commission and the firm's designated examining authority as paragraph (h) provides. [Prepared by, title, telephone.]` });
  }
  return out;
}

/** The smallest margin over every measure (its measure and level), or null when none can be evaluated. */
export function smallestMargin(measures: readonly Measure[]): { measure: Measure; threshold: Threshold } | null {
  let best: { measure: Measure; threshold: Threshold } | null = null;
  for (const m of measures) {
    for (const t of m.thresholds) {
      const pct = t.marginPct === null ? null : new D(t.marginPct);
      const bestPct = best?.threshold.marginPct == null ? null : new D(best.threshold.marginPct);
      if (!best || (pct && (!bestPct || pct.lt(bestPct)))) best = { measure: m, threshold: t };
    }
  }
  return best;
}
