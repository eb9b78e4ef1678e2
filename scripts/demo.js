#!/usr/bin/env node
/*
 * `npm run demo`: checks the bundled real report (Mirae Asset Securities (USA) Inc., Part II as of
 * 12/31/2024, transcribed into examples/mirae-2024-12-31.xlsx) and prints the net capital summary
 * and the findings; then the made-up Part IIA example of a small introducing firm. The real
 * report's total liabilities (1760), total equity (1800) and most haircut lines were lost when the
 * filed PDF was turned into text, so its check fails on those boxes, as it should; the demo itself
 * succeeds unless an input is unusable or the command breaks.
 */
"use strict";
const path = require("path");
const { run } = require("../build/cli/main.js");

async function main() {
  const real = path.join("examples", "mirae-2024-12-31.xlsx");
  const code = await run(["node", "focus", "check", real]);
  console.log("");
  if (code !== 0 && code !== 1) return code;
  console.log(`(focus check exited with ${code}. Exit 1 means some error-severity rule fails: here, the boxes lost in extraction.)`);
  console.log("Machine-readable: npx focus check " + real + " --format json");
  console.log("");
  console.log("=".repeat(100));
  console.log("Part IIA: a small introducing firm (MADE-UP FIGURES, for illustration)");
  console.log("=".repeat(100));
  const iia = path.join("examples", "example-introducing-firm-part-iia.xlsx");
  const code2 = await run(["node", "focus", "check", iia, "--form", "part-iia"]);
  if (code2 !== 0) return code2;
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
