/**
 * The haircut schedule: from a securities inventory to the form's haircut lines, as Rule
 * 15c3-1(c)(2)(vi) computes them over the book, not position by position:
 * - (A) U.S. government (and (C) Canadian) obligations: net long or short in each subcategory
 *   (maturity band), and per category the net of the long and the short deductions plus 50 % of
 *   the lesser; the (A)(3) cross-category pairs and (F)(2)-(4) hedges where the inventory groups a
 *   pair in a hedge group (hedge_group) and their maturities are within the rule's windows;
 * - (B), (D)(1)-(2), (E), (F)(1), (H): the greater of the long or the short position, per band;
 * - (J), all other securities (and (G) convertibles at or above principal): 15 % of the greater of
 *   the long or short side of the whole book plus 15 % of the lesser beyond 25 % of the greater;
 * - (K)(ii) limited-market securities: 40 % of both sides; (c)(2)(vii) no ready market: 100 %,
 *   a deduction of its own (non-allowable), not a haircut line;
 * - options (Appendix A, 15c3-1a) and arbitrage: the deduction as entered;
 * - (M) undue concentration, when net capital before haircuts is given: per issuer and class, the
 *   part above 10 % of it (and above the (M)(3) floors) is charged 15 % ((J) securities) or 50 %
 *   of its haircut rate.
 *
 * Units: dollars. Each position's deduction is exact to 20 decimals (a category's offset is shared
 * among its positions in proportion to their own haircuts, the last taking the remainder, so
 * positions add up to their line exactly);
 * the form's lines are rounded half-up to whole dollars, and 3740 is the sum of the rounded lines.
 */
import { roundToScale } from "../report/amount";
import { D, Decimal } from "../report/decimal";
import { DomainError } from "../report/errors";
import {
  CATEGORY_OFFSET_RATE,
  haircut as positionHaircut,
  haircutSchedule,
  haircutCategories,
  LIMITED_MARKET_RATE,
  NO_READY_MARKET_RATE,
  NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS,
  NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS,
  OFFSET_THRESHOLD_RATE,
  OTHER_SECURITIES_RATE,
  type Band,
  type MaturityUnit,
} from "./haircuts";
import { applyRate, type Rate } from "../net-capital/regulation";
import { concentration, push, sumOf } from "./haircut-concentration";

/** Categories the schedule takes beyond FOCUS.HAIRCUTCATEGORIES(). */
export const SCHEDULE_ONLY_CATEGORIES = ["LIMITED", "NO-READY-MARKET", "OPTION", "ARBITRAGE"] as const;

/** Every category the schedule takes. */
export function scheduleCategories(): string[] {
  return [...haircutCategories(), ...SCHEDULE_ONLY_CATEGORIES];
}

/** The form line (item code) each category feeds (9C.1-9C.9), and its title. */
export const SCHEDULE_LINES: readonly { code: string; line: string; title: string; categories: string[] }[] = [
  { code: "3680", line: "9C.1", title: "Bankers' acceptances, certificates of deposit and commercial paper", categories: ["CP"] },
  { code: "3690", line: "9C.2", title: "U.S. and Canadian government obligations", categories: ["USGOV", "CANADA"] },
  { code: "3700", line: "9C.3", title: "State and municipal government obligations", categories: ["MUNI-SHORT", "MUNI"] },
  { code: "3710", line: "9C.4", title: "Corporate obligations", categories: ["NONCONV", "CONV", "CONV-BELOW"] },
  { code: "3720", line: "9C.5", title: "Stocks and warrants", categories: ["OTHER", "PREF", "LIMITED"] },
  { code: "3730", line: "9C.6", title: "Options", categories: ["OPTION"] },
  { code: "3732", line: "9C.7", title: "Arbitrage", categories: ["ARBITRAGE"] },
  { code: "3734", line: "9C.9", title: "Other securities", categories: ["MMF", "FUND-GOV", "FUND-DEBT"] },
  { code: "3650", line: "9D", title: "Undue concentration", categories: [] },
];

const LINE_OF = new Map(SCHEDULE_LINES.flatMap((l) => l.categories.map((c) => [c, l.code] as const)));

/** One position of the inventory. Long positive, short negative, in dollars. */
export interface Position {
  id: string;
  description?: string;
  category: string;
  marketValue: Decimal;
  /** An ISO date (with the schedule's as-of date) or a number of years; null when the category needs none. */
  maturity?: string | Decimal | null;
  issuer?: string | null;
  /**
   * The class or series of the issuer's securities (a CUSIP, "common", "Series B preferred"): (M)
   * applies to "securities of a single class or series of an issuer". Absent: the category, and for
   * debt its maturity, stand for it (common and preferred of one issuer are never pooled).
   */
  securityClass?: string | null;
  hedgeGroup?: string | null;
  /** OPTION and ARBITRAGE: the deduction computed elsewhere (Appendix A), taken as entered; dollars, not negative. */
  haircut?: Decimal | null;
  /** Where the position was read ("row 5"), for problems. */
  where?: string;
}

/** A position the schedule could not compute, and why: names the row and the column. */
export interface ScheduleProblem {
  id: string;
  where: string;
  column: string;
  message: string;
}

/** A position's deduction (exact dollars) and the rule that gave it. */
export interface PositionDeduction {
  id: string;
  category: string;
  marketValue: Decimal;
  haircut: Decimal;
  /** The form line it feeds (3680-3734), or "3540" for (c)(2)(vii). */
  line: string;
  rule: string;
}

/** The undue-concentration charge of one issuer and class, with its arithmetic. */
export interface ConcentrationCharge {
  issuer: string;
  /** The class or series charged (the inventory's class, else the category and, for debt, the maturity). */
  series: string;
  kind: "equity" | "debt";
  side: "long" | "short";
  marketValue: Decimal;
  /** The part of the position charged: above the greater of 10 % of net capital before haircuts and the (M)(3) floor. */
  excess: Decimal;
  charge: Decimal;
  arithmetic: string;
}

/** The schedule. `lines` by item code, whole dollars; `total` is 3740 (the sum of the lines). */
export interface HaircutScheduleResult {
  asOf: string | null;
  lines: Record<string, Decimal>;
  total: Decimal;
  /** (c)(2)(vii) no ready market: 100 % of carrying value, a deduction of its own (not in 3740). */
  noReadyMarket: Decimal;
  positions: PositionDeduction[];
  undueConcentration: ConcentrationCharge[];
  problems: ScheduleProblem[];
  /**
   * Positions the schedule computed but warns about, naming the row: a zero market value (nothing
   * to haircut; not an error), a position without an issuer where (M) applies ("cannot test
   * concentration").
   */
  warnings: ScheduleProblem[];
  /** What the schedule took as entered or did not compute. */
  notes: string[];
}

/** Options of the schedule. */
export interface ScheduleOptions {
  /** The report's as-of date (ISO, YYYY-MM-DD): needed for maturities given as dates. */
  asOf?: string | null;
  /** Net capital before haircuts (tentative net capital, 3640), dollars: needed for (M). */
  netCapitalBeforeHaircuts?: Decimal | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): Date | null {
  const m = ISO.exec(s.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}

function addMonths(d: Date, n: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

const DAY_MS = 86_400_000;

/**
 * Time from `asOf` to `maturity`: whole days, and calendar months with the part-month as a
 * fraction (so "less than 3 months" means before the date three calendar months on).
 */
export function timeToMaturity(asOf: Date, maturity: Date): { days: Decimal; months: Decimal } {
  // UTC midnights: the difference is a whole number of days, divided exactly.
  const days = new D(maturity.getTime() - asOf.getTime()).div(DAY_MS);
  let full = 0;
  while (addMonths(asOf, full + 1).getTime() <= maturity.getTime()) full++;
  const from = addMonths(asOf, full).getTime();
  const to = addMonths(asOf, full + 1).getTime();
  return { days, months: new D(full).plus(new D(maturity.getTime() - from).div(to - from)) };
}

/** A position as the schedule values it (internal to the schedule and its (M) computation, haircut-concentration.ts). */
export interface Valued {
  p: Position;
  line: string;
  /** The band that applies, and its rate, for banded categories. */
  band?: Band;
  rate: Rate | null;
  /** The time to maturity in years (for hedge windows). */
  years: Decimal | null;
  /** The deduction assigned (exact). */
  haircut: Decimal;
  /**
   * "The percentage deduction otherwise provided" for the position ((M)(1)): the rate of its
   * category and band (of the hedge, for a hedged position), before any offset between positions.
   */
  baseRate: Rate | null;
  /** A part of a position split by a hedge: the position's whole market value (the part's is p.marketValue). */
  whole?: Decimal;
  /** (A)(3): the pair's net market value, which this position carries in its category. */
  netValue?: Decimal;
  rule: string;
}

/**
 * Compute the schedule. Never throws on bad positions: each becomes a problem naming its row and
 * column and is left out of the lines. Throws DomainError (invalid-argument) only for an as-of date
 * that is not an ISO date or a negative net capital before haircuts.
 */
export function haircutScheduleOf(positions: readonly Position[], options: ScheduleOptions = {}): HaircutScheduleResult {
  const asOf = options.asOf ? parseDate(options.asOf) : null;
  if (options.asOf && !asOf) throw new DomainError("invalid-argument", `the as-of date "${options.asOf}" is not a date (use YYYY-MM-DD).`);
  const ncbh = options.netCapitalBeforeHaircuts ?? null;
  if (ncbh && ncbh.isNegative()) throw new DomainError("invalid-argument", "net capital before haircuts is negative.");
  const problems: ScheduleProblem[] = [];
  const warnings: ScheduleProblem[] = [];
  const notes: string[] = [];
  const valid: Valued[] = [];
  const seen = new Set<string>();
  const categories = new Set(scheduleCategories());
  for (const p of positions) {
    const where = p.where ?? `position ${p.id}`;
    const problem = (column: string, message: string) => problems.push({ id: p.id, where, column, message: `${where} (${p.id || "no id"}): ${message}` });
    if (!p.id.trim()) {
      problem("id", "the position has no id.");
      continue;
    }
    if (seen.has(p.id)) {
      problem("id", `the id "${p.id}" is given twice; each position needs its own.`);
      continue;
    }
    seen.add(p.id);
    const category = p.category.trim().toUpperCase();
    if (!categories.has(category)) {
      problem("category", `category "${p.category}" is not known; use one of ${[...categories].join(", ")}.`);
      continue;
    }
    if (p.marketValue.isZero()) {
      // A position carried at zero (written off, or priced at nothing) is nothing to haircut: a
      // warning, not a failure of the schedule.
      warnings.push({ id: p.id, where, column: "market_value", message: `${where} (${p.id}): the market value is zero: nothing to haircut; the position is left out of the lines.` });
      continue;
    }
    if (category === "NO-READY-MARKET") {
      valid.push({ p: { ...p, category }, line: "3540", rate: NO_READY_MARKET_RATE, baseRate: NO_READY_MARKET_RATE, years: null, haircut: applyRate(NO_READY_MARKET_RATE, p.marketValue.abs()), rule: "15c3-1(c)(2)(vii): 100% of carrying value" });
      continue;
    }
    if (category === "OPTION" || category === "ARBITRAGE") {
      if (!p.haircut || p.haircut.isNegative()) {
        problem("haircut", `${category === "OPTION" ? "options" : "arbitrage"} are taken as entered: give the deduction (computed under Appendix A, 15c3-1a) in the haircut column.`);
        continue;
      }
      valid.push({ p: { ...p, category }, line: LINE_OF.get(category)!, rate: null, baseRate: null, years: null, haircut: p.haircut, rule: "taken as entered (15c3-1a, Appendix A)" });
      continue;
    }
    if (category === "LIMITED") {
      valid.push({ p: { ...p, category }, line: "3720", rate: LIMITED_MARKET_RATE, baseRate: LIMITED_MARKET_RATE, years: null, haircut: applyRate(LIMITED_MARKET_RATE, p.marketValue.abs()), rule: "15c3-1(c)(2)(vi)(K)(ii): 40% of the long and of the short position" });
      continue;
    }
    const schedule = haircutSchedule(category);
    let t: { value: Decimal; unit: MaturityUnit } | null = null;
    let years: Decimal | null = null;
    if (schedule.bands) {
      const m = p.maturity ?? null;
      if (m === null || (typeof m === "string" && !m.trim())) {
        problem("maturity", `category ${category} is haircut by time to maturity: give the maturity (a date, with --as-of, or years).`);
        continue;
      }
      if (typeof m === "string") {
        const date = parseDate(m);
        if (!date) {
          problem("maturity", `maturity "${m}" is not a date (YYYY-MM-DD) or a number of years.`);
          continue;
        }
        if (!asOf) {
          problem("maturity", "the maturity is a date: give the schedule's as-of date (--as-of) to measure it.");
          continue;
        }
        if (date.getTime() < asOf.getTime()) {
          problem("maturity", `maturity ${m} is before the as-of date ${options.asOf}: the position has matured.`);
          continue;
        }
        const ttm = timeToMaturity(asOf, date);
        t = schedule.unit === "days" ? { value: ttm.days, unit: "days" } : { value: ttm.months, unit: "months" };
        // (E)(5) "271 days but less than 1 year" and (E)(6) "1 year or more": a year is to the same
        // date a year on, not 365 days. Across a February 29 a CD with 365 calendar days left
        // matures before that date: under a year, in (E)(5).
        if (schedule.unit === "days" && schedule.beyond && ttm.months.lt(12) && ttm.days.gte(schedule.beyond.from)) t = { value: schedule.beyond.from.minus(1), unit: "days" };
        years = ttm.months.div(12);
      } else {
        if (m.isNegative()) {
          problem("maturity", `maturity ${m.toString()} years is negative.`);
          continue;
        }
        t = { value: m, unit: "years" };
        years = m;
      }
    }
    let r;
    try {
      r = positionHaircut(category, p.marketValue, t?.value ?? null, t?.unit ?? "years");
    } catch (e) {
      problem("maturity", e instanceof DomainError ? e.message : String(e));
      continue;
    }
    valid.push({ p: { ...p, category }, line: LINE_OF.get(category)!, band: r.band, rate: r.rate, baseRate: r.rate, years, haircut: r.haircut, rule: `${r.schedule.citation}: ${r.rate.text}${r.band ? " for its maturity" : ""}` });
  }

  hedges(valid, notes);
  governmentCategories(valid);
  greaterOfSide(valid);
  otherSecurities(valid);

  const lines: Record<string, Decimal> = {};
  for (const l of SCHEDULE_LINES) lines[l.code] = new D(0);
  let noReadyMarket = new D(0);
  for (const v of valid) {
    if (v.line === "3540") noReadyMarket = noReadyMarket.plus(v.haircut);
    else lines[v.line] = lines[v.line].plus(v.haircut);
  }
  const undueConcentration = ncbh ? concentration(valid, ncbh, warnings) : [];
  if (!ncbh) notes.push("Undue concentration (M) is not computed: give net capital before haircuts.");
  notes.push("Options and arbitrage are taken as entered (Appendix A, 15c3-1a); municipal concentration ((M)(4)) and specialists ((M)(5)) are not computed.");
  lines["3650"] = undueConcentration.reduce((a, c) => a.plus(c.charge), new D(0));
  for (const k of Object.keys(lines)) lines[k] = roundToScale(lines[k], "dollars");
  const total = Object.values(lines).reduce((a, b) => a.plus(b), new D(0));
  return {
    asOf: options.asOf ?? null,
    lines,
    total,
    noReadyMarket: roundToScale(noReadyMarket, "dollars"),
    positions: byPosition(valid),
    undueConcentration,
    problems,
    warnings,
    notes,
  };
}


/** One row per position of the inventory: a position split by a hedge is its parts summed, with both parts' rules. */
function byPosition(valid: readonly Valued[]): PositionDeduction[] {
  const out = new Map<string, PositionDeduction>();
  for (const v of valid) {
    const prev = out.get(v.p.id);
    if (prev) {
      prev.haircut = prev.haircut.plus(v.haircut);
      prev.rule = `${prev.rule}; ${v.rule}`;
      continue;
    }
    out.set(v.p.id, { id: v.p.id, category: v.p.category, marketValue: v.whole ?? v.p.marketValue, haircut: v.haircut, line: v.line, rule: v.rule });
  }
  return [...out.values()];
}

/**
 * Split `v` at `amount` (of its size): `v` keeps `amount` on its side, and a new part with the rest
 * (same band and rate, haircut as usual) is added to `valid` and returned; null when nothing is left.
 */
function splitAt(valid: Valued[], v: Valued, amount: Decimal): Valued | null {
  const size = v.p.marketValue.abs();
  if (amount.gte(size)) return null;
  const sign = v.p.marketValue.isNegative() ? -1 : 1;
  const whole = v.whole ?? v.p.marketValue;
  const restValue = size.minus(amount).times(sign);
  const rest: Valued = { ...v, p: { ...v.p, marketValue: restValue }, whole, haircut: v.rate ? applyRate(v.rate, restValue.abs()) : new D(0), rule: v.rule };
  v.p = { ...v.p, marketValue: amount.times(sign) };
  v.whole = whole;
  v.haircut = v.rate ? applyRate(v.rate, amount) : v.haircut;
  valid.push(rest);
  return rest;
}


/** Decimal places of a position's share: far below a cent, and few enough that sums are exact. */
const SHARE_PLACES = 20;

/**
 * Share `total` among `vs` in proportion to `weight` (equal shares when the weights are all zero).
 * Shares are cut at 20 decimals and the last takes the remainder, so they add up to `total`
 * exactly, and any sum of them is exact in any order (a line does not depend on the order of the
 * inventory: an unrounded 1/3 share once made a line end in .4999… instead of .5).
 */
function share(vs: readonly Valued[], total: Decimal, weight: (v: Valued) => Decimal): void {
  const weights = vs.map(weight);
  const w = sumOf(weights);
  const f = w.isZero() ? null : total.div(w); // one division, then a product per position
  let rest = total;
  vs.forEach((v, i) => {
    if (i === vs.length - 1) {
      v.haircut = rest;
      return;
    }
    v.haircut = (f ? weights[i].times(f) : total.div(vs.length)).toDecimalPlaces(SHARE_PLACES);
    rest = rest.minus(v.haircut);
  });
}

/** Windows within which two positions may be paired: [from, to) in years and the greatest gap between maturities. */
const F2_WINDOWS: [number, number | null, number][] = [
  [0, 5, 0.5],
  [5, 10, 0.75],
  [10, 15, 2],
  [15, null, 10],
];

/**
 * (F)(2)-(4): a hedge group holding a nonconvertible debt position and an opposite position in U.S.
 * government securities (or in other nonconvertible debt), both maturing within one of the rule's
 * windows ("less than five years and within 6 months of each other", ...), is a hedge of the
 * matched amount, the lesser of the two sizes: the (F)(3) or (F)(4) rate is charged on that amount
 * of the hedged debt position, and the hedging U.S. government position of that amount leaves (A).
 * The excess of either side is haircut as usual: a larger debt position's rest under (F)(1), a
 * larger Treasury's rest in its (A) category. Groups that do not qualify are haircut as usual, and a
 * note says why. Two government securities in a group are an (A)(3) pair: U.S. with U.S., or
 * Canadian with Canadian under (C) ("the same as in paragraph (A)"), never one with the other.
 */
function hedges(valid: Valued[], notes: string[]): void {
  const groups = new Map<string, Valued[]>();
  for (const v of valid) {
    const g = v.p.hedgeGroup?.trim();
    if (g) push(groups, g, v);
  }
  for (const [g, vs] of groups) {
    const govs = vs.filter((v) => v.p.category === "USGOV" || v.p.category === "CANADA");
    if (vs.length === 2 && govs.length === 2) {
      if (vs[0].p.category !== vs[1].p.category) {
        notes.push(`Hedge group "${g}": a U.S. government and a Canadian government security do not pair: (A)(3) pairs U.S. government securities, and a Canadian bond pairs under (C) only with Canadian bonds; haircut as usual.`);
        continue;
      }
      governmentPair(g, vs as [Valued, Valued], notes);
      continue;
    }
    const debt = vs.filter((v) => v.p.category === "NONCONV");
    const gov = vs.filter((v) => v.p.category === "USGOV");
    const pair = debt.length === 2 && gov.length === 0 ? debt : debt.length === 1 && gov.length === 1 ? [debt[0], gov[0]] : null;
    if (!pair || vs.length !== 2 || pair[0].p.marketValue.isNegative() === pair[1].p.marketValue.isNegative() || !pair[0].years || !pair[1].years) {
      notes.push(`Hedge group "${g}": not a long and a short of nonconvertible debt against U.S. government or nonconvertible debt with known maturities; haircut as usual.`);
      continue;
    }
    const [a, b] = pair;
    // Both maturities in one window, and within its distance of each other.
    const inWindow = (y: Decimal) => F2_WINDOWS.find(([from, to]) => y.gte(from) && (to === null || y.lt(to)))!;
    const [wa, wb] = [inWindow(a.years!), inWindow(b.years!)];
    if (wa !== wb) {
      notes.push(`Hedge group "${g}": maturities of ${a.years!.toDecimalPlaces(2).toString()} and ${b.years!.toDecimalPlaces(2).toString()} years are not in one (F)(2) window (less than 5 years, 5 to 10, 10 to 15, 15 or more); haircut as usual.`);
      continue;
    }
    const gap = a.years!.minus(b.years!).abs();
    if (gap.gt(wa[2])) {
      notes.push(`Hedge group "${g}": maturities ${gap.toDecimalPlaces(2).toString()} years apart, more than the ${wa[2]} years (F)(2) allows at that maturity; haircut as usual.`);
      continue;
    }
    const againstGov = b.p.category === "USGOV";
    // Debt against debt: the charge is on one of them, the longer (the higher rate), of the matched amount.
    const hedged = againstGov ? a : a.years!.gte(b.years!) ? a : b;
    const hedging = hedged === a ? b : a;
    const matched = D.min(a.p.marketValue.abs(), b.p.marketValue.abs());
    const restHedged = splitAt(valid, hedged, matched);
    const restHedging = splitAt(valid, hedging, matched);
    for (const rest of [restHedged, restHedging]) {
      if (rest) rest.rule = `${rest.rule}; the ${rest.p.marketValue.abs().toFixed(0)} beyond the ${matched.toFixed(0)} hedged in group "${g}", haircut as usual`;
    }
    const bands = againstGov ? NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS : NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS;
    const band = bands.find((x) => hedged.years!.gte(x.from) && (x.to === null || hedged.years!.lt(x.to)))!;
    hedged.haircut = applyRate(band.rate, matched);
    hedged.rule = `${band.rate.citation}: ${band.rate.text} of the ${matched.toFixed(0)} hedged (hedge group "${g}")`;
    hedged.band = undefined;
    hedged.rate = null;
    hedged.baseRate = band.rate;
    hedging.haircut = new D(0);
    hedging.rule = `${againstGov ? `15c3-1(c)(2)(vi)(F)(3): the ${matched.toFixed(0)} of the hedging government position leaves (A)` : "15c3-1(c)(2)(vi)(F)(4): the hedge is charged on the hedged position"} (hedge group "${g}")`;
    hedging.band = undefined;
    hedging.rate = null;
  }
}

/** (A)(3) windows, in months: [from, to] inclusive for both maturities, and the greatest gap. */
const A3_WINDOWS: [number, number, number][] = [
  [9, 15, 3],
  [24, 48, 12],
  [96, 144, 24],
];

/**
 * (A)(3): a long and a short government security of different categories, both within one of the
 * windows (9-15 months and within 3 months of each other; 2-4 years and within 1 year; 8-12 years
 * and within 2 years), may be excluded from their categories; their net market value stays in the
 * category (and band) of the security with the higher market value.
 */
function governmentPair(g: string, [a, b]: [Valued, Valued], notes: string[]): void {
  const months = (v: Valued) => (v.years ? v.years.times(12) : null);
  const ma = months(a);
  const mb = months(b);
  const why = (reason: string): void => {
    notes.push(`Hedge group "${g}": ${reason}; haircut as usual.`);
  };
  if (!ma || !mb || !a.band?.category || !b.band?.category) return why("both positions need a maturity");
  if (a.p.marketValue.isNegative() === b.p.marketValue.isNegative()) return why("not a long and a short");
  if (a.band.category === b.band.category) return why("both are in one category, where they offset already");
  const win = A3_WINDOWS.find(([from, to, gap]) => [ma, mb].every((m) => m.gte(from) && m.lte(to)) && ma.minus(mb).abs().lte(gap));
  if (!win) return why("maturities not within one of the (A)(3) windows (9-15 months within 3 months, 2-4 years within 1 year, 8-12 years within 2 years)");
  const [larger, smaller] = a.p.marketValue.abs().gte(b.p.marketValue.abs()) ? [a, b] : [b, a];
  larger.netValue = a.p.marketValue.plus(b.p.marketValue);
  larger.rule = `15c3-1(c)(2)(vi)(A)(3): paired with ${smaller.p.id}; the net ${larger.netValue.toFixed(0)} stays in category ${larger.band!.category}`;
  smaller.haircut = new D(0);
  smaller.band = undefined;
  smaller.rate = null;
  smaller.rule = `15c3-1(c)(2)(vi)(A)(3): paired with ${larger.p.id} (hedge group "${g}"), excluded from its category`;
}

/**
 * (A)(1) and (C): per code (USGOV, CANADA), per subcategory (band) the net long or short position
 * times its rate; per category (1-4) the net of the long and the short deductions plus 50 % of the
 * lesser. The category's deduction is shared among its positions in proportion to their own.
 */
function governmentCategories(valid: Valued[]): void {
  for (const code of ["USGOV", "CANADA"]) {
    const inA = valid.filter((v) => v.p.category === code && v.band?.category);
    const byCategory = new Map<number, Valued[]>();
    for (const v of inA) push(byCategory, v.band!.category!, v);
    for (const [cat, vs] of byCategory) {
      const bands = new Map<Band, Valued[]>();
      for (const v of vs) push(bands, v.band!, v);
      let long = new D(0);
      let short = new D(0);
      for (const [band, bvs] of bands) {
        const net = sumOf(bvs.map((v) => v.netValue ?? v.p.marketValue));
        const d = applyRate(band.rate, net.abs());
        if (net.isNegative()) short = short.plus(d);
        else long = long.plus(d);
      }
      const deduction = long.minus(short).abs().plus(applyRate(CATEGORY_OFFSET_RATE, D.min(long, short)));
      // Each position's own haircut (the rate of its band on its market value) is its weight.
      share(vs, deduction, (v) => (v.netValue ? applyRate(v.band!.rate, v.netValue.abs()) : v.haircut));
      for (const v of vs) v.rule = `15c3-1(c)(2)(vi)(A)(1): category ${cat}, net of the long (${long.toFixed(2)}) and short (${short.toFixed(2)}) deductions plus 50% of the lesser, shared by own haircut`;
    }
  }
}

/**
 * (B), (D)(1)-(2), (E), (F)(1), (G) below principal, (H): per category and band, the rate on the
 * greater of the long or the short side; the side that is charged shares the deduction. (D)(3)
 * charges "the long or short position": each position.
 */
function greaterOfSide(valid: Valued[]): void {
  const cats = new Set(["MUNI-SHORT", "MUNI", "CP", "NONCONV", "CONV-BELOW", "PREF", "MMF", "FUND-GOV"]);
  const groups = new Map<string, Valued[]>();
  for (const v of valid) {
    if (!cats.has(v.p.category) || !v.rate) continue;
    const key = `${v.p.category}|${v.rate.id}`;
    push(groups, key, v);
  }
  for (const vs of groups.values()) {
    const longs = vs.filter((v) => !v.p.marketValue.isNegative());
    const shorts = vs.filter((v) => v.p.marketValue.isNegative());
    const L = sumOf(longs.map((v) => v.p.marketValue));
    const S = sumOf(shorts.map((v) => v.p.marketValue.abs()));
    const [, free] = L.gte(S) ? [longs, shorts] : [shorts, longs];
    const rate = vs[0].rate!;
    // The charged side's positions keep their own haircut (the rate on their market value): together
    // they are the rate on the greater side. The lesser side is not charged.
    for (const v of free) {
      v.haircut = new D(0);
      v.rule = `${rate.citation}: ${rate.text} of the greater of the long or short position; this side is the lesser`;
    }
  }
}

/**
 * (J) across the book (with (G) convertibles at or above principal): 15 % of the greater side plus
 * 15 % of the lesser side beyond 25 % of the greater. The greater side's positions bear 15 % each;
 * the lesser side shares its charge in proportion to market value.
 */
function otherSecurities(valid: Valued[]): void {
  const book = valid.filter((v) => v.p.category === "OTHER" || v.p.category === "CONV");
  if (!book.length) return;
  const longs = book.filter((v) => !v.p.marketValue.isNegative());
  const shorts = book.filter((v) => v.p.marketValue.isNegative());
  const L = sumOf(longs.map((v) => v.p.marketValue));
  const S = sumOf(shorts.map((v) => v.p.marketValue.abs()));
  const [greater, lesser] = L.gte(S) ? [longs, shorts] : [shorts, longs];
  const G = D.max(L, S);
  const l = D.min(L, S);
  const excess = D.max(new D(0), l.minus(applyRate(OFFSET_THRESHOLD_RATE, G)));
  for (const v of greater) {
    v.haircut = applyRate(OTHER_SECURITIES_RATE, v.p.marketValue.abs());
    v.rule = "15c3-1(c)(2)(vi)(J): 15% of the greater side of the book";
  }
  share(lesser, applyRate(OTHER_SECURITIES_RATE, excess), (v) => v.p.marketValue.abs());
  for (const v of lesser) v.rule = `15c3-1(c)(2)(vi)(J): 15% of the lesser side beyond 25% of the greater (${excess.toFixed(0)} of ${l.toFixed(0)})`;
}
