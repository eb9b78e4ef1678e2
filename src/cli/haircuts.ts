/**
 * `focus haircuts POSITIONS`: the haircut schedule of an inventory, by form line. Positions come
 * from a CSV (header id,description,category,market_value,maturity,issuer,class,hedge_group[,haircut];
 * only id, category and market_value are required; order free), a JSON array of such objects, or
 * the first sheet of an .xlsx with that header in row 1. Exit 0, or 2 when the file or a position
 * is unusable (each problem names the row and the column); warnings (a zero market value, no issuer
 * where (M) applies) are listed and do not change the exit code.
 */
import { D, formatAmount, haircutScheduleOf, parseAmount, type Decimal, type HaircutScheduleResult, type Position } from "../focus";
import { exitTwoOnUnusable, type Io, UnusableInput } from "./errors";
import { amountText, readTable } from "./tables";

const COLUMNS = ["id", "description", "category", "market_value", "maturity", "issuer", "class", "hedge_group", "haircut"] as const;
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

/**
 * Read the positions file into rows (amount columns of a semicolon CSV with decimal commas read as
 * amounts; how the file was read pushed onto `notes`). Throws UnusableInput for a missing,
 * unreadable or headerless file.
 */
export async function readPositionRows(file: string, notes: string[] = []): Promise<Row[]> {
  const t = await readTable(file);
  notes.push(...(t.notes ?? []));
  const rows = rowsFromTable(t.header, t.rows, file);
  if (!rows.length) throw new UnusableInput(`${file} has a header but no positions: list one position a row.`);
  if (!t.decimalComma) return rows;
  // The number columns (a maturity in years too: "0,5"); a date such as 2027-06-30 is left as written.
  const numeric = ["market_value", "haircut", "maturity"] as const;
  return rows.map((r) => ({ ...r, cells: { ...r.cells, ...Object.fromEntries(numeric.filter((c) => r.cells[c] !== undefined).map((c) => [c, amountText(t, r.cells[c] ?? "")])) } }));
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
      securityClass: r.cells.class?.trim() || null,
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
    undueConcentration: s.undueConcentration.map((c) => ({ issuer: c.issuer, series: c.series, kind: c.kind, side: c.side, marketValue: plain(c.marketValue), excess: plain(c.excess), charge: plain(c.charge), arithmetic: c.arithmetic })),
    total: plain(s.total),
    noReadyMarket: plain(s.noReadyMarket),
    positions: s.positions.map((p) => ({ id: p.id, category: p.category, marketValue: plain(p.marketValue), haircut: plain(p.haircut), line: p.line, rule: p.rule })),
    problems: s.problems,
    warnings: s.warnings,
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
  if (s.problems.length) out.push("", "Problems (left out of the lines):", ...capped(s.problems.map((p) => `  ${p.message}`), "problems"));
  if (s.warnings.length) out.push("", "Warnings:", ...capped(s.warnings.map((p) => `  ${p.message}`), "warnings"));
  if (s.notes.length) out.push("", ...capped(s.notes.map((n) => `note: ${n}`), "notes"));
  return out.join("\n");
}

/** True for YYYY-MM-DD naming a day that exists (2026-02-30 does not; 2024-02-29 does). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

/** How many lines of one kind the text lists before it counts the rest (the JSON lists them all). */
export const LISTED_LINES = 20;

/** The first LISTED_LINES lines, then one that counts the rest. */
function capped(lines: string[], what: string): string[] {
  if (lines.length <= LISTED_LINES) return lines;
  return [...lines.slice(0, LISTED_LINES), `  … and ${(lines.length - LISTED_LINES).toLocaleString("en-US")} more ${what} (${lines.length.toLocaleString("en-US")} in all; --format json lists every one).`];
}

/** `focus haircuts`; resolves to the exit code. */
export async function runHaircuts(file: string, opts: { asOf?: string; netCapitalBeforeHaircuts?: string; format?: string }, io: Io, titles: Record<string, string>): Promise<number> {
  return exitTwoOnUnusable(io, async () => {
    let ncbh: Decimal | null = null;
    if (opts.netCapitalBeforeHaircuts !== undefined) {
      const a = parseAmount(opts.netCapitalBeforeHaircuts, "dollars");
      if (!a.ok || a.value === null || a.value.isNegative()) throw new UnusableInput(`--net-capital-before-haircuts "${opts.netCapitalBeforeHaircuts}" is not an amount of at least 0.`);
      ncbh = a.value;
    }
    if (opts.asOf !== undefined && !isCalendarDate(opts.asOf)) throw new UnusableInput(`--as-of "${opts.asOf}" is not a date of the calendar (use YYYY-MM-DD, such as 2026-02-28).`);
    const readNotes: string[] = [];
    const { positions, problems } = positionsOf(await readPositionRows(file, readNotes));
    const s = haircutScheduleOf(positions, { asOf: opts.asOf ?? null, netCapitalBeforeHaircuts: ncbh });
    s.problems.unshift(...problems);
    s.notes.unshift(...readNotes);
    io.out(opts.format === "json" ? JSON.stringify(scheduleJson(s), null, 2) : scheduleText(s, titles));
    if (s.problems.length) {
      io.err(`focus: ${s.problems.length} position${s.problems.length === 1 ? "" : "s"} could not be computed (listed above); the lines leave them out.`);
      return 2;
    }
    return 0;
  });
}
