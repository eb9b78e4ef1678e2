/**
 * The .xlsx reader on workbooks written by other software (test/fixtures/other-software, made by
 * make.sh with LibreOffice Calc 7.4 and openpyxl 3.0): each FOCUS_ name holds one construct real
 * workbooks have, and each gives what a FINOP expects. Every case here failed on the ExcelJS-based
 * reader of 0.2.0 (the "History" sheet made all three case workbooks unreadable; without it, the
 * apostrophe lost every value; without both, the date-formatted 123,456,789 crashed it, exit 3).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { focus } from "./run-focus";
import { readWorkbookEntries, type ReadStats } from "../src/cli/xlsx";
import { buildReport, type InputEntry, type RawCell } from "../src/focus";
import { ROOT } from "./helpers";

const FIX = path.join(ROOT, "test", "fixtures", "other-software");
const fixture = (name: string) => path.join(FIX, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "focus-other-"));

const byCode = (entries: InputEntry[]) => new Map(entries.map((e) => [e.code, e]));

/** What every case workbook holds, whoever wrote it (the formula cells differ: below). */
const COMMON: [string, string, RawCell, string][] = [
  ["770", "an amount in a date-formatted cell, too large for a date", { kind: "number", value: 123456789, dateFormat: true }, "'Mirae''s FOCUS'!B4"],
  ["780", "an amount in a date-formatted cell", { kind: "number", value: 45000, dateFormat: true, date: "2023-03-15" }, "'Mirae''s FOCUS'!B5"],
  ["790", "#,##0.0,,\\M (millions shown)", { kind: "number", value: 2500000 }, "'Mirae''s FOCUS'!B6"],
  ["800", "0\\h (an escaped letter)", { kind: "number", value: 12 }, "'Mirae''s FOCUS'!B7"],
  ["3850", '0.00"%" (a quoted % sign)', { kind: "number", value: 85.47 }, "'Mirae''s FOCUS'!B8"],
  ["3851", "0.00\\% (an escaped % sign)", { kind: "number", value: 12.5 }, "'Mirae''s FOCUS'!B9"],
  ["3860", "0.00% (a real percentage)", { kind: "number", value: 0.1234, percentFormat: true }, "'Mirae''s FOCUS'!B10"],
  ["840", "0;[Red]0", { kind: "number", value: 1500 }, "'Mirae''s FOCUS'!B13"],
  ["802", "#,##0.00_);[Red](#,##0.00)", { kind: "number", value: 2500 }, "'Mirae''s FOCUS'!B14"],
  ["890", '0.00 "USD"', { kind: "number", value: 3500 }, "'Mirae''s FOCUS'!B15"],
  ["900", '"$"#,##0.00', { kind: "number", value: 4500 }, "'Mirae''s FOCUS'!B16"],
  ["880", "accounting", { kind: "number", value: 5500 }, "'Mirae''s FOCUS'!B17"],
  ["12017", "condition codes", { kind: "number", value: 6500 }, "'Mirae''s FOCUS'!B18"],
  ["830", "a merged cell named by its merged area", { kind: "number", value: 300 }, "'Mirae''s FOCUS'!B20"],
  ["810", "a sheet named Q4 '24", { kind: "number", value: 5000 }, "'Q4 ''24'!B1"],
  ["820", "a sheet named History", { kind: "number", value: 7000 }, "History!B1"],
];

const DATES_AS_NUMBERS: [string, string, RawCell, string][] = [
  ["25", "the period ending, typed as a date", { kind: "number", value: 45657, dateFormat: true, date: "2024-12-31" }, "'Mirae''s FOCUS'!B11"],
  ["24", "the period beginning, typed as a date", { kind: "number", value: 45627, dateFormat: true, date: "2024-12-01" }, "'Mirae''s FOCUS'!B12"],
];

const NO_RESULT: RawCell = { kind: "error", value: "a formula with no saved result (recalculate and save the workbook, then check it again)" };

describe("LibreOffice Calc 7.4 (calculated and saved)", () => {
  const cases: [string, string, RawCell, string][] = [
    ["750", "a formula whose saved result is 0", { kind: "number", value: 0 }, "'Mirae''s FOCUS'!B1"],
    ["760", 'a formula that shows blank (t="str", empty)', { kind: "blank" }, "'Mirae''s FOCUS'!B2"],
    ["16", "a formula whose saved result is FALSE", { kind: "boolean", value: false }, "'Mirae''s FOCUS'!B3"],
    ...DATES_AS_NUMBERS,
    ...COMMON,
  ];
  test.each(cases)("%s: %s", async (code, _what, raw, where) => {
    const e = byCode(await readWorkbookEntries(fixture("libreoffice-cases.xlsx"))).get(code);
    expect(e).toEqual({ code, raw, where });
  });

  test("the check reads them as a FINOP means them: 0, blank, unchecked, dates on the cover, amounts with a warning", async () => {
    const entries = await readWorkbookEntries(fixture("libreoffice-cases.xlsx"));
    const report = buildReport("part-ii", entries);
    const v = (c: string) => report.values.get(c);
    expect(v("750")).toMatchObject({ state: "amount" });
    expect(String((v("750") as { value: unknown }).value)).toBe("0");
    expect(v("760")).toMatchObject({ state: "blank" });
    expect(v("16")).toMatchObject({ state: "flag", checked: false });
    expect(v("25")).toMatchObject({ state: "text", text: "2024-12-31" });
    expect(v("24")).toMatchObject({ state: "text", text: "2024-12-01" });
    expect(String((v("3850") as { value: unknown }).value)).toBe("85.47");
    expect(String((v("3860") as { value: unknown }).value)).toBe("12.34");
    const warnings = report.inputFindings.filter((f) => f.rule === "INPUT-DATE-FORMAT").map((f) => f.message);
    expect(warnings).toEqual([
      "770 (Receivable from B/D and clearing orgs: failed to deliver - other) at 'Mirae''s FOCUS'!B4 is formatted as a date and is too large to show as a date (####); it is read as the amount 123,456,789. Format the cell as a number.",
      "780 (Receivable: securities borrowed - other) at 'Mirae''s FOCUS'!B5 is formatted as a date and shows the date 2023-03-15; it is read as the amount 45,000. Format the cell as a number.",
    ]);
    expect(report.inputFindings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("reads only the sheets that hold named cells, and no shared strings when no named cell holds text", async () => {
    const stats: ReadStats = { sheetsRead: [], cellsSeen: 0, sharedStringsRead: false };
    await readWorkbookEntries(fixture("libreoffice-cases.xlsx"), stats);
    // Sheets 1-3 hold the named cells; sheet 4 is the 500-row trial balance.
    expect(stats.sheetsRead.sort()).toEqual(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]);
    expect(stats.sharedStringsRead).toBe(false);
  });
});

describe("openpyxl 3.0 (never calculates)", () => {
  const cases: [string, string, RawCell, string][] = [
    ["750", "a formula saved without a result", NO_RESULT, "'Mirae''s FOCUS'!B1"],
    ["760", "a formula saved without a result", NO_RESULT, "'Mirae''s FOCUS'!B2"],
    ["16", "a formula saved without a result", NO_RESULT, "'Mirae''s FOCUS'!B3"],
    ...DATES_AS_NUMBERS,
    ...COMMON,
  ];
  test.each(cases)("%s: %s", async (code, _what, raw, where) => {
    const e = byCode(await readWorkbookEntries(fixture("openpyxl-cases.xlsx"))).get(code);
    expect(e).toEqual({ code, raw, where });
  });

  test('ISO-dated cells (t="d") are dates, not numbers', async () => {
    const m = byCode(await readWorkbookEntries(fixture("openpyxl-iso-dates.xlsx")));
    expect(m.get("25")?.raw).toEqual({ kind: "date", value: "2024-12-31" });
    expect(m.get("24")?.raw).toEqual({ kind: "date", value: "2024-12-01" });
    const report = buildReport("part-ii", [...m.values()]);
    expect(report.values.get("25")).toMatchObject({ state: "text", text: "2024-12-31" });
  });

  test("names that are not one cell each get their own problem; the good one is still read", async () => {
    const m = byCode(await readWorkbookEntries(fixture("openpyxl-odd-names.xlsx")));
    const got = Object.fromEntries([...m.values()].map((e) => [e.code, e.problem ?? JSON.stringify(e.raw)]));
    expect(got).toEqual({
      "750": JSON.stringify({ kind: "number", value: 100 }),
      "760": "the name refers to 2 areas (FOCUS!$B$2,FOCUS!$B$3); it must name one cell",
      "770": 'the name holds "OFFSET(FOCUS!$B$1,1,0)", which is not one cell of this workbook',
      "780": 'the name holds "1000", which is not one cell of this workbook',
      "790": "the name points at #REF! (its cells were deleted)",
      "800": "the name points at #REF! (its cells were deleted)",
      "810": "the name covers the range B1:B3; it must name one cell (or one merged cell)",
      "820": 'the name points at sheet "No such sheet", which is not in the workbook (deleted or renamed)',
    });
  });

  test("a formula without a saved result says to recalculate and save, in words for Excel and LibreOffice alike", async () => {
    const r = await focus("check", fixture("openpyxl-cases.xlsx"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("750 (Cash) at 'Mirae''s FOCUS'!B1: the cell shows the error a formula with no saved result (recalculate and save the workbook, then check it again), not an amount.");
  });
});

describe("files that are not readable workbooks say what they are", () => {
  test.each([
    ["password-protected.xlsx", /password-protected.xlsx is password-protected \(encrypted\), so its cells cannot be read\. Open it in Excel, remove the password/],
    ["excel-97-2003-renamed.xlsx", /excel-97-2003-renamed.xlsx is an Excel 97-2003 workbook \(\.xls\) named \.xlsx\. Open it in Excel or LibreOffice and save it as an Excel Workbook/],
  ])("%s -> exit 2 and what to do", async (name, message) => {
    const r = await focus("check", fixture(name));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/jszip|central directory|\n\s+at /);
    expect(r.out).toBe("");
  });
});

test("a workbook whose FOCUS_ names all point at empty cells is a clean pass (exit 0), not an error", async () => {
  const r = await focus("check", fixture("openpyxl-empty-names.xlsx"));
  expect(r.code).toBe(0);
  expect(r.err).toBe("");
  expect(r.out).toContain("Result: no error-severity rule fails (exit code 0).");
});

test("no fixture crashes the command: every exit code is 0, 1 or 2", async () => {
  for (const name of fs.readdirSync(FIX).filter((f) => f.endsWith(".xlsx"))) {
    const r = await focus("check", fixture(name));
    expect(`${name}: ${[0, 1, 2].includes(r.code)}`).toBe(`${name}: true`);
    expect(r.err).not.toMatch(/unexpected error|\n\s+at /);
  }
});

describe("cost grows with the named cells, not with the workbook", () => {
  /** A form at the top of a sheet and `rows` rows of a position list below it on the same sheet. */
  async function formAbove(rows: number, extra: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void = () => undefined): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("FOCUS");
    ws.getCell("B1").value = 1000;
    ws.getCell("B2").value = 250;
    wb.definedNames.add("FOCUS!$B$1", "FOCUS_750");
    wb.definedNames.add("FOCUS!$B$2", "FOCUS_760");
    for (let r = 10; r < 10 + rows; r++) ws.getRow(r).values = [r, `position ${r}`, r * 3];
    extra(ws, wb);
    const file = path.join(tmp, `form-above-${rows}-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  test("the sheet stops being read after the last named row", async () => {
    const small: ReadStats = { sheetsRead: [], cellsSeen: 0, sharedStringsRead: false };
    const big: ReadStats = { sheetsRead: [], cellsSeen: 0, sharedStringsRead: false };
    const a = await readWorkbookEntries(await formAbove(10), small);
    const b = await readWorkbookEntries(await formAbove(5000), big);
    expect(a).toEqual(b);
    expect(big.cellsSeen).toBe(small.cellsSeen);
    expect(big.cellsSeen).toBeLessThan(10);
  });

  test("a name on a merged area reads on to the merge list at the end of the sheet", async () => {
    const file = await formAbove(2000, (ws, wb) => {
      ws.getCell("B3").value = 77;
      ws.mergeCells("B3:C3");
      wb.definedNames.add("FOCUS!$B$3:$C$3", "FOCUS_770");
    });
    const stats: ReadStats = { sheetsRead: [], cellsSeen: 0, sharedStringsRead: false };
    const m = byCode(await readWorkbookEntries(file, stats));
    expect(m.get("770")).toEqual({ code: "770", raw: { kind: "number", value: 77 }, where: "FOCUS!B3" });
    expect(stats.cellsSeen).toBeGreaterThan(2000 * 3);
  });
});

test("a trial balance read from a sheet: a big number in a date-formatted cell is a finding naming the row, not a crash", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("TB");
  ws.addRow(["account", "name", "balance"]);
  ws.addRow(["1000", "Cash", 500]);
  ws.addRow(["3000", "Capital", -500]);
  const cell = ws.getRow(2).getCell(3);
  cell.value = 123456789;
  cell.numFmt = "mm/dd/yy";
  const tb = path.join(tmp, "tb-date.xlsx");
  await wb.xlsx.writeFile(tb);
  const map = path.join(tmp, "map.csv");
  fs.writeFileSync(map, "account,item\n1000,750\n3000,1800\n");
  const r = await focus("build", "--trial-balance", tb, "--map", map, "-o", path.join(tmp, "built.csv"));
  expect([1, 2]).toContain(r.code);
  expect(r.out + r.err).toMatch(/TB!row 2/);
  expect(r.out + r.err).toMatch(/date-formatted cell, too large to be a date/);
  expect(r.err).not.toMatch(/unexpected error|\n\s+at /);
});
