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
  return t.rows
    .filter((r) => r.cells.some((c) => c.trim()))
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

/**
 * Write the built report: .csv (item,value,accounts), .json, or .xlsx in the template's layout,
 * atomically and never over an input or (without `force`) an existing file (output.ts). Throws
 * UnusableInput for another extension or a file that cannot be written.
 */
export async function writeBuilt(b: LedgerBuild, out: string, units: Units | undefined, opts: OutputOptions): Promise<void> {
  const ext = path.extname(out).toLowerCase();
  if (ext === ".csv") {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = ["item,value,accounts", ...(units ? [`units,${units},the trial balance's unit`] : []), ...[...b.values].map(([code, v]) => [code, v.toFixed(), (b.sources.get(code) ?? []).map((a) => a.account).join(" ")].map(q).join(","))];
    writeOutput(out, lines.join("\n") + "\n", opts);
  } else if (ext === ".json") {
    // The report itself (item code -> value, as focus check reads JSON), with the ledger beside it.
    const report = Object.fromEntries([...b.values].map(([k, v]) => [k, v.toFixed()]));
    const doc = { ...(units ? { units } : {}), ...report, sources: sourcesJson(b), unmapped: b.unmapped.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })) };
    writeOutput(out, JSON.stringify(doc, null, 2) + "\n", opts);
  } else if (ext === ".xlsx") {
    const buffer = await buildTemplate(b.form, new Map([...b.values].map(([k, v]) => [k, v.toNumber()]))).xlsx.writeBuffer();
    writeOutput(out, new Uint8Array(buffer as ArrayBuffer), opts);
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
