/**
 * Securities haircuts of Rule 15c3-1(c)(2)(vi), as data: each schedule with its paragraph, its
 * maturity bands and rates, and whether a rule text stored in reference/cfr confirms it.
 *
 * Units: market values and haircuts are dollars (haircuts are not rounded: a position's haircut is
 * an input to a form line, which is rounded when reported); rates are exact fractions (1/8 of 1 %
 * stays 1/800); time to maturity is given in years, months or days and converted exactly
 * (12 months a year, 365 days a year) to the unit the schedule is written in.
 * Band bounds: "3 months but less than 6 months" is [3, 6): the lower bound belongs to the band.
 */
import { D, Decimal } from "../report/decimal";
import { DomainError } from "../report/errors";
import { applyRate, quotedCount, quotedDollars, quotedRate, type Rate } from "../net-capital/regulation";

/** The unit a schedule's bands are written in. */
export type MaturityUnit = "years" | "months" | "days";

/** One band: from (inclusive) to (exclusive; null = no upper bound), in the schedule's unit. */
export interface Band {
  from: Decimal;
  to: Decimal | null;
  rate: Rate;
  /** (A) only: the category (1-4) the band belongs to for the category offset method. */
  category?: number;
}

/** A haircut schedule: flat, or by time to maturity. */
export interface HaircutSchedule {
  /** The category code users type: "USGOV", "OTHER", ... */
  code: string;
  title: string;
  /** CFR paragraph, e.g. "15c3-1(c)(2)(vi)(A)". */
  citation: string;
  /** Flat rate, or bands by time to maturity. */
  flat?: Rate;
  unit?: MaturityUnit;
  bands?: Band[];
  /** Largest time to maturity the schedule covers (exclusive), in its unit; beyond it the schedule does not apply. */
  limit?: Decimal;
  /** Another schedule applying from this time to maturity on (inclusive), in this schedule's unit. */
  beyond?: { from: Decimal; code: string };
  /** True when every rate of the schedule is quoted from the stored rule text. */
  verified: boolean;
  /** Where the figures come from. */
  source: string;
  /** What the user should know (conditions of the paragraph, what is not modelled). */
  note: string;
}

/**
 * Bands of one paragraph: [from, to (null: no upper bound), how the rule writes the rate,
 * numerator, denominator, (A) category]. The rule's words for each band are in the side table
 * (net-capital/rule-words.ts) under `<citation>:<from><unit>`, e.g.
 * "15c3-1(c)(2)(vi)(A)(1):3months"; the test reads both the bounds and the rate back out of them.
 */
function bands(citation: string, unit: MaturityUnit, rows: [string, string | null, string, string, string, number?][]): Band[] {
  return rows.map(([from, to, text, num, den, category]) => ({
    from: new D(from),
    to: to === null ? null : new D(to),
    rate: quotedRate(`${citation}:${from}${unit}`, text, num, den, citation),
    ...(category ? { category } : {}),
  }));
}

const A = "15c3-1(c)(2)(vi)(A)(1)";
/** (A)(1): U.S. government and agency obligations, by months to maturity, with the category of each band. */
const US_GOV_BANDS = bands(A, "months", [
  ["0", "3", "0%", "0", "1", 1],
  ["3", "6", "1/2%", "1", "200", 1],
  ["6", "9", "3/4%", "3", "400", 1],
  ["9", "12", "1%", "1", "100", 1],
  ["12", "24", "1-1/2%", "3", "200", 2],
  ["24", "36", "2%", "2", "100", 2],
  ["36", "60", "3%", "3", "100", 3],
  ["60", "120", "4%", "4", "100", 3],
  ["120", "180", "4-1/2%", "9", "200", 4],
  ["180", "240", "5%", "5", "100", 4],
  ["240", "300", "5-1/2%", "11", "200", 4],
  ["300", null, "6%", "6", "100", 4],
]);

/**
 * (A)(1) category method: the deduction of a category is the net of the long and short deductions
 * plus 50 % of the lesser of them.
 */
export const CATEGORY_OFFSET_RATE = quotedRate(
  "governmentCategoryOffset",
  "50%",
  "50",
  "100",
  A,
);

const F1 = "15c3-1(c)(2)(vi)(F)(1)";
const NONCONVERTIBLE_BANDS = bands(F1, "years", [
  ["0", "1", "2%", "2", "100"],
  ["1", "2", "3%", "3", "100"],
  ["2", "3", "5%", "5", "100"],
  ["3", "5", "6%", "6", "100"],
  ["5", "10", "7%", "7", "100"],
  ["10", "15", "7-1/2%", "15", "200"],
  ["15", "20", "8%", "8", "100"],
  ["20", "25", "8-1/2%", "17", "200"],
  ["25", null, "9%", "9", "100"],
]);

/** (F)(3): nonconvertible debt hedged by U.S. government or agency securities, by years to maturity. */
export const NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS = bands("15c3-1(c)(2)(vi)(F)(3)", "years", [
  ["0", "5", "1-1/2%", "3", "200"],
  ["5", "10", "2-1/2%", "5", "200"],
  ["10", "15", "2-3/4%", "11", "400"],
  ["15", null, "3%", "3", "100"],
]);

/** (F)(4): offsetting long and short nonconvertible debt (debt hedged by debt), by years to maturity. */
export const NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS = bands("15c3-1(c)(2)(vi)(F)(4)", "years", [
  ["0", "5", "1-3/4%", "7", "400"],
  ["5", "10", "3%", "3", "100"],
  ["10", "15", "3-1/4%", "13", "400"],
  ["15", null, "3-1/2%", "7", "200"],
]);

const B1 = "15c3-1(c)(2)(vi)(B)(1)";
const B2 = "15c3-1(c)(2)(vi)(B)(2)";
const MUNI_BANDS = bands(B2, "years", [
  ["0", "1", "1%", "1", "100"],
  ["1", "2", "2%", "2", "100"],
  ["2", "3.5", "3%", "3", "100"],
  ["3.5", "5", "4%", "4", "100"],
  ["5", "7", "5%", "5", "100"],
  ["7", "10", "5-1/2%", "11", "200"],
  ["10", "15", "6%", "6", "100"],
  ["15", "20", "6-1/2%", "13", "200"],
  ["20", null, "7%", "7", "100"],
]);

const E = "15c3-1(c)(2)(vi)(E)";
const J = "15c3-1(c)(2)(vi)(J)";
/** (J) all other securities: 15 % of the greater of the long or short position. */
export const OTHER_SECURITIES_RATE = quotedRate("otherSecurities", "15%", "15", "100", J);
/** (J): the lesser position is charged only on its part above 25 % of the greater. */
export const OFFSET_THRESHOLD_RATE = quotedRate("otherSecuritiesOffset", "25%", "25", "100", J);

/** (K)(ii): securities with a limited market quoted by only one or two market makers: 40 % of both the long and the short position. */
export const LIMITED_MARKET_RATE = quotedRate(
  "limitedMarket",
  "40%",
  "40",
  "100",
  "15c3-1(c)(2)(vi)(K)(ii)",
);

/** (c)(2)(vii): securities with no ready market, or that cannot be publicly offered or sold: 100 % of carrying value. */
export const NO_READY_MARKET_RATE = quotedRate("noReadyMarket", "100%", "100", "100", "15c3-1(c)(2)(vii)");

const M = "15c3-1(c)(2)(vi)(M)";
/**
 * Undue concentration, 15c3-1(c)(2)(vi)(M): a position (other than exempted securities and
 * registered fund shares) whose market value exceeds 10 % of net capital before haircuts is charged
 * an additional 50 % of its haircut (15 % for (J) securities) on the part above that 10 %, applied
 * to equity only above the greater of $10,000 or 500 shares, to debt only above $25,000; an issue
 * of municipal securities only above the greater of $500,000 in bonds ($5,000,000 in notes) or
 * 10 % of tentative net capital, and only after 20 business days in position.
 */
export const UNDUE_CONCENTRATION = {
  threshold: quotedRate(
    "concentrationThreshold",
    "10%",
    "10",
    "100",
    `${M}(1)`,
  ),
  additional: quotedRate("concentrationAdditional", "50%", "50", "100", `${M}(1)`),
  additionalOtherSecurities: quotedRate(
    "concentrationAdditionalOther",
    "15%",
    "15",
    "100",
    `${M}(1)`,
  ),
  equityFloorDollars: quotedDollars("concentrationEquityFloor", "10000", `${M}(3)`),
  equityFloorShares: quotedCount("concentrationEquityShares", "500", "shares", `${M}(3)`),
  debtFloorDollars: quotedDollars("concentrationDebtFloor", "25000", `${M}(3)`),
  municipalBondsFloor: quotedDollars("concentrationMuniBonds", "500000", `${M}(4)`),
  municipalNotesFloor: quotedDollars("concentrationMuniNotes", "5000000", `${M}(4)`),
  municipalTentativeNetCapital: quotedRate("concentrationMuniTNC", "10%", "10", "100", `${M}(4)`),
  municipalDays: quotedCount("concentrationMuniDays", "20", "business days", `${M}(4)`),
} as const;

const VIII = "15c3-1(c)(2)(viii)";
/**
 * Open contractual commitments, 15c3-1(c)(2)(viii): (J)-type securities not listed or NASDAQ NMS
 * take 30 %; a firm with more than $250,000 of net capital may add back up to $150,000.
 */
export const OPEN_CONTRACTUAL_COMMITMENTS = {
  unlistedRate: quotedRate("commitmentsUnlisted", "30%", "30", "100", `${VIII}(A)`),
  addBackNetCapital: quotedDollars("commitmentsAddBackNetCapital", "250000", `${VIII}(B)`),
  addBackLimit: quotedDollars("commitmentsAddBackLimit", "150000", `${VIII}(B)`),
} as const;

/** Every schedule FOCUS.HAIRCUT knows, by category code. */
export const HAIRCUT_SCHEDULES: readonly HaircutSchedule[] = ([
  {
    code: "USGOV",
    title: "U.S. government and agency obligations",
    citation: "15c3-1(c)(2)(vi)(A)",
    unit: "months",
    bands: US_GOV_BANDS,
    verified: true,
    source: "",
    note: "The percentage of one position's market value by time to maturity. Offsets of long against short positions inside a category (net of the long and short deductions plus 50% of the lesser) are not applied by a single-position haircut.",
  },
  {
    code: "CANADA",
    title: "Government of Canada obligations",
    citation: "15c3-1(c)(2)(vi)(C)",
    unit: "months",
    bands: US_GOV_BANDS,
    verified: true,
    source: "",
    note: 'Same schedule as U.S. government obligations: "the percentages of market value to be deducted shall be the same as in paragraph (A)".',
  },
  {
    code: "MUNI-SHORT",
    title: "Municipal securities with a scheduled maturity at issue of 731 days or less, issued at par and paying interest at maturity, or which is issued at a discount (not traded flat or in default)",
    citation: B1,
    unit: "days",
    bands: bands(B1, "days", [
      ["0", "30", "0%", "0", "1"],
      ["30", "91", "1/8%", "1", "800"],
      ["91", "181", "1/4%", "1", "400"],
      ["181", "271", "3/8%", "3", "800"],
      ["271", "366", "1/2%", "1", "200"],
      ["366", "456", "3/4%", "3", "400"],
      ["456", "732", "1%", "1", "100"],
    ]),
    limit: new D(732),
    verified: true,
    source: "",
    note: "Only for municipal securities with a scheduled maturity at issue of 731 days or less; others use MUNI.",
  },
  {
    code: "MUNI",
    title: "Other municipal securities (not traded flat or in default)",
    citation: B2,
    unit: "years",
    bands: MUNI_BANDS,
    verified: true,
    source: "",
    note: "The greater of the long or short position.",
  },
  {
    code: "CP",
    title: "Commercial paper, bankers' acceptances and certificates of deposit",
    citation: E,
    unit: "days",
    bands: bands(E, "days", [
      ["0", "30", "0%", "0", "1"],
      ["30", "91", "1/8%", "1", "800"],
      ["91", "181", "1/4%", "1", "400"],
      ["181", "271", "3/8%", "3", "800"],
      ["271", "365", "1/2%", "1", "200"],
    ]),
    beyond: { from: new D(365), code: "USGOV" },
    verified: true,
    source: "",
    note: "Commercial paper of at most 9 months at issue with minimal credit risk. A certificate of deposit or bankers' acceptance with 1 year (365 days) or more to maturity takes the (A) schedule ((E)(6)).",
  },
  {
    code: "NONCONV",
    title: "Nonconvertible debt securities (fixed rate and maturity, not traded flat or in default, minimal credit risk)",
    citation: F1,
    unit: "years",
    bands: NONCONVERTIBLE_BANDS,
    verified: true,
    source: "",
    note: "Debt that does not meet the (F) conditions is haircut as all other securities (OTHER). Hedges under (F)(2)-(4) are not applied by a single-position haircut.",
  },
  {
    code: "CONV",
    title: "Convertible debt securities with a market value of 100% or more of principal",
    citation: "15c3-1(c)(2)(vi)(G)",
    flat: OTHER_SECURITIES_RATE,
    verified: true,
    source: "",
    note: "At or above principal, a convertible is haircut as all other securities, (J). Below principal use CONV-BELOW.",
  },
  {
    code: "CONV-BELOW",
    title: "Convertible debt securities with a market value below principal",
    citation: "15c3-1(c)(2)(vi)(G)",
    unit: "years",
    bands: NONCONVERTIBLE_BANDS,
    verified: true,
    source: "",
    note: "Below principal, a convertible (fixed rate and maturity, not in default, meeting (F)'s conditions) takes the nonconvertible debt schedule, (F).",
  },
  {
    code: "PREF",
    title: "Cumulative nonconvertible preferred stock (ranking ahead of the issuer's other stock, not in arrears)",
    citation: "15c3-1(c)(2)(vi)(H)",
    flat: quotedRate("preferred", "10%", "10", "100", "15c3-1(c)(2)(vi)(H)"),
    verified: true,
    source: "",
    note: "Preferred stock that does not meet the conditions is haircut as all other securities (OTHER).",
  },
  {
    code: "MMF",
    title: "Money market funds (redeemable shares of a registered investment company)",
    citation: "15c3-1(c)(2)(vi)(D)(1)",
    flat: quotedRate("moneyMarketFund", "2%", "2", "100", "15c3-1(c)(2)(vi)(D)(1)"),
    verified: true,
    source: "",
    note: "A fund whose assets are cash or money market instruments (described in 270.2a-7).",
  },
  {
    code: "FUND-GOV",
    title: "Registered funds holding cash or (A)-(C) or (E) instruments of any maturity",
    citation: "15c3-1(c)(2)(vi)(D)(2)",
    flat: quotedRate("fundGovernment", "7%", "7", "100", "15c3-1(c)(2)(vi)(D)(2)"),
    verified: true,
    source: "",
    note: "The greater of the long or short position.",
  },
  {
    code: "FUND-DEBT",
    title: "Registered funds holding cash or (A)-(C), (E) and (F) instruments",
    citation: "15c3-1(c)(2)(vi)(D)(3)",
    flat: quotedRate("fundDebt", "9%", "9", "100", "15c3-1(c)(2)(vi)(D)(3)"),
    verified: true,
    source: "",
    note: "The long or short position.",
  },
  {
    code: "OTHER",
    title: "All other securities (equities and anything not in another category)",
    citation: J,
    flat: OTHER_SECURITIES_RATE,
    verified: true,
    source: "",
    note: "15% of one position. For a long and a short position in the same security use FOCUS.HAIRCUTEQUITY (the 25% offset).",
  },
] satisfies HaircutSchedule[]).map((s): HaircutSchedule => {
  const rates = s.flat ? [s.flat] : (s.bands ?? []).map((b) => b.rate);
  const verified = rates.every((r) => r.verified);
  return { ...s, verified, source: verified ? rates[0].source : "a rate of this schedule is not quoted from the stored rule text" };
});

const BY_CODE = new Map(HAIRCUT_SCHEDULES.map((s) => [s.code, s]));

/** The valid category codes, in order. */
export function haircutCategories(): string[] {
  return HAIRCUT_SCHEDULES.map((s) => s.code);
}

/** The schedule of a category (case-insensitive); throws DomainError unknown-choice listing the valid codes. */
export function haircutSchedule(category: string): HaircutSchedule {
  const s = BY_CODE.get(category.trim().toUpperCase());
  if (!s) {
    throw new DomainError("unknown-choice", `category "${category}" is not a haircut category; use one of ${haircutCategories().join(", ")}.`);
  }
  return s;
}

const PER_YEAR: Record<MaturityUnit, Decimal> = { years: new D(1), months: new D(12), days: new D(365) };

/** Convert a time to maturity between units, exactly up to the working precision (12 months, 365 days a year). */
export function convertMaturity(t: Decimal, from: MaturityUnit, to: MaturityUnit): Decimal {
  if (from === to) return t;
  if (from === "years") return t.times(PER_YEAR[to]);
  return t.times(PER_YEAR[to]).div(PER_YEAR[from]);
}

/** The result of one haircut: the deduction and the band that gave it. */
export interface HaircutResult {
  /** Dollars, not rounded. */
  haircut: Decimal;
  rate: Rate;
  schedule: HaircutSchedule;
  /** The band applied, when the schedule has bands. */
  band?: Band;
}

/**
 * The 15c3-1(c)(2)(vi) deduction for one position: |market value| × the rate of the category's
 * band for the time to maturity. `maturity` is required for banded schedules and ignored by flat
 * ones. Throws DomainError: unknown-choice for an unknown category; invalid-argument for a missing
 * or negative time to maturity, or one beyond what the schedule covers.
 */
export function haircut(category: string, marketValue: Decimal, maturity: Decimal | null, unit: MaturityUnit = "years"): HaircutResult {
  let schedule = haircutSchedule(category);
  const value = marketValue.abs();
  if (schedule.flat) return { haircut: applyRate(schedule.flat, value), rate: schedule.flat, schedule };
  if (maturity === null) {
    throw new DomainError("invalid-argument", `category ${schedule.code} is haircut by time to maturity: give the years to maturity (third argument).`);
  }
  if (maturity.isNegative()) throw new DomainError("invalid-argument", `time to maturity ${maturity.toString()} is negative.`);
  let t = convertMaturity(maturity, unit, schedule.unit ?? "years");
  if (schedule.limit && t.gte(schedule.limit)) {
    throw new DomainError(
      "invalid-argument",
      `${schedule.code} covers less than ${schedule.limit.toString()} ${schedule.unit} to maturity; this position has ${t.toDecimalPlaces(2).toString()} (use MUNI).`,
    );
  }
  if (schedule.beyond && t.gte(schedule.beyond.from)) {
    const next = haircutSchedule(schedule.beyond.code);
    t = convertMaturity(t, schedule.unit ?? "years", next.unit ?? "years");
    schedule = next;
  }
  const band = (schedule.bands ?? []).find((b) => t.gte(b.from) && (b.to === null || t.lt(b.to)));
  if (!band) throw new DomainError("invalid-argument", `no ${schedule.code} band covers ${t.toString()} ${schedule.unit}.`);
  return { haircut: applyRate(band.rate, value), rate: band.rate, schedule, band };
}

/**
 * 15c3-1(c)(2)(vi)(J) for a long and a short position in the same security: 15 % of the greater
 * plus 15 % of the lesser to the extent it exceeds 25 % of the greater. Market values in dollars
 * (a short may be given as negative; its size is used). Not rounded.
 */
export function haircutEquity(longValue: Decimal, shortValue: Decimal): Decimal {
  const l = longValue.abs();
  const s = shortValue.abs();
  const greater = D.max(l, s);
  const lesser = D.min(l, s);
  const excess = D.max(new D(0), lesser.minus(applyRate(OFFSET_THRESHOLD_RATE, greater)));
  return applyRate(OTHER_SECURITIES_RATE, greater).plus(applyRate(OTHER_SECURITIES_RATE, excess));
}
