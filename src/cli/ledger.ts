/**
 * `focus build --trial-balance TB --map MAP -o OUT` and the ledger side of `focus check`: read a
 * trial balance and a map of its accounts to FOCUS items (CSV, JSON, or a sheet of an .xlsx), build
 * the report (engine: buildFromLedger), and write it (.csv, .json, or .xlsx from the template).
 */
import * as path from "path";
import {
  buildFromLedger,
  catalogue,
  countStatuses,
  formatAmount,
  D,
  hasFailingError,
  exactAmount,
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
import { writeOutput, type OutputOptions } from "./output";
import { amountText, readTable } from "./tables";
import { isCalendarDate } from "./haircuts";
import { buildTemplate } from "./xlsx";

function amount(text: string, where: string, what: string): Decimal {
  const t = text.trim();
  if (!t) return new D(0);
  // Exact, cents and all: the build sums a line's accounts and rounds once, at the line.
  const a = exactAmount(t);
  if (!a.ok || a.value === null) throw new UnusableInput(`${where}: the ${what} "${text}" is not an amount.`);
  return a.value;
}

/**
 * The trial balance: columns account,name,balance (debits positive) or account,name,debit,credit.
 * How the file was read (a semicolon CSV with decimal commas, UTF-16) is pushed onto `notes`.
 * Throws UnusableInput naming the row.
 */
export async function readTrialBalance(file: string, sheet?: string, notes: string[] = []): Promise<LedgerAccount[]> {
  const t = await readTable(file, sheet);
  notes.push(...(t.notes ?? []));
  const col = (n: string) => t.header.indexOf(n);
  const [acc, name, bal, dr, cr] = ["account", "name", "balance", "debit", "credit"].map(col);
  if (acc < 0 || (bal < 0 && (dr < 0 || cr < 0))) {
    throw new UnusableInput(`${file}: a trial balance needs the columns account, name and balance (debits positive, credits negative), or account, name, debit and credit (found "${t.header.join(",")}").`);
  }
  const rows = t.rows.filter((r) => r.cells.some((c) => c.trim()));
  if (!rows.length) throw new UnusableInput(`${file} has a header but no accounts: a trial balance lists every account with its balance.`);
  return rows
    .map((r) => ({
      account: (r.cells[acc] ?? "").trim(),
      name: name >= 0 ? (r.cells[name] ?? "").trim() : "",
      balance:
        bal >= 0
          ? amount(amountText(t, r.cells[bal] ?? ""), r.where, "balance")
          : amount(amountText(t, r.cells[dr] ?? ""), r.where, "debit").minus(amount(amountText(t, r.cells[cr] ?? ""), r.where, "credit")),
      where: r.where,
    }));
}

/**
 * The map: columns account (one number or a range "1000-1099"), item (a code, "exclude", or a split
 * such as "200:60%,680:40%"), and optionally amount and note. Rows of one account with an amount
 * split it: each row's item takes its amount of the balance (unsigned, on the balance's side) and a
 * row without one takes the rest; they become one entry (`split`), checked by the build. Throws
 * UnusableInput naming the row.
 */
export async function readMap(file: string, sheet?: string, notes: string[] = []): Promise<MapEntry[]> {
  const t = await readTable(file, sheet);
  notes.push(...(t.notes ?? []));
  const [acc, item, note, amt] = ["account", "item", "note", "amount"].map((n) => t.header.indexOf(n));
  if (acc < 0 || item < 0) throw new UnusableInput(`${file}: a map needs the columns account and item (and optionally amount and note); found "${t.header.join(",")}" (is this the trial balance?).`);
  const rows = t.rows
    .filter((r) => r.cells.some((c) => c.trim()))
    .map((r) => {
      const a = (r.cells[acc] ?? "").trim();
      const m = /^(\S+?)\s*-\s*(\S+)$/.exec(a);
      if (!a) throw new UnusableInput(`${r.where}: the map entry has no account.`);
      const code = (r.cells[item] ?? "").trim();
      if (!code) throw new UnusableInput(`${r.where}: the map entry for ${a} has no item (a code, or "exclude").`);
      const amountText = amt >= 0 ? (r.cells[amt] ?? "").trim() : "";
      let share: Decimal | undefined;
      if (amountText) {
        const x = exactAmount(amountText);
        if (!x.ok || x.value === null || x.value.isNegative() || /^[-(]/.test(amountText)) throw new UnusableInput(`${r.where}: the amount "${amountText}" of ${a}'s part to ${code} is not an unsigned amount (the part of the balance that goes to ${code}).`);
        share = x.value;
      }
      const entry: MapEntry = { from: m ? m[1] : a, to: m ? m[2] : null, item: code, note: note >= 0 ? (r.cells[note] ?? "").trim() : "", where: r.where };
      return { entry, share };
    });
  // An account with rows that carry amounts: one split entry, its parts in the rows' order.
  const splitAccounts = new Set(rows.filter((r) => r.share !== undefined).map((r) => `${r.entry.from}-${r.entry.to ?? ""}`));
  const out: MapEntry[] = [];
  const splits = new Map<string, MapEntry>();
  for (const { entry, share } of rows) {
    const key = `${entry.from}-${entry.to ?? ""}`;
    if (!splitAccounts.has(key)) {
      out.push(entry);
      continue;
    }
    const part = share !== undefined ? { item: entry.item, amount: share } : { item: entry.item };
    const s = splits.get(key);
    if (s) {
      s.split!.push(part);
      s.item = `${s.item};${entry.item}${share !== undefined ? `:${share.toFixed()}` : ""}`;
      s.where = `${s.where}, ${entry.where.replace(/^.* (line \d+)$/, "$1")}`;
      continue;
    }
    const first: MapEntry = { ...entry, item: `${entry.item}${share !== undefined ? `:${share.toFixed()}` : ""}`, split: [part] };
    splits.set(key, first);
    out.push(first);
  }
  return out;
}

/** The period of a pre-closing trial balance and the prior month's trial balance (for 4211). */
export interface PeriodOptions {
  /** YYYY-MM-DD. */
  periodStart?: string;
  periodEnd?: string;
  /** The prior month-end's trial balance of the same year, built with the same map. */
  priorTrialBalance?: string;
}

/**
 * Build from the two files, with how they were read and what the build did (`notes`: the closing,
 * the period the statement of income covers, 4211). Throws UnusableInput (also for a period date
 * that is not a date of the calendar, or a start after the end).
 */
export async function buildFromFiles(form: FormId, tb: string, map: string, sheet?: string, period: PeriodOptions = {}): Promise<LedgerBuild & { notes: string[] }> {
  for (const [name, d] of [["--period-start", period.periodStart], ["--period-end", period.periodEnd]] as const) {
    if (d !== undefined && !isCalendarDate(d)) throw new UnusableInput(`${name} "${d}" is not a date of the calendar (use YYYY-MM-DD).`);
  }
  if (period.periodStart && period.periodEnd && period.periodStart > period.periodEnd) throw new UnusableInput(`--period-start ${period.periodStart} is after --period-end ${period.periodEnd}.`);
  const notes: string[] = [];
  const accounts = await readTrialBalance(tb, sheet, notes);
  const entries = await readMap(map, sheet, notes);
  let priorIncomeBeforeTaxes: Decimal | undefined;
  if (period.priorTrialBalance) {
    const prior = buildFromLedger(form, await readTrialBalance(period.priorTrialBalance, sheet, notes), entries);
    priorIncomeBeforeTaxes = prior.values.get("4210");
    if (priorIncomeBeforeTaxes === undefined) throw new UnusableInput(`${period.priorTrialBalance}: no income or expense account of it is mapped to the statement of income, so 4211 (current month only) cannot be computed from it.`);
  }
  const b = buildFromLedger(form, accounts, entries, { ...(period.periodStart ? { periodStart: period.periodStart } : {}), ...(period.periodEnd ? { periodEnd: period.periodEnd } : {}), ...(priorIncomeBeforeTaxes ? { priorIncomeBeforeTaxes } : {}) });
  const money = (v: Decimal) => formatAmount(v, "dollars", { negative: "minus" });
  if (b.closing) {
    const c = b.closing;
    const label = catalogue(form).get(c.line)?.label ?? c.line;
    notes.push(
      `The trial balance is not closed: the build closed the period, adding net income of ${money(c.netIncome)} (4230) to ${c.line} (${label}). Ownership equity ${money(c.equityBefore)} before the closing (4240), ${money(c.equityAfter)} after (4290 = 1800).`,
    );
  }
  if (b.period) notes.push(b.period);
  if (b.rounding) notes.push(b.rounding);
  if (b.values.has("4211") && priorIncomeBeforeTaxes) {
    notes.push(`4211 (current month only) = 4210 of this trial balance less 4210 of ${period.priorTrialBalance}: ${money(b.values.get("4210")!)} - ${money(priorIncomeBeforeTaxes)} = ${money(b.values.get("4211")!)}.`);
  }
  return { ...b, notes };
}

/** JSON of the sources: item code -> its accounts with balances (exact decimal strings). */
export function sourcesJson(b: LedgerBuild): Record<string, { account: string; name: string; balance: string }[]> {
  return Object.fromEntries([...b.sources].map(([code, list]) => [code, list.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() }))]));
}

/** Why a report built from a trial balance is partial: what the ledger cannot give. */
export const BUILT_PARTIAL = "built from a trial balance: the statement of financial condition is whole, but haircuts and other deductions are not in a ledger, so their blank boxes are unknown, not zero";

/**
 * Write the built report (marked partial, in its units, in every format, so that a later check
 * reads it as the check of the ledger did): .csv (item,value,accounts), .json, or .xlsx in the template's layout,
 * atomically and never over an input or (without `force`) an existing file (output.ts). Throws
 * UnusableInput for another extension or a file that cannot be written.
 */
export async function writeBuilt(b: LedgerBuild, out: string, units: Units | undefined, opts: OutputOptions): Promise<void> {
  const ext = path.extname(out).toLowerCase();
  if (ext === ".csv") {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ["item,value,accounts", ...(units ? [`units,${units},the trial balance's unit`] : []), `partial,partial,${q(BUILT_PARTIAL)}`, ...[...(b.cover ?? [])].map(([code, v]) => `${code},${v},`), ...[...b.values].map(([code, v]) => [code, v.toFixed(), (b.sources.get(code) ?? []).map((a) => a.account).join(" ")].map(q).join(","))];
    writeOutput(out, lines.join("\n") + "\n", opts);
  } else if (ext === ".json") {
    // The report itself (item code -> value, as focus check reads JSON), with the ledger beside it.
    const report = Object.fromEntries([...b.values].map(([k, v]) => [k, v.toFixed()]));
    const doc = { ...(units ? { units } : {}), partial: true, ...Object.fromEntries(b.cover ?? []), ...report, sources: sourcesJson(b), unmapped: b.unmapped.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })) };
    writeOutput(out, JSON.stringify(doc, null, 2) + "\n", opts);
  } else if (ext === ".xlsx") {
    const cells = new Map<string, string | number>([...b.values].map(([k, v]) => [k, v.toNumber()]));
    for (const [code, v] of b.cover ?? []) cells.set(code, v);
    const buffer = await buildTemplate(b.form, cells, { units, partial: BUILT_PARTIAL }).xlsx.writeBuffer();
    writeOutput(out, new Uint8Array(buffer as ArrayBuffer), opts);
  } else {
    throw new UnusableInput(`${out}: write the report as .csv, .json or .xlsx.`);
  }
}

/**
 * Put the ledger's findings beside the rules' (they count toward the exit code like input
 * findings) and give each finding the accounts behind its items: `sources` by item code.
 */
export function withLedger(
  result: CheckResult,
  b: LedgerBuild,
): CheckResult & { findings: (Finding & { sources?: Record<string, SourceJson[]>; moreSources?: Record<string, number> })[] } {
  // Each item's accounts are written once (memo) and a finding lists at most SOURCES_PER_ITEM of
  // them (the largest first is the ledger's order), counting the rest: the whole list is the
  // document's `sources`. 0.2.0 copied every account onto every finding: 20,000 accounts with
  // 1,000 sign warnings made a 265 MB document (and RangeError beyond).
  const memo = new Map<string, SourceJson[]>();
  const listed = (code: string) => {
    let l = memo.get(code);
    if (!l) memo.set(code, (l = b.sources.get(code)!.slice(0, SOURCES_PER_ITEM).map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() }))));
    return l;
  };
  const findings = [...b.findings, ...result.findings].map((f) => {
    const own = f.items.filter((c) => b.sources.has(c));
    if (!own.length) return f;
    const more = own.filter((c) => b.sources.get(c)!.length > SOURCES_PER_ITEM).map((c) => [c, b.sources.get(c)!.length - SOURCES_PER_ITEM] as const);
    return { ...f, sources: Object.fromEntries(own.map((c) => [c, listed(c)])), ...(more.length ? { moreSources: Object.fromEntries(more) } : {}) };
  });
  return { ...result, findings, summary: countStatuses(findings), failing: hasFailingError(findings) };
}

/** How many accounts of an item a finding lists (the document's `sources` has them all). */
export const SOURCES_PER_ITEM = 20;

/** An account as the JSON prints it. */
export interface SourceJson {
  account: string;
  name: string;
  balance: string;
}
