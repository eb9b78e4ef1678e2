import { catalogue, formLayout, codeFromName, nameForCode, rulesFor, ruleItems, RATES, RESERVE_RATES, type Expr } from "../src/focus";
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import { seedValues } from "./helpers";

const cat = catalogue("part-ii");

describe("Part II item catalogue", () => {
  test("every item of the transcribed seed is in the catalogue; all but the garbled 3740 are confirmed", () => {
    const codes = [...seedValues().keys()];
    expect(codes.filter((c) => !cat.has(c))).toEqual([]);
    expect(codes.filter((c) => !cat.require(c).confirmed)).toEqual(["3740"]);
  });

  test.each([
    ["3480", "net-capital", "1", "single", "Total ownership equity from item 1800"],
    ["3640", "net-capital", "8", "single", "Tentative net capital (net capital before haircuts)"],
    ["3750", "net-capital", "13", "single", "Net capital (line 8 minus line 12)"],
    ["200", "assets", "1", "allowable", "Cash"],
    ["12014", "assets", "1", "non-allowable", "Cash"],
    ["1760", "liabilities", "28", "total", "TOTAL LIABILITIES"],
    ["3870", "minimum-requirement", "5.B", "single", "Ratio requirement: 2% of aggregate debit items (reserve formula)"],
    ["3840", "aggregate-indebtedness", "13", "single", "Total aggregate indebtedness"],
    ["3851", "ratios", "16", "single", "% of net capital to aggregate debits (3750 / 4470)"],
  ])("item %s: %s line %s, %s column, %s", (code, section, line, column, label) => {
    expect(cat.require(code)).toMatchObject({ form: "part-ii", code, section, line, column, label });
  });

  test("a code printed on two lines is one item with both placements", () => {
    const it = cat.require("3480");
    expect(it.alsoOn.map((p) => p.section)).toEqual(["net-capital-models"]);
    expect(cat.require("3640").alsoOn.map((p) => p.section)).toEqual(["net-capital-models", "minimum-requirement"]);
  });

  test("confidence is carried from the draft: recalled and inferred codes are unconfirmed", () => {
    expect(cat.require("3740")).toMatchObject({ confidence: "recalled", confirmed: false });
    expect(cat.require("12060")).toMatchObject({ confidence: "inferred", confirmed: false });
    expect(cat.require("4470")).toMatchObject({ confidence: "seen", confirmed: true });
    expect(cat.items.filter((i) => !i.confirmed).length).toBeGreaterThan(90);
  });

  test("value kinds: percentages, counts, factors, check boxes, deductions printed in parentheses", () => {
    expect(cat.require("3851").kind).toBe("percent");
    expect(cat.require("3470").kind).toBe("count");
    expect(cat.require("3645").kind).toBe("factor");
    expect(cat.require("12000").kind).toBe("flag");
    expect(cat.require("13").kind).toBe("text");
    expect(cat.require("3620")).toMatchObject({ kind: "dollars", printedNegative: true });
  });

  test("code ranges are expanded and codeless lines are kept for the template", () => {
    expect(cat.has("32") && cat.has("39") && cat.has("12010") && cat.has("12013")).toBe(true);
    expect(cat.uncoded.map((u) => u.label)).toEqual(expect.arrayContaining(["Corporation: accumulated other comprehensive income"]));
  });

  test("search by code prefix and by words", () => {
    expect(cat.search("375").map((i) => i.code)).toEqual(["3750", "3756"]);
    expect(cat.search("tentative net capital").map((i) => i.code)).toEqual(expect.arrayContaining(["3640", "12055", "12056", "12057"]));
  });

  test("Part IIA is keyed separately: the same code can mean another line", () => {
    expect(catalogue("part-iia").require("1540").label).toBe("Payable to brokers or dealers: other");
    expect(cat.require("1540").label).toBe("Payable: omnibus accounts - other");
    expect(catalogue("part-iia").has("12014")).toBe(false);
    expect(cat.has("295")).toBe(false);
  });

  test("require names the code and form", () => {
    expect(() => cat.require("99999")).toThrow("item 99999 is not in the part-ii catalogue");
  });
});

// The generated rows write a label once per run of equal labels (a ditto); decoded, every row of
// the draft must read back with its own line and label.
test.each([
  ["part-ii", "focus-items-part-ii-draft.csv"],
  ["part-iia", "focus-items-part-iia-draft.csv"],
] as const)("%s: every coded row of the draft reads back with its line and label", (form, draft) => {
  const rows = parse(fs.readFileSync(path.join(__dirname, "..", "reference", draft), "utf8"), { columns: true, skip_empty_lines: true }) as { item_code: string; line: string; label: string }[];
  const coded = rows.filter((r) => /^\d+$/.test(r.item_code));
  expect(coded.length).toBeGreaterThan(150);
  const got = catalogue(form).rows;
  // Labels the rule text corrects (scripts/import-catalogue.js, LABELS) are checked below; reserve
  // rows add what they are in Exhibit A after the draft's label: "... [Exhibit A item 1]".
  const corrected = new Set(form === "part-ii" ? ["4467", "3952"] : []);
  const missing = coded.filter(
    (r) => !corrected.has(r.item_code) && !got.some((g) => g.code === r.item_code && g.line === r.line && (g.label === r.label || g.label.startsWith(`${r.label} [`))),
  );
  expect(missing).toEqual([]);
  expect(got.filter((g) => g.label === "")).toEqual([]);
});

describe("Part II rule catalogue", () => {
  const rules = rulesFor("part-ii");

  test("ids are unique and every rule has a title and a citation", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.citation.length).toBeGreaterThan(10);
    }
  });

  test("every item a rule reads is in the catalogue", () => {
    const unknown = rules.flatMap((r) => ruleItems(r).filter((c) => !cat.has(c)).map((c) => `${r.id}:${c}`));
    expect(unknown).toEqual([]);
  });

  test("every rate a rule uses is one of the regulation table's, with a citation", () => {
    const known = new Set([...Object.values(RATES), ...Object.values(RESERVE_RATES)]);
    const walk = (e: Expr): void => {
      if (e.op === "rate" || e.op === "points") expect(known.has(e.rate)).toBe(true);
      if (e.op === "total" || e.op === "sum") e.terms.forEach((t) => walk(t.expr));
      if (e.op === "rate") walk(e.expr);
      if (e.op === "max") e.args.forEach(walk);
      if (e.op === "ratio") [e.num, e.den].forEach(walk);
    };
    for (const r of rules) (r.kind === "equation" ? [r.expr] : [r.lhs, r.rhs]).forEach(walk);
    for (const rate of known) expect(rate.citation).toMatch(/^(15c3-1|15c3-3|15c3-3a|17a-11)[ (]/);
    for (const rate of known) expect(rate.verified && rate.quote !== undefined).toBe(true);
  });

  test("the issue's minimum list is covered", () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const id of [
      "P2-COL-540", "P2-COL-740", "P2-COL-940", "P2-COL-1230", "P2-COL-1450", "P2-COL-1760", "P2-BS-1810", "P2-BS-940",
      "P2-NC-3480", "P2-NC-3500", "P2-NC-3530", "P2-NC-3540", "P2-NC-3620", "P2-NC-3640", "P2-NC-3740", "P2-NC-3750",
      "P2-MIN-3870", "P2-MIN-3760", "P2-MIN-3910", "P2-MIN-12061", "P2-MIN-3920",
      "P2-RAT-3851", "P2-RAT-3850",
    ]) {
      expect(ids.has(id)).toBe(true);
    }
    // Every multi-column line of the statement of financial condition has its cross-foot.
    const multi = formLayout("part-ii").filter((r) => r.kind === "line" && (r.section === "assets" || r.section === "liabilities") && r.cells.amount && (r.cells.first || r.cells.second));
    for (const row of multi) if (row.kind === "line") expect(ids.has(`P2-XF-${row.cells.amount!.code}`)).toBe(true);
  });
});

describe("layout and names", () => {
  test("every item has exactly one primary (named) cell", () => {
    const primaries = formLayout("part-ii").flatMap((r) => (r.kind === "line" ? Object.values(r.cells).filter((c) => c.primary).map((c) => c.code) : []));
    expect(primaries.length).toBe(cat.items.length);
    expect(new Set(primaries).size).toBe(primaries.length);
  });

  test("FOCUS_<code> names", () => {
    expect(nameForCode("3750")).toBe("FOCUS_3750");
    expect(codeFromName("FOCUS_3750")).toBe("3750");
    expect(codeFromName("focus_940")).toBe("940");
    expect(codeFromName("FOCUS_x")).toBeNull();
    expect(codeFromName("Print_Area")).toBeNull();
  });
});

test("production dependencies are what the add-in and the focus command need at run time, and the add-in never imports the command's .xlsx and argument packages", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require("../package.json") as { dependencies: Record<string, string> };
  // csv-parse is shared: the pane's Compare tab reads a baseline CSV with its browser build.
  const cliOnly = ["commander", "exceljs", "jszip", "saxes", "yauzl"];
  expect(Object.keys(pkg.dependencies)).toEqual(["commander", "csv-parse", "decimal.js", "exceljs", "saxes", "yauzl"]);
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : []));
  const importsOf = (f: string) => [...fs.readFileSync(f, "utf8").matchAll(/(?:from|require\()\s*["']([^"'.][^"']*)["']/g)].map((m) => m[1].split("/")[0]);
  // Every runtime dependency is used by the engine or the command...
  const cliImports = new Set(["src/cli", "src/focus"].flatMap(files).flatMap(importsOf));
  for (const d of Object.keys(pkg.dependencies)) expect(`${d}: ${cliImports.has(d)}`).toBe(`${d}: true`);
  // ...and the add-in's code (pane, functions, Office adapter) never pulls the command's packages into its bundle.
  for (const f of ["src/taskpane", "src/functions", "src/excel"].flatMap(files)) {
    for (const d of importsOf(f)) expect(`${f}: ${cliOnly.includes(d) ? d : "ok"}`).toBe(`${f}: ok`);
  }
});

describe("the reserve formula's rows name their Exhibit A item beside the form's line", () => {
  const rows = catalogue("part-ii").rows.filter((r) => r.section === "reserve-formula" && r.code && !/^45[5-8]/.test(r.code) && r.code !== "4335");
  test.each([
    ["4340", "1", "Exhibit A item 1"],
    ["4420", "9", "Exhibit A item 9"],
    ["4440", "12", "Exhibit A item 10"],
    ["4465", "15", "Exhibit A item 13"],
    ["4467", "16", "Exhibit A item 14"],
    ["90015", "16A", "Exhibit A item 15"],
    ["4490", "22", "Exhibit A item 16"],
  ])("%s: form line %s, %s", (code, line, exhibit) => {
    const r = rows.find((x) => x.code === code)!;
    expect(r.line).toBe(line);
    expect(r.label).toContain(`[${exhibit}]`);
  });
  test("every row says what it is in the rule", () => {
    for (const r of rows) expect([r.code, /\[(Exhibit A|no Exhibit A item|15c3-)/.test(r.label)]).toEqual([r.code, true]);
  });
  test("item 15 (cleared U.S. Treasury margin, 2024) has a row whose code is unconfirmed", () => {
    const it = catalogue("part-ii").get("90015")!;
    expect(it.label).toMatch(/U\.S\. Treasury/);
    expect(it.confirmed).toBe(false);
  });
  test("4467 includes portfolio-margin futures; 3952 is total realized and unrealized gains (losses)", () => {
    expect(catalogue("part-ii").get("4467")!.label).toMatch(/security futures products and for futures \(and options thereon\) carried in a portfolio-margin securities account/);
    expect(catalogue("part-ii").get("3952")!.label).toBe("Total realized and unrealized gains (losses)");
  });
});
