/**
 * Nothing lost: every value, formula, number format, fill, conditional format, name and setting of
 * a workbook is snapshotted; the user maps a cell, checks, and clears; the workbook is then
 * identical except for the name the user asked for. (Fake Excel host.)
 */
import { catalogue } from "../src/focus";
import { checkWorkbook, clearPreviousHighlights } from "../src/excel/check";
import { mapSelection } from "../src/excel/mapping";
import { seedValues } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");
const ctx = (wb: unknown) => new RequestContext(wb) as Excel.RequestContext;

test("map, check, clear: identical except for the new name", async () => {
  const wb = new FakeWorkbook();
  const cat = catalogue("part-ii");
  let row = 2;
  for (const [code, value] of seedValues()) {
    const it = cat.require(code);
    const numeric = it.kind === "dollars" || it.kind === "percent";
    wb.setCell(`Report!A${row}`, it.label, { fill: "#DDEBF7" });
    wb.setCell(`Report!B${row}`, numeric ? Number(value.replace(/[,$]/g, "")) : value, { numberFormat: numeric ? "#,##0" : "@", fill: row % 2 ? "#FFFFFF" : "#F2F2F2" });
    wb.addName(`FOCUS_${code}`, `Report!$B$${row}`);
    row++;
  }
  // The user's own formula, conditional format, other names and settings.
  wb.setCell("Report!C2", null, { formula: "=B2*2" });
  wb.sheets.get("Report").cfs.push({ id: "{USER}", type: "Custom", range: "B2:B99", formula: "=B2<0", fill: "#FFC7CE", owner: "user" });
  wb.addName("Print_Area", "Report!$A$1:$C$99");
  wb.settings.set("focusWorkbench.form", '"part-ii"');
  wb.settings.set("someOtherAddIn.key", "42");
  wb.setCell("Report!E5", 250000, { numberFormat: "#,##0" });
  const before = wb.snapshot();

  wb.select("Report!E5");
  await mapSelection(ctx(wb), "part-ii", "3880");
  const check = await checkWorkbook(ctx(wb));
  expect(check.highlight.applied.length).toBeGreaterThan(0);
  await clearPreviousHighlights(ctx(wb));

  const after = wb.snapshot();
  expect(after.names["FOCUS_3880"]).toEqual({ name: "FOCUS_3880", ref: "Report!$E$5", comment: "3880: Fixed-dollar minimum net capital requirement" });
  delete after.names["FOCUS_3880"];
  expect(after).toEqual(before);
});
