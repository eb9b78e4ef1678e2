/**
 * Every regulatory number the engine uses, once, as data, with the exact words of the rule that
 * state it. Rules and functions refer to these by name; nothing else in the engine writes a
 * percentage or a dollar threshold.
 *
 * Citations use today's paragraph numbers of 17 CFR 240.15c3-1 ("15c3-1"), 240.15c3-3
 * ("15c3-3"), 240.15c3-3a (Exhibit A, "15c3-3a") and 240.17a-11 ("17a-11", numbered as in force
 * since the 2019 amendments: the deficiency notice is (a)(1), the early warnings (b)(1)-(b)(5)).
 *
 * A number is *verified* when it carries a `Quote`: words that stand, whitespace aside, in the
 * official eCFR text (as of 2026-10-01) kept in reference/cfr/, and that state this number.
 * test/regulatory-quotes.test.ts finds every quote there and reads the number back out of it. A
 * number the text does not state stays unverified, says why, and is marked so wherever it is shown.
 *
 * The words themselves are in a side table, rule-words.ts, under the number's id: the figures here
 * carry the paragraph (`QuoteRef`), and the register (regulatory-numbers.ts) joins the two. The
 * custom functions' script, loaded with the task pane, then carries the numbers without 6 KB of
 * words only the tests, the CLI and the documentation read (#25).
 */
import { D, Decimal } from "../report/decimal";

/**
 * The words of a rule that state a number.
 * - `paragraph`: the CFR paragraph, e.g. "15c3-1(c)(2)(vi)(F)(1)" or "15c3-3a Note E(3)"; its
 *   rule ("15c3-1", "15c3-3", "15c3-3a", "17a-11") names the file the words are found in.
 * - `words`: the rule's words exactly (whitespace aside), holding the number once: one percentage
 *   ("1 1/2 percent", "1/2 of 1%", "1,200 percent") for a rate, one dollar amount ("$250,000")
 *   for a dollar figure, one count for a count ("500 shares").
 * - `reads`: how the quoted number gives the value: as it stands (default), or "reciprocal" for a
 *   rate that is 100 % divided by the quoted percentage (A.I. at most 1500 percent of net capital
 *   is a minimum of 1/15 of A.I.).
 */
export interface Quote {
  paragraph: string;
  words: string;
  reads?: "reciprocal";
}

/** Where a figure's quote is: its paragraph and how it reads; the words are RULE_WORDS[figure id] (rule-words.ts). */
export type QuoteRef = Omit<Quote, "words">;

/** Where quoted words are read. */
export const CFR_SOURCE = "eCFR text as of 2026-10-01 (reference/cfr/)";

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
  /** True when `quote` gives words of a stored rule text that state the figure. */
  verified: boolean;
  /** Where it was confirmed, or why it is not. */
  source: string;
  /** Where the rule's words are (verified figures only); the words are RULE_WORDS[id]. */
  quote?: QuoteRef;
}

/** A dollar figure of a rule (a minimum, a floor, a threshold), in whole dollars. */
export interface DollarFigure {
  id: string;
  amount: Decimal;
  citation: string;
  verified: boolean;
  source: string;
  /** Where the rule's words are (verified figures only); the words are RULE_WORDS[id]. */
  quote?: QuoteRef;
}

/** A count of a rule (shares, business days), with the unit the words use. */
export interface CountFigure {
  id: string;
  count: Decimal;
  /** The word after the number in the quote: "shares", "business days". */
  unit: string;
  citation: string;
  verified: boolean;
  source: string;
  /** Where the rule's words are (verified figures only); the words are RULE_WORDS[id]. */
  quote?: QuoteRef;
}

/**
 * A rate the rule text states: `num`/`den` exactly; the citation is the quote's paragraph. Its words
 * are RULE_WORDS[id]; the test reads the percentage there and compares it with num/den (or, when
 * `reads` is "reciprocal", with 100 % divided by it).
 */
export function quotedRate(id: string, text: string, num: string, den: string, paragraph: string, reads?: "reciprocal"): Rate {
  return {
    id,
    text,
    numerator: new D(num),
    denominator: new D(den),
    citation: paragraph,
    verified: true,
    source: CFR_SOURCE,
    quote: reads ? { paragraph, reads } : { paragraph },
  };
}

/** A rate no stored rule text states: `why` says where it comes from. */
export function unverifiedRate(id: string, text: string, num: string, den: string, citation: string, why: string): Rate {
  return { id, text, numerator: new D(num), denominator: new D(den), citation, verified: false, source: why };
}

/** A dollar figure the rule text states (its words: RULE_WORDS[id]). */
export function quotedDollars(id: string, amount: string, paragraph: string): DollarFigure {
  return { id, amount: new D(amount), citation: paragraph, verified: true, source: CFR_SOURCE, quote: { paragraph } };
}

/** A count the rule text states ("500 shares"; its words: RULE_WORDS[id]). */
export function quotedCount(id: string, count: string, unit: string, paragraph: string): CountFigure {
  return { id, count: new D(count), unit, citation: paragraph, verified: true, source: CFR_SOURCE, quote: { paragraph } };
}

/** rate × amount, exact up to the 40-digit working precision (one division, done last). */
export function applyRate(r: Rate, amount: Decimal): Decimal {
  return amount.times(r.numerator).div(r.denominator);
}

/** The rate as a decimal fraction (0.02 for 2 %). */
export function rateValue(r: Rate): Decimal {
  return r.numerator.div(r.denominator);
}

const A1I = "15c3-1(a)(1)(i)";

/** Rates of the minimum-requirement page and the early-warning levels. */
export const RATES = {
  /** Aggregate indebtedness may not exceed 1500 % of net capital, so the minimum is A.I. / 15. */
  aiMinimum: quotedRate("aiMinimum", "6-2/3%", "1", "15", A1I, "reciprocal"),
  /** First 12 months of business: 800 %, so the minimum is A.I. / 8. */
  aiMinimumFirstYear: quotedRate("aiMinimumFirstYear", "12-1/2%", "1", "8", A1I, "reciprocal"),
  /** Alternative standard: 2 % of aggregate debit items (beside the $250,000 floor). */
  alternativeMinimum: quotedRate("alternativeMinimum", "2%", "2", "100", "15c3-1(a)(1)(ii)"),
  /** Early warning: net capital below 120 % of the required minimum. */
  earlyWarningMinimum: quotedRate(
    "earlyWarningMinimum",
    "120%",
    "120",
    "100",
    "17a-11(b)(3)",
  ),
  /** Early warning: net capital below 5 % of aggregate debit items (alternative standard). */
  earlyWarningDebits: quotedRate("earlyWarningDebits", "5%", "5", "100", "17a-11(b)(2)"),
  /** Early warning: aggregate indebtedness above 1,200 % of net capital. */
  earlyWarningAI: quotedRate("earlyWarningAI", "1200%", "1200", "100", "17a-11(b)(1)"),
  /** Aggregate indebtedness limit: 1500 % of net capital. */
  aiLimit: quotedRate("aiLimit", "1500%", "1500", "100", A1I),
  /** First 12 months of business: aggregate indebtedness at most 800 % of net capital. */
  aiLimitFirstYear: quotedRate("aiLimitFirstYear", "800%", "800", "100", A1I),
  /**
   * The form's "excess net capital at 1000%" (Part IIA line 15, pre-2021 Part II item 3780): net
   * capital less 10 % of aggregate indebtedness, the level of 15c3-1(e)(2)(v)'s 1000 percent.
   */
  aiExcess1000: quotedRate(
    "aiExcess1000",
    "10%",
    "10",
    "100",
    "15c3-1(e)(2)(v)",
    "reciprocal",
  ),
  /** Debt-equity: subordinated debt at most 70 % of the debt-equity total (for more than 90 days). */
  debtEquityLimit: quotedRate("debtEquityLimit", "70%", "70", "100", "15c3-1(d)"),
} as const;

/** Tolerances of the validator, in the form's units (not regulatory numbers: how the form rounds). */
export const TOLERANCES = {
  /** Lines the form derives by a percentage are rounded to whole dollars: allow $1. */
  percentageDerivedDollars: new D(1),
  /** Ratio lines print two decimals: allow one unit of the last place (0.01). */
  ratioPercent: new D("0.01"),
  /** Everything else is a sum of whole dollars: exact. */
  exact: new D(0),
} as const;
