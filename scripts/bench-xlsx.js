#!/usr/bin/env node
/*
 * The .xlsx reader's cost, for `npm run bench` (each figure from a fresh process, so peak memory
 * is the process's own maximum resident set):
 *   node scripts/bench-xlsx.js make ROWS FILE [tail]
 *                                               write the report form (the Mirae figures, cells named
 *                                               FOCUS_<code>) and a position list of ROWS rows beside it;
 *                                               with "tail", one more named cell at the list's foot
 *   node scripts/bench-xlsx.js read new|exceljs FILE
 *                                               read the named cells with the reader (new), or load the
 *                                               workbook whole with ExcelJS as the 0.2.0 reader did
 *                                               (exceljs); prints {ms, maxRssMb, entries}
 */
"use strict";
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");

async function make(rows, file, tail) {
  const ExcelJS = require("exceljs");
  const { parse } = require("csv-parse/sync");
  const seed = parse(fs.readFileSync(path.join(ROOT, "examples", "mirae-2024-12-31.csv"), "utf8"), { columns: true, comment: "#" });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const form = wb.addWorksheet("FOCUS Part II");
  let r = 1;
  for (const { item, value } of seed) {
    if (!/^\d+$/.test(item)) continue;
    const row = form.getRow(r);
    row.getCell(1).value = `item ${item}`;
    const n = Number(String(value).replace(/[,$\s]/g, "").replace(/^\((.*)\)$/, "-$1"));
    row.getCell(2).value = Number.isFinite(n) && value !== "" ? n : value;
    row.commit();
    wb.definedNames.add(`'FOCUS Part II'!$B$${r}`, `FOCUS_${item}`);
    r++;
  }
  form.commit();
  const pos = wb.addWorksheet("Positions");
  pos.addRow(["account", "security", "cusip", "category", "quantity", "market value", "trade date"]).commit();
  const cats = ["USGOV", "MUNI", "CP", "NONCONV", "OTHER", "PREF"];
  for (let i = 1; i <= rows; i++) {
    pos.addRow([1000 + (i % 977), `Security ${i} ${cats[i % 6]}`, `CUSIP${String(i).padStart(8, "0")}`, cats[i % 6], (i * 37) % 100000, ((i * 7919) % 10000000) / 100, 45000 + (i % 365)]).commit();
  }
  if (tail === "tail") {
    // The worst case: a named cell at the foot of the position list, so the reader reads it all.
    pos.addRow(["", "Total haircuts (from the schedule)", "", "", "", 1234567]).commit();
    wb.definedNames.add(`Positions!$F$${rows + 2}`, "FOCUS_3736");
  }
  pos.commit();
  await wb.commit();
}

async function read(which, file) {
  const t = process.hrtime.bigint();
  let entries;
  if (which === "new") {
    entries = await require(path.join(ROOT, "build", "cli", "xlsx.js")).readWorkbookEntries(file);
  } else {
    // The 0.2.0 reader: ExcelJS loads every sheet in full, then the named cells are read from it.
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file));
    entries = wb.definedNames.model.length;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMb, entries: Array.isArray(entries) ? entries.length : entries }) + "\n");
}

const [cmd, a, b, c] = process.argv.slice(2);
(cmd === "make" ? make(Number(a), b, c) : read(a, b)).catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
