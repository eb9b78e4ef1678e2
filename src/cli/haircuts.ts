/**
 * `focus haircuts POSITIONS`: the haircut schedule of an inventory, by form line. Positions come
 * from a CSV (header id,description,category,market_value,maturity,issuer,hedge_group[,haircut];
 * only id, category and market_value are required; order free), a JSON array of such objects, or
 * the first sheet of an .xlsx with that header in row 1. Exit 0, or 2 when the file or a position
 * is unusable (each problem names the row and the column).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { D, formatAmount, haircutScheduleOf, parseAmount, type Decimal, type HaircutScheduleResult, type Position } from "../focus";
import { UnusableInput } from "./errors";

/** Where output goes. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const COLUMNS = ["id", "description", "category", "market_value", "maturity", "issuer", "hedge_group", "haircut"] as const;
type Column = (typeof COLUMNS)[number];

/** A row as text by column, with where it was read. */
interface Row {
  where: string;
  cells: Partial<Record<Column, string>>;
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, "_").replace(/^marketvalue$/, "market_value").replace(/^hedgegroup$/, "hedge_group");
}

function rowsFromTable(header: string[], body: { cells: string[]; where: string }[], file: string): Row[] {
  const cols = header.map(normaliseHeader);
  for (const need of ["id", "category", "market_value"]) {
    if (!cols.includes(need)) throw new UnusableInput(`${file}: the header needs the columns id, category and market_value (found "${header.join(",")}").`);
  }
  return body
    .filter((r) => r.cells.some((c) => c.trim() !== ""))
    .map((r) => ({ where: r.where, cells: Object.fromEntries(cols.map((c, i) => [c, r.cells[i] ?? ""]).filter(([c]) => (COLUMNS as readonly string[]).includes(c))) }));
}

/** Read the positions file into rows. Throws UnusableInput for a missing, unreadable or headerless file. */
export async function readPositionRows(file: string): Promise<Row[]> {
  if (!fs.existsSync(file)) throw new UnusableInput(`${file}: no such file.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
    } catch (e) {
      throw new UnusableInput(`${file} is not readable CSV: ${(e as Error).message}`);
    }
    if (!records.length) throw new UnusableInput(`${file} is empty.`);
    return rowsFromTable(records[0].record, records.slice(1).map((r) => ({ cells: r.record, where: `line ${r.info.lines}` })), file);
  }
  if (ext === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data)) throw new UnusableInput(`${file} must hold a JSON array of positions: [{"id": "T1", "category": "USGOV", "market_value": 1000000, ...}].`);
    return data.map((o, i) => {
      if (typeof o !== "object" || o === null) throw new UnusableInput(`${file} element ${i + 1} is not an object.`);
      const cells: Partial<Record<Column, string>> = {};
      for (const [k, v] of Object.entries(o)) {
        const c = normaliseHeader(k) as Column;
        if ((COLUMNS as readonly string[]).includes(c) && v !== null && v !== undefined) cells[c] = String(v);
      }
      return { where: `element ${i + 1}`, cells };
    });
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const wb = new (excel().Workbook)();
    try {
      await wb.xlsx.readFile(file);
    } catch (e) {
      throw new UnusableInput(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new UnusableInput(`${file} has no sheet.`);
    const text = (v: ExcelJS.CellValue): string => {
      if (v === null || v === undefined) return "";
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (typeof v === "object" && "result" in v) return text((v as { result: ExcelJS.CellValue }).result);
      if (typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
      return String(v);
    };
    const width = ws.getRow(1).cellCount;
    const cellsOf = (n: number) => Array.from({ length: width }, (_, i) => text(ws.getRow(n).getCell(i + 1).value));
    const body = [];
    for (let n = 2; n <= ws.rowCount; n++) body.push({ cells: cellsOf(n), where: `${ws.name}!row ${n}` });
    return rowsFromTable(cellsOf(1), body, file);
  }
  throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .csv, .json or .xlsx.`);
}

/** Rows to positions; an amount that is not an amount is a problem naming the row and column (returned beside). */
export function positionsOf(rows: Row[]): { positions: Position[]; problems: { id: string; where: string; column: string; message: string }[] } {
  const positions: Position[] = [];
  const problems: { id: string; where: string; column: string; message: string }[] = [];
  for (const r of rows) {
    const id = (r.cells.id ?? "").trim();
    const amount = (column: "market_value" | "haircut"): Decimal | null | "bad" => {
      const raw = (r.cells[column] ?? "").trim();
      if (!raw) return null;
      const a = parseAmount(raw, "dollars");
      if (!a.ok) {
        problems.push({ id, where: r.where, column, message: `${r.where} (${id || "no id"}), column ${column}: ${a.error.message}` });
        return "bad";
      }
      return a.value;
    };
    const mv = amount("market_value");
    const hc = amount("haircut");
    if (mv === "bad" || hc === "bad") continue;
    if (mv === null) {
      problems.push({ id, where: r.where, column: "market_value", message: `${r.where} (${id || "no id"}): the market value is blank.` });
      continue;
    }
    const maturity = (r.cells.maturity ?? "").trim();
    positions.push({
      id,
      description: r.cells.description,
      category: r.cells.category ?? "",
      marketValue: mv,
      maturity: maturity === "" ? null : /^\d+(\.\d+)?$/.test(maturity) ? new D(maturity) : maturity,
      issuer: r.cells.issuer?.trim() || null,
      hedgeGroup: r.cells.hedge_group?.trim() || null,
      haircut: hc,
      where: r.where,
    });
  }
  return { positions, problems };
}

const plain = (d: Decimal) => d.toFixed();

/** The JSON of `focus haircuts`: amounts as exact decimal strings (lines in whole dollars). */
export function scheduleJson(s: HaircutScheduleResult): object {
  return {
    asOf: s.asOf,
    lines: Object.fromEntries(Object.entries(s.lines).map(([k, v]) => [k, plain(v)])),
    undueConcentration: s.undueConcentration.map((c) => ({ issuer: c.issuer, kind: c.kind, side: c.side, marketValue: plain(c.marketValue), excess: plain(c.excess), charge: plain(c.charge), arithmetic: c.arithmetic })),
    total: plain(s.total),
    noReadyMarket: plain(s.noReadyMarket),
    positions: s.positions.map((p) => ({ id: p.id, category: p.category, marketValue: plain(p.marketValue), haircut: plain(p.haircut), line: p.line, rule: p.rule })),
    problems: s.problems,
    notes: s.notes,
  };
}

/** The readable schedule: lines, concentration, positions, problems. */
export function scheduleText(s: HaircutScheduleResult, titles: Record<string, string>): string {
  const money = (d: Decimal) => formatAmount(d, "dollars");
  const out = [`Haircut schedule${s.asOf ? ` as of ${s.asOf}` : ""} (15c3-1(c)(2)(vi))`, ""];
  for (const code of Object.keys(titles)) out.push(`  ${code.padEnd(6)}${(titles[code] ?? "").padEnd(70)}${money(s.lines[code] ?? new D(0)).padStart(16)}`);
  out.push(`  ${"3740".padEnd(6)}${"Total haircuts (sum of the lines)".padEnd(70)}${money(s.total).padStart(16)}`);
  if (!s.noReadyMarket.isZero()) out.push(`  ${"".padEnd(6)}${"No ready market, 15c3-1(c)(2)(vii): 100%, not a haircut line".padEnd(70)}${money(s.noReadyMarket).padStart(16)}`);
  if (s.undueConcentration.length) out.push("", "Undue concentration (15c3-1(c)(2)(vi)(M)):", ...s.undueConcentration.map((c) => `  ${c.arithmetic}`));
  out.push("", "Positions:");
  for (const p of s.positions) out.push(`  ${p.id.padEnd(10)}${p.category.padEnd(16)}${money(p.marketValue).padStart(16)}${p.haircut.toFixed(2).padStart(16)}  ${p.rule}`);
  if (s.problems.length) out.push("", "Problems (left out of the lines):", ...s.problems.map((p) => `  ${p.message}`));
  if (s.notes.length) out.push("", ...s.notes.map((n) => `note: ${n}`));
  return out.join("\n");
}

/** `focus haircuts`; resolves to the exit code. */
export async function runHaircuts(file: string, opts: { asOf?: string; netCapitalBeforeHaircuts?: string; format?: string }, io: Io, titles: Record<string, string>): Promise<number> {
  try {
    let ncbh: Decimal | null = null;
    if (opts.netCapitalBeforeHaircuts !== undefined) {
      const a = parseAmount(opts.netCapitalBeforeHaircuts, "dollars");
      if (!a.ok || a.value === null || a.value.isNegative()) throw new UnusableInput(`--net-capital-before-haircuts "${opts.netCapitalBeforeHaircuts}" is not an amount of at least 0.`);
      ncbh = a.value;
    }
    if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new UnusableInput(`--as-of "${opts.asOf}" is not a date (use YYYY-MM-DD).`);
    const { positions, problems } = positionsOf(await readPositionRows(file));
    const s = haircutScheduleOf(positions, { asOf: opts.asOf ?? null, netCapitalBeforeHaircuts: ncbh });
    s.problems.unshift(...problems);
    io.out(opts.format === "json" ? JSON.stringify(scheduleJson(s), null, 2) : scheduleText(s, titles));
    if (s.problems.length) {
      io.err(`focus: ${s.problems.length} position${s.problems.length === 1 ? "" : "s"} could not be computed (listed above); the lines leave them out.`);
      return 2;
    }
    return 0;
  } catch (e) {
    if (e instanceof UnusableInput) {
      io.err(`focus: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
