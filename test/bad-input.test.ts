/**
 * Bad input, through both ways in: the `focus` command (CSV, JSON, .xlsx files) and the Excel
 * adapter (a fake Excel host). Each case gives a clear message naming the item and the cell or
 * line; nothing crashes; nothing becomes a silent zero; unusable files exit 2.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { run } from "../src/cli/main";
import { checkWorkbook } from "../src/excel/check";
import type { Finding } from "../src/focus";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FakeWorkbook, RequestContext } = require("./fakes/fake-excel.js");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "focus-bad-"));
let n = 0;
function file(ext: string, content: string | Buffer): string {
  const p = path.join(tmp, `case-${n++}${ext}`);
  fs.writeFileSync(p, content);
  return p;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; findings: Finding[] }> {
  let out = "";
  let err = "";
  const code = await run(["node", "focus", ...args], { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") });
  let findings: Finding[] = [];
  if (args.includes("json") && out) findings = JSON.parse(out).findings;
  return { code, out, err, findings };
}

async function adapter(setup: (wb: InstanceType<typeof FakeWorkbook>) => void, mergedAreas = false) {
  const wb = new FakeWorkbook();
  wb.addSheet("S");
  setup(wb);
  return checkWorkbook(new RequestContext(wb) as Excel.RequestContext, { mergedAreas });
}

const inputFindings = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith("INPUT"));

interface Expect {
  rule: string | null;
  severity?: "error" | "warning";
  message?: RegExp;
}
interface ValueCase {
  name: string;
  code: string;
  csv?: string;
  json?: unknown;
  excel?: { value: unknown; numberFormat?: string };
  expect: Expect;
  /** What the Excel adapter gives, when it differs (a typed value keeps its number format). */
  excelExpect?: Expect;
}

const DATE = 45657; // 31 December 2024 as an Excel serial number

const VALUE_CASES: ValueCase[] = [
  { name: "text where an amount belongs", code: "3750", csv: "n/a", json: "n/a", excel: { value: "n/a" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /"n\/a" is not an amount/ } },
  { name: "(1,234) on a signed line is -1,234", code: "3525", csv: "(1,234)", json: "(1,234)", excel: { value: -1234 }, expect: { rule: null } },
  { name: "(212,820,486) in a box printed in parentheses", code: "3620", csv: "(212,820,486)", json: "(212,820,486)", excel: { value: -212820486 }, expect: { rule: "INPUT-SIGN", severity: "warning", message: /prints this box in parentheses: enter the deduction without a sign\. Taken as 212,820,486/ } },
  { name: "European 1.234,56", code: "3750", csv: "1.234,56", json: "1.234,56", excel: { value: "1.234,56" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /European-style number/ } },
  { name: "accounting zero $ -", code: "3750", csv: "$ -", json: "$ -", excel: { value: "$ -" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /is a dash, not an amount: type 0 for zero/ } },
  { name: "an em dash", code: "3750", csv: "—", json: "—", excel: { value: "—" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /is a dash/ } },
  { name: "blank is nothing reported (not an error)", code: "3750", csv: "", json: null, excel: { value: null }, expect: { rule: null } },
  { name: "zero is zero", code: "3750", csv: "0", json: 0, excel: { value: 0 }, expect: { rule: null } },
  { name: "a boolean", code: "3750", json: true, excel: { value: true }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /TRUE is a TRUE\/FALSE value, not an amount/ } },
  { name: "a date", code: "3750", csv: "12/31/2024", json: "12/31/2024", excel: { value: DATE, numberFormat: "m/d/yyyy" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /(is a date|is not an amount)/ },
    // In Excel the cell holds the number 45657 formatted as a date: on an amount line it is that amount, with a warning.
    excelExpect: { rule: "INPUT-DATE-FORMAT", severity: "warning", message: /is formatted as a date and shows the date 2024-12-31; it is read as the amount 45,657\. Format the cell as a number\./ } },
  { name: "#N/A", code: "3750", csv: "#N/A", json: "#N/A", excel: { value: { error: "#N/A" } }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /#N\/A/ } },
  { name: "#REF!", code: "3750", csv: "#REF!", json: "#REF!", excel: { value: { error: "#REF!" } }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /#REF!/ } },
  { name: "#DIV/0!", code: "3750", csv: "#DIV/0!", json: "#DIV/0!", excel: { value: { error: "#DIV/0!" } }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /#DIV\/0!/ } },
  { name: "1e15", code: "3750", json: 1e15, excel: { value: 1e15 }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /more than 15 digits/ } },
  { name: "16 digits of text", code: "3750", csv: "1234567890123456", json: "1234567890123456", excel: { value: "1234567890123456" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /more than 15 digits/ } },
  { name: "fractions of a cent in text", code: "3750", csv: "1,234.567", json: "1,234.567", excel: { value: "1,234.567" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /fractions of a cent/ } },
  { name: "a formula's fraction (a number)", code: "3870", json: 7009112.4, excel: { value: 7009112.4 }, expect: { rule: "INPUT-ROUNDED", severity: "warning", message: /holds 7009112\.4; the form reports whole dollars, so 7,009,112 is used/ } },
  { name: "cents in text", code: "3750", csv: "1,234.56", json: "1,234.56", excel: { value: "1,234.56" }, expect: { rule: "INPUT-ROUNDED", severity: "warning", message: /so 1,235 is used/ } },
  { name: "85.47% on a percent line", code: "3851", csv: "85.47%", json: "85.47%", excel: { value: 0.8547, numberFormat: "0.00%" }, expect: { rule: null } },
  { name: "a dollar sign on a percent line", code: "3851", csv: "$85.47", json: "$85.47", excel: { value: "$85.47" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /not in dollars/ } },
  { name: "a fractional count", code: "3470", csv: "2.5", json: 2.5, excel: { value: 2.5 }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /not a whole number; this line counts items/ } },
  { name: "a check box holding text", code: "12000", csv: "maybe", json: "maybe", excel: { value: "maybe" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /a check box takes X/ } },
  { name: "digits grouped with spaces", code: "3750", csv: "1 234", json: "1 234", excel: { value: "1 234" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /is not an amount/ } },
  { name: "an unmatched parenthesis", code: "3750", csv: "(1,234", json: "(1,234", excel: { value: "(1,234" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /unmatched parenthesis/ } },
  { name: "negative twice over", code: "3750", csv: "-(1,234)", json: "-(1,234)", excel: { value: "-(1,234)" }, expect: { rule: "INPUT-AMOUNT", severity: "error", message: /negative twice over/ } },
  { name: "white space only is blank", code: "3750", csv: "   ", json: "   ", excel: { value: "   " }, expect: { rule: null } },
];

describe("cell contents, through the CLI (CSV and JSON) and the Excel adapter", () => {
  test("at least 30 bad-input cases in this suite", () => {
    expect(VALUE_CASES.length + MAPPING_CASES.length + FILE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  function check(findings: Finding[], c: ValueCase, place: RegExp, want: Expect = c.expect) {
    const mine = inputFindings(findings).filter((f) => f.items.includes(c.code));
    c = { ...c, expect: want };
    if (c.expect.rule === null) {
      expect(mine).toEqual([]);
      return;
    }
    expect(mine.map((f) => f.rule)).toContain(c.expect.rule);
    const f = mine.find((x) => x.rule === c.expect.rule)!;
    expect(f.severity).toBe(c.expect.severity);
    expect(f.message).toMatch(c.expect.message!);
    expect(f.message).toContain(c.code); // names the item
    expect(f.message).toMatch(place); // and where it was read
  }

  test.each(VALUE_CASES.filter((c) => c.csv !== undefined).map((c) => [c.name, c] as const))("CSV: %s", async (_name, c) => {
    const r = await cli("check", file(".csv", `item,value\n${c.code},"${c.csv}"\n`), "--format", "json");
    expect([0, 1]).toContain(r.code);
    check(r.findings, c, /line 2/);
    if (c.expect.severity === "error") expect(r.code).toBe(1);
  });

  test.each(VALUE_CASES.filter((c) => c.json !== undefined).map((c) => [c.name, c] as const))("JSON: %s", async (_name, c) => {
    const r = await cli("check", file(".json", JSON.stringify({ [c.code]: c.json })), "--format", "json");
    expect([0, 1]).toContain(r.code);
    check(r.findings, c, new RegExp(`key "${c.code}"`));
  });

  test.each(VALUE_CASES.filter((c) => c.excel !== undefined).map((c) => [c.name, c] as const))("Excel: %s", async (_name, c) => {
    const r = await adapter((wb) => {
      wb.setCell("S!B2", c.excel!.value, c.excel!.numberFormat ? { numberFormat: c.excel!.numberFormat } : {});
      wb.addName(`FOCUS_${c.code}`, "S!$B$2");
    });
    check(r.result.findings, c, /S!B2/, c.excelExpect ?? c.expect);
  });

  test("blank and zero are different: a total with a blank line passes, a line holding zero counts as 0, and neither is an error", async () => {
    const blank = await cli("check", file(".json", JSON.stringify({ "200": "1,000", "12014": null, "750": "1,000" })), "--format", "json");
    const zero = await cli("check", file(".json", JSON.stringify({ "200": "1,000", "12014": 0, "750": "1,000" })), "--format", "json");
    for (const r of [blank, zero]) expect(r.findings.find((f) => f.rule === "P2-XF-750")!.status).toBe("pass");
    const blankTotal = await cli("check", file(".json", JSON.stringify({ "200": "1,000", "750": null })), "--format", "json");
    expect(blankTotal.findings.find((f) => f.rule === "P2-XF-750")!.message).toBe("750 (Cash) is blank; from 200 + 12014 it should be 1,000.");
  });

  test("an unusable value never counts as zero: the rules that need it cannot evaluate, naming the cell", async () => {
    const r = await adapter((wb) => {
      wb.setCell("S!B2", 1000);
      wb.setCell("S!B3", "n/a");
      wb.setCell("S!B4", 1000);
      wb.addName("FOCUS_200", "S!$B$2");
      wb.addName("FOCUS_12014", "S!$B$3");
      wb.addName("FOCUS_750", "S!$B$4");
    });
    const f = r.result.findings.find((x) => x.rule === "P2-XF-750")!;
    expect(f.status).toBe("cannot-evaluate");
    expect(f.message).toBe('Cannot evaluate: 12014 (Cash) at S!B3: "n/a" is not an amount.');
  });
});

/** Write an .xlsx with ExcelJS, then put the defined names into xl/workbook.xml directly (ExcelJS cannot write #REF! or sheet-scoped names). */
async function xlsx(cells: Record<string, unknown>, names: { name: string; ref: string; localSheetId?: number }[], merges: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v as ExcelJS.CellValue;
  for (const m of merges) ws.mergeCells(m);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  let xml = await zip.file("xl/workbook.xml")!.async("string");
  const defs = `<definedNames>${names.map((d) => `<definedName name="${d.name}"${d.localSheetId !== undefined ? ` localSheetId="${d.localSheetId}"` : ""}>${d.ref}</definedName>`).join("")}</definedNames>`;
  xml = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, "").replace("</sheets>", `</sheets>${defs}`);
  zip.file("xl/workbook.xml", xml);
  return file(".xlsx", await zip.generateAsync({ type: "nodebuffer" }));
}

interface MappingCase {
  name: string;
  cells: Record<string, unknown>;
  names: { name: string; ref: string; localSheetId?: number }[];
  merges?: string[];
  rule: string | null;
  message?: RegExp;
  /** A value the case must read (merged cell). */
  reads?: { code: string; value: number };
}

const MAPPING_CASES: MappingCase[] = [
  { name: "a name to a deleted range", cells: {}, names: [{ name: "FOCUS_760", ref: "#REF!" }], rule: "INPUT-MAPPING", message: /760 \(Cash segregated.*#REF!/ },
  { name: "a name covering several cells", cells: { B2: 1, B3: 2 }, names: [{ name: "FOCUS_540", ref: "S!$B$2:$B$3" }], rule: "INPUT-MAPPING", message: /540 \(TOTAL ASSETS\).*covers .*it must name one cell/ },
  { name: "a name on a merged cell reads the merged area's value", cells: { C6: 42 }, merges: ["C6:D6"], names: [{ name: "FOCUS_210", ref: "S!$C$6:$D$6" }], rule: null, reads: { code: "210", value: 42 } },
  { name: "two codes on one cell", cells: { B5: 5 }, names: [{ name: "FOCUS_740", ref: "S!$B$5" }, { name: "FOCUS_940", ref: "S!$B$5" }], rule: "INPUT-SHARED-CELL", message: /S!B5 is mapped to 2 items \(740 \(TOTAL ASSETS\), 940 \(TOTAL ASSETS\)\)/ },
  { name: "a code that is not on the form", cells: { B2: 1 }, names: [{ name: "FOCUS_99999", ref: "S!$B$2" }], rule: "INPUT-UNKNOWN-CODE", message: /99999 at S!B2 is not an item code of Part II/ },
  { name: "a workbook-scoped and a sheet-scoped name for the same code", cells: { B2: 100, B3: 200 }, names: [{ name: "FOCUS_3750", ref: "S!$B$2" }, { name: "FOCUS_3750", ref: "S!$B$3", localSheetId: 0 }], rule: "INPUT-DUPLICATE", message: /3750 \(Net capital.*is given 2 times \(S!B2 and FOCUS_3750 \(scoped to sheet "S"\)\)/ },
  { name: "a sheet-scoped name alone", cells: { B3: 200 }, names: [{ name: "FOCUS_3750", ref: "S!$B$3", localSheetId: 0 }], rule: "INPUT-MAPPING", message: /3750 .*scoped to the sheet "S"; FOCUS names must be workbook-scoped/ },
];

describe("mappings, through the CLI (.xlsx) and the Excel adapter", () => {
  test.each(MAPPING_CASES.map((c) => [c.name, c] as const))("CLI: %s", async (_name, c) => {
    const r = await cli("check", await xlsx(c.cells, c.names, c.merges), "--format", "json");
    expect(r.err).toBe("");
    const mine = inputFindings(r.findings);
    if (c.rule === null) expect(mine.filter((f) => f.severity === "error")).toEqual([]);
    else expect(mine.find((f) => f.rule === c.rule)?.message).toMatch(c.message!);
  });

  test.each(MAPPING_CASES.map((c) => [c.name, c] as const))("Excel: %s", async (_name, c) => {
    const r = await adapter((wb) => {
      for (const [a, v] of Object.entries(c.cells)) wb.setCell(`S!${a}`, v);
      for (const m of c.merges ?? []) wb.sheets.get("S").merged.push(m);
      for (const d of c.names) {
        if (d.localSheetId !== undefined) wb.addSheetName("S", d.name, d.ref);
        else wb.addName(d.name, d.ref);
      }
    }, true);
    const mine = inputFindings(r.result.findings);
    if (c.rule === null) expect(mine.filter((f) => f.severity === "error")).toEqual([]);
    else expect(mine.find((f) => f.rule === c.rule)?.message).toMatch(c.message!);
    if (c.reads) expect(r.read.cells.find((x) => x.code === c.reads!.code)!.raw).toMatchObject({ kind: "number", value: c.reads.value });
  });

  test("Excel: a protected sheet refuses highlighting, and the pane is told why", async () => {
    const r = await adapter((wb) => {
      wb.setCell("S!B2", 1000);
      wb.setCell("S!B3", 999);
      wb.addName("FOCUS_200", "S!$B$2");
      wb.addName("FOCUS_750", "S!$B$3");
      wb.sheets.get("S").protected = true;
    });
    expect(r.highlight.refused.map((x) => x.reason)).toEqual(['sheet "S" is protected; unprotect it to see highlights', 'sheet "S" is protected; unprotect it to see highlights']);
  });
});

interface FileCase {
  name: string;
  make: () => Promise<string> | string;
  exit: number;
  err?: RegExp;
  finding?: { rule: string; message: RegExp };
}

const FILE_CASES: FileCase[] = [
  { name: "a CSV with only a header", make: () => file(".csv", "item,value\n"), exit: 2, err: /has a header but no items/ },
  { name: "a CSV without the header", make: () => file(".csv", "3750,1\n"), exit: 2, err: /line 1 must be the header "item,value"/ },
  { name: "an empty file", make: () => file(".csv", ""), exit: 2, err: /is empty/ },
  { name: "a JSON with nested objects", make: () => file(".json", JSON.stringify({ "3750": { value: 1 } })), exit: 1, finding: { rule: "INPUT-MAPPING", message: /3750 .*key "3750": the value is a nested object, not an amount/ } },
  { name: "a JSON key given twice", make: () => file(".json", '{"3750": "1,000", "3750": "2,000"}'), exit: 1, finding: { rule: "INPUT-DUPLICATE", message: /3750 .*is given 2 times/ } },
  { name: "a JSON array", make: () => file(".json", "[1, 2]"), exit: 2, err: /one JSON object keyed by item code/ },
  { name: "broken JSON", make: () => file(".json", '{"3750": '), exit: 2, err: /is not valid JSON/ },
  { name: "a CSV code given twice", make: () => file(".csv", "item,value\n3750,1\n3750,2\n"), exit: 1, finding: { rule: "INPUT-DUPLICATE", message: /3750 .*is given 2 times \(line 2 and line 3\)/ } },
  { name: "a corrupt .xlsx", make: () => file(".xlsx", "PK\u0003\u0004 not really a zip"), exit: 2, err: /is not a readable \.xlsx workbook/ },
  { name: "an .xlsx with no FOCUS names", make: () => xlsx({ B2: 1 }, [{ name: "Print_Area", ref: "S!$A$1:$B$2" }]), exit: 2, err: /has no cells named FOCUS_<code>/ },
  {
    name: "a 50 MB file",
    make: () => {
      const p = path.join(tmp, "big.csv");
      const fd = fs.openSync(p, "w");
      const chunk = Buffer.alloc(1024 * 1024, "1234567890,\n");
      for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      return p;
    },
    exit: 2,
    err: /is 50\.0 MB; a FOCUS report is far smaller \(limit 20 MB for \.csv\)/,
  },
];

describe("files, through the CLI", () => {
  test.each(FILE_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const f = await c.make();
    const r = await cli("check", f, "--format", "json");
    expect(r.code).toBe(c.exit);
    if (c.err) {
      expect(r.err).toMatch(c.err);
      expect(r.err).toContain(f); // says where
      expect(r.out).toBe("");
    }
    if (c.finding) expect(r.findings.find((x) => x.rule === c.finding!.rule)?.message).toMatch(c.finding.message);
  });
});
