#!/usr/bin/env node
/*
 * Regenerates src/focus/catalogue/part-ii.rows.ts and part-iia.rows.ts from the draft item
 * catalogues in reference/focus-items-part-ii-draft.csv and
 * focus-items-part-iia-draft.csv (run from the repository root).
 *
 * The draft's confidence column is carried as it is: an entry is "confirmed" only when a
 * source prints its code (confidence "seen"). What this script adds is structure, not
 * confidence: a section key, code ranges expanded to one row per code, and codeless rows
 * kept (code null) so that the template can still print the line.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("csv-parse/sync");

const REF = path.join(__dirname, "..", "reference");
const OUT_DIR = path.join(__dirname, "..", "src", "focus", "catalogue");

/**
 * Corrections the official rule text (reference/cfr/) requires over the draft, by form and
 * code: labels the draft words otherwise. Applied before the Exhibit A references below.
 */
const LABELS = {
  II: {
    // 15c3-3a item 14: security futures products and futures (and options thereon) carried in a
    // securities account under an SRO portfolio margining rule.
    "4467":
      "Debits: margin required and on deposit with a clearing agency or derivatives clearing organization for security futures products and for futures (and options thereon) carried in a portfolio-margin securities account",
    "3952": "Total realized and unrealized gains (losses)",
  },
};

/**
 * Exhibit A (15c3-3a) numbers its items differently from the form's lines: credits are items 1-9,
 * debits items 10-15, the reserve item 16; the form's lines 1-11 are credits (with "other" and the
 * total), 12-18 debits. Each reserve-formula row names what it is in the rule; its form line stays
 * in the line column.
 */
const EXHIBIT_A = {
  "4340": "Exhibit A item 1",
  "4350": "Exhibit A item 2",
  "4360": "Exhibit A item 3",
  "4370": "Exhibit A item 4",
  "4380": "Exhibit A item 5",
  "4390": "Exhibit A item 6",
  "4400": "Exhibit A item 7",
  "4410": "Exhibit A item 8",
  "4420": "Exhibit A item 9",
  "4425": "no Exhibit A item: other credits, listed on the form",
  "4430": "Exhibit A total credits, items 1-9",
  "4440": "Exhibit A item 10",
  "4450": "Exhibit A item 11",
  "4460": "Exhibit A item 12",
  "4465": "Exhibit A item 13",
  "4467": "Exhibit A item 14",
  "90015": "Exhibit A item 15",
  "4469": "no Exhibit A item: other debits, listed on the form",
  "4470": "Exhibit A total debits, items 10-15",
  "4471": "15c3-1(a)(1)(ii)(A): 3%, or 2% computing daily, in lieu of Note E(3)",
  "4472": "Exhibit A total debits after the reduction",
  "4480": "Exhibit A: excess of debits, no deposit",
  "4490": "Exhibit A item 16",
  "4500": "Exhibit A item 16, monthly: 105% (15c3-3(e)(3)(i)(C))",
  "4510": "15c3-3(e)(1)",
  "4520": "15c3-3(e)(3)",
  "4530": "15c3-3(e)(1)",
  "4540": "15c3-3(e)(3)",
};

/**
 * Placeholder codes. A line the form prints but whose code no source here shows gets a code of this
 * project's own, in the range 90000-90099 that no FOCUS item uses, marked "unknown" (unconfirmed),
 * so that it can be named FOCUS_<code> and checked. It changes when a source prints the real code
 * (the README's change notes will say so).
 * - 90015: Exhibit A item 15 (margin at a clearing agency for cleared U.S. Treasury transactions in
 *   customer accounts, added to the rule in 2024): the draft lacks the row.
 * - 90051: Part II line 5B.i, the minimum CFTC net capital requirement of a broker-dealer that is
 *   also a futures commission merchant (15c3-1(a)(1)(iii)): the seed prints the line, not its code.
 */
const PLACEHOLDERS = { II: { "5.B.i": "90051" } };

/**
 * The PAB page (Computation for Determination of PAB Requirements, 15c3-3(e) and Exhibit A applied
 * to PAB accounts, PAB Notes 1-4), which the 2021+ Part II adds and no source here prints: its
 * lines under placeholder codes 90101-90127, a range next to 90000-90099 that no FOCUS item uses,
 * with the customer page's wording for PAB accounts. 90126 and 90127 are the amounts 15c3-3(e)(5)
 * excludes from each reserve bank account (cash at an affiliated bank; at a non-affiliated bank,
 * what exceeds 15% of its equity capital).
 */
const PAB_NOTE = "code is a placeholder of this project (90101-90127), not a printed FOCUS code; the PAB page's line numbers likewise";
const PAB_SOURCE = "17 CFR 240.15c3-3(e) and 240.15c3-3a with its PAB notes (eCFR 2026-10-01); no source prints the PAB page's codes";
const PAB_ROWS = [
  ["90101", "PAB 1", "PAB credits: free credit balances and other credit balances in PAB accounts [Exhibit A item 1, PAB]"],
  ["90102", "PAB 2", "PAB credits: monies borrowed collateralized by securities carried for PAB accounts [Exhibit A item 2, PAB]"],
  ["90103", "PAB 3", "PAB credits: monies payable against PAB securities loaned [Exhibit A item 3, PAB]"],
  ["90104", "PAB 4", "PAB credits: PAB securities failed to receive [Exhibit A item 4, PAB]"],
  ["90105", "PAB 5", "PAB credits: credit balances in firm accounts attributable to principal sales to PAB accounts [Exhibit A item 5, PAB]"],
  ["90106", "PAB 6", "PAB credits: stock dividends/splits/distributions receivable over 30 days [Exhibit A item 6, PAB]"],
  ["90107", "PAB 7", "PAB credits: short security count differences over 30 days [Exhibit A item 7, PAB]"],
  ["90108", "PAB 8", "PAB credits: short securities and credits in suspense accounts over 30 days [Exhibit A item 8, PAB]"],
  ["90109", "PAB 9", "PAB credits: securities in transfer over 40 days not confirmed [Exhibit A item 9, PAB]"],
  ["90110", "PAB 10", "PAB credits: other (list) [no Exhibit A item: other credits, listed on the form]"],
  ["90111", "PAB 11", "TOTAL PAB CREDITS [Exhibit A total credits, items 1-9, PAB]"],
  ["90112", "PAB 12", "PAB debits: debit balances in PAB cash and margin accounts (no 1% reduction: PAB Note 4) [Exhibit A item 10, PAB]"],
  ["90113", "PAB 13", "PAB debits: securities borrowed for PAB short sales / PAB fails to deliver [Exhibit A item 11, PAB]"],
  ["90114", "PAB 14", "PAB debits: failed to deliver of PAB securities not older than 30 days [Exhibit A item 12, PAB]"],
  ["90115", "PAB 15", "PAB debits: margin required and on deposit with OCC for PAB options [Exhibit A item 13, PAB]"],
  ["90116", "PAB 16", "PAB debits: margin required and on deposit with a clearing agency or derivatives clearing organization for security futures products [Exhibit A item 14, PAB]"],
  ["90117", "PAB 16A", "PAB debits: margin required and on deposit with a clearing agency for cleared U.S. Treasury securities transactions in PAB accounts [Exhibit A item 15, PAB]"],
  ["90118", "PAB 17", "PAB debits: other (list) [no Exhibit A item: other debits, listed on the form]"],
  ["90119", "PAB 18", "TOTAL PAB DEBITS [Exhibit A total debits, items 10-15, PAB; no reduction: PAB Note 4]"],
  ["90120", "PAB 19", "Excess of total PAB debits over total PAB credits [Exhibit A: excess of debits, no deposit, PAB]"],
  ["90121", "PAB 20", "Excess of total PAB credits over total PAB debits (PAB reserve requirement) [Exhibit A item 16, PAB]"],
  ["90122", "PAB 21", "Amount held on deposit in PAB reserve bank account(s) at end of period, incl. qualified securities [15c3-3(e)(1)]"],
  ["90123", "PAB 22", "Amount of PAB deposit (or withdrawal) [15c3-3(e)(3)]"],
  ["90124", "PAB 23", "New amount in PAB reserve bank account(s) after deposit/withdrawal [15c3-3(e)(1)]"],
  ["90126", "PAB 24", "Customer reserve bank account: cash excluded (at an affiliated bank; at a non-affiliated bank above 15% of its equity capital) [15c3-3(e)(5)]"],
  ["90127", "PAB 25", "PAB reserve bank account: cash excluded (at an affiliated bank; at a non-affiliated bank above 15% of its equity capital) [15c3-3(e)(5)]"],
];

/**
 * Rows the draft lacks: Exhibit A item 15 under its placeholder code.
 */
const EXTRA_ROWS = {
  II: [
    {
      after: "4467",
      row: {
        item_code: "90015",
        line: "16A",
        label:
          "Debits: margin required and on deposit with a clearing agency for cleared U.S. Treasury securities transactions and repurchase agreements in customer accounts",
        column: "single",
        confidence: "unknown",
        source: "17 CFR 240.15c3-3a item 15 (eCFR 2026-10-01); no source prints its FOCUS code",
        note: "code 90015 is a placeholder of this project, not a printed FOCUS code; the line number 16A likewise",
      },
    },
    // The PAB page after the customer page's date of deposit (4540), one row after another.
    ...PAB_ROWS.map(([code, line, label], i) => ({
      after: i === 0 ? "4540" : PAB_ROWS[i - 1][0],
      row: { item_code: code, line, label, column: "single", confidence: "unknown", source: PAB_SOURCE, note: PAB_NOTE },
    })),
  ],
};

/** The draft's rows with the corrections above. */
function corrected(part, rows) {
  const out = [];
  for (let r of rows) {
    const placeholder = (PLACEHOLDERS[part] || {})[r.line];
    if (placeholder && !/^\d+$/.test(r.item_code)) {
      r = { ...r, item_code: placeholder, confidence: "unknown", note: [r.note, `code ${placeholder} is a placeholder of this project, not a printed FOCUS code`].filter(Boolean).join("; ") };
    }
    const label = (LABELS[part] || {})[r.item_code];
    out.push(label ? { ...r, label } : r);
    // Extra rows after this one, and after each extra row in turn (the PAB page's chain).
    for (let after = r.item_code, more = true; more; ) {
      more = false;
      for (const x of EXTRA_ROWS[part] || []) {
        if (x.after !== after) continue;
        out.push({ ...r, ...x.row });
        after = x.row.item_code;
        more = true;
      }
    }
  }
  return out.map((r) => (part === "II" && EXHIBIT_A[r.item_code] ? { ...r, label: `${r.label} [${EXHIBIT_A[r.item_code]}]` } : r));
}

/** Section of the draft -> section key of the catalogue (the minimum-requirement page is split in three). */
function sectionKey(row) {
  const s = row.section;
  if (s === "Cover page") return "cover";
  if (s.endsWith("- assets")) return "assets";
  if (s.endsWith("- liabilities")) return "liabilities";
  if (s.endsWith("- ownership equity")) return "ownership-equity";
  if (s.includes("NOT authorized to use models")) return "net-capital";
  if (s.includes("authorized to use models")) return "net-capital-models";
  if (s.startsWith("Computation of minimum regulatory")) {
    const n = parseInt(row.line, 10);
    if (n >= 14) return "ratios";
    if (n >= 10) return "aggregate-indebtedness";
    return "minimum-requirement";
  }
  if (s.startsWith("Computation for determination of customer reserve")) {
    return row.line.startsWith("P/C") ? "possession-control" : "reserve-formula";
  }
  // Part IIA's pages.
  if (s === "Computation of net capital") return "net-capital";
  if (s.startsWith("Computation of basic net capital requirement")) {
    const n = parseInt(row.line, 10);
    if (n >= 20) return "ratios";
    if (n >= 16) return "aggregate-indebtedness";
    return "minimum-requirement";
  }
  if (s.startsWith("Computation of alternate net capital requirement")) return "minimum-requirement-alternative";
  if (s.startsWith("Exemptive provisions")) return "exemptions";
  if (s.startsWith("Scheduled capital withdrawals; changes")) return row.line === "" ? "capital-withdrawals" : "changes-in-equity";
  if (s.startsWith("Scheduled capital withdrawals")) return "capital-withdrawals";
  if (s.startsWith("Statement of income")) return "income-statement";
  if (s.startsWith("Statement of changes")) return "changes-in-equity";
  throw new Error(`unmapped section: ${s}`);
}

function expand(row) {
  const m = /^(\d+)-(\d+)$/.exec(row.item_code);
  if (row.item_code === "4600-4695") {
    return [{ ...row, item_code: null, note: [row.note, "codes 4600-4695 are the rows of the schedule"].filter(Boolean).join("; ") }];
  }
  if (m) {
    const out = [];
    const from = Number(m[1]);
    const to = Number(m[2]);
    for (let c = from; c <= to; c++) {
      out.push({ ...row, item_code: String(c), label: `${row.label} (field ${c - from + 1} of ${to - from + 1})` });
    }
    return out;
  }
  if (!/^\d+$/.test(row.item_code)) return [{ ...row, item_code: null }];
  return [row];
}

/** A label after the row above's: `"` when equal, `^N^rest` when they share a prefix of more than 4 characters. */
function frontCoded(above, label) {
  if (above === label) return '"';
  let n = 0;
  while (n < above.length && n < label.length && above[n] === label[n]) n++;
  return n > 4 ? `^${n}^${label.slice(n)}` : label;
}

/** Index of a value in a string table, adding it when new. */
function indexer() {
  const values = [];
  const at = new Map();
  return {
    values,
    of(v) {
      if (!at.has(v)) {
        at.set(v, values.length);
        values.push(v);
      }
      return at.get(v);
    },
  };
}

function generate(draft, base, constName, describe) {
  const rows = corrected(draft.includes("part-iia") ? "IIA" : "II", parse(fs.readFileSync(path.join(REF, draft), "utf8"), { columns: true, skip_empty_lines: true }));
  const out = [];
  for (const r of rows) for (const e of expand(r)) out.push({ ...e, section: sectionKey(e) });
  const sections = indexer();
  const columns = indexer();
  const confidences = indexer();
  const sources = indexer();
  const notes = indexer();
  // Core rows: what the add-in needs (code, section, line, label, column, confidence; a note only
  // for lines without a code), one text line per row with fields separated by "|", over small
  // string tables: the whole catalogue is in the pane's script at load, where every byte counts
  // (#25: 46 KB of tuples became 33 KB of text). Ditto marks, as a clerk writes them:
  // - a section, line or label of `"` is the row above's (the allowable, non-allowable and total
  //   boxes of one line share them);
  // - a label `^N^rest` is the row above's first N characters, then `rest` ("Other assets: ...");
  // - a trailing column or confidence of 0 is left out.
  const SEP = "|";
  const core = out.map((o, i) => {
    if (!o.label) throw new Error(`${draft}: row ${i + 1} (code ${o.item_code}) has no label`);
    for (const v of [o.item_code ?? "", o.line, o.label, o.note ?? ""]) {
      if (/[|\n\r`\\]|\$\{/.test(v) || /^["^]/.test(v)) throw new Error(`${draft}: row ${i + 1} (code ${o.item_code}): "${v}" holds a character the packed rows reserve`);
    }
    const prev = i > 0 ? out[i - 1] : null;
    const t = [
      o.item_code ?? "",
      prev && prev.section === o.section ? '"' : String(sections.of(o.section)),
      prev && prev.line === o.line ? '"' : o.line,
      prev ? frontCoded(prev.label, o.label) : o.label,
      String(columns.of(o.column)),
      String(confidences.of(o.confidence)),
    ];
    if (o.item_code === null && o.note) t.push(o.note);
    else while (t[t.length - 1] === "0" && t.length > 4) t.pop();
    return t.join(SEP);
  });
  const coreTs = `// Generated by scripts/import-catalogue.js from reference/${draft}.
// Do not edit by hand: change the script (or the draft) and run it again.
import type { PackedRows } from "./types";

/**
 * ${describe}
 * One row per line, in form order: code|section|line|label|column|confidence|note of a codeless line.
 * \`"\` is the row above's section, line or label; a label \`^N^rest\` is the row above's first N
 * characters then rest; a trailing column or confidence of 0 is left out.
 */
export const ${constName}: PackedRows = {
  sections: ${JSON.stringify(sections.values)},
  columns: ${JSON.stringify(columns.values)},
  confidences: ${JSON.stringify(confidences.values)},
  rows: \`
${core.join("\n")}
\`,
};
`;
  // Provenance: where each row's code was read, and the draft's note; aligned with the core rows.
  const prov = out.map((o) => JSON.stringify([sources.of(o.source), notes.of(o.note)]));
  const provTs = `// Generated by scripts/import-catalogue.js from reference/${draft}.
// Do not edit by hand. Kept apart from the core rows so that the add-in's bundle does not carry it.

/** For each row of ${constName} (same order): [source index, note index]. */
export const ${constName}_PROVENANCE = {
  sources: ${JSON.stringify(sources.values, null, 2).replace(/\n/g, "\n  ")},
  notes: ${JSON.stringify(notes.values, null, 2).replace(/\n/g, "\n  ")},
  rows: [${prov.join(", ")}] as [number, number][],
};
`;
  fs.writeFileSync(path.join(OUT_DIR, `${base}.rows.ts`), coreTs);
  fs.writeFileSync(path.join(OUT_DIR, `${base}.provenance.ts`), provTs);
  console.log(`wrote ${out.length} rows to src/focus/catalogue/${base}.rows.ts and .provenance.ts`);
}

generate("focus-items-part-ii-draft.csv", "part-ii", "PART_II_ROWS", "Rows of the current (2021+) Part II layout, as the draft catalogue gives them.");
generate("focus-items-part-iia-draft.csv", "part-iia", "PART_IIA_ROWS", "Rows of Part IIA, as the draft catalogue gives them (body recalled, not seen).");
