/**
 * The `focus` command: check a report file, list the item catalogue, write a blank template.
 *
 * Exit codes of `focus check`: 0 no failing error-severity rule; 1 at least one; 2 unusable input
 * (or a usage error), with a message on stderr saying why and where.
 */
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Option } from "commander";
import { catalogue, FORMS, SCHEDULE_LINES, UNITS, type FormId, type RatioStandard, type ReserveFrequency, type Units } from "../focus";
import { provenance } from "../focus/catalogue/provenance";
import { exitTwoOnUnusable, type Io, UnusableInput } from "./errors";
import { runCheck } from "./check";
import { rulesForms, rulesJson, rulesMarkdown, rulesText } from "./rules";
import { runDiff, runReconcile } from "./compare";
import { runHaircuts } from "./haircuts";
import { runReview, type ReviewCliOptions } from "./review";
import { buildFromFiles, writeBuilt, type PeriodOptions } from "./ledger";
import { buildTemplate } from "./xlsx";
import { checkOutput, fsProblem, writeOutput } from "./output";

/** Where the command writes; tests capture it. */
export type { Io };
export { runCheck };

/**
 * Standard output or error could not be written. A reader that stops early (`focus items | head
 * -1`) closes the pipe: end quietly with the exit code so far. Anything else (a full disk under
 * `> file`, a closed terminal) is exit 2 with one line on standard error, never exit 1 (the code
 * for failing findings) and never a stack trace.
 */
export function outputFailed(e: unknown): never {
  if ((e as NodeJS.ErrnoException)?.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  try {
    process.stderr.write(`focus: the output cannot be written: ${fsProblem(e)}.\n`);
  } catch {
    /* standard error is gone too: the exit code says it */
  }
  process.exit(2);
}

function write(stream: NodeJS.WriteStream, s: string): void {
  try {
    stream.write(s.endsWith("\n") ? s : s + "\n");
  } catch (e) {
    outputFailed(e);
  }
}

const defaultIo: Io = {
  out: (s) => write(process.stdout, s),
  err: (s) => write(process.stderr, s),
};

/** The project's version, from package.json (two folders up from src/cli and from build/cli alike). */
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;

function formOption(): Option {
  return new Option("--form <form>", "which FOCUS form").choices([...FORMS]).default("part-ii");
}

/** `focus build`: the report from a trial balance and its map, written to OUT; resolves to the exit code (1 when the ledger has an error finding). */
export async function runBuild(
  opts: { trialBalance?: string; map?: string; sheet?: string; form?: FormId; out?: string; units?: Units; force?: boolean } & PeriodOptions,
  io: Io = defaultIo,
): Promise<number> {
  return exitTwoOnUnusable(io, async () => {
    if (!opts.trialBalance || !opts.map || !opts.out) throw new UnusableInput("focus build needs --trial-balance, --map and -o OUT (.csv, .json or .xlsx).");
    // Before any work: the output is not an input, not an existing file (without --force), in a folder that exists.
    const output = { inputs: [opts.trialBalance, opts.map, ...(opts.priorTrialBalance ? [opts.priorTrialBalance] : [])], force: opts.force };
    checkOutput(opts.out, output);
    const b = await buildFromFiles(opts.form ?? "part-ii", opts.trialBalance, opts.map, opts.sheet, opts);
    await writeBuilt(b, opts.out, opts.units, output);
    const accounts = new Set([...b.sources.values()].flat().filter((a) => a.account !== "(closing)").map((a) => a.account)).size;
    for (const n of b.notes) io.out(`note: ${n}`);
    io.out(`wrote ${opts.out}: ${b.values.size} items from ${accounts} accounts${b.unmapped.length ? `; ${b.unmapped.length} accounts with a balance are not mapped` : ""}.`);
    for (const f of b.findings) io.out(`  ${f.severity === "error" ? "ERROR" : "warning"} ${f.rule}: ${f.message}`);
    return b.findings.some((f) => f.severity === "error") ? 1 : 0;
  });
}

/** Build the command line program. */
export function program(io: Io = defaultIo, setExit: (code: number) => void = () => undefined): Command {
  const p = new Command("focus");
  p.description("Check the FOCUS Report (Form X-17A-5 Part II) arithmetic and Rule 15c3-1 net capital, exactly.")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride();

  const checkCommand = p.command("check");
  checkCommand
    .description(
      "check reports: .xlsx/.xlsm (cells named FOCUS_<code>), .csv (item,value) or .json ({\"3750\": \"299,549,779\"}); several files or a folder give one block each and a closing table, and the worst exit code",
    )
    .argument("[files...]", "the reports, or folders of them (or --trial-balance and --map)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(formOption())
    .option("--all", "also list rules that do not apply to this report")
    .option("--first-year", "the firm is in its first 12 months of business (800% A.I. limit)")
    .addOption(
      new Option("--frequency <frequency>", "how often the reserve formula is computed (15c3-3(e)(3)): monthly takes 105%, daily the 2% reduction")
        .choices(["weekly", "monthly", "daily"])
        .default("weekly"),
    )
    .option("--partial", "the input is partial (a note, one page, a draft): blank boxes are unknown, not zero; incomplete is exit 0 with cannot-evaluate findings")
    .addOption(new Option("--standard <standard>", "the firm's ratio standard, declared (default: read from the lines)").choices(["basic", "alternative"]))
    .addOption(new Option("--units <units>", "the unit the report's dollar amounts are printed in; each figure then carries ± half its last printed digit (15.57 billions: ± 5,000,000)").choices([...UNITS]))
    .option("--trial-balance <file>", "build the report from a trial balance (CSV account,name,balance or account,name,debit,credit; JSON; an .xlsx sheet)")
    .option("--map <file>", "the map of its accounts to items (account or range 1000-1099, item code or exclude, note)")
    .option("--sheet <name>", "the sheet of an .xlsx trial balance or map")
    .option("--period-start <date>", "with --trial-balance: the first day of the period its income and expense accounts cover (YYYY-MM-DD)")
    .option("--period-end <date>", "with --trial-balance: the last day of the period (YYYY-MM-DD)")
    .option("--prior-trial-balance <file>", "with --trial-balance: the prior month-end's trial balance, for 4211 (current month only)")
    .action(async (files: string[], opts: { format: string; form: FormId; all?: boolean; firstYear?: boolean; frequency: ReserveFrequency; partial?: boolean; standard?: RatioStandard; units?: Units; trialBalance?: string; map?: string; sheet?: string } & PeriodOptions) => {
      setExit(await runCheck(files, { ...opts, formGiven: checkCommand.getOptionValueSource("form") === "cli" }, io));
    });

  p.command("items")
    .description("list the item catalogue, with whether a source confirms each code")
    .option("--search <text>", "an item code prefix, or words of the label")
    .addOption(formOption())
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((opts: { search?: string; form: FormId; format: string }) => {
      let cat;
      try {
        cat = catalogue(opts.form);
      } catch (e) {
        io.err(`focus: ${(e as Error).message}`);
        setExit(2);
        return;
      }
      const items = cat.search(opts.search ?? "");
      if (opts.format === "json") {
        io.out(JSON.stringify(items.map((it) => ({ ...it, ...provenance(opts.form, it.code) })), null, 2));
      } else {
        for (const it of items) {
          io.out(`${it.code.padEnd(6)} ${(it.confirmed ? "confirmed" : `UNCONFIRMED (${it.confidence})`).padEnd(24)} ${it.section.padEnd(23)} ${(it.line || "-").padEnd(7)} ${it.column.padEnd(14)} ${it.label}`);
        }
        io.out(`${items.length} item${items.length === 1 ? "" : "s"}; ${items.filter((i) => !i.confirmed).length} with unconfirmed codes.`);
      }
      setExit(0);
    });

  p.command("build")
    .description("build the report from the ledger: a trial balance and a map of its accounts to FOCUS items")
    .requiredOption("--trial-balance <file>", "the trial balance")
    .requiredOption("--map <file>", "the map of accounts to items")
    .requiredOption("-o, --out <file>", "the report to write: .csv, .json, or .xlsx in the template's layout")
    .option("--sheet <name>", "the sheet of an .xlsx trial balance or map")
    .addOption(new Option("--units <units>", "the unit of the trial balance's amounts, written into the report (CSV row, JSON key)").choices([...UNITS]))
    .addOption(formOption())
    .option("--force", "replace the output file if it exists (never an input)")
    .option("--period-start <date>", "the first day of the period the income and expense accounts cover (YYYY-MM-DD; cover item 24)")
    .option("--period-end <date>", "the last day of the period (YYYY-MM-DD; cover item 25)")
    .option("--prior-trial-balance <file>", "the prior month-end's trial balance of the same year: 4211 (current month only) is the difference of the two incomes")
    .action(async (opts: { trialBalance: string; map: string; out: string; sheet?: string; form: FormId; units?: Units; force?: boolean } & PeriodOptions) => {
      setExit(await runBuild(opts, io));
    });

  p.command("rules")
    .description("list every rule: id, title, formula in item codes and labels, severity, tolerance, citation, since which version")
    .addOption(new Option("--form <form>", "one form (default: both)").choices([...FORMS]))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action((opts: { form?: FormId; format: string }) => {
      const forms = rulesForms(opts.form);
      if (opts.format === "json") io.out(JSON.stringify(rulesJson(forms, VERSION), null, 2));
      else if (opts.format === "markdown") io.out(rulesMarkdown(forms, VERSION));
      else io.out(rulesText(forms));
      setExit(0);
    });

  const diffCommand = p.command("diff");
  diffCommand
    .description("compare two reports (prior period, or any two): flagged movements and the net capital bridge")
    .argument("<before>", "the earlier report")
    .argument("<after>", "the later report")
    .option("--threshold-amount <dollars>", "flag a change above this many dollars (and above the percentage)", "10000")
    .option("--threshold-pct <percent>", "flag a change above this percent of the before figure (and above the amount)", "10")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(formOption())
    .addOption(new Option("--units <units>", "the unit both reports' dollar amounts are printed in").choices([...UNITS]))
    .action(async (before: string, after: string, opts: { thresholdAmount: string; thresholdPct: string; format: string; form: FormId; units?: Units }) => {
      setExit(await runDiff(before, after, { ...opts, formGiven: diffCommand.getOptionValueSource("form") === "cli" }, io));
    });

  const reconcileCommand = p.command("reconcile");
  reconcileCommand
    .description("reconcile the audited computation of net capital with the unaudited FOCUS report (Rule 17a-5)")
    .argument("<unaudited>", "the FOCUS report as filed")
    .argument("<audited>", "the audited computation (a CSV may carry an explanation column)")
    .option("--adjustments <file>", "adjustments at the line where each arises: CSV item,amount,explanation (amount: audited less unaudited; several rows per line allowed), or JSON [{item, amount, explanation}]")
    .option("--explanations <file>", "the same file under its 0.3.0 name (item,explanation: each explains the whole of what arises at its line)")
    .option("--materiality <dollars>", "list differences above this many dollars (default 0: any difference)", "0")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .addOption(formOption())
    .addOption(new Option("--units <units>", "the unit both reports' dollar amounts are printed in").choices([...UNITS]))
    .action(async (unaudited: string, audited: string, opts: { adjustments?: string; explanations?: string; materiality: string; format: string; form: FormId; units?: Units }) => {
      if (opts.adjustments && opts.explanations) {
        io.err("focus: reconcile takes --adjustments or --explanations, not both.");
        return setExit(2);
      }
      setExit(await runReconcile(unaudited, audited, { ...opts, explanations: opts.adjustments ?? opts.explanations, formGiven: reconcileCommand.getOptionValueSource("form") === "cli" }, io));
    });

  const reviewCommand = p.command("review");
  reviewCommand
    .description("the review pack: one self-contained HTML workpaper (or --format json) with capital at a glance, Rule 17a-11 notices, findings, the prior periods, sources, reserve and sign-off")
    .argument("<files...>", "the report, then prior reports (files or folders) for the bridge or the trend")
    .option("-o, --out <file>", "the HTML file to write (with --format json: the JSON file; without, JSON goes to standard output)")
    .addOption(new Option("--format <format>", "output format").choices(["html", "json"]).default("html"))
    .option("--force", "replace the output file if it exists (never an input)")
    .addOption(formOption())
    .addOption(new Option("--units <units>", "the unit the reports' dollar amounts are printed in").choices([...UNITS]))
    .option("--partial", "the reports are partial: blank boxes are unknown, not zero")
    .addOption(new Option("--standard <standard>", "the firm's ratio standard, declared").choices(["basic", "alternative"]))
    .addOption(new Option("--frequency <frequency>", "how often the reserve formula is computed").choices(["weekly", "monthly", "daily"]).default("weekly"))
    .option("--first-year", "the firm is in its first 12 months of business")
    .option("--trial-balance <file>", "the trial balance the report was built from: the pack names the accounts behind lines that fail or moved")
    .option("--map <file>", "the map of that trial balance")
    .option("--sheet <name>", "the sheet of an .xlsx trial balance or map")
    .action(async (files: string[], opts: ReviewCliOptions) => {
      setExit(await runReview(files, { ...opts, formGiven: reviewCommand.getOptionValueSource("form") === "cli" }, VERSION, io));
    });

  p.command("haircuts")
    .description("the haircut schedule of a securities inventory, by form line (15c3-1(c)(2)(vi)): offsets, the (J) book, undue concentration")
    .argument("<positions>", "positions: .csv (id,description,category,market_value,maturity,issuer,hedge_group), .json array, or .xlsx (header in row 1)")
    .option("--as-of <date>", "the report date (YYYY-MM-DD), for maturities given as dates")
    .option("--net-capital-before-haircuts <dollars>", "tentative net capital (3640), for undue concentration")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (file: string, opts: { asOf?: string; netCapitalBeforeHaircuts?: string; format: string }) => {
      setExit(await runHaircuts(file, opts, io, Object.fromEntries(SCHEDULE_LINES.map((l) => [l.code, `${l.line} ${l.title}`]))));
    });

  p.command("template")
    .description("write a blank workbook laid out like the form, every value cell named FOCUS_<code>")
    .argument("<out>", "the .xlsx file to write")
    .addOption(formOption())
    .option("--force", "replace the file if it exists")
    .action(async (out: string, opts: { form: FormId; force?: boolean }) => {
      if (path.extname(out).toLowerCase() !== ".xlsx") {
        io.err(`focus: ${out}: the template is an .xlsx workbook; name it *.xlsx.`);
        setExit(2);
        return;
      }
      try {
        catalogue(opts.form);
      } catch (e) {
        io.err(`focus: ${(e as Error).message}`);
        setExit(2);
        return;
      }
      setExit(
        await exitTwoOnUnusable(io, async () => {
          checkOutput(out, { inputs: [], force: opts.force });
          const buffer = await buildTemplate(opts.form).xlsx.writeBuffer();
          writeOutput(out, new Uint8Array(buffer as ArrayBuffer), { inputs: [], force: opts.force });
          io.out(`wrote ${out}: ${catalogue(opts.form).items.length} items named FOCUS_<code>.`);
          return 0;
        }),
      );
    });
  return p;
}

/** Run the command line (argv as process.argv); resolves to the exit code. Never throws. */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const p = program(io, (c) => {
    code = c;
  });
  try {
    await p.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2;
    }
    io.err(`focus: unexpected error: ${(e as Error).stack ?? e}`);
    return 3;
  }
  return code;
}
