/**
 * The review pack (`focus review`, src/focus/review): literal figures. The HSBC 2008 to 2009 bridge
 * in the pack is `focus diff`'s; a made-up basic-standard firm with net capital 110,000 against a
 * minimum of 100,000 gets the 17a-11(b)(3) notice naming both and the 120,000 level, one with
 * 90,000 the (a)(1) deficiency notice; Mirae's real report gets none and its smallest margin. Every
 * quoted word of 17a-11 is in the stored eCFR text. The HTML is self-contained: no script, no URL.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { ROOT } from "./helpers";
import { NOTICE_RULES } from "../src/focus/review";

const ex = (n: string) => path.join(ROOT, "examples", n);
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-review-"));
});
const write = (name: string, o: Record<string, string>) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify(o));
  return f;
};
async function pack(...args: string[]) {
  const r = await focus("review", ...args, "--format", "json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

test("every quoted word of Rule 17a-11 is in the stored eCFR text (reference/cfr)", () => {
  const text = fs.readFileSync(path.join(ROOT, "reference", "cfr", "17cfr240.17a-11.txt"), "utf8").replace(/\s+/g, " ");
  for (const r of Object.values(NOTICE_RULES)) {
    expect([r.paragraph, text.includes(r.quote)]).toEqual([r.paragraph, true]);
    expect([r.paragraph, text.includes(r.dueQuote)]).toEqual([r.paragraph, true]);
    expect(r.dueQuote).toContain(r.due);
  }
  // (a)(1) stands under "(a)(1)", the early warnings under (b)(1)-(b)(3).
  expect(text).toContain(`(a)(1) ${NOTICE_RULES["17a-11(a)(1)"].quote.slice(0, 40)}`);
  expect(text).toContain(`(3) ${NOTICE_RULES["17a-11(b)(3)"].quote.slice(0, 40)}`);
});

describe("notices with literal figures (made-up basic-standard firms)", () => {
  const firm = { "13": "EXAMPLE BASIC BROKER LLC (MADE-UP FIGURES)", "25": "12/31/26", "3756": "40,000", "3880": "100,000", "3760": "100,000", "3840": "600,000" };
  test("net capital 110,000 against a minimum of 100,000: 17a-11(b)(3), due promptly (but within 24 hours), the draft names 110,000, 100,000 and 120,000", async () => {
    const p = await pack(write("b3.json", { ...firm, "3750": "110,000", "3910": "10,000" }), "--standard", "basic");
    expect(p.notices.notices.map((n: { paragraph: string }) => n.paragraph)).toEqual(["17a-11(b)(3)"]);
    const n = p.notices.notices[0];
    expect(n.due).toBe("promptly (but within 24 hours)");
    expect(n.draft).toMatch(/net capital as of 12\/31\/26 was \$110,000, less than 120 percent of its required minimum net capital of \$100,000 \(120 percent: \$120,000\), short of that level by \$10,000/);
    expect(p.capital.measures[0].thresholds[1]).toEqual({ label: "120% of the minimum", amount: "120000", citation: "17a-11(b)(3)", margin: "-10000", marginPct: "-8.33", breached: true, notice: "17a-11(b)(3)" });
  });
  test("net capital 90,000: 17a-11(a)(1), that same day, with the requirement and the net capital", async () => {
    const p = await pack(write("a1.json", { ...firm, "3750": "90,000", "3910": "(10,000)" }), "--standard", "basic");
    const paragraphs = p.notices.notices.map((n: { paragraph: string }) => n.paragraph);
    expect(paragraphs).toEqual(["17a-11(a)(1)", "17a-11(b)(3)"]);
    expect(p.notices.notices[0].due).toBe("that same day");
    expect(p.notices.notices[0].draft).toMatch(/its net capital as of 12\/31\/26 was \$90,000, below its minimum net capital requirement of \$100,000 under Rule 15c3-1, a deficiency of \$10,000\./);
  });
  test("aggregate indebtedness above 1,200% of net capital: 17a-11(b)(1)", async () => {
    const p = await pack(write("b1.json", { ...firm, "3750": "200,000", "3910": "100,000", "3840": "2,500,000", "3756": "166,667", "3760": "166,667" }), "--standard", "basic");
    expect(p.notices.notices.map((n: { paragraph: string }) => n.paragraph)).toContain("17a-11(b)(1)");
    const ai = p.capital.measures.find((m: { id: string }) => m.id === "aggregate-indebtedness");
    expect(ai.thresholds[0]).toMatchObject({ amount: "2400000", margin: "-100000", breached: true });
  });
});

test("Mirae (real, 12/31/2024): no notice, and the smallest margin named", async () => {
  const p = await pack(ex("mirae-2024-12-31.xlsx"));
  expect(p.cover).toMatchObject({ firm: "MIRAE ASSET SECURITIES (USA) INC.", form: "FOCUS Report Part II", periodEnd: "12/31/24", units: "dollars" });
  expect(p.notices.notices).toEqual([]);
  expect(p.notices.none).toMatch(/^No notice under Rule 17a-11 is indicated by this computation\. The smallest margin is to /);
  expect(p.cover.files[0]).toMatchObject({ name: ex("mirae-2024-12-31.xlsx"), role: "report" });
  expect(p.cover.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
});

test("HSBC 12/31/2008 to 12/31/2009: the pack's bridge is focus diff's, step for step", async () => {
  const p = await pack(ex("hsbc-2009-12-31-net-capital.csv"), ex("hsbc-2008-12-31-net-capital.csv"));
  const d = JSON.parse((await focus("diff", ex("hsbc-2008-12-31-net-capital.csv"), ex("hsbc-2009-12-31-net-capital.csv"), "--format", "json")).out);
  expect(p.prior.comparison.bridge).toEqual(d.bridge.netCapital);
  expect(p.prior.comparison.bridge).toMatchObject({ before: "1117072000", after: "1177213000" });
  expect(p.prior.comparison.changes.map((c: { item: string }) => c.item)).toEqual(d.changes.filter((c: { flagged: boolean }) => c.flagged).map((c: { item: string }) => c.item));
});

test("three HSBC year ends: the trend, oldest to newest, whatever the order given", async () => {
  const p = await pack(ex("hsbc-2009-12-31-net-capital.csv"), ex("hsbc-2010-12-31-net-capital.csv"), ex("hsbc-2008-12-31-net-capital.csv"));
  expect(p.prior.trend.map((t: { label: string; netCapital: string }) => [t.label, t.netCapital])).toEqual([
    ["12/31/08", "1117072000"],
    ["12/31/09", "1177213000"],
    ["12/31/10", "1086263000"],
  ]);
});

test("with the trial balance: the accounts behind lines that fail, and the unmapped ones (Mizuho)", async () => {
  const built = path.join(dir, "mizuho.csv");
  await focus("build", "--trial-balance", ex("mizuho-2007-03-31-trial-balance.csv"), "--map", ex("mizuho-2007-03-31-map.csv"), "--units", "thousands", "-o", built);
  const p = await pack(built, "--trial-balance", ex("mizuho-2007-03-31-trial-balance.csv"), "--map", ex("mizuho-2007-03-31-map.csv"));
  expect(p.sources.unmapped).toEqual([]);
  expect(p.cover.files.map((f: { role: string }) => f.role)).toEqual(["report", "trial balance", "map"]);
});

describe("the HTML", () => {
  test("self-contained: no script, no URL of any kind, print CSS and both colour schemes; every part in order", async () => {
    const out = path.join(dir, "mirae.html");
    const r = await focus("review", ex("mirae-2024-12-31.xlsx"), ex("mirae-2024-12-31.csv"), "-o", out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote .*mirae\.html: MIRAE ASSET SECURITIES \(USA\) INC\., FOCUS Report Part II as of 12\/31\/24; \d+ failing, \d+ cannot evaluate; no notice under Rule 17a-11\.\n$/);
    const html = fs.readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script|https?:|\bsrc=|<link|@import|url\(/i);
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/prefers-color-scheme:dark/);
    const order = ["cover", "capital", "notices", "findings", "prior", "signoff"].map((id) => html.indexOf(`id="${id}"`));
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]))).toBe(true);
    expect(html).toContain("Prepared by");
  });
  test("the output is never an input, and an existing file needs --force", async () => {
    const inp = path.join(dir, "in.csv");
    fs.copyFileSync(ex("mirae-2024-12-31.csv"), inp);
    const r = await focus("review", inp, "-o", inp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is one of the inputs/);
    const out = path.join(dir, "twice.html");
    expect((await focus("review", inp, "-o", out)).code).toBe(0);
    expect((await focus("review", inp, "-o", out)).code).toBe(2);
    expect((await focus("review", inp, "-o", out, "--force")).code).toBe(0);
  });
  test("without -o and not JSON: exit 2 saying what to do", async () => {
    const r = await focus("review", ex("mirae-2024-12-31.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/name the HTML file to write: -o review\.html/);
  });
});

test("the reserve formula's page (HSBC 12/31/2008, thousands as printed): credits, debits, the requirement, the deposit and the margin", async () => {
  const p = await pack(ex("hsbc-2008-12-31-reserve.csv"));
  const byItem = Object.fromEntries(p.reserve.lines.map((l: { label: string; figure: string }) => [l.label, l.figure]));
  expect(byItem).toMatchObject({
    "Total credits": "1952864",
    "Aggregate debit items": "1639302",
    Reduction: "49179",
    "Total debits": "1590123",
    "Amount required on deposit": "362741",
    "On deposit": "545222",
    "Margin (after the deposit less the requirement)": "135708",
  });
  const out = path.join(dir, "reserve.html");
  expect((await focus("review", ex("hsbc-2008-12-31-reserve.csv"), "-o", out)).code).toBe(0);
  expect(fs.readFileSync(out, "utf8")).toMatch(/<section id="reserve"><h2>Reserve formula \(Rule 15c3-3, Exhibit A\)<\/h2>[\s\S]*362,741/);
});

test("a figure the report does not give but other figures imply is said to be implied, in the pack and the pane's gauge", async () => {
  const file = write("implied.json", { "3760": "100,000", "3910": "50,000" });
  const p = await pack(file, "--partial");
  expect(p.capital.measures[0]).toMatchObject({ value: "150000", basis: "implied" });
  const out = path.join(dir, "implied.html");
  expect((await focus("review", file, "--partial", "-o", out)).code).toBe(0);
  expect(fs.readFileSync(out, "utf8")).toContain("Net capital (3750) (implied by other figures)");
  const mirae = await pack(ex("mirae-2024-12-31.csv"));
  expect(mirae.capital.measures[0].basis).toBe("reported");
});
