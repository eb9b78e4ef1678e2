/**
 * Comparing reports: the prior-period review with its net capital bridge, on HSBC Securities
 * (USA)'s three consecutive year ends (examples/hsbc-20XX-12-31-net-capital.csv, thousands as
 * printed), the audited reconciliation, a property over random pairs, and bad input.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { buildReport, compareReports, D, reconcile, type Decimal, type InputEntry, type Report } from "../src/focus";
import { ROOT } from "./helpers";

const ex = (year: string) => path.join(ROOT, "examples", `hsbc-${year}-12-31-net-capital.csv`);
const e = (o: Record<string, string>): InputEntry[] => Object.entries(o).map(([code, value]) => ({ code, raw: { kind: "text", value }, where: `key "${code}"` }));
const total = (xs: { change: Decimal }[]) => xs.reduce((a, s) => a.plus(s.change), new D(0));

describe("HSBC Securities (USA): the net capital bridge from one year end to the next", () => {
  test.each([
    ["2008", "2009", "1117072000", "1177213000", "60141000"],
    ["2009", "2010", "1177213000", "1086263000", "-90950000"],
  ])("%s -> %s reproduces both printed net capital figures and adds up to the change", async (y1, y2, before, after, change) => {
    const r = await focus("diff", ex(y1), ex(y2), "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const nc = doc.bridge.netCapital;
    expect([nc.before, nc.after]).toEqual([before, after]);
    const sum = nc.steps.reduce((a: Decimal, s: { change: string }) => a.plus(s.change), new D(0));
    expect(sum.toFixed()).toBe(change);
    // No step is left for a report's own arithmetic: every line of both schedules re-adds.
    expect(nc.steps.map((s: { items: string[] }) => s.items[0])).not.toContain("3750");
  });

  test("2008 -> 2009 step by step: the capital restructuring, the non-allowable assets, the haircuts", async () => {
    const doc = JSON.parse((await focus("diff", ex("2008"), ex("2009"), "--format", "json")).out);
    const steps = Object.fromEntries(doc.bridge.netCapital.steps.map((s: { items: string[]; change: string }) => [s.items[0], s.change]));
    expect(steps).toEqual({
      "3480": "243063000",
      "3520": "-325000000",
      "3540": "27442000",
      "3620": "61589000",
      "3690": "50829000",
      "3700": "-1928000",
      "3710": "-10843000",
      "3720": "27259000",
      "3734": "-12270000",
    });
    // Excess net capital: +60,141 net capital, and the requirement fell by 5,284.
    expect(doc.bridge.excessNetCapital).toMatchObject({ before: "1043796000", after: "1109221000" });
    expect(doc.bridge.excessNetCapital.steps.map((s: { change: string }) => s.change)).toEqual(["60141000", "5284000"]);
  });

  test("a line that is #REF! or text in one report is no step of its own: the bridge says it cannot be computed (issue #26 point 4)", async () => {
    // 0.3.0 counted the unusable 3540 of 2009 as zero: a phantom +170,533,000 of non-allowable
    // assets, and 3620's rest (3620 less 3540) off by as much the other way.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-bridge-"));
    for (const [name, value] of [["ref", "#REF!"], ["text", "see note 6"]]) {
      const after = path.join(dir, `hsbc-2009-${name}.csv`);
      fs.writeFileSync(after, fs.readFileSync(ex("2009"), "utf8").replace(/^3540,"143,091"/m, `3540,${value}`));
      const doc = JSON.parse((await focus("diff", ex("2008"), after, "--format", "json")).out);
      const nc = doc.bridge.netCapital;
      expect([nc.before, nc.after]).toEqual(["1117072000", "1177213000"]);
      const steps = Object.fromEntries(nc.steps.map((s: { items: string[]; change: string }) => [s.items.join("+"), s.change]));
      // The usable lines keep their steps; 3540 and the rest of 3620, which depends on it, are one
      // step marked as not computable, whose amount is what is left: 27,442,000 + 61,589,000.
      expect(steps).toEqual({ "3480": "243063000", "3520": "-325000000", "3540+3620": "89031000", "3690": "50829000", "3700": "-1928000", "3710": "-10843000", "3720": "27259000", "3734": "-12270000" });
      const unknown = nc.steps.find((s: { unknown?: string }) => s.unknown);
      expect(unknown.unknown).toMatch(new RegExp(`^not usable: 3540 after: "${value}" is not an amount`));
      expect(nc.steps.filter((s: { unknown?: string }) => s.unknown)).toHaveLength(1);
      expect(doc.notCompared.map((n: { item: string }) => n.item)).toEqual(["3540"]);
    }
  });

  test("2009 -> 2010: undue concentration appears from nothing (0 -> 5,764)", async () => {
    const doc = JSON.parse((await focus("diff", ex("2009"), ex("2010"), "--format", "json")).out);
    const uc = doc.changes.find((c: { item: string }) => c.item === "3650");
    expect(uc).toMatchObject({ before: "0", after: "5764000", change: "5764000", changePct: null, flagged: true });
    expect(doc.bridge.netCapital.steps.find((s: { items: string[] }) => s.items[0] === "3650").change).toBe("-5764000");
  });

  test("the changes are sorted by size and flagged against both thresholds", async () => {
    const doc = JSON.parse((await focus("diff", ex("2008"), ex("2009"), "--format", "json", "--threshold-amount", "50,000,000", "--threshold-pct", "30")).out);
    expect(doc.changes[0]).toMatchObject({ item: "3520", before: "975000000", after: "650000000", change: "-325000000", changePct: "-33.33", flagged: true });
    const flagged = doc.changes.filter((c: { flagged: boolean }) => c.flagged).map((c: { item: string }) => c.item);
    expect(flagged).toEqual(["3520", "3480", "3500", "3620", "3690"]);
    const sizes = doc.changes.map((c: { change: string }) => new D(c.change).abs());
    for (let i = 1; i < sizes.length; i++) expect(sizes[i - 1].gte(sizes[i])).toBe(true);
  });

  test("text output: the flagged movements and the bridge as a table", async () => {
    const r = await focus("diff", ex("2008"), ex("2009"));
    expect(r.out).toMatch(/Net capital \(3750\)\n\s+before\s+1,117,072,000/);
    expect(r.out).toMatch(/Allowable subordinated liabilities \(3520\)\s+-325,000,000/);
    expect(r.out).toMatch(/after\s+1,177,213,000/);
  });
});

describe("the audited reconciliation", () => {
  test("a report against itself: no material differences, in the annual report's words", async () => {
    const r = await focus("reconcile", ex("2009"), ex("2009"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("There are no material differences between the audited computation of net capital and the corresponding computation in the unaudited FOCUS Report Part II as of the same date (materiality: any difference).");
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-recon-"));
  const unaudited = path.join(dir, "unaudited.json");
  const audited = path.join(dir, "audited.csv");
  fs.writeFileSync(unaudited, JSON.stringify({ "3480": "1,000,000", "3530": "1,000,000", "3620": "200,000", "3640": "800,000", "3740": "100,000", "3750": "700,000" }));
  // The audit adds an accrual of 25,000: equity and net capital fall by it.
  fs.writeFileSync(
    audited,
    ["item,value,explanation", "3480,\"975,000\",\"Audit adjustment: accrued bonus of $25,000 recorded after the FOCUS filing\"", "3530,\"975,000\",", "3620,\"200,000\",", "3640,\"775,000\",", "3740,\"100,000\",", "3750,\"675,000\","].join("\n"),
  );

  test("an explanation without an amount explains what arises at its line; the subtotals follow and need none (issue #26 point 5)", async () => {
    const r = await focus("reconcile", unaudited, audited, "--format", "json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.differences.map((d: { item: string }) => d.item)).toEqual(["3480", "3500", "3530", "3640", "3750", "3910"]);
    expect(doc.differences[0]).toMatchObject({ unaudited: "1000000", audited: "975000", difference: "-25000", own: "-25000", unexplained: "0", explanation: "Audit adjustment: accrued bonus of $25,000 recorded after the FOCUS filing" });
    // 0.3.0 asked for an explanation of 3530, 3640 and 3750 too: each only follows from 3480.
    expect(doc.differences.slice(1).map((d: { fromLines: string; own: string }) => [d.fromLines, d.own])).toEqual(Array(5).fill(["-25000", "0"]));
    expect(doc.unexplained).toEqual([]);
    const why = path.join(dir, "why.csv");
    fs.writeFileSync(why, "item,explanation\n3640,Follows 3480\n3910,Not a difference\n");
    const ok = await focus("reconcile", unaudited, audited, "--explanations", why);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/differs from the unaudited FOCUS Report Part II in 6 lines \(materiality: any difference\)/);
    expect(ok.out).toMatch(/warning: an explanation is given for 3640, where nothing arises/);
    expect(ok.out).toMatch(/warning: an explanation is given for 3910, where nothing arises/);
  });

  test("adjustments with amounts must add up: -47,300 explained by -40,000 leaves -7,300 unexplained (exit 1); the walk goes from 700,000 to 612,700", async () => {
    const a2 = path.join(dir, "audited-2.csv");
    // The audit books an accrual of 47,300 (the firm's estimate was 40,000) and reclassifies a
    // receivable of 40,000 as non-allowable.
    fs.writeFileSync(a2, ["item,value", '3480,"952,700"', '3530,"952,700"', '3540,"40,000"', '3620,"240,000"', '3640,"712,700"', '3740,"100,000"', '3750,"612,700"'].join("\n"));
    const adj = path.join(dir, "adjustments.csv");
    fs.writeFileSync(adj, 'item,amount,explanation\n3480,"-40,000",Accrued bonus recorded after the FOCUS filing\n3540,"40,000",Receivable from an affiliate reclassified as non-allowable\n');
    const short = await focus("reconcile", unaudited, a2, "--adjustments", adj, "--format", "json");
    expect(short.code).toBe(1);
    const doc = JSON.parse(short.out);
    expect(doc.unexplained).toEqual(["3480"]);
    expect(doc.differences.find((d: { item: string }) => d.item === "3480")).toMatchObject({ difference: "-47300", own: "-47300", unexplained: "-7300" });
    // The walk: the adjustments once, at their lines, grouped; what is not explained is shown as such.
    expect(doc.walk).toEqual({
      from: "700000",
      groups: [
        {
          name: "Ownership equity and subordinated liabilities",
          total: "-47300",
          steps: [
            { item: "3480", explanation: "Accrued bonus recorded after the FOCUS filing", effect: "-40000", unexplained: false },
            { item: "3480", explanation: "not explained by an adjustment", effect: "-7300", unexplained: true },
          ],
        },
        { name: "Deductions and charges", total: "-40000", steps: [{ item: "3540", explanation: "Receivable from an affiliate reclassified as non-allowable", effect: "-40000", unexplained: false }] },
        { name: "Haircuts", total: "0", steps: [] },
      ],
      to: "612700",
    });
    const text = (await focus("reconcile", unaudited, a2, "--adjustments", adj)).out;
    expect(text).toContain("NOT EXPLAINED: -7,300 after the adjustments");
    // A second adjustment at 3480 for the rest: reconciled, exit 0.
    fs.appendFileSync(adj, '3480,"-7,300",True-up of the bonus accrual to the amount approved\n');
    const whole = await focus("reconcile", unaudited, a2, "--adjustments", adj);
    expect(whole.code).toBe(0);
    expect(whole.out).toMatch(/^ {2}Total: ownership equity and subordinated liabilities +-47,300$/m);
    expect(whole.out).toMatch(/^ {2}Net capital per the audited computation +612,700$/m);
  });

  test("the reserve formula is reconciled the same way: an adjustment at a credit line explains the totals and the requirement that follow", async () => {
    const reserve = path.join(ROOT, "examples", "hsbc-2008-12-31-reserve.csv");
    const text = fs.readFileSync(reserve, "utf8");
    // The audit finds 1,000 more of free credit balances (4340, as the page prints it): total credits, and the
    // excess of credits over debits, the requirement, follow.
    const line = /^4340,"?([\d,]+)"?/m.exec(text)!;
    const more = (Number(line[1].replace(/,/g, "")) + 1000).toLocaleString("en-US");
    const a = path.join(dir, "reserve-audited.csv");
    fs.writeFileSync(a, text.replace(line[0], `4340,"${more}"`).replace(/^4430,"1,952,864"/m, '4430,"1,953,864"').replace(/^4490,"362,741"/m, '4490,"363,741"'));
    const adj = path.join(dir, "reserve-adjustments.csv");
    fs.writeFileSync(adj, "item,amount,explanation\n4340,1000,Free credit balance of a customer omitted from the computation\n");
    const r = await focus("reconcile", reserve, a, "--adjustments", adj, "--format", "json");
    const doc = JSON.parse(r.out);
    const by = Object.fromEntries(doc.differences.map((d: { item: string; difference: string; own: string }) => [d.item, [d.difference, d.own]]));
    expect(by["4340"]).toEqual(["1000", "1000"]);
    expect(by["4430"]).toEqual(["1000", "0"]);
    expect(by["4490"]).toEqual(["1000", "0"]);
    expect(doc.unexplained).toEqual([]);
  });

  test("a materiality threshold leaves smaller differences out and says which threshold", () => {
    const u = buildReport("part-ii", e({ "3750": "700,000" }));
    const a = buildReport("part-ii", e({ "3750": "699,500" }));
    expect(reconcile(u, a, new Map(), new D(1000))).toMatchObject({ differences: [], statement: expect.stringMatching(/no material differences .* \(materiality: differences above \$1000\)/) });
    // Without it: net capital differs, and excess net capital (3910, blank) follows from it.
    expect(reconcile(u, a).differences.map((d) => [d.item, d.own.toFixed()])).toEqual([["3750", "-500"], ["3910", "0"]]);
    expect(reconcile(u, a).unexplained).toEqual(["3750"]);
  });
});

describe("bad input", () => {
  test("reports of different forms: only the items the forms share by meaning, and said so", async () => {
    const iia = path.join(ROOT, "examples", "example-introducing-firm-part-iia.csv");
    const part2 = buildReport("part-ii", e({ "3750": "100,000", "1540": "5,000" }));
    const part2a = buildReport("part-iia", e({ "3750": "120,000", "1540": "9,000" }));
    const c = compareReports(part2, part2a);
    expect(c.otherForm).toBe("part-ii");
    // 1540 is an omnibus payable on Part II, a payable to brokers on Part IIA: not compared.
    expect(c.changes.map((x) => x.item)).toEqual(["3750"]);
    const r = await focus("diff", iia, iia, "--form", "part-iia");
    expect(r.code).toBe(0);
  });

  test("an invalid amount: the comparison still runs and names the item it could not compare", () => {
    const c = compareReports(buildReport("part-ii", e({ "3750": "n/a", "3480": "1" })), buildReport("part-ii", e({ "3750": "100", "3480": "2" })));
    expect(c.notCompared).toEqual([{ item: "3750", label: expect.stringMatching(/^Net capital/), reason: expect.stringMatching(/^before: "n\/a" is not an amount/) }]);
    expect(c.changes.map((x) => x.item)).toEqual(["3480"]);
  });

  test.each([
    ["--threshold-amount", "-5"],
    ["--threshold-pct", "ten"],
  ])("%s %s is exit 2", async (opt, value) => {
    const r = await focus("diff", ex("2008"), ex("2009"), opt, value);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${opt} "${value}" is not a number of at least 0`));
  });

  test("an unreadable input is exit 2", async () => {
    expect((await focus("diff", ex("2008"), path.join(ROOT, "nope.csv"))).code).toBe(2);
    expect((await focus("reconcile", ex("2008"), ex("2009"), "--explanations", path.join(ROOT, "nope.csv"))).code).toBe(2);
  });
});

describe("reconcile warns when the two reports are of different periods", () => {
  test("HSBC 12/31/2008 against 12/31/2009 (item 25 of each): a warning at the top, in text and JSON", async () => {
    const t = await focus("reconcile", ex("2008"), ex("2009"));
    expect(t.out.split("\n")[0]).toBe(
      `WARNING: the two reports are of different periods: ${ex("2008")} ends 2008-12-31 (item 25), ${ex("2009")} ends 2009-12-31 (item 25). Rule 17a-5 reconciles the audited and the unaudited computations of the same date.`,
    );
    const j = JSON.parse((await focus("reconcile", ex("2008"), ex("2009"), "--format", "json")).out);
    expect(j.warnings).toHaveLength(1);
    expect(j.warnings[0]).toMatch(/ends 2008-12-31 .* ends 2009-12-31/);
  });
  test("item 25 (period ending) decides before the file name; the same date gives no warning", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-period-"));
    const a = path.join(dir, "unaudited.csv");
    const b = path.join(dir, "audited-2024-12-31.csv");
    fs.writeFileSync(a, 'item,value\n25,12/31/24\n3750,"1,000"\n');
    fs.writeFileSync(b, 'item,value\n3750,"1,000"\n');
    expect((await focus("reconcile", a, b)).out).not.toMatch(/WARNING/);
    fs.writeFileSync(a, 'item,value\n25,09/30/24\n3750,"1,000"\n');
    expect((await focus("reconcile", a, b)).out).toMatch(/^WARNING: .*unaudited\.csv ends 2024-09-30 \(item 25\), .*audited-2024-12-31\.csv ends 2024-12-31 \(the file name\)/);
  });
});

test("property: over 10,000 random pairs the bridge adds up to the change in net capital, to the dollar", () => {
  const lines = ["3480", "3490", "3520", "3525", "3540", "3550", "3610", "3620", "3630", "3690", "3710", "3720", "3650", "3740", "3750"];
  const amount = fc.option(fc.bigInt({ min: -5_000_000_000n, max: 5_000_000_000n }), { nil: null, freq: 4 });
  const report = fc.record(Object.fromEntries(lines.map((c) => [c, amount]))) as fc.Arbitrary<Record<string, bigint | null>>;
  const toReport = (r: Record<string, bigint | null>): Report =>
    buildReport("part-ii", e(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]))));
  fc.assert(
    fc.property(report, report, (x, y) => {
      const b = toReport(x);
      const a = toReport(y);
      const bridge = compareReports(b, a).bridge.netCapital;
      if (!bridge) return;
      expect(bridge.before.plus(total(bridge.steps)).eq(bridge.after)).toBe(true);
      // When both reports give net capital, the bridge runs between the figures they give.
      const v = (r: Report) => (r.values.get("3750") as { value?: Decimal } | undefined)?.value;
      if (v(b)) expect(bridge.before.eq(v(b)!)).toBe(true);
      if (v(a)) expect(bridge.after.eq(v(a)!)).toBe(true);
    }),
    { numRuns: Number(process.env.FOCUS_PROPERTY_RUNS ?? 10_000) },
  );
}, 300_000);
