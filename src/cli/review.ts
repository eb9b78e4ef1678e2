/**
 * `focus review REPORT [PRIOR…] [--trial-balance TB --map MAP] -o review.html`: the review pack
 * of a report (src/focus/review), as one self-contained HTML file or, with `--format json`, as
 * data. PRIOR may be files or folders of reports; each is labelled by its period end (item 25),
 * else a date in its file name, else its file name. With a trial balance and its map, the pack
 * names the accounts behind every line that fails or moved. Exit 0 when the pack is written (its
 * findings are in the pack, not in the exit code), 2 for unusable input or an output that cannot
 * be written.
 */
import { createHash } from "crypto";
import * as path from "path";
import { rulesFor, type FormId, type RatioStandard, type ReserveFrequency, type Units } from "../focus";
import { coverText, reviewHtml, reviewPack, type PackFile, type PackPeriod } from "../focus/review";
import { checkOne, expandFiles } from "./check";
import { periodEnd } from "./compare";
import { exitTwoOnUnusable, type Io, UnusableInput } from "./errors";
import { readBytes } from "./inputs";
import { buildFromFiles } from "./ledger";
import { checkOutput, writeOutput } from "./output";

/** Options of `focus review`. */
export interface ReviewCliOptions {
  out?: string;
  format?: string;
  force?: boolean;
  form?: FormId;
  formGiven?: boolean;
  units?: Units;
  partial?: boolean;
  standard?: RatioStandard;
  frequency?: ReserveFrequency;
  firstYear?: boolean;
  trialBalance?: string;
  map?: string;
  sheet?: string;
  /** The time the pack is made (ISO 8601); default now. Tests fix it. */
  madeAt?: string;
}

const sha256 = (file: string) => createHash("sha256").update(readBytes(file)).digest("hex");

/** `focus review`; resolves to the exit code. */
export async function runReview(files: readonly string[], opts: ReviewCliOptions, version: string, io: Io): Promise<number> {
  return exitTwoOnUnusable(io, async () => {
    if (!files.length) throw new UnusableInput("focus review needs the report: focus review REPORT [PRIOR…] -o review.html");
    if (Boolean(opts.trialBalance) !== Boolean(opts.map)) throw new UnusableInput("give the ledger with both --trial-balance and --map.");
    const json = opts.format === "json";
    if (!json && !opts.out) throw new UnusableInput("name the HTML file to write: -o review.html (or --format json to print the data).");
    const [reportFile, ...priorArgs] = files;
    const priorFiles = priorArgs.length ? expandFiles(priorArgs).map((f) => f.file) : [];
    const inputs = [reportFile, ...priorFiles, ...(opts.trialBalance ? [opts.trialBalance, opts.map as string] : [])];
    if (opts.out) checkOutput(opts.out, { inputs, force: opts.force });

    const checkOpts = { ...opts, trialBalance: undefined, map: undefined, format: "json" };
    const label = (file: string, result: PackPeriod["result"]) => coverText(result, "25") ?? periodEnd(result.evaluation.report, file)?.date ?? path.basename(file);
    const main = await checkOne(reportFile, checkOpts, !opts.formGiven);
    const priors: PackPeriod[] = [];
    for (const f of priorFiles) {
      const p = await checkOne(f, checkOpts, !opts.formGiven);
      priors.push({ label: label(f, p.result), result: p.result });
    }
    const ledger = opts.trialBalance ? await buildFromFiles(main.result.form, opts.trialBalance, opts.map as string, opts.sheet) : undefined;
    const packFiles: PackFile[] = [
      { name: reportFile, role: "report", sha256: sha256(reportFile) },
      ...priorFiles.map((f): PackFile => ({ name: f, role: "prior", sha256: sha256(f) })),
      ...(opts.trialBalance ? [{ name: opts.trialBalance, role: "trial balance", sha256: sha256(opts.trialBalance) } as PackFile, { name: opts.map as string, role: "map", sha256: sha256(opts.map as string) } as PackFile] : []),
    ];
    const units = main.result.evaluation.report.units;
    const pack = reviewPack({
      report: { label: label(reportFile, main.result), result: main.result },
      priors,
      ...(ledger ? { ledger } : {}),
      files: packFiles,
      version,
      rulesVersion: `${version} (${rulesFor(main.result.form).length} rules of ${main.result.form === "part-ii" ? "Part II" : "Part IIA"})`,
      madeAt: opts.madeAt ?? new Date().toISOString(),
      units,
    });
    if (json) {
      const text = JSON.stringify(pack, null, 2);
      if (opts.out) writeOutput(opts.out, text + "\n", { inputs, force: opts.force });
      else io.out(text);
    } else {
      writeOutput(opts.out as string, reviewHtml(pack), { inputs, force: opts.force });
    }
    if (opts.out) {
      const n = pack.notices.notices;
      io.out(`wrote ${opts.out}: ${pack.cover.firm}, ${pack.cover.form}${pack.cover.periodEnd ? ` as of ${pack.cover.periodEnd}` : ""}; ${pack.findings.failing} failing, ${pack.findings.cannotEvaluate} cannot evaluate; ${n.length ? `NOTICE: ${n.map((x) => x.paragraph).join(", ")}` : "no notice under Rule 17a-11"}.`);
    }
    return 0;
  });
}
