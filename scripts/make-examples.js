#!/usr/bin/env node
/*
 * Makes the example workbooks from their CSVs: the `focus template` layout of the form with the
 * report's values in its named cells.
 *  - examples/mirae-2024-12-31.xlsx: the real Part II (Mirae Asset Securities (USA) Inc.);
 *  - examples/example-introducing-firm-part-iia.xlsx: a made-up Part IIA introducing firm;
 *  - examples/hsbc-2008-12-31-reserve.xlsx: a real reserve formula (HSBC Securities (USA) Inc.,
 *    12/31/2008), in thousands of dollars as printed.
 * Run with `npm run examples` after changing the CSV or the layout.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("csv-parse/sync");
const { catalogue, parseAmount } = require("../build/focus/index.js");
const { buildTemplate } = require("../build/cli/xlsx.js");

async function make(csvName, xlsxName, form) {
  const csv = path.join(__dirname, "..", "examples", csvName);
  const rows = parse(fs.readFileSync(csv, "utf8"), { columns: true, skip_empty_lines: true });
  const cat = catalogue(form);
  const values = new Map();
  for (const r of rows) {
    const it = cat.require(r.item);
    if (it.kind === "text" || it.kind === "flag" || it.kind === "date") {
      values.set(r.item, r.value);
      continue;
    }
    const a = parseAmount(r.value, it.kind);
    if (!a.ok || a.value === null) throw new Error(`${csvName}: item ${r.item}: ${a.ok ? "blank" : a.error.message}`);
    values.set(r.item, a.value.toNumber());
  }
  const out = path.join(__dirname, "..", "examples", xlsxName);
  await buildTemplate(form, values).xlsx.writeFile(out);
  console.log(`wrote ${path.relative(process.cwd(), out)} (${values.size} values)`);
}

(async () => {
  await make("mirae-2024-12-31.csv", "mirae-2024-12-31.xlsx", "part-ii");
  await make("example-introducing-firm-part-iia.csv", "example-introducing-firm-part-iia.xlsx", "part-iia");
  await make("hsbc-2008-12-31-reserve.csv", "hsbc-2008-12-31-reserve.xlsx", "part-ii");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
