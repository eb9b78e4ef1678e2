/**
 * Part IIA: the catalogue (confirmation carried), the rules on the made-up example of a small
 * introducing firm (internally consistent: every rule that applies passes), mutations, the basic
 * and alternative standards, the first-year limit, form fit, and the CLI's --form.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "csv-parse/sync";
import { catalogue, checkReport, D, type CheckResult } from "../src/focus";
import { focus } from "./run-focus";
import { readWorkbookEntries } from "../src/cli/xlsx";
import { ROOT } from "./helpers";

const CSV = path.join(ROOT, "examples", "example-introducing-firm-part-iia.csv");
const XLSX = path.join(ROOT, "examples", "example-introducing-firm-part-iia.xlsx");

function example(): Map<string, string> {
  const rows = parse(fs.readFileSync(CSV, "utf8"), { columns: true }) as { item: string; value: string }[];
  return new Map(rows.map((r) => [r.item, r.value]));
}
function check(values: Map<string, string>, opts = {}): CheckResult {
  return checkReport("part-iia", [...values].map(([code, value]) => ({ code, raw: { kind: "text" as const, value }, where: `item ${code}` })), opts);
}
const statuses = (r: CheckResult) => new Map(r.findings.filter((f) => !f.rule.startsWith("INPUT")).map((f) => [f.rule, f.status]));
const finding = (r: CheckResult, rule: string) => r.findings.find((f) => f.rule === rule)!;

describe("Part IIA catalogue", () => {
  const cat = catalogue("part-iia");
  test("every item carries its confirmation status; the body is recalled unless the code is confirmed for the same line", () => {
    expect(cat.items.length).toBe(211);
    expect(cat.require("12")).toMatchObject({ confidence: "seen", confirmed: true, label: "Part IIA form identifier" });
    expect(cat.require("3750")).toMatchObject({ confidence: "shared", confirmed: true });
    expect(cat.require("3780")).toMatchObject({ confidence: "shared", confirmed: true });
    expect(cat.require("3780").confirmedBy).toContain("pre-2021 Part II");
    // IIA-only codes and codes Part II uses for another line stay unconfirmed.
    for (const code of ["295", "355", "418", "1045", "1114", "1540", "1560", "810", "3733", "3735"]) {
      expect(cat.require(code)).toMatchObject({ confidence: "recalled", confirmed: false });
    }
    // Every "shared" code is confirmed where it is claimed to be.
    for (const it of cat.items.filter((i) => i.confidence === "shared")) {
      if (it.confirmedBy!.includes("filed Part II")) expect(catalogue("part-ii").require(it.code).confirmed).toBe(true);
    }
  });

  test("3760 sits on both Part A and Part B", () => {
    expect(cat.require("3760").section).toBe("minimum-requirement");
    expect(cat.require("3760").alsoOn.map((p) => p.section)).toEqual(["minimum-requirement-alternative"]);
  });
});

describe("the made-up introducing firm (Part IIA, basic standard)", () => {
  const r = check(example());

  test("is internally consistent: every applicable rule passes", () => {
    expect(r.findings.filter((f) => f.status !== "pass" && f.status !== "not-applicable").map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(r.summary).toEqual({ pass: 42, fail: 0, cannotEvaluate: 0, notApplicable: 29 }); // 0.3.0: + the 11 rules of the statement of income and of changes (blank here)
    expect(r.profile.standard).toBe("basic");
  });

  test.each([
    ["P2A-XF-810", "189620"],
    ["P2A-COL-540", "883770"],
    ["P2A-COL-1230", "144360"],
    ["P2A-NC-3640", "739410"],
    ["P2A-NC-3750", "737460"],
    ["P2A-MIN-3756", "9624"],
    ["P2A-MIN-3760A", "50000"],
    ["P2A-MIN-3780", "723024"],
    ["P2A-RAT-3850", "19.58"],
  ])("%s expected %s", (rule, expected) => {
    expect(finding(r, rule)).toMatchObject({ status: "pass", expected });
  });

  test("the capital summary", () => {
    expect(r.netCapital.netCapital).toMatchObject({ reported: "737460", computed: "737460", basis: "recomputed" });
    expect(r.netCapital.excessNetCapital).toMatchObject({ item: "3770", reported: "687460" });
    expect(r.netCapital.earlyWarningMinimum).toMatchObject({ item: "", computed: "677460" });
    expect(r.netCapital.excessNetCapitalAt1000).toMatchObject({ item: "3780", computed: "723024" });
    expect(r.netCapital.aggregateDebitItems.basis).toBe("unavailable");
  });

  test.each(["200", "295", "300", "418", "424"])("allowable item %s + $1,000 fails exactly the rules that use it", (code) => {
    const before = statuses(r);
    const v = example();
    v.set(code, new D(v.get(code)!.replace(/,/g, "")).plus(1000).toString());
    const after = statuses(check(v));
    const changed = [...after].filter(([rule, st]) => before.get(rule) !== st).map(([rule]) => rule).sort();
    const users = r.findings.filter((f) => !f.rule.startsWith("INPUT") && f.status === "pass" && f.items.includes(code)).map((f) => f.rule).sort();
    expect(changed).toEqual(users);
    expect(users).toEqual(expect.arrayContaining(["P2A-COL-540"]));
  });

  test("A.I. split required under the basic standard: a total without its split fails", () => {
    const v = example();
    v.delete("1205");
    const f = finding(check(v), "P2A-XF-1685");
    expect(f).toMatchObject({ status: "fail", expected: "0", actual: "128960" });
  });

  test("the 1,500% limit, and 800% in the first year (warnings)", () => {
    const v = example();
    // A.I. of 7,000,000 against net capital 737,460: 949%: within 1,500%, above 800%.
    v.set("3840", "7,000,000");
    const established = check(v);
    expect(finding(established, "P2A-LIM-AI")).toMatchObject({ status: "pass", severity: "warning" });
    expect(finding(established, "P2A-LIM-AI-1Y").status).toBe("not-applicable");
    const firstYear = check(v, { firstYear: true });
    expect(finding(firstYear, "P2A-LIM-AI-1Y")).toMatchObject({ status: "fail", severity: "warning" });
    expect(finding(firstYear, "P2A-LIM-AI").status).toBe("not-applicable");
  });
});

describe("Part B (alternative standard) on Part IIA", () => {
  test("3760 = greater of 3870 and 3880; 3910 = 3750 - 3760", () => {
    const r = check(new Map([["3750", "400,000"], ["3870", "260,000"], ["3880", "250,000"], ["3760", "260,000"], ["3910", "140,000"]]));
    expect(r.profile.standard).toBe("alternative");
    expect(finding(r, "P2A-MIN-3760B")).toMatchObject({ status: "pass", expected: "260000" });
    expect(finding(r, "P2A-MIN-3910")).toMatchObject({ status: "pass", expected: "140000" });
    expect(finding(r, "P2A-MIN-3760A").status).toBe("not-applicable");
    expect(r.netCapital.excessNetCapital.item).toBe("3910");
  });
});

describe("form fit", () => {
  test("a Part IIA report checked as Part II is told it fits Part IIA better", () => {
    const values = example();
    const r = checkReport("part-ii", [...values].map(([code, value]) => ({ code, raw: { kind: "text" as const, value } })));
    const f = r.findings.find((x) => x.rule === "INPUT-FORM")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toMatch(/^These item codes fit Part IIA better than Part II: 59 of 59 are Part IIA items, 47 are Part II items\./);
    expect(check(values).findings.some((x) => x.rule === "INPUT-FORM")).toBe(false);
  });
});

describe("the CLI with --form part-iia", () => {
  test("check: the example workbook and CSV agree and exit 0", async () => {
    const a = await focus("check", XLSX, "--form", "part-iia", "--format", "json");
    const b = await focus("check", CSV, "--form", "part-iia", "--format", "json");
    expect([a.code, b.code]).toEqual([0, 0]);
    const rules = (o: string) => JSON.parse(o).findings.map((f: { rule: string; status: string }) => `${f.rule}:${f.status}`);
    expect(rules(a.out)).toEqual(rules(b.out));
    expect(JSON.parse(a.out).form).toBe("part-iia");
  });

  test("the example workbook holds the CSV's values in the Part IIA layout", async () => {
    const entries = await readWorkbookEntries(XLSX);
    expect(entries.filter((e) => e.raw.kind !== "blank").length).toBe(example().size);
    expect(entries.length).toBe(catalogue("part-iia").items.length);
  });

  test("items --form part-iia shows unconfirmed codes as such", async () => {
    const r = await focus("items", "--form", "part-iia", "--search", "payable to brokers");
    expect(r.out).toContain("1540   UNCONFIRMED (recalled)");
  });

  test("template --form part-iia writes the Part IIA layout", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "focus-iia-")), "iia.xlsx");
    expect((await focus("template", out, "--form", "part-iia")).code).toBe(0);
    const entries = await readWorkbookEntries(out);
    expect(entries.map((e) => e.code)).toEqual(expect.arrayContaining(["295", "418", "3756", "3758", "3780"]));
    expect(entries.length).toBe(catalogue("part-iia").items.length);
  });

  test("--first-year applies the 800% limit", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "focus-iia-")), "r.json");
    fs.writeFileSync(file, JSON.stringify({ "3750": "100,000", "3840": "900,000", "3850": "900.00" }));
    const r = await focus("check", file, "--form", "part-iia", "--first-year", "--format", "json");
    const doc = JSON.parse(r.out);
    expect(doc.findings.find((f: { rule: string }) => f.rule === "P2A-LIM-AI-1Y").status).toBe("fail");
    expect(doc.profile.firstYear).toBe(true);
  });
});
