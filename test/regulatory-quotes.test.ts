/**
 * Every regulatory number carries the words of the rule that state it, and those words are in the
 * official eCFR text kept in reference/cfr/ (copied from the eCFR as of 2026-10-01; reference/README.md). For each number of the
 * engine's register (src/focus/net-capital/regulatory-numbers.ts) this test finds its quote in the file of its
 * rule (whitespace normalised, nothing else), reads the one number the quote states ("1 1/2
 * percent" is 1.5, "1/2 of 1%" is 0.5, "$250,000" is 250000) and compares it with the data; for
 * maturity bands it also reads the bounds ("3 months but less than 6 months") back.
 */
import * as fs from "fs";
import * as path from "path";
import { D, Decimal, regulatoryNumbers, rulesFor, DOLLAR_MINIMUMS, RULE_WORDS, type RegulatoryNumber } from "../src/focus";
import { ROOT } from "./helpers";

const CFR = path.join(ROOT, "reference", "cfr");
const FILES: Record<string, string> = {
  "15c3-1": "17cfr240.15c3-1-excerpts.txt",
  "15c3-3": "17cfr240.15c3-3-excerpts.txt",
  "15c3-3a": "17cfr240.15c3-3a-exhibit-a.txt",
  "17a-11": "17cfr240.17a-11.txt",
};

const normalise = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * The rule text of a file: after the file's own notes (SOURCE, STATUS, ..., up to the first blank
 * line), without appended related text. (Read from the first "§ 240." until 0.3.0, which in the
 * 15c3-3 excerpts, with no heading, is a cross-reference inside (e)(3)(i)(C).)
 */
function ruleText(file: string): string {
  const raw = fs.readFileSync(path.join(CFR, file), "utf8");
  const start = raw.indexOf("\n\n") + 2;
  const related = raw.indexOf("\nRELATED RULE TEXT");
  return normalise(raw.slice(start, related > 0 ? related : undefined));
}
const TEXTS = new Map(Object.entries(FILES).map(([rule, file]) => [rule, ruleText(file)]));

/** The rule a paragraph belongs to: "15c3-1(c)(2)(vi)(A)(1)" -> "15c3-1"; "15c3-3a Note E(3)" -> "15c3-3a". */
function ruleOf(paragraph: string): string {
  const m = /^(15c3-3a|15c3-3|15c3-1|17a-11)\b/.exec(paragraph);
  if (!m) throw new Error(`paragraph ${paragraph} names no stored rule`);
  return m[1];
}

/** "1 1/2" -> 1.5, "1,200" -> 1200, "3/4" -> 0.75. */
function numberOf(whole: string | undefined, frac: string | undefined): Decimal {
  let v = new D(whole ? whole.replace(/,/g, "") : 0);
  if (frac) {
    const [n, d] = frac.split("/");
    v = v.plus(new D(n).div(d));
  }
  return v;
}

const PERCENT = /(?:(\d[\d,]*)\s+)?(\d+\/\d+)(?:\s+of\s+1)?\s*(?:percent|%)|(\d[\d,]*(?:\.\d+)?)\s*(?:percent|%)/g;

/** The numbers of a kind the words state. */
function statedNumbers(n: RegulatoryNumber, words: string): Decimal[] {
  if (n.kind === "percent") return [...words.matchAll(PERCENT)].map((m) => (m[2] ? numberOf(m[1], m[2]) : numberOf(m[3], undefined)));
  if (n.kind === "dollars") return [...words.matchAll(/\$(\d[\d,]*)( million)?/g)].map((m) => numberOf(m[1], undefined).times(m[2] ? 1_000_000 : 1));
  return [...words.matchAll(new RegExp(`(\\d[\\d,]*) ${n.unit}`, "g"))].map((m) => numberOf(m[1], undefined));
}

const UNIT_OF: Record<string, "days" | "months" | "years"> = { day: "days", days: "days", month: "months", months: "months", year: "years", years: "years" };
const PER_YEAR = { days: 365, months: 12, years: 1 };
const N = String.raw`(\d+)(?: (\d+/\d+))?`;
const U = String.raw`(days?|months?|years?)`;

/** A band's bounds as its words give them, in `unit`: "3 months but less than 6 months" -> [3, 6). */
function statedBounds(words: string, unit: "days" | "months" | "years"): { from: Decimal; to: Decimal | null } | string {
  const conv = (w: string, f: string | undefined, u: string): Decimal => numberOf(w, f).times(PER_YEAR[unit]).div(PER_YEAR[UNIT_OF[u]]);
  let m = new RegExp(`^Less than ${N} ${U}`).exec(words);
  if (m) return { from: new D(0), to: conv(m[1], m[2], m[3]) };
  m = new RegExp(`^${N} ${U} but less than ${N} ${U}`).exec(words);
  if (m) return { from: conv(m[1], m[2], m[3]), to: conv(m[4], m[5], m[6]) };
  m = new RegExp(`^${N} ${U} or more`).exec(words);
  if (m) return { from: conv(m[1], m[2], m[3]), to: null };
  return `the words "${words}" give no maturity band`;
}

/** What is wrong with one number of the register (empty when nothing is). */
function problems(n: RegulatoryNumber): string[] {
  const out: string[] = [];
  if (!n.verified) {
    if (n.quote) out.push(`${n.id}: unverified but carries a quote`);
    if (n.source.length < 10) out.push(`${n.id}: unverified without saying why`);
    return out;
  }
  if (!n.quote) return [`${n.id}: verified without a quote`];
  const words = normalise(n.quote.words);
  const text = TEXTS.get(ruleOf(n.quote.paragraph))!;
  if (!text.includes(words)) out.push(`${n.id}: "${words}" is not in the text of ${ruleOf(n.quote.paragraph)}`);
  if (n.citation !== n.quote.paragraph) out.push(`${n.id}: cited as ${n.citation}, quoted from ${n.quote.paragraph}`);
  const stated = statedNumbers(n, words);
  if (stated.length !== 1) {
    out.push(`${n.id}: the quote states ${stated.length} numbers of its kind, not one`);
    return out;
  }
  const q = stated[0];
  const ok = n.quote.reads === "reciprocal" ? n.value.times(q).toDecimalPlaces(20).eq(10000) : n.value.toDecimalPlaces(20).eq(q);
  if (!ok) out.push(`${n.id}: the data says ${n.value.toString()}, the quote says ${q.toString()}${n.quote.reads ? ` (${n.quote.reads})` : ""}`);
  if (n.band) {
    const b = statedBounds(words, n.band.unit);
    if (typeof b === "string") out.push(`${n.id}: ${b}`);
    else if (!b.from.eq(n.band.from) || (b.to === null ? n.band.to !== null : n.band.to === null || !b.to.eq(n.band.to))) {
      out.push(`${n.id}: band [${n.band.from.toString()}, ${n.band.to?.toString() ?? "∞"}) ${n.band.unit}, the words give [${b.from.toString()}, ${b.to?.toString() ?? "∞"})`);
    }
  }
  return out;
}

const REGISTER = regulatoryNumbers();

test("the register holds every kind of number, each with a citation", () => {
  expect(REGISTER.length).toBeGreaterThan(90);
  expect(new Set(REGISTER.map((n) => n.id)).size).toBe(REGISTER.length);
  for (const n of REGISTER) expect(n.citation).toMatch(/^(15c3-1|15c3-3|15c3-3a|17a-11)[ (]/);
});

test.each(REGISTER.map((n) => [n.id, n] as const))("%s: its quote is in the rule text and states its number", (_id, n) => {
  expect(problems(n)).toEqual([]);
});

test("the side table of words holds the words of the register's numbers and nothing else", () => {
  // The words are kept apart from the numbers (src/focus/net-capital/rule-words.ts) so that the
  // custom functions' script does not carry them; a renamed id would leave words behind here.
  const ids = new Set(REGISTER.filter((n) => n.quote).map((n) => n.id));
  expect(Object.keys(RULE_WORDS).filter((id) => !ids.has(id))).toEqual([]);
  expect(Object.keys(RULE_WORDS)).toHaveLength(101);
  expect(RULE_WORDS["15c3-1(c)(2)(vi)(A)(1):3months"]).toBe("3 months but less than 6 months to maturity—1/2 of 1 percent");
});

test("what the text confirms is verified: haircut bands, minimums, thresholds, limits, reserve reductions", () => {
  const unverified = REGISTER.filter((n) => !n.verified).map((n) => n.id);
  expect(unverified).toEqual([]);
  for (const code of ["DEALER", "MUTUAL-FUND"]) expect(DOLLAR_MINIMUMS.find((m) => m.code === code)!.verified).toBe(true);
});

describe("the check can fail", () => {
  const band = REGISTER.find((n) => n.band && n.citation === "15c3-1(c)(2)(vi)(A)(1)" && n.value.eq(2))!;
  test("a rate that is not the quote's", () => {
    expect(problems({ ...band, value: new D(3) })).toEqual([expect.stringMatching(/the data says 3, the quote says 2/)]);
  });
  test("band bounds that are not the quote's", () => {
    expect(problems({ ...band, band: { ...band.band!, to: new D(48) } })).toEqual([expect.stringMatching(/band \[24, 48\) months, the words give \[24, 36\)/)]);
  });
  test("words not in the text", () => {
    expect(problems({ ...band, quote: { ...band.quote!, words: "2 years but less than 3 years to maturity—2 percent of nothing" } })[0]).toMatch(/is not in the text of 15c3-1/);
  });
  test("a verified number without a quote, and a quote stating two numbers", () => {
    expect(problems({ ...band, quote: undefined })).toEqual([`${band.id}: verified without a quote`]);
    const two = { ...band, quote: { paragraph: band.citation, words: "1 year but less than 2 years to maturity—1 1/2 percent. (ii) 2 years but less than 3 years to maturity—2 percent" } };
    expect(problems(two)).toEqual([expect.stringMatching(/states 2 numbers/)]);
  });
  test("a reciprocal read the wrong way", () => {
    const ai = REGISTER.find((n) => n.id === "aiMinimum")!;
    expect(problems(ai)).toEqual([]);
    expect(problems({ ...ai, quote: { ...ai.quote!, reads: undefined } })[0]).toMatch(/the quote says 1500/);
  });
});

test("17a-11 is cited by today's paragraphs: (a)(1) the deficiency, (b)(1)-(b)(5) the early warnings", () => {
  const old = /17a-11\((?:c|d|e)\)|17a-11\(b\)(?!\([1-5]\)| early-warning)/;
  const texts: [string, string][] = [];
  for (const form of ["part-ii", "part-iia"] as const) for (const r of rulesFor(form)) texts.push([r.id, r.citation + " " + (r.note ?? "")]);
  for (const n of REGISTER) texts.push([n.id, n.citation]);
  for (const f of ["README.md", "src/functions/functions.ts", "src/focus/net-capital/capital.ts", "src/focus/evaluator/summary.ts", "docs/rules.md"]) {
    texts.push([f, fs.readFileSync(path.join(ROOT, f), "utf8")]);
  }
  for (const [where, t] of texts) expect([where, old.exec(t)?.[0] ?? null]).toEqual([where, null]);
  const byId = new Map(rulesFor("part-ii").map((r) => [r.id, r.citation]));
  expect(byId.get("P2-LIM-NC")).toMatch(/17a-11\(a\)\(1\)/);
  expect(byId.get("P2-EW-120")).toMatch(/17a-11\(b\)\(3\)/);
  expect(byId.get("P2-EW-5PCT")).toMatch(/17a-11\(b\)\(2\)/);
  expect(byId.get("P2-EW-AI")).toMatch(/17a-11\(b\)\(1\)/);
});
