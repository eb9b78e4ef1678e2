/**
 * Haircut schedules of 15c3-1(c)(2)(vi) at every band boundary. Expected deductions are written
 * out in dollars for a $1,000,000 position, so that a change to the data shows up here.
 */
import { D, DomainError, haircut, haircutCategories, haircutEquity, HAIRCUT_SCHEDULES, type MaturityUnit } from "../src/focus";

const MV = new D(1_000_000);

function cut(category: string, t: string | null, unit: MaturityUnit = "years"): string {
  return haircut(category, MV, t === null ? null : new D(t), unit).haircut.toString();
}

describe("(A) U.S. government and agency obligations, by months to maturity", () => {
  test.each([
    ["0", "0"],
    ["2.99", "0"],
    ["3", "5000"], // exactly 3 months: 1/2 of 1%
    ["5.99", "5000"],
    ["6", "7500"],
    ["9", "10000"],
    ["11.99", "10000"],
    ["12", "15000"], // exactly 1 year: category 2
    ["24", "20000"],
    ["35.99", "20000"],
    ["36", "30000"],
    ["60", "40000"],
    ["120", "45000"],
    ["180", "50000"],
    ["240", "55000"],
    ["299.99", "55000"],
    ["300", "60000"],
    ["480", "60000"],
  ])("%s months -> $%s", (months, dollars) => {
    expect(cut("USGOV", months, "months")).toBe(dollars);
  });

  test.each([
    ["0.25", "5000"],
    ["0.5", "7500"],
    ["0.75", "10000"],
    ["1", "15000"],
    ["2", "20000"],
    ["3", "30000"],
    ["5", "40000"],
    ["10", "45000"],
    ["15", "50000"],
    ["20", "55000"],
    ["25", "60000"],
  ])("%s years -> $%s", (years, dollars) => {
    expect(cut("USGOV", years)).toBe(dollars);
  });

  test("91 days is just under 3 months (91/365 of a year): 0%", () => {
    expect(cut("USGOV", "91", "days")).toBe("0");
    expect(cut("USGOV", "92", "days")).toBe("5000");
  });

  test("Canada takes the same schedule", () => {
    expect(cut("CANADA", "1")).toBe("15000");
    expect(cut("CANADA", "0.2")).toBe("0");
  });

  test("each band carries its category for the offset method", () => {
    const s = HAIRCUT_SCHEDULES.find((x) => x.code === "USGOV")!;
    expect(s.bands!.map((b) => b.category)).toEqual([1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4]);
  });
});

describe("(B)(1) short-term municipals, by days", () => {
  test.each([
    ["29", "0"],
    ["30", "1250"],
    ["90", "1250"],
    ["91", "2500"],
    ["180", "2500"],
    ["181", "3750"],
    ["270", "3750"],
    ["271", "5000"],
    ["365", "5000"],
    ["366", "7500"],
    ["455", "7500"],
    ["456", "10000"],
    ["731", "10000"],
  ])("%s days -> $%s", (days, dollars) => {
    expect(cut("MUNI-SHORT", days, "days")).toBe(dollars);
  });

  test("732 days or more is outside (B)(1)", () => {
    expect(() => cut("MUNI-SHORT", "732", "days")).toThrow(/MUNI-SHORT covers less than 732 days/);
  });
});

describe("(B)(2) other municipals, by years", () => {
  test.each([
    ["0", "10000"],
    ["0.99", "10000"],
    ["1", "20000"],
    ["2", "30000"],
    ["3.49", "30000"],
    ["3.5", "40000"],
    ["5", "50000"],
    ["7", "55000"],
    ["10", "60000"],
    ["15", "65000"],
    ["20", "70000"],
    ["30", "70000"],
  ])("%s years -> $%s", (years, dollars) => {
    expect(cut("MUNI", years)).toBe(dollars);
  });
});

describe("(E) commercial paper, bankers' acceptances, CDs, by days", () => {
  test.each([
    ["29", "0"],
    ["30", "1250"],
    ["91", "2500"],
    ["181", "3750"],
    ["271", "5000"],
    ["364", "5000"],
    ["365", "15000"], // 1 year or more: schedule (A), 12 months = 1-1/2%
    ["730", "20000"],
  ])("%s days -> $%s", (days, dollars) => {
    expect(cut("CP", days, "days")).toBe(dollars);
  });
});

describe("(F)(1) nonconvertible debt and (G) convertibles, by years", () => {
  test.each([
    ["NONCONV", "0", "20000"],
    ["NONCONV", "1", "30000"],
    ["NONCONV", "2", "50000"],
    ["NONCONV", "3", "60000"],
    ["NONCONV", "4.99", "60000"],
    ["NONCONV", "5", "70000"],
    ["NONCONV", "10", "75000"],
    ["NONCONV", "15", "80000"],
    ["NONCONV", "20", "85000"],
    ["NONCONV", "25", "90000"],
    ["CONV-BELOW", "3", "60000"],
  ])("%s %s years -> $%s", (category, years, dollars) => {
    expect(cut(category, years)).toBe(dollars);
  });
});

describe("flat categories", () => {
  test.each([
    ["CONV", "150000"],
    ["PREF", "100000"],
    ["MMF", "20000"],
    ["FUND-GOV", "70000"],
    ["FUND-DEBT", "90000"],
    ["OTHER", "150000"],
    ["other", "150000"],
  ])("%s -> $%s, whatever the maturity", (category, dollars) => {
    expect(cut(category, null)).toBe(dollars);
    expect(cut(category, "7")).toBe(dollars);
  });

  test("a short position's size is used", () => {
    expect(haircut("OTHER", new D(-200000), null).haircut.toString()).toBe("30000");
  });

  test("haircuts are exact, not rounded: 1/8 of 1% of $123,457", () => {
    expect(haircut("CP", new D(123457), new D(45), "days").haircut.toString()).toBe("154.32125");
  });
});

describe("errors name the argument", () => {
  test.each([
    [() => cut("STOCKS", null), "unknown-choice", /category "STOCKS" is not a haircut category; use one of USGOV, CANADA/],
    [() => cut("USGOV", null), "invalid-argument", /USGOV is haircut by time to maturity/],
    [() => cut("USGOV", "-1"), "invalid-argument", /time to maturity -1 is negative/],
  ])("%#", (f, kind, message) => {
    try {
      f();
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe(kind);
      expect((e as DomainError).message).toMatch(message);
    }
  });
});

describe("(J) long and short in the same security", () => {
  test.each([
    ["1000000", "0", "150000"],
    ["1000000", "200000", "150000"], // lesser within 25% of greater: no charge on it
    ["1000000", "250000", "150000"],
    ["1000000", "400000", "172500"], // 15% of (400,000 - 250,000)
    ["1000000", "1000000", "262500"],
    ["100000", "1000000", "150000"],
    ["1000000", "-400000", "172500"],
  ])("long %s short %s -> $%s", (l, s, dollars) => {
    expect(haircutEquity(new D(l), new D(s)).toString()).toBe(dollars);
  });
});

test("the category list", () => {
  expect(haircutCategories()).toEqual(["USGOV", "CANADA", "MUNI-SHORT", "MUNI", "CP", "NONCONV", "CONV", "CONV-BELOW", "PREF", "MMF", "FUND-GOV", "FUND-DEBT", "OTHER"]);
});

test("every schedule cites its paragraph and is verified exactly when each of its rates is quoted", () => {
  for (const s of HAIRCUT_SCHEDULES) {
    expect(s.citation).toMatch(/^15c3-1\(c\)\(2\)\(vi\)\([A-J]\)/);
    expect(s.source.length).toBeGreaterThan(10);
    const rates = s.flat ? [s.flat] : s.bands!.map((b) => b.rate);
    expect(s.verified).toBe(rates.every((r) => r.verified && r.quote !== undefined));
  }
  // The eCFR text (reference/cfr) states every schedule's rates.
  expect(HAIRCUT_SCHEDULES.filter((s) => !s.verified).map((s) => s.code)).toEqual([]);
});
