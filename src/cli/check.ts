/**
 * `focus check`: one report, or many (files and folders) in one process.
 *
 * Exit codes: 0 no failing error-severity rule; 1 at least one; 2 unusable input (or a usage
 * error), with a message saying why and where. With several files the exit code is the worst of
 * them: 2 if any file is unusable, else 1 if any fails, else 0.
 */
import * as fs from "fs";
import * as path from "path";
import { amountOf, assessFrequency, catalogue, checkReport, formatAmount, formFit, D, type CheckResult, type Decimal, type FormId, type FrequencyAssessment, type InputEntry, type LedgerBuild, type RatioStandard, type ReserveFrequency, type SummaryLine, type Units } from "../focus";
import { type Io, UnusableInput } from "./errors";
import { checkJson, checkText } from "./format";
import { buildFromFiles, withLedger } from "./ledger";
import { readInputFile } from "./inputs";
import { fsProblem } from "./output";
import { periodEnd } from "./period";

/** Options of `focus check` (the command line's, by name). */
export interface CheckOptions {
  format?: string;
  form?: FormId;
  all?: boolean;
  firstYear?: boolean;
  frequency?: ReserveFrequency;
  partial?: boolean;
  standard?: RatioStandard;
  units?: Units;
  trialBalance?: string;
  map?: string;
  sheet?: string;
  /** With the ledger: the period of a pre-closing trial balance, and the prior month's (4211). */
  periodStart?: string;
  periodEnd?: string;
  priorTrialBalance?: string;
  /**
   * The form was chosen on the command line. When it was not, a check of many files checks each
   * as the form its item codes fit (a folder may hold Part II and Part IIA reports).
   */
  formGiven?: boolean;
}

/** The report files a folder holds: .xlsx, .xlsm, .csv and .json, by name; not Excel's "~$" lock files or hidden files; not sub-folders. */
export const REPORT_EXTENSIONS = [".xlsx", ".xlsm", ".csv", ".json"];

/** One file's outcome in a check of many. */
interface Outcome {
  file: string;
  /** pass: exit 0; fail: exit 1; unusable: exit 2; skipped: found in a folder and not a FOCUS report (no exit effect). */
  status: "pass" | "fail" | "unusable" | "skipped";
  result?: CheckResult;
  doc?: Record<string, unknown>;
  message?: string;
}

const EXIT: Record<Outcome["status"], number> = { pass: 0, fail: 1, unusable: 2, skipped: 0 };

/**
 * The form a report's item codes fit: Part II unless Part IIA knows more of them (catalogue's
 * formFit). One detection for every command that reads a report without --form: check (one file
 * or many), diff, reconcile.
 */
export function detectForm(entries: readonly InputEntry[]): FormId {
  const fit = formFit("part-ii", entries.map((e) => e.code));
  return fit.otherFitsBetter ? fit.other : "part-ii";
}

/** Check one report (or the ledger build), with its JSON document, how it was read (notes) and the ledger when built from one; throws UnusableInput. */
export async function checkOne(
  file: string | undefined,
  opts: CheckOptions,
  autoForm = false,
): Promise<{ result: CheckResult; doc: Record<string, unknown>; name: string; notes: string[]; ledger: LedgerBuild | null }> {
  let form = opts.form ?? "part-ii";
  let entries;
  let units: Units | undefined;
  let ledger: (LedgerBuild & { notes: string[] }) | null = null;
  let name = file ?? "";
  const notes: string[] = [];
  let filePartial = false;
  if (opts.trialBalance || opts.map) {
    if (!opts.trialBalance || !opts.map || file) throw new UnusableInput("build from the ledger with both --trial-balance and --map, and no report file.");
    ledger = await buildFromFiles(form, opts.trialBalance, opts.map, opts.sheet, opts);
    entries = ledger.entries;
    notes.push(...ledger.notes);
    name = `${opts.trialBalance} with ${opts.map}`;
  } else {
    if (!file) throw new UnusableInput("name the report to check (or --trial-balance and --map).");
    const read = await readInputFile(file);
    if (opts.units && read.units && opts.units !== read.units) throw new UnusableInput(`${file} says its amounts are in ${read.units}, but --units says ${opts.units}; keep one.`);
    entries = read.entries;
    units = read.units;
    filePartial = Boolean(read.partial);
    notes.push(...(read.notes ?? []));
    if (autoForm) form = detectForm(entries);
  }
  const checked = checkReport(form, entries, {
    firstYear: Boolean(opts.firstYear),
    frequency: opts.frequency ?? "weekly",
    // Built from the ledger, the statement is whole (every line is given, zero where no account
    // feeds it); beyond it (haircuts, other deductions) the ledger says nothing: unknown, not zero.
    // A file that says it is partial (a report built from a ledger says so) is read as partial too.
    partial: Boolean(opts.partial) || ledger !== null || filePartial,
    ...(opts.standard ? { standard: opts.standard } : {}),
    units: opts.units ?? units ?? "dollars",
  });
  const result = ledger ? withLedger(checked, ledger) : checked;
  const doc = checkJson(result, name) as Record<string, unknown>;
  if (notes.length) doc.notes = notes;

  return { result, doc, name, notes, ledger };
}

/**
 * The JSON document of a check built from the ledger, written in parts: the check's document, then
 * `sources` (every item's accounts) and `unmapped`, an item at a time, so that 200,000 accounts
 * never sit in memory as one object and one string (the same text JSON.stringify(doc, null, 2)
 * with those two keys would give).
 */
function writeLedgerJson(io: Io, doc: Record<string, unknown>, ledger: LedgerBuild): void {
  const head = JSON.stringify(doc, null, 2);
  io.out(head.slice(0, head.lastIndexOf("}")).trimEnd() + ",");
  const account = (a: { account: string; name: string; balance: Decimal }, indent: string) =>
    `${indent}{\n${indent}  "account": ${JSON.stringify(a.account)},\n${indent}  "name": ${JSON.stringify(a.name)},\n${indent}  "balance": ${JSON.stringify(a.balance.toFixed())}\n${indent}}`;
  // In the order JSON.stringify gives an object whose keys are integers: ascending.
  const items = [...ledger.sources].sort((x, y) => Number(x[0]) - Number(y[0]));
  io.out(items.length ? `  "sources": {` : `  "sources": {},`);
  const CHUNK = 1000; // accounts a write: the strings stay small whatever the ledger's size
  items.forEach(([code, list], i) => {
    const comma = i < items.length - 1 ? "," : "";
    if (!list.length) return io.out(`    ${JSON.stringify(code)}: []${comma}`);
    io.out(`    ${JSON.stringify(code)}: [`);
    for (let k = 0; k < list.length; k += CHUNK) {
      const part = list.slice(k, k + CHUNK).map((a) => account(a, "      ")).join(",\n");
      io.out(k + CHUNK < list.length ? `${part},` : part);
    }
    io.out(`    ]${comma}`);
  });
  if (items.length) io.out("  },");
  io.out(ledger.unmapped.length ? `  "unmapped": [\n${ledger.unmapped.map((a) => account(a, "    ")).join(",\n")}\n  ]\n}` : `  "unmapped": []\n}`);
}

/** The check's text with how the file was read (notes) before it. */
function textWithNotes(text: string, notes: readonly string[]): string {
  return notes.length ? [...notes.map((n) => `note: ${n}`), text].join("\n") : text;
}

/**
 * The files to check: each argument as given, and a folder's report files by name. Throws
 * UnusableInput for a folder that cannot be listed or holds no report file.
 */
export function expandFiles(args: readonly string[]): { file: string; fromFolder: boolean }[] {
  const out: { file: string; fromFolder: boolean }[] = [];
  for (const a of args) {
    let isDir = false;
    try {
      isDir = fs.statSync(a).isDirectory();
    } catch {
      // A missing file is reported by the check of that file.
    }
    if (!isDir) {
      out.push({ file: a, fromFolder: false });
      continue;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(a, { withFileTypes: true });
    } catch (e) {
      throw new UnusableInput(`the folder ${a} cannot be read: ${fsProblem(e)}.`);
    }
    const found = entries
      .filter((d) => d.isFile() && !d.name.startsWith("~$") && !d.name.startsWith(".") && REPORT_EXTENSIONS.includes(path.extname(d.name).toLowerCase()))
      .map((d) => d.name)
      .sort();
    if (!found.length) throw new UnusableInput(`${a} holds no report files (${REPORT_EXTENSIONS.join(", ")}).`);
    for (const name of found) out.push({ file: path.join(a, name), fromFolder: true });
  }
  return out;
}

/** A summary line as the table shows it: reported, else computed; "-" when neither. */
function shown(l: SummaryLine | undefined): string {
  const v = l?.reported ?? l?.computed ?? null;
  return v === null ? "-" : formatAmount(new D(v), "dollars");
}

/** The closing table of a check of many: file, form, net capital, excess, fails, status. */
export function batchTable(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map((o) => [
    o.file,
    o.result?.form ?? "-",
    o.result ? shown(o.result.netCapital.netCapital) : "-",
    o.result ? shown(o.result.netCapital.excessNetCapital) : "-",
    o.result ? String(o.result.summary.fail) : "-",
    o.status === "skipped" ? "skipped: not a FOCUS report" : o.status,
  ]);
  const head = ["File", "Form", "Net capital", "Excess", "Fails", "Status"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const right = [false, false, true, true, true, false];
  const line = (r: string[]) => r.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const count = (s: Outcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const tally = `${outcomes.length} file${outcomes.length === 1 ? "" : "s"}: ${count("pass")} pass, ${count("fail")} fail, ${count("unusable")} unusable${count("skipped") ? `, ${count("skipped")} skipped (not a FOCUS report)` : ""}.`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), "", tally].join("\n");
}

/**
 * Run `focus check` on one file, the ledger, or many files and folders; resolves to the exit code.
 * One file prints its report (text or JSON) as always. Several files, or a folder, print one block
 * per file and a closing table (text), or one JSON document {files: [...], summary, exitCode};
 * one unusable file is reported and the others are still checked.
 */
export async function runCheck(files: string | readonly string[] | undefined, opts: CheckOptions, io: Io): Promise<number> {
  const form = opts.form ?? "part-ii";
  try {
    catalogue(form);
  } catch (e) {
    io.err(`focus: ${(e as Error).message}`);
    return 2;
  }
  const args = files === undefined ? [] : typeof files === "string" ? [files] : [...files];
  let list: { file: string; fromFolder: boolean }[];
  try {
    if (args.length > 1 && (opts.trialBalance || opts.map)) throw new UnusableInput("check the ledger (--trial-balance and --map) on its own, without report files.");
    list = expandFiles(args);
  } catch (e) {
    if (!(e instanceof UnusableInput)) throw e;
    io.err(`focus: ${e.message}`);
    return 2;
  }
  const many = list.length > 1 || list.some((f) => f.fromFolder);
  if (!many) {
    try {
      const { result, doc, name, notes, ledger } = await checkOne(list[0]?.file, opts, !opts.formGiven);
      if (opts.format === "json" && ledger) writeLedgerJson(io, doc, ledger);
      else io.out(opts.format === "json" ? JSON.stringify(doc, null, 2) : textWithNotes(checkText(result, name, { all: opts.all }), notes));
      return result.failing ? 1 : 0;
    } catch (e) {
      if (!(e instanceof UnusableInput)) throw e;
      io.err(`focus: ${e.message}`);
      return 2;
    }
  }
  const outcomes: Outcome[] = [];
  for (const { file, fromFolder } of list) {
    try {
      const { result, doc, notes } = await checkOne(file, opts, !opts.formGiven);
      const o: Outcome = { file, status: result.failing ? "fail" : "pass", result, doc };
      outcomes.push(o);
      if (opts.format !== "json") io.out(textWithNotes(checkText(result, file, { all: opts.all, failuresOnly: !opts.all }), notes) + "\n");
    } catch (e) {
      if (!(e instanceof UnusableInput)) throw e;
      const skipped = fromFolder && e.notAReport;
      outcomes.push({ file, status: skipped ? "skipped" : "unusable", message: e.message });
      if (opts.format !== "json") io.out(`${skipped ? "Skipped (not a FOCUS report)" : "UNUSABLE"}: ${e.message}\n`);
    }
  }
  const exitCode = Math.max(...outcomes.map((o) => EXIT[o.status]));
  const frequency = frequencyOfFolder(outcomes, opts.frequency ?? "weekly");
  if (opts.format === "json") {
    const count = (s: Outcome["status"]) => outcomes.filter((o) => o.status === s).length;
    io.out(
      JSON.stringify(
        {
          files: outcomes.map((o) => ({ file: o.file, status: o.status, exitCode: EXIT[o.status], ...(o.doc ? { report: o.doc } : { error: o.message }) })),
          summary: { files: outcomes.length, pass: count("pass"), fail: count("fail"), unusable: count("unusable"), skipped: count("skipped") },
          ...(frequency ? { reserveFrequency: { applies: frequency.applies, averageTotalCredits: frequency.average?.toFixed(0) ?? null, reports: frequency.used.map((r) => ({ file: r.source, periodEnd: r.periodEnd, totalCredits: r.totalCredits?.toFixed() ?? null })), finding: frequency.finding } } : {}),
          exitCode,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(batchTable(outcomes));
    if (frequency) io.out(`\nReserve computation frequency (15c3-3(e)(3)): ${frequency.finding.status === "fail" ? "WARNING: " : ""}${frequency.finding.message}`);
  }
  return exitCode;
}

/**
 * Which reserve computation frequency applies to the firm whose month-end reports a folder holds:
 * the average total credits of the 12 most recent (15c3-3(e)(3)(i)(B)(1)), from each Part II
 * report with a reserve page, its period end read from item 25 or its file name. Null when no
 * report of the folder carries a reserve computation.
 */
function frequencyOfFolder(outcomes: readonly Outcome[], frequency: ReserveFrequency): FrequencyAssessment | null {
  const withReserve = outcomes.filter((o) => o.result && o.result.form === "part-ii" && (o.result.profile.reservePage || o.result.profile.pabPage));
  if (!withReserve.length) return null;
  const reports = withReserve.flatMap((o) => {
    const report = o.result!.evaluation.report;
    const end = periodEnd(report, o.file);
    // "The sum of Total Credits in the Customer Reserve Bank Account computation and the PAB Reserve Bank Account computation".
    const customer = amountOf(report, "4430");
    const pab = amountOf(report, "90111");
    return end ? [{ periodEnd: end.date, source: o.file, totalCredits: customer === null && pab === null ? null : (customer ?? new D(0)).plus(pab ?? 0) }] : [];
  });
  return assessFrequency(reports, frequency);
}
