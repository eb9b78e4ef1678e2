/**
 * The rule catalogue's types: what the validator checks, as data.
 *
 * Expressions are written in item codes. Two kinds of addition matter, because the form gives a
 * blank box two meanings:
 * - `total`: a total of form lines. A blank line is a line with nothing to report (the General
 *   Instructions: "If no response is made to an item ... the broker or dealer has nothing to
 *   report"), so it counts as zero.
 * - `sum`: arithmetic on figures the rule cannot do without (3750 - 5 % x 4470): a blank there is
 *   a missing input, and the rule "cannot evaluate".
 */
import type { FormId, SectionKey } from "../catalogue/types";
import type { Decimal } from "../report/decimal";
import type { Rate } from "../net-capital/regulation";

/** A term of a total or sum: +expr or -expr. */
export interface Term {
  sign: 1 | -1;
  expr: Expr;
}

/** An expression over FOCUS items. Amounts are whole dollars; ratios are percentages (85.47). */
export type Expr =
  | { op: "item"; code: string }
  | { op: "total"; terms: Term[] }
  | { op: "sum"; terms: Term[] }
  | { op: "rate"; rate: Rate; expr: Expr }
  | { op: "max"; args: Expr[] }
  | { op: "ratio"; num: Expr; den: Expr }
  /** A rate as percentage points (70 for 70 %), to compare with a percent line such as 3860. */
  | { op: "points"; rate: Rate }
  /** A constant in the form's units (not a regulatory number: those are rates of the regulation table). */
  | { op: "const"; value: Decimal };

/** Severity of a failing rule. Errors make `focus check` exit 1; warnings do not. */
export type Severity = "error" | "warning";

/** What kind of check a rule is; used to group findings. */
export type RuleCategory =
  | "cross-foot"
  | "column-total"
  | "balance"
  | "ownership-equity"
  | "net-capital"
  | "minimum-requirement"
  | "aggregate-indebtedness"
  | "ratio"
  | "early-warning"
  | "capital-limit"
  | "reserve-formula";

/**
 * Conditions under which a rule applies, read from the report itself:
 * - "models" / "non-models": the firm is (not) authorized to use models (cover item 12006, or any
 *   models-only line reported);
 * - "basic" / "alternative": the firm uses the aggregate indebtedness standard (3756 or 3840
 *   reported) or the alternative standard (3870 or 4470 reported);
 * - "first-year" / "established": the firm is (not) in its first 12 months of business, which the
 *   report cannot show: a setting of the check (EvaluateOptions.firstYear, default false);
 * - "monthly" / "not-monthly" / "daily" / "not-daily": the frequency of the reserve computation,
 *   a setting of the check (EvaluateOptions.frequency, default weekly; 15c3-3(e)(3));
 * - "exemption-claimed": a 15c3-3(k) exemption box (4550-4580) is checked;
 * - "reserve-page": a box of the reserve formula's page other than 4470 is reported.
 */
export type Condition = "models" | "non-models" | "basic" | "alternative" | "first-year" | "established" | "monthly" | "not-monthly" | "daily" | "not-daily" | "exemption-claimed" | "reserve-page" | "pab-page";

/**
 * How the form derives the target, which sets the tolerance and rounding:
 * "exact" (sums of whole dollars, tolerance 0), "percentage" (a rate times dollars, rounded to
 * whole dollars, tolerance $1), "ratio" (a percentage with two decimals, tolerance 0.01).
 */
export type Derivation = "exact" | "percentage" | "ratio";

interface RuleBase {
  /** Stable identifier, e.g. "P2-XF-750". Never reused for a different check. */
  id: string;
  form: FormId;
  /** Form section the finding is shown under. */
  section: SectionKey;
  category: RuleCategory;
  /** One line for a FINOP. */
  title: string;
  severity: Severity;
  /** Form line and/or CFR paragraph. */
  citation: string;
  /** The rule applies only when this holds (see `Condition`); several conditions must all hold. */
  when?: Condition | Condition[];
  /** Caveats shown with every finding of the rule (e.g. an unconfirmed structure). */
  note?: string;
  /**
   * Lines of a total that the rule needs as required inputs when a condition holds (a blank one is
   * missing, not zero): the firm's own ratio line in the requirement (3870 for an alternative-standard
   * firm, 3756 for a basic one).
   */
  requiredWhen?: { when: Condition; items: string[] }[];
  /** The project version that introduced the rule ("0.1.0"); a rule id never changes meaning after it. */
  since: string;
}

/** target = expr, within the derivation's tolerance. */
export interface EquationRule extends RuleBase {
  kind: "equation";
  target: string;
  expr: Expr;
  derivation: Derivation;
  /**
   * When the parts are all blank and the total is filled, the split was not reported rather than
   * wrong: the rule is not applicable unless `partsRequiredWhen` holds. Used for the A.I. /
   * non-A.I. split of liabilities, which only firms on the A.I. standard need.
   */
  partsOptional?: boolean;
  partsRequiredWhen?: Condition;
  /**
   * The form asks for the target only where it applies (e.g. ratios after anticipated capital
   * withdrawals): a blank target is not a failure.
   */
  targetOptional?: boolean;
  /** True for the rule that computes the target in the net capital summary's recomputation. */
  defines?: boolean;
}

/** lhs >= rhs (or <=): a limit of the rules, not an arithmetic identity of the form. */
export interface LimitRule extends RuleBase {
  kind: "limit";
  lhs: Expr;
  op: ">=" | "<=";
  rhs: Expr;
}

/** Any rule. */
export type Rule = EquationRule | LimitRule;
