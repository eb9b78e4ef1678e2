#!/usr/bin/env node
/*
 * `npm run demo`: checks the bundled real report (Mirae Asset Securities (USA) Inc., Part II as of
 * 12/31/2024, transcribed into examples/mirae-2024-12-31.xlsx) and prints the net capital summary
 * and the findings. The report's total liabilities (1760), total equity (1800) and most haircut
 * lines were lost when the filed PDF was turned into text, so the check fails on those boxes, as
 * it should; the demo itself succeeds unless the input is unusable or the command breaks.
 */
"use strict";
const path = require("path");
const { run } = require("../build/cli/main.js");

const file = path.join("examples", "mirae-2024-12-31.xlsx");
run(["node", "focus", "check", file]).then((code) => {
  console.log("");
  if (code === 0 || code === 1) {
    console.log(`(focus check exited with ${code}. Exit 1 means some error-severity rule fails: here, the boxes lost in extraction.)`);
    console.log("Machine-readable: npx focus check " + file + " --format json");
    process.exitCode = 0;
  } else {
    process.exitCode = code;
  }
});
