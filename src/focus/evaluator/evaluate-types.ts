/** The evaluator's types: profiles, options, implied ranges and resolved values (see evaluate.ts). */
import type { Decimal } from "../report/decimal";
import type { Finding } from "./findings";
import type { Interval } from "../report/interval";
import type { Report } from "../report/report";
import type { Engine } from "./evaluate-engine";
import type { RatioStandard, ReserveFrequency } from "../net-capital/capital";

/** How a blank box is read where it appears: a line of a total, or an input the rule needs. */
export type Context = "line" | "required";

/** A range that a blank item must lie in, derived from one rule and the figures it used. */
export interface Implication {
  interval: Interval;
  /** The rule solved for the item. */
  rule: string;
  /** Every rule the derivation rests on (the solved rule included), to avoid circular reasoning. */
  via: Set<string>;
}

/** What the report says about the filer, read from the report itself. */
export interface Profile {
  /** Authorized to use models (cover 12006 checked, or a models-only line reported). */
  models: boolean;
  /** Ratio standard: aggregate indebtedness ("basic") or alternative, when the report shows which. */
  standard: "basic" | "alternative" | null;
  /** In the first 12 months of business (a setting, not read from the report). */
  firstYear: boolean;
  /** How often the reserve formula is computed (a setting; default weekly): 15c3-3(e)(3). */
  frequency: ReserveFrequency;
  /** A 15c3-3(k) exemption box (4550-4580) is checked. */
  exemption: boolean;
  /** The reserve formula's page is filled: a box of it other than 4470 (which the requirement page shares) is reported. */
  reservePage: boolean;
  /** The PAB computation's page is filled (a box of 90101-90124, 90127 is reported). */
  pabPage: boolean;
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /**
   * Tolerance in whole dollars on lines the form derives by a percentage (default $1, see
   * TOLERANCES). A workbook may set it; 0 demands exact agreement after rounding.
   */
  percentageTolerance?: Decimal;
  /** The firm is in its first 12 months of business (800 % A.I. limit instead of 1500 %). Default false. */
  firstYear?: boolean;
  /** The reserve computation's frequency: weekly (default), monthly (105 %) or daily (2 % reduction). */
  frequency?: ReserveFrequency;
  /**
   * The input is partial (a net-capital note, one page, a draft): a blank box is unknown, not
   * "nothing to report". Totals with blank lines cannot be evaluated instead of counting them as
   * zero, and a blank total is not a failure. Default false: a whole FOCUS report.
   */
  partial?: boolean;
  /**
   * The firm's ratio standard as declared (a setting): it wins over what the lines suggest, and a
   * report whose lines show the other standard gets INPUT-STANDARD. Default: read from the lines.
   */
  standard?: RatioStandard;
}

/** The result of evaluating a report. */
export interface Evaluation {
  report: Report;
  profile: Profile;
  /** Input findings first, then one finding per rule in form order. */
  findings: Finding[];
  /** Ranges implied for blank items, by item code. */
  implications: Map<string, Implication[]>;
  /** The evaluator, for recomputation (net capital summary). */
  engine: Engine;
}

/** The outcome of evaluating an expression. */
export interface ExprValue {
  interval: Interval | null;
  implied: Map<string, { interval: Interval; via: Set<string> }>;
  missing: string[];
  invalid: string[];
}

/** Resolves an item for an expression: a value, a missing input, or an unusable one. */
export type Resolver = (code: string, ctx: Context) => Resolved;

/** What a resolver says about one item. */
export type Resolved =
  | { kind: "value"; interval: Interval; implied?: { interval: Interval; via: Set<string> } }
  | { kind: "missing" }
  | { kind: "invalid" };

