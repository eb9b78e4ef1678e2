/**
 * The Excel adapter (src/excel) against a fake Excel host (test/fakes/fake-excel.js) that enforces
 * load-before-read and sync-before-read and counts context.sync() calls.
 */
import { catalogue } from "../src/focus";
import { checkWorkbook, clearPreviousHighlights } from "../src/excel/check";
import { applyHighlights, describeHighlightNotes, describeUnreadable, HIGHLIGHT_FORMULA } from "../src/excel/highlight";
import { insertFocusSheet, mapSelection, MappingError, selectCells, unmapCode } from "../src/excel/mapping";
import { readWorkbook } from "../src/excel/read";
import { describeError } from "../src/taskpane/app";
import { saveSettings } from "../src/excel/settings";
import { seedValues } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext, excelGlobal } = require("./fakes/fake-excel.js");

type Ctx = Excel.RequestContext & { syncCount: number };
const ctx = (wb: unknown): Ctx => new RequestContext(wb) as Ctx;

/** A workbook holding the real report: one row per item on sheet "Report", column B named FOCUS_<code>. */
function seedWorkbook() {
  const wb = new FakeWorkbook();
  wb.addSheet("Report");
  const cat = catalogue("part-ii");
  let row = 2;
  for (const [code, value] of seedValues()) {
    const it = cat.require(code);
    const numeric = it.kind === "dollars" || it.kind === "percent";
    const v = numeric ? Number(value.replace(/[,$]/g, "")) : value;
    wb.setCell(`Report!A${row}`, `${code} ${it.label}`);
    wb.setCell(`Report!B${row}`, v, { numberFormat: it.kind === "percent" ? "0.00" : numeric ? "#,##0" : "@", fill: "#FFFFFF" });
    wb.addName(`FOCUS_${code}`, `Report!$B$${row}`, it.label);
    row++;
  }
  return wb;
}

/** A workbook with n mapped items (catalogue codes first, then codes not on the form). */
function workbookWith(n: number) {
  const wb = new FakeWorkbook();
  wb.addSheet("Big");
  const codes = catalogue("part-ii").items.filter((i) => i.kind === "dollars").map((i) => i.code);
  for (let i = 0; i < n; i++) {
    const code = i < codes.length ? codes[i] : String(90000 + i);
    wb.setCell(`Big!B${i + 1}`, 1000 + i);
    wb.addName(`FOCUS_${code}`, `Big!$B$${i + 1}`);
  }
  return wb;
}

describe("syncs per check are constant", () => {
  test.each([10, 100, 1000])("%i mapped items: reading takes 3 syncs (names; ranges, resolved before navigating; cells), the check with highlights 4", async (n) => {
    const wb = workbookWith(n);
    const c = ctx(wb);
    const read = await readWorkbook(c);
    expect(read.cells.length).toBe(n);
    expect(c.syncCount).toBe(3);
    const c2 = ctx(wb);
    const check = await checkWorkbook(c2);
    expect(check.syncs).toBeLessThanOrEqual(4);
    expect(c2.syncCount).toBe(check.syncs);
  });

  test.each([10, 100, 1000])("%i mapped items: the pane's Check click, removing the earlier highlights in the same batch, takes 4 syncs", async (n) => {
    const wb = workbookWith(n);
    await checkWorkbook(ctx(wb));
    const earlier = [...wb.sheets.values()].reduce((k: number, sh: { cfs: unknown[] }) => k + sh.cfs.length, 0);
    expect(earlier).toBeGreaterThan(0);
    const c = ctx(wb);
    const check = await checkWorkbook(c, { clearFirst: true });
    expect(c.syncCount).toBe(4);
    expect(check.syncs).toBe(4);
    expect(check.cleared).toEqual({ removed: earlier, refused: [], unreadable: [] });
    // The new highlights replace the old ones: one per failing cell, not two.
    const now = [...wb.sheets.values()].reduce((k: number, sh: { cfs: unknown[] }) => k + sh.cfs.length, 0);
    expect(now).toBe(check.highlight.applied.length);
  });

  test("an empty workbook: two syncs (names, then sheet-scoped names), nothing to read", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const c = ctx(wb);
    const read = await readWorkbook(c);
    expect(read.cells).toEqual([]);
    expect(c.syncCount).toBe(2);
  });
});

describe("a check of the real report inside Excel", () => {
  test("same findings as the CLI; the failing cells are highlighted; nothing is written to a value", async () => {
    const wb = seedWorkbook();
    const before = wb.snapshot();
    const c = ctx(wb);
    const check = await checkWorkbook(c);
    expect(check.result.summary).toEqual({ pass: 34, fail: 4, cannotEvaluate: 2, notApplicable: 99 }); // 0.3.0: + the 12 rules of the statement of income and of changes, and 1795 (blank here); 0.4.0: + the 6 rules of the PAB page
    expect(check.result.netCapital.netCapital).toMatchObject({ reported: "299549779", computed: "299549779" });
    // The total haircuts line fails; its cell is highlighted as a target.
    const at3740 = check.read.cells.find((x) => x.code === "3740")!.address!;
    expect(check.highlight.applied).toContain(at3740);
    const after = wb.snapshot();
    expect(after.sheets.Report.cells).toEqual(before.sheets.Report.cells); // no value, formula or fill touched
    const cfs = after.sheets.Report.cfs;
    expect(cfs.length).toBe(check.highlight.applied.length);
    expect(cfs.every((cf: { formula: string; type: string }) => cf.formula === HIGHLIGHT_FORMULA && cf.type === "Custom")).toBe(true);
  });

  test("highlight then clear leaves the workbook exactly as it was, the user's own conditional format included", async () => {
    const wb = seedWorkbook();
    const sheet = wb.sheets.get("Report");
    sheet.cfs.push({ id: "{USER-1}", type: "Custom", range: "B2:B80", formula: "=B2<0", fill: "#FF0000", owner: "user" });
    const before = wb.snapshot();
    await checkWorkbook(ctx(wb));
    expect(wb.snapshot()).not.toEqual(before);
    const c = ctx(wb);
    const cleared = await clearPreviousHighlights(c);
    expect(cleared.removed).toBeGreaterThan(0);
    expect(wb.snapshot()).toEqual(before);
  });

  test("a second check after clearing highlights the same cells again, once each", async () => {
    const wb = seedWorkbook();
    const first = await checkWorkbook(ctx(wb));
    await clearPreviousHighlights(ctx(wb));
    const second = await checkWorkbook(ctx(wb));
    expect(second.highlight.applied).toEqual(first.highlight.applied);
    expect(wb.sheets.get("Report").cfs.length).toBe(second.highlight.applied.length);
  });

  test("protected after a check: Clear says which sheet and cells it could not clear and removes the rest; a later Check still runs", async () => {
    const wb = seedWorkbook();
    wb.addSheet("Other");
    wb.setCell("Other!C3", 1);
    wb.addName("FOCUS_3620", "Other!$C$3");
    const first = await checkWorkbook(ctx(wb));
    const onOther = first.highlight.applied.filter((a: string) => a.startsWith("Other!"));
    const onReport = first.highlight.applied.filter((a: string) => a.startsWith("Report!"));
    expect(onOther.length).toBeGreaterThan(0);
    wb.sheets.get("Report").protected = true;
    const cleared = await clearPreviousHighlights(ctx(wb));
    expect(cleared.removed).toBe(onOther.length);
    expect(cleared.refused.map((r: { sheet: string; cells: string[] }) => ({ sheet: r.sheet, cells: [...r.cells].sort() }))).toEqual([{ sheet: "Report", cells: onReport.map((a: string) => a.slice("Report!".length)).sort() }]);
    expect(wb.sheets.get("Other").cfs).toEqual([]);
    expect(wb.sheets.get("Report").cfs.length).toBe(onReport.length);
    // The next Check runs: it clears what it can and highlights what it may.
    const again = await clearPreviousHighlights(ctx(wb));
    expect(again.removed).toBe(0);
    const second = await checkWorkbook(ctx(wb));
    expect(second.result.summary.fail).toBeGreaterThan(0);
    expect(second.highlight.refused.map((r: { reason: string }) => r.reason)).toContain('sheet "Report" is protected; unprotect it to see highlights');
  });

  test("Clear finds every highlight by its marker after the sheet is renamed, rows are inserted above and columns to the left, a highlighted cell is copied and another moved; the user's own format stays", async () => {
    const wb = seedWorkbook();
    const sheet = wb.sheets.get("Report");
    sheet.cfs.push({ id: "{USER-1}", type: "Custom", range: "B2:B80", formula: "=B2<0", fill: "#FF0000", owner: "user" });
    const check = await checkWorkbook(ctx(wb));
    const [first, second] = check.highlight.applied.map((a: string) => a.split("!")[1]);
    // Where a cell of column B, row r, is after 3 rows above and 2 columns to the left: column D, row r + 3.
    const now = (cell: string) => `D${Number(cell.slice(1)) + 3}`;
    wb.renameSheet("Report", "Mirae's FOCUS");
    wb.insertRows("Mirae's FOCUS", 1, 3);
    wb.insertColumns("Mirae's FOCUS", "A", 2);
    wb.copyCell("Mirae's FOCUS", now(first), "J1");
    wb.moveCell("Mirae's FOCUS", now(second), "K2");
    expect(wb.sheets.get("Mirae's FOCUS").cfs.filter((cf: { range: string; owner: string }) => cf.owner === "add-in" && ["J1", "K2"].includes(cf.range)).length).toBe(2);
    const cleared = await clearPreviousHighlights(ctx(wb));
    expect(cleared.removed).toBe(check.highlight.applied.length + 1);
    const left = wb.sheets.get("Mirae's FOCUS").cfs;
    expect(left.map((cf: { id: string }) => cf.id)).toEqual(["{USER-1}"]);
    expect(left[0].range).toBe("D5:D83");
  });

  test("a user's conditional format Excel cannot read (OfficeDev/office-js #6827): Clear and Check remove every highlight of ours, leave it, and say so", async () => {
    const wb = seedWorkbook();
    const first = await checkWorkbook(ctx(wb));
    const ours = first.highlight.applied.length;
    expect(ours).toBeGreaterThan(2);
    // Two "Highlight Cell Rules" on one range, one of them duplicated in the Rules Manager: their rules cannot be read.
    const sheet = wb.sheets.get("Report");
    sheet.cfs.push({ id: "{USER-GT}", type: "Custom", range: "B2:B80", formula: "=B2>1E9", fill: "#00FF00", owner: "user", readError: "GeneralException" });
    sheet.cfs.push({ id: "{USER-OK}", type: "Custom", range: "B2:B80", formula: "=B2<0", fill: "#FF0000", owner: "user" });
    wb.addSheet("Notes");
    wb.sheets.get("Notes").cfs.push({ id: "{USER-LT}", type: "Custom", range: "A1:A9", formula: "=A1<1", fill: "#0000FF", owner: "user", readError: "GeneralException" });
    const users = () => [...wb.sheets.values()].flatMap((s: { cfs: { owner: string }[] }) => s.cfs.filter((c) => c.owner === "user"));
    const userBefore = JSON.stringify(users());

    // Check, clearing first: the same cells are read and highlighted, the earlier highlights are gone.
    const c = ctx(wb);
    const again = await checkWorkbook(c, { clearFirst: true });
    expect(again.read.cells.length).toBe(first.read.cells.length);
    expect(again.result.summary).toEqual(first.result.summary);
    expect(again.cleared).toEqual({ removed: ours, refused: [], unreadable: [{ sheet: "Report", count: 1 }, { sheet: "Notes", count: 1 }] });
    expect(sheet.cfs.filter((x: { owner: string }) => x.owner === "add-in").length).toBe(ours);
    expect(JSON.stringify(users())).toBe(userBefore);
    expect(c.syncCount).toBeGreaterThan(4); // only in this case: the rules are read again in groups

    // Clear: every highlight of ours removed, the user's three formats untouched, and said.
    const cleared = await clearPreviousHighlights(ctx(wb));
    expect(cleared.removed).toBe(ours);
    expect(cleared.unreadable).toEqual([{ sheet: "Report", count: 1 }, { sheet: "Notes", count: 1 }]);
    expect(JSON.stringify(users())).toBe(userBefore);
    expect(sheet.cfs.filter((x: { owner: string }) => x.owner === "add-in")).toEqual([]);
    expect(describeUnreadable(cleared.unreadable)).toBe(
      'Excel would not let the add-in read the rule of 2 conditional formats (1 on sheet "Report", 1 on sheet "Notes"). Excel\'s API cannot read some rules, for example two "Highlight Cell Rules" on one range or a rule duplicated in the Rules Manager (OfficeDev/office-js #6827, #6835); they were left as they are. If a FOCUS highlight is among them, delete it in Home > Conditional Formatting > Manage Rules.',
    );
  });

  test("a user's conditional format over several ranges is read (getRanges), not blamed on the Rules Manager; a highlight of ours Excel spread over two ranges is still cleared", async () => {
    const wb = seedWorkbook();
    const first = await checkWorkbook(ctx(wb));
    const ours = first.highlight.applied.length;
    const sheet = wb.sheets.get("Report");
    // The user's banded rule on two ranges; and one of our highlights, spread by Excel over two ranges.
    sheet.cfs.push({ id: "{USER-TWO}", type: "Custom", range: "B2:B10,D2:D10", formula: "=MOD(ROW(),2)=0", fill: "#EEEEEE", owner: "user" });
    const spread = sheet.cfs.find((x: { owner: string }) => x.owner === "add-in");
    spread.range = `${spread.range},H40`;
    // 0.2.0 read each format's range with getRange(), which throws for several ranges: the whole
    // batch failed, and the pane blamed rules duplicated in the Rules Manager.
    const c = ctx(wb);
    const again = await checkWorkbook(c, { clearFirst: true });
    expect(again.cleared).toEqual({ removed: ours, refused: [], unreadable: [] });
    expect(c.syncCount).toBe(4);
    expect(sheet.cfs.filter((x: { id: string }) => x.id === spread.id)).toEqual([]);
    const cleared = await clearPreviousHighlights(ctx(wb));
    expect(cleared).toMatchObject({ removed: again.highlight.applied.length, unreadable: [] });
    expect(sheet.cfs.filter((x: { owner: string }) => x.owner === "user").map((x: { id: string }) => x.id)).toEqual(["{USER-TWO}"]);
  });

  test("a highlight of ours over two ranges on a protected sheet: both areas are named", async () => {
    const wb = seedWorkbook();
    await checkWorkbook(ctx(wb));
    const sheet = wb.sheets.get("Report");
    const spread = sheet.cfs.find((x: { owner: string }) => x.owner === "add-in");
    const first = spread.range;
    spread.range = `${first},H40`;
    sheet.protected = true;
    const cleared = await clearPreviousHighlights(ctx(wb));
    expect(cleared.refused[0].cells).toEqual(expect.arrayContaining([first, "H40"]));
  });

  test("a check without such formats still makes 4 syncs, and a read that fails for its own reason is not retried into a wrong result", async () => {
    const wb = seedWorkbook();
    await checkWorkbook(ctx(wb));
    const c = ctx(wb);
    await checkWorkbook(c, { clearFirst: true });
    expect(c.syncCount).toBe(4);
    // The workbook goes away under the check (another error than a rule read): it is thrown, not hidden.
    const d = ctx(wb);
    const origSync = d.sync.bind(d);
    let n = 0;
    d.sync = async () => {
      if (++n >= 3) throw Object.assign(new Error("RequestAborted: the request was aborted"), { code: "RequestAborted" });
      return origSync();
    };
    await expect(checkWorkbook(d, { clearFirst: true })).rejects.toMatchObject({ code: "RequestAborted" });
  });

  test("a highlight shows over the user's own rule with Stop If True, leaves the user's other rules applying, and Clear gives back their order", async () => {
    const wb = seedWorkbook();
    const sheet = wb.sheets.get("Report");
    // The user's rules on the whole column: a grey band that stops the rest, then a bold-font rule.
    sheet.cfs.push({ id: "{USER-BAND}", type: "Custom", range: "B2:B80", formula: "=MOD(ROW(),2)=0", fill: "#EEEEEE", stopIfTrue: true, owner: "user" });
    sheet.cfs.push({ id: "{USER-BOLD}", type: "Custom", range: "B2:B80", formula: "=B2<0", fill: null, owner: "user" });
    const before = wb.snapshot();
    const check = await checkWorkbook(ctx(wb));
    const target = check.read.cells.find((c) => c.address === check.highlight.applied[0]) as { address: string };
    expect(wb.shownFill(target.address)).toMatch(/^#(F4B6B6|FFE8A3)$/);
    const ours = sheet.cfs.filter((x: { owner: string }) => x.owner === "add-in");
    expect(ours.every((x: { stopIfTrue?: boolean }) => x.stopIfTrue === false)).toBe(true);
    expect(sheet.cfs.slice(ours.length).map((x: { id: string }) => x.id)).toEqual(["{USER-BAND}", "{USER-BOLD}"]);
    await clearPreviousHighlights(ctx(wb));
    expect(wb.shownFill(target.address)).toBe("#EEEEEE");
    expect(wb.snapshot()).toEqual(before);
  });

  test("what Compare does (clear, then highlight) on a protected sheet is said as Check says it", async () => {
    const wb = seedWorkbook();
    const first = await checkWorkbook(ctx(wb));
    wb.sheets.get("Report").protected = true;
    const c = ctx(wb);
    const cleared = await clearPreviousHighlights(c);
    const plan = [{ address: first.highlight.applied[0], role: "moved" as const, rules: [] }];
    const outcome = await applyHighlights(c, plan, first.read.cells.map((x) => ({ ...x, protectedSheet: true })));
    const notes = describeHighlightNotes(outcome, cleared);
    expect(notes).toMatch(/^ 1 cells not highlighted: sheet "Report" is protected; unprotect it to see highlights\. Earlier highlights not cleared: Sheet "Report" is protected: \d+ highlights left at B\d+/);
    expect(describeHighlightNotes({ refused: [] }, { removed: 3, refused: [], unreadable: [] })).toBe("");
  });

  test("a protected sheet: highlighting is refused there, said so, and the check still completes", async () => {
    const wb = seedWorkbook();
    wb.sheets.get("Report").protected = true;
    const check = await checkWorkbook(ctx(wb));
    expect(check.highlight.applied).toEqual([]);
    expect(check.highlight.refused.length).toBeGreaterThan(0);
    expect(check.highlight.refused[0].reason).toBe('sheet "Report" is protected; unprotect it to see highlights');
    expect(wb.sheets.get("Report").cfs).toEqual([]);
  });
});

describe("mapping problems are shown, not hidden", () => {
  function problemWorkbook() {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!B2", 1000);
    wb.setCell("S!B3", "n/a");
    wb.setCell("S!B4", { error: "#REF!" });
    wb.setCell("S!B5", 5);
    wb.setCell("S!C6", 42);
    wb.sheets.get("S").merged.push("C6:D6");
    wb.addName("FOCUS_200", "S!$B$2");
    wb.addName("FOCUS_12014", "S!$B$3");
    wb.addName("FOCUS_750", "S!$B$4");
    wb.addName("FOCUS_540", "S!$B$2:$B$5");
    wb.addName("FOCUS_740", "S!$B$5");
    wb.addName("FOCUS_940", "S!$B$5");
    wb.addName("FOCUS_760", "#REF!");
    wb.addName("FOCUS_770", "\"text\"");
    wb.addName("FOCUS_99999", "S!$B$2");
    wb.addName("FOCUS_210", "S!$C$6:$D$6");
    wb.addName("Print_Area", "S!$A$1:$D$9");
    return wb;
  }

  test("each problem case gives its message, naming the cell and the item", async () => {
    const check = await checkWorkbook(ctx(problemWorkbook()), { mergedAreas: true });
    const inputs = check.result.findings.filter((f) => f.rule.startsWith("INPUT")).map((f) => `${f.rule}: ${f.message}`);
    expect(inputs.map((m) => m.replace(/^INPUT-[A-Z-]+: /, ""))).toEqual(
      expect.arrayContaining([
        '12014 (Cash) at S!B3: "n/a" is not an amount.',
        "750 (Cash) at S!B4: the cell shows the error #REF!, not an amount.",
        "540 (TOTAL ASSETS) at S!B2:B5: the name covers 4 cells (S!B2:B5); it must name one cell",
        "760 (Cash segregated in compliance with federal and other regulations) at FOCUS_760: the name points at #REF! (its cells were deleted)",
        '770 (Receivable from B/D and clearing orgs: failed to deliver - other) at FOCUS_770: the name is not a cell reference (it holds "\\"text\\"")',
        "99999 at S!B2 is not an item code of Part II; its value is not used.",
      ]),
    );
    expect(inputs.find((m) => m.startsWith("INPUT-SHARED-CELL"))).toBe(
      "INPUT-SHARED-CELL: S!B5 is mapped to 2 items (740 (TOTAL ASSETS), 940 (TOTAL ASSETS)); each FOCUS line needs its own cell.",
    );
    // A name on one merged area is one cell, read from the area's first cell.
    expect(check.read.cells.find((c) => c.code === "210")).toMatchObject({ raw: { kind: "number", value: 42 } });
    expect(check.read.cells.find((c) => c.code === "210")!.problem).toBeUndefined();
    // Names that are not FOCUS_ names are left alone.
    expect(check.read.cells.map((c) => c.name)).not.toContain("Print_Area");
  });

  test("one odd name never breaks the batch: several areas, a formula, a constant, #REF! each get their own problem and every other cell is read", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.9" });
    wb.addSheet("S");
    wb.setCell("S!B2", 1000);
    wb.setCell("S!B3", 250);
    wb.addName("FOCUS_200", "S!$B$2");
    wb.addName("FOCUS_12014", "S!$B$3");
    wb.addName("FOCUS_750", "S!$B$2,S!$B$3");
    wb.addName("FOCUS_760", "OFFSET(S!$B$2,1,0)");
    wb.addName("FOCUS_770", "1000");
    wb.addName("FOCUS_780", "#REF!");
    const read = await readWorkbook(ctx(wb));
    const by = new Map(read.cells.map((c) => [c.code, c]));
    expect(by.get("200")).toMatchObject({ raw: { kind: "number", value: 1000 }, address: "S!B2" });
    expect(by.get("12014")).toMatchObject({ raw: { kind: "number", value: 250 }, address: "S!B3" });
    expect(by.get("750")!.problem).toBe("the name refers to 2 areas (S!$B$2,S!$B$3); it must name one cell");
    expect(by.get("760")!.problem).toBe('the name holds a formula (OFFSET(S!$B$2,1,0)), not a cell; map the cell itself');
    expect(by.get("770")!.problem).toBe('the name is not a cell reference (it holds "1000")');
    expect(by.get("780")!.problem).toBe("the name points at #REF! (its cells were deleted)");
  });

  test("what the cell shows: a number in a narrow column (####) is listed as the number and read; a data type is named, never read as a number", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!B2", 123456789, { numberFormat: "#,##0_);[Red](#,##0)" });
    wb.setColumnWidth("S", "B", 8);
    wb.setCell("S!B3", { entity: "Microsoft Corp" }); // a Stocks data type
    wb.setCell("S!B4", "Treasury bill", { valueType: "RichValue" });
    wb.setCell("S!B5", 2500, { valueType: "Integer" });
    wb.setCell("S!B6", 0.8547, { numberFormat: "0.00%" });
    wb.addName("FOCUS_200", "S!$B$2");
    wb.addName("FOCUS_210", "S!$B$3");
    wb.addName("FOCUS_220", "S!$B$4");
    wb.addName("FOCUS_230", "S!$B$5");
    wb.addName("FOCUS_240", "S!$B$6");
    const check = await checkWorkbook(ctx(wb));
    const by = new Map(check.read.cells.map((c) => [c.code, c]));
    expect(by.get("200")).toMatchObject({ display: "123,456,789", raw: { kind: "number", value: 123456789 } });
    const dataType = "not an amount; put the amount in the cell, or a field of the data type (for example =B5.Price)";
    expect(by.get("210")?.problem).toBe(`the cell holds a data type (shown as "Microsoft Corp"), ${dataType}`);
    expect(by.get("220")?.problem).toBe(`the cell holds a data type (shown as "Treasury bill"), ${dataType}`);
    expect(by.get("230")).toMatchObject({ raw: { kind: "number", value: 2500 }, display: "2500" });
    expect(by.get("240")).toMatchObject({ raw: { kind: "number", value: 0.8547, percentFormat: true }, display: "85.47%" });
    const messages = check.result.findings.filter((f) => f.rule === "INPUT-MAPPING").map((f) => f.message);
    expect(messages).toContain(`210 (Cash segregated in compliance with federal and other regulations) at S!B3: the cell holds a data type (shown as "Microsoft Corp"), ${dataType}`);
    // The same number in a wide column is shown as Excel shows it.
    wb.setColumnWidth("S", "B", 20);
    const wide = await readWorkbook(ctx(wb));
    expect(wide.cells.find((c) => c.code === "200")?.display).toBe("123,456,789 ");
  });

  test("without merged-area support a name on a merged cell is reported as covering two cells", async () => {
    const check = await checkWorkbook(ctx(problemWorkbook()));
    expect(check.read.cells.find((c) => c.code === "210")!.problem).toBe("the name covers 2 cells (S!C6:D6); it must name one cell");
  });
});

describe("names created and deleted", () => {
  test("map the selected cell, remap it, unmap it", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!C3", 299549779);
    wb.select("S!C3");
    const r = await mapSelection(ctx(wb), "part-ii", "3750");
    expect(r).toEqual({ address: "S!C3", previous: null });
    expect(wb.names.get("FOCUS_3750")).toEqual({ name: "FOCUS_3750", ref: "S!$C$3", comment: "3750: Net capital (line 8 minus line 12)" });
    wb.select("S!D9");
    const moved = await mapSelection(ctx(wb), "part-ii", "3750");
    expect(moved).toEqual({ address: "S!D9", previous: "S!$C$3" });
    expect(wb.names.get("FOCUS_3750").ref).toBe("S!$D$9");
    expect(await unmapCode(ctx(wb), "3750")).toBe(true);
    expect(wb.names.has("FOCUS_3750")).toBe(false);
    expect(await unmapCode(ctx(wb), "3750")).toBe(false);
    expect(wb.cell("S", "C3").value).toBe(299549779);
  });

  test("mapping refuses a multi-cell selection and a code that is not on the form", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.select("S!A1:B2");
    await expect(mapSelection(ctx(wb), "part-ii", "3750")).rejects.toThrow(new MappingError("Select one cell to map to 3750 (the selection S!A1:B2 has 4 cells; a merged cell can be mapped in Excel versions with ExcelApi 1.13 (Microsoft 365, Office 2021 and later))."));
    wb.select("S!A1");
    await expect(mapSelection(ctx(wb), "part-ii", "123456")).rejects.toThrow("123456 is not an item code of Part II.");
    expect(wb.names.size).toBe(0);
  });

  test("a merged cell can be mapped: clicking it selects its merged area, and the area's first cell is named", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.13" });
    wb.addSheet("S");
    wb.setCell("S!C6", 42);
    wb.sheets.get("S").merged.push("C6:D7");
    wb.select("S!D7");
    expect(wb.selection).toBe("S!C6:D7");
    const r = await mapSelection(ctx(wb), "part-ii", "3750", { mergedAreas: true });
    expect(r.address).toBe("S!C6");
    expect(wb.names.get("FOCUS_3750").ref).toBe("S!$C$6");
    const read = await readWorkbook(ctx(wb), { mergedAreas: true });
    expect(read.cells[0]).toMatchObject({ code: "3750", raw: { kind: "number", value: 42 } });
    // Without ExcelApi 1.13 the area cannot be told from a multi-cell selection: refused, and said why.
    await expect(mapSelection(ctx(wb), "part-ii", "3640")).rejects.toThrow(/has 4 cells; a merged cell can be mapped in Excel versions with ExcelApi 1.13/);
  });

  test("selecting a finding's cells selects them on the first cell's sheet (ExcelApi 1.18: RangeAreas.select)", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.18" });
    wb.addSheet("A");
    wb.addSheet("B");
    const r = await selectCells(ctx(wb), ["B!C4", "B!C5", "A!D1"], { multiAreaSelect: true });
    expect(wb.selection).toBe("B!C4");
    expect(wb.selectionAreas).toEqual(["B!C4", "B!C5"]);
    expect(wb.activeSheet).toBe("B");
    expect(r).toEqual({ selected: ["B!C4", "B!C5"], notSelected: ["A!D1"] });
  });

  test("at the declared ExcelApi 1.9 (Office 2021/2024 LTSC) a multi-cell finding selects its first cell and lists the others", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.9" });
    wb.addSheet("B");
    // What 0.2.0 did: RangeAreas.select, which this host does not have.
    const c = ctx(wb);
    c.workbook.worksheets.getItem("B").getRanges("C4,C5").select();
    await expect(c.sync()).rejects.toThrow(/ApiNotFound: RangeAreas.select needs ExcelApi 1.18/);
    const r = await selectCells(ctx(wb), ["B!C4", "B!C5"], { multiAreaSelect: wb.supports("ExcelApi", "1.18") });
    expect(r).toEqual({ selected: ["B!C4"], notSelected: ["B!C5"] });
    expect(wb.selection).toBe("B!C4");
  });
});

describe("Insert FOCUS sheet", () => {
  test("adds the form's layout with every value cell named, leaving existing mappings and sheets alone", async () => {
    const wb = seedWorkbook();
    const before = wb.snapshot();
    const c = ctx(wb);
    const r = await insertFocusSheet(c, "part-ii");
    expect(c.syncCount).toBe(2);
    expect(r.sheet).toBe("FOCUS Part II");
    const items = catalogue("part-ii").items.length;
    expect(r.skipped.length).toBe(seedValues().size);
    expect(r.named + r.skipped.length).toBe(items);
    expect(wb.snapshot().sheets.Report).toEqual(before.sheets.Report);
    for (const code of r.skipped) expect(wb.names.get(`FOCUS_${code}`).ref).toBe(before.names[`FOCUS_${code}`].ref);
    // The cash line: label in B, the three boxes named on the same row.
    const ref = wb.names.get("FOCUS_12014").ref as string;
    expect(ref).toMatch(/^'FOCUS Part II'!\$D\$\d+$/);
    const row = ref.split("$")[2];
    expect(wb.cell("FOCUS Part II", `B${row}`).value).toBe("Cash");
    // A second insert gets its own sheet name.
    const again = await insertFocusSheet(ctx(wb), "part-ii");
    expect(again.sheet).toBe("FOCUS Part II (2)");
    expect(again.named).toBe(0);
  });
});

test("Insert FOCUS sheet offers Part IIA too: its own layout, every IIA item named", async () => {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  const r = await insertFocusSheet(ctx(wb), "part-iia");
  expect(r).toMatchObject({ sheet: "FOCUS Part IIA", skipped: [] });
  expect(r.named).toBe(catalogue("part-iia").items.length);
  const ref = wb.names.get("FOCUS_295").ref as string;
  const row = ref.split("$")[2];
  expect(wb.cell("FOCUS Part IIA", `B${row}`).value).toBe("Receivables from brokers or dealers: clearance account");
});

describe("settings that belong to the workbook", () => {
  test("form and tolerance are saved in the workbook and read back; the tolerance changes the check", async () => {
    const wb = seedWorkbook();
    wb.setCell("Report!B200", 350455620);
    wb.addName("FOCUS_4470", "Report!$B$200");
    const row3920 = (wb.names.get("FOCUS_3920").ref as string).split("$")[2];
    wb.setCell(`Report!B${row3920}`, 282027000); // $2 more than 3750 - 5% x 4470
    let check = await checkWorkbook(ctx(wb), { highlight: false });
    expect(check.read.settings).toEqual({ form: "part-ii", tolerance: 1, firstYear: false, frequency: "weekly", partial: false, standard: null, units: "dollars", ledger: false });
    expect(check.result.findings.find((f) => f.rule === "P2-MIN-3920")!.status).toBe("fail");
    await saveSettings(ctx(wb), { form: "part-ii", tolerance: 2 });
    check = await checkWorkbook(ctx(wb), { highlight: false });
    expect(check.read.settings.tolerance).toBe(2);
    expect(check.result.findings.find((f) => f.rule === "P2-MIN-3920")!.status).toBe("pass");
  });

  test("the first-year setting is saved and switches the A.I. limit", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!B1", 100000);
    wb.setCell("S!B2", 900000);
    wb.addName("FOCUS_3750", "S!$B$1");
    wb.addName("FOCUS_3840", "S!$B$2");
    await saveSettings(ctx(wb), { form: "part-iia", tolerance: 1, firstYear: true });
    const check = await checkWorkbook(ctx(wb), { highlight: false });
    expect(check.read.settings).toMatchObject({ form: "part-iia", firstYear: true });
    expect(check.result.form).toBe("part-iia");
    expect(check.result.findings.find((f) => f.rule === "P2A-LIM-AI-1Y")!.status).toBe("fail");
  });

  test("units, completeness, standard and reserve frequency are saved in the workbook and drive the check", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    // A net capital note in millions: 1,371 - 254 = 1,117 (each ± half a million).
    const cells: [string, number][] = [["3640", 1371], ["3740", 254], ["3750", 1117], ["3880", 1], ["3760", 9]];
    cells.forEach(([code, v], i) => {
      wb.setCell(`S!B${i + 1}`, v);
      wb.addName(`FOCUS_${code}`, `S!$B$${i + 1}`);
    });
    await saveSettings(ctx(wb), { form: "part-ii", tolerance: 1, frequency: "daily", partial: true, standard: "alternative", units: "millions" });
    const check = await checkWorkbook(ctx(wb), { highlight: false });
    expect(check.read.settings).toMatchObject({ frequency: "daily", partial: true, standard: "alternative", units: "millions" });
    expect(check.result.profile).toMatchObject({ standard: "alternative", frequency: "daily" });
    expect(check.result.findings.find((f) => f.rule === "P2-NC-3750")!.status).toBe("pass");
    expect(check.result.netCapital.netCapital.reported).toBe("1117000000");
    // Declared alternative: 3870 is a required line of 3760, and it is blank.
    expect(check.result.findings.find((f) => f.rule === "P2-MIN-3760")!.missing).toContain("3870");
  });

  test("malformed settings fall back to the defaults", async () => {
    const wb = seedWorkbook();
    wb.settings.set("focusWorkbench.form", "\"part-x\"");
    wb.settings.set("focusWorkbench.tolerance", "{oops");
    wb.settings.set("focusWorkbench.units", "\"lakhs\"");
    wb.settings.set("focusWorkbench.standard", "\"both\"");
    const read = await readWorkbook(ctx(wb));
    expect(read.settings).toEqual({ form: "part-ii", tolerance: 1, firstYear: false, frequency: "weekly", partial: false, standard: null, units: "dollars", ledger: false });
  });
});

describe("the fake host is as strict as Excel where Excel is strict (excel-fidelity-review F1-F19)", () => {
  test("F1: operations run at sync(), in order; the first refused one fails the batch and the later ones never run", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const c = ctx(wb);
    c.workbook.names.add("FOCUS_750", "S!$B$2");
    c.workbook.worksheets.getItem("S").getRange("B2").values = [[5]];
    expect(wb.names.size).toBe(0);
    expect(wb.cell("S", "B2").value).toBeNull();
    await c.sync();
    expect(wb.names.get("FOCUS_750").ref).toBe("S!$B$2");
    expect(wb.cell("S", "B2").value).toBe(5);
    const d = ctx(wb);
    d.workbook.names.add("FOCUS_760", "S!$B$3");
    d.workbook.names.add("FOCUS_750", "S!$B$4"); // a duplicate: refused
    d.workbook.names.add("FOCUS_770", "S!$B$5");
    await expect(d.sync()).rejects.toThrow(/ItemAlreadyExists: the name FOCUS_750/);
    expect([...wb.names.keys()].sort()).toEqual(["FOCUS_750", "FOCUS_760"]);
  });

  test("F2: a member above the host's ExcelApi level fails the sync with ApiNotFound", async () => {
    const wb = new FakeWorkbook({ excelApi: "1.9" });
    wb.addSheet("S");
    const c = ctx(wb);
    c.workbook.worksheets.getItem("S").getRange("B2").getMergedAreasOrNullObject();
    await expect(c.sync()).rejects.toThrow(/ApiNotFound: Range.getMergedAreasOrNullObject needs ExcelApi 1.13/);
    expect(wb.supports("ExcelApi", "1.9")).toBe(true);
    expect(wb.supports("ExcelApi", "1.10")).toBe(false);
  });

  test("F3-F5: a name's type comes from its reference; several areas or a formula resolve to a null object; navigating from one fails the batch", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.addName("A2", "S!$A$1,S!$B$2");
    wb.addName("OFF", "OFFSET(S!$A$1,0,0)");
    wb.addName("K", "1000");
    wb.addName("E", "#REF!");
    const c = ctx(wb);
    const items = ["A2", "OFF", "K", "E"].map((n) => {
      const it = c.workbook.names.getItemOrNullObject(n);
      it.load("type");
      return it;
    });
    const range = c.workbook.names.getItemOrNullObject("A2").getRangeOrNullObject();
    await c.sync();
    expect(items.map((i) => i.type)).toEqual(["Range", "Range", "Double", "Error"]);
    expect(range.isNullObject).toBe(true);
    const d = ctx(wb);
    d.workbook.names.getItemOrNullObject("A2").getRangeOrNullObject().getCell(0, 0).load("values");
    await expect(d.sync()).rejects.toThrow(/InvalidObjectPath/);
  });

  test("F8: a conditional format is added at the top priority, above the user's; priority and stopIfTrue decide the fill a cell shows", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.sheets.get("S").cfs.push({ id: "{USER}", type: "Custom", range: "B2", formula: "=B2<0", fill: "#FF0000", owner: "user" });
    const c = ctx(wb);
    c.workbook.worksheets.getItem("S").getRange("B2").conditionalFormats.add("Custom");
    await c.sync();
    expect(wb.sheets.get("S").cfs.map((x: { id: string }) => x.id)).toEqual(["{CF-1}", "{USER}"]);
    // A format with no fill of its own and "Stop If True" above the user's hides it.
    wb.sheets.get("S").cfs[0].stopIfTrue = true;
    expect(wb.shownFill("S!B2")).toBeNull();
    const d = ctx(wb);
    const cfs = d.workbook.worksheets.getItem("S").getRange("B2").conditionalFormats;
    cfs.load("items/priority,items/stopIfTrue");
    await d.sync();
    expect(cfs.items.map((x: { priority: number; stopIfTrue: boolean }) => [x.priority, x.stopIfTrue])).toEqual([[0, true], [1, false]]);
    cfs.items[1].priority = 0;
    await d.sync();
    expect(wb.shownFill("S!B2")).toBe("#FF0000");
    // After a priority change the object must be fetched again before another change (d.ts).
    const e = ctx(wb);
    const moved = e.workbook.worksheets.getItem("S").getRange("B2").conditionalFormats.add("Custom");
    moved.priority = 1;
    moved.stopIfTrue = true;
    await expect(e.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    const oldHost = new FakeWorkbook({ excelApi: "1.5" });
    oldHost.addSheet("S");
    const old = ctx(oldHost);
    old.workbook.worksheets.getItem("S").getRange("B2").conditionalFormats.add("Custom").stopIfTrue = false;
    await expect(old.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("F9: a conditional format whose rule Excel cannot read fails the whole batch; loading a custom rule through another type is refused", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!B2", 5);
    wb.sheets.get("S").cfs.push({ id: "{DUP}", type: "Custom", range: "B2", formula: "=B2>1", fill: "#00FF00", owner: "user", readError: "GeneralException" });
    wb.sheets.get("S").cfs.push({ id: "{SCALE}", type: "ColorScale", range: "C2:C9", owner: "user" });
    const c = ctx(wb);
    const cfs = c.workbook.worksheets.getItem("S").getRange().conditionalFormats;
    cfs.load("items/type");
    await c.sync();
    expect(cfs.items.map((x: { type: string }) => x.type)).toEqual(["Custom", "ColorScale"]);
    const rule = cfs.items[0].custom.rule;
    rule.load("formula");
    const cell = c.workbook.worksheets.getItem("S").getRange("B2");
    cell.load("values");
    await expect(c.sync()).rejects.toMatchObject({ code: "GeneralException" });
    expect(() => cell.values).toThrow(/PropertyNotLoaded/); // nothing loaded in the failed batch arrives
    wb.addSheet("T");
    wb.sheets.get("T").cfs.push({ id: "{MINE}", type: "Custom", range: "B2", formula: "=B2>1", fill: "#00FF00", owner: "user" });
    const d = ctx(wb);
    const mixed = d.workbook.worksheets.getItem("S").getRange("C2").conditionalFormats;
    mixed.load("items/custom/rule/formula");
    await expect(d.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    const e = ctx(wb);
    const only = e.workbook.worksheets.getItem("T").getRange().conditionalFormats;
    only.load("items/custom/rule/formula");
    await e.sync();
    expect(only.items[0].custom.rule.formula).toBe("=B2>1");
  });

  test("F12: text is what the cell shows (formats, dates, #### in a narrow column); a data type reads as #VALUE! of type Error", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    const cases: [number, string, string][] = [
      [1234567.891, "#,##0", "1,234,568"],
      [-1234567, "#,##0_);(#,##0)", "(1,234,567)"],
      [-5, "0;[Red]0", "5"],
      [1234.5, "$#,##0.00", "$1,234.50"],
      [0.8547, "0.00%", "85.47%"],
      [12.5, '0.00"%"', "12.50%"],
      [45657, "m/d/yyyy", "12/31/2024"],
      [0, '#,##0;(#,##0);"-"', "-"],
      [1234, '0.00 "USD"', "1234.00 USD"],
    ];
    cases.forEach(([v, f], i) => wb.setCell(`S!A${i + 1}`, v, { numberFormat: f }));
    wb.setCell("S!C1", 1234567, { numberFormat: "#,##0" });
    wb.setColumnWidth("S", "C", 6);
    wb.setCell("S!D1", { entity: "Microsoft Corp" });
    const c = ctx(wb);
    const a = c.workbook.worksheets.getItem("S").getRange(`A1:A${cases.length}`);
    a.load("text");
    const narrow = c.workbook.worksheets.getItem("S").getRange("C1");
    narrow.load("text,values");
    const entity = c.workbook.worksheets.getItem("S").getRange("D1");
    entity.load("values,valueTypes,text");
    await c.sync();
    expect(a.text.map((r: string[]) => r[0])).toEqual(cases.map((x) => x[2]));
    expect([narrow.text[0][0], narrow.values[0][0]]).toEqual(["######", 1234567]);
    expect([entity.values[0][0], entity.valueTypes[0][0], entity.text[0][0]]).toEqual(["#VALUE!", "Error", "Microsoft Corp"]);
  });

  test("F14: names follow Excel's rules, and a sheet's names are the sheet's", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    for (const bad of ["FOCUS 3750", "AB12", "R1C1", "3750"]) {
      const c = ctx(wb);
      c.workbook.names.add(bad, "S!$B$2");
      await expect(c.sync()).rejects.toThrow(/InvalidArgument/);
    }
    const c = ctx(wb);
    c.workbook.worksheets.getItem("S").names.add("FOCUS_3750", "S!$B$2");
    await c.sync();
    expect(wb.names.size).toBe(0);
    expect(wb.sheetNames.get("S").get("FOCUS_3750").ref).toBe("S!$B$2");
    // ...and the read reports it as sheet-scoped.
    const read = await readWorkbook(ctx(wb));
    expect(read.cells[0].problem).toMatch(/scoped to the sheet "S"/);
  });

  test("F15: with another workbook in focus, reading the selection fails with InvalidSelection, and the pane says so in words", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.select("S!B2");
    wb.focusElsewhere = true;
    const err = await mapSelection(ctx(wb), "part-ii", "3750").catch((e: unknown) => e);
    expect((err as { code: string }).code).toBe("InvalidSelection");
    expect(describeError(err)).toMatch(/another workbook or window has the focus/);
    await expect(selectCells(ctx(wb), ["S!B2"])).rejects.toMatchObject({ code: "GeneralException" });
    expect(wb.names.size).toBe(0);
  });

  test("F16: while a cell is being edited, Excel.run fails without delayForCellEdit and waits with it", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.setCell("S!B2", 1000);
    wb.addName("FOCUS_750", "S!$B$2");
    const Excel = excelGlobal(wb);
    wb.startCellEdit();
    await expect(Excel.run((c: Ctx) => readWorkbook(c))).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    // The pane's way (taskpane.ts): Excel.run({ delayForCellEdit: true }, ...) waits for Enter.
    let done = false;
    const run = Excel.run({ delayForCellEdit: true }, (c: Ctx) => readWorkbook(c)).then((r: { cells: unknown[] }) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    wb.endCellEdit();
    expect((await run).cells.length).toBe(1);
  });

  test("F17: settings come back as a JSON round trip of what went in", async () => {
    const wb = new FakeWorkbook();
    const c = ctx(wb);
    c.workbook.settings.add("k", { at: new Date(Date.UTC(2024, 11, 31)), n: 1 });
    await c.sync();
    expect(wb.settings.get("k")).toEqual({ at: "2024-12-31T00:00:00.000Z", n: 1 });
  });

  test("D16: a name on a whole sheet (more than 2^31 - 1 cells: cellCount -1) says so in words", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.addName("FOCUS_750", "S!$A$1:$XFD$1048576");
    const read = await readWorkbook(ctx(wb));
    expect(read.cells[0].problem).toBe("the name covers more cells than Excel can count (S!A1:XFD1048576); it must name one cell");
  });

  test("F6: deleting a conditional format on a protected sheet is refused", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("S");
    wb.sheets.get("S").cfs.push({ id: "{X}", type: "Custom", range: "B2", formula: HIGHLIGHT_FORMULA, fill: "#F4B6B6", owner: "add-in" });
    wb.sheets.get("S").protected = true;
    const c = ctx(wb);
    const cfs = c.workbook.worksheets.getItem("S").getRange("B2").conditionalFormats;
    cfs.load("items/type");
    await c.sync();
    cfs.items[0].delete();
    await expect(c.sync()).rejects.toThrow(/AccessDenied: the sheet "S" is protected/);
    expect(wb.sheets.get("S").cfs.length).toBe(1);
  });
});
