/**
 * `focus build --trial-balance TB --map MAP -o OUT` and the ledger side of `focus check`: read a
 * trial balance and a map of its accounts to FOCUS items (CSV, JSON, or a sheet of an .xlsx), build
 * the report (engine: buildFromLedger), and write it (.csv, .json, or .xlsx from the template).
 */
import * as path from "path";
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
import { writeOutput, type OutputOptions } from "./output";
import { amountText, readTable } from "./tables";
import { buildTemplate } from "./xlsx";

function amount(text: string, where: string, what: string): Decimal {
  const t = text.trim();
  if (!t) return new D(0);
  const a = parseAmount(t, "dollars");
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

/** The map: columns account (one number or a range "1000-1099"), item (a code or "exclude"), note. Throws UnusableInput naming the row. */
export async function readMap(file: string, sheet?: string, notes: string[] = []): Promise<MapEntry[]> {
  const t = await readTable(file, sheet);
  notes.push(...(t.notes ?? []));
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

/** Build from the two files, with how they were read (`notes`). Throws UnusableInput. */
export async function buildFromFiles(form: FormId, tb: string, map: string, sheet?: string): Promise<LedgerBuild & { notes: string[] }> {
  const notes: string[] = [];
  const accounts = await readTrialBalance(tb, sheet, notes);
  return { ...buildFromLedger(form, accounts, await readMap(map, sheet, notes)), notes };
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
    const lines = ["item,value,accounts", ...(units ? [`units,${units},the trial balance's unit`] : []), `partial,partial,${q(BUILT_PARTIAL)}`, ...[...b.values].map(([code, v]) => [code, v.toFixed(), (b.sources.get(code) ?? []).map((a) => a.account).join(" ")].map(q).join(","))];
    writeOutput(out, lines.join("\n") + "\n", opts);
  } else if (ext === ".json") {
    // The report itself (item code -> value, as focus check reads JSON), with the ledger beside it.
    const report = Object.fromEntries([...b.values].map(([k, v]) => [k, v.toFixed()]));
    const doc = { ...(units ? { units } : {}), partial: true, ...report, sources: sourcesJson(b), unmapped: b.unmapped.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })) };
    writeOutput(out, JSON.stringify(doc, null, 2) + "\n", opts);
  } else if (ext === ".xlsx") {
    const buffer = await buildTemplate(b.form, new Map([...b.values].map(([k, v]) => [k, v.toNumber()])), { units, partial: BUILT_PARTIAL }).xlsx.writeBuffer();
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
