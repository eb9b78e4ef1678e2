/**
 * One classifier of number formats for the add-in and the CLI: Excel's built-in formats and the
 * formats FINOPs type, as amounts, percentages or dates (number-format.ts).
 */
import { BUILT_IN_NUMBER_FORMATS, builtInNumberFormat, numberFormatKind, serialToIsoDate, type NumberFormatKind } from "../src/focus";
import { excelCellToRaw } from "../src/excel/read";
import { joinAddress, parseReference, splitAddress } from "../src/excel/address";

/** Excel's built-in ids by what they present (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_KIND: Record<NumberFormatKind, number[]> = {
  general: [0],
  number: [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 37, 38, 39, 40, 41, 42, 43, 44, 48],
  percent: [9, 10],
  date: [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58],
  text: [49],
};

describe("Excel's built-in number formats", () => {
  const table = (Object.entries(BUILT_IN_KIND) as [NumberFormatKind, number[]][]).flatMap(([kind, ids]) => ids.map((id) => [id, BUILT_IN_NUMBER_FORMATS[id], kind] as const));
  test("every built-in id is in the table once", () => {
    expect(table.map(([id]) => id).sort((a, b) => a - b)).toEqual(Object.keys(BUILT_IN_NUMBER_FORMATS).map(Number));
  });
  test.each(table)("id %i %s is %s", (id, code, kind) => {
    expect(numberFormatKind(builtInNumberFormat(id))).toBe(kind);
    expect(numberFormatKind(code)).toBe(kind);
  });
  test("an id Excel does not define is General", () => {
    expect(builtInNumberFormat(163)).toBe("General");
  });
});

describe("formats FINOPs type", () => {
  test.each([
    ["0;[Red]0", "number"],
    ["0.00_);[Red](0.00)", "number"],
    ['0.00 "USD"', "number"],
    // The Number dialog's four negative styles.
    ["#,##0.00", "number"],
    ["#,##0.00;[Red]#,##0.00", "number"],
    ["#,##0.00_);(#,##0.00)", "number"],
    ["#,##0.00_);[Red](#,##0.00)", "number"],
    // Currency and Accounting, as Excel en-US writes them.
    ['"$"#,##0.00', "number"],
    ["[$$-409]#,##0.00", "number"],
    ['_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)', "number"],
    ["_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", "number"],
    // Displayed in thousands or millions, with an escaped or quoted suffix.
    ["#,##0.0,,\\M", "number"],
    ['#,##0,"K"', "number"],
    ["0\\h", "number"],
    ['[>=1000000]#,##0,,"M";#,##0', "number"],
    ["[Color10]0", "number"],
    ["0.00E+00", "number"],
    // Percent: a real % scales; a quoted or escaped one is text.
    ["0.00%", "percent"],
    ["0%;[Red]-0%", "percent"],
    ['0.00"%"', "number"],
    ["0.00\\%", "number"],
    // Dates and times.
    ["mm/dd/yy", "date"],
    ["m/d/yyyy", "date"],
    ["[$-409]mmmm d, yyyy", "date"],
    ["d-mmm-yy", "date"],
    ["yyyy-mm-dd", "date"],
    ["h:mm AM/PM", "date"],
    ["[h]:mm:ss", "date"],
    ['dd"."mm"."yyyy', "date"],
    ["General", "general"],
    ["", "general"],
    ["@", "text"],
  ] as const)("%s is %s", (code, kind) => {
    expect(numberFormatKind(code)).toBe(kind);
  });
});

describe("date serials", () => {
  test.each([
    [45657, false, "2024-12-31"],
    [45657.75, false, "2024-12-31"],
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [60, false, "1900-02-29"],
    [61, false, "1900-03-01"],
    [2958465, false, "9999-12-31"],
    [2958466, false, null],
    [123456789, false, null],
    [-1, false, null],
    [0, true, "1904-01-01"],
    [44195, true, "2024-12-31"],
  ] as const)("%d (1904 system: %s) is %s", (serial, d1904, iso) => {
    expect(serialToIsoDate(serial, d1904)).toBe(iso);
  });
});

describe("the add-in reads Office.js cells with the same classifier", () => {
  test.each([
    [123456789, "mm/dd/yy", { kind: "number", value: 123456789, dateFormat: true }],
    [45657, "m/d/yyyy", { kind: "number", value: 45657, dateFormat: true, date: "2024-12-31" }],
    [2500000, "#,##0.0,,\\M", { kind: "number", value: 2500000, percentFormat: false }],
    [85.47, '0.00"%"', { kind: "number", value: 85.47, percentFormat: false }],
    [0.8547, "0.00%", { kind: "number", value: 0.8547, percentFormat: true }],
    [1500, "0;[Red]0", { kind: "number", value: 1500, percentFormat: false }],
  ])("%d in %s", (value, format, raw) => {
    expect(excelCellToRaw(value, "Double", format)).toEqual(raw);
  });
});

describe("one reference parser for the add-in and the CLI", () => {
  test.each([
    ["'FOCUS Part II'!$E$12", [{ sheet: "FOCUS Part II", cells: "E12" }]],
    ["'Mirae''s FOCUS'!$E$12", [{ sheet: "Mirae's FOCUS", cells: "E12" }]],
    ["'Q4 ''24'!E12:F12", [{ sheet: "Q4 '24", cells: "E12:F12" }]],
    ["Sheet1!$A$1,Sheet1!$B$2", [{ sheet: "Sheet1", cells: "A1" }, { sheet: "Sheet1", cells: "B2" }]],
    ["'a,b'!$A$1", [{ sheet: "a,b", cells: "A1" }]],
    ["=History!$B$1", [{ sheet: "History", cells: "B1" }]],
  ])("%s", (text, areas) => {
    const r = parseReference(text);
    expect(r.kind).toBe("areas");
    expect(r.kind === "areas" ? r.areas.map((a) => ({ sheet: a.sheet, cells: a.cells })) : null).toEqual(areas);
  });
  test.each([
    ["#REF!", "ref-error"],
    ["Sheet1!#REF!", "ref-error"],
    ["OFFSET(Sheet1!$A$1,0,0)", "other"],
    ["1000", "other"],
    ['"text"', "other"],
    ["[1]Sheet1!$A$1", "other"],
    ["Sheet1!$A:$A", "other"],
    ["", "other"],
  ])("%s is %s", (text, kind) => {
    expect(parseReference(text).kind).toBe(kind);
  });
  test.each([
    ["Report", "Report!B2"],
    ["My Sheet", "'My Sheet'!B2"],
    ["Mirae's FOCUS", "'Mirae''s FOCUS'!B2"],
    ["Q4", "'Q4'!B2"],
    ["AB12", "'AB12'!B2"],
    ["R1C1", "'R1C1'!B2"],
    ["R", "'R'!B2"],
    ["2024", "'2024'!B2"],
    ["FY2024", "'FY2024'!B2"], // column FY, row 2024: a cell
    ["FOCUS2024", "FOCUS2024!B2"],
    ["Part_II", "Part_II!B2"],
  ])("joinAddress quotes %s as Excel needs it in a formula", (sheet, address) => {
    expect(joinAddress(sheet, "B2")).toBe(address);
    expect(splitAddress(address)).toEqual({ sheet, cell: "B2" });
  });
  test("splitAddress unquotes doubled quotes", () => {
    expect(splitAddress("'Mirae''s FOCUS'!$E$12")).toEqual({ sheet: "Mirae's FOCUS", cell: "E12" });
  });
});
