/**
 * The haircut schedule: the hand-worked example inventory (examples/haircut-inventory.csv, made
 * up) reproduced line by line from the rule text, properties over 10,000 random books, the hedge
 * and limited-market rules, the custom functions, and bad input naming the row and column.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { D, haircut, haircutCategories, haircutScheduleOf, type Decimal, type Position } from "../src/focus";
import * as F from "../src/functions/functions";
import { ROOT } from "./helpers";

const INVENTORY = path.join(ROOT, "examples", "haircut-inventory.csv");

describe("the example inventory, worked by hand from the rule text (as of 2026-12-31, net capital before haircuts 20,000,000)", () => {
  let doc: { lines: Record<string, string>; total: string; undueConcentration: { issuer: string; charge: string }[]; positions: { id: string; haircut: string }[]; problems: unknown[] };
  beforeAll(async () => {
    const r = await focus("haircuts", INVENTORY, "--as-of", "2026-12-31", "--net-capital-before-haircuts", "20,000,000", "--format", "json");
    expect(r.code).toBe(0);
    doc = JSON.parse(r.out);
  });

  test("9C.2 U.S. government (3690): 165,000", () => {
    // (A)(1) Category 1: T1 matures in 1.5 months (0 percent); T2 in exactly 9 months: "9 months but
    //   less than 12 months to maturity—1 percent" = 50,000. Long deductions 50,000: 50,000.
    // Category 2: T3 short 3,000,000 at 18 months ("1 1/2 percent") = 45,000 short; T6 long 2,000,000
    //   at 27 months ("2 percent") = 40,000 long: |40,000 - 45,000| + 50% of 40,000 = 25,000.
    // Category 3: T4 long 4,000,000 and T5 short 1,000,000 in the same subcategory (36 and 42 months,
    //   "3%"): net long 3,000,000 × 3% = 90,000.
    expect(doc.lines["3690"]).toBe("165000");
  });
  test("9C.3 municipal (3700): 5% of the greater of long 1,000,000 or short 200,000 = 50,000", () => {
    expect(doc.lines["3700"]).toBe("50000");
  });
  test("9C.1 commercial paper (3680): 74 days, 1/8 of 1 percent of 3,000,000 = 3,750", () => {
    expect(doc.lines["3680"]).toBe("3750");
  });
  test("9C.4 corporate (3710): 7 years, 7% of 2,000,000 = 140,000", () => {
    expect(doc.lines["3710"]).toBe("140000");
  });
  test("9C.5 stocks (3720), (J) over the book: 15% of 4,000,000 + 15% of (1,500,000 - 25% of 4,000,000) = 675,000", () => {
    expect(doc.lines["3720"]).toBe("675000");
  });
  test("9D undue concentration (3650): ACME 15% of (3,000,000 - 2,000,000) + commercial paper 50% of 1/8% of 1,000,000 = 150,625", () => {
    expect(doc.lines["3650"]).toBe("150625");
    expect(doc.undueConcentration.map((c) => [c.issuer, c.charge])).toEqual([
      ["ACME Corp", "150000"],
      ["Example Funding Corp", "625"],
    ]);
  });
  test("the total (3740) is the sum of the lines: 1,184,375; the positions add up to their lines", () => {
    expect(doc.total).toBe("1184375");
    const sum = doc.positions.reduce((a, p) => a.plus(p.haircut), new D(0));
    expect(sum.plus(doc.lines["3650"]).toDecimalPlaces(6).toString()).toBe("1184375");
    expect(doc.problems).toEqual([]);
  });
  test("without net capital before haircuts, (M) is not computed and the schedule says so", async () => {
    const r = await focus("haircuts", INVENTORY, "--as-of", "2026-12-31");
    expect(r.out).toMatch(/3650 {2}9D Undue concentration\s+0/);
    expect(r.out).toMatch(/note: Undue concentration \(M\) is not computed: give net capital before haircuts\./);
  });
});

describe("rules the example does not reach", () => {
  const pos = (id: string, category: string, mv: number, extra: Partial<Position> = {}): Position => ({ id, category, marketValue: new D(mv), ...extra });
  test("(F)(3): corporate debt hedged by a Treasury within 6 months: 1 1/2% of the hedged position; the Treasury leaves (A)", () => {
    const s = haircutScheduleOf([pos("B", "NONCONV", 1_000_000, { maturity: new D(3), hedgeGroup: "h" }), pos("T", "USGOV", -1_000_000, { maturity: new D("3.25"), hedgeGroup: "h" })]);
    expect([s.lines["3710"].toString(), s.lines["3690"].toString()]).toEqual(["15000", "0"]);
    const far = haircutScheduleOf([pos("B", "NONCONV", 1_000_000, { maturity: new D(3), hedgeGroup: "h" }), pos("T", "USGOV", -1_000_000, { maturity: new D(4), hedgeGroup: "h" })]);
    expect(far.lines["3710"].toString()).toBe("60000");
    expect(far.notes.join(" ")).toMatch(/1 years apart, more than the 0.5 years \(F\)\(2\) allows/);
  });
  test("(A)(3): a long and a short of different categories within a window, paired: the net stays in the larger's category", () => {
    // 10 months (category 1, 1%) long 4,000,000 and 13 months (category 2, 1 1/2%) short 3,000,000.
    const long = pos("L", "USGOV", 4_000_000, { maturity: new D(10).div(12), hedgeGroup: "p" });
    const short = pos("S", "USGOV", -3_000_000, { maturity: new D(13).div(12), hedgeGroup: "p" });
    // Unpaired: category 1 charges 1% of 4,000,000 = 40,000; category 2, 1 1/2% of 3,000,000 = 45,000.
    expect(haircutScheduleOf([{ ...long, hedgeGroup: null }, { ...short, hedgeGroup: null }]).lines["3690"].toString()).toBe("85000");
    // Paired: the net long 1,000,000 stays in category 1 at 1% = 10,000.
    const s = haircutScheduleOf([long, short]);
    expect(s.lines["3690"].toString()).toBe("10000");
    expect(s.positions.find((p) => p.id === "S")!.rule).toMatch(/\(A\)\(3\): paired with L/);
    // 10 and 20 months: not within 3 months of each other.
    const far = haircutScheduleOf([long, { ...short, maturity: new D(20).div(12) }]);
    expect(far.lines["3690"].toString()).toBe("85000");
    expect(far.notes.join(" ")).toMatch(/not within one of the \(A\)\(3\) windows/);
  });
  test("(K)(ii) 40% of both sides; (c)(2)(vii) 100%, not a haircut line; options as entered", () => {
    const s = haircutScheduleOf([pos("L1", "LIMITED", 100_000), pos("L2", "LIMITED", -50_000), pos("N", "NO-READY-MARKET", 30_000), pos("O", "OPTION", 10_000, { haircut: new D(2_500) })]);
    expect([s.lines["3720"].toString(), s.noReadyMarket.toString(), s.lines["3730"].toString(), s.total.toString()]).toEqual(["60000", "30000", "2500", "62500"]);
  });
});

describe("properties over 10,000 random books", () => {
  const cats = haircutCategories();
  const position = fc.record({
    category: fc.constantFrom(...cats),
    value: fc.integer({ min: 1, max: 50_000_000 }),
    years: fc.integer({ min: 0, max: 29 * 12 }).map((m) => new D(m).div(12)),
  });
  const runs = Number(process.env.FOCUS_PROPERTY_RUNS ?? 10_000);
  const toPositions = (xs: { category: string; value: number; years: Decimal }[], sign = 1): Position[] =>
    xs.map((x, i) => ({ id: `p${i}`, category: x.category, marketValue: new D(x.value * sign), maturity: x.category === "MUNI-SHORT" ? x.years.div(20) : x.years }));

  test("a book of long positions, without (M), is the sum of FOCUS.HAIRCUT over them", () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 12 }), (xs) => {
        const ps = toPositions(xs);
        const s = haircutScheduleOf(ps);
        expect(s.problems).toEqual([]);
        const each = ps.reduce((a, p) => a.plus(haircut(p.category, p.marketValue, p.maturity as Decimal, "years").haircut), new D(0));
        const lines = Object.values(s.lines).reduce((a, b) => a.plus(b), new D(0));
        // The lines are rounded half-up each: within half a dollar per line of the exact sum.
        expect(lines.minus(each).abs().lte(new D("0.5").times(Object.keys(s.lines).length))).toBe(true);
        const exact = s.positions.reduce((a, p) => a.plus(p.haircut), new D(0));
        expect(exact.minus(each).abs().lt("1e-20")).toBe(true);
      }),
      { numRuns: runs },
    );
  }, 300_000);

  test("an offsetting short in the same (A) category never raises the (A) deduction by more than its own haircut", () => {
    const gov = fc.record({ value: fc.integer({ min: 1, max: 50_000_000 }), months: fc.integer({ min: 0, max: 359 }) });
    fc.assert(
      fc.property(fc.array(gov, { minLength: 1, maxLength: 8 }), gov, (longs, short) => {
        const ps: Position[] = longs.map((l, i) => ({ id: `l${i}`, category: "USGOV", marketValue: new D(l.value), maturity: new D(l.months).div(12) }));
        const before = haircutScheduleOf(ps).positions.reduce((a, p) => a.plus(p.haircut), new D(0));
        const s: Position = { id: "s", category: "USGOV", marketValue: new D(-short.value), maturity: new D(short.months).div(12) };
        const after = haircutScheduleOf([...ps, s]).positions.reduce((a, p) => a.plus(p.haircut), new D(0));
        const own = haircut("USGOV", s.marketValue, s.maturity as Decimal, "years").haircut;
        expect(after.minus(before).lte(own.plus("1e-20"))).toBe(true);
      }),
      { numRuns: runs },
    );
  }, 300_000);

  test("a line does not depend on the order of the book (fast-check's counterexample of 2026-11-30: 3710 was 12,620,513 one way and 12,620,512 the other)", () => {
    const book = (order: number[]): Position[] => {
      const all: Position[] = [
        { id: "p0", category: "USGOV", marketValue: new D(1), maturity: new D(0), issuer: "I0" },
        { id: "p1", category: "CONV", marketValue: new D(49_999_984), maturity: new D(0), issuer: "I1" },
        { id: "p2", category: "CONV", marketValue: new D(-5), maturity: new D(0), issuer: "I2" },
        { id: "p3", category: "CONV", marketValue: new D(-46_636_757), maturity: new D(0), issuer: "I0" },
      ];
      return order.map((i) => all[i]);
    };
    const a = haircutScheduleOf(book([0, 1, 2, 3]), { netCapitalBeforeHaircuts: new D(30_000_000) });
    const b = haircutScheduleOf(book([3, 1, 2, 0]), { netCapitalBeforeHaircuts: new D(30_000_000) });
    // (J): 15% of the greater side 49,999,984 = 7,499,997.60, plus 15% of the lesser 46,636,762
    // beyond 25% of the greater (12,499,996) = 15% of 34,136,766 = 5,120,514.90: 12,620,512.50,
    // rounded half-up to 12,620,513 either way.
    expect(a.lines["3710"].toString()).toBe("12620513");
    expect(b.lines["3710"].toString()).toBe("12620513");
    const sum = (r: typeof a) => r.positions.filter((p) => p.line === "3710").reduce((x, p) => x.plus(p.haircut), new D(0));
    expect(sum(a).toString()).toBe("12620512.5");
    expect(sum(b).toString()).toBe("12620512.5");
  });

  test("permuting the positions changes nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ p: position, short: fc.boolean() }), { minLength: 1, maxLength: 12 }), fc.nat(), (xs, seed) => {
        const ps: Position[] = xs.map((x, i) => ({ id: `p${i}`, category: x.p.category, marketValue: new D(x.short ? -x.p.value : x.p.value), maturity: x.p.category === "MUNI-SHORT" ? x.p.years.div(20) : x.p.years, issuer: `I${i % 3}` }));
        const shuffled = [...ps].sort((a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7) || a.id.localeCompare(b.id));
        const a = haircutScheduleOf(ps, { netCapitalBeforeHaircuts: new D(30_000_000) });
        const b = haircutScheduleOf(shuffled, { netCapitalBeforeHaircuts: new D(30_000_000) });
        expect(Object.fromEntries(Object.entries(b.lines).map(([k, v]) => [k, v.toString()]))).toEqual(Object.fromEntries(Object.entries(a.lines).map(([k, v]) => [k, v.toString()])));
      }),
      { numRuns: runs },
    );
  }, 300_000);
});

describe("custom functions over ranges", () => {
  // The example inventory's government rows, with years to maturity instead of dates.
  const cats = [["USGOV"], ["USGOV"], ["USGOV"], ["OTHER"], ["OTHER"]];
  const values = [[5_000_000], [-3_000_000], [2_000_000], [3_000_000], ["(1,500,000)"]];
  const years = [[0.75], [1.5], [2.25], [null], [null]];
  test("HAIRCUTSCHEDULE spills [line, amount]; HAIRCUTLINE gives one line", () => {
    const t = F.haircutschedule(cats, values, years);
    expect(t.find((r) => r[0] === "3690")).toEqual(["3690", 75_000]);
    // (J): 15% of 3,000,000 + 15% of (1,500,000 - 25% of 3,000,000) = 450,000 + 112,500.
    expect(t.find((r) => r[0] === "3720")).toEqual(["3720", 562_500]);
    expect(t[t.length - 1]).toEqual(["3740", 637_500]);
    expect(F.haircutline("3690", cats, values, years)).toBe(75_000);
    expect(F.haircutline(3650, cats, values, years, [["T"], ["T"], ["T"], ["ACME"], ["B"]], null, 20_000_000)).toBe(150_000);
  });
  test("a position without an issuer that could pass (M)'s threshold: 3650 and 3740 cannot be computed and say which row; below the threshold, whoever the issuer, they can (issue #26 point 11)", () => {
    const issuers = [["T"], ["T"], ["T"], [null], ["B"]];
    // 3,000,000 of stock without an issuer against 10% of 20,000,000: it may be concentrated.
    expect(() => F.haircutline(3650, cats, values, years, issuers, null, 20_000_000)).toThrow(/row 4 \(row 4\): no issuer, so undue concentration \(15c3-1\(c\)\(2\)\(vi\)\(M\)\) cannot be tested for it/);
    expect(() => F.haircutline(3740, cats, values, years, issuers, null, 20_000_000)).toThrow(/no issuer/);
    // The other lines stand.
    expect(F.haircutline("3720", cats, values, years, issuers, null, 20_000_000)).toBe(562_500);
    // Against 10% of 100,000,000 no class can pass it: 3650 is 0, not an error.
    expect(F.haircutline(3650, cats, values, years, issuers, null, 100_000_000)).toBe(0);
    const s = haircutScheduleOf([pos("X", "OTHER", 500_000)], TEN_MILLION);
    expect(s.warnings).toEqual([]);
  });
  test("dates as Excel serials with asOf", () => {
    // 2026-12-31 is serial 46387; 2027-09-30 is 46660 (9 months: 1%).
    expect(F.haircutline("3690", [["USGOV"]], [[1_000_000]], [[46660]], null as unknown as string[][], 46387)).toBe(10_000);
  });
  test("errors: ranges of different sizes, a bad row, an unknown line", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as CustomFunctions.Error).message;
      }
      return "no error";
    };
    expect(err(() => F.haircutline("3690", [["USGOV"]], [[1], [2]], [[1]]))).toMatch(/the ranges must be the same size/);
    expect(err(() => F.haircutline("3690", [["STOCK"]], [[1]], [[1]]))).toMatch(/row 1 \(row 1\): category "STOCK" is not known/);
    expect(err(() => F.haircutline("3999", [["USGOV"]], [[1]], [[1]]))).toMatch(/line 3999 is not a haircut line/);
  });
});

describe("bad input names the row and the column, and exits 2", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-hc-"));
  test.each([
    ["an unknown category (the message lists the valid ones)", "X1,,STOCKS,100,,,", /line 2 \(X1\): category "STOCKS" is not known; use one of USGOV, CANADA, .*LIMITED, NO-READY-MARKET, OPTION, ARBITRAGE/],
    ["a maturity before the as-of date", "X1,,USGOV,100,2020-01-01,,", /line 2 \(X1\): maturity 2020-01-01 is before the as-of date 2026-12-31/],
    ["a missing maturity where the band needs one", "X1,,MUNI,100,,,", /line 2 \(X1\): category MUNI is haircut by time to maturity: give the maturity/],
    ["a text amount", "X1,,OTHER,lots,,,", /line 2 \(X1\), column market_value: "lots" is not an amount/],
    ["a duplicate id", "X1,,OTHER,100,,,\nX1,,OTHER,200,,,", /line 3 \(X1\): the id "X1" is given twice/],
  ])("%s", async (_what, rows, message) => {
    const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, `id,description,category,market_value,maturity,issuer,hedge_group\n${rows}\n`);
    const r = await focus("haircuts", file, "--as-of", "2026-12-31", "--format", "json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).problems.map((p: { message: string }) => p.message).join("\n")).toMatch(message);
  });
  test("a zero market value is a warning, not exit 2: the other positions' lines stand (issue #26 point 11)", async () => {
    const file = path.join(dir, "zero.csv");
    fs.writeFileSync(file, "id,description,category,market_value,maturity,issuer,hedge_group\nX1,written off,OTHER,0,,,\nX2,,OTHER,100000,,ACME,\n");
    const r = await focus("haircuts", file, "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.problems).toEqual([]);
    expect(doc.warnings.map((w: { message: string }) => w.message)).toEqual(["zero.csv line 2 (X1): the market value is zero: nothing to haircut; the position is left out of the lines."]);
    expect(doc.lines["3720"]).toBe("15000");
    expect((await focus("haircuts", file)).out).toMatch(/^Warnings:\n {2}zero.csv line 2 \(X1\): the market value is zero/m);
  });
  test("a file without the required columns, and a bad --as-of", async () => {
    const file = path.join(dir, "nohead.csv");
    fs.writeFileSync(file, "name,value\nx,1\n");
    expect((await focus("haircuts", file)).err).toMatch(/the header needs the columns id, category and market_value/);
    expect((await focus("haircuts", INVENTORY, "--as-of", "31/12/2026")).code).toBe(2);
  });
});

/** A position: id, category, market value (long positive), maturity (years or an ISO date), issuer, hedge group, class. */
const pos = (id: string, category: string, mv: number, maturity: number | string | null = null, issuer: string | null = null, hedgeGroup: string | null = null, securityClass: string | null = null): Position => ({
  id,
  category,
  marketValue: new D(mv),
  maturity: typeof maturity === "number" ? new D(maturity) : maturity,
  issuer,
  hedgeGroup,
  securityClass,
  where: `row ${id}`,
});
const TEN_MILLION = { netCapitalBeforeHaircuts: new D(10_000_000) };
const line = (s: { lines: Record<string, Decimal> }, code: string) => s.lines[code].toFixed();

describe("undue concentration by the rule's words (issue #26 points 6, 7, 8, 11; 15c3-1(c)(2)(vi)(M))", () => {
  test("(M) is 50% of the band's rate, not of the haircut after offsets: the lesser side of an (F)(1) band is charged 120,000, not 0", () => {
    // Beta Corp long 5,000,000 and Gamma Corp short 6,000,000, both 4 years (6%): the short side is
    // the greater, so Beta's own haircut is 0. Above 10% of 10,000,000, Beta's 4,000,000 is charged
    // 50% of 6% = 120,000 and Gamma's 5,000,000 150,000.
    const s = haircutScheduleOf([pos("B", "NONCONV", 5_000_000, 4, "Beta Corp"), pos("G", "NONCONV", -6_000_000, 4, "Gamma Corp")], TEN_MILLION);
    expect(line(s, "3710")).toBe("360000");
    expect(s.positions.find((p) => p.id === "B")!.haircut.toFixed()).toBe("0");
    expect(s.undueConcentration.map((c) => [c.issuer, c.excess.toFixed(), c.charge.toFixed()])).toEqual([
      ["Gamma Corp", "5000000", "150000"],
      ["Beta Corp", "4000000", "120000"],
    ]);
    expect(line(s, "3650")).toBe("270000");
  });

  test("one issuer's common and preferred are two classes: 15% of 2,000,000 and 50% of 10% of 2,000,000 = 400,000 (pooled at a blended rate: 312,500)", () => {
    const s = haircutScheduleOf([pos("C", "OTHER", 3_000_000, null, "ACME"), pos("P", "PREF", 3_000_000, null, "ACME")], TEN_MILLION);
    expect(s.undueConcentration.map((c) => [c.series, c.charge.toFixed()])).toEqual([
      ["OTHER", "300000"],
      ["PREF", "100000"],
    ]);
    expect(line(s, "3650")).toBe("400000");
    // A class column groups what it names: two series of one issuer's debt are two charges.
    const debt = haircutScheduleOf([pos("D1", "NONCONV", 2_000_000, 4, "ACME", null, "ACME 5% 2030"), pos("D2", "NONCONV", 2_000_000, 4, "ACME", null, "ACME 6% 2030")], TEN_MILLION);
    expect(debt.undueConcentration.map((c) => [c.series, c.excess.toFixed()])).toEqual([
      ["ACME 5% 2030", "1000000"],
      ["ACME 6% 2030", "1000000"],
    ]);
  });

  test("Canadian government debt is not an exempted security: 2,000,000 of 10-year Canadas is charged 50% of 4-1/2% of 1,000,000 = 22,500", () => {
    const s = haircutScheduleOf([pos("CA", "CANADA", 2_000_000, 10, "Government of Canada")], TEN_MILLION);
    expect(s.undueConcentration.map((c) => [c.issuer, c.kind, c.charge.toFixed()])).toEqual([["Government of Canada", "debt", "22500"]]);
    // U.S. Treasuries are exempted securities: no charge.
    expect(haircutScheduleOf([pos("T", "USGOV", 2_000_000, 10, "U.S. Treasury")], TEN_MILLION).undueConcentration).toEqual([]);
  });

  test("a position without an issuer where (M) applies is named: its concentration cannot be tested", () => {
    const s = haircutScheduleOf([pos("E9", "OTHER", 5_000_000), pos("T", "USGOV", 5_000_000, 1)], TEN_MILLION);
    expect(s.warnings.map((w) => w.message)).toEqual(["row E9 (E9): no issuer, so undue concentration (15c3-1(c)(2)(vi)(M)) cannot be tested for it: give the issuer."]);
    expect(s.problems).toEqual([]);
  });
});

describe("(F)(2)-(F)(4) hedges are sized, both maturities in the window; (A)(3) pairs one government with itself (issue #26 point 9)", () => {
  test("3,000,000 of 4-year corporates hedged by 2,000,000 of Treasuries: 1-1/2% of 2,000,000 plus 6% of the 1,000,000 beyond = 90,000 (0.3.0: 45,000)", () => {
    const s = haircutScheduleOf([pos("B", "NONCONV", 3_000_000, 4, null, "H1"), pos("T", "USGOV", -2_000_000, 4.25, null, "H1")]);
    expect([line(s, "3710"), line(s, "3690")]).toEqual(["90000", "0"]);
    expect(s.positions.find((p) => p.id === "B")).toMatchObject({ marketValue: new D(3_000_000) });
    expect(s.positions.find((p) => p.id === "B")!.rule).toMatch(/1-1\/2% of the 2000000 hedged \(hedge group "H1"\).*the 1000000 beyond the 2000000 hedged in group "H1", haircut as usual/);
  });

  test("an oversized hedging Treasury keeps its excess in (A): 1-1/2% of 2,000,000 in 3710, and 3% of the other 1,000,000 in 3690", () => {
    const s = haircutScheduleOf([pos("B", "NONCONV", 2_000_000, 4, null, "H1"), pos("T", "USGOV", -3_000_000, 4.25, null, "H1")]);
    expect([line(s, "3710"), line(s, "3690")]).toEqual(["30000", "30000"]);
  });

  test("4.8 and 5.2 years are 0.4 apart but in two windows (less than 5 years; 5 to 10): no hedge, each haircut as usual", () => {
    const s = haircutScheduleOf([pos("B", "NONCONV", 2_000_000, 4.8, null, "H1"), pos("T", "USGOV", -2_000_000, 5.2, null, "H1")]);
    expect([line(s, "3710"), line(s, "3690")]).toEqual(["120000", "80000"]);
    expect(s.notes.join("\n")).toMatch(/Hedge group "H1": maturities of 4\.8 and 5\.2 years are not in one \(F\)\(2\) window/);
  });

  test("debt against debt (F)(4): 1-3/4% of the 1,500,000 matched on the longer, the 500,000 beyond at 6%", () => {
    const s = haircutScheduleOf([pos("L", "NONCONV", 2_000_000, 4, null, "H2"), pos("S", "NONCONV", -1_500_000, 4.3, null, "H2")]);
    // 1-3/4% of 1,500,000 = 26,250 on S (the longer); L's 500,000 beyond: 6% = 30,000.
    expect(line(s, "3710")).toBe("56250");
  });

  test("a U.S. Treasury and a Canada in one group do not pair under (A)(3): each stays in its own category", () => {
    const s = haircutScheduleOf([pos("T", "USGOV", 1_000_000, 1), pos("C", "CANADA", -1_000_000, 1.1)].map((p) => ({ ...p, hedgeGroup: "A3" })));
    expect(s.notes.join("\n")).toMatch(/Hedge group "A3": a U\.S\. government and a Canadian government security do not pair: \(A\)\(3\) pairs U\.S\. government securities, and a Canadian bond pairs under \(C\) only with Canadian bonds/);
    // 1-1/2% of each: 15,000 + 15,000.
    expect(line(s, "3690")).toBe("30000");
  });
});

describe("bank CDs and acceptances: days to the date, and a year to the same date a year on (issue #26 point 10, 15c3-1(c)(2)(vi)(E)(5)-(6))", () => {
  test.each([
    ["2027-03-01", "2028-02-29", "5000", "365 days across February 29 2028: before 2028-03-01, under a year, (E)(5) 1/2% (0.3.0: the (A) schedule)"],
    ["2027-03-01", "2028-03-01", "15000", "a year to the day (366 days): (E)(6), the (A) schedule, 1-1/2%"],
    ["2027-02-28", "2028-02-28", "15000", "365 days without a February 29: a year, 1-1/2%"],
    ["2027-02-28", "2028-02-27", "5000", "364 days: under a year, 1/2%"],
  ])("as of %s, a CD of 1,000,000 maturing %s: %s (%s)", (asOf, maturity, expected) => {
    const s = haircutScheduleOf([pos("CD", "CP", 1_000_000, maturity)], { asOf });
    expect(s.problems).toEqual([]);
    expect(line(s, "3680")).toBe(expected);
  });
});
