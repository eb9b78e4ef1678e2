/**
 * CSV files as accounting systems and Excel write them (fixtures in test/fixtures/csv, written by
 * LibreOffice 7.4 from one workbook, see make.sh): semicolons with decimal commas (a European
 * locale), UTF-16 with a byte-order mark (Excel's "Unicode text"), tabs, Windows-1252. Each builds
 * the same report as the plain comma-separated UTF-8 file, and says how it was read. What cannot
 * be read says what the file is and what to do, naming the file and line, for every command that
 * reads a CSV. 0.2.0 gave the parser's own message ("Invalid Opening Quote: a quote is found on
 * field 0 at line 17").
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { focus } from "./run-focus";
import { ROOT } from "./helpers";
import { decodeText, detectDelimiter, fromDecimalComma, parseCsvBytes } from "../src/cli/csv";
import { readTrialBalance } from "../src/cli/ledger";

const FIX = path.join(ROOT, "test", "fixtures", "csv");
const MAP = path.join(ROOT, "examples", "mizuho-2007-03-31-map.csv");
const fixture = (n: string) => path.join(FIX, n);

describe("detection", () => {
  test("the delimiter is the most frequent of comma, semicolon and tab outside quotes on the header line", () => {
    expect(detectDelimiter("account,name,balance")).toBe(",");
    expect(detectDelimiter("account;name;balance")).toBe(";");
    expect(detectDelimiter("account\tname\tbalance")).toBe("\t");
    expect(detectDelimiter('"a;b;c",name,balance')).toBe(",");
    expect(detectDelimiter("item")).toBe(",");
  });
  test("the encoding by byte-order mark, else UTF-8 when valid, else Windows-1252", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61])).text).toBe("a");
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0, 0xe9, 0])).text).toBe("aé");
    expect(decodeText(Uint8Array.from([0xfe, 0xff, 0, 0x61, 0, 0xe9]))).toMatchObject({ text: "aé", encoding: "utf-16be" });
    expect(decodeText(Uint8Array.from([0x61, 0xe9]))).toMatchObject({ text: "aé", encoding: "windows-1252" });
  });
  test("a decimal comma becomes a point; text and account numbers are left as written", () => {
    expect(fromDecimalComma("92.354.012,34")).toBe("92354012.34");
    expect(fromDecimalComma("-50.000.000,56")).toBe("-50000000.56");
    expect(fromDecimalComma("(1.234,5)")).toBe("(1234.5)");
    expect(fromDecimalComma("1 234,56")).toBe("1234.56");
    expect(fromDecimalComma("1234")).toBe("1234");
    expect(fromDecimalComma("n/a")).toBe("n/a");
    expect(fromDecimalComma("1,234.56")).toBe("1,234.56");
  });
});

/** The accounts 92,354,012.34 and the like: each line summed to the cent, then rounded once (issue #26 point 2). */
const ROUNDING = "note: The accounts carry cents: each line is the exact sum of its accounts, rounded once, half-up, to the whole unit the form reports (2 lines: 1400 50000000.56 to 50000001; 1795 187270999.44 to 187270999); totals add the rounded lines, as the form does.";

describe("one trial balance, saved six ways, builds one report", () => {
  const variants = [
    ["tb-semicolon-decimal-comma.csv", /separated by semicolons; amounts are read with a decimal comma/],
    ["tb-semicolon-decimal-comma-bom.csv", /separated by semicolons/],
    ["tb-utf16le-tab.csv", /separated by tabs[\s\S]*UTF-16LE text \(Excel's Unicode text\)/],
    ["tb-utf16be-tab.csv", /UTF-16BE text/],
    ["tb-tab-utf8.csv", /separated by tabs/],
    ["tb-comma-windows-1252.csv", /not UTF-8; read as Windows-1252/],
  ] as const;
  let dir: string;
  let reference: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-csv-"));
    const r = await focus("build", "--trial-balance", fixture("tb-comma-utf8.csv"), "--map", MAP, "-o", path.join(dir, "ref.json"));
    expect(r.code).toBe(0);
    // Read as written: nothing to say of the file; only that its cents were rounded at the line.
    expect(r.out.split("\n").filter((l) => l.startsWith("note:"))).toEqual([ROUNDING]);
    reference = fs.readFileSync(path.join(dir, "ref.json"), "utf8");
  });
  test("the reference: 92,354,012.34 of cash at bank #4471 is counted, not a comment", async () => {
    const accounts = await readTrialBalance(fixture("tb-comma-utf8.csv"));
    expect(accounts[0]).toMatchObject({ account: "1000", name: "Cash at Bank #4471 - third parties" });
    expect(accounts).toHaveLength(31);
    expect(JSON.parse(reference).sources["200"].map((a: { account: string }) => a.account)).toEqual(["1000", "1010"]);
  });
  test.each(variants)("%s: the same report, and the output says how the file was read", async (name, said) => {
    const out = path.join(dir, `${name}.json`);
    const r = await focus("build", "--trial-balance", fixture(name), "--map", MAP, "-o", out);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(said);
    expect(fs.readFileSync(out, "utf8")).toBe(reference);
    const names = (await readTrialBalance(fixture(name))).map((a) => a.name);
    expect(names).toContain("Cash - affiliates (Société Générale, note 6)");
  });
  test("focus check --trial-balance says it too (text and JSON)", async () => {
    const t = await focus("check", "--trial-balance", fixture("tb-semicolon-decimal-comma.csv"), "--map", MAP);
    expect(t.out).toMatch(/^note: tb-semicolon-decimal-comma\.csv is separated by semicolons; amounts are read with a decimal comma \(1\.234,56 is 1,234\.56\)/);
    const j = await focus("check", "--trial-balance", fixture("tb-utf16le-tab.csv"), "--map", MAP, "--format", "json");
    expect(JSON.parse(j.out).notes).toEqual(["tb-utf16le-tab.csv is separated by tabs.", "tb-utf16le-tab.csv is UTF-16LE text (Excel's Unicode text).", ROUNDING.slice("note: ".length)]);
  });
});

describe("reports and positions in the same forms", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-csv-r-"));
  });
  test("a report saved with semicolons and decimal commas checks as its comma twin (Mirae)", async () => {
    const src = fs.readFileSync(path.join(ROOT, "examples", "mirae-2024-12-31.csv"), "utf8");
    const rows = parseCsvBytes(new TextEncoder().encode(src), "mirae").records.map((r) => r.record);
    const euro = rows.map((r, i) => r.map((c, j) => (i > 0 && j === 1 && /^[\d,()-]+$/.test(c) ? c.replace(/,/g, ".") : c)).map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(";"));
    const file = path.join(dir, "mirae-eu.csv");
    fs.writeFileSync(file, euro.join("\r\n"));
    const a = await focus("check", path.join(ROOT, "examples", "mirae-2024-12-31.csv"), "--format", "json");
    const b = await focus("check", file, "--format", "json");
    expect(b.code).toBe(a.code);
    const ja = JSON.parse(a.out);
    const jb = JSON.parse(b.out);
    expect(jb.netCapital).toEqual(ja.netCapital);
    expect(jb.summary).toEqual(ja.summary);
    expect(jb.notes).toEqual(["mirae-eu.csv is separated by semicolons; amounts are read with a decimal comma (1.234,56 is 1,234.56), as Excel writes them in that locale."]);
  });
  test("diff and reconcile read them and say so", async () => {
    const eu = path.join(dir, "eu.csv");
    fs.writeFileSync(eu, "item;value\n3750;1.234.567,00\n");
    const us = path.join(dir, "us.csv");
    fs.writeFileSync(us, "item,value\n3750,\"1,234,567\"\n");
    const d = await focus("diff", eu, us);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/^note: eu\.csv is separated by semicolons/);
    expect(d.out).toMatch(/0 items changed/);
    const r = await focus("reconcile", us, eu);
    expect(r.out).toMatch(/note: eu\.csv is separated by semicolons/);
  });
  test("positions for the haircut schedule: a semicolon file with decimal commas", async () => {
    const file = path.join(dir, "pos.csv");
    fs.writeFileSync(file, "id;category;market_value;maturity\nT1;USGOV;1.000.000,00;0,5\n");
    const r = await focus("haircuts", file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: pos\.csv is separated by semicolons/);
    expect(r.out).toMatch(/T1\s+USGOV\s+1,000,000/);
  });
});

test("a # inside a line is text, in a trial balance and in a positions file; a line starting with # is a comment (0.2.0 read 'Cash at Bank #4471' as a comment, its balance lost)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-hash-"));
  const pos = path.join(dir, "pos.csv");
  fs.writeFileSync(pos, "id,description,category,market_value\n# a comment line\n  # an indented comment\nE1,Common stock #4471,OTHER,1000000\n");
  const r = await focus("haircuts", pos, "--format", "json");
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out);
  expect(doc.positions.map((p: { id: string; marketValue: string }) => [p.id, p.marketValue])).toEqual([["E1", "1000000"]]);
  const tb = path.join(dir, "tb.csv");
  fs.writeFileSync(tb, "account,name,balance\n# header comment\n1000,Cash at Bank #4471,500\n2000,Payable,-500\n");
  const map = path.join(dir, "map.csv");
  fs.writeFileSync(map, "account,item\n1000,200\n2000,1170\n");
  const out = path.join(dir, "b.json");
  expect((await focus("build", "--trial-balance", tb, "--map", map, "-o", out)).code).toBe(0);
  expect(JSON.parse(fs.readFileSync(out, "utf8"))["200"]).toBe("500");
});

describe("what cannot be read says what it is and what to do", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "focus-csv-bad-"));
  });
  test("a stray quote: the file, the line, the delimiter and what to do; never the parser's words", async () => {
    const file = path.join(dir, "tb.csv");
    fs.writeFileSync(file, 'account,name,balance\n1000,Cash,100\n1010,12" pipe fund,200\n');
    for (const args of [["check", "--trial-balance", file, "--map", MAP], ["build", "--trial-balance", file, "--map", MAP, "-o", path.join(dir, "o.csv")]]) {
      const r = await focus(...args);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `focus: ${file} line 3 cannot be read as CSV separated by commas: a quotation mark is not where CSV allows one (a field that holds a quote must be quoted, with the quote doubled). Save the file again from its program as CSV (comma, semicolon or tab separated, UTF-8 or Unicode text).\n`,
      );
    }
  });
  test("the same in a report, the positions, diff and reconcile", async () => {
    const rep = path.join(dir, "r.csv");
    fs.writeFileSync(rep, 'item,value\n3750,1"0\n');
    for (const args of [["check", rep], ["diff", rep, rep], ["reconcile", rep, rep], ["haircuts", rep]]) {
      const r = await focus(...args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.err).toMatch(/r\.csv line 2 cannot be read as CSV separated by commas: a quotation mark/);
      expect(r.err).not.toMatch(/Invalid|Opening Quote|\n\s+at /);
    }
  });
  test("a workbook or a PDF named .csv says what it is", async () => {
    const x = path.join(dir, "wb.csv");
    fs.copyFileSync(path.join(ROOT, "examples", "mirae-2024-12-31.xlsx"), x);
    const r = await focus("check", x);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/wb\.csv is not a text file \(it is a zip file, such as an \.xlsx workbook: name it \.xlsx\)/);
    const p = path.join(dir, "tb.csv");
    fs.writeFileSync(p, "%PDF-1.4\n");
    expect((await focus("build", "--trial-balance", p, "--map", MAP, "-o", path.join(dir, "o2.csv"))).err).toMatch(/tb\.csv is not a text file \(it is a PDF\)/);
  });
});
