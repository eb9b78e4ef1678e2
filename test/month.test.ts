/**
 * The whole month: a pre-closing trial balance (income and expense accounts still open, retained
 * earnings at the start of the year) builds the statement of income, closes the period into
 * ownership equity, and fills the statement of changes in ownership equity; the corporation's
 * equity adds up from its lines. Literal figures, worked by hand from the made-up example in
 * examples/example-pre-closing-trial-balance.csv (Example Introducing Securities Inc., 6/30/2026):
 *   revenue 812,000 + 96,500 + 143,250 (commissions, 3940 = 1,051,750) + 210,000 + 12,400 + 64,800 = 1,338,950
 *   expenses 571,200 + 224,000 + 180,000 + 98,300 + 41,600 + 90,000 + 15,000 + 22,750 + 7,500 + 28,000 + 13,900 = 1,292,250
 *   income before taxes 46,700; provision 9,800; net income 36,900
 *   equity 100,000 + 400,000 + 580,000 = 1,080,000 before the closing, 1,116,900 after (retained earnings 616,900)
 *   liabilities 42,300 + 88,650 + 126,400 + 9,800 + 250,000 = 517,150; assets 1,634,050 = 517,150 + 1,116,900
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { ROOT } from "./helpers";

const TB = path.join(ROOT, "examples", "example-pre-closing-trial-balance.csv");
const MAP = path.join(ROOT, "examples", "example-pre-closing-map.csv");
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-month-"));
});
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
/** The example trial balance with some lines changed: account -> new balance (null removes it). */
function variant(name: string, changes: Record<string, number | null>): string {
  const lines = fs.readFileSync(TB, "utf8").split("\n").filter((l) => {
    const acc = l.split(",")[0];
    return !(acc in changes) || changes[acc] !== null;
  });
  return write(name, lines.map((l) => {
    const acc = l.split(",")[0];
    return acc in changes && changes[acc] !== null ? l.replace(/,-?\d+$/, `,${changes[acc]}`) : l;
  }).join("\n"));
}
async function build(tb: string, map = MAP, ...more: string[]) {
  const out = path.join(dir, `${path.basename(tb)}-${Math.random().toString(36).slice(2)}.json`);
  const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", out, ...more);
  return { r, doc: fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null };
}
const pick = (doc: Record<string, string>, codes: string[]) => Object.fromEntries(codes.map((c) => [c, doc[c]]));

describe("the example pre-closing trial balance (made-up, 6/30/2026)", () => {
  test("builds the statement of income, closes the period into retained earnings, and fills the statement of changes", async () => {
    const { r, doc } = await build(TB, MAP, "--period-start", "2026-01-01", "--period-end", "2026-06-30");
    expect(r.code).toBe(0);
    expect(pick(doc, ["3940", "4030", "4200", "4210", "4220", "4230"])).toEqual({ "3940": "1051750", "4030": "1338950", "4200": "1292250", "4210": "46700", "4220": "9800", "4230": "36900" });
    expect(pick(doc, ["1792", "1793", "1794", "1795", "1800"])).toEqual({ "1792": "100000", "1793": "400000", "1794": "616900", "1795": "1116900", "1800": "1116900" });
    expect(pick(doc, ["4240", "4250", "4260", "4270", "4290"])).toEqual({ "4240": "1080000", "4250": "36900", "4260": "0", "4270": "0", "4290": "1116900" });
    expect(pick(doc, ["940", "1760", "1810"])).toEqual({ "940": "1634050", "1760": "517150", "1810": "1634050" });
    expect(pick(doc, ["24", "25"])).toEqual({ "24": "01/01/26", "25": "06/30/26" });
    expect(r.out).toMatch(/note: The trial balance is not closed: the build closed the period, adding net income of 36,900 \(4230\) to 1794 \(Corporation: retained earnings\)\. Ownership equity 1,080,000 before the closing \(4240\), 1,116,900 after \(4290 = 1800\)\./);
    expect(r.out).toMatch(/note: The statement of income covers 01\/01\/2026 to 06\/30\/2026 \(year to date: the income and expense accounts hold the year's activity\)\./);
    // The drill-down names the accounts behind every line of the statement of income, and the closing.
    expect(doc.sources["4030"].map((a: { account: string }) => a.account).sort()).toEqual(["4000", "4010", "4020", "4100", "4200", "4300"]);
    expect(doc.sources["4080"].map((a: { account: string }) => a.account)).toEqual(["5300", "5310"]);
    expect(doc.sources["1794"]).toEqual([
      { account: "3200", name: "Retained earnings, January 1", balance: "-580000" },
      { account: "(closing)", name: "net income of the period (4230), closed to this line", balance: "-36900" },
    ]);
  });
  test("every rule of the three statements passes: A = L + E, the statement of income, the statement of changes", async () => {
    const r = await focus("check", "--trial-balance", TB, "--map", MAP, "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const status = (id: string) => doc.findings.find((f: { rule: string }) => f.rule === id)?.status;
    for (const id of ["P2-BS-940", "P2-BS-1810", "P2-EQ-1795", "P2-EQ-1800", "P2-IS-3940", "P2-IS-4030", "P2-IS-4200", "P2-IS-4210", "P2-IS-4230", "P2-CE-4250", "P2-CE-4290", "P2-CE-1800"]) {
      expect([id, status(id)]).toEqual([id, "pass"]);
    }
    expect(doc.findings.filter((f: { status: string; severity: string }) => f.status === "fail" && f.severity === "error")).toEqual([]);
  });
  test("the built report checks the same from its file (partial, with its period)", async () => {
    const out = path.join(dir, "built.csv");
    expect((await focus("build", "--trial-balance", TB, "--map", MAP, "--period-start", "2026-01-01", "--period-end", "2026-06-30", "-o", out)).code).toBe(0);
    const r = await focus("check", out, "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings.find((f: { rule: string }) => f.rule === "P2-CE-1800").status).toBe("pass");
  });
});

test("an income account left unmapped: A = L + E fails by its amount, and the account is named", async () => {
  const map = write("map-no-4300.csv", fs.readFileSync(MAP, "utf8").replace(/^4300,.*\n/m, ""));
  const r = await focus("check", "--trial-balance", TB, "--map", map, "--format", "json");
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out);
  const unmapped = doc.findings.find((f: { rule: string }) => f.rule === "LEDGER-UNMAPPED");
  expect(unmapped.message).toBe("Account 4300 (Revenue from sale of investment company shares) has a balance of -64800 and no mapping: the report leaves it out.");
  const bs = doc.findings.find((f: { rule: string }) => f.rule === "P2-BS-940");
  expect(bs.status).toBe("fail");
  // Net income 36,900 - 64,800 = -27,900: equity and so liabilities + equity fall short of assets by 64,800.
  expect(bs.difference).toBe("64800");
});

test("a loss year: expenses 100,000 higher, net loss (63,100) closed into retained earnings (516,900)", async () => {
  const tb = variant("loss.csv", { "5000": 671200, "1000": 291350 });
  const { r, doc } = await build(tb);
  expect(r.code).toBe(0);
  expect(pick(doc, ["4210", "4230", "1794", "4240", "4250", "4290", "940"])).toEqual({ "4210": "-53300", "4230": "-63100", "1794": "516900", "4240": "1080000", "4250": "-63100", "4290": "1016900", "940": "1534050" });
  expect(r.out).toMatch(/adding net income of -63,100 \(4230\) to 1794/);
  const c = await focus("check", "--trial-balance", tb, "--map", MAP);
  expect(c.code).toBe(0);
});

test("a tax provision: net income = income before taxes - the provision (46,700 - 9,800 = 36,900); without it 46,700", async () => {
  const tb = variant("no-tax.csv", { "6000": null, "2200": null });
  const { doc } = await build(tb);
  expect(pick(doc, ["4210", "4220", "4230", "1800"])).toEqual({ "4210": "46700", "4220": "0", "4230": "46700", "1800": "1126700" });
});

test("a partnership: net income closed to the partners' capital (1780)", async () => {
  const tb = write(
    "partnership.csv",
    ["account,name,balance", "1000,Cash,150000", "2000,Accrued expenses,-20000", "3000,Partners' capital,-100000", "4000,Commissions,-80000", "5000,Expenses,50000"].join("\n"),
  );
  const map = write("partnership-map.csv", ["account,item", "1000,200", "2000,1190", "3000,1780", "4000,3939", "5000,4100"].join("\n"));
  const { r, doc } = await build(tb, map);
  expect(r.code).toBe(0);
  expect(pick(doc, ["4030", "4200", "4230", "1780", "1800", "4240", "4290", "940"])).toEqual({ "4030": "80000", "4200": "50000", "4230": "30000", "1780": "130000", "1800": "130000", "4240": "100000", "4290": "130000", "940": "150000" });
  expect(r.out).toMatch(/adding net income of 30,000 \(4230\) to 1780 \(Partnership and limited liability company\)/);
});

test("a closed trial balance (no income account mapped) builds as before; the corporation's lines add up: 100,000 + 400,000 + 580,000 = 1,080,000", async () => {
  const tb = write("closed.csv", ["account,name,balance", "1000,Cash,1100000", "2000,Accounts payable,-20000", "3000,Common stock,-100000", "3100,APIC,-400000", "3200,Retained earnings,-580000"].join("\n"));
  const map = write("closed-map.csv", ["account,item", "1000,200", "2000,1170", "3000,1792", "3100,1793", "3200,1794"].join("\n"));
  const { r, doc } = await build(tb, map);
  expect(r.code).toBe(0);
  // 0.2.0 built 1795 = 0 and 1800 = 0 from these lines.
  expect(pick(doc, ["1795", "1800", "1810", "940"])).toEqual({ "1795": "1080000", "1800": "1080000", "1810": "1100000", "940": "1100000" });
  expect(doc["4240"]).toBeUndefined();
  expect(doc["4030"]).toBeUndefined();
  expect(r.out).not.toMatch(/closed the period/);
  expect((await focus("check", "--trial-balance", tb, "--map", map)).code).toBe(0);
});

test("the current month only (4211) from the prior month-end's trial balance: 46,700 - (-65,300) = 112,000", async () => {
  const prior = variant("may.csv", { "4000": -700000, "1000": 279350 });
  const { r, doc } = await build(TB, MAP, "--prior-trial-balance", prior);
  expect(r.code).toBe(0);
  expect(doc["4211"]).toBe("112000");
  expect(r.out).toMatch(/4211 \(current month only\) = 4210 of this trial balance less 4210 of .*may\.csv: 46,700 - -65,300 = 112,000\./);
  // Without a prior trial balance, 4211 is not filled.
  expect((await build(TB)).doc["4211"]).toBeUndefined();
});

test("no equity account mapped: the period cannot be closed, an error naming why", async () => {
  const tb = write("noequity.csv", ["account,name,balance", "1000,Cash,30000", "4000,Commissions,-80000", "5000,Expenses,50000"].join("\n"));
  const map = write("noequity-map.csv", ["account,item", "1000,200", "4000,3939", "5000,4100"].join("\n"));
  const r = await focus("check", "--trial-balance", tb, "--map", map, "--format", "json");
  expect(r.code).toBe(1);
  expect(JSON.parse(r.out).findings.find((f: { rule: string }) => f.rule === "LEDGER-CLOSING").message).toMatch(/net income 30000\), but no account is mapped to ownership equity/);
});

test("a period that is not a date, or that ends before it starts: exit 2", async () => {
  expect((await focus("build", "--trial-balance", TB, "--map", MAP, "-o", path.join(dir, "x.csv"), "--period-end", "2026-02-30")).err).toMatch(/--period-end "2026-02-30" is not a date of the calendar/);
  expect((await focus("check", "--trial-balance", TB, "--map", MAP, "--period-start", "2026-07-01", "--period-end", "2026-06-30")).code).toBe(2);
});

test("Part IIA: the same closing (its statement of income lines, 1794, 1795 = 1791..1794, 1800 = ... - 1796)", async () => {
  const tb = write(
    "iia.csv",
    ["account,name,balance", "1000,Cash,260000", "2000,Accounts payable,-10000", "3000,Common stock,-50000", "3200,Retained earnings,-150000", "4000,Commissions,-300000", "5000,Other employee compensation,200000", "5100,Other expenses,50000"].join("\n"),
  );
  const map = write("iia-map.csv", ["account,item", "1000,200", "2000,1205", "3000,1792", "3200,1794", "4000,3939", "5000,4115", "5100,4100"].join("\n"));
  const out = path.join(dir, "iia.json");
  const r = await focus("build", "--form", "part-iia", "--trial-balance", tb, "--map", map, "-o", out);
  expect(r.err).toBe("");
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  expect(pick(doc, ["4030", "4200", "4230", "1794", "1795", "1800", "4240", "4290"])).toEqual({ "4030": "300000", "4200": "250000", "4230": "50000", "1794": "200000", "1795": "250000", "1800": "250000", "4240": "200000", "4290": "250000" });
  const c = await focus("check", "--form", "part-iia", "--trial-balance", tb, "--map", map, "--format", "json");
  const st = (id: string) => JSON.parse(c.out).findings.find((f: { rule: string }) => f.rule === id).status;
  for (const id of ["P2A-IS-4030", "P2A-IS-4200", "P2A-IS-4230", "P2A-CE-4290", "P2A-CE-1800", "P2A-BS-940"]) expect([id, st(id)]).toEqual([id, "pass"]);
});
