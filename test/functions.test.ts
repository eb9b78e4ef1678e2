/**
 * The custom functions as Excel calls them: numbers (doubles), strings, null for omitted optional
 * arguments. Values use the real report's figures where there are some (Mirae, 12/31/2024).
 */
import fc from "fast-check";
import * as F from "../src/functions/functions";

function excelError(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctions.Error);
    return { code: (e as CustomFunctions.Error).code, message: (e as CustomFunctions.Error).message ?? "" };
  }
  throw new Error("expected an Excel error");
}

describe("values", () => {
  test.each([
    ["HAIRCUT USGOV 3 months", () => F.haircut("USGOV", 1_000_000, 0.25), 5000],
    ["HAIRCUT in months", () => F.haircut("USGOV", 1_000_000, 3, "months"), 5000],
    ["HAIRCUT in days", () => F.haircut("MUNI-SHORT", 1_000_000, 91, "days"), 2500],
    ["HAIRCUT flat, maturity omitted (null)", () => F.haircut("OTHER", 1_000_000, null as unknown as undefined), 150000],
    ["HAIRCUTEQUITY", () => F.haircutequity(1_000_000, 400_000), 172500],
    // The real report: 2% of aggregate debit items 350,455,620 plus the (a)(9) add-on 144,764 is 3760.
    ["MINNETCAPITAL alternative", () => F.minnetcapital("alternative", 350_455_620, 250_000, 144_764), 7_153_876],
    ["MINNETCAPITAL alternative, add-on omitted", () => F.minnetcapital("alternative", 350_455_620, 250_000), 7_009_112],
    ["MINNETCAPITAL basic below the minimum", () => F.minnetcapital("basic", 3_000_000, 250_000), 250_000],
    ["MINNETCAPITAL basic, 6-2/3% rounded", () => F.minnetcapital("Basic", 1_000_000, 5_000), 66_667],
    ["FIXEDMINIMUM carrying", () => F.fixedminimum("carrying"), 250_000],
    ["FIXEDMINIMUM (k)(2)(i)", () => F.fixedminimum("CARRYING-K2I"), 100_000],
    ["FIXEDMINIMUM introducing", () => F.fixedminimum("INTRODUCING-RECEIVES"), 50_000],
    ["FIXEDMINIMUM other", () => F.fixedminimum("other"), 5_000],
    ["EXCESSNETCAPITAL (3910 of the real report)", () => F.excessnetcapital(299_549_779, 7_153_876), 292_395_903],
    ["EARLYWARNING 120% only (12061)", () => F.earlywarning(299_549_779, 7_153_876), 290_965_128],
    ["EARLYWARNING with debits: 5% is tighter (3920)", () => F.earlywarning(299_549_779, 7_153_876, 350_455_620), 282_026_998],
    ["EARLYWARNING breached by A.I.", () => F.earlywarning(100_000, 5_000, null as unknown as undefined, 1_500_000), -25_000],
    ["AIRATIO", () => F.airatio(850_000, 100_000), 850],
    ["NETCAPITALTODEBITS (3851)", () => F.netcapitaltodebits(299_549_779, 350_455_620), 85.47],
    ["DEBTEQUITYRATIO 70%", () => F.debtequityratio(700_000, 300_000), 70],
    ["DEBTEQUITYRATIO none (3860)", () => F.debtequityratio(0, 550_700_802), 0],
    ["RESERVE alternative (debits less 3%)", () => F.reserve(10_000_000, 8_000_000), 2_240_000],
    // Basic standard: Note E(3) reduces item 10 only. Credits 10,000,000; debits 8,000,000 of which
    // item 10 is 5,000,000: reduction 1% x 5,000,000 = 50,000; 10,000,000 - 7,950,000 = 2,050,000.
    // (Before 0.2.0 the function took 1% of all debits: 2,080,000.)
    ["RESERVE basic (item 10 less 1%)", () => F.reserve(10_000_000, 8_000_000, "basic", 5_000_000), 2_050_000],
    ["RESERVE basic, all debits in item 10", () => F.reserve(10_000_000, 8_000_000, "basic", 8_000_000), 2_080_000],
    ["RESERVE basic, monthly: 105% of 2,050,000", () => F.reserve(10_000_000, 8_000_000, "basic", 5_000_000, "monthly"), 2_152_500],
    ["RESERVE alternative, daily (debits less 2%)", () => F.reserve(10_000_000, 8_000_000, "alternative", null as unknown as number, "daily"), 2_160_000],
    ["RESERVE alternative, weekly: 3% of 1,234,567 rounds to 37,037", () => F.reserve(2_000_000, 1_234_567), 802_470],
    ["RESERVE debits exceed credits", () => F.reserve(1_000_000, 8_000_000), 0],
    ["CROSSFOOT foots", () => F.crossfoot([[76_944_503], [null]], 76_944_503), 0],
    ["CROSSFOOT difference", () => F.crossfoot([[317_538_809], [2_163_734], [3_296_448]], 322_998_990), -1],
    ["CROSSFOOT text amounts", () => F.crossfoot([["(1,234)", "$2,000"], ["", null]], 766), 0],
  ])("%s", (_name, f, want) => {
    const got = f();
    expect(got).toBe(want);
  });

  test("HAIRCUTCATEGORIES returns a column", () => {
    const c = F.haircutcategories();
    expect(c[0]).toEqual(["USGOV"]);
    expect(c.every((row) => row.length === 1)).toBe(true);
    expect(c.length).toBe(13);
  });

  test("ITEMLABEL", () => {
    expect(F.itemlabel(3750)).toBe("Net capital (line 8 minus line 12)");
    expect(F.itemlabel("3870", "Part-II")).toBe("Ratio requirement: 2% of aggregate debit items (reserve formula)");
    expect(F.itemlabel("3740")).toBe("Total haircuts (sum of 9A-9E, 10 and 11) (unconfirmed code)");
    // The same code, another line: 1540 is an omnibus payable on Part II, a payable to brokers on Part IIA.
    expect(F.itemlabel(1540)).toBe("Payable: omnibus accounts - other");
    expect(F.itemlabel(1540, "part-iia")).toBe("Payable to brokers or dealers: other (unconfirmed code)");
  });
});

describe("RESERVEFORMULA and RESERVELINES on real reserve computations (thousands of dollars, as printed)", () => {
  // HSBC Securities (USA) Inc., Schedule II, 12/31/2008 (reference/x17a5): credits lines 1-10
  // (with "other" 835,599), debits lines 12-17, alternative standard, weekly.
  const hsbcCredits = [[950_297], [0], [3_549], [117_810], [44_742], [0], [155], [712], [0], [835_599]];
  const hsbcDebits = [[204_210], [38_793], [571_960], [824_339], [0], [null], [0]];
  test.each([
    ["requirement (4490)", undefined, 362_741],
    ["total-credits", "total-credits", 1_952_864],
    ["aggregate-debits", "aggregate-debits", 1_639_302],
    ["reduction (3% of 1,639,302 = 49,179.06, printed 49,179)", "reduction", 49_179],
    ["total-debits", "total-debits", 1_590_123],
    ["excess-debits", "excess-debits", 0],
  ])("HSBC 2008 %s", (_what, line, want) => {
    expect(F.reserveformula(hsbcCredits, hsbcDebits, "alternative", "weekly", "customer", line as string)).toBe(want);
  });
  test("RBC Dain Rauscher 10/31/2006: debits exceed credits, nothing to deposit", () => {
    const credits = [[967_041, 116_969, 287_158, 120_870, 8_668, 4, 1_998, 3_322, 1_235, 5_796]];
    const debits = [[1_486_940, 87_010, 20_875, 116_969]];
    expect(F.reserveformula(credits, debits)).toBe(0);
    expect(F.reserveformula(credits, debits, "alternative", "weekly", "customer", "excess-debits")).toBe(147_379);
    expect(F.reserveformula(credits, debits, "alternative", "weekly", "customer", "reduction")).toBe(51_354);
  });
  test("RESERVELINES spills the computation as label, amount", () => {
    expect(F.reservelines(hsbcCredits, hsbcDebits)).toEqual([
      ["Total credits (Exhibit A items 1-9; form item 4430)", 1_952_864],
      ["Aggregate debit items (items 10-15; 4470)", 1_639_302],
      ["Reduction of debit items (4471)", 49_179],
      ["Total 15c3-3 debits (4472)", 1_590_123],
      ["Excess of total debits over total credits (4480)", 0],
      ["Excess of total credits over total debits (4490)", 362_741],
      ["Required on deposit (item 16; 105% if monthly)", 362_741],
    ]);
  });
  test("basic standard: 1% of item 10 (the first debit cell) only; monthly 105%; daily alternative 2%; PAB none", () => {
    // credits 1,000,000; debits 600,000 of which item 10 = 400,000: reduction 4,000; 1,000,000 - 596,000.
    const c = [[600_000, 400_000]];
    const d = [[400_000], [200_000]];
    expect(F.reserveformula(c, d, "basic")).toBe(404_000);
    expect(F.reserveformula(c, d, "basic", "monthly")).toBe(424_200);
    expect(F.reserveformula(c, d, "alternative", "daily")).toBe(412_000);
    expect(F.reserveformula(c, d, "alternative")).toBe(418_000);
    expect(F.reserveformula(c, d, "basic", "weekly", "pab")).toBe(400_000);
    expect(F.reserveformula(c, d, "alternative", "weekly", "PAB")).toBe(400_000);
    // text amounts and blanks, as in a workpaper
    expect(F.reserveformula([["600,000", "$400,000", ""]], [["400,000"], [null], [200_000]], "basic")).toBe(404_000);
  });
});

describe("blank cells: 0 on Excel desktop, null on Excel on the web, the same result either way", () => {
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      return { code: (e as CustomFunctions.Error).code, message: (e as CustomFunctions.Error).message ?? "" };
    }
  };
  const blank = null as unknown as number;
  test.each([
    ["HAIRCUT market value", (b: number) => F.haircut("OTHER", b)],
    ["HAIRCUTEQUITY short side", (b: number) => F.haircutequity(1_000_000, b)],
    ["MINNETCAPITAL base", (b: number) => F.minnetcapital("alternative", b, 250_000)],
    ["EXCESSNETCAPITAL requirement", (b: number) => F.excessnetcapital(1_000_000, b)],
    ["EARLYWARNING net capital", (b: number) => F.earlywarning(b, 250_000)],
    ["AIRATIO net capital (#DIV/0! either way)", (b: number) => F.airatio(1_000, b)],
    ["NETCAPITALTODEBITS net capital", (b: number) => F.netcapitaltodebits(b, 1_000_000)],
    ["DEBTEQUITYRATIO debt", (b: number) => F.debtequityratio(b, 1_000_000)],
    ["RESERVE total debits", (b: number) => F.reserve(1_000_000, b)],
    ["CROSSFOOT total", (b: number) => F.crossfoot([[1], [2]], b)],
    ["ITEMLABEL code (missing either way)", (b: number) => F.itemlabel(b)],
  ])("%s", (_what, f) => {
    expect(outcome(() => f(0))).toEqual(outcome(() => f(blank)));
  });
});

describe("errors: #VALUE! names the argument, #N/A lists the valid choices", () => {
  test.each([
    ["unknown category", () => F.haircut("STOCKS", 1), "#N/A", /use one of USGOV, CANADA, MUNI-SHORT, MUNI, CP, NONCONV, CONV, CONV-BELOW, PREF, MMF, FUND-GOV, FUND-DEBT, OTHER/],
    ["banded category without maturity", () => F.haircut("USGOV", 1), "#VALUE!", /give the years to maturity/],
    ["negative maturity", () => F.haircut("MUNI", 1, -2), "#VALUE!", /negative/],
    ["unknown unit", () => F.haircut("MUNI", 1, 2, "weeks"), "#N/A", /maturityUnit "weeks" is not known/],
    ["an entity (Stocks) cell as market value", () => F.haircut("OTHER", { type: "Entity", text: "MSFT" } as unknown as number), "#VALUE!", /marketValue holds a data type/],
    ["non-finite market value", () => F.haircut("OTHER", Number.NaN), "#VALUE!", /marketValue is not a finite number/],
    ["blank category", () => F.haircut("  ", 1), "#VALUE!", /category is missing/],
    ["unknown method", () => F.minnetcapital("aggressive", 1, 1), "#N/A", /use "basic" .* or "alternative"/],
    ["negative base", () => F.minnetcapital("basic", -1, 5000), "#VALUE!", /base .* is negative/],
    ["unknown firm type", () => F.fixedminimum("bank"), "#N/A", /use one of CARRYING, CARRYING-K2I, DEALER, INTRODUCING-RECEIVES, MUTUAL-FUND, OTHER/],
    ["AIRATIO over zero net capital (Excel shows no message on #DIV/0!)", () => F.airatio(1, 0), "#DIV/0!", /^$/],
    ["NETCAPITALTODEBITS over zero debits", () => F.netcapitaltodebits(1, 0), "#DIV/0!", /^$/],
    ["DEBTEQUITYRATIO zero total", () => F.debtequityratio(0, 0), "#DIV/0!", /^$/],
    ["negative requirement", () => F.earlywarning(1, -1), "#VALUE!", /minimum requirement -1 is negative/],
    ["RESERVE unknown standard", () => F.reserve(1, 1, "weekly"), "#N/A", /not a ratio standard/],
    ["RESERVE negative credits", () => F.reserve(-1, 1), "#VALUE!", /total credits -1 is negative/],
    ["RESERVE basic without item 10", () => F.reserve(10_000_000, 8_000_000, "basic"), "#VALUE!", /reduces only item 10 .* give item 10/],
    ["RESERVE item 10 above total debits", () => F.reserve(10_000_000, 8_000_000, "basic", 9_000_000), "#VALUE!", /item 10 \(9000000\) is more than total debits/],
    ["RESERVE alternative monthly", () => F.reserve(10_000_000, 8_000_000, "alternative", null as unknown as number, "monthly"), "#VALUE!", /weekly \(or daily\), not monthly: 15c3-1\(a\)\(1\)\(ii\)\(A\)/],
    ["RESERVE unknown frequency", () => F.reserve(1, 1, "alternative", null as unknown as number, "hourly"), "#N/A", /frequency "hourly" is not known/],
    ["ITEMLABEL unknown code", () => F.itemlabel(99999), "#N/A", /99999 is not an item code of Part II/],
    ["ITEMLABEL unknown form", () => F.itemlabel(3750, "part-iii"), "#N/A", /form "part-iii" is not known; use "part-ii" or "part-iia"/],
    ["ITEMLABEL code not on Part IIA", () => F.itemlabel(12014, "part-iia"), "#N/A", /12014 is not an item code of Part IIA/],
    ["ITEMLABEL missing code", () => F.itemlabel(null), "#VALUE!", /code is missing/],
    ["ITEMLABEL an entity cell", () => F.itemlabel({ type: "Entity", text: "MSFT" }), "#VALUE!", /code holds a data type/],
    ["CROSSFOOT text that is not an amount", () => F.crossfoot([[1], ["n/a"]], 1), "#VALUE!", /parts, row 2 column 1: "n\/a" is not an amount/],
    ["CROSSFOOT a boolean", () => F.crossfoot([[true]], 1), "#VALUE!", /TRUE\/FALSE/],
    ["a ratio too large for a double (no message on #NUM!)", () => F.netcapitaltodebits(138625189, -5e-324), "#NUM!", /^$/],
    ["RESERVEFORMULA a negative debit item", () => F.reserveformula([[1000]], [[500], [-20]]), "#VALUE!", /debit item 2 -20 is negative/],
    ["RESERVEFORMULA text that is not an amount", () => F.reserveformula([[1000], ["see note"]], [[500]]), "#VALUE!", /creditItems, row 2 column 1: "see note" is not an amount/],
    ["RESERVEFORMULA an entity (Stocks) cell", () => F.reserveformula([[{ type: "Entity", text: "MSFT" }]], [[500]]), "#VALUE!", /creditItems, row 1 column 1 holds a data type/],
    ["RESERVEFORMULA unknown line", () => F.reserveformula([[1]], [[1]], null as unknown as string, null as unknown as string, null as unknown as string, "deposit"), "#N/A", /line "deposit" is not known; use one of total-credits, .*requirement/],
    ["RESERVEFORMULA unknown account", () => F.reserveformula([[1]], [[1]], "alternative", "weekly", "firm"), "#N/A", /account "firm" is not known/],
    ["RESERVEFORMULA basic with no debit items", () => F.reserveformula([[1000]], [[null]], "basic"), "#VALUE!", /give item 10/],
  ])("%s", (_name, f, code, message) => {
    const e = excelError(f);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe("no cell can be left on #BUSY!", () => {
  const fns: [string, (...a: never[]) => unknown, number][] = [
    ["haircut", F.haircut, 4],
    ["haircutequity", F.haircutequity, 2],
    ["minnetcapital", F.minnetcapital, 4],
    ["fixedminimum", F.fixedminimum, 1],
    ["excessnetcapital", F.excessnetcapital, 2],
    ["earlywarning", F.earlywarning, 4],
    ["airatio", F.airatio, 2],
    ["netcapitaltodebits", F.netcapitaltodebits, 2],
    ["debtequityratio", F.debtequityratio, 2],
    ["reserve", F.reserve, 5],
    ["itemlabel", F.itemlabel, 2],
    ["crossfoot", F.crossfoot, 2],
    ["reserveformula", F.reserveformula, 6],
    ["reservelines", F.reservelines, 5],
    ["haircutschedule", F.haircutschedule, 6],
    ["haircutline", F.haircutline, 7],
  ];
  const arg = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constant(null),
    fc.string(),
    fc.constantFrom("USGOV", "basic", "alternative", "CARRYING", "3750", "years", "days"),
    fc.array(fc.array(fc.oneof(fc.double(), fc.constant(null), fc.string()), { maxLength: 3 }), { maxLength: 3 }),
  );
  test.each(fns)("%s returns a value synchronously or throws a CustomFunctions.Error, for any arguments", (_name, f, arity) => {
    fc.assert(
      fc.property(fc.array(arg, { minLength: arity, maxLength: arity }), (args) => {
        let result: unknown;
        try {
          result = (f as (...a: unknown[]) => unknown)(...args);
        } catch (e) {
          expect(e).toBeInstanceOf(CustomFunctions.Error);
          return;
        }
        expect(result instanceof Promise).toBe(false);
        expect(["number", "string"].includes(typeof result) || Array.isArray(result)).toBe(true);
        if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
