/**
 * Check as I edit (#25): the fake host's change events as Excel documents them, and the re-check
 * after an edit (src/excel/recheck.ts) in at most two syncs, on the filed Mirae report (12/31/24):
 * net capital 299,549,779, its cell a formula =FOCUS_3640-FOCUS_3740 as a FINOP's workbook has it.
 */
import { catalogue, whatMoved } from "../src/focus";
import { checkWorkbook, type WorkbookCheck } from "../src/excel/check";
import { recheckWorkbook } from "../src/excel/recheck";
import { eventsOff, eventsOn } from "../src/excel/events";
import { insertFocusSheet } from "../src/excel/mapping";
import { addMapColumn, buildFromSelection, readSelectedLedger } from "../src/excel/ledger-sheet";
import { insertHaircutSchedule } from "../src/excel/haircut-sheet";
import { HIGHLIGHT_MARK } from "../src/excel/highlight";
import { check, seedValues } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");

type Ctx = Excel.RequestContext & { syncCount: number };
const ctx = (wb: unknown): Ctx => new RequestContext(wb) as Ctx;
type Args = { address: string; changeType: string; source: string; type: string; triggerSource?: string };

/** The Mirae report on sheet "Report", one item per row in column B, 3750 computed from 3640 and 3740. */
function mirae(opts: { excelApi?: string } = {}) {
  const wb = new FakeWorkbook(opts);
  wb.addSheet("Report");
  wb.enableFormulas({});
  const cat = catalogue("part-ii");
  const rowOf = new Map<string, number>();
  let row = 2;
  for (const [code, value] of seedValues()) {
    const it = cat.require(code);
    const numeric = it.kind === "dollars" || it.kind === "percent";
    wb.setCell(`Report!B${row}`, numeric ? Number(value.replace(/[,$]/g, "")) : value, { numberFormat: it.kind === "percent" ? "0.00" : numeric ? "#,##0" : "@" });
    wb.addName(`FOCUS_${code}`, `Report!$B$${row}`, it.label);
    rowOf.set(code, row++);
  }
  wb.setCell(`Report!B${rowOf.get("3750")}`, null, { formula: "=FOCUS_3640-FOCUS_3740", numberFormat: "#,##0" });
  const cell = (code: string) => `Report!B${rowOf.get(code)}`;
  return { wb, cell };
}

/** The add-in's highlights on the sheet, by cell. */
const ours = (wb: { sheets: Map<string, { cfs: { owner: string; range: string; formula: string | null }[] }> }) =>
  wb.sheets.get("Report")!.cfs.filter((c) => c.owner === "add-in" && String(c.formula).includes(HIGHLIGHT_MARK)).map((c) => c.range).sort();

/** Listen to every sheet's changes; returns what arrived. */
async function listen(wb: unknown): Promise<Args[]> {
  const got: Args[] = [];
  const c = ctx(wb);
  c.workbook.worksheets.onChanged.add(async (a: Excel.WorksheetChangedEventArgs) => {
    got.push(a as unknown as Args);
  });
  await c.sync();
  return got;
}

describe("the fake's change events are Excel's", () => {
  test("a user's edit: one event, after the edit, with address, changeType, source Local and (1.14) triggerSource Unknown", async () => {
    const { wb, cell } = mirae();
    const got = await listen(wb);
    wb.userEdit(cell("3740"), 38979314);
    expect(got).toEqual([]); // never inside the edit
    await wb.settled();
    expect(got).toEqual([{ type: "WorksheetChanged", address: cell("3740").split("!")[1], changeType: "RangeEdited", source: "Local", worksheetId: "{Report}", triggerSource: "Unknown" }]);
  });

  test("a paste of 10,000 cells is one event for its range; a co-author's edit arrives as Remote", async () => {
    const { wb } = mirae();
    const got = await listen(wb);
    wb.userPaste("Report!D1", Array.from({ length: 1000 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j)));
    wb.coauthorEdit("Report!C3", 5);
    await wb.settled();
    expect(got.map((a) => [a.address, a.source])).toEqual([
      ["D1:M1000", "Local"],
      ["C3", "Remote"],
    ]);
  });

  test("the add-in's own write says ThisLocalAddin; queued between eventsOff and eventsOn it raises nothing, on a host below 1.14 too", async () => {
    for (const excelApi of ["1.18", "1.13"]) {
      const { wb } = mirae({ excelApi });
      const got = await listen(wb);
      const c = ctx(wb);
      c.workbook.worksheets.getItem("Report").getRange("E1").formulas = [["=1+1"]];
      await c.sync();
      await wb.settled();
      expect(got.map((a) => a.triggerSource)).toEqual([excelApi === "1.18" ? "ThisLocalAddin" : undefined]);
      const q = ctx(wb);
      eventsOff(q);
      q.workbook.worksheets.getItem("Report").getRange("E2").formulas = [["=2+2"]];
      eventsOn(q);
      await q.sync();
      await insertFocusSheet(ctx(wb), "part-ii"); // writes a whole sheet of labels and formulas
      await wb.settled();
      expect(got).toHaveLength(1);
      wb.userEdit("Report!E3", 1); // events are on again
      await wb.settled();
      expect(got).toHaveLength(2);
    }
  });

  test("at the manifest's ExcelApi 1.9 (no triggerSource): Build from trial balance, its map column and the haircut schedule raise no event; the user's next edit does", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.9" });
    wb.addSheet("TB");
    ["account", "name", "balance"].forEach((h, i) => wb.setCell(`TB!${"ABC"[i]}1`, h));
    for (let i = 0; i < 20; i++) ["" + (100000 + i), `Account ${i}`, 1000 + i].forEach((v, j) => wb.setCell(`TB!${"ABC"[j]}${i + 2}`, v));
    await insertFocusSheet(ctx(wb), "part-ii");
    const got = await listen(wb);
    wb.select("TB!A1:C21");
    const column = await addMapColumn(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)));
    expect(column.letter).toBe("D");
    for (let i = 0; i < 20; i++) wb.setCell(`TB!D${i + 2}`, i % 2 ? "200" : "1170");
    wb.select("TB!A1:D21");
    const built = await buildFromSelection(ctx(wb), "part-ii", "replace");
    expect(built.write?.written).toEqual(expect.arrayContaining(["200", "1170"]));
    await insertHaircutSchedule(ctx(wb), { replace: "replace" });
    await wb.settled();
    expect(got).toEqual([]);
    wb.userEdit("TB!C2", 5000);
    await wb.settled();
    expect(got.map((a) => [a.address, a.source, a.triggerSource])).toEqual([["C2", "Local", undefined]]);
  });

  test("a write Excel refuses midway (the rest of its batch never runs) leaves the add-in's events on", async () => {
    const { wb } = mirae();
    const got = await listen(wb);
    const c = ctx(wb);
    const sync = c.sync.bind(c);
    let n = 0;
    // Between the read and the write, the user adds a sheet of the name the add-in chose.
    c.sync = async () => {
      if (++n === 2) wb.addSheet("FOCUS Part II");
      return sync();
    };
    await expect(insertFocusSheet(c, "part-ii")).rejects.toThrow(/ItemAlreadyExists: sheet FOCUS Part II/);
    wb.userEdit("Report!E3", 1);
    await wb.settled();
    expect(got.map((a) => a.address)).toEqual(["E3"]);
  });

  test("while the runtime's events are off, nothing is raised, the user's edits included; the events need their API sets", async () => {
    const { wb } = mirae();
    const got = await listen(wb);
    const c = ctx(wb);
    c.runtime.enableEvents = false;
    await c.sync();
    wb.userEdit("Report!E3", 1);
    await wb.settled();
    expect(got).toEqual([]);
    const old = ctx(new FakeWorkbook({ excelApi: "1.8" }));
    old.workbook.worksheets.onChanged.add(async () => undefined);
    await expect(old.sync()).rejects.toThrow("ApiNotFound: WorksheetCollection.onChanged needs ExcelApi 1.9");
    const older = ctx(new FakeWorkbook({ excelApi: "1.7" }));
    older.runtime.enableEvents = false;
    await expect(older.sync()).rejects.toThrow("ApiNotFound: Runtime.enableEvents needs ExcelApi 1.8");
  });
});

describe("the re-check after an edit takes at most two syncs", () => {
  async function checked(): Promise<{ wb: ReturnType<typeof mirae>["wb"]; cell: (code: string) => string; last: WorkbookCheck }> {
    const { wb, cell } = mirae();
    const last = await checkWorkbook(ctx(wb), { clearFirst: true });
    return { wb, cell, last };
  }

  test("haircuts raised by 648,777: net capital follows, 3920 no longer agrees and is highlighted, the summary says what moved; undone: the highlight goes", async () => {
    const { wb, cell, last } = await checked();
    expect(last.result.netCapital.netCapital.reported).toBe("299549779");
    const failingBefore = last.result.findings.filter((f) => f.status === "fail").map((f) => f.rule);
    expect(ours(wb)).toEqual(last.highlight.applied.map((a) => a.split("!")[1]).sort());

    wb.userEdit(cell("3740"), 38979314);
    const c = ctx(wb);
    const r = await recheckWorkbook(c, last);
    expect(r.fellBack).toBeNull();
    expect(c.syncCount).toBe(2);
    expect(r.check.syncs).toBe(2);
    expect(r.check.result.netCapital.netCapital.reported).toBe("298901002");
    expect(whatMoved(last.result.netCapital, r.check.result.netCapital)).toBe("net capital 299,549,779 → 298,901,002; excess −648,777");
    const failing = r.check.result.findings.filter((f) => f.status === "fail");
    const newly = failing.filter((f) => !failingBefore.includes(f.rule));
    expect(newly.length).toBeGreaterThan(0);
    expect(newly.some((f) => f.items.includes("3920"))).toBe(true);
    expect(ours(wb)).toContain(cell("3920").split("!")[1]);
    expect(ours(wb)).toEqual(r.check.highlight.applied.map((a) => a.split("!")[1]).sort());

    wb.userEdit(cell("3740"), 38330537);
    const c2 = ctx(wb);
    const back = await recheckWorkbook(c2, r.check);
    expect(back.fellBack).toBeNull();
    expect(c2.syncCount).toBe(2);
    expect(back.check.result.netCapital.netCapital.reported).toBe("299549779");
    expect(back.check.result.findings.filter((f) => f.status === "fail").map((f) => f.rule)).toEqual(failingBefore);
    expect(ours(wb)).toEqual(last.highlight.applied.map((a) => a.split("!")[1]).sort());
    expect(whatMoved(r.check.result.netCapital, back.check.result.netCapital)).toBe("net capital 298,901,002 → 299,549,779; excess +648,777");
  });

  test("an edit no mapped value follows: one sync, nothing written, nothing moved", async () => {
    const { wb, last } = await checked();
    wb.userPaste("Report!D1", Array.from({ length: 1000 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j)));
    const before = JSON.stringify(wb.sheets.get("Report").cfs);
    const c = ctx(wb);
    const r = await recheckWorkbook(c, last);
    expect([c.syncCount, r.fellBack]).toEqual([1, null]);
    expect(JSON.stringify(wb.sheets.get("Report").cfs)).toBe(before);
    expect(whatMoved(last.result.netCapital, r.check.result.netCapital)).toBeNull();
  });

  test("a format of the user's now above a highlight: nothing deleted blindly, the whole check runs, the user's format stays", async () => {
    const { wb, cell, last } = await checked();
    wb.userEdit(cell("3740"), 38979314);
    const first = await recheckWorkbook(ctx(wb), last);
    const target = first.check.highlight.applied[0].split("!")[1];
    wb.sheets.get("Report").cfs.unshift({ id: "{USER-1}", type: "Custom", range: target, formula: "=B2<0", fill: "#FF0000", owner: "user" });
    wb.userEdit(cell("3740"), 38330537);
    const c = ctx(wb);
    const r = await recheckWorkbook(c, first.check);
    expect(r.fellBack).toMatch(/conditional format of the workbook's is now above the highlight of Report!/);
    expect(c.syncCount).toBe(1 + 4);
    expect(wb.sheets.get("Report").cfs.filter((f: { owner: string }) => f.owner === "user").map((f: { id: string }) => f.id)).toEqual(["{USER-1}"]);
    expect(ours(wb)).toEqual(last.highlight.applied.map((a) => a.split("!")[1]).sort());
  });

  test("a mapped cell moved (a name now elsewhere): the whole check runs and reads it where it is", async () => {
    const { wb, cell, last } = await checked();
    wb.setCell("Report!H9", 38979314);
    wb.names.get("FOCUS_3740").ref = "Report!$H$9";
    const r = await recheckWorkbook(ctx(wb), last);
    expect(r.fellBack).toBe(`3740 moved from ${cell("3740")} to Report!H9`);
    expect(r.check.result.netCapital.netCapital.reported).toBe("298901002"); // 3750's formula reads the name, so it follows
    expect(r.check.read.cells.find((x) => x.code === "3740")!.address).toBe("Report!H9");
  });
});

describe("what moved, in the summary's words", () => {
  const base = check(seedValues());
  test("the requirement moved, net capital did not: the excess alone (Mirae's 2% of debits up by 1,000,000)", () => {
    const v = seedValues();
    v.set("3870", "8,009,112");
    expect(whatMoved(base.netCapital, check(v).netCapital)).toBe("excess net capital 292,395,903 → 291,395,903");
  });
  test("net capital reported as text, its lines unchanged: the summary's figure (from its lines) did not move", () => {
    const v = seedValues();
    v.set("3750", "see note");
    expect(whatMoved(base.netCapital, check(v).netCapital)).toBeNull();
    expect(whatMoved(base.netCapital, base.netCapital)).toBeNull();
  });
});
