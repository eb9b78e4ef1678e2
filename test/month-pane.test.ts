/**
 * The whole month in the workbook (src/excel/ledger-sheet.ts on the strict fake host): *Build from
 * trial balance* over a pre-closing trial balance writes the statement of income with SUMIFS and
 * its totals from their lines, and the closing as formulas the FINOP can read: retained earnings =
 * the ledger's balance + net income (FOCUS_4230), 4240 = 1800 - 4230, 4250 = 4230. The fake
 * evaluates the formulas: the figures are the command's (examples/example-pre-closing-*.csv).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import { insertFocusSheet } from "../src/excel/mapping";
import { readSelectedLedger, writeLedgerFormulas } from "../src/excel/ledger-sheet";
import { ROOT } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");
type Ctx = Excel.RequestContext;
const MARK = '+N("FOCUS Workbench ledger")';

test("the pre-closing example: SUMIFS for the statement of income, the closing as a formula, the figures of the command", async () => {
  const read = (f: string) => parse(fs.readFileSync(path.join(ROOT, "examples", f), "utf8"), { columns: true, comment: "#", comment_no_infix: true }) as Record<string, string>[];
  const map = read("example-pre-closing-map.csv").map((m) => ({ range: m.account.split("-"), item: m.item }));
  const itemOf = (a: string) => map.find((m) => (m.range.length === 1 ? m.range[0] === a : a >= m.range[0] && a <= m.range[1]))!.item;
  const tb = read("example-pre-closing-trial-balance.csv");
  const wb = new FakeWorkbook();
  wb.enableFormulas({});
  wb.addSheet("TB");
  ["account", "name", "balance", "item"].forEach((h, i) => wb.setCell(`TB!${"ABCD"[i]}1`, h));
  tb.forEach((r, i) => [r.account, r.name, Number(r.balance), itemOf(r.account)].forEach((v, j) => wb.setCell(`TB!${"ABCD"[j]}${i + 2}`, v)));
  await insertFocusSheet(new RequestContext(wb) as Ctx, "part-ii");
  wb.select(`TB!A1:D${tb.length + 1}`);
  const ledger = await readSelectedLedger(new RequestContext(wb) as Ctx);
  const w = await writeLedgerFormulas(new RequestContext(wb) as Ctx, "part-ii", ledger, "replace");
  expect(w.missing).toEqual([]);
  const at = (code: string) => {
    const ref = wb.names.get(`FOCUS_${code}`).ref.replace(/\$/g, "");
    const i = ref.lastIndexOf("!");
    const sheet = ref.slice(0, i).replace(/^'|'$/g, "");
    return { formula: wb.cell(sheet, ref.slice(i + 1)).formula as string, value: wb.valueAt(sheet, ref.slice(i + 1)) };
  };
  const rows = "TB!$C:$C,TB!$D:$D";
  expect(at("3935").formula).toBe(`=-(SUMIFS(${rows},"3935")+SUMIFS(${rows},"3935 — *"))${MARK}`);
  expect(at("4110").formula).toBe(`=(SUMIFS(${rows},"4110")+SUMIFS(${rows},"4110 — *"))${MARK}`);
  expect(at("4210").formula).toBe(`=FOCUS_4030-FOCUS_4200${MARK}`);
  expect(at("1794").formula).toBe(`=-(SUMIFS(${rows},"1794")+SUMIFS(${rows},"1794 — *"))+FOCUS_4230${MARK}`);
  expect(at("4240").formula).toBe(`=FOCUS_1800-FOCUS_4230${MARK}`);
  expect(at("4250").formula).toBe(`=FOCUS_4230${MARK}`);
  expect(at("4290").formula).toBe(`=FOCUS_4240+FOCUS_4250+FOCUS_4260-FOCUS_4270${MARK}`);
  const figures = Object.fromEntries(["4030", "4200", "4210", "4230", "1794", "1795", "1800", "4240", "4250", "4290", "940", "1810"].map((c) => [c, at(c).value]));
  expect(figures).toEqual({ "4030": 1338950, "4200": 1292250, "4210": 46700, "4230": 36900, "1794": 616900, "1795": 1116900, "1800": 1116900, "4240": 1080000, "4250": 36900, "4290": 1116900, "940": 1634050, "1810": 1634050 });
});
