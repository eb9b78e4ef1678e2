/** The words of findings: each rule's finding from the engine, and the input findings of the profile (see evaluate.ts). */
import { formatAmount, plainAmount, roundToScale, type Scale } from "../report/amount";
import { catalogue } from "../catalogue/catalogue";
import type { FocusItem } from "../catalogue/types";
import { D, Decimal } from "../report/decimal";
import type { Finding, ImpliedUse, Status } from "./findings";
import * as I from "../report/interval";
import type { Interval } from "../report/interval";
import { exprItems, formatExpr, formatRule, ruleItems } from "../rules/expr";
import type { Condition, EquationRule, LimitRule, Rule } from "../rules/types";
import type { Engine } from "./evaluate-engine";
import type { ExprValue } from "./evaluate-types";
import { STANDARD_ITEMS, TOLERANCE } from "./evaluate-index";
// -------------------------------------------------------------------------------------------------
// Findings
// -------------------------------------------------------------------------------------------------

function scaleOf(it: FocusItem | undefined): Scale {
  const k = it?.kind;
  return k === "percent" || k === "factor" || k === "count" ? k : "dollars";
}

/** The rules whose implications of `code` the value used rests on (each implication's rules all among the value's). */
function impliedFrom(engine: Engine, code: string, used: { via: Set<string> }): string[] {
  const from: string[] = [];
  for (const i of engine.implications.get(code) ?? []) {
    let within = true;
    for (const r of i.via) {
      if (!used.via.has(r)) {
        within = false;
        break;
      }
    }
    if (within && !from.includes(i.rule)) from.push(i.rule);
  }
  return from;
}

function impliedUses(engine: Engine, implied: ExprValue["implied"], scale: (c: string) => Scale): ImpliedUse[] {
  const out: ImpliedUse[] = [];
  for (const [code, v] of implied) {
    const s = scale(code);
    out.push({
      code,
      low: v.interval.lo.isFinite() ? plainAmount(v.interval.lo, s) : "-unbounded",
      high: v.interval.hi.isFinite() ? plainAmount(v.interval.hi, s) : "unbounded",
      from: impliedFrom(engine, code, v),
    });
  }
  return out;
}

/** "350,455,575 to 350,455,625", "at least 7,153,876", or one figure. */
export function describeInterval(i: Interval, s: Scale): string {
  const lo = i.lo.isFinite() ? formatAmount(roundToScale(i.lo, s), s) : null;
  const hi = i.hi === i.lo ? lo : i.hi.isFinite() ? formatAmount(roundToScale(i.hi, s), s) : null;
  if (lo !== null && hi !== null) return lo === hi ? lo : `${lo} to ${hi}`;
  if (lo !== null) return `at least ${lo}`;
  if (hi !== null) return `at most ${hi}`;
  return "any value";
}

type StaticPart = Omit<Finding, "status" | "message" | "where" | "implied" | "missing" | "invalid" | "expected" | "actual" | "difference">;
const STATIC_PARTS = new WeakMap<Rule, StaticPart>();

/** The parts of a rule's finding that do not depend on the report (computed once per rule). */
function staticPart(rule: Rule): StaticPart {
  let p = STATIC_PARTS.get(rule);
  if (!p) {
    const cat = catalogue(rule.form);
    const items = ruleItems(rule);
    // Shared by every finding of the rule, so frozen: a caller that tried to change them would throw.
    p = {
      rule: rule.id,
      title: rule.title,
      severity: rule.severity,
      section: rule.section,
      category: rule.category,
      formula: formatRule(rule),
      items: items as string[],
      citation: rule.citation,
      unconfirmed: Object.freeze(items.filter((c) => !cat.get(c)?.confirmed)) as string[],
      ...(rule.note ? { note: rule.note } : {}),
    };
    STATIC_PARTS.set(rule, p);
  }
  return p;
}

/**
 * A rule's finding with the report's cells filled in and everything else at its default; callers set
 * the rest by assignment. Built as one literal in a fixed property order so that every finding has
 * the same shape (spreading objects per finding was most of evaluate()'s time).
 */
function base(rule: Rule, engine: Engine, status: Status, message: string): Finding {
  const p = staticPart(rule);
  const where: string[] = [];
  for (const c of p.items) {
    const w = engine.report.values.get(c)?.where;
    if (w) where.push(w);
  }
  const f: Finding = {
    rule: p.rule,
    title: p.title,
    severity: p.severity,
    status,
    section: p.section,
    category: p.category,
    formula: p.formula,
    items: p.items,
    expected: null,
    actual: null,
    difference: null,
    citation: p.citation,
    message,
    where,
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: p.unconfirmed,
  };
  if (p.note) f.note = p.note;
  return f;
}

function named(rule: Rule, code: string): string {
  const it = catalogue(rule.form).get(code);
  return it ? `${code} (${it.label})` : code;
}

function impliedSentence(rule: Rule, engine: Engine, implied: ExprValue["implied"]): string {
  if (implied.size === 0) return "";
  const cat = catalogue(rule.form);
  const parts = [...implied].map(([code, v]) => {
    return `${code} is blank; the report implies ${describeInterval(v.interval, scaleOf(cat.get(code)))} (from ${impliedFrom(engine, code, v).join(", ")})`;
  });
  return ` ${parts.join("; ")}.`;
}

function notApplicable(rule: Rule, engine: Engine, message: string): Finding {
  return base(rule, engine, "not-applicable", message);
}

function whyCondition(when: Condition): string {
  switch (when) {
    case "models":
      return "applies to firms authorized to use models; this report shows none of their lines";
    case "non-models":
      return "applies to firms not authorized to use models; this report shows models lines";
    case "basic":
      return "applies under the aggregate indebtedness standard; this report does not use it";
    case "alternative":
      return "applies under the alternative standard; this report does not use it";
    case "first-year":
      return "applies in a firm's first 12 months of business (a setting of the check)";
    case "established":
      return "applies after a firm's first 12 months of business; the check is set to a first-year firm";
    case "monthly":
      return "applies to a reserve formula computed monthly; the check is set to another frequency";
    case "not-monthly":
      return "applies to a reserve formula computed weekly or daily; the check is set to monthly";
    case "daily":
      return "applies to a reserve formula computed daily; the check is set to another frequency";
    case "not-daily":
      return "applies to a reserve formula computed weekly or monthly; the check is set to daily";
    case "exemption-claimed":
      return "applies when a 15c3-3(k) exemption is claimed (items 4550-4580); none is checked";
    case "reserve-page":
      return "applies to the reserve formula's page; nothing on it is reported";
    case "pab-page":
      return "applies to the PAB computation's page; nothing on it is reported";
  }
}

/** The first condition that does not hold. */
function failing(engine: Engine, when: Condition | Condition[] | undefined): Condition {
  const list = Array.isArray(when) ? when : [when as Condition];
  return list.find((c) => !engine.applies(c)) ?? list[0];
}

function invalidFinding(rule: Rule, engine: Engine, invalid: string[]): Finding {
  const list = invalid.map((c) => {
    const v = engine.report.values.get(c);
    const reason = v?.state === "invalid" ? v.reason : "unusable";
    return `${named(rule, c)}${v?.where ? ` at ${v.where}` : ""}: ${reason.replace(/\.$/, "")}`;
  });
  const f = base(rule, engine, "cannot-evaluate", `Cannot evaluate: ${list.join("; ")}.`);
  f.invalid = invalid;
  return f;
}

export function evaluateEquation(rule: EquationRule, engine: Engine): Finding {
  if (!engine.applies(rule.when)) return notApplicable(rule, engine, `Not applicable: the rule ${whyCondition(failing(engine, rule.when))}.`);
  const items = ruleItems(rule);
  const invalid = engine.invalidAmong(items);
  if (invalid.length) return invalidFinding(rule, engine, invalid);
  const lines = exprItems(rule.expr);
  const target = engine.amount(rule.target);
  if (target === undefined && lines.every((c) => engine.nothingReported(c))) {
    return notApplicable(rule, engine, "Nothing reported on these lines.");
  }
  if (target === undefined && rule.targetOptional && !engine.isInvalid(rule.target)) {
    return notApplicable(rule, engine, `${named(rule, rule.target)} is not reported; the form asks for it only where it applies.`);
  }
  if (engine.splitNotReported(rule)) {
    return notApplicable(rule, engine, `Only the total ${rule.target} is reported; the split into its columns is not (${lines.join(", ")} blank).`);
  }
  const cat = catalogue(rule.form);
  const scale = scaleOf(cat.get(rule.target));
  const v = engine.evalExpr(rule.expr, engine.resolverFor(rule.id));
  const b = base(rule, engine, "cannot-evaluate", "");
  const implied = impliedUses(engine, v.implied, (c) => scaleOf(cat.get(c)));
  const impliedNote = impliedSentence(rule, engine, v.implied);
  if (v.invalid.length) return invalidFinding(rule, engine, v.invalid);
  if (!v.interval) {
    const missing = [...new Set(v.missing)];
    const list = missing.map((c) => named(rule, c)).join(", ");
    b.missing = missing;
    b.implied = implied;
    b.actual = target !== undefined ? plainAmount(target, scale) : null;
    b.message = `Cannot evaluate: ${list} ${missing.length > 1 ? "are" : "is"} blank, and no other reported figure implies ${missing.length > 1 ? "them" : "it"}.${
      target === undefined ? ` ${rule.target} is blank too.` : ""
    }`;
    return b;
  }
  const expected = v.interval;
  // The target's own printed precision widens the tolerance as the inputs' widen the expected range.
  const tol = (rule.derivation === "percentage" && engine.options.percentageTolerance ? engine.options.percentageTolerance : TOLERANCE[rule.derivation]).plus(engine.half(rule.target));
  if (target !== undefined) {
    const near = I.nearest(expected, target);
    const exp = roundToScale(near, scale);
    const diff = target.minus(exp);
    const pass = diff.abs().lte(tol);
    const missingArgument = pass ? null : blankMaximumArgument(rule, engine, target);
    if (missingArgument) {
      b.implied = implied;
      b.actual = plainAmount(target, scale);
      b.missing = missingArgument.items;
      b.message = missingArgument.message;
      return b;
    }
    b.implied = implied;
    b.expected = plainAmount(exp, scale);
    b.actual = plainAmount(target, scale);
    b.difference = plainAmount(diff, scale);
    b.status = pass ? "pass" : "fail";
    const shown = I.isPoint(expected) ? formatAmount(exp, scale) : describeInterval(expected, scale);
    if (pass) {
      b.message = `${rule.target} reports ${formatAmount(target, scale)}; ${formatExpr2(rule)} gives ${shown}.${impliedNote}`.trim();
    } else if (v.implied.size === 0 && lines.every((c) => engine.nothingReported(c))) {
      const shown = lines.length > 8 ? `${lines.slice(0, 6).join(", ")} ... ${lines[lines.length - 1]}` : lines.join(", ");
      b.message = `${named(rule, rule.target)} reports ${formatAmount(target, scale)}, but its lines (${shown}) are all blank: the lines are missing or the total is wrong.`;
    } else {
      b.message = `${named(rule, rule.target)} reports ${formatAmount(target, scale)}; ${formatExpr2(rule)} gives ${shown}: off by ${formatAmount(diff, scale, { negative: "minus" })}.${impliedNote}`;
    }
    return b;
  }
  // Blank target with something reported on its lines.
  const lo = roundToScale(expected.lo, scale);
  const hi = roundToScale(expected.hi, scale);
  b.implied = implied;
  if (engine.options.partial) {
    // A partial input: the blank total is unknown, not wrong.
    b.expected = lo.eq(hi) && lo.isFinite() ? plainAmount(lo, scale) : null;
    b.missing = [rule.target];
    b.message = `${named(rule, rule.target)} is not given (partial input); ${formatExpr2(rule)} puts it at ${describeInterval(expected, scale)}.${impliedNote}`;
    return b;
  }
  if (lo.eq(hi) && lo.isFinite() && v.implied.size === 0) {
    b.expected = plainAmount(lo, scale);
    if (lo.isZero()) {
      b.status = "pass";
      b.message = `${rule.target} is blank and its lines come to zero.`;
    } else {
      b.status = "fail";
      b.message = `${named(rule, rule.target)} is blank; from ${formatExpr2(rule)} it should be ${formatAmount(lo, scale)}.`;
    }
    return b;
  }
  // The expected figure rests on other blank boxes: say what the report implies, without failing
  // the line for a box that is itself missing.
  b.expected = lo.eq(hi) && lo.isFinite() ? plainAmount(lo, scale) : null;
  b.missing = [rule.target];
  b.message = `${named(rule, rule.target)} is blank; the other reported figures put it at ${describeInterval(expected, scale)}.${impliedNote}`;
  return b;
}

const SHORT_FORMULAS = new WeakMap<EquationRule, string>();

/** The rule's right-hand side in item codes, or "the sum of its N lines" when that is long. */
function formatExpr2(rule: EquationRule): string {
  let v = SHORT_FORMULAS.get(rule);
  if (v === undefined) {
    v = shortFormula(rule);
    SHORT_FORMULAS.set(rule, v);
  }
  return v;
}

function shortFormula(rule: EquationRule): string {
  const full = formatExpr(rule.expr);
  if (full.length <= 70) return full;
  return rule.expr.op === "total" ? `the sum of its ${rule.expr.terms.length} lines` : full;
}

export function evaluateLimit(rule: LimitRule, engine: Engine): Finding {
  if (!engine.applies(rule.when)) return notApplicable(rule, engine, `Not applicable: the rule ${whyCondition(failing(engine, rule.when))}.`);
  const items = ruleItems(rule);
  const invalid = engine.invalidAmong(items);
  if (invalid.length) return invalidFinding(rule, engine, invalid);
  if (items.every((c) => engine.amount(c) === undefined && !engine.implied(c, null))) {
    return notApplicable(rule, engine, "Nothing reported on these lines.");
  }
  const cat = catalogue(rule.form);
  const resolve = engine.resolverFor(null);
  const l = engine.evalExpr(rule.lhs, resolve);
  const r = engine.evalExpr(rule.rhs, resolve);
  const implied = new Map([...l.implied, ...r.implied]);
  const b = base(rule, engine, "cannot-evaluate", "");
  b.implied = impliedUses(engine, implied, (c) => scaleOf(cat.get(c)));
  const lhsItems = exprItems(rule.lhs);
  const scale = scaleOf(cat.get(lhsItems[0]));
  if (!l.interval || !r.interval) {
    const missing = [...new Set([...l.missing, ...r.missing])];
    b.missing = missing;
    b.message = `Cannot evaluate: ${missing.map((c) => named(rule, c)).join(", ")} ${missing.length > 1 ? "are" : "is"} blank, and no other reported figure implies ${missing.length > 1 ? "them" : "it"}.`;
    return b;
  }
  // margin >= 0 means the limit holds.
  const margin = rule.op === ">=" ? I.add(l.interval, I.neg(r.interval)) : I.add(r.interval, I.neg(l.interval));
  const status: Status = margin.lo.gte(0) ? "pass" : margin.hi.lt(0) ? "fail" : "cannot-evaluate";
  const m = margin.lo.isFinite() && margin.hi.isFinite() ? roundToScale(I.middle(margin), scale) : null;
  const limitShown = describeInterval(r.interval, scale);
  const lhsShown = describeInterval(l.interval, scale);
  const sign = rule.op === ">=" ? "at least" : "at most";
  const message =
    status === "pass"
      ? `${lhsShown} is ${sign} ${limitShown}: margin ${describeInterval(margin, scale)}.`
      : status === "fail"
        ? `${lhsShown} is not ${sign} ${limitShown}: short by ${describeInterval(I.neg(margin), scale)}.`
        : `Cannot tell: ${lhsShown} against a limit of ${limitShown}; the implied figures allow either answer.`;
  b.status = status;
  const rp = representative(r.interval, scale);
  const lp = representative(l.interval, scale);
  b.expected = rp === null ? null : `${rule.op} ${plainAmount(rp, scale)}`;
  b.actual = lp === null ? null : plainAmount(lp, scale);
  // An open margin (a limit against a range bounded on one side) has no single difference.
  b.difference = m === null ? null : plainAmount(m, scale);
  b.message = message + impliedSentence(rule, engine, implied);
  return b;
}


/**
 * INPUT-STANDARD (warning): the declared ratio standard is not the one the report's lines show
 * (a basic firm's 3756/3840 filled, or an alternative firm's 3870/3920/3851/3854), or null.
 */
export function standardContradiction(engine: Engine): Finding | null {
  const declared = engine.options.standard;
  if (!declared) return null;
  const ind = STANDARD_ITEMS[engine.report.form];
  const other = declared === "basic" ? "alternative" : "basic";
  const shown = ind[other].filter((c) => engine.report.values.get(c)?.state === "amount");
  if (shown.length === 0) return null;
  const name = (s: string) => (s === "basic" ? "the aggregate indebtedness (basic) standard" : "the alternative standard");
  return {
    rule: "INPUT-STANDARD",
    title: "The declared ratio standard and the reported lines disagree",
    severity: "warning",
    status: "fail",
    section: "minimum-requirement",
    category: "input",
    formula: "",
    items: shown,
    expected: null,
    actual: null,
    difference: null,
    citation: "15c3-1(a)(1)(i)-(ii)",
    message: `The firm is declared to be on ${name(declared)}, but ${shown.join(", ")} ${shown.length > 1 ? "are" : "is"} filled, lines of ${name(other)}. The check follows the declaration; correct the setting or the lines.`,
    where: shown.map((c) => engine.report.values.get(c)?.where ?? "").filter(Boolean),
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: [],
  };
}

/**
 * A reported total above every filled argument of its "greater of", where another argument's lines
 * are all blank: the blank argument is missing, not zero (3760 = 9,000,000 against a fixed minimum
 * of 1,000,000 with lines 5A-5E blank says the ratio requirement was left out, not that 3760 is
 * wrong). Returns the blank lines and the message, or null.
 */
function blankMaximumArgument(rule: EquationRule, engine: Engine, target: Decimal): { items: string[]; message: string } | null {
  if (rule.expr.op !== "max") return null;
  const blank: string[] = [];
  let others: Decimal | null = null;
  for (const a of rule.expr.args) {
    const items = exprItems(a);
    if (items.every((c) => engine.nothingReported(c) && !engine.implied(c, rule.id))) {
      blank.push(...items);
      continue;
    }
    const v = engine.evalExpr(a, engine.resolverFor(rule.id));
    if (!v.interval) return null;
    others = others ? D.max(others, v.interval.hi) : v.interval.hi;
  }
  if (blank.length === 0 || others === null || !target.gt(others)) return null;
  const cat = catalogue(rule.form);
  const lines = blank.map((c) => cat.get(c)?.line || c);
  const scale = scaleOf(cat.get(rule.target));
  return {
    items: blank,
    message: `Cannot evaluate: ${named(rule, rule.target)} reports ${formatAmount(target, scale)}, more than the other terms give (${formatAmount(others, scale)}), but lines ${lines.join(", ")} (${blank.join(", ")}) are blank: that part of the requirement is missing, not wrong.`,
  };
}

/** One figure for an interval in a finding: the point, the middle of a closed range, the finite end of an open one; null when unbounded both ways. */
function representative(i: Interval, scale: Scale): Decimal | null {
  if (I.isPoint(i)) return i.lo;
  if (i.lo.isFinite() && i.hi.isFinite()) return roundToScale(I.middle(i), scale);
  if (i.lo.isFinite()) return i.lo;
  if (i.hi.isFinite()) return i.hi;
  return null;
}

