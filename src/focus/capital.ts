/**
 * Rule 15c3-1 and 15c3-3 computations behind the FOCUS minimum-requirement page: the minimum net
 * capital requirement, the dollar minimums, excess net capital, the early-warning margins, the
 * ratios and the customer reserve requirement. Exact decimals; results are rounded where the form
 * rounds (whole dollars; percentages to two decimals), and each function says so.
 */
import { roundToScale } from "./amount";
import { D, Decimal } from "./decimal";
import { DomainError } from "./errors";
import { applyRate, RATES, type Rate } from "./regulation";

/** A dollar minimum of 15c3-1(a)(2), with its paragraph and how sure we are of it. */
export interface DollarMinimum {
  /** The firm-type code users type. */
  code: string;
  title: string;
  amount: Decimal;
  citation: string;
  verified: boolean;
  source: string;
}

const NTM_92_72 = "FINRA Notice to Members 92-72 (summary of SEC Release 34-31511 adopting the (a)(2) minimums)";

/** The fixed-dollar minimums of 15c3-1(a)(2), by kind of firm. */
export const DOLLAR_MINIMUMS: readonly DollarMinimum[] = [
  {
    code: "CARRYING",
    title: "Carries customer or broker-dealer accounts and receives or holds their funds or securities",
    amount: new D(250000),
    citation: "15c3-1(a)(2)(i)",
    verified: true,
    source: `${NTM_92_72}; the $250,000 also appears in the rule text of (a)(1)(ii) (rule-15c3-1.txt [A])`,
  },
  {
    code: "CARRYING-K2I",
    title: "Carries customer accounts but does not hold their funds or securities (exempt under 15c3-3(k)(2)(i))",
    amount: new D(100000),
    citation: "15c3-1(a)(2)(ii)",
    verified: true,
    source: NTM_92_72,
  },
  {
    code: "DEALER",
    title: "Dealer (including a firm effecting more than ten transactions a year for its own investment account)",
    amount: new D(100000),
    citation: "15c3-1(a)(2)(iii)",
    verified: false,
    source: "secondary: exam-prep summaries of 15c3-1(a)(2)(iii); unverified",
  },
  {
    code: "INTRODUCING-RECEIVES",
    title: "Introduces accounts on a fully disclosed basis and receives, but does not hold, customer securities",
    amount: new D(50000),
    citation: "15c3-1(a)(2)(iv)",
    verified: true,
    source: NTM_92_72,
  },
  {
    code: "MUTUAL-FUND",
    title: "Sells redeemable shares of registered investment companies (and certain other share accounts) and takes wire orders",
    amount: new D(25000),
    citation: "15c3-1(a)(2)(v)",
    verified: false,
    source: "secondary: exam-prep summaries of 15c3-1(a)(2)(v); unverified",
  },
  {
    code: "OTHER",
    title: "Other brokers or dealers (no customer funds or securities received or held)",
    amount: new D(5000),
    citation: "15c3-1(a)(2)(vi)",
    verified: true,
    source: NTM_92_72,
  },
];

/** The dollar minimum of a firm type (case-insensitive); throws DomainError unknown-choice listing the valid codes. */
export function dollarMinimum(firmType: string): DollarMinimum {
  const m = DOLLAR_MINIMUMS.find((x) => x.code === firmType.trim().toUpperCase());
  if (!m) {
    throw new DomainError("unknown-choice", `firm type "${firmType}" is not known; use one of ${DOLLAR_MINIMUMS.map((x) => x.code).join(", ")}.`);
  }
  return m;
}

/** The ratio standard: aggregate indebtedness ("basic") or alternative (aggregate debit items). */
export type RatioStandard = "basic" | "alternative";

/** Read a ratio-standard argument (case-insensitive); throws DomainError unknown-choice. */
export function ratioStandard(method: string): RatioStandard {
  const m = method.trim().toLowerCase();
  if (m === "basic" || m === "alternative") return m;
  throw new DomainError("unknown-choice", `method "${method}" is not a ratio standard; use "basic" (6-2/3% of aggregate indebtedness) or "alternative" (2% of aggregate debit items).`);
}

function nonNegative(name: string, v: Decimal): void {
  if (v.isNegative()) throw new DomainError("invalid-argument", `${name} ${v.toString()} is negative.`);
}

/**
 * The minimum net capital requirement: the ratio requirement (basic: 6-2/3 % of aggregate
 * indebtedness, 15c3-1(a)(1)(i); alternative: 2 % of aggregate debit items, (a)(1)(ii)), rounded
 * to whole dollars as the form rounds lines 5A/5B; then the greater of that and the fixed-dollar
 * minimum; plus the reverse repurchase add-on of 15c3-1(a)(9) when given. Dollars in, whole dollars
 * out. Throws DomainError for a negative base, minimum or add-on, or an unknown method.
 *
 * Note: the 2021+ Part II adds the (a)(9) amount (line 5D, 12059) into the ratio requirement before
 * taking the greater with the fixed minimum; the two agree whenever the ratio requirement exceeds
 * the fixed minimum.
 */
export function minimumNetCapital(method: RatioStandard, base: Decimal, fixedMinimum: Decimal, reverseRepoAddOn: Decimal | null = null): Decimal {
  nonNegative("the base (aggregate indebtedness or aggregate debit items)", base);
  nonNegative("the fixed-dollar minimum", fixedMinimum);
  if (reverseRepoAddOn) nonNegative("the reverse repurchase add-on", reverseRepoAddOn);
  const rate: Rate = method === "basic" ? RATES.aiMinimum : RATES.alternativeMinimum;
  const ratio = roundToScale(applyRate(rate, base), "dollars");
  return D.max(ratio, fixedMinimum).plus(reverseRepoAddOn ?? 0);
}

/** Excess net capital: net capital less the requirement (negative: a deficiency). Whole dollars. */
export function excessNetCapital(netCapital: Decimal, requirement: Decimal): Decimal {
  return roundToScale(netCapital.minus(requirement), "dollars");
}

/** One early-warning level and the distance of net capital from it. */
export interface EarlyWarningMargin {
  /** "120% of minimum", "5% of aggregate debit items", "A.I. at 1,200% of net capital". */
  level: string;
  citation: string;
  /** Dollars of net capital above the level (negative: below it), rounded to whole dollars. */
  margin: Decimal;
}

/**
 * The Rule 17a-11(c) early-warning margins of net capital, in whole dollars (negative when a level
 * is breached): net capital − 120 % of the minimum requirement ((c)(3)); net capital − 5 % of
 * aggregate debit items ((c)(2), when debits are given); net capital − aggregate indebtedness /
 * 12, the net capital at which A.I. is 1,200 % of it ((c)(1), when A.I. is given). Returns every
 * applicable margin; the tightest is the smallest. Throws DomainError for a negative requirement,
 * debits or A.I.
 */
export function earlyWarningMargins(netCapital: Decimal, requirement: Decimal, aggregateDebits: Decimal | null = null, aggregateIndebtedness: Decimal | null = null): EarlyWarningMargin[] {
  nonNegative("the minimum requirement", requirement);
  const out: EarlyWarningMargin[] = [
    {
      level: `${RATES.earlyWarningMinimum.text} of the minimum requirement`,
      citation: RATES.earlyWarningMinimum.citation,
      margin: roundToScale(netCapital.minus(applyRate(RATES.earlyWarningMinimum, requirement)), "dollars"),
    },
  ];
  if (aggregateDebits !== null) {
    nonNegative("aggregate debit items", aggregateDebits);
    out.push({
      level: `${RATES.earlyWarningDebits.text} of aggregate debit items`,
      citation: RATES.earlyWarningDebits.citation,
      margin: roundToScale(netCapital.minus(applyRate(RATES.earlyWarningDebits, aggregateDebits)), "dollars"),
    });
  }
  if (aggregateIndebtedness !== null) {
    nonNegative("aggregate indebtedness", aggregateIndebtedness);
    const needed = aggregateIndebtedness.times(RATES.earlyWarningAI.denominator).div(RATES.earlyWarningAI.numerator);
    out.push({
      level: `aggregate indebtedness at ${RATES.earlyWarningAI.text} of net capital`,
      citation: RATES.earlyWarningAI.citation,
      margin: roundToScale(netCapital.minus(needed), "dollars"),
    });
  }
  return out;
}

/** a / b × 100, rounded half-up to two decimals as the form prints ratio lines; throws DomainError division-by-zero when b is zero. */
export function percentage(a: Decimal, b: Decimal, what: string): Decimal {
  if (b.isZero()) throw new DomainError("division-by-zero", `${what}: the denominator is zero.`);
  return roundToScale(a.div(b).times(100), "percent");
}

/**
 * 15c3-1(d) debt-equity ratio: subordinated debt / (subordinated debt + equity) × 100, two
 * decimals (form item 3860). Throws DomainError for negative subordinated debt, or a zero total.
 */
export function debtEquityRatio(subordinatedDebt: Decimal, equity: Decimal): Decimal {
  nonNegative("subordinated debt", subordinatedDebt);
  return percentage(subordinatedDebt, subordinatedDebt.plus(equity), "debt-equity total");
}

/** Exhibit A's reduction of aggregate debit items, by ratio standard. */
export const RESERVE_DEBIT_REDUCTION: Record<RatioStandard, Rate> = {
  alternative: {
    id: "reserveDebitReductionAlternative",
    text: "3%",
    numerator: new D(3),
    denominator: new D(100),
    citation: "15c3-3a Note E(3)",
    verified: false,
    source: "not in the stored fragments of Exhibit A (rule-15c3-3-exhibit-a.txt says the Note E reduction was not retrieved); FOCUS Part II item 4471 'Less 3% ... (alternative-method firms only)' in the draft catalogue; unverified",
  },
  basic: {
    id: "reserveDebitReductionBasic",
    text: "1%",
    numerator: new D(1),
    denominator: new D(100),
    citation: "15c3-3a Note E(3)",
    verified: false,
    source: "not in the stored fragments of Exhibit A; draft relations section 6 ([M]); unverified",
  },
};

/**
 * The customer reserve requirement of Rule 15c3-3, Exhibit A: total credits less total debits, the
 * debits first reduced by 3 % (firms on the alternative standard) or 1 % (basic standard), Note
 * E(3); zero when debits exceed credits. Weekly computation (the monthly 105 % is not applied).
 * Whole dollars. Throws DomainError for negative credits or debits.
 */
export function reserveRequirement(totalCredits: Decimal, totalDebits: Decimal, standard: RatioStandard = "alternative"): Decimal {
  nonNegative("total credits", totalCredits);
  nonNegative("total debits", totalDebits);
  const reduced = totalDebits.minus(applyRate(RESERVE_DEBIT_REDUCTION[standard], totalDebits));
  return roundToScale(D.max(new D(0), totalCredits.minus(reduced)), "dollars");
}
