/*
 * The FOCUS custom functions (=FOCUS.…). Each is a thin wrapper over the engine in src/focus.
 *
 * The ids (the word after @customfunction) and the FOCUS namespace are stored in users'
 * workbooks: never rename or retype a released function, only add. test/functions-metadata.test.ts
 * holds the generated metadata to a golden copy.
 *
 * custom-functions-metadata reads this file's syntax: `function` declarations only, primitive
 * parameter types (number, string, boolean, any and their [][] matrices), no type aliases.
 */
import {
  catalogue,
  D,
  debtEquityRatio,
  dollarMinimum,
  DomainError,
  earlyWarningMargins,
  excessNetCapital,
  haircut as engineHaircut,
  haircutCategories,
  haircutEquity as engineHaircutEquity,
  minimumNetCapital,
  percentage,
  ratioStandard,
  reserveAccount,
  reserveFrequency,
  reserveFromItems,
  reserveRequirement,
  haircutScheduleOf,
  SCHEDULE_LINES,
  fromExcelNumber,
  type Decimal,
  type HaircutScheduleResult,
  type Position,
  type ReserveLines,
  roundToScale,
  type MaturityUnit,
} from "../focus";
import { amountArg, compute, computeValue, optionalAmountArg, optionalTextArg, rangeAmounts, textArg } from "./adapt";

/**
 * Haircut of one securities position under Rule 15c3-1(c)(2)(vi): the market value times the
 * category's percentage for its time to maturity. Categories: USGOV (A), CANADA (C), MUNI-SHORT
 * (B)(1), MUNI (B)(2), CP (E), NONCONV (F)(1), CONV and CONV-BELOW (G), PREF (H), MMF, FUND-GOV,
 * FUND-DEBT (D), OTHER (J); see FOCUS.HAIRCUTCATEGORIES. Every percentage is quoted from the
 * eCFR text of the rule (as of 2026-10-01). Dollars, not rounded.
 * @customfunction HAIRCUT HAIRCUT
 * @param category Category code, e.g. "USGOV", "MUNI", "OTHER" (see FOCUS.HAIRCUTCATEGORIES).
 * @param marketValue Market value of the position in dollars (a short may be negative; its size is used).
 * @param [yearsToMaturity] Time to maturity in years (0.25 = 3 months); required for banded categories.
 * @param [maturityUnit] Unit of the time to maturity: "years" (default), "months" or "days".
 * @returns The deduction in dollars.
 */
export function haircut(category: string, marketValue: number, yearsToMaturity?: number, maturityUnit?: string): number {
  return compute(() => {
    const unit = (optionalTextArg("maturityUnit", maturityUnit) ?? "years").toLowerCase();
    if (unit !== "years" && unit !== "months" && unit !== "days") {
      throw new DomainError("unknown-choice", `maturityUnit "${maturityUnit}" is not known; use "years", "months" or "days".`);
    }
    return engineHaircut(
      textArg("category", category),
      amountArg("marketValue", marketValue),
      optionalAmountArg("yearsToMaturity", yearsToMaturity),
      unit as MaturityUnit,
    ).haircut;
  });
}

/**
 * The haircut category codes FOCUS.HAIRCUT accepts, as a column.
 * @customfunction HAIRCUTCATEGORIES HAIRCUTCATEGORIES
 * @returns One category code per row.
 */
export function haircutcategories(): string[][] {
  return haircutCategories().map((c) => [c]);
}

/**
 * Haircut of a long and a short position in the same security under Rule 15c3-1(c)(2)(vi)(J):
 * 15% of the greater position plus 15% of the lesser to the extent it exceeds 25% of the greater
 * Dollars, not rounded.
 * @customfunction HAIRCUTEQUITY HAIRCUTEQUITY
 * @param longValue Market value of the long position in dollars.
 * @param shortValue Market value of the short position in dollars (its size is used).
 * @returns The deduction in dollars.
 */
export function haircutequity(longValue: number, shortValue: number): number {
  return compute(() => engineHaircutEquity(amountArg("longValue", longValue), amountArg("shortValue", shortValue)));
}

/**
 * Minimum net capital requirement under Rule 15c3-1(a): "basic" 6-2/3% of aggregate indebtedness
 * ((a)(1)(i)) or "alternative" 2% of aggregate debit items ((a)(1)(ii)), rounded to whole dollars;
 * the greater of that, the fixed-dollar minimum and (for a futures commission merchant) the CFTC
 * minimum; plus the (a)(9) reverse repurchase add-on when given. Whole dollars (FOCUS line 3760).
 * @customfunction MINNETCAPITAL MINNETCAPITAL
 * @param method "basic" (aggregate indebtedness standard) or "alternative" (aggregate debit items).
 * @param base Aggregate indebtedness (basic, item 3840) or aggregate debit items (alternative, item 4470), in dollars.
 * @param fixedMinimum The fixed-dollar minimum in dollars (item 3880; see FOCUS.FIXEDMINIMUM).
 * @param [reverseRepoAddOn] The 15c3-1(a)(9) add-on in dollars (item 12059), if any.
 * @param [cftcMinimum] A futures commission merchant's CFTC minimum in dollars (line 5B.i, 15c3-1(a)(1)(iii)), if any.
 * @returns The minimum net capital requirement in whole dollars.
 */
export function minnetcapital(method: string, base: number, fixedMinimum: number, reverseRepoAddOn?: number, cftcMinimum?: number): number {
  return compute(() =>
    minimumNetCapital(
      ratioStandard(textArg("method", method)),
      amountArg("base", base),
      amountArg("fixedMinimum", fixedMinimum),
      optionalAmountArg("reverseRepoAddOn", reverseRepoAddOn),
      optionalAmountArg("cftcMinimum", cftcMinimum),
    ),
  );
}

/**
 * The fixed-dollar minimum net capital of Rule 15c3-1(a)(2) for a kind of firm: CARRYING
 * $250,000 (a)(2)(i); CARRYING-K2I $100,000 (a)(2)(ii); DEALER $100,000 (a)(2)(iii);
 * INTRODUCING-RECEIVES $50,000 (a)(2)(iv); MUTUAL-FUND $25,000 (a)(2)(v); OTHER $5,000 (a)(2)(vi);
 * MUNI-BROKERS-BROKER $150,000 (a)(8)(iii).
 * @customfunction FIXEDMINIMUM FIXEDMINIMUM
 * @param firmType CARRYING, CARRYING-K2I, DEALER, INTRODUCING-RECEIVES, MUTUAL-FUND, OTHER or MUNI-BROKERS-BROKER.
 * @returns The dollar minimum.
 */
export function fixedminimum(firmType: string): number {
  return compute(() => dollarMinimum(textArg("firmType", firmType)).amount);
}

/**
 * Excess net capital: net capital less the minimum requirement (FOCUS line 3910, item 3750 minus
 * item 3760). Negative means a net capital deficiency (a same-day notice under Rule 17a-11(a)(1)). Whole dollars.
 * @customfunction EXCESSNETCAPITAL EXCESSNETCAPITAL
 * @param netCapital Net capital in dollars (item 3750).
 * @param requirement Minimum net capital requirement in dollars (item 3760).
 * @returns Excess (or deficiency, negative) in whole dollars.
 */
export function excessnetcapital(netCapital: number, requirement: number): number {
  return compute(() => excessNetCapital(amountArg("netCapital", netCapital), amountArg("requirement", requirement)));
}

/**
 * The tightest Rule 17a-11(b) early-warning margin, in whole dollars, negative when breached:
 * net capital less 120% of the minimum ((b)(3)); less 5% of aggregate debit items ((b)(2), when
 * given); less aggregate indebtedness / 12, the level at which A.I. is 1,200% of net capital
 * ((b)(1), when given).
 * @customfunction EARLYWARNING EARLYWARNING
 * @param netCapital Net capital in dollars (item 3750).
 * @param requirement Minimum net capital requirement in dollars (item 3760).
 * @param [aggregateDebits] Aggregate debit items in dollars (item 4470), for the 5% level.
 * @param [aggregateIndebtedness] Aggregate indebtedness in dollars (item 3840), for the 1,200% level.
 * @returns The smallest margin in whole dollars.
 */
export function earlywarning(netCapital: number, requirement: number, aggregateDebits?: number, aggregateIndebtedness?: number): number {
  return compute(() => {
    const margins = earlyWarningMargins(
      amountArg("netCapital", netCapital),
      amountArg("requirement", requirement),
      optionalAmountArg("aggregateDebits", aggregateDebits),
      optionalAmountArg("aggregateIndebtedness", aggregateIndebtedness),
    );
    return D.min(...margins.map((m) => m.margin));
  });
}

/**
 * Aggregate indebtedness to net capital, a percentage with two decimals as the form prints it
 * (FOCUS item 3850; limit 1,500% under Rule 15c3-1(a)(1)(i), early warning above 1,200%).
 * @customfunction AIRATIO AIRATIO
 * @param aggregateIndebtedness Aggregate indebtedness in dollars (item 3840).
 * @param netCapital Net capital in dollars (item 3750).
 * @returns Percent, e.g. 850.25.
 */
export function airatio(aggregateIndebtedness: number, netCapital: number): number {
  return compute(() => percentage(amountArg("aggregateIndebtedness", aggregateIndebtedness), amountArg("netCapital", netCapital), "AIRATIO: netCapital"));
}

/**
 * Net capital to aggregate debit items, a percentage with two decimals as the form prints it
 * (FOCUS item 3851; early warning below 5% under Rule 17a-11(b)(2)).
 * @customfunction NETCAPITALTODEBITS NETCAPITALTODEBITS
 * @param netCapital Net capital in dollars (item 3750).
 * @param aggregateDebits Aggregate debit items in dollars (item 4470).
 * @returns Percent, e.g. 85.47.
 */
export function netcapitaltodebits(netCapital: number, aggregateDebits: number): number {
  return compute(() => percentage(amountArg("netCapital", netCapital), amountArg("aggregateDebits", aggregateDebits), "NETCAPITALTODEBITS: aggregateDebits"));
}

/**
 * Debt to debt-equity total under Rule 15c3-1(d): subordinated debt / (subordinated debt +
 * equity), a percentage with two decimals (FOCUS item 3860; at most 70% for more than 90 days).
 * @customfunction DEBTEQUITYRATIO DEBTEQUITYRATIO
 * @param subordinatedDebt Subordinated debt in dollars (excluding subordinations that qualify as equity).
 * @param equity Equity (adjusted net worth) in dollars.
 * @returns Percent, e.g. 35.00.
 */
export function debtequityratio(subordinatedDebt: number, equity: number): number {
  return compute(() => debtEquityRatio(amountArg("subordinatedDebt", subordinatedDebt), amountArg("equity", equity)));
}

/**
 * Customer reserve requirement under Rule 15c3-3 Exhibit A (item 16): total credits less total
 * debits after the reduction, not below zero. Alternative standard (default): aggregate debit items
 * reduced by 3% (15c3-1(a)(1)(ii)(A)), 2% when computing daily. Basic standard: only item 10, the
 * debit balances in customers' cash and margin accounts, reduced by 1% (Note E(3)), so item 10 is
 * required. Monthly (basic standard only, 15c3-3(e)(3)(i)(C)): 105% of the excess. Whole dollars.
 * @customfunction RESERVE RESERVE
 * @param totalCredits Total credits in dollars (Exhibit A items 1-9, form item 4430).
 * @param totalDebits Total debits before the reduction in dollars (items 10-15, aggregate debit items, form item 4470).
 * @param [standard] "alternative" (default) or "basic".
 * @param [item10Debits] Exhibit A item 10 in dollars (form item 4440): required for "basic".
 * @param [frequency] "weekly" (default), "monthly" (basic only: 105%) or "daily" (alternative: 2%).
 * @returns The amount required on deposit in the reserve bank account, whole dollars.
 */
export function reserve(totalCredits: number, totalDebits: number, standard?: string, item10Debits?: number, frequency?: string): number {
  return compute(() =>
    reserveRequirement(
      amountArg("totalCredits", totalCredits),
      amountArg("totalDebits", totalDebits),
      ratioStandard(optionalTextArg("standard", standard) ?? "alternative"),
      optionalAmountArg("item10Debits", item10Debits),
      reserveFrequency(optionalTextArg("frequency", frequency) ?? "weekly"),
    ),
  );
}

/**
 * The label of a FOCUS item code, e.g. 3750 "Net capital (line 8 minus line 12)". Codes whose
 * number no source confirms are labelled "(unconfirmed code)". Codes mean different lines on Part
 * II and Part IIA.
 * @customfunction ITEMLABEL ITEMLABEL
 * @param code The item code, e.g. 3750.
 * @param [form] "part-ii" (default) or "part-iia".
 * @returns The item's label.
 */
export function itemlabel(code: any, form?: string): string {
  return computeValue(() => {
    const f = (optionalTextArg("form", form) ?? "part-ii").toLowerCase();
    if (f !== "part-ii" && f !== "part-iia") throw new DomainError("unknown-choice", `form "${form}" is not known; use "part-ii" or "part-iia".`);
    const c = textArg("code", code).trim();
    const it = catalogue(f).get(c);
    if (!it) throw new DomainError("unknown-choice", `${c} is not an item code of ${f === "part-ii" ? "Part II" : "Part IIA"}.`);
    return it.confirmed ? it.label : `${it.label} (unconfirmed code)`;
  });
}

/**
 * Cross-foot of a line: the total less the sum of its parts; zero when the line foots. Amounts are
 * taken in whole dollars as the form reports them; blank cells count as zero; text amounts such as
 * "(1,234)" are read as amounts; other text is #VALUE! naming the cell.
 * @customfunction CROSSFOOT CROSSFOOT
 * @param parts The line's parts (a range), in dollars.
 * @param total The line's total in dollars.
 * @returns Total minus the sum of the parts, in dollars.
 */
export function crossfoot(parts: any[][], total: number): number {
  return compute(() => {
    const sum = rangeAmounts("parts", parts).reduce((a, b) => a.plus(b), new D(0));
    return roundToScale(amountArg("total", total), "dollars").minus(sum);
  });
}

/** The lines RESERVEFORMULA can return and RESERVELINES lists, in form order. */
const RESERVE_LINES: [string, string, (r: ReserveLines) => Decimal][] = [
  ["total-credits", "Total credits (Exhibit A items 1-9; form item 4430)", (r) => r.totalCredits],
  ["aggregate-debits", "Aggregate debit items (items 10-15; 4470)", (r) => r.aggregateDebits],
  ["reduction", "Reduction of debit items (4471)", (r) => r.reduction],
  ["total-debits", "Total 15c3-3 debits (4472)", (r) => r.reducedDebits],
  ["excess-debits", "Excess of total debits over total credits (4480)", (r) => r.excessDebits],
  ["excess-credits", "Excess of total credits over total debits (4490)", (r) => r.excessCredits],
  ["requirement", "Required on deposit (item 16; 105% if monthly)", (r) => r.requirement],
];

function workpaperReserve(creditItems: any[][], debitItems: any[][], standard: string | undefined, frequency: string | undefined, account: string | undefined): ReserveLines {
  return reserveFromItems(
    rangeAmounts("creditItems", creditItems),
    rangeAmounts("debitItems", debitItems),
    ratioStandard(optionalTextArg("standard", standard) ?? "alternative"),
    reserveFrequency(optionalTextArg("frequency", frequency) ?? "weekly"),
    reserveAccount(optionalTextArg("account", account) ?? "customer"),
  );
}

/**
 * The reserve formula of Rule 15c3-3 Exhibit A from the weekly workpaper's items: the amount
 * required on deposit (item 16), or another line of the computation. Blank cells count as zero;
 * text amounts are read as amounts. Alternative standard (default): aggregate debit items less 3%
 * (15c3-1(a)(1)(ii)(A)), 2% when computing daily. Basic: item 10 (the first debit cell) less 1%
 * (Note E(3)); monthly: 105% (15c3-3(e)(3)(i)(C)). PAB account: no reduction (PAB Note 4). Whole dollars.
 * @customfunction RESERVEFORMULA RESERVEFORMULA
 * @param creditItems Credit items in dollars: Exhibit A items 1-9 and any other credits (a range).
 * @param debitItems Debit items in dollars: items 10-15 in order, item 10 first, and any other debits (a range).
 * @param [standard] "alternative" (default) or "basic".
 * @param [frequency] "weekly" (default), "monthly" (basic only) or "daily".
 * @param [account] "customer" (default) or "pab" (proprietary accounts of broker-dealers).
 * @param [line] Which line: "requirement" (default), "total-credits", "aggregate-debits", "reduction", "total-debits", "excess-debits" or "excess-credits".
 * @returns The line in whole dollars.
 */
export function reserveformula(creditItems: any[][], debitItems: any[][], standard?: string, frequency?: string, account?: string, line?: string): number {
  return compute(() => {
    const name = (optionalTextArg("line", line) ?? "requirement").trim().toLowerCase();
    const pick = RESERVE_LINES.find(([n]) => n === name);
    if (!pick) throw new DomainError("unknown-choice", `line "${line}" is not known; use one of ${RESERVE_LINES.map(([n]) => n).join(", ")}.`);
    return pick[2](workpaperReserve(creditItems, debitItems, standard, frequency, account));
  });
}

/**
 * The reserve formula's lines as a two-column table (label, whole dollars) that spills: total
 * credits, aggregate debit items, the reduction, total 15c3-3 debits, the two excesses and the
 * amount required on deposit. Same arguments and rules as FOCUS.RESERVEFORMULA; on Excel without
 * dynamic arrays, enter it over a 7-row, 2-column range, or use RESERVEFORMULA's line argument.
 * @customfunction RESERVELINES RESERVELINES
 * @param creditItems Credit items in dollars: Exhibit A items 1-9 and any other credits (a range).
 * @param debitItems Debit items in dollars: items 10-15 in order, item 10 first, and any other debits (a range).
 * @param [standard] "alternative" (default) or "basic".
 * @param [frequency] "weekly" (default), "monthly" (basic only) or "daily".
 * @param [account] "customer" (default) or "pab" (proprietary accounts of broker-dealers).
 * @returns Seven rows of [label, amount].
 */
export function reservelines(creditItems: any[][], debitItems: any[][], standard?: string, frequency?: string, account?: string): any[][] {
  return computeValue(() => {
    const r = workpaperReserve(creditItems, debitItems, standard, frequency, account);
    return RESERVE_LINES.map(([, label, get]) => [label, get(r).toNumber()]);
  });
}

/** Excel's date serial (days since 1899-12-30) or ISO text as YYYY-MM-DD; null for blank. */
function isoDate(name: string, v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return v.trim();
  throw new DomainError("invalid-argument", `${name} must be a date (a date cell, or text YYYY-MM-DD); got ${JSON.stringify(v)}.`);
}

/** The schedule of three (or four) parallel ranges: categories, market values, maturities, issuers. */
function workpaperSchedule(categories: any[][], marketValues: any[][], maturities: any[][], issuers: any[][] | null | undefined, asOf: unknown, netCapitalBeforeHaircuts: number | null | undefined): HaircutScheduleResult {
  const flat = (r: any[][] | null | undefined) => (r ?? []).flat();
  const cats = flat(categories);
  const values = flat(marketValues);
  const mats = flat(maturities);
  const iss = flat(issuers);
  if (values.length !== cats.length || (mats.length && mats.length !== cats.length) || (iss.length && iss.length !== cats.length)) {
    throw new DomainError("invalid-argument", `the ranges must be the same size: categories ${cats.length}, marketValues ${values.length}, maturities ${mats.length}${iss.length ? `, issuers ${iss.length}` : ""}.`);
  }
  const date = isoDate("asOf", asOf);
  const positions: Position[] = [];
  cats.forEach((c, i) => {
    if ((c === null || c === "") && (values[i] === null || values[i] === "" || values[i] === undefined)) return;
    const mv = rangeAmounts(`marketValues, row ${i + 1}`, [[values[i]]]);
    const m = mats[i];
    const maturity = m === null || m === undefined || m === "" ? null : typeof m === "number" && date && m > 1000 ? isoDate(`maturities, row ${i + 1}`, m) : typeof m === "number" ? fromExcelNumber(m) : String(m);
    positions.push({ id: `row ${i + 1}`, category: textArg(`categories, row ${i + 1}`, c), marketValue: mv[0] ?? new D(0), maturity, issuer: iss[i] ? String(iss[i]) : null, where: `row ${i + 1}` });
  });
  const s = haircutScheduleOf(positions, { asOf: date, netCapitalBeforeHaircuts: optionalAmountArg("netCapitalBeforeHaircuts", netCapitalBeforeHaircuts) });
  if (s.problems.length) throw new DomainError("invalid-argument", s.problems[0].message);
  return s;
}

/** Undue concentration (3650, and the total 3740 that adds it) cannot be computed while a position that could pass the threshold has no issuer: the first such row, named. */
function concentrationUntestable(s: HaircutScheduleResult): never | void {
  const w = s.warnings.find((x) => x.column === "issuer");
  if (w) throw new DomainError("invalid-argument", w.message);
}

/**
 * The haircut schedule of an inventory by form line (15c3-1(c)(2)(vi) over the book: (A) category
 * offsets, greater-of sides, the (J) book, (K)(ii), and (M) when net capital before haircuts is
 * given), as a two-column table that spills: item code and whole dollars, lines 3680-3734, 3650 and
 * the total 3740. Maturities are date cells (with asOf) or years. On Excel without dynamic arrays
 * use FOCUS.HAIRCUTLINE.
 * @customfunction HAIRCUTSCHEDULE HAIRCUTSCHEDULE
 * @param categories The positions' categories (a range; see FOCUS.HAIRCUTCATEGORIES, plus LIMITED).
 * @param marketValues Market values in dollars (a range; long positive, short negative).
 * @param maturities Maturity dates or years to maturity (a range; blank where the category needs none).
 * @param [issuers] Issuers (a range), for undue concentration.
 * @param [asOf] The report date (a date cell, or text YYYY-MM-DD), for maturities given as dates.
 * @param [netCapitalBeforeHaircuts] Tentative net capital in dollars (item 3640), for undue concentration.
 * @returns Rows of [item code, whole dollars].
 */
export function haircutschedule(categories: any[][], marketValues: any[][], maturities: any[][], issuers?: any[][], asOf?: any, netCapitalBeforeHaircuts?: number): any[][] {
  return computeValue(() => {
    const s = workpaperSchedule(categories, marketValues, maturities, issuers, asOf, netCapitalBeforeHaircuts);
    concentrationUntestable(s);
    return [...SCHEDULE_LINES.map((l) => [l.code, s.lines[l.code].toNumber()]), ["3740", s.total.toNumber()]];
  });
}

/**
 * One line of the haircut schedule (see FOCUS.HAIRCUTSCHEDULE): the item code 3680, 3690, 3700,
 * 3710, 3720, 3730, 3732, 3734, 3650 or 3740 (the total). Whole dollars.
 * @customfunction HAIRCUTLINE HAIRCUTLINE
 * @param line The item code of the line, e.g. 3690.
 * @param categories The positions' categories (a range).
 * @param marketValues Market values in dollars (a range; long positive, short negative).
 * @param maturities Maturity dates or years to maturity (a range).
 * @param [issuers] Issuers (a range), for undue concentration.
 * @param [asOf] The report date (a date cell, or text YYYY-MM-DD).
 * @param [netCapitalBeforeHaircuts] Tentative net capital in dollars (item 3640).
 * @returns The line in whole dollars.
 */
export function haircutline(line: any, categories: any[][], marketValues: any[][], maturities: any[][], issuers?: any[][], asOf?: any, netCapitalBeforeHaircuts?: number): number {
  return compute(() => {
    const code = textArg("line", line).trim();
    if (code !== "3740" && !SCHEDULE_LINES.some((l) => l.code === code)) {
      throw new DomainError("unknown-choice", `line ${code} is not a haircut line; use one of ${[...SCHEDULE_LINES.map((l) => l.code), "3740"].join(", ")}.`);
    }
    const s = workpaperSchedule(categories, marketValues, maturities, issuers, asOf, netCapitalBeforeHaircuts);
    if (code === "3650" || code === "3740") concentrationUntestable(s);
    return code === "3740" ? s.total : s.lines[code];
  });
}
