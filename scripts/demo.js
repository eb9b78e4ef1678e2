#!/usr/bin/env node
/*
 * `npm run demo`: checks the bundled real report (Mirae Asset Securities (USA) Inc., Part II as of
 * 12/31/2024, transcribed into examples/mirae-2024-12-31.xlsx) and prints the net capital summary
 * and the findings; then the made-up Part IIA example of a small introducing firm, and a real
 * reserve formula (HSBC Securities (USA) Inc., 12/31/2008, in thousands as printed), and the
 * bridge of its net capital from 12/31/2008 to 12/31/2009, and Mizuho Securities USA's statement of
 * financial condition built from its ledger (3/31/2007, thousands), a made-up pre-closing trial
 * balance built into the statement of income and closed into equity, and the review pack of the real
 * report written to a temporary folder (the demo says where). The real
 * report's total liabilities (1760), total equity (1800) and most haircut lines were lost when the
 * filed PDF was turned into text, so its check fails on those boxes, as it should; the demo itself
 * succeeds unless an input is unusable or the command breaks.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { run } = require("../build/cli/main.js");

/** A section's title between rules of "=", after a blank line. */
function heading(title) {
  console.log("");
  console.log("=".repeat(100));
  console.log(title);
  console.log("=".repeat(100));
}

async function main() {
  const real = path.join("examples", "mirae-2024-12-31.xlsx");
  const code = await run(["node", "focus", "check", real]);
  console.log("");
  if (code !== 0 && code !== 1) return code;
  console.log(`(focus check exited with ${code}. Exit 1 means some error-severity rule fails: here, the boxes lost in extraction.)`);
  console.log("Machine-readable: npx focus check " + real + " --format json");
  heading("Part IIA: a small introducing firm (MADE-UP FIGURES, for illustration)");
  const iia = path.join("examples", "example-introducing-firm-part-iia.xlsx");
  const code2 = await run(["node", "focus", "check", iia, "--form", "part-iia"]);
  if (code2 !== 0) return code2;
  heading("Reserve formula (Rule 15c3-3, Exhibit A): HSBC Securities (USA) Inc., 12/31/2008, real, in THOUSANDS of dollars as printed");
  const reserve = path.join("examples", "hsbc-2008-12-31-reserve.xlsx");
  const code3 = await run(["node", "focus", "check", reserve]);
  console.log("");
  if (code3 !== 0 && code3 !== 1) return code3;
  console.log(
    `(focus check exited with ${code3}. The schedule reproduces its printed totals, reduction, requirement and deposit; the one failure is line 5B (3870),`,
  );
  console.log("  which sits on the requirement page, not in this schedule: a whole Part II must fill it. Amounts are in thousands, as printed.)");
  heading("Prior-period review: HSBC Securities (USA) Inc., net capital 12/31/2008 -> 12/31/2009 (real; thousands as printed, shown in dollars)");
  const code4 = await run(["node", "focus", "diff", path.join("examples", "hsbc-2008-12-31-net-capital.csv"), path.join("examples", "hsbc-2009-12-31-net-capital.csv")]);
  if (code4 !== 0) return code4;
  heading("From the ledger: Mizuho Securities USA Inc., statement of financial condition 3/31/2007 (real, audited; thousands) as a trial balance");
  const tb = path.join("examples", "mizuho-2007-03-31-trial-balance.csv");
  const map = path.join("examples", "mizuho-2007-03-31-map.csv");
  const code5 = await run(["node", "focus", "check", "--trial-balance", tb, "--map", map, "--units", "thousands"]);
  if (code5 !== 0) return code5;
  console.log("");
  console.log("Total assets 18,276,559 = liabilities 18,039,288 + subordinated borrowings 50,000 (together 1760, 18,089,288) + equity 187,271.");
  console.log("Net capital: the audited note reports 140,210 (119,024 in excess of the requirement). The statement alone cannot give it: it");
  console.log("gives equity, the subordinated borrowings and the non-allowable assets (72,888), but not the other deductions and the haircuts,");
  console.log("which is why the net capital lines above say 'cannot evaluate'.");
  heading("The whole month: a pre-closing trial balance (MADE-UP FIGURES), closed by the build into retained earnings");
  const monthTb = path.join("examples", "example-pre-closing-trial-balance.csv");
  const monthMap = path.join("examples", "example-pre-closing-map.csv");
  const monthOut = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "focus-demo-month-")), "example-2026-06-30.json");
  const code7 = await run(["node", "focus", "build", "--trial-balance", monthTb, "--map", monthMap, "--period-start", "2026-01-01", "--period-end", "2026-06-30", "-o", monthOut]);
  if (code7 !== 0) return code7;
  const m = JSON.parse(fs.readFileSync(monthOut, "utf8"));
  const f = (code) => Number(m[code]).toLocaleString("en-US");
  const left = [
    ["Statement of income, 01/01/26-06/30/26", ""],
    ["Total revenue (4030)", f("4030")],
    ["Total expenses (4200)", f("4200")],
    ["Income before income taxes (4210)", f("4210")],
    ["Provision for income taxes (4220)", f("4220")],
    ["Net income (4230)", f("4230")],
  ];
  const right = [
    ["Statement of financial condition, 06/30/26", ""],
    ["Total assets (940)", f("940")],
    ["Total liabilities (1760)", f("1760")],
    ["Ownership equity (1800)", f("1800")],
    ["  of which retained earnings (1794)", f("1794")],
    ["Equity: beginning 4240 + net income 4250", `${f("4240")} + ${f("4250")}`],
  ];
  for (let i = 0; i < left.length; i++) {
    console.log(`${left[i][0].padEnd(40)}${left[i][1].padStart(12)}    ${right[i][0].padEnd(42)}${right[i][1].padStart(20)}`);
  }
  const code8 = await run(["node", "focus", "check", "--trial-balance", monthTb, "--map", monthMap, "--period-start", "2026-01-01", "--period-end", "2026-06-30", "--format", "json"], { out: () => undefined, err: (s) => process.stderr.write(s + "\n") });
  console.log(`focus check of the same ledger: exit ${code8} (${code8 === 0 ? "every rule of the statement of income, of changes in equity and A = L + E passes" : "see focus check"}).`);
  if (code8 !== 0) return code8;
  heading("The review pack: Mirae's report with its workpaper (capital at a glance, Rule 17a-11 notices, findings, sign-off)");
  // A fresh folder each run, so the pack never meets an earlier one (the command refuses to replace a file without --force).
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-demo-"));
  const pack = path.join(outDir, "review-mirae-2024-12-31.html");
  const code6 = await run(["node", "focus", "review", real, "-o", pack]);
  if (code6 !== 0) return code6;
  console.log(`Open ${pack} in a browser (it works offline; print it to PDF for the file).`);
  console.log(`Made with: npx focus review ${real} -o review.html`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
