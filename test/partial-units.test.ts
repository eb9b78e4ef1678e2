/**
 * Partial, rounded and dual-registrant reports: a blank ratio line is unknown, not zero; the
 * completeness and the ratio standard are settings; printed units widen each figure by half a unit;
 * the CFTC minimum of a futures commission merchant counts; the JSON never prints Infinity.
 * The figures are made up to show each pattern (the millions case is HSBC Securities (USA)'s
 * 12/31/2008 net capital lines, reference/x17a5, rounded to millions).
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/cli/main";
import { checkJson } from "../src/cli/format";
import { catalogue, checkReport, type CheckResult, type FormId, type InputEntry } from "../src/focus";
import * as F from "../src/functions/functions";

const e = (o: Record<string, string>): InputEntry[] => Object.entries(o).map(([code, value]) => ({ code, raw: { kind: "text", value }, where: `key "${code}"` }));
const finding = (r: CheckResult, id: string) => r.findings.find((f) => f.rule === id)!;

describe("a blank ratio line is a required input of 3760, never zero", () => {
  test("alternative standard: 3870 blank, implied from the 4470 that 3851 implies (2% × ~6 billion)", () => {
    const r = checkReport("part-ii", e({ "3750": "900000000", "3880": "1000000", "3910": "780000000", "3851": "15.00" }));
    expect(r.profile.standard).toBe("alternative");
    // 0.1.0 took 3870 as zero: the requirement was the 1,000,000 fixed minimum and 3910 failed by 119,000,000.
    expect(finding(r, "P2-MIN-3910").status).toBe("pass");
    expect(finding(r, "P2-MIN-3760").status).toBe("cannot-evaluate");
    expect(finding(r, "P2-MIN-3760").message).toMatch(/3760 .* is blank; the other reported figures put it at 119,960,013 to 120,040,013\. 3870 is blank; the report implies/);
    expect(r.netCapital.minimumRequirement).toMatchObject({ computed: "120000000", basis: "implied" });
    // The early warnings are measured against that requirement, not against a floor a hundred times too low.
    expect(finding(r, "P2-EW-120").status).toBe("pass");
    expect(finding(r, "P2-EW-120").expected).toBe(">= 144000000");
    expect(finding(r, "P2-EW-5PCT").status).toBe("pass");
  });

  test("alternative standard, nothing implies 3870: cannot evaluate", () => {
    const r = checkReport("part-ii", e({ "3750": "900000", "3880": "250000", "3760": "250000", "3910": "650000" }), { standard: "alternative" });
    const f = finding(r, "P2-MIN-3760");
    expect(f.status).toBe("cannot-evaluate");
    expect(f.missing).toEqual(["3870"]);
  });

  test("basic standard: 3756 is the required line", () => {
    const r = checkReport("part-ii", e({ "3840": "30,000,000", "3880": "250000", "3760": "2,000,000", "3750": "5,000,000" }));
    expect(r.profile.standard).toBe("basic");
    // 3756 blank but implied by P2-MIN-3756 (6-2/3% of 30,000,000 = 2,000,000).
    expect(finding(r, "P2-MIN-3760").status).toBe("pass");
    const blank = checkReport("part-ii", e({ "3850": "600.00", "3880": "250000", "3760": "2,000,000", "3750": "5,000,000" }));
    expect(finding(blank, "P2-MIN-3760").status).not.toBe("fail");
  });

  test("a filled fixed minimum with blank ratio lines: 3760 above 3880 is a missing requirement, not a wrong one", () => {
    const r = checkReport("part-ii", e({ "3750": "500000000", "3880": "1000000", "3760": "9000000", "3910": "491000000" }));
    const f = finding(r, "P2-MIN-3760");
    expect(f.status).toBe("cannot-evaluate");
    expect(f.message).toMatch(/3760 .* reports 9,000,000, more than the other terms give \(1,000,000\), but lines 5\.A, 5\.B, 5\.C, 5\.D, 5\.B\.i \(3756, 3870, 12058, 12059, 90051\) are blank: that part of the requirement is missing, not wrong\./);
    expect(finding(r, "P2-MIN-3910").status).toBe("pass");
    // A 3760 equal to 3880 is consistent with any ratio requirement up to it: it passes.
    expect(finding(checkReport("part-ii", e({ "3880": "1000000", "3760": "1000000" })), "P2-MIN-3760").status).toBe("pass");
  });
});

describe("completeness as a setting", () => {
  const note = { "3750": "299,549,779" };
  test("a whole report: net capital with blank 3640/3740 fails (its lines are missing or the total is wrong)", () => {
    const r = checkReport("part-ii", e(note));
    expect(finding(r, "P2-NC-3750").status).toBe("fail");
    expect(r.failing).toBe(true);
  });
  test("partial: the same is cannot evaluate, and not failing", () => {
    const r = checkReport("part-ii", e(note), { partial: true });
    expect(finding(r, "P2-NC-3750").status).toBe("cannot-evaluate");
    expect(r.failing).toBe(false);
  });
  test("partial: a blank total is not given, not wrong", () => {
    const r = checkReport("part-ii", e({ "3640": "1,000", "3740": "100" }), { partial: true });
    const f = finding(r, "P2-NC-3750");
    expect([f.status, f.expected]).toEqual(["cannot-evaluate", "900"]);
    expect(f.message).toMatch(/is not given \(partial input\)/);
  });
  test("partial: Appendix E VaR lines left blank no longer make tentative net capital equal net capital", () => {
    const whole = checkReport("part-ii", e({ "12006": "X", "3640": "5,000,000", "3750": "4,000,000" }));
    const part = checkReport("part-ii", e({ "12006": "X", "3640": "5,000,000", "3750": "4,000,000" }), { partial: true });
    expect(whole.findings.filter((f) => f.status === "fail").length).toBeGreaterThan(0);
    expect(part.findings.filter((f) => f.status === "fail" && f.severity === "error")).toEqual([]);
  });
});

describe("the declared ratio standard", () => {
  test("alternative-only rules run for a declared alternative firm whose 4470 lines are blank", () => {
    const report = { "3750": "900000", "3880": "250000", "3760": "250000" };
    expect(finding(checkReport("part-ii", e(report)), "P2-EW-5PCT").status).toBe("not-applicable");
    const declared = checkReport("part-ii", e(report), { standard: "alternative" });
    expect(declared.profile.standard).toBe("alternative");
    expect(finding(declared, "P2-EW-5PCT").status).not.toBe("not-applicable");
    expect(finding(declared, "P2-MIN-3760").missing).toEqual(["3870"]);
  });
  test("a declaration the lines contradict is a finding naming them", () => {
    const r = checkReport("part-ii", e({ "3750": "900000", "3870": "250000" }), { standard: "basic" });
    const f = finding(r, "INPUT-STANDARD");
    expect([f.severity, f.items]).toEqual(["warning", ["3870"]]);
    expect(r.profile.standard).toBe("basic");
  });
});

describe("units and printed precision", () => {
  // HSBC Securities (USA) Inc., 12/31/2008, in millions (the thousands as printed, rounded).
  // Partial (a net capital note): the lines it does not print are unknown, so the zeros it prints are given.
  const millions = { "3480": "650", "3490": "0", "3500": "650", "3520": "975", "3525": "0", "3530": "1,625", "3620": "255", "3630": "0", "3640": "1,371", "3740": "254", "3750": "1,117" };
  test("figures that agree within ± half a million pass (1,625 - 255 = 1,370 against a printed 1,371)", () => {
    const r = checkReport("part-ii", e(millions), { units: "millions", partial: true });
    for (const id of ["P2-NC-3500", "P2-NC-3530", "P2-NC-3640", "P2-NC-3750"]) expect([id, finding(r, id).status]).toEqual([id, "pass"]);
    expect(finding(r, "P2-NC-3750").message).toMatch(/3750 reports 1,117,000,000; 3640 - 3740 gives 1,116,000,000 to 1,118,000,000/);
    expect(r.failing).toBe(false);
  });
  test("the same figures read as dollars fail by the rounding (0.1.0)", () => {
    expect(finding(checkReport("part-ii", e(millions), { partial: true }), "P2-NC-3640").status).toBe("fail");
  });
  test("a figure off by more than its precision fails (3750 printed 1,120)", () => {
    const r = checkReport("part-ii", e({ ...millions, "3750": "1,120" }), { units: "millions", partial: true });
    const f = finding(r, "P2-NC-3750");
    expect(f.status).toBe("fail");
    expect(f.difference).toBe("2000000");
  });
  test("a ratio entered as 'x to 1' carries its printed precision: 0.16 to 1 is 15.5% to 16.5%", () => {
    const r = checkReport("part-iia", e({ "3750": "1,000,000", "3850": "0.16 to 1" }));
    expect(r.netCapital.aggregateIndebtedness).toMatchObject({ computed: "160000", low: "154950", high: "165050" });
    const whole = checkReport("part-iia", e({ "3750": "1,000,000", "3850": "16%" }));
    expect(whole.netCapital.aggregateIndebtedness).toMatchObject({ low: "154950", high: "165050" });
  });
  test("a figure with decimals in its unit is scaled first, then judged: 15.57 billions is 15,570,000,000, not 16 billion", () => {
    const r = checkReport("part-ii", e({ "3750": "15.57" }), { units: "billions", partial: true });
    expect(r.evaluation.report.values.get("3750")).toMatchObject({ state: "amount" });
    const v = r.evaluation.report.values.get("3750") as { value: { toString(): string }; half: { toString(): string } };
    expect(v.value.toString()).toBe("15570000000");
    expect(v.half.toString()).toBe("5000000");
    expect(r.findings.filter((f) => f.rule === "INPUT-ROUNDED")).toEqual([]);
    expect(r.netCapital.netCapital).toMatchObject({ reported: "15570000000" });
  });
  test("a fixed minimum of 0.25 millions is 250,000, not 0; 2,453.9 millions carries ± 50,000", () => {
    const r = checkReport("part-ii", e({ "3880": "0.25", "3750": "2,453.9" }), { units: "millions", partial: true });
    const get = (c: string) => r.evaluation.report.values.get(c) as { value: { toString(): string }; half: { toString(): string } };
    expect([get("3880").value.toString(), get("3880").half.toString()]).toEqual(["250000", "5000"]);
    expect([get("3750").value.toString(), get("3750").half.toString()]).toEqual(["2453900000", "50000"]);
    // A whole figure in millions keeps ± 500,000, as before.
    const whole = checkReport("part-ii", e({ "3750": "4" }), { units: "millions", partial: true }).evaluation.report.values.get("3750") as { half: { toString(): string } };
    expect(whole.half.toString()).toBe("500000");
    expect(r.findings.filter((f) => f.rule.startsWith("INPUT-"))).toEqual([]);
  });
  test("the same from a workbook's number cells (the pane and .xlsx): 15.57 in billions, 0.25 in millions", () => {
    const n = (code: string, value: number): InputEntry => ({ code, raw: { kind: "number", value }, where: `Sheet1!B${code}` });
    const b = checkReport("part-ii", [n("3750", 15.57)], { units: "billions", partial: true });
    expect(b.netCapital.netCapital).toMatchObject({ reported: "15570000000" });
    const m = checkReport("part-ii", [n("3880", 0.25)], { units: "millions", partial: true }).evaluation.report.values.get("3880") as { value: { toString(): string } };
    expect(m.value.toString()).toBe("250000");
  });
  test("only a fraction of a dollar after scaling is rounded (INPUT-ROUNDED), and said in dollars", () => {
    const r = checkReport("part-ii", e({ "3750": "1.2345675" }), { units: "thousands", partial: true });
    const f = finding(r, "INPUT-ROUNDED");
    expect(f.message).toMatch(/holds 1234\.5675; the form reports whole dollars, so 1,235 is used/);
  });
  test("a note printed in millions with one decimal is consistent: net capital 4.1, excess 3.6, basic 6-2/3%, $5,000 floor, A.I. 1.78 to 1", () => {
    // 0.2.0 rounded 4.1 to 4 and 3.6 to 4 (INPUT-ROUNDED each) and failed the excess by 500,000 against its ± 500,000.
    const r = checkReport("part-ii", e({ "3750": "4.1", "3910": "3.6", "3880": "0.005", "3850": "1.78 to 1" }), { units: "millions", partial: true, standard: "basic" });
    expect(r.findings.filter((f) => f.status === "fail")).toEqual([]);
    expect(finding(r, "P2-MIN-3910").status).toBe("pass");
    expect(finding(r, "P2-LIM-NC").status).toBe("pass");
    expect(r.netCapital.netCapital).toMatchObject({ reported: "4100000" });
    expect(r.netCapital.excessNetCapital).toMatchObject({ reported: "3600000" });
    // A.I. = 178% of net capital (1.775 to 1.785 times 4,050,000 to 4,150,000).
    expect(r.netCapital.aggregateIndebtedness).toMatchObject({ basis: "implied", low: "7188548", high: "7407958" });
  });
  test("a units key in JSON and a units row in CSV read decimals the same way", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-units-dec-"));
    const json = path.join(dir, "b.json");
    fs.writeFileSync(json, JSON.stringify({ units: "billions", "3750": "15.57" }));
    const csv = path.join(dir, "b.csv");
    fs.writeFileSync(csv, "item,value\nunits,billions\n3750,15.57\n");
    for (const file of [json, csv]) {
      const out: string[] = [];
      const io = { out: (s: string) => out.push(s), err: () => undefined };
      expect(await run(["node", "focus", "check", file, "--partial", "--format", "json"], io)).toBe(0);
      const doc = JSON.parse(out.join(""));
      expect(doc.netCapital.netCapital).toMatchObject({ reported: "15570000000" });
      expect(doc.findings.filter((f: { rule: string }) => f.rule === "INPUT-ROUNDED")).toEqual([]);
    }
  });
  test("--units on the CLI, and a units row inside the CSV; a contradiction is exit 2", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-units-"));
    const csv = path.join(dir, "m.csv");
    fs.writeFileSync(csv, ["item,value", ...Object.entries(millions).map(([k, v]) => `${k},"${v}"`)].join("\n"));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(await run(["node", "focus", "check", csv, "--units", "millions", "--partial", "--format", "json"], io)).toBe(0);
    const doc = JSON.parse(out.join(""));
    expect(doc.netCapital.netCapital).toMatchObject({ reported: "1117000000" });
    const withRow = path.join(dir, "r.csv");
    fs.writeFileSync(withRow, ["item,value", "units,millions", ...Object.entries(millions).map(([k, v]) => `${k},"${v}"`)].join("\n"));
    out.length = 0;
    expect(await run(["node", "focus", "check", withRow, "--partial"], io)).toBe(0);
    expect(out.join("")).toMatch(/amounts in millions \(each ± half its last printed digit\)/);
    expect(await run(["node", "focus", "check", withRow, "--units", "thousands"], io)).toBe(2);
    expect(err.join("")).toMatch(/says its amounts are in millions, but --units says thousands/);
    const bad = path.join(dir, "b.json");
    fs.writeFileSync(bad, JSON.stringify({ units: "lakhs", "3750": "1" }));
    expect(await run(["node", "focus", "check", bad], io)).toBe(2);
    expect(err.join("")).toMatch(/key "units": units "lakhs" is not known; use dollars, thousands, millions, billions/);
  });
});

describe("the CFTC minimum of a dual registrant (line 5B.i)", () => {
  // A broker-dealer that is also an FCM whose CFTC minimum binds (HSBC-like, thousands as figures).
  const report = { "3750": "1,117,072", "4470": "1,639,302", "3870": "32,786", "90051": "73,276", "3880": "2,500", "3760": "73,276", "3910": "1,043,796" };
  test("reproduces its requirement and excess", () => {
    const r = checkReport("part-ii", e(report));
    expect(finding(r, "P2-MIN-3760").status).toBe("pass");
    expect(finding(r, "P2-MIN-3910").status).toBe("pass");
    expect(finding(r, "P2-MIN-3870").status).toBe("pass");
    expect(r.netCapital.minimumRequirement).toMatchObject({ reported: "73276", computed: "73276" });
    expect(r.netCapital.cftcMinimum).toMatchObject({ item: "90051", reported: "73276" });
    expect(r.netCapital.excessNetCapital).toMatchObject({ reported: "1043796", computed: "1043796" });
  });
  test("without the CFTC line the same requirement fails", () => {
    const r = checkReport("part-ii", e({ ...report, "90051": "" }));
    expect(finding(r, "P2-MIN-3760").status).toBe("cannot-evaluate");
  });
  test("the line is catalogued under an unconfirmed placeholder code", () => {
    const it = catalogue("part-ii").get("90051")!;
    expect([it.line, it.confirmed]).toEqual(["5.B.i", false]);
  });
  test("FOCUS.MINNETCAPITAL takes the CFTC minimum as an optional last argument", () => {
    expect(F.minnetcapital("alternative", 1_639_302, 2_500)).toBe(32_786);
    expect(F.minnetcapital("alternative", 1_639_302, 2_500, null as unknown as number, 73_276)).toBe(73_276);
    expect(F.minnetcapital("alternative", 1_639_302, 2_500, 2_371, 73_276)).toBe(75_647);
  });
});

describe("smaller defects", () => {
  test("P2-MIN-3870 says what it used when 4470 is implied", () => {
    const r = checkReport("part-ii", e({ "3870": "100", "3920": "4,950", "3750": "10,000" }));
    const f = finding(r, "P2-MIN-3870");
    expect(f.message).not.toMatch(/are all blank/);
  });

  test("3860, debt to debt-equity total, is checked where its inputs are on the form (HSBC 2008: 975,000 / 1,625,226 = 59.99%)", () => {
    const ok = checkReport("part-ii", e({ "3520": "975,000", "3530": "1,625,226", "3860": "59.99" }));
    expect(finding(ok, "P2-RAT-3860").status).toBe("pass");
    const misread = checkReport("part-ii", e({ "3520": "975,000", "3530": "1,625,226", "3860": "9.99" }));
    expect(finding(misread, "P2-RAT-3860").status).toBe("fail");
  });

  test("the JSON never prints Infinity or NaN: Part IIA with 3758, 3770 and 3850 only", () => {
    const r = checkReport("part-iia", e({ "3758": "5,000", "3770": "100,000", "3850": "50.00" }));
    expect(JSON.stringify(checkJson(r, "x"))).not.toMatch(/Infinity|NaN/);
  });

  test("property: amounts in the JSON are exact decimal strings or null, over random partial reports", () => {
    const codes = (form: FormId) => catalogue(form).items.filter((i) => i.kind === "dollars" || i.kind === "percent").map((i) => i.code);
    const all = { "part-ii": codes("part-ii"), "part-iia": codes("part-iia") };
    const AMOUNT = /^-?\d+(\.\d+)?$/;
    const AMOUNT_KEYS = new Set(["expected", "actual", "difference", "reported", "computed", "low", "high"]);
    fc.assert(
      fc.property(
        fc.constantFrom<FormId>("part-ii", "part-iia"),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1e9, max: 1e10 })), { maxLength: 12 }),
        fc.boolean(),
        (form, picks, partial) => {
          const report = Object.fromEntries(picks.map(([i, v]) => [all[form][i % all[form].length], String(v)]));
          const doc = checkJson(checkReport(form, e(report), { partial }), "x") as { findings: { rule: string }[]; netCapital: unknown };
          // An input finding's "actual" is the text as given ("n/a"); every other amount is a decimal string.
          doc.findings = doc.findings.filter((f) => !f.rule.startsWith("INPUT-"));
          const walk = (x: unknown, key = ""): void => {
            if (typeof x === "string" && AMOUNT_KEYS.has(key)) {
              const v = x.replace(/^(>=|<=) /, "");
              expect([key, AMOUNT.test(v) || ((key === "low" || key === "high") && /^-?unbounded$/.test(v))]).toEqual([key, true]);
            } else if (Array.isArray(x)) x.forEach((y) => walk(y));
            else if (x && typeof x === "object") for (const [k, y] of Object.entries(x)) walk(y, k);
          };
          walk(doc);
        },
      ),
      { numRuns: Number(process.env.FOCUS_PROPERTY_RUNS ?? 300) },
    );
  }, 120_000);
});
