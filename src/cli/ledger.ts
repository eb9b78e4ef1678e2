/**
 * `focus build --trial-balance TB --map MAP -o OUT` and the ledger side of `focus check`: read a
 * trial balance and a map of its accounts to FOCUS items (CSV, JSON, or a sheet of an .xlsx), build
 * the report (engine: buildFromLedger), and write it (.csv, .json, or .xlsx from the template).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import {
  buildFromLedger,
  countStatuses,
  D,
  hasFailingError,
  parseAmount,
  type CheckResult,
  type Decimal,
  type Finding,
  type FormId,
  type LedgerAccount,
  type LedgerBuild,
  type MapEntry,
  type Units,
} from "../focus";
import { UnusableInput } from "./errors";
import { buildTemplate } from "./xlsx";

/** A table read from a file: header (lower-case) and rows, each with where it was read. */
interface Table {
  header: string[];
  rows: { cells: string[]; where: string }[];
}

/** Read a CSV, a JSON array of objects, or a sheet of an .xlsx (the first, or `sheet`) as a table. Throws UnusableInput. */
export async function readTable(file: string, sheet?: string): Promise<Table> {
  if (!fs.existsSync(file)) throw new UnusableInput(`${file}: no such file.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, info: true, comment: "#" }) as unknown as typeof records;
    } catch (e) {
      throw new UnusableInput(`${file} is not readable CSV: ${(e as Error).message}`);
    }
    if (!records.length) throw new UnusableInput(`${file} is empty.`);
    return { header: records[0].record.map((h) => h.trim().toLowerCase()), rows: records.slice(1).map((r) => ({ cells: r.record, where: `${path.basename(file)} line ${r.info.lines}` })) };
  }
  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data) || !data.length) throw new UnusableInput(`${file} must hold a JSON array of objects.`);
    const header = [...new Set(data.flatMap((o) => (o && typeof o === "object" ? Object.keys(o) : [])))].map((h) => h.toLowerCase());
    return { header, rows: data.map((o, i) => ({ cells: header.map((h) => String((o as Record<string, unknown>)[Object.keys(o).find((k) => k.toLowerCase() === h) ?? ""] ?? "")), where: `${path.basename(file)} element ${i + 1}` })) };
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const wb = new (excel().Workbook)();
    try {
      await wb.xlsx.readFile(file);
    } catch (e) {
      throw new UnusableInput(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
    }
    const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
    if (!ws) throw new UnusableInput(`${file} has no sheet ${sheet ? `"${sheet}"` : ""} (sheets: ${wb.worksheets.map((w) => w.name).join(", ")}).`);
    const text = (v: ExcelJS.CellValue): string => {
      if (v === null || v === undefined) return "";
      if (typeof v === "object" && "result" in v) return text((v as { result: ExcelJS.CellValue }).result);
      return String(v);
    };
    const width = ws.getRow(1).cellCount;
    const cellsOf = (n: number) => Array.from({ length: width }, (_, i) => text(ws.getRow(n).getCell(i + 1).value));
    const rows = [];
    for (let n = 2; n <= ws.rowCount; n++) rows.push({ cells: cellsOf(n), where: `${ws.name}!row ${n}` });
    return { header: cellsOf(1).map((h) => h.trim().toLowerCase()), rows };
  }
  throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .csv, .json or .xlsx.`);
}

function amount(text: string, where: string, what: string): Decimal {
  const t = text.trim();
  if (!t) return new D(0);
  const a = parseAmount(t, "dollars");
  if (!a.ok || a.value === null) throw new UnusableInput(`${where}: the ${what} "${text}" is not an amount.`);
  return a.value;
}

/** The trial balance: columns account,name,balance (debits positive) or account,name,debit,credit. Throws UnusableInput naming the row. */
export async function readTrialBalance(file: string, sheet?: string): Promise<LedgerAccount[]> {
  const t = await readTable(file, sheet);
  const col = (n: string) => t.header.indexOf(n);
  const [acc, name, bal, dr, cr] = ["account", "name", "balance", "debit", "credit"].map(col);
  if (acc < 0 || (bal < 0 && (dr < 0 || cr < 0))) {
    throw new UnusableInput(`${file}: a trial balance needs the columns account, name and balance (debits positive, credits negative), or account, name, debit and credit (found "${t.header.join(",")}").`);
  }
  return t.rows
    .filter((r) => r.cells.some((c) => c.trim()))
    .map((r) => ({
      account: (r.cells[acc] ?? "").trim(),
      name: name >= 0 ? (r.cells[name] ?? "").trim() : "",
      balance: bal >= 0 ? amount(r.cells[bal] ?? "", r.where, "balance") : amount(r.cells[dr] ?? "", r.where, "debit").minus(amount(r.cells[cr] ?? "", r.where, "credit")),
      where: r.where,
    }));
}

/** The map: columns account (one number or a range "1000-1099"), item (a code or "exclude"), note. Throws UnusableInput naming the row. */
export async function readMap(file: string, sheet?: string): Promise<MapEntry[]> {
  const t = await readTable(file, sheet);
  const [acc, item, note] = ["account", "item", "note"].map((n) => t.header.indexOf(n));
  if (acc < 0 || item < 0) throw new UnusableInput(`${file}: a map needs the columns account and item (and optionally note); found "${t.header.join(",")}" (is this the trial balance?).`);
  return t.rows
    .filter((r) => r.cells.some((c) => c.trim()))
    .map((r) => {
      const a = (r.cells[acc] ?? "").trim();
      const m = /^(\S+?)\s*-\s*(\S+)$/.exec(a);
      if (!a) throw new UnusableInput(`${r.where}: the map entry has no account.`);
      const code = (r.cells[item] ?? "").trim();
      if (!code) throw new UnusableInput(`${r.where}: the map entry for ${a} has no item (a code, or "exclude").`);
      return { from: m ? m[1] : a, to: m ? m[2] : null, item: code, note: note >= 0 ? (r.cells[note] ?? "").trim() : "", where: r.where };
    });
}

/** Build from the two files. Throws UnusableInput. */
export async function buildFromFiles(form: FormId, tb: string, map: string, sheet?: string): Promise<LedgerBuild> {
  return buildFromLedger(form, await readTrialBalance(tb, sheet), await readMap(map, sheet));
}

/** JSON of the sources: item code -> its accounts with balances (exact decimal strings). */
export function sourcesJson(b: LedgerBuild): Record<string, { account: string; name: string; balance: string }[]> {
  return Object.fromEntries([...b.sources].map(([code, list]) => [code, list.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() }))]));
}

/** Write the built report: .csv (item,value,accounts), .json, or .xlsx in the template's layout. Throws UnusableInput for another extension. */
export async function writeBuilt(b: LedgerBuild, out: string, units?: Units): Promise<void> {
  const ext = path.extname(out).toLowerCase();
  if (ext === ".csv") {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ["item,value,accounts", ...(units ? [`units,${units},the trial balance's unit`] : []), ...[...b.values].map(([code, v]) => [code, v.toFixed(), (b.sources.get(code) ?? []).map((a) => a.account).join(" ")].map(q).join(","))];
    fs.writeFileSync(out, lines.join("\n") + "\n");
  } else if (ext === ".json") {
    // The report itself (item code -> value, as focus check reads JSON), with the ledger beside it.
    const report = Object.fromEntries([...b.values].map(([k, v]) => [k, v.toFixed()]));
    const doc = { ...(units ? { units } : {}), ...report, sources: sourcesJson(b), unmapped: b.unmapped.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })) };
    fs.writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
  } else if (ext === ".xlsx") {
    await buildTemplate(b.form, new Map([...b.values].map(([k, v]) => [k, v.toNumber()]))).xlsx.writeFile(out);
  } else {
    throw new UnusableInput(`${out}: write the report as .csv, .json or .xlsx.`);
  }
}

/**
 * Put the ledger's findings beside the rules' (they count toward the exit code like input
 * findings) and give each finding the accounts behind its items: `sources` by item code.
 */
export function withLedger(result: CheckResult, b: LedgerBuild): CheckResult & { findings: (Finding & { sources?: Record<string, SourceJson[]> })[] } {
  const findings = [...b.findings, ...result.findings].map((f) => {
    const own = f.items.filter((c) => b.sources.has(c));
    if (!own.length) return f;
    return { ...f, sources: Object.fromEntries(own.map((c) => [c, b.sources.get(c)!.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() }))])) };
  });
  return { ...result, findings, summary: countStatuses(findings), failing: hasFailingError(findings) };
}

/** An account as the JSON prints it. */
export interface SourceJson {
  account: string;
  name: string;
  balance: string;
}
