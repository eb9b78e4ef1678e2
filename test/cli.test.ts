import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { focus } from "./run-focus";
import { readCsvText, readJsonText, UnusableInput } from "../src/cli/inputs";
import { readWorkbookEntries } from "../src/cli/xlsx";
import { catalogue, parseAmount } from "../src/focus";
import { SEED_CSV, SEED_XLSX, seedValues } from "./helpers";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "focus-cli-"));

function write(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

describe("focus check: exit codes", () => {
  test.each([
    ["the real report (xlsx), with failing error rules", SEED_XLSX, 1],
    ["the real report (csv)", SEED_CSV, 1],
  ])("%s -> %i", async (_what, file, want) => {
    expect((await focus("check", file)).code).toBe(want);
  });

  test("a consistent report -> 0", async () => {
    const file = write("ok.json", JSON.stringify({ "200": "1,000", "12014": "250", "750": "1,250", "540": "1,000", "740": "250", "940": "1,250" }));
    const r = await focus("check", file);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Result: no error-severity rule fails (exit code 0).");
  });

  test.each([
    ["missing file", path.join(tmp, "nope.json"), /no such file/],
    ["unsupported type", write("r.txt", "3750,1"), /unsupported file type ".txt"/],
    ["JSON that is not an object", write("arr.json", "[1,2]"), /one JSON object keyed by item code/],
    ["broken JSON", write("broken.json", "{\"3750\": "), /not valid JSON/],
    ["CSV without the header", write("nohead.csv", "3750,1\n"), /line 1 must be the header "item,value"/],
    ["CSV with only a header", write("onlyhead.csv", "item,value\n"), /header but no items/],
    ["corrupt xlsx", write("corrupt.xlsx", "not a zip"), /is not an \.xlsx workbook \(an \.xlsx file is a zip archive/],
  ])("%s -> 2 with a message saying why and where", async (_what, file, message) => {
    const r = await focus("check", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
  });

  test("usage errors -> 2", async () => {
    expect((await focus("check")).code).toBe(2);
    expect((await focus("check", SEED_CSV, "--format", "yaml")).code).toBe(2);
    expect((await focus("frobnicate")).code).toBe(2);
  });
});

describe("focus check --format json", () => {
  test("has the documented shape", async () => {
    const r = await focus("check", SEED_XLSX, "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.form).toBe("part-ii");
    expect(Object.keys(doc.summary).sort()).toEqual(["cannotEvaluate", "fail", "notApplicable", "pass"]);
    for (const f of doc.findings) {
      for (const k of ["rule", "severity", "status", "items", "expected", "actual", "difference", "citation"]) expect(f).toHaveProperty(k);
    }
    for (const k of ["tentativeNetCapital", "netCapital", "minimumRequirement", "excessNetCapital"]) {
      expect(doc.netCapital[k]).toHaveProperty("reported");
      expect(doc.netCapital[k]).toHaveProperty("computed");
    }
    expect(doc.netCapital.netCapital).toMatchObject({ reported: "299549779", computed: "299549779" });
    expect(doc.netCapital.tentativeNetCapital).toMatchObject({ reported: "337880316", computed: "337880316" });
  });

  test("the workbook and the CSV of the real report give the same findings", async () => {
    const a = JSON.parse((await focus("check", SEED_XLSX, "--format", "json")).out);
    const b = JSON.parse((await focus("check", SEED_CSV, "--format", "json")).out);
    const strip = (fs: { rule: string; status: string; expected: string; actual: string }[]) => fs.map((f) => [f.rule, f.status, f.expected, f.actual]);
    expect(strip(a.findings)).toEqual(strip(b.findings));
  });
});

describe("readers", () => {
  test("JSON: strings, numbers, null; a nested object is a problem of that item", () => {
    const r = readJsonText(JSON.stringify({ "3750": "299,549,779", "3640": 337880316, "3530": null, "940": { a: 1 } }));
    // (JavaScript orders integer-like keys numerically.)
    expect(r.entries.map((e) => [e.code, e.raw.kind, e.problem ?? ""]).sort()).toEqual([
      ["3530", "blank", ""],
      ["3640", "number", ""],
      ["3750", "text", ""],
      ["940", "text", "the value is a nested object, not an amount"],
    ]);
  });

  test("CSV: quoted amounts with commas, extra columns ignored, line numbers kept", () => {
    const r = readCsvText('item,value,note\n3750,"299,549,779",net capital\n\n3640,"(1,234)"\n');
    expect(r.entries).toEqual([
      { code: "3750", raw: { kind: "text", value: "299,549,779" }, where: "line 2" },
      { code: "3640", raw: { kind: "text", value: "(1,234)" }, where: "line 4" },
    ]);
  });

  test("UnusableInput is what readers throw", () => {
    expect(() => readJsonText("7")).toThrow(UnusableInput);
  });
});

describe("workbooks", () => {
  test("the example workbook holds exactly the transcription's values, in cells named FOCUS_<code>", async () => {
    const entries = await readWorkbookEntries(SEED_XLSX);
    const values = seedValues();
    const cat = catalogue("part-ii");
    const nonBlank = entries.filter((e) => e.raw.kind !== "blank");
    expect(nonBlank.map((e) => e.code).sort()).toEqual([...values.keys()].sort());
    for (const e of nonBlank) {
      const it = cat.require(e.code);
      if (it.kind === "text" || it.kind === "flag" || it.kind === "date") {
        expect(e.raw).toEqual({ kind: "text", value: values.get(e.code) });
      } else {
        const want = parseAmount(values.get(e.code)!, it.kind);
        const got = parseAmount(e.raw, it.kind);
        expect(got.ok && want.ok && got.value?.eq(want.value!)).toBe(true);
      }
    }
  });

  test("focus template writes every item as a named cell; the blank template checks clean", async () => {
    const out = path.join(tmp, "template.xlsx");
    const r = await focus("template", out);
    expect(r.code).toBe(0);
    const entries = await readWorkbookEntries(out);
    expect(entries.length).toBe(catalogue("part-ii").items.length);
    expect(entries.every((e) => e.raw.kind === "blank" && !e.problem)).toBe(true);
    const c = await focus("check", out);
    expect(c.code).toBe(0);
    expect(c.out).toContain("0 pass, 0 fail, 0 cannot evaluate");
  });

  test("the template is laid out like the form: section headings, lines, form columns", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp, "template.xlsx"));
    const ws = wb.worksheets[0];
    const rowOf = (code: string) => {
      const dn = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.find((d) => d.name === `FOCUS_${code}`)!;
      return ws.getCell(dn.ranges[0].split("!")[1].replace(/\$/g, "")).row;
    };
    const cashRow = ws.getRow(Number(rowOf("200")));
    expect(cashRow.getCell(1).value).toBe("1");
    expect(cashRow.getCell(2).value).toBe("Cash");
    expect(cashRow.getCell(6).value).toBe("200 | 12014 | 750");
    expect(rowOf("12014")).toBe(rowOf("200"));
    expect(rowOf("750")).toBe(rowOf("200"));
    expect(ws.getRow(Number(rowOf("3740"))).getCell(7).value).toContain("unconfirmed code: 3740");
  });

  test("template refuses a non-.xlsx name", async () => {
    expect((await focus("template", path.join(tmp, "t.csv"))).code).toBe(2);
  });

  test("mapping problems are findings naming the cell and item, not crashes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("R");
    ws.getCell("B2").value = 1000;
    ws.getCell("B3").value = "n/a";
    ws.getCell("B4").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    ws.getCell("B5").value = 5;
    ws.mergeCells("C6:D6");
    ws.getCell("C6").value = 42;
    wb.definedNames.add("R!$B$2", "FOCUS_200");
    wb.definedNames.add("R!$B$3", "FOCUS_12014");
    wb.definedNames.add("R!$B$4", "FOCUS_750");
    wb.definedNames.add("R!$B$2:$B$5", "FOCUS_540");
    wb.definedNames.add("R!$B$5", "FOCUS_740");
    wb.definedNames.add("R!$B$5", "FOCUS_940");
    wb.definedNames.add("R!$D$6", "FOCUS_210");
    wb.definedNames.add("Gone!$A$1", "FOCUS_760");
    const file = path.join(tmp, "problems.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await focus("check", file, "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    const input = doc.findings.filter((f: { rule: string }) => f.rule.startsWith("INPUT"));
    const byRule = (rule: string) => input.filter((f: { rule: string }) => f.rule === rule).map((f: { message: string }) => f.message);
    expect(byRule("INPUT-AMOUNT")).toEqual([
      `12014 (Cash) at 'R'!B3: "n/a" is not an amount.`,
      "750 (Cash) at 'R'!B4: the cell shows the error #REF!, not an amount.",
    ]);
    expect(byRule("INPUT-MAPPING")).toEqual([
      "540 (TOTAL ASSETS) at 'R'!B2:B5: the name covers the range B2:B5; it must name one cell (or one merged cell)",
      '760 (Cash segregated in compliance with federal and other regulations) at Gone!A1: the name points at sheet "Gone", which is not in the workbook (deleted or renamed)',
    ]);
    expect(byRule("INPUT-SHARED-CELL")).toEqual(["'R'!B5 is mapped to 2 items (740 (TOTAL ASSETS), 940 (TOTAL ASSETS)); each FOCUS line needs its own cell."]);
    // A name on a merged cell reads the merged area's value.
    expect(doc.findings.find((f: { rule: string }) => f.rule === "P2-XF-760")).toBeDefined();
    const xf750 = doc.findings.find((f: { rule: string }) => f.rule === "P2-XF-750");
    expect(xf750.status).toBe("cannot-evaluate");
    expect(xf750.message).toContain("750 (Cash) at 'R'!B4");
  });
});
