/**
 * Tables from .xlsx files (a trial balance, a map, positions), streamed by the reader the check
 * uses (src/cli/xlsx-cells.ts readSheetCells) instead of ExcelJS loading the whole workbook:
 * the sheet asked for, formula results of 0 kept, errors named, doubles as Excel shows them,
 * dates as dates; and the same report built from Mizuho's trial balance as CSV or as a workbook.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { focus } from "./run-focus";
import { readMap, readTrialBalance } from "../src/cli/ledger";
import { readPositionRows } from "../src/cli/haircuts";
import { readTable } from "../src/cli/tables";
import { ROOT } from "./helpers";
import { D } from "../src/focus";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-xlsx-tables-"));

/** Write a workbook: sheets in order, each a list of rows (a cell is a value, { formula, result }, { error }, a Date or rich text). */
async function workbook(name: string, sheets: Record<string, unknown[][]>, formats: Record<string, string> = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r, i) => {
      r.forEach((v, j) => {
        const cell = ws.getCell(i + 1, j + 1);
        cell.value = v as ExcelJS.CellValue;
        const f = formats[`${sheet}!${cell.address}`];
        if (f) cell.numFmt = f;
      });
    });
  }
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("a trial balance, a map and positions from .xlsx", () => {
  test("the sheet asked for; a formula whose result is 0 is 0; rich text, shared strings, a double as Excel shows it", async () => {
    const file = await workbook("tb.xlsx", {
      Notes: [["prepared by", "controller"]],
      TB: [
        ["Account", "Name", "Debit", "Credit"],
        ["1000", { richText: [{ text: "Operating " }, { font: { bold: true }, text: "cash" }] }, 500, null],
        ["1100", "Fails to deliver", { formula: "C4-C4", result: 0 }, null],
        ["2000", "Repo", null, 100.1 + 0.2], // 100.30000000000001 as a double
        [],
        ["3000", "Equity", { formula: "0", result: 0 }, 499.7],
      ],
    });
    const t = await readTable(file, "TB");
    expect(t.header).toEqual(["account", "name", "debit", "credit"]);
    expect(t.rows.map((r) => [r.where, ...r.cells])).toEqual([
      ["TB!row 2", "1000", "Operating cash", "500", ""],
      ["TB!row 3", "1100", "Fails to deliver", "0", ""],
      ["TB!row 4", "2000", "Repo", "", "100.3"],
      ["TB!row 6", "3000", "Equity", "0", "499.7"],
    ]);
    // Balances to the cent as Excel shows them (0.2.0 refused 100.30000000000001 as a fraction of a
    // cent; 0.3.0 rounded each account to whole dollars, -100 and -500). The build rounds once, at
    // the line (issue #26 point 2): the credits add to 600.00 exactly.
    const accounts = await readTrialBalance(file, "TB");
    expect(accounts.map((a) => [a.account, a.balance.toFixed()])).toEqual([
      ["1000", "500"],
      ["1100", "0"],
      ["2000", "-100.3"],
      ["3000", "-499.7"],
    ]);
    expect(accounts.filter((a) => a.balance.isNegative()).reduce((sum, a) => sum.plus(a.balance), new D(0)).toFixed()).toBe("-600");
    // Without --sheet, the first sheet is the table: here it is not a trial balance, and says so.
    await expect(readTrialBalance(file)).rejects.toThrow(/a trial balance needs the columns account, name and balance .* \(found "prepared by,controller"\)/);
    await expect(readTable(file, "Ledger")).rejects.toThrow(/has no sheet "Ledger" \(sheets: Notes, TB\)/);
  });

  test("an error in a balance is named with its row and its code (0.2.0 said \"[object Object]\")", async () => {
    const file = await workbook("tb-error.xlsx", { TB: [["account", "name", "balance"], ["1000", "Cash", 5], ["2000", "Repo", { error: "#N/A" }]] });
    await expect(readTrialBalance(file)).rejects.toThrow('TB!row 3: the balance "#N/A" is not an amount.');
  });

  test("a map on a sheet; positions with dates read as dates", async () => {
    const map = await workbook("map.xlsx", { Map: [["account", "item", "note"], ["1000-1099", "200", "cash"], ["2000", "exclude", ""]] });
    expect((await readMap(map)).map((e) => [e.from, e.to, e.item, e.where])).toEqual([
      ["1000", "1099", "200", "Map!row 2"],
      ["2000", null, "exclude", "Map!row 3"],
    ]);
    const positions = await workbook(
      "positions.xlsx",
      { Positions: [["id", "category", "market_value", "maturity"], ["T1", "us-treasury", 1000000, new Date(Date.UTC(2027, 2, 31))], ["T2", "us-treasury", -250000, 46112]] },
      { "Positions!D3": "mm/dd/yyyy" },
    );
    const rows = await readPositionRows(positions);
    expect(rows.map((r) => [r.cells.id, r.cells.market_value, r.cells.maturity])).toEqual([
      ["T1", "1000000", "2027-03-31"],
      ["T2", "-250000", "2026-03-31"],
    ]);
  });

  test("Mizuho's trial balance as a workbook builds the same report as from CSV", async () => {
    const csv = path.join(ROOT, "examples", "mizuho-2007-03-31-trial-balance.csv");
    const map = path.join(ROOT, "examples", "mizuho-2007-03-31-map.csv");
    const records = parse(fs.readFileSync(csv, "utf8"), { comment: "#", skip_empty_lines: true }) as string[][];
    const xlsx = await workbook("mizuho-tb.xlsx", { "Trial balance": records.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 2 ? Number(c) : c)))) });
    const fromCsv = await focus("build", "--trial-balance", csv, "--map", map, "--units", "thousands", "-o", path.join(dir, "from-csv.csv"));
    const fromXlsx = await focus("build", "--trial-balance", xlsx, "--map", map, "--units", "thousands", "-o", path.join(dir, "from-xlsx.csv"));
    expect([fromCsv.code, fromXlsx.code]).toEqual([0, 0]);
    const built = fs.readFileSync(path.join(dir, "from-xlsx.csv"), "utf8");
    expect(built).toBe(fs.readFileSync(path.join(dir, "from-csv.csv"), "utf8"));
    expect(built.split("\n").length).toBeGreaterThan(20);
  });

  test("a workbook above the limit, or not a workbook, is refused naming the file", async () => {
    const fake = path.join(dir, "not.xlsx");
    fs.writeFileSync(fake, "account,name,balance\n");
    await expect(readTable(fake)).rejects.toThrow(/not\.xlsx is not an \.xlsx workbook \(an \.xlsx file is a zip archive; this one is not\)/);
    const big = path.join(dir, "big.xlsx");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 101 * 1024 * 1024); // sparse: no disk used
    await expect(readTable(big)).rejects.toThrow(/big\.xlsx is 101\.0 MB; the limit for a workbook is 100 MB\./);
  });
});
