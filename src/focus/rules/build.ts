/**
 * Builders for rule data: `eq` (target = expression) and `limit` (lhs >= or <= rhs), with the
 * defaults the rule catalogues share (error severity, exact derivation).
 */
import type { FormId, SectionKey } from "../catalogue/types";
import type { Condition, EquationRule, Expr, LimitRule, RuleCategory, Severity } from "./types";

/** Options of a rule, beside its id and formula. */
export interface EqOpts {
  section: SectionKey;
  category: RuleCategory;
  title: string;
  citation: string;
  severity?: Severity;
  derivation?: EquationRule["derivation"];
  when?: Condition | Condition[];
  note?: string;
  partsOptional?: boolean;
  partsRequiredWhen?: Condition;
  targetOptional?: boolean;
  defines?: boolean;
  /** The project version that introduced the rule; default FIRST_VERSION. */
  since?: string;
  /** Lines of a total read as required inputs under a condition (see RuleBase.requiredWhen). */
  requiredWhen?: { when: Condition; items: string[] }[];
}

/** The first released version of the rule catalogue: every rule without a `since` dates from it. */
export const FIRST_VERSION = "0.1.0";

/** Options of a limit rule. */
export type LimitOpts = Omit<EqOpts, "derivation" | "defines" | "partsOptional" | "partsRequiredWhen" | "targetOptional">;

/** Rule builders for one form: every rule they make carries `form`. */
export function builders(form: FormId): {
  eq: (id: string, target: string, expr: Expr, o: EqOpts) => EquationRule;
  limit: (id: string, lhs: Expr, op: ">=" | "<=", rhs: Expr, o: LimitOpts) => LimitRule;
} {
  const common = (o: LimitOpts) => ({
    severity: o.severity ?? "error",
    section: o.section,
    category: o.category,
    title: o.title,
    citation: o.citation,
    ...(o.when ? { when: o.when } : {}),
    ...(o.note ? { note: o.note } : {}),
    since: o.since ?? FIRST_VERSION,
    ...(o.requiredWhen ? { requiredWhen: o.requiredWhen } : {}),
  });
  return {
    eq: (id, target, expr, o) => ({
      kind: "equation",
      id,
      form,
      target,
      expr,
      derivation: o.derivation ?? "exact",
      ...common(o),
      ...(o.partsOptional ? { partsOptional: true } : {}),
      ...(o.partsRequiredWhen ? { partsRequiredWhen: o.partsRequiredWhen } : {}),
      ...(o.targetOptional ? { targetOptional: true } : {}),
      ...(o.defines ? { defines: true } : {}),
    }),
    limit: (id, lhs, op, rhs, o) => ({ kind: "limit", id, form, lhs, op, rhs, ...common(o) }),
  };
}
