/**
 * The review pack as data: everything the workpaper shows, in plain JSON-ready values (amounts as
 * exact decimal strings in whole dollars, percentages with two decimals), built from checked
 * reports. `focus review --format json` prints it; `reviewHtml` draws it. Pure: the caller gives
 * the files' SHA-256, the time and the versions.
 */
import { formatAmount } from "../report/amount";
import { catalogue } from "../catalogue/catalogue";
import { sectionTitle, SECTION_ORDER } from "../catalogue/types";
import { compareReports, type Bridge } from "../compare/compare";
import { D, type Decimal } from "../report/decimal";
import { RATES } from "../net-capital/regulation";
import type { CheckResult } from "../evaluator/check";
import type { SourceAccount } from "../ledger/ledger";
import type { SummaryLine } from "../evaluator/summary";
import { capitalMeasures, coverText, figure, noticesFor, smallestMargin, type Measure, type Notice } from "./notices";

/** An input file of the pack: its name, what it is, and its SHA-256 (hex). */
export interface PackFile {
  name: string;
  role: "report" | "prior" | "trial balance" | "map";
  sha256: string;
}

/** A checked report and how it is named in the pack (a period end, a file name). */
export interface PackPeriod {
  label: string;
  result: CheckResult;
}

/** What the pack is made from. */
export interface ReviewInput {
  report: PackPeriod;
  /** Prior periods, in any order: the pack orders them by label (period ends sort as dates). */
  priors?: PackPeriod[];
  /** The ledger the report was built from: the accounts behind each item, and the unmapped ones. */
  ledger?: { sources: ReadonlyMap<string, readonly SourceAccount[]>; unmapped: readonly SourceAccount[] };
  files: PackFile[];
  /** The product's version (package.json) and the rule set's. */
  version: string;
  rulesVersion: string;
  /** When the pack was made (ISO 8601). */
  madeAt: string;
  /** The units the figures were printed in (they are shown in dollars). */
  units: string;
}

/** A finding as the pack lists it. */
export interface PackFinding {
  rule: string;
  title: string;
  severity: string;
  status: string;
  formula: string;
  expected: string | null;
  actual: string | null;
  difference: string | null;
  citation: string;
  message: string;
}

/** The findings of one page of the form. */
export interface PackPage {
  section: string;
  title: string;
  passing: number;
  findings: PackFinding[];
}

/** A bridge as data: before, the steps (label, items, change) and after. */
export interface PackBridge {
  label: string;
  before: string;
  after: string;
  steps: { label: string; items: string[]; change: string; unknown?: string }[];
}

/** One period of the trend: net capital, the requirement, excess and the 120 % level (null when not known). */
export interface TrendPoint {
  label: string;
  netCapital: string | null;
  requirement: string | null;
  excess: string | null;
  earlyWarning: string | null;
}

/** The review pack (see the module comment). */
export interface ReviewPack {
  cover: { firm: string; form: string; periodEnd: string | null; units: string; version: string; rulesVersion: string; madeAt: string; files: PackFile[] };
  capital: { measures: Measure[]; summary: { label: string; item: string; figure: string | null; basis: string }[] };
  notices: { notices: Notice[]; none: string | null };
  findings: { pages: PackPage[]; failing: number; cannotEvaluate: number; passing: number };
  prior: {
    /** One prior: the flagged changes and the bridge of net capital. */
    comparison?: { prior: string; changes: { item: string; label: string; before: string | null; after: string | null; change: string; changePct: string | null }[]; bridge: PackBridge | null; notCompared: string[] };
    /** Several priors: the trend over every period, the report's included, oldest first. */
    trend?: TrendPoint[];
  };
  sources?: { lines: { item: string; label: string; why: string; accounts: { account: string; name: string; balance: string }[]; more: number }[]; unmapped: { account: string; name: string; balance: string }[] };
  reserve?: { frequency: string; lines: { label: string; item: string; figure: string | null }[] };
}

const plain = (v: Decimal | null) => (v === null ? null : v.toFixed(0));

function bridgeData(b: Bridge | null): PackBridge | null {
  return b && { label: b.label, before: b.before.toFixed(0), after: b.after.toFixed(0), steps: b.steps.map((s) => ({ label: s.label, items: s.items, change: s.change.toFixed(0), ...(s.unknown ? { unknown: s.unknown } : {}) })) };
}

/** A period label as a sortable key: MM/DD/YY(YY) and YYYY-MM-DD as dates, else the text. */
function sortKey(label: string): string {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(label);
  if (iso) return `${iso[1]}${iso[2]}${iso[3]}`;
  const us = /(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(label);
  if (us) {
    const y = us[3].length === 4 ? us[3] : `${Number(us[3]) >= 70 ? "19" : "20"}${us[3]}`;
    return `${y}${us[1].padStart(2, "0")}${us[2].padStart(2, "0")}`;
  }
  return label;
}

function trendPoint(p: PackPeriod): TrendPoint {
  const s = p.result.netCapital;
  const nc = figure(s.netCapital);
  const req = figure(s.minimumRequirement);
  return {
    label: p.label,
    netCapital: plain(nc),
    requirement: plain(req),
    excess: plain(figure(s.excessNetCapital) ?? (nc && req ? nc.minus(req) : null)),
    earlyWarning: req ? req.times(RATES.earlyWarningMinimum.numerator).div(RATES.earlyWarningMinimum.denominator).toDecimalPlaces(0, D.ROUND_HALF_UP).toFixed(0) : null,
  };
}

/**
 * Build the review pack. With one prior: the flagged changes and the net capital bridge (the same
 * as `focus diff` with its default thresholds); with several: the trend of net capital, the
 * requirement, excess and the 120 % level, oldest to newest. With a ledger: the accounts behind
 * every line that fails or moved, and the unmapped accounts.
 */
export function reviewPack(input: ReviewInput): ReviewPack {
  const r = input.report.result;
  const cat = catalogue(r.form);
  const firm = coverText(r, "13") ?? "The firm";
  const periodEnd = coverText(r, "25");
  const measures = capitalMeasures(r);
  const notices = noticesFor(measures, firm, periodEnd);
  const smallest = smallestMargin(measures);
  const none = notices.length
    ? null
    : smallest
      ? `No notice under Rule 17a-11 is indicated by this computation. The smallest margin is to ${smallest.threshold.label.replace(/ \(\d+\)$/, "").toLowerCase()} (${smallest.threshold.citation}): $${formatAmount(new D(smallest.threshold.margin), "dollars")}${smallest.threshold.marginPct ? `, ${smallest.threshold.marginPct}% of the level` : ""}.`
      : "No notice can be judged: net capital or the minimum requirement is not given and nothing reported implies it.";

  const s = r.netCapital;
  const summaryLine = (l: SummaryLine | undefined) => (l ? [{ label: l.label, item: l.item, figure: figure(l)?.toFixed(0) ?? null, basis: l.basis }] : []);
  const summary = [s.tentativeNetCapital, s.netCapital, s.minimumRequirement, s.excessNetCapital, s.earlyWarningMinimum, s.aggregateDebitItems, s.earlyWarningDebits, s.aggregateIndebtedness].flatMap(summaryLine);

  const pages: PackPage[] = [];
  for (const section of SECTION_ORDER) {
    // Pages the report does not fill (every rule not applicable) are left out.
    const fs = r.findings.filter((f) => f.section === section && f.status !== "not-applicable");
    if (!fs.length) continue;
    const shown = fs.filter((f) => f.status === "fail" || f.status === "cannot-evaluate");
    pages.push({
      section,
      title: sectionTitle(r.form, section),
      passing: fs.filter((f) => f.status === "pass").length,
      findings: shown.map((f) => ({ rule: f.rule, title: f.title, severity: f.severity, status: f.status, formula: f.formula, expected: f.expected, actual: f.actual, difference: f.difference, citation: f.citation, message: f.message })),
    });
  }

  const priors = [...(input.priors ?? [])].sort((a, b) => sortKey(a.label).localeCompare(sortKey(b.label)));
  const prior: ReviewPack["prior"] = {};
  let moved: string[] = [];
  if (priors.length === 1) {
    const c = compareReports(priors[0].result.evaluation.report, r.evaluation.report);
    const flagged = c.changes.filter((x) => x.flagged);
    moved = flagged.map((x) => x.item);
    prior.comparison = {
      prior: priors[0].label,
      changes: flagged.map((x) => ({ item: x.item, label: x.label, before: plain(x.before), after: plain(x.after), change: x.change.toFixed(0), changePct: x.changePct?.toFixed(2) ?? null })),
      bridge: bridgeData(c.bridge.netCapital),
      notCompared: c.notCompared.map((n) => `${n.item} (${n.label}): ${n.reason}`),
    };
  } else if (priors.length > 1) {
    prior.trend = [...priors, input.report].sort((a, b) => sortKey(a.label).localeCompare(sortKey(b.label))).map(trendPoint);
  }

  const pack: ReviewPack = {
    cover: { firm, form: r.form === "part-ii" ? "FOCUS Report Part II" : "FOCUS Report Part IIA", periodEnd, units: input.units, version: input.version, rulesVersion: input.rulesVersion, madeAt: input.madeAt, files: input.files },
    capital: { measures, summary },
    notices: { notices, none },
    findings: { pages, failing: r.summary.fail, cannotEvaluate: r.summary.cannotEvaluate, passing: r.summary.pass },
    prior,
  };

  if (input.ledger) {
    const failing = r.findings.filter((f) => f.status === "fail").flatMap((f) => f.items);
    const lines: NonNullable<ReviewPack["sources"]>["lines"] = [];
    const seen = new Set<string>();
    for (const [code, why] of [...failing.map((c) => [c, "a failing rule reads it"] as const), ...moved.map((c) => [c, "it moved"] as const)]) {
      const list = input.ledger.sources.get(code);
      if (!list || seen.has(code)) continue;
      seen.add(code);
      const shown = list.slice(0, 20);
      lines.push({ item: code, label: cat.get(code)?.label ?? code, why, accounts: shown.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })), more: list.length - shown.length });
    }
    pack.sources = { lines, unmapped: input.ledger.unmapped.map((a) => ({ account: a.account, name: a.name, balance: a.balance.toFixed() })) };
  }

  if (s.reserve) {
    const v = s.reserve;
    const line = (label: string, l: SummaryLine) => ({ label, item: l.item, figure: figure(l)?.toFixed(0) ?? null });
    pack.reserve = {
      frequency: v.frequency,
      lines: [
        line("Total credits", v.totalCredits),
        line("Aggregate debit items", v.aggregateDebitItems),
        line("Reduction", v.reduction),
        line("Total debits", v.totalDebits),
        line("Amount required on deposit", v.requirement),
        line("On deposit", v.onDeposit),
        line("After the deposit", v.afterDeposit),
        line("Margin (after the deposit less the requirement)", v.excessOrDeficiency),
      ],
    };
  }
  return pack;
}
