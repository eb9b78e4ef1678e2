/**
 * `focus diff` (period against period, with the net capital bridge) and `focus reconcile` (the
 * audited computation of net capital against the unaudited FOCUS report). Both read every input
 * `focus check` reads. Exit codes: 0, or 2 for unusable input or a bad threshold; `reconcile` exits
 * 1 when a difference has no explanation.
 */
import {
  buildReport,
  compareReports,
  D,
  formatAmount,
  adjustmentsFromExplanations,
  reconcile,
  type Bridge,
  type Comparison,
  type Decimal,
  type FormId,
  type Reconciliation,
  type Report,
  type Units,
} from "../focus";
import { exitTwoOnUnusable, type Io, UnusableInput } from "./errors";
import { detectForm } from "./check";
import { readAdjustments, readInputFile } from "./inputs";
import { periodEnd } from "./period";

export { periodEnd } from "./period";

/** Options shared by diff and reconcile. */
export interface CompareCliOptions {
  form?: FormId;
  /** --form was given: otherwise each report's form is detected from its item codes, as check does. */
  formGiven?: boolean;
  units?: Units;
  format?: string;
}

/** Read a report file: its entries against the form, in the file's units (or --units), and how it was read (notes). Throws UnusableInput. */
async function readReport(file: string, opts: CompareCliOptions): Promise<{ report: Report; explanations?: Map<string, string>; notes: string[] }> {
  const read = await readInputFile(file);
  if (opts.units && read.units && opts.units !== read.units) {
    throw new UnusableInput(`${file} says its amounts are in ${read.units}, but --units says ${opts.units}; keep one.`);
  }
  const form = opts.formGiven ? (opts.form ?? "part-ii") : detectForm(read.entries);
  return { report: buildReport(form, read.entries, { units: opts.units ?? read.units ?? "dollars" }), explanations: read.explanations, notes: read.notes ?? [] };
}

/** The notes of how files were read, as lines for the text output. */
const noteLines = (notes: readonly string[]): string[] => notes.map((n) => `note: ${n}`);

/** A threshold argument: a number not below zero; throws UnusableInput naming the option. */
export function thresholdArg(name: string, value: string | undefined, fallback: Decimal): Decimal {
  if (value === undefined) return fallback;
  const t = value.trim().replace(/,/g, "").replace(/%$/, "");
  if (!/^\d+(\.\d+)?$/.test(t)) throw new UnusableInput(`${name} "${value}" is not a number of at least 0.`);
  return new D(t);
}

const money = (v: Decimal | null) => (v === null ? "—" : formatAmount(v, "dollars"));
const signed = (v: Decimal) => (v.isNegative() ? formatAmount(v, "dollars", { negative: "minus" }) : `+${formatAmount(v, "dollars")}`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const plain = (v: Decimal | null) => (v === null ? null : v.toFixed());

function bridgeJson(b: Bridge | null): object | null {
  return b && { label: b.label, before: plain(b.before), after: plain(b.after), steps: b.steps.map((s) => ({ items: s.items, label: s.label, change: plain(s.change), ...(s.unknown ? { unknown: s.unknown } : {}) })) };
}

/** The JSON of `focus diff`: amounts as exact decimal strings. */
export function diffJson(c: Comparison, before: string, after: string): object {
  return {
    before,
    after,
    form: c.form,
    otherForm: c.otherForm,
    thresholds: { amount: plain(c.thresholdAmount), pct: plain(c.thresholdPct) },
    changes: c.changes.map((x) => ({
      item: x.item,
      label: x.label,
      before: plain(x.before),
      after: plain(x.after),
      change: plain(x.change),
      changePct: x.changePct === null ? null : x.changePct.toFixed(2),
      flagged: x.flagged,
      kind: x.kind,
    })),
    notCompared: c.notCompared,
    bridge: { netCapital: bridgeJson(c.bridge.netCapital), excessNetCapital: bridgeJson(c.bridge.excessNetCapital) },
  };
}

function bridgeText(b: Bridge): string[] {
  const out = [`${b.label}`, `  ${pad("before", 60)}${lpad(money(b.before), 20)}`];
  for (const s of b.steps) out.push(`  ${pad(`${s.label} (${s.items.join(", ")})`, 60)}${lpad(signed(s.change), 20)}`);
  out.push(`  ${pad("after", 60)}${lpad(money(b.after), 20)}`);
  return out;
}

/** The readable text of `focus diff`: the flagged movements, then the bridges. */
export function diffText(c: Comparison, before: string, after: string): string {
  const out: string[] = [`Comparing ${before} (before) with ${after} (after)`];
  if (c.otherForm) out.push(`Different forms (${c.otherForm} before, ${c.form} after): only the items the two forms share by meaning are compared.`);
  const flagged = c.changes.filter((x) => x.flagged);
  out.push(`${c.changes.length} items changed; ${flagged.length} flagged (above ${money(c.thresholdAmount)} and ${c.thresholdPct.toFixed()}%).`, "");
  if (flagged.length) {
    out.push(`  ${pad("item", 8)}${pad("label", 52)}${lpad("before", 18)}${lpad("after", 18)}${lpad("change", 18)}${lpad("%", 9)}`);
    for (const x of flagged) {
      out.push(
        `  ${pad(x.item, 8)}${pad(x.label.length > 50 ? x.label.slice(0, 49) + "…" : x.label, 52)}${lpad(money(x.before), 18)}${lpad(money(x.after), 18)}${lpad(signed(x.change), 18)}${lpad(x.changePct === null ? x.kind : `${x.changePct.toFixed(2)}%`, 9)}`,
      );
    }
    out.push("");
  }
  for (const n of c.notCompared) out.push(`  not compared: ${n.item} (${n.label}): ${n.reason}`);
  if (c.notCompared.length) out.push("");
  if (c.bridge.netCapital) out.push(...bridgeText(c.bridge.netCapital), "");
  else out.push("No net capital bridge: neither report gives net capital or its lines.", "");
  if (c.bridge.excessNetCapital) out.push(...bridgeText(c.bridge.excessNetCapital));
  return out.join("\n");
}

/** `focus diff BEFORE AFTER`; resolves to the exit code. */
export async function runDiff(before: string, after: string, opts: CompareCliOptions & { thresholdAmount?: string; thresholdPct?: string }, io: Io): Promise<number> {
  return exitTwoOnUnusable(io, async () => {
    const thresholdAmount = thresholdArg("--threshold-amount", opts.thresholdAmount, new D(10_000));
    const thresholdPct = thresholdArg("--threshold-pct", opts.thresholdPct, new D(10));
    const [b, a] = [await readReport(before, opts), await readReport(after, opts)];
    const c = compareReports(b.report, a.report, { thresholdAmount, thresholdPct });
    const notes = [...b.notes, ...a.notes];
    if (opts.format === "json") io.out(JSON.stringify({ ...diffJson(c, before, after), ...(notes.length ? { notes } : {}) }, null, 2));
    else io.out([...noteLines(notes), diffText(c, before, after)].join("\n"));
    return 0;
  });
}

/** The JSON of `focus reconcile`. */
export function reconcileJson(r: Reconciliation, unaudited: string, audited: string): object {
  return {
    unaudited,
    audited,
    materiality: plain(r.materiality),
    statement: r.statement,
    differences: r.differences.map((d) => ({
      item: d.item,
      label: d.label,
      unaudited: plain(d.unaudited),
      audited: plain(d.audited),
      difference: plain(d.difference),
      fromLines: plain(d.fromLines),
      own: plain(d.own),
      adjustments: d.adjustments.map((x) => ({ amount: plain(x.amount), explanation: x.explanation, where: x.where })),
      unexplained: plain(d.unexplained),
      explanation: d.explanation,
    })),
    walk: r.walk && {
      from: plain(r.walk.from),
      groups: r.walk.groups.map((g) => ({ name: g.name, total: plain(g.total), steps: g.steps.map((x) => ({ item: x.item, explanation: x.explanation, effect: plain(x.effect), unexplained: x.unexplained })) })),
      to: plain(r.walk.to),
    },
    unexplained: r.unexplained,
    explainedWithoutDifference: r.explainedWithoutDifference,
    unknownItems: r.unknownItems,
    missing: r.missing,
  };
}

/** The reconciliation statement, ready to paste into the annual report's schedule: the lines that differ with their adjustments, then the walk. */
export function reconcileText(r: Reconciliation): string {
  const out = ["Reconciliation of the audited computation of net capital with the unaudited FOCUS Report (Rule 17a-5(d)(2)(iii))", "", r.statement];
  const cut = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
  if (r.differences.length) {
    out.push("", `  ${pad("line", 8)}${pad("label", 50)}${lpad("unaudited", 18)}${lpad("audited", 18)}${lpad("difference", 18)}`);
    for (const d of r.differences) {
      out.push(`  ${pad(d.item, 8)}${pad(cut(d.label, 48), 50)}${lpad(money(d.unaudited), 18)}${lpad(money(d.audited), 18)}${lpad(signed(d.difference), 18)}`);
      if (!d.fromLines.isZero()) out.push(`  ${pad("", 8)}${d.own.isZero() ? "Follows from the lines above it" : `${signed(d.fromLines)} follows from the lines above it; ${signed(d.own)} arises here`}.`);
      for (const x of d.adjustments) out.push(`  ${pad("", 8)}Adjustment ${signed(x.amount)}: ${x.explanation || "(no explanation given)"}`);
      if (d.unexplained.abs().gt(r.materiality)) {
        out.push(`  ${pad("", 8)}NOT EXPLAINED: ${signed(d.unexplained)}${d.adjustments.length ? " after the adjustments" : ""}; each material difference needs an adjustment with its explanation (Rule 17a-5(d)(2)(iii)).`);
      }
    }
  }
  if (r.walk && r.walk.groups.some((g) => g.steps.length)) {
    const w = r.walk;
    out.push("", "Net capital, unaudited to audited", `  ${pad("Net capital per the unaudited FOCUS Report", 78)}${lpad(money(w.from), 18)}`);
    for (const g of w.groups) {
      if (!g.steps.length) continue;
      out.push(`  ${g.name}`);
      for (const x of g.steps) out.push(`    ${pad(x.item, 8)}${pad(cut(x.explanation, 64), 66)}${lpad(signed(x.effect), 18)}`);
      out.push(`  ${pad(`Total: ${g.name.toLowerCase()}`, 78)}${lpad(signed(g.total), 18)}`);
    }
    out.push(`  ${pad("Net capital per the audited computation", 78)}${lpad(money(w.to), 18)}`);
  }
  for (const c of r.explainedWithoutDifference) out.push(`  warning: an explanation is given for ${c}, where nothing arises (its difference, if any, follows from its lines).`);
  for (const c of r.unknownItems) out.push(`  warning: an adjustment names ${c}, which is not a line of the reconciliation.`);
  return out.join("\n");
}

/** `focus reconcile UNAUDITED AUDITED`; resolves to the exit code (1 when a difference has no explanation). */
export async function runReconcile(unaudited: string, audited: string, opts: CompareCliOptions & { explanations?: string; materiality?: string }, io: Io): Promise<number> {
  return exitTwoOnUnusable(io, async () => {
    const materiality = thresholdArg("--materiality", opts.materiality, new D(0));
    const u = await readReport(unaudited, opts);
    const a = await readReport(audited, opts);
    // The audited report's own explanation column, then the adjustments file.
    const adjustments = [...adjustmentsFromExplanations(a.explanations ?? new Map(), audited), ...(opts.explanations ? readAdjustments(opts.explanations) : [])];
    const r = reconcile(u.report, a.report, adjustments, materiality);
    const notes = [...u.notes, ...a.notes];
    // Reconciling one period against another is almost always a mistake: say so at the top.
    const warnings: string[] = [];
    const [pu, pa] = [periodEnd(u.report, unaudited), periodEnd(a.report, audited)];
    if (pu && pa && pu.date !== pa.date) {
      warnings.push(
        `the two reports are of different periods: ${unaudited} ends ${pu.date} (${pu.from}), ${audited} ends ${pa.date} (${pa.from}). Rule 17a-5 reconciles the audited and the unaudited computations of the same date.`,
      );
    }
    if (opts.format === "json") io.out(JSON.stringify({ ...reconcileJson(r, unaudited, audited), warnings, ...(notes.length ? { notes } : {}) }, null, 2));
    else io.out([...warnings.map((w) => `WARNING: ${w}`), ...noteLines(notes), ...(warnings.length || notes.length ? [""] : []), reconcileText(r)].join("\n"));
    // A statement that rests on lines not read from both reports is not made: exit 2, saying what is missing.
    return r.missing.length ? 2 : r.unexplained.length ? 1 : 0;
  });
}
