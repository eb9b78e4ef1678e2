/**
 * Every regulatory number the engine uses, once, as data, with its citation and whether a source
 * here confirms it. Rules and functions refer to these by name; nothing else in the engine writes
 * a percentage or a dollar threshold.
 *
 * Citations: 17 CFR 240.15c3-1 ("15c3-1"), 240.15c3-3a (Exhibit A), 240.17a-11 ("17a-11").
 * "verified" means the figure is read in a rule text stored in shared/reference (see `source`);
 * unverified figures are marked so wherever they are shown.
 */
import { D, Decimal } from "./decimal";

/** An exact rate, kept as a fraction so that 6-2/3 % stays exact. */
export interface Rate {
  /** Stable key. */
  id: string;
  /** How the rule writes it: "6-2/3%". */
  text: string;
  numerator: Decimal;
  denominator: Decimal;
  /** CFR paragraph, e.g. "15c3-1(a)(1)(ii)". */
  citation: string;
  /** True when a stored rule text confirms the figure. */
  verified: boolean;
  /** Where it was confirmed, or why it is not. */
  source: string;
}

function rate(id: string, text: string, num: string, den: string, citation: string, verified: boolean, source: string): Rate {
  return { id, text, numerator: new D(num), denominator: new D(den), citation, verified, source };
}

/** rate × amount, exact up to the 40-digit working precision (one division, done last). */
export function applyRate(r: Rate, amount: Decimal): Decimal {
  return amount.times(r.numerator).div(r.denominator);
}

/** The rate as a decimal fraction (0.02 for 2 %). */
export function rateValue(r: Rate): Decimal {
  return r.numerator.div(r.denominator);
}

const RULE_15C3_1_A = "rule-15c3-1.txt [A] (eCFR opening of 15c3-1)";
const RULE_17A_11 = "rule-17a-11.txt [A] (SEC notice, Federal Register 2002-04-02, restating 17a-11)";

/** Rates of the minimum-requirement page and the early-warning levels. */
export const RATES = {
  /** Aggregate indebtedness may not exceed 1500 % of net capital, so the minimum is A.I. / 15. */
  aiMinimum: rate("aiMinimum", "6-2/3%", "1", "15", "15c3-1(a)(1)(i)", true, `${RULE_15C3_1_A}: "exceed 1500 percent of its net capital"`),
  /** First 12 months of business: 800 %, so the minimum is A.I. / 8. */
  aiMinimumFirstYear: rate("aiMinimumFirstYear", "12-1/2%", "1", "8", "15c3-1(a)(1)(i)", true, `${RULE_15C3_1_A}: "800 percent ... for 12 months after commencing business"`),
  /** Alternative standard: 2 % of aggregate debit items. */
  alternativeMinimum: rate("alternativeMinimum", "2%", "2", "100", "15c3-1(a)(1)(ii)", true, `${RULE_15C3_1_A}: "2 percent of aggregate debit items"`),
  /** Early warning: net capital below 120 % of the required minimum. */
  earlyWarningMinimum: rate("earlyWarningMinimum", "120%", "120", "100", "17a-11(c)(3)", true, `${RULE_17A_11}: "less than 120 percent of its required minimum"`),
  /** Early warning: net capital below 5 % of aggregate debit items (alternative standard). */
  earlyWarningDebits: rate("earlyWarningDebits", "5%", "5", "100", "17a-11(c)(2)", true, `${RULE_17A_11}: "less than 5 percent of aggregate debit items"`),
  /** Early warning: aggregate indebtedness above 1,200 % of net capital. */
  earlyWarningAI: rate("earlyWarningAI", "1200%", "1200", "100", "17a-11(c)(1)", true, `${RULE_17A_11}: "in excess of 1,200 percent of its net capital"`),
  /** Aggregate indebtedness limit: 1500 % of net capital. */
  aiLimit: rate("aiLimit", "1500%", "1500", "100", "15c3-1(a)(1)(i)", true, `${RULE_15C3_1_A}: "1500 percent of its net capital"`),
  /** First 12 months of business: aggregate indebtedness at most 800 % of net capital. */
  aiLimitFirstYear: rate("aiLimitFirstYear", "800%", "800", "100", "15c3-1(a)(1)(i)", true, `${RULE_15C3_1_A}: "800 percent of its net capital for 12 months after commencing business"`),
  /** The form's "excess net capital at 1000%": net capital less 10 % of aggregate indebtedness. */
  aiExcess1000: rate(
    "aiExcess1000",
    "10%",
    "10",
    "100",
    "15c3-1(e) (FOCUS Part IIA line 15 and pre-2021 Part II line 15, item 3780: excess net capital at 1000%)",
    true,
    'pre-2021 Part II page 8 (focus-part-ii-pre2021-form-excerpts.txt [B]): "Excess net capital at 1000% (line 10 less 10% of line 19)"',
  ),
  /** Debt-equity: subordinated debt at most 70 % of the debt-equity total (for more than 90 days). */
  debtEquityLimit: rate("debtEquityLimit", "70%", "70", "100", "15c3-1(d)", false, "not in the stored rule fragments; from the draft relations (section 11)"),
} as const;

/** Tolerances of the validator, in the form's units. */
export const TOLERANCES = {
  /** Lines the form derives by a percentage are rounded to whole dollars: allow $1. */
  percentageDerivedDollars: new D(1),
  /** Ratio lines print two decimals: allow one unit of the last place (0.01). */
  ratioPercent: new D("0.01"),
  /** Everything else is a sum of whole dollars: exact. */
  exact: new D(0),
} as const;
