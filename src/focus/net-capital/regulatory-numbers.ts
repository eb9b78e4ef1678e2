/**
 * The register of every regulatory number the engine holds (rates, maturity bands, dollar
 * minimums, thresholds, counts), flattened for review and for test/regulatory-quotes.test.ts, which
 * finds each quote in the stored eCFR text and reads the number back out of it.
 */
import { MARKET_MAKER_MINIMUM, DOLLAR_MINIMUMS, RESERVE_RATES } from "./capital";
import { Decimal } from "../report/decimal";
import {
  CATEGORY_OFFSET_RATE,
  HAIRCUT_SCHEDULES,
  LIMITED_MARKET_RATE,
  NO_READY_MARKET_RATE,
  NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS,
  NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS,
  OFFSET_THRESHOLD_RATE,
  OPEN_CONTRACTUAL_COMMITMENTS,
  OTHER_SECURITIES_RATE,
  UNDUE_CONCENTRATION,
  type Band,
  type MaturityUnit,
} from "../haircuts/haircuts";
import { RESERVE_FREQUENCY } from "../reserve/reserve-frequency";
import { RATES, type CountFigure, type DollarFigure, type Quote, type QuoteRef, type Rate } from "./regulation";
import { RULE_WORDS } from "./rule-words";

/** A figure's quote with its words from the side table; none when the table has no words for it. */
function quoteOf(id: string, ref: QuoteRef | undefined): Quote | undefined {
  const words = RULE_WORDS[id];
  return ref && words !== undefined ? { ...ref, words } : undefined;
}

/**
 * One number of the register.
 * - kind "percent": `value` is the rate in percent (0.5 for 1/2 of 1 %; 6.666… for 6-2/3 %);
 * - kind "dollars": `value` is whole dollars;
 * - kind "count": `value` counts `unit` ("shares", "business days").
 * `band` gives a maturity band's bounds in its schedule's unit (to: null, no upper bound).
 */
export interface RegulatoryNumber {
  id: string;
  kind: "percent" | "dollars" | "count";
  value: Decimal;
  unit?: string;
  citation: string;
  verified: boolean;
  source: string;
  quote?: Quote;
  band?: { from: Decimal; to: Decimal | null; unit: MaturityUnit };
}

function ofRate(r: Rate, band?: RegulatoryNumber["band"]): RegulatoryNumber {
  const value = r.numerator.div(r.denominator).times(100);
  return { id: r.id, kind: "percent", value, citation: r.citation, verified: r.verified, source: r.source, quote: quoteOf(r.id, r.quote), ...(band ? { band } : {}) };
}

function ofDollars(f: DollarFigure): RegulatoryNumber {
  return { id: f.id, kind: "dollars", value: f.amount, citation: f.citation, verified: f.verified, source: f.source, quote: quoteOf(f.id, f.quote) };
}

function ofCount(f: CountFigure): RegulatoryNumber {
  return { id: f.id, kind: "count", value: f.count, unit: f.unit, citation: f.citation, verified: f.verified, source: f.source, quote: quoteOf(f.id, f.quote) };
}

function ofBands(bands: readonly Band[], unit: MaturityUnit): RegulatoryNumber[] {
  return bands.map((b) => ofRate(b.rate, { from: b.from, to: b.to, unit }));
}

/** Every regulatory number of the engine, each once (a rate shared by two schedules is listed once). */
export function regulatoryNumbers(): RegulatoryNumber[] {
  const out: RegulatoryNumber[] = [];
  const seen = new Set<object>();
  const add = (key: object, n: RegulatoryNumber | RegulatoryNumber[]): void => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(...(Array.isArray(n) ? n : [n]));
  };
  for (const r of Object.values(RATES)) add(r, ofRate(r));
  for (const r of Object.values(RESERVE_RATES)) add(r, ofRate(r));
  for (const m of DOLLAR_MINIMUMS) add(m, ofDollars({ id: `dollarMinimum:${m.code}`, amount: m.amount, citation: m.citation, verified: m.verified, source: m.source, quote: m.quote }));
  for (const f of Object.values(MARKET_MAKER_MINIMUM)) add(f, ofDollars(f));
  for (const s of HAIRCUT_SCHEDULES) {
    if (s.flat) add(s.flat, ofRate(s.flat));
    if (s.bands) add(s.bands, ofBands(s.bands, s.unit ?? "years"));
  }
  add(NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS, ofBands(NONCONVERTIBLE_HEDGED_BY_GOVERNMENT_BANDS, "years"));
  add(NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS, ofBands(NONCONVERTIBLE_HEDGED_BY_DEBT_BANDS, "years"));
  for (const r of [CATEGORY_OFFSET_RATE, OTHER_SECURITIES_RATE, OFFSET_THRESHOLD_RATE, LIMITED_MARKET_RATE, NO_READY_MARKET_RATE]) add(r, ofRate(r));
  for (const f of Object.values(RESERVE_FREQUENCY)) add(f, "numerator" in f ? ofRate(f) : "amount" in f ? ofDollars(f) : ofCount(f));
  for (const f of [...Object.values(UNDUE_CONCENTRATION), ...Object.values(OPEN_CONTRACTUAL_COMMITMENTS)]) {
    if ("numerator" in f) add(f, ofRate(f));
    else if ("count" in f) add(f, ofCount(f));
    else add(f, ofDollars(f));
  }
  return out;
}
