/**
 * Rule 15c3-1 and 15c3-3 computations behind the FOCUS minimum-requirement page: the minimum net
 * capital requirement, the dollar minimums, excess net capital, the early-warning margins, the
 * ratios and the customer reserve requirement. Exact decimals; results are rounded where the form
 * rounds (whole dollars; percentages to two decimals), and each function says so.
 */
import { roundToScale } from "../report/amount";
import { D, Decimal } from "../report/decimal";
import { DomainError } from "../report/errors";
import { applyRate, quotedDollars, quotedRate, RATES, type QuoteRef, type Rate } from "./regulation";

/** A dollar minimum of 15c3-1(a)(2) (or (a)(8)), with the rule's words for it. */
export interface DollarMinimum {
  /** The firm-type code users type. */
  code: string;
  title: string;
  amount: Decimal;
  citation: string;
  verified: boolean;
  source: string;
  quote?: QuoteRef;
}

function minimum(code: string, title: string, amount: string, paragraph: string): DollarMinimum {
  const f = quotedDollars(`dollarMinimum:${code}`, amount, paragraph);
  return { code, title, amount: f.amount, citation: f.citation, verified: f.verified, source: f.source, quote: f.quote };
}

/** The fixed-dollar minimums of 15c3-1(a)(2), by kind of firm, and the (a)(8) municipal brokers' broker. */
export const DOLLAR_MINIMUMS: readonly DollarMinimum[] = [
  minimum(
    "CARRYING",
    "Carries customer or broker-dealer accounts and receives or holds their funds or securities",
    "250000",
    "15c3-1(a)(2)(i)",
  ),
  minimum(
    "CARRYING-K2I",
    "Carries customer accounts but does not hold their funds or securities (exempt under 15c3-3(k)(2)(i))",
    "100000",
    "15c3-1(a)(2)(ii)",
  ),
  minimum(
    "DEALER",
    "Dealer (including a firm effecting more than ten transactions a year for its own investment account)",
    "100000",
    "15c3-1(a)(2)(iii)",
  ),
  minimum(
    "INTRODUCING-RECEIVES",
    "Introduces accounts on a fully disclosed basis and receives, but does not hold, customer securities",
    "50000",
    "15c3-1(a)(2)(iv)",
  ),
  minimum(
    "MUTUAL-FUND",
    "Sells redeemable shares of registered investment companies (and certain other share accounts) and takes wire orders",
    "25000",
    "15c3-1(a)(2)(v)",
  ),
  minimum(
    "OTHER",
    "Other brokers or dealers (no customer funds or securities received or held)",
    "5000",
    "15c3-1(a)(2)(vi)",
  ),
  minimum(
    "MUNI-BROKERS-BROKER",
    "Municipal securities brokers' broker operating under 15c3-1(a)(8)",
    "150000",
    "15c3-1(a)(8)(iii)",
  ),
];

/**
 * Market makers, 15c3-1(a)(4): $2,500 for each security in which the firm makes a market ($1,000
 * for a security of $5 or less), never more than $1,000,000 unless (a) requires it; in addition to
 * the greater-of of (a).
 */
export const MARKET_MAKER_MINIMUM = {
  perSecurity: quotedDollars(
    "marketMakerPerSecurity",
    "2500",
    "15c3-1(a)(4)",
  ),
  lowPricedThreshold: quotedDollars("marketMakerLowPriced", "5", "15c3-1(a)(4)"),
  perLowPricedSecurity: quotedDollars("marketMakerPerLowPriced", "1000", "15c3-1(a)(4)"),
  cap: quotedDollars("marketMakerCap", "1000000", "15c3-1(a)(4)"),
} as const;

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
 * `cftcMinimum` (line 5B.i, a broker-dealer that is also a futures commission merchant,
 * 15c3-1(a)(1)(iii): its CFTC Rule 1.17 requirement) joins the greater-of when given.
 *
 * Note: the 2021+ Part II adds the (a)(9) amount (line 5D, 12059) into the ratio requirement before
 * taking the greater with the fixed minimum; the two agree whenever the ratio requirement exceeds
 * the fixed minimum.
 */
export function minimumNetCapital(
  method: RatioStandard,
  base: Decimal,
  fixedMinimum: Decimal,
  reverseRepoAddOn: Decimal | null = null,
  cftcMinimum: Decimal | null = null,
): Decimal {
  nonNegative("the base (aggregate indebtedness or aggregate debit items)", base);
  nonNegative("the fixed-dollar minimum", fixedMinimum);
  if (reverseRepoAddOn) nonNegative("the reverse repurchase add-on", reverseRepoAddOn);
  if (cftcMinimum) nonNegative("the CFTC minimum", cftcMinimum);
  const rate: Rate = method === "basic" ? RATES.aiMinimum : RATES.alternativeMinimum;
  const ratio = roundToScale(applyRate(rate, base), "dollars");
  return D.max(ratio, fixedMinimum, cftcMinimum ?? 0).plus(reverseRepoAddOn ?? 0);
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
 * The Rule 17a-11(b) early-warning margins of net capital, in whole dollars (negative when a level
 * is breached): net capital − 120 % of the minimum requirement ((b)(3)); net capital − 5 % of
 * aggregate debit items ((b)(2), when debits are given); net capital − aggregate indebtedness /
 * 12, the net capital at which A.I. is 1,200 % of it ((b)(1), when A.I. is given). Returns every
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

/** How often the reserve computation is made: 15c3-3(e)(3). */
export type ReserveFrequency = "weekly" | "monthly" | "daily";

/** Whose accounts: customers (the Customer Reserve Bank Account) or PAB accounts (proprietary accounts of broker-dealers). */
export type ReserveAccount = "customer" | "pab";

/** The reductions of debit items and the monthly factor of the reserve formula, each in the rule's words. */
export const RESERVE_RATES = {
  /**
   * Basic standard (Exhibit A Note E(3)): item 10 only, the debit balances in customers' cash and
   * margin accounts, is reduced by 1 %. Not in the PAB computation (PAB Note 4).
   */
  basicItem10: quotedRate(
    "reserveDebitReductionBasic",
    "1%",
    "1",
    "100",
    "15c3-3a Note E(3)",
  ),
  /** Alternative standard (15c3-1(a)(1)(ii)(A)): aggregate debit items reduced by 3 %, in lieu of Note E(3). */
  alternative: quotedRate("reserveDebitReductionAlternative", "3%", "3", "100", "15c3-1(a)(1)(ii)(A)"),
  /** Alternative standard computing daily (15c3-1(a)(1)(ii)(A) proviso; 15c3-3(e)(3)(v)): 2 %. */
  alternativeDaily: quotedRate(
    "reserveDebitReductionAlternativeDaily",
    "2%",
    "2",
    "100",
    "15c3-1(a)(1)(ii)(A)",
  ),
  /** Monthly computation (15c3-3(e)(3)(i)(C); Exhibit A item 16): deposit at least 105 % of the excess. */
  monthlyDeposit: quotedRate("reserveMonthlyDeposit", "105%", "105", "100", "15c3-3(e)(3)(i)(C)"),
} as const;

/** What a reserve computation takes: Exhibit A's totals, and how the firm computes. */
export interface ReserveInput {
  /** Total credits, Exhibit A items 1-9 (form item 4430), dollars, not negative. */
  totalCredits: Decimal;
  /** Total debits before any reduction, Exhibit A items 10-15 (aggregate debit items, form item 4470), dollars, not negative. */
  totalDebits: Decimal;
  /** The firm's ratio standard under 15c3-1(a)(1). */
  standard: RatioStandard;
  /**
   * Exhibit A item 10, debit balances in customers' cash and margin accounts (form item 4440),
   * dollars: required for a basic-standard customer computation (the 1 % reduction applies to it
   * alone); may not exceed total debits.
   */
  item10?: Decimal | null;
  /** Default weekly. Monthly is open to basic-standard firms only (15c3-3(e)(3)(i)(C)). */
  frequency?: ReserveFrequency;
  /** Default customer. */
  account?: ReserveAccount;
}

/** The lines of a reserve computation, whole dollars. */
export interface ReserveComputation {
  /** The reduction of debit items (form item 4471), rounded half-up to whole dollars; 0 for PAB. */
  reduction: Decimal;
  /** The rate of the reduction, or null when there is none (PAB). */
  reductionRate: Rate | null;
  /** Total debits less the reduction (form item 4472). */
  reducedDebits: Decimal;
  /** Credits less reduced debits; negative when debits exceed credits (form items 4490 / 4480). */
  excess: Decimal;
  /** The amount required on deposit: the excess (105 % of it, monthly, rounded half-up), not below zero. */
  requirement: Decimal;
}

/**
 * The reserve formula of Rule 15c3-3, Exhibit A (15c3-3a item 16), from its totals:
 * - customer, basic standard: item 10 reduced by 1 % (Note E(3)); the other debit items are not;
 * - customer, alternative standard: aggregate debit items reduced by 3 % in lieu of Note E(3)
 *   (15c3-1(a)(1)(ii)(A)), or by 2 % for a firm computing daily;
 * - PAB: no reduction (PAB Note 4);
 * - monthly customer computation (basic-standard firms only, 15c3-3(e)(3)(i)(C)): the deposit is
 *   105 % of the excess; a monthly PAB computation ((e)(3)(iii)) deposits the excess.
 * The reduction is rounded half-up to whole dollars as the form prints line 4471, and so is the
 * monthly 105 %. Throws DomainError (invalid-argument) for negative amounts, a basic-standard
 * customer computation without item 10, item 10 above total debits, or a monthly alternative-standard
 * customer computation (15c3-1(a)(1)(ii)(A) requires it weekly).
 */
export function reserveComputation(input: ReserveInput): ReserveComputation {
  const { totalCredits, totalDebits, standard } = input;
  const frequency = input.frequency ?? "weekly";
  const account = input.account ?? "customer";
  nonNegative("total credits", totalCredits);
  nonNegative("total debits", totalDebits);
  if (standard === "alternative" && frequency === "monthly" && account === "customer") {
    throw new DomainError(
      "invalid-argument",
      "a firm on the alternative standard makes the reserve computation weekly (or daily), not monthly: 15c3-1(a)(1)(ii)(A).",
    );
  }
  let reductionRate: Rate | null = null;
  let base = new D(0);
  if (account === "customer") {
    if (standard === "alternative") {
      reductionRate = frequency === "daily" ? RESERVE_RATES.alternativeDaily : RESERVE_RATES.alternative;
      base = totalDebits;
    } else {
      const item10 = input.item10 ?? null;
      if (item10 === null) {
        throw new DomainError(
          "invalid-argument",
          "a basic-standard firm reduces only item 10 (debit balances in customers' cash and margin accounts, form item 4440) by 1% (Exhibit A Note E(3)): give item 10.",
        );
      }
      nonNegative("item 10 (debit balances in customers' cash and margin accounts)", item10);
      if (item10.gt(totalDebits)) {
        throw new DomainError("invalid-argument", `item 10 (${item10.toString()}) is more than total debits (${totalDebits.toString()}), which include it.`);
      }
      reductionRate = RESERVE_RATES.basicItem10;
      base = item10;
    }
  }
  const reduction = reductionRate ? roundToScale(applyRate(reductionRate, base), "dollars") : new D(0);
  const reducedDebits = totalDebits.minus(reduction);
  const excess = totalCredits.minus(reducedDebits);
  // The 105 % is the monthly Customer computation's ((e)(3)(i)(C)); a monthly PAB computation
  // ((e)(3)(iii)) deposits the excess itself.
  const due = frequency === "monthly" && account === "customer" ? roundToScale(applyRate(RESERVE_RATES.monthlyDeposit, excess), "dollars") : excess;
  return { reduction, reductionRate, reducedDebits, excess, requirement: D.max(new D(0), due) };
}

/**
 * The customer reserve requirement of Rule 15c3-3, Exhibit A, in whole dollars: see
 * `reserveComputation`. `item10` (form item 4440) is required for the basic standard; `frequency`
 * defaults to weekly. Throws DomainError as `reserveComputation` does.
 */
export function reserveRequirement(
  totalCredits: Decimal,
  totalDebits: Decimal,
  standard: RatioStandard = "alternative",
  item10: Decimal | null = null,
  frequency: ReserveFrequency = "weekly",
): Decimal {
  return reserveComputation({ totalCredits, totalDebits, standard, item10, frequency }).requirement;
}

/** Read a frequency argument (case-insensitive); throws DomainError unknown-choice. */
export function reserveFrequency(text: string): ReserveFrequency {
  const f = text.trim().toLowerCase();
  if (f === "weekly" || f === "monthly" || f === "daily") return f;
  throw new DomainError("unknown-choice", `frequency "${text}" is not known; use "weekly", "monthly" or "daily" (15c3-3(e)(3)).`);
}

/** The lines of a reserve computation from Exhibit A's items, as the form prints them (whole dollars). */
export interface ReserveLines extends ReserveComputation {
  /** Total credits, Exhibit A items 1-9 (form line 11, item 4430). */
  totalCredits: Decimal;
  /** Aggregate debit items, Exhibit A items 10-15 (form line 18, item 4470). */
  aggregateDebits: Decimal;
  /** Excess of total debits over total credits (form line 21, item 4480); 0 when credits exceed debits. */
  excessDebits: Decimal;
  /** Excess of total credits over total debits (form line 22, item 4490); 0 when debits exceed credits. */
  excessCredits: Decimal;
}

/**
 * The reserve formula from its items (the FINOP's weekly workpaper): credit items (Exhibit A items
 * 1-9 and any other credits) and debit items (items 10-15 in order, item 10 first, and any other
 * debits), whole dollars, none negative. Item 10 is the first debit item: the basic standard's 1 %
 * applies to it alone (Note E(3)). Throws DomainError (invalid-argument) for a negative item or an
 * empty list of debits on the basic standard, and as `reserveComputation` does.
 */
export function reserveFromItems(
  credits: readonly Decimal[],
  debits: readonly Decimal[],
  standard: RatioStandard,
  frequency: ReserveFrequency = "weekly",
  account: ReserveAccount = "customer",
): ReserveLines {
  credits.forEach((c, i) => nonNegative(`credit item ${i + 1}`, c));
  debits.forEach((d, i) => nonNegative(`debit item ${i + 1}`, d));
  const totalCredits = credits.reduce((a, b) => a.plus(b), new D(0));
  const aggregateDebits = debits.reduce((a, b) => a.plus(b), new D(0));
  const item10 = standard === "basic" && account === "customer" ? (debits[0] ?? null) : null;
  const c = reserveComputation({ totalCredits, totalDebits: aggregateDebits, standard, item10, frequency, account });
  return {
    ...c,
    totalCredits,
    aggregateDebits,
    excessDebits: D.max(new D(0), c.excess.neg()),
    excessCredits: D.max(new D(0), c.excess),
  };
}

/** Read an account argument: "customer" or "pab" (case-insensitive); throws DomainError unknown-choice. */
export function reserveAccount(text: string): ReserveAccount {
  const a = text.trim().toLowerCase();
  if (a === "customer" || a === "pab") return a;
  throw new DomainError("unknown-choice", `account "${text}" is not known; use "customer" or "pab" (proprietary accounts of broker-dealers).`);
}
