/**
 * What `focus check` prints: a readable report (net capital summary, then findings by form
 * section) or the JSON document of the README.
 */
import {
  catalogue,
  formatAmount,
  FORM_NAMES,
  SECTION_ORDER,
  sectionTitle,
  D,
  type CheckResult,
  type Finding,
  type ReserveSummary,
  type Scale,
  type SummaryLine,
} from "../focus";

/** The JSON document of `focus check --format json`. Amounts are exact decimal strings. */
export function checkJson(result: CheckResult, file: string): object {
  return {
    file,
    form: result.form,
    profile: result.profile,
    summary: result.summary,
    failing: result.failing,
    findings: result.findings.map((f) => ({
      rule: f.rule,
      title: f.title,
      severity: f.severity,
      status: f.status,
      section: f.section,
      formula: f.formula,
      items: f.items,
      expected: f.expected,
      actual: f.actual,
      difference: f.difference,
      citation: f.citation,
      message: f.message,
      where: f.where,
      implied: f.implied,
      missing: f.missing,
      invalid: f.invalid,
      unconfirmed: f.unconfirmed,
      ...(f.note ? { note: f.note } : {}),
      ...("sources" in f ? { sources: (f as { sources: unknown }).sources } : {}),
      ...("moreSources" in f ? { moreSources: (f as { moreSources: unknown }).moreSources } : {}),
    })),
    netCapital: result.netCapital,
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}
function lpad(s: string, n: number): string {
  return s.length >= n ? s : " ".repeat(n - s.length) + s;
}

function shown2(plain: string): string {
  return formatAmount(new D(plain), "dollars");
}

function shown(plain: string | null, scale: Scale): string {
  if (plain === null) return "—";
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return plain;
  return formatAmount(new D(plain), scale);
}

const SUMMARY_LABELS: [Exclude<keyof CheckResult["netCapital"], "reserve">, string][] = [
  ["tentativeNetCapital", "Tentative net capital"],
  ["netCapital", "Net capital"],
  ["minimumRequirement", "Minimum net capital requirement"],
  ["excessNetCapital", "Excess net capital"],
  ["earlyWarningMinimum", "Net capital less 120% of minimum"],
  ["earlyWarningDebits", "Net capital less 5% of agg. debits"],
  ["aggregateDebitItems", "Aggregate debit items"],
  ["aggregateIndebtedness", "Aggregate indebtedness"],
  ["netCapitalToDebits", "Net capital / aggregate debits %"],
  ["aggregateIndebtednessToNetCapital", "A.I. / net capital %"],
  ["excessNetCapitalAt1000", "Excess net capital at 1000%"],
  ["cftcMinimum", "CFTC minimum (futures commission merchant)"],
];

const RESERVE_LABELS: [Exclude<keyof ReserveSummary, "frequency">, string][] = [
  ["totalCredits", "Total credits"],
  ["aggregateDebitItems", "Aggregate debit items"],
  ["reduction", "Reduction of debit items"],
  ["totalDebits", "Total 15c3-3 debits"],
  ["requirement", "Reserve requirement"],
  ["onDeposit", "On deposit"],
  ["afterDeposit", "After the deposit"],
  ["excessOrDeficiency", "Excess (deficiency) after the deposit"],
];

function summaryRow(label: string, l: SummaryLine): string {
  if (l.basis === "unavailable" && l.item === "") return `  ${pad(label, 44)}${lpad("", 18)}${lpad("", 18)}  (${l.note})`;
  const scale: Scale = ["3851", "3850"].includes(l.item) ? "percent" : "dollars";
  const computed = l.computed === null ? "—" : shown(l.computed, scale);
  const range = l.low !== undefined ? ` (${shown(l.low, scale)} to ${shown(l.high ?? null, scale)})` : "";
  const basis = l.basis === "unavailable" ? "" : l.basis;
  return `  ${pad(l.item ? `${label} (${l.item})` : label, 44)}${lpad(shown(l.reported, scale), 18)}${lpad(computed, 18)}  ${basis}${l.basis === "implied" ? range : ""}`;
}

const STATUS_WORD: Record<Finding["status"], string> = {
  pass: "pass",
  fail: "FAIL",
  "cannot-evaluate": "CANNOT EVALUATE",
  "not-applicable": "n/a",
};

/** Options of the readable report. */
export interface TextOptions {
  /** Include not-applicable findings. */
  all?: boolean;
  /** Show only failing and cannot-evaluate findings (a check of many files: one short block each). */
  failuresOnly?: boolean;
}

/** The readable report of a check. */
export function checkText(result: CheckResult, file: string, opts: TextOptions = {}): string {
  const out: string[] = [];
  const cat = catalogue(result.form);
  out.push(`${FORM_NAMES[result.form]}: ${file}`);
  const p = result.profile;
  out.push(
    `Filer: ${result.form === "part-iia" ? "" : p.models ? "authorized to use models; " : "not authorized to use models; "}${
      p.standard === "alternative" ? "alternative standard (2% of aggregate debit items)" : p.standard === "basic" ? "aggregate indebtedness standard" : "ratio standard not shown"
    }${p.firstYear ? "; first 12 months of business" : ""}${result.evaluation.engine.options.partial ? "; partial input (blank boxes are unknown)" : ""}${
      result.evaluation.report.units !== "dollars" ? `; amounts in ${result.evaluation.report.units} (each ± half its last printed digit)` : ""
    }`,
  );
  out.push("");
  out.push(`  ${pad("Net capital summary", 44)}${lpad("Reported", 18)}${lpad("Computed", 18)}  Basis`);
  const lines: (readonly [string, SummaryLine])[] = SUMMARY_LABELS.map(([key, label]) => [label, result.netCapital[key]] as const).filter(
    (x): x is readonly [string, SummaryLine] => x[1] !== undefined,
  );
  for (const [label, l] of lines) out.push(summaryRow(label, l));
  const reserve = result.netCapital.reserve;
  if (reserve) {
    out.push("");
    out.push(`  ${pad(`Reserve formula (15c3-3, Exhibit A; ${reserve.frequency})`, 44)}${lpad("Reported", 18)}${lpad("Computed", 18)}  Basis`);
    for (const [key, label] of RESERVE_LABELS) {
      const l = reserve[key];
      lines.push([label, l]);
      out.push(summaryRow(label, l));
    }
  }
  const impliedLines = lines.filter(([, l]) => l.basis === "implied");
  if (impliedLines.length) {
    out.push("  implied: the box is blank (or rests on blank boxes) and the figure is what the other reported figures imply.");
  }
  out.push("");
  const s = result.summary;
  out.push(
    `Findings: ${s.pass} pass, ${s.fail} fail, ${s.cannotEvaluate} cannot evaluate, ${s.notApplicable} not applicable${opts.failuresOnly ? " (passes not shown; --all shows every finding)" : opts.all ? "" : " (not shown; --all shows them)"}`,
  );
  const shownFindings = result.findings.filter((f) => (opts.failuresOnly ? f.status === "fail" || f.status === "cannot-evaluate" : opts.all || f.status !== "not-applicable"));
  for (const section of SECTION_ORDER) {
    const fs = shownFindings.filter((f) => f.section === section);
    if (fs.length === 0) continue;
    out.push("");
    out.push(sectionTitle(result.form, section));
    const order: Finding["status"][] = ["fail", "cannot-evaluate", "pass", "not-applicable"];
    fs.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
    for (const f of fs) {
      const head = `  ${pad(STATUS_WORD[f.status], 16)}${pad(f.rule, 19)}${f.severity === "warning" ? "[warning] " : ""}${f.status === "pass" || f.status === "not-applicable" ? f.title : f.message}`;
      out.push(head);
      if (f.status === "fail" || f.status === "cannot-evaluate") {
        const scale: Scale = f.items[0] && cat.get(f.items[0])?.kind === "percent" ? "percent" : "dollars";
        if (f.expected !== null || f.actual !== null) {
          out.push(`  ${pad("", 35)}expected ${shown(f.expected, scale)}   actual ${shown(f.actual, scale)}   difference ${shown(f.difference, scale)}`);
        }
        if (f.formula) out.push(`  ${pad("", 35)}${f.formula.length > 140 ? f.formula.slice(0, 137) + "..." : f.formula}`);
        if (f.citation) out.push(`  ${pad("", 35)}${f.citation}`);
        if (f.where.length) out.push(`  ${pad("", 35)}at ${f.where.slice(0, 6).join(", ")}${f.where.length > 6 ? ", ..." : ""}`);
        if (f.unconfirmed.length) out.push(`  ${pad("", 35)}unconfirmed code${f.unconfirmed.length > 1 ? "s" : ""}: ${f.unconfirmed.join(", ")}`);
        if (f.note) out.push(`  ${pad("", 35)}note: ${f.note}`);
        // Built from the ledger: the accounts behind each item (the drill-down).
        const { sources, moreSources } = f as Finding & { sources?: Record<string, { account: string; name: string; balance: string }[]>; moreSources?: Record<string, number> };
        for (const [code, list] of Object.entries(sources ?? {})) {
          const shown = list.slice(0, 6).map((a) => `${a.account} ${a.name} ${shown2(a.balance)}`).join("; ");
          const more = list.length - Math.min(6, list.length) + (moreSources?.[code] ?? 0);
          out.push(`  ${pad("", 35)}${code} from account${list.length === 1 ? "" : "s"}: ${shown}${more ? `; and ${more} more` : ""}`);
        }
      }
    }
  }
  out.push("");
  out.push(
    result.failing
      ? "Result: at least one error-severity rule fails (exit code 1)."
      : "Result: no error-severity rule fails (exit code 0).",
  );
  return out.join("\n");
}
