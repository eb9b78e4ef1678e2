/**
 * Building, reading and printing rule expressions.
 */
import { D, type Decimal } from "../report/decimal";
import type { Rate } from "../net-capital/regulation";
import type { Expr, Rule, Term } from "./types";

/** The item `code`. */
export function item(code: string): Expr {
  return { op: "item", code };
}

function terms(parts: (string | Expr)[]): Term[] {
  return parts.map((p) => {
    if (typeof p !== "string") return { sign: 1, expr: p };
    return p.startsWith("-") ? { sign: -1, expr: item(p.slice(1)) } : { sign: 1, expr: item(p) };
  });
}

/** A total of form lines; "-335" subtracts item 335. Blank lines count as zero. */
export function total(...parts: (string | Expr)[]): Expr {
  return { op: "total", terms: terms(parts) };
}

/** Arithmetic a - b on inputs the rule needs (blank means missing). */
export function minus(a: string | Expr, b: string | Expr): Expr {
  const [ta, tb] = terms([a, b]);
  return { op: "sum", terms: [ta, { sign: -1, expr: tb.expr }] };
}

/** rate × expr. */
export function times(rate: Rate, e: string | Expr): Expr {
  return { op: "rate", rate, expr: typeof e === "string" ? item(e) : e };
}

/** The greater of the arguments. */
export function greatest(...args: (string | Expr)[]): Expr {
  return { op: "max", args: args.map((a) => (typeof a === "string" ? item(a) : a)) };
}

/** num / den × 100, a percentage. */
export function percentOf(num: string | Expr, den: string | Expr): Expr {
  return {
    op: "ratio",
    num: typeof num === "string" ? item(num) : num,
    den: typeof den === "string" ? item(den) : den,
  };
}

/** A constant amount in the form's units: the 0 of "greater of (4430 - 4472, 0)". */
export function constant(value: Decimal | string | number): Expr {
  return { op: "const", value: new D(value) };
}

/** A rate as percentage points, for limits on percent lines (70% -> 70). */
export function points(rate: Rate): Expr {
  return { op: "points", rate };
}

const ITEMS_CACHE = new WeakMap<Expr, readonly string[]>();

/** Every item code in the expression, in order of appearance, without repeats (cached; do not mutate). */
export function exprItems(e: Expr): readonly string[] {
  let v = ITEMS_CACHE.get(e);
  if (!v) {
    v = itemsOf(e);
    ITEMS_CACHE.set(e, v);
  }
  return v;
}

/** Every item code in the expression, in order of appearance, without repeats. */
export function itemsOf(e: Expr, out: string[] = []): string[] {
  switch (e.op) {
    case "item":
      if (!out.includes(e.code)) out.push(e.code);
      break;
    case "total":
    case "sum":
      e.terms.forEach((t) => itemsOf(t.expr, out));
      break;
    case "rate":
      itemsOf(e.expr, out);
      break;
    case "max":
      e.args.forEach((a) => itemsOf(a, out));
      break;
    case "ratio":
      itemsOf(e.num, out);
      itemsOf(e.den, out);
      break;
    case "points":
    case "const":
      break;
  }
  return out;
}

const RULE_ITEMS_CACHE = new WeakMap<Rule, readonly string[]>();

/** Every item a rule reads, target first (cached and frozen: copy it to change it). */
export function ruleItems(rule: Rule): readonly string[] {
  let v = RULE_ITEMS_CACHE.get(rule);
  if (!v) {
    v = Object.freeze(rule.kind === "equation" ? itemsOf(rule.expr, [rule.target]) : itemsOf(rule.rhs, itemsOf(rule.lhs)));
    RULE_ITEMS_CACHE.set(rule, v);
  }
  return v;
}

/** True when the expression mentions `code`. */
export function mentions(e: Expr, code: string): boolean {
  return itemsOf(e).includes(code);
}

/**
 * Print an expression in item codes: "3750 - 5% × 4470", "max(3756 + 3870 + 12058 + 12059, 3880)".
 * `name` may replace a code by a longer form (e.g. "3750 net capital").
 */
export function formatExpr(e: Expr, name: (code: string) => string = (c) => c, nested = false): string {
  switch (e.op) {
    case "item":
      return name(e.code);
    case "total":
    case "sum": {
      const s = e.terms
        .map((t, i) => {
          const body = formatExpr(t.expr, name, true);
          if (i === 0) return t.sign === 1 ? body : `- ${body}`;
          return `${t.sign === 1 ? "+" : "-"} ${body}`;
        })
        .join(" ");
      return nested && e.terms.length > 1 ? `(${s})` : s;
    }
    case "rate":
      return `${e.rate.text} × ${formatExpr(e.expr, name, true)}`;
    case "max":
      return `greater of (${e.args.map((a) => formatExpr(a, name)).join(", ")})`;
    case "ratio":
      return `${formatExpr(e.num, name, true)} / ${formatExpr(e.den, name, true)} × 100`;
    case "points":
      return e.rate.text;
    case "const":
      return e.value.toString();
  }
}

const FORMULA_CACHE = new WeakMap<Rule, string>();

/** The rule as one formula in item codes: "3870 = 2% × 4470", "3750 >= 3760". */
export function formatRule(rule: Rule, name?: (code: string) => string): string {
  if (!name) {
    let v = FORMULA_CACHE.get(rule);
    if (v === undefined) {
      v = formatRuleWith(rule);
      FORMULA_CACHE.set(rule, v);
    }
    return v;
  }
  return formatRuleWith(rule, name);
}

function formatRuleWith(rule: Rule, name?: (code: string) => string): string {
  if (rule.kind === "equation") return `${(name ?? ((c: string) => c))(rule.target)} = ${formatExpr(rule.expr, name)}`;
  const op = rule.op === ">=" ? "≥" : "≤";
  return `${formatExpr(rule.lhs, name)} ${op} ${formatExpr(rule.rhs, name)}`;
}
