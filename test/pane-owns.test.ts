/**
 * The pane touches only what it owns (issue: Build wrote its "item" header over a user's column;
 * a user's sheet named "FOCUS codes" was reused and overwritten; a second haircut schedule after
 * renaming the first clashed on its table's name; a protected sheet gave "Excel reported an
 * error"). Each on the strict fake host, which refuses what Excel refuses.
 */
import { addMapColumn, CODES_MARK, readRecordedLedger, readSelectedLedger, writeLedgerFormulas } from "../src/excel/ledger-sheet";
import { insertFocusSheet, mapSelection } from "../src/excel/mapping";
import { insertHaircutSchedule } from "../src/excel/haircut-sheet";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");
type Ctx = Excel.RequestContext;
const ctx = (wb: unknown) => new RequestContext(wb) as Ctx;

/** A trial balance on TB!A1:C3 with the user's notes in D and E (selected with the notes, or not). */
function withNotes(selectNotes: boolean) {
  const wb = new FakeWorkbook();
  wb.addSheet("TB");
  [["account", "name", "balance", "notes", "reviewer"], ["1000", "Cash", 500, "reconciled 7/2", "JS"], ["2000", "Payable", -500, "", "JS"]].forEach((r, i) => r.forEach((v, j) => wb.setCell(`TB!${"ABCDE"[j]}${i + 1}`, v)));
  wb.select(selectNotes ? "TB!A1:E3" : "TB!A1:C3");
  return wb;
}

describe("the map column goes into an empty column, never over the user's", () => {
  test.each([
    ["selected with the notes", true],
    ["selected without them", false],
  ])("a trial balance %s: the item column is F, and D and E are as they were (0.2.0 wrote over D)", async (_, withThem) => {
    const wb = withNotes(withThem as boolean);
    const ledger = await readSelectedLedger(ctx(wb));
    const added = await addMapColumn(ctx(wb), "part-ii", ledger);
    expect(added).toEqual({ letter: "F", codesSheet: "FOCUS codes", note: null });
    expect([wb.cell("TB", "D1").value, wb.cell("TB", "D2").value, wb.cell("TB", "E1").value]).toEqual(["notes", "reconciled 7/2", "reviewer"]);
    expect(wb.cell("TB", "F1").value).toBe("item");
    expect(wb.validations.find((v: { sheet: string }) => v.sheet === "TB")).toMatchObject({ a1: "F2:F3" });
  });
  test("no empty column within 16: a clear refusal, nothing written", async () => {
    const wb = withNotes(false);
    for (let c = 4; c < 4 + 16; c++) wb.setCell(`TB!${String.fromCharCode(64 + c)}2`, "x");
    const ledger = await readSelectedLedger(ctx(wb));
    await expect(addMapColumn(ctx(wb), "part-ii", ledger)).rejects.toThrow(/The 16 columns right of the trial balance \(D to S\) all hold something of yours/);
    expect(wb.cell("TB", "T1").value ?? null).toBe(null);
  });
});

describe("the add-in's own FOCUS codes sheet", () => {
  test("a user's sheet named FOCUS codes is left alone: the list goes on FOCUS codes 2, and the pane says so", async () => {
    const wb = withNotes(false);
    wb.addSheet("FOCUS codes");
    wb.setCell("'FOCUS codes'!A1", "my own list of codes");
    const added = await addMapColumn(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)));
    expect(added.codesSheet).toBe("FOCUS codes 2");
    expect(added.note).toBe('A sheet of yours is named "FOCUS codes"; it was left as it is, and the list of item codes went on "FOCUS codes 2".');
    expect(wb.cell("FOCUS codes", "A1").value).toBe("my own list of codes");
    expect(wb.cell("FOCUS codes 2", "D1").value).toBe(CODES_MARK);
    expect(wb.validations.find((v: { sheet: string }) => v.sheet === "TB").rule.list.source).toMatch(/^='FOCUS codes 2'!\$C\$2:\$C\$\d+$/);
  });
  test("the add-in's own sheet (marked) is reused on the next build", async () => {
    const wb = withNotes(false);
    await addMapColumn(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)));
    wb.select("TB!A1:C3");
    const again = await addMapColumn(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)));
    expect(again.codesSheet).toBe("FOCUS codes");
    expect([...wb.sheets.keys()]).toEqual(["TB", "FOCUS codes"]);
  });
});

describe("the haircut schedule", () => {
  test("a second schedule after the first was renamed: a free table name (0.2.0: FocusPositions again, refused by Excel)", async () => {
    const wb = new FakeWorkbook();
    await insertFocusSheet(ctx(wb), "part-ii");
    const first = await insertHaircutSchedule(ctx(wb), { replace: "replace" });
    expect([first.sheet, first.table]).toEqual(["Haircut schedule", "FocusPositions"]);
    wb.renameSheet("Haircut schedule", "HC Q4");
    const second = await insertHaircutSchedule(ctx(wb), { replace: "replace" });
    expect([second.sheet, second.table]).toEqual(["Haircut schedule", "FocusPositions2"]);
    expect(wb.cell("Haircut schedule", "J7").formula).toMatch(/FocusPositions2\[category\]/);
  });
});

describe("a protected sheet: said by name before anything is written", () => {
  test("Insert haircut schedule with the FOCUS sheet protected: no new sheet, the message names it", async () => {
    const wb = new FakeWorkbook();
    await insertFocusSheet(ctx(wb), "part-ii");
    wb.sheets.get("FOCUS Part II").protected = true;
    await expect(insertHaircutSchedule(ctx(wb), { replace: "replace" })).rejects.toThrow(
      'The sheet "FOCUS Part II" is protected, so the schedule\'s lines cannot be linked into the FOCUS cells there. Unprotect it (Review > Unprotect Sheet) and insert the schedule again; nothing was changed.',
    );
    expect([...wb.sheets.keys()]).toEqual(["FOCUS Part II"]);
  });
  test("Build from trial balance with the FOCUS sheet protected, and the map column on a protected trial balance", async () => {
    const wb = new FakeWorkbook();
    await insertFocusSheet(ctx(wb), "part-ii");
    wb.addSheet("TB");
    [["account", "name", "balance", "item"], ["1000", "Cash", 500, "200"], ["2000", "Payable", -500, "1170"]].forEach((r, i) => r.forEach((v, j) => wb.setCell(`TB!${"ABCD"[j]}${i + 1}`, v)));
    wb.select("TB!A1:D3");
    const ledger = await readSelectedLedger(ctx(wb));
    wb.sheets.get("FOCUS Part II").protected = true;
    const before = JSON.stringify(wb.snapshot ? wb.snapshot() : null);
    await expect(writeLedgerFormulas(ctx(wb), "part-ii", ledger, "replace")).rejects.toThrow(/^The sheet "FOCUS Part II" is protected, so the build cannot write its formulas there\. Unprotect it \(Review > Unprotect Sheet\) and build again; nothing was changed\.$/);
    expect(JSON.stringify(wb.snapshot ? wb.snapshot() : null)).toBe(before);
    wb.sheets.get("TB").protected = true;
    wb.select("TB!A1:C3");
    await expect(addMapColumn(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)))).rejects.toThrow(/^The sheet "TB" is protected, so the map column cannot be added beside the trial balance\./);
  });
});

describe("the ledger link follows the trial balance (issue #29 points 1 and 3)", () => {
  /** A small built workbook: FOCUS sheet, a trial balance on TB (A1:D4), the build's formulas. */
  async function built() {
    const wb = new FakeWorkbook();
    wb.enableFormulas({});
    await insertFocusSheet(ctx(wb), "part-ii");
    wb.addSheet("TB");
    [["account", "name", "balance", "item"], ["1000", "Cash", 107354, "200"], ["2000", "Payable", -7354, "1170"], ["3000", "Equity", -100000, "1780"]].forEach((r, i) => r.forEach((v, j) => wb.setCell(`TB!${"ABCD"[j]}${i + 1}`, v)));
    wb.select("TB!A1:D4");
    await writeLedgerFormulas(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)), "replace");
    const at = (code: string) => {
      const ref = wb.names.get(`FOCUS_${code}`).ref.replace(/\$/g, "");
      const i = ref.lastIndexOf("!");
      const sheet = ref.slice(0, i).replace(/^'|'$/g, "");
      return { formula: wb.cell(sheet, ref.slice(i + 1)).formula as string, value: wb.valueAt(sheet, ref.slice(i + 1)) };
    };
    return { wb, at };
  }
  test("an account appended below the trial balance is counted: cash 108,354, not 107,354 (0.2.0's fixed ranges left it out)", async () => {
    const { wb, at } = await built();
    expect(at("200").formula).toBe('=(SUMIFS(TB!$C:$C,TB!$D:$D,"200")+SUMIFS(TB!$C:$C,TB!$D:$D,"200 — *"))+N("FOCUS Workbench ledger")');
    expect(at("200").value).toBe(107354);
    [["1010", "Petty cash", 1000, "200"], ["3010", "Equity contributed", -1000, "1780"]].forEach((r, i) => r.forEach((v, j) => wb.setCell(`TB!${"ABCD"[j]}${5 + i}`, v)));
    expect(at("200").value).toBe(108354);
    expect(at("1780").value).toBe(101000);
    // The recorded trial balance is read to its last row: the appended accounts are in it.
    const again = await readRecordedLedger(ctx(wb));
    expect(again!.accounts.map((a) => a.account)).toEqual(["1000", "2000", "3000", "1010", "3010"]);
  });
  test("a title row inserted above the header: the recorded trial balance is found where it now is, and its rows' addresses are current", async () => {
    const { wb } = await built();
    wb.insertRows("TB", 1, 2);
    wb.setCell("TB!A1", "Trial balance at 6/30/2026");
    const again = await readRecordedLedger(ctx(wb));
    expect(again!.problem).toBe(null);
    expect(again!.record.headerRow).toBe(3);
    expect(again!.accounts.map((a) => a.account)).toEqual(["1000", "2000", "3000"]);
    expect(again!.rows.get("1000")).toBe("TB!A4:D4");
  });
});

describe("an account split between lines in its item cell (issue #26 point 3)", () => {
  test("300:60%,550:40% and 300:200.25;550: the formulas give each line its share, and follow the balance when it changes", async () => {
    const wb = new FakeWorkbook();
    wb.enableFormulas({});
    await insertFocusSheet(ctx(wb), "part-ii");
    wb.addSheet("TB");
    [
      ["account", "name", "balance", "item"],
      ["1000", "Cash", 5000, "200"],
      ["1300", "Receivable from broker-dealers", 10000, "300:60%,550:40%"],
      ["1310", "Receivable from an affiliate broker", 1000.5, "300:200.25;550"],
      ["2000", "Payable", -3000, "1170"],
      ["3000", "Capital", -13000.5, "1780"],
    ].forEach((r, i) => r.forEach((v, j) => wb.setCell(`TB!${"ABCD"[j]}${i + 1}`, v)));
    wb.select("TB!A1:D6");
    const r = await writeLedgerFormulas(ctx(wb), "part-ii", await readSelectedLedger(ctx(wb)), "replace");
    expect(r.build.findings).toEqual([]);
    const at = (code: string) => {
      const ref = wb.names.get(`FOCUS_${code}`).ref.replace(/\$/g, "");
      const i = ref.lastIndexOf("!");
      const sheet = ref.slice(0, i).replace(/^'|'$/g, "");
      return { formula: wb.cell(sheet, ref.slice(i + 1)).formula as string, value: wb.valueAt(sheet, ref.slice(i + 1)) };
    };
    expect(at("300").formula).toBe(
      '=(SUMIFS(TB!$C:$C,TB!$D:$D,"300")+SUMIFS(TB!$C:$C,TB!$D:$D,"300 — *")+SUMIFS(TB!$C:$C,TB!$D:$D,"300:60%,550:40%")*0.6+200.25*SIGN(SUMIFS(TB!$C:$C,TB!$D:$D,"300:200.25;550")))+N("FOCUS Workbench ledger")',
    );
    // 6,000 + 200.25 allowable; 4,000 + 800.25 not; 810 the whole 11,000.50; the engine's lines round once.
    expect([at("300").value, at("550").value, at("810").value]).toEqual([6200.25, 4800.25, 11000.5]);
    expect([r.build.values.get("300")!.toFixed(), r.build.values.get("550")!.toFixed(), r.build.values.get("810")!.toFixed()]).toEqual(["6200", "4800", "11000"]);
    // The receivable grows to 12,000: its 60% and 40% follow.
    wb.setCell("TB!C3", 12000);
    expect([at("300").value, at("550").value]).toEqual([7400.25, 5600.25]);
  });
});

describe("a selection of several areas is said as such (issue #29 point 5: 0.2.0 blamed another workbook's focus)", () => {
  test("Build from trial balance and Map with two areas selected: 'The selection has 2 areas'", async () => {
    const wb = withNotes(false);
    wb.selectionAreas = ["TB!A1:C3", "TB!E1:E3"];
    await expect(readSelectedLedger(ctx(wb))).rejects.toThrow("The selection has 2 areas (TB!A1:C3, TB!E1:E3): select one range.");
    await expect(mapSelection(ctx(wb), "part-ii", "3880", { mergedAreas: true })).rejects.toThrow(/^The selection has 2 areas/);
  });
  test("another workbook with the focus is still Excel's InvalidSelection, which the pane says in words", async () => {
    const wb = withNotes(false);
    wb.focusElsewhere = true;
    await expect(readSelectedLedger(ctx(wb))).rejects.toMatchObject({ code: "InvalidSelection" });
  });
});

test("a second haircut schedule: the lines named on the first are moved to the second, not listed as the user's figures (issue #29 point 5)", async () => {
  const wb = new FakeWorkbook();
  await insertFocusSheet(ctx(wb), "part-ii");
  // The FOCUS sheet's line cells named elsewhere: remove the names of 3690 and 3720 so the first
  // schedule names them on its own lines.
  wb.names.delete("FOCUS_3690");
  wb.names.delete("FOCUS_3720");
  const first = await insertHaircutSchedule(ctx(wb), { replace: "replace" });
  expect(first.named).toEqual(expect.arrayContaining(["3690", "3720"]));
  expect(wb.names.get("FOCUS_3690").ref).toBe("'Haircut schedule'!$J$8");
  const second = await insertHaircutSchedule(ctx(wb));
  expect(second.conflicts).toEqual([]);
  expect(second.sheet).toBe("Haircut schedule 2");
  expect(wb.names.get("FOCUS_3690").ref).toBe("'Haircut schedule 2'!$J$8");
  // The first schedule is as it was: its line still computes its own figure.
  expect(wb.cell("Haircut schedule", "J8").formula).toMatch(/^=FOCUS\.HAIRCUTLINE\("3690"/);
});
