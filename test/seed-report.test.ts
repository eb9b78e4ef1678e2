/**
 * The engine on the real filed Part II (Mirae Asset Securities (USA) Inc., 12/31/2024), as
 * transcribed in examples/. Figures from the filing; expectations from the issue and from
 * reference/forms/focus-relations.md section 8 (worked reconciliation).
 */
import { D } from "../src/focus";
import { check, finding, seedValues, statuses } from "./helpers";

const result = check(seedValues());

describe("the real report: what passes", () => {
  test.each([
    // Row cross-foots of every asset line reported.
    "P2-XF-750", "P2-XF-760", "P2-XF-770", "P2-XF-780", "P2-XF-800", "P2-XF-810", "P2-XF-820", "P2-XF-830",
    "P2-XF-840", "P2-XF-12024", "P2-XF-910", "P2-XF-920", "P2-XF-930",
    // Column totals and the balance identity.
    "P2-COL-540", "P2-COL-740", "P2-COL-940", "P2-XF-940", "P2-BS-1810", "P2-BS-940",
    // The net capital chain.
    "P2-NC-3480", "P2-NC-3500", "P2-NC-3540", "P2-NC-3620", "P2-NC-3640", "P2-NC-3750",
    // The minimum-requirement page, against the aggregate debits that 3870 implies.
    "P2-MIN-3870", "P2-MIN-12061", "P2-MIN-3920", "P2-RAT-3851",
    "P2-LIM-NC", "P2-EW-120", "P2-EW-5PCT", "P2-LIM-DE",
  ])("%s passes", (rule) => {
    expect(finding(result, rule).status).toBe("pass");
  });

  test("940 = 1810 = 22,150,484,829", () => {
    const f = finding(result, "P2-BS-940");
    expect([f.expected, f.actual, f.difference]).toEqual(["22150484829", "22150484829", "0"]);
  });

  test("1810 passes on the implied 1760 and 1800, and says so", () => {
    const f = finding(result, "P2-BS-1810");
    expect(f.implied.map((i) => [i.code, i.low, i.high])).toEqual([
      ["1760", "21599784027", "21599784027"],
      ["1800", "550700802", "550700802"],
    ]);
  });

  test("3920 and 3851 pass with 4470 implied by the other lines, never by themselves", () => {
    const f3920 = finding(result, "P2-MIN-3920");
    expect(f3920.implied).toEqual([{ code: "4470", low: "350455575", high: "350455625", from: ["P2-MIN-3870", "P2-RAT-3851"] }]);
    expect([f3920.expected, f3920.actual, f3920.difference]).toEqual(["282026998", "282026998", "0"]);
    const f3851 = finding(result, "P2-RAT-3851");
    expect(f3851.implied[0].from).not.toContain("P2-RAT-3851");
    expect([f3851.expected, f3851.actual]).toEqual(["85.47", "85.47"]);
  });

  test("12061 passes against the ratio requirement 3870 + 12059 = 7,153,876", () => {
    const f = finding(result, "P2-MIN-12061");
    expect(f.implied).toEqual([{ code: "3760", low: "7153876", high: "unbounded", from: ["P2-MIN-3760"] }]);
    expect([f.expected, f.actual]).toEqual(["290965128", "290965128"]);
  });
});

describe("the real report: boxes lost in extraction are findings, not crashes or passes", () => {
  test.each([
    ["P2-COL-1760", "fail", "21599784027", null],
    ["P2-NC-3530", "fail", "550700802", null],
    ["P2-NC-3740", "fail", "0", "38330537"],
    ["P2-MIN-12060", "fail", "7153876", null],
  ])("%s %s: expected %s, actual %s", (rule, status, expected, actual) => {
    const f = finding(result, rule);
    expect(f.status).toBe(status);
    expect(f.expected).toBe(expected);
    expect(f.actual).toBe(actual);
  });

  test("a blank line whose figure rests on other blank boxes says what the report implies, without failing", () => {
    const f = finding(result, "P2-MIN-3910");
    expect(f).toMatchObject({ status: "cannot-evaluate", expected: "292395903", actual: null, missing: ["3910"] });
    expect(f.message).toBe(
      "3910 (Excess net capital (3750 - 3760)) is blank; the other reported figures put it at 292,395,903. 3760 is blank; the report implies 7,153,876 (from P2-MIN-3760, P2-MIN-12061).",
    );
  });

  test("a blank total says what it should be", () => {
    expect(finding(result, "P2-COL-1760").message).toBe(
      "1760 (TOTAL LIABILITIES) is blank; from the sum of its 34 lines it should be 21,599,784,027.",
    );
  });

  test("a total whose lines are all blank says the lines are missing", () => {
    expect(finding(result, "P2-NC-3740").message).toMatch(/reports 38,330,537, but its lines .* are all blank/);
  });

  test("the fixed-dollar minimum is missing: the requirement cannot be evaluated, and the finding names 3880", () => {
    const f = finding(result, "P2-MIN-3760");
    expect(f.status).toBe("cannot-evaluate");
    expect(f.missing).toEqual(["3880"]);
    expect(f.message).toContain("3880 (Fixed-dollar minimum net capital requirement) is blank");
  });

  test("the A.I. / non-A.I. split of liabilities is not reported (alternative standard): not applicable", () => {
    const f = finding(result, "P2-XF-1480");
    expect(f.status).toBe("not-applicable");
    expect(f.message).toContain("Only the total 1480 is reported");
  });

  test("summary counts", () => {
    expect(result.summary).toEqual({ pass: 34, fail: 4, cannotEvaluate: 2, notApplicable: 99 }); // 0.3.0: + the 12 rules of the statement of income and of changes, and 1795 (blank here); 0.4.0: + the 6 rules of the PAB page
    expect(result.failing).toBe(true);
    expect(result.profile).toEqual({ models: false, standard: "alternative", firstYear: false, frequency: "weekly", exemption: false, reservePage: false, pabPage: false });
  });
});

describe("net capital summary", () => {
  const s = result.netCapital;
  test.each([
    ["tentativeNetCapital", "337880316", "337880316", "recomputed"],
    ["netCapital", "299549779", "299549779", "recomputed"],
    ["minimumRequirement", null, "7153876", "implied"],
    ["excessNetCapital", null, "292395903", "implied"],
    ["earlyWarningMinimum", "290965128", "290965128", "implied"],
    ["earlyWarningDebits", "282026998", "282026998", "implied"],
    ["aggregateDebitItems", null, "350455618", "implied"],
    ["netCapitalToDebits", "85.47", "85.47", "implied"],
    ["aggregateIndebtedness", null, null, "unavailable"],
  ] as const)("%s: reported %s, computed %s (%s)", (key, reported, computed, basis) => {
    expect(s[key].reported).toBe(reported);
    expect(s[key].computed).toBe(computed);
    expect(s[key].basis).toBe(basis);
  });

  test("aggregate debit items are implied as a range, and said to be implied", () => {
    expect([s.aggregateDebitItems.low, s.aggregateDebitItems.high]).toEqual(["350455610", "350455625"]);
    expect(s.aggregateDebitItems.note).toContain("4470");
  });
});

describe("a copy with one amount changed fails exactly the rules that use it", () => {
  const base = seedValues();
  const before = statuses(result);
  const allowable = ["200", "210", "220", "230", "240", "250", "290", "300", "310", "340", "350", "360", "12019", "490", "500", "536"];
  test.each(allowable)("allowable item %s + $1,000", (code) => {
    const values = new Map(base);
    values.set(code, new D(values.get(code)!.replace(/,/g, "")).plus(1000).toString());
    const after = statuses(check(values));
    const changed = [...after].filter(([rule, status]) => before.get(rule) !== status).map(([rule]) => rule).sort();
    const users = result.findings
      .filter((f) => !f.rule.startsWith("INPUT") && f.status === "pass" && f.items.includes(code))
      .map((f) => f.rule)
      .sort();
    expect(users.length).toBeGreaterThanOrEqual(2); // its line's cross-foot and its column total
    expect(changed).toEqual(users);
    for (const rule of users) expect(after.get(rule)).toBe("fail");
  });

  test("the text extraction's misread 3640 (337,000,310) fails exactly 3640 and 3750, by 880,006", () => {
    const values = new Map(base);
    values.set("3640", "337,000,310");
    const r = check(values);
    const after = statuses(r);
    const changed = [...after].filter(([rule, status]) => before.get(rule) !== status).map(([rule]) => rule).sort();
    expect(changed).toEqual(["P2-NC-3640", "P2-NC-3750"]);
    expect(finding(r, "P2-NC-3640")).toMatchObject({ expected: "337880316", actual: "337000310", difference: "-880006" });
    expect(finding(r, "P2-NC-3750")).toMatchObject({ expected: "298669773", actual: "299549779", difference: "880006" });
    expect(r.netCapital.tentativeNetCapital).toMatchObject({ reported: "337000310", computed: "337880316" });
  });

  test("3740 replaced by a schedule that gives 0: the summary's excess is the finding's margin, on the reported 3750 (issue #29 point 2)", () => {
    const values = new Map(base);
    values.set("3740", "0");
    const r = check(values);
    expect(finding(r, "P2-NC-3750")).toMatchObject({ status: "fail", expected: "337880316", actual: "299549779", difference: "-38330537" });
    const limit = finding(r, "P2-LIM-NC");
    expect([limit.status, limit.actual, limit.difference]).toEqual(["pass", "299549779", "292395903"]);
    // Net capital shows the reported figure and what its lines give; every line above it uses the
    // reported 299,549,779 as the findings do (0.3.0 gave excess 330,726,440 from the lines' 337,880,316).
    expect(r.netCapital.netCapital).toMatchObject({ reported: "299549779", computed: "337880316", difference: "-38330537" });
    expect(r.netCapital.excessNetCapital).toMatchObject({ item: "3910", reported: null, computed: "292395903" });
    expect(r.netCapital.earlyWarningMinimum).toMatchObject({ reported: "290965128", computed: "290965128", difference: "0" });
  });

  test("with 4470 reported, 3920 off by $2 fails and off by $1 passes (the $1 tolerance, no wider)", () => {
    const values = new Map(base);
    values.set("4470", "350,455,620"); // inside the range the report implies; 5% = 17,522,781
    expect(finding(check(values), "P2-MIN-3920")).toMatchObject({ status: "pass", expected: "282026998", implied: [] });
    values.set("3920", "282,027,000");
    expect(finding(check(values), "P2-MIN-3920")).toMatchObject({ status: "fail", difference: "2" });
    values.set("3920", "282,026,999");
    expect(finding(check(values), "P2-MIN-3920")).toMatchObject({ status: "pass", difference: "1" });
  });

  test("with only 3870 reported, 4470 is implied as 350,455,575 to 350,455,625 (2% of it rounds to 7,009,112)", () => {
    const r = check(new Map([["3870", "7,009,112"], ["3851", ""]]));
    const imp = r.evaluation.implications.get("4470") ?? [];
    expect(imp.map((i) => [i.rule, i.interval.lo.toString(), i.interval.hi.toString()])).toEqual([["P2-MIN-3870", "350455575", "350455625"]]);
  });
});
