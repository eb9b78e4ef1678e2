/**
 * The reserve formula (Rule 15c3-3, Exhibit A) on Part II: its rules on the seven real
 * computations in reference/x17a5 (thousands of dollars, as printed), the summary's reserve
 * block, the bundled example, the frequency setting, and bad input naming the box.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { checkReport, D, reserveComputation, reserveFromItems, type CheckResult, type InputEntry } from "../src/focus";
import { ROOT } from "./helpers";

const SEEDS = path.join(ROOT, "reference", "x17a5");

/** The item_code,amount rows of a seed's transcription. */
function seed(file: string): Map<string, string> {
  const t = fs.readFileSync(path.join(SEEDS, file), "utf8");
  const csv = t.slice(t.indexOf("===== CSV"), t.indexOf("===== RE-ADD")).split("\n").slice(2);
  const out = new Map<string, string>();
  for (const line of csv) {
    const m = /,(\d+),([^,]*)$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

function entries(values: Map<string, string> | Record<string, string>): InputEntry[] {
  const m = values instanceof Map ? values : new Map(Object.entries(values));
  return [...m].map(([code, value]) => ({ code, raw: { kind: "text", value }, where: `item ${code}` }));
}

function reserveStatuses(r: CheckResult): Record<string, string> {
  return Object.fromEntries(r.findings.filter((f) => f.section === "reserve-formula" && f.status !== "not-applicable").map((f) => [f.rule, f.status]));
}

const ALL_PASS = {
  "P2-RES-4430": "pass",
  "P2-RES-4470": "pass",
  "P2-RES-4471": "pass",
  "P2-RES-4472": "pass",
  "P2-RES-4480": "pass",
  "P2-RES-4490": "pass",
  "P2-RES-4530": "pass",
  "P2-RES-DEPOSIT": "pass",
  "P2-RES-4500-WEEKLY": "pass",
};

describe("the seven real reserve computations", () => {
  test.each([
    // file, printed requirement (4490), printed account after the deposit (4530), what the case shows
    ["hsbc-securities-usa-2008-12-31-schedule-ii-reserve-formula.txt", "362741", "498449", "a withdrawal (4520 = -46,773)"],
    ["hsbc-securities-usa-2009-12-31-schedule-ii-reserve-formula.txt", "270527", "340875", "a deposit (4520 = +45,805)"],
  ])("%s reproduces its totals, requirement and deposit: %s", (file, requirement, after) => {
    const r = checkReport("part-ii", entries(seed(file)));
    expect(r.profile.standard).toBe("alternative");
    expect(reserveStatuses(r)).toEqual(ALL_PASS);
    expect(r.netCapital.reserve!.requirement).toMatchObject({ item: "4490", reported: requirement, computed: requirement, basis: "recomputed" });
    expect(r.netCapital.reserve!.afterDeposit).toMatchObject({ reported: after, computed: after });
  });

  test("HSBC 2010: every line reconciles but 4490, printed one thousand above credits less debits (345,427 vs 345,426)", () => {
    const r = checkReport("part-ii", entries(seed("hsbc-securities-usa-2010-12-31-schedule-ii-reserve-formula.txt")));
    expect(reserveStatuses(r)).toEqual({ ...ALL_PASS, "P2-RES-4490": "fail" });
    const f = r.findings.find((x) => x.rule === "P2-RES-4490")!;
    expect([f.expected, f.actual, f.difference]).toEqual(["345426", "345427", "1"]);
    // After a withdrawal of 51,654 the account holds 408,706: 63,279 above the printed requirement,
    // as the deposit finding measures it (0.3.0 said 63,280, above the requirement recomputed from
    // the lines, so the summary and the finding gave two margins: issue #29 point 2).
    const deposit = r.findings.find((x) => x.rule === "P2-RES-DEPOSIT")!;
    expect([deposit.status, deposit.actual, deposit.expected]).toEqual(["pass", "408706", ">= 345427"]);
    expect(r.netCapital.reserve!.excessOrDeficiency.computed).toBe("63279");
    expect(r.netCapital.reserve!.requirement).toMatchObject({ reported: "345427", computed: "345426", difference: "1" });
  });

  test("RBC Dain Rauscher 2006: debits exceed credits; nothing to deposit (4480 = 147,379)", () => {
    const r = checkReport("part-ii", entries(seed("rbc-dain-rauscher-2006-10-31-schedule-reserve-formula.txt")));
    expect(reserveStatuses(r)).toMatchObject({ "P2-RES-4430": "pass", "P2-RES-4470": "pass", "P2-RES-4471": "pass", "P2-RES-4472": "pass", "P2-RES-4480": "pass", "P2-RES-DEPOSIT": "pass" });
    expect(r.netCapital.reserve!.requirement).toMatchObject({ reported: null, computed: "0" });
    expect(r.netCapital.reserve!.totalDebits.computed).toBe("1660440");
  });

  test("RBC Dain Rauscher 2007: credits exceed debits by 21,063 (printed in parentheses; entered as a balance)", () => {
    const r = checkReport("part-ii", entries(seed("rbc-dain-rauscher-2007-10-31-schedule-reserve-formula.txt")));
    expect(reserveStatuses(r)).toMatchObject({ "P2-RES-4490": "pass", "P2-RES-DEPOSIT": "pass" });
    expect(r.netCapital.reserve!.requirement.computed).toBe("21063");
  });

  test.each([
    ["ing-financial-markets-2006-12-31-schedule-ii-reserve-formula.txt", "52366"],
    ["ing-financial-markets-2007-12-31-schedule-ii-reserve-formula.txt", "106063"],
  ])("ING's short form %s: the printed lines reconcile; 4530 without 4510 cannot be re-added", (file, requirement) => {
    const r = checkReport("part-ii", entries(seed(file)));
    const st = reserveStatuses(r);
    expect(st).toMatchObject({ "P2-RES-4430": "pass", "P2-RES-4470": "pass", "P2-RES-4471": "pass", "P2-RES-4472": "pass", "P2-RES-4490": "pass", "P2-RES-DEPOSIT": "pass" });
    expect(st["P2-RES-4530"]).toBe("cannot-evaluate");
    expect(r.netCapital.reserve!.requirement.computed).toBe(requirement);
  });

  test("the engine's computation from the totals agrees with every seed's requirement", () => {
    for (const file of fs.readdirSync(SEEDS).filter((f) => f.includes("reserve"))) {
      const v = seed(file);
      const c = reserveComputation({ totalCredits: new D(v.get("4430")!), totalDebits: new D(v.get("4470")!), standard: "alternative" });
      expect([file, c.reduction.toString()]).toEqual([file, v.get("4471")]);
      const printed = new D(v.get("4490") ?? "0");
      expect([file, c.requirement.minus(printed).abs().lte(1)]).toEqual([file, true]);
    }
  });
});

describe("the standard and the frequency", () => {
  // A basic-standard carrying firm: A.I. lines filled; its 1% is inside 4440, line 19 empty.
  const basic = { "3840": "5,000,000", "3756": "333,333", "4340": "900,000", "4430": "900,000", "4440": "500,000", "4470": "500,000", "4472": "500,000", "4490": "400,000", "4510": "400,000", "4530": "400,000" };

  test("a basic-standard firm passes with no line-19 reduction", () => {
    const r = checkReport("part-ii", entries(basic));
    expect(r.profile.standard).toBe("basic");
    expect(reserveStatuses(r)).toMatchObject({ "P2-RES-4472": "pass", "P2-RES-4490": "pass", "P2-RES-DEPOSIT": "pass" });
  });

  test("a reduction entered on a basic-standard firm's page is a failure naming 4471", () => {
    const r = checkReport("part-ii", entries({ ...basic, "4471": "5,000", "4472": "495,000", "4490": "405,000", "4530": "405,000" }));
    const f = r.findings.find((x) => x.rule === "P2-RES-4471-BASIC")!;
    expect(f.status).toBe("fail");
    expect(f.items).toEqual(["4471"]);
    expect(f.citation).toMatch(/Note E\(3\)/);
  });

  test("a requirement computed on unreduced debits (alternative standard) fails 4471 and says what it should be", () => {
    const r = checkReport("part-ii", entries({ "3870": "20,000", "4430": "1,500,000", "4440": "1,000,000", "4470": "1,000,000", "4472": "1,000,000", "4490": "500,000" }));
    const f = r.findings.find((x) => x.rule === "P2-RES-4471")!;
    expect(f.status).toBe("fail");
    expect(f.expected).toBe("30000");
    expect(r.findings.find((x) => x.rule === "P2-RES-4472")!.status).toBe("fail");
  });

  const alt = { "3870": "20,000", "4430": "1,500,000", "4440": "1,000,000", "4470": "1,000,000" };
  test("daily: the reduction is 2% (15c3-1(a)(1)(ii)(A) proviso)", () => {
    const daily = { ...alt, "4471": "20,000", "4472": "980,000", "4490": "520,000" };
    expect(reserveStatuses(checkReport("part-ii", entries(daily), { frequency: "daily" }))).toMatchObject({ "P2-RES-4471-DAILY": "pass", "P2-RES-4490": "pass" });
    expect(reserveStatuses(checkReport("part-ii", entries(daily)))["P2-RES-4471"]).toBe("fail");
  });

  test("daily keeping 3% is allowed: 30,000 of 1,000,000 passes with a requirement 10,000 larger; 1% fails (issue #26 point 12)", () => {
    // 15c3-1(a)(1)(ii)(A): a daily computer "may reduce aggregate debit items ... by 2%". 0.3.0
    // required exactly 2% and failed the 3% a weekly computer takes.
    const kept = { ...alt, "4471": "30,000", "4472": "970,000", "4490": "530,000" };
    const r = checkReport("part-ii", entries(kept), { frequency: "daily" });
    expect(reserveStatuses(r)).toMatchObject({ "P2-RES-4471-DAILY": "pass", "P2-RES-4490": "pass" });
    expect(r.netCapital.reserve!.requirement).toMatchObject({ item: "4490", reported: "530000" });
    const low = { ...alt, "4471": "10,000", "4472": "990,000", "4490": "510,000" };
    const f = checkReport("part-ii", entries(low), { frequency: "daily" }).findings.find((x) => x.rule === "P2-RES-4471-DAILY")!;
    expect([f.status, f.severity, f.actual]).toEqual(["fail", "error", "10000"]);
    expect(f.citation).toMatch(/15c3-1\(a\)\(1\)\(ii\)\(A\) proviso/);
  });

  test("monthly: line 23 is 105% of line 22 and the account must cover it", () => {
    const monthly = { "3840": "1,000", "4430": "1,500,000", "4440": "1,000,000", "4470": "1,000,000", "4472": "1,000,000", "4490": "500,000", "4500": "525,000", "4510": "520,000", "4530": "520,000" };
    const r = checkReport("part-ii", entries(monthly), { frequency: "monthly" });
    expect(reserveStatuses(r)).toMatchObject({ "P2-RES-4500": "pass", "P2-RES-DEPOSIT-M": "fail" });
    expect(r.netCapital.reserve!.requirement).toMatchObject({ item: "4500", computed: "525000" });
    expect(r.netCapital.reserve!.excessOrDeficiency.computed).toBe("-5000");
    // Weekly, the same page's line 23 is a warning and the account covers 4490.
    const w = checkReport("part-ii", entries(monthly));
    expect(reserveStatuses(w)).toMatchObject({ "P2-RES-4500-WEEKLY": "fail", "P2-RES-DEPOSIT": "pass" });
  });
});

describe("bad input names the box", () => {
  test("a negative credit or debit item is an input error, and the total cannot be evaluated", () => {
    const r = checkReport("part-ii", entries({ "4340": "-5,000", "4430": "-5,000", "4440": "(1,000)", "4470": "1,000" }));
    const neg = r.findings.filter((f) => f.rule === "INPUT-NEGATIVE");
    expect(neg.map((f) => f.items[0]).sort()).toEqual(["4340", "4430", "4440"]);
    expect(neg[0].message).toMatch(/4340 .* is \(5,000\): a balance of the reserve formula is never negative/);
    expect(r.failing).toBe(true);
    expect(r.findings.find((f) => f.rule === "P2-RES-4430")!.status).toBe("cannot-evaluate");
  });

  test("a deposit of the wrong sign fails 4530 = 4510 + 4520 and the deposit check", () => {
    const page = { "3870": "20,000", "4430": "1,500,000", "4440": "1,000,000", "4470": "1,000,000", "4471": "30,000", "4472": "970,000", "4490": "530,000", "4510": "600,000" };
    // The account falls from 600,000 to 530,000: a withdrawal of 70,000, entered as +70,000.
    const r = checkReport("part-ii", entries({ ...page, "4520": "70,000", "4530": "530,000" }));
    const f = r.findings.find((x) => x.rule === "P2-RES-4530")!;
    expect(f.status).toBe("fail");
    expect(f.expected).toBe("670000");
    expect(f.items).toEqual(["4530", "4510", "4520"]);
    const ok = checkReport("part-ii", entries({ ...page, "4520": "-70,000", "4530": "530,000" }));
    expect(reserveStatuses(ok)).toMatchObject({ "P2-RES-4530": "pass", "P2-RES-DEPOSIT": "pass" });
  });

  test("an account short of the requirement after the deposit is an error (a same-day matter)", () => {
    const r = checkReport("part-ii", entries({ "3870": "20,000", "4430": "1,500,000", "4470": "1,000,000", "4440": "1,000,000", "4471": "30,000", "4472": "970,000", "4490": "530,000", "4510": "500,000", "4520": "10,000", "4530": "510,000" }));
    const f = r.findings.find((x) => x.rule === "P2-RES-DEPOSIT")!;
    expect([f.status, f.severity]).toEqual(["fail", "error"]);
    expect(f.citation).toMatch(/15c3-3\(i\)/);
    expect(r.netCapital.reserve!.excessOrDeficiency.computed).toBe("-20000");
  });

  test("a claimed exemption with a filled computation is a warning", () => {
    const r = checkReport("part-ii", entries({ "4570": "X", "4430": "100", "4340": "100" }));
    const f = r.findings.find((x) => x.rule === "P2-RES-EXEMPT")!;
    expect([f.status, f.severity]).toEqual(["fail", "warning"]);
  });
});

test("the PAB computation has no debit reduction (PAB Note 4); the customer one does", () => {
  const credits = [new D(1_000_000)];
  const debits = [new D(400_000), new D(200_000)];
  expect(reserveFromItems(credits, debits, "alternative", "weekly", "pab").requirement.toString()).toBe("400000");
  expect(reserveFromItems(credits, debits, "alternative").requirement.toString()).toBe("418000");
  expect(reserveFromItems(credits, debits, "basic", "monthly", "pab").requirement.toString()).toBe("400000");
});

describe("the bundled example and the CLI", () => {
  test.each(["hsbc-2008-12-31-reserve.csv", "hsbc-2008-12-31-reserve.xlsx"])("%s reproduces the printed page; only the requirement page it lacks fails", async (file) => {
    const r = await focus("check", path.join(ROOT, "examples", file), "--format", "json");
    const doc = JSON.parse(r.out);
    const reserve = doc.netCapital.reserve;
    expect(reserve.totalCredits).toMatchObject({ reported: "1952864", computed: "1952864" });
    expect(reserve.aggregateDebitItems).toMatchObject({ reported: "1639302", computed: "1639302" });
    expect(reserve.reduction).toMatchObject({ reported: "49179", computed: "49179" });
    expect(reserve.requirement).toMatchObject({ reported: "362741", computed: "362741" });
    expect(reserve.afterDeposit).toMatchObject({ reported: "498449", computed: "498449" });
    expect(reserve.excessOrDeficiency.computed).toBe("135708");
    const failing = doc.findings.filter((f: { status: string }) => f.status === "fail").map((f: { rule: string }) => f.rule);
    // A reserve schedule on its own: 3870 (2% of 4470) is on the requirement page, not in the schedule.
    expect(failing).toEqual(["P2-MIN-3870"]);
    expect(r.code).toBe(1);
  });

  test("text output shows the reserve block; --frequency chooses the computation", async () => {
    const file = path.join(ROOT, "examples", "hsbc-2008-12-31-reserve.csv");
    const text = (await focus("check", file)).out;
    expect(text).toMatch(/Reserve formula \(15c3-3, Exhibit A; weekly\)/);
    expect(text).toMatch(/Reserve requirement \(4490\)\s+362,741\s+362,741\s+recomputed/);
    // HSBC reduced by 3% (49,179 of 1,639,302): as a daily computer it may reduce by 2% and may keep 3%.
    const daily = JSON.parse((await focus("check", file, "--frequency", "daily", "--format", "json")).out);
    expect(daily.findings.find((f: { rule: string }) => f.rule === "P2-RES-4471-DAILY")).toMatchObject({ status: "pass", actual: "49179" });
    expect((await focus("check", file, "--frequency", "hourly")).code).toBe(2);
  });
});

describe("the frequency is checked against 15c3-3(e)(3) (issue #26 point 13)", () => {
  const monthly = { "4430": "1,500,000", "4440": "1,000,000", "4470": "1,000,000", "4472": "1,000,000", "4490": "500,000", "4500": "525,000", "4510": "530,000", "4530": "530,000" };
  const freq = (values: Record<string, string>, opts: Parameters<typeof checkReport>[2] = {}) => checkReport("part-ii", entries(values), { frequency: "monthly", ...opts }).findings.find((f) => f.rule === "P2-RES-FREQ-MONTHLY")!;

  test("an alternative-standard firm may not compute monthly: an error citing (e)(3)(i)(C) (0.3.0 said nothing)", () => {
    const f = freq({ ...monthly, "3870": "20,000" });
    expect([f.status, f.severity]).toEqual(["fail", "error"]);
    expect(f.citation).toBe("15c3-3(e)(3)(i)(C); 15c3-3(e)(3)(ii)");
    expect(f.message).toMatch(/alternative standard .* cannot show aggregate indebtedness "not exceeding 800% of net capital" \(15c3-3\(e\)\(3\)\(i\)\(C\)\): compute weekly/);
  });

  test("aggregate indebtedness of 850% of net capital: monthly is not allowed; 700% is, naming the $1,000,000 customer-funds condition", () => {
    const over = freq({ ...monthly, "3840": "8,500,000", "3750": "1,000,000", "3850": "850" });
    expect([over.status, over.actual, over.expected, over.difference]).toEqual(["fail", "850.00", "<= 800", "50.00"]);
    expect(over.message).toMatch(/850\.00% of net capital, above the 800%.*must thereafter compute weekly/);
    const under = freq({ ...monthly, "3840": "7,000,000", "3750": "1,000,000" });
    expect([under.status, under.actual]).toEqual(["pass", "700.00"]);
    expect(under.message).toMatch(/not more than \$1,000,000 at the last computation \(15c3-3\(e\)\(3\)\(i\)\(C\)\), which the form does not show: confirm it/);
    // Weekly: nothing to say.
    expect(checkReport("part-ii", entries({ ...monthly, "3870": "20,000" })).findings.find((f) => f.rule === "P2-RES-FREQ-MONTHLY")).toBeUndefined();
  });

  test("a folder of 12 month-end reports averaging $510 million of total credits: daily applies, and a weekly check is warned; 11 cannot tell", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-freq-"));
    const ends = ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31"];
    // 480 million for six months, 540 million for six: the average is 510 million.
    ends.forEach((end, i) => {
      const credits = i < 6 ? "480,000,000" : "540,000,000";
      fs.writeFileSync(path.join(dir, `firm-${end}.csv`), `item,value\n3870,"9,000,000"\n4430,"${credits}"\n4470,"450,000,000"\n`);
    });
    // A mid-month computation is not a month-end report: left out of the average.
    fs.writeFileSync(path.join(dir, "firm-2025-12-15.csv"), `item,value\n3870,"9,000,000"\n4430,"900,000,000"\n4470,"450,000,000"\n`);
    const r = await focus("check", dir, "--format", "json");
    const doc = JSON.parse(r.out);
    expect(doc.reserveFrequency).toMatchObject({ applies: "daily", averageTotalCredits: "510000000" });
    expect(doc.reserveFrequency.reports).toHaveLength(12);
    expect(doc.reserveFrequency.finding).toMatchObject({ rule: "P2-RES-FREQ-DAILY", status: "fail", severity: "warning", citation: "15c3-3(e)(3)(i)(B)(1)" });
    const text = (await focus("check", dir)).out;
    expect(text).toMatch(/Reserve computation frequency \(15c3-3\(e\)\(3\)\): WARNING: Average total credits of the 12 month-end reports 2025-01-31 to 2025-12-31 are \$510,000,000, at or above \$500 million: the computation must be daily/);
    const daily = JSON.parse((await focus("check", dir, "--frequency", "daily", "--format", "json")).out);
    expect(daily.reserveFrequency.finding.status).toBe("pass");
    fs.unlinkSync(path.join(dir, "firm-2025-01-31.csv"));
    const eleven = JSON.parse((await focus("check", dir, "--format", "json")).out);
    expect(eleven.reserveFrequency).toMatchObject({ applies: null, averageTotalCredits: null });
    expect(eleven.reserveFrequency.finding.message).toMatch(/11 month-end reports with total credits \(4430\) were given/);
  });
});

describe("the PAB page on focus check, with (e)(4) and (e)(5) as the rule states them (issue #26 point 14)", () => {
  // Customer: credits 1,000,000, debits 1,200,000 less 3% (36,000): excess debits 164,000 (4480).
  const customer = { "3870": "24,000", "4430": "1,000,000", "4440": "1,200,000", "4470": "1,200,000", "4471": "36,000", "4472": "1,164,000", "4480": "164,000", "4490": "0" };
  // PAB: credits 500,000, debits 300,000 with no reduction (PAB Note 4): requirement 200,000; 50,000 in the PAB account.
  const pab = { "90101": "500,000", "90111": "500,000", "90112": "300,000", "90119": "300,000", "90120": "0", "90121": "200,000", "90122": "50,000", "90124": "50,000" };
  const status = (values: Record<string, string>) => Object.fromEntries(checkReport("part-ii", entries(values)).findings.filter((f) => f.rule.startsWith("P2-PAB-")).map((f) => [f.rule, f.status]));
  const deposit = (values: Record<string, string>, rule = "P2-PAB-DEPOSIT") => checkReport("part-ii", entries(values)).findings.find((f) => f.rule === rule)!;

  test("the PAB totals and requirement recompute; the customer computation's 164,000 of excess debits covers the PAB shortfall (e)(4): 50,000 + 164,000 >= 200,000", () => {
    expect(status({ ...customer, ...pab })).toEqual({ "P2-PAB-90111": "pass", "P2-PAB-90119": "pass", "P2-PAB-90120": "pass", "P2-PAB-90121": "pass", "P2-PAB-90124": "pass", "P2-PAB-DEPOSIT": "pass" });
    expect(deposit({ ...customer, ...pab })).toMatchObject({ actual: "214000", expected: ">= 200000", difference: "14000" });
  });

  test("without the customer's excess debits the PAB account is 150,000 short; cash (e)(5) excludes (20,000) is not counted: 6,000 short", () => {
    const alone = deposit({ ...pab });
    expect([alone.status, alone.difference]).toEqual(["fail", "-150000"]);
    expect(alone.citation).toMatch(/15c3-3\(e\)\(1\), \(e\)\(4\), \(e\)\(5\)/);
    const excluded = deposit({ ...customer, ...pab, "90127": "20,000" });
    expect([excluded.status, excluded.actual, excluded.difference]).toEqual(["fail", "194000", "-6000"]);
  });

  test("the other way is not allowed: a PAB computation's excess debits never meet the customer requirement, and (e)(5) applies to the customer account too", () => {
    const c = { "3870": "24,000", "4430": "1,000,000", "4440": "900,000", "4470": "900,000", "4471": "0", "4472": "900,000", "4490": "100,000", "4510": "60,000", "4530": "60,000" };
    const p = { "90101": "100,000", "90111": "100,000", "90112": "600,000", "90119": "600,000", "90120": "500,000", "90121": "0", "90122": "0", "90124": "0" };
    expect(deposit({ ...c, ...p }, "P2-RES-DEPOSIT")).toMatchObject({ status: "fail", difference: "-40000" });
    const c2 = { ...c, "4510": "120,000", "4530": "120,000", "90126": "30,000" };
    expect(deposit(c2, "P2-RES-DEPOSIT")).toMatchObject({ status: "fail", actual: "90000", difference: "-10000" });
    // No PAB page: its rules are not applicable, not "cannot evaluate".
    expect(checkReport("part-ii", entries(customer)).findings.filter((f) => f.rule.startsWith("P2-PAB-")).map((f) => f.status)).toEqual(Array(6).fill("not-applicable"));
  });

  test("focus check reads the PAB page from a report file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-pab-"));
    const file = path.join(dir, "pab.csv");
    fs.writeFileSync(file, ["item,value", ...Object.entries({ ...customer, ...pab, "90124": "20,000", "90122": "20,000" }).map(([k, v]) => `${k},"${v}"`)].join("\n"));
    const r = await focus("check", file);
    // 20,000 + 164,000 = 184,000 against 200,000: short by 16,000.
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL +P2-PAB-DEPOSIT +184,000 is not at least 200,000: short by 16,000\./);
    expect(r.out).toMatch(/pass +P2-PAB-90121 +Excess of total PAB credits over total PAB debits: the PAB reserve requirement/);
  });
});
