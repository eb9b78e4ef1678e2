/**
 * How often the reserve formula must be computed (Rule 15c3-3(e)(3)), checked against the
 * frequency the check is told (weekly by default, --frequency):
 * - monthly is open only to "a broker or dealer which has aggregate indebtedness not exceeding
 *   800% of net capital" and customer funds "not exceeding $1,000,000" ((e)(3)(i)(C)): never to an
 *   alternative-standard firm, which computes no aggregate indebtedness, and not above 800%
 *   ((e)(3)(ii) then requires weekly computations);
 * - average total credits of the 12 most recently filed month-end reports at or above $500 million
 *   require daily computation ((e)(3)(i)(B)(1)), which a folder of month-end reports can tell.
 * Every number is data here, each with the words of the rule that state it (test/regulatory-quotes).
 */
import { D, Decimal } from "../report/decimal";
import type { Engine } from "../evaluator/evaluate";
import type { Finding } from "../evaluator/findings";
import { applyRate, quotedCount, quotedDollars, quotedRate } from "../net-capital/regulation";

/** The thresholds of 15c3-3(e)(3), each quoted from the rule. */
export const RESERVE_FREQUENCY = {
  monthlyAggregateIndebtedness: quotedRate(
    "reserveMonthlyAggregateIndebtedness",
    "800%",
    "800",
    "100",
    "15c3-3(e)(3)(i)(C)",
  ),
  monthlyCustomerFunds: quotedDollars(
    "reserveMonthlyCustomerFunds",
    "1000000",
    "15c3-3(e)(3)(i)(C)",
  ),
  dailyAverageTotalCredits: quotedDollars(
    "reserveDailyAverageTotalCredits",
    "500000000",
    "15c3-3(e)(3)(i)(B)(1)",
  ),
  averagedReports: quotedCount("reserveAveragedReports", "12", "most recently filed month-end Forms X-17A-5", "15c3-3(e)(3)(i)(B)(1)"),
} as const;

const F = RESERVE_FREQUENCY;

function finding(rule: string, title: string, severity: Finding["severity"], status: Finding["status"], citation: string, message: string, items: string[], extra: Partial<Finding> = {}): Finding {
  return { rule, title, severity, status, section: "reserve-formula", category: "reserve-formula", formula: "", items, expected: null, actual: null, difference: null, citation, message, where: [], implied: [], missing: [], invalid: [], unconfirmed: [], ...extra };
}

const money = (d: Decimal) => d.toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * P2-RES-FREQ-MONTHLY, for a report with a reserve page checked as computed monthly: an error when
 * the firm is on the alternative standard, or when aggregate indebtedness (3850, else 3840 / 3750)
 * exceeds 800% of net capital; cannot evaluate when the ratio is unknown; a pass that names the
 * $1,000,000 customer-funds condition the form cannot show. Nothing for another frequency.
 */
export function reserveFrequencyFindings(engine: Engine): Finding[] {
  const p = engine.profile;
  if (engine.report.form !== "part-ii" || !p.reservePage || p.frequency !== "monthly") return [];
  const rule = "P2-RES-FREQ-MONTHLY";
  const title = "A monthly reserve computation is allowed only at aggregate indebtedness not above 800% of net capital";
  const citation = `${F.monthlyAggregateIndebtedness.citation}; 15c3-3(e)(3)(ii)`;
  const limit = applyRate(F.monthlyAggregateIndebtedness, new D(100));
  if (p.standard === "alternative") {
    return [
      finding(rule, title, "error", "fail", citation, `The reserve formula is computed monthly, but the firm is on the alternative standard (15c3-1(a)(1)(ii)) and computes no aggregate indebtedness, so it cannot show aggregate indebtedness "not exceeding 800% of net capital" (15c3-3(e)(3)(i)(C)): compute weekly (15c3-3(e)(3)(i)(A)), or daily.`, ["4500"]),
    ];
  }
  let ratio = engine.amount("3850") ?? null;
  const ai = engine.amount("3840");
  const nc = engine.amount("3750");
  if (ratio === null && ai !== undefined && nc !== undefined && nc.gt(0)) ratio = ai.div(nc).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP);
  if (ratio === null) {
    return [finding(rule, title, "error", "cannot-evaluate", citation, "Cannot evaluate: the reserve formula is computed monthly, which needs aggregate indebtedness not above 800% of net capital (15c3-3(e)(3)(i)(C)); 3850 is blank and 3840 and 3750 do not give it.", ["3850", "3840", "3750"], { missing: ["3850"] })];
  }
  const shown = `${ratio.toFixed(2)}%`;
  if (ratio.gt(limit)) {
    return [
      finding(rule, title, "error", "fail", citation, `The reserve formula is computed monthly, but aggregate indebtedness is ${shown} of net capital, above the 800% that 15c3-3(e)(3)(i)(C) allows for it: the firm "must thereafter compute weekly ... until four successive weekly ... computations are made" at no more than 800% (15c3-3(e)(3)(ii)).`, ["3850"], {
        expected: `<= ${limit.toFixed(0)}`,
        actual: ratio.toFixed(2),
        difference: ratio.minus(limit).toFixed(2),
      }),
    ];
  }
  return [
    finding(rule, title, "error", "pass", citation, `Aggregate indebtedness is ${shown} of net capital, not above 800%. Monthly computation also needs aggregate customer funds of not more than $${money(F.monthlyCustomerFunds.amount)} at the last computation (15c3-3(e)(3)(i)(C)), which the form does not show: confirm it.`, ["3850"], {
      expected: `<= ${limit.toFixed(0)}`,
      actual: ratio.toFixed(2),
    }),
  ];
}

/** One month-end report for the average: its period end (YYYY-MM-DD), where it was read, and its total credits (customer 4430 plus the PAB computation's, dollars), or null when it gives none. */
export interface MonthEndCredits {
  periodEnd: string;
  source: string;
  totalCredits: Decimal | null;
}

/** Which frequency applies, from the average of the latest month-end reports (`assessFrequency`). */
export interface FrequencyAssessment {
  /** The reports averaged, newest first (at most 12). */
  used: MonthEndCredits[];
  /** Their average total credits, dollars (null when fewer than 12 month-end reports give total credits). */
  average: Decimal | null;
  /** "daily" when the average is at or above $500 million; "weekly" below it; null when it cannot be told. */
  applies: "daily" | "weekly" | null;
  finding: Finding;
}

function lastDayOfMonth(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/**
 * P2-RES-FREQ-DAILY: the average total credits of the 12 most recently filed month-end reports
 * (15c3-3(e)(3)(i)(B)(1): "the arithmetic mean of the sum of Total Credits in the Customer Reserve
 * Bank Account computation and the PAB Reserve Bank Account computation"), against $500 million,
 * and against the frequency the reports are checked as. Reports whose period does not end on a
 * month's last day are not month-end reports and are left out. A warning when daily applies and
 * the check is not daily (the rule allows six months to comply, which a check cannot time); cannot
 * evaluate with fewer than 12.
 */
export function assessFrequency(reports: readonly MonthEndCredits[], frequency: "weekly" | "monthly" | "daily"): FrequencyAssessment {
  const n = Number(F.averagedReports.count.toFixed());
  const monthEnds = reports.filter((r) => lastDayOfMonth(r.periodEnd) && r.totalCredits !== null).sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : a.periodEnd > b.periodEnd ? -1 : 0));
  const used = monthEnds.slice(0, n);
  const rule = "P2-RES-FREQ-DAILY";
  const title = "Average total credits of the 12 latest month-end reports at or above $500 million require a daily computation";
  const citation = F.dailyAverageTotalCredits.citation;
  const threshold = F.dailyAverageTotalCredits.amount;
  if (used.length < n) {
    return {
      used,
      average: null,
      applies: null,
      finding: finding(rule, title, "warning", "cannot-evaluate", citation, `Cannot tell which frequency applies: the average is over "the 12 most recently filed month-end Forms X-17A-5" (15c3-3(e)(3)(i)(B)(1)), and ${used.length} month-end report${used.length === 1 ? "" : "s"} with total credits (4430) ${used.length === 1 ? "was" : "were"} given.`, ["4430"]),
    };
  }
  const average = used.reduce((s, r) => s.plus(r.totalCredits!), new D(0)).div(n);
  const span = `${used[used.length - 1].periodEnd} to ${used[0].periodEnd}`;
  const daily = average.gte(threshold);
  const shown = `$${money(average.toDecimalPlaces(0, D.ROUND_HALF_UP))}`;
  const applies = daily ? "daily" : "weekly";
  const message = daily
    ? `Average total credits of the 12 month-end reports ${span} are ${shown}, at or above $500 million: the computation must be daily, "as of the close of the previous business day" (15c3-3(e)(3)(i)(B)(1)), no later than six months after the average reached it${frequency === "daily" ? "; the reports are checked as daily." : `; the reports are checked as ${frequency}.`}`
    : `Average total credits of the 12 month-end reports ${span} are ${shown}, below $500 million: weekly computation applies (15c3-3(e)(3)(i)(A))${frequency === "monthly" ? ", or monthly where 15c3-3(e)(3)(i)(C) allows it" : ""}; daily is the firm's election (15c3-3(e)(3)(v)).`;
  const status: Finding["status"] = daily && frequency !== "daily" ? "fail" : "pass";
  return {
    used,
    average,
    applies,
    finding: finding(rule, title, "warning", status, citation, message, ["4430"], { expected: `${daily ? "daily" : "weekly"}`, actual: frequency, where: used.map((r) => r.source) }),
  };
}
