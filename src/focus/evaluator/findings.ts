/**
 * Findings: what the validator says about each rule (and about the input itself).
 * Amount fields are plain decimal strings in the form's units ("299549779", "85.47"), exact.
 */
import type { SectionKey } from "../catalogue/types";
import type { RuleCategory, Severity } from "../rules/types";

/**
 * pass: the relation holds within tolerance. fail: it does not (or a total is blank although its
 * lines are filled). cannot-evaluate: an input the rule needs is missing or unusable.
 * not-applicable: nothing is reported on the lines the rule reads, or the rule is for another
 * kind of filer (models / non-models, A.I. / alternative standard).
 */
export type Status = "pass" | "fail" | "cannot-evaluate" | "not-applicable";

/** An input the rule did not have but the report implies, and the range it implies. */
export interface ImpliedUse {
  code: string;
  /** Lowest and highest value consistent with the report ("-unbounded"/"unbounded" when open). */
  low: string;
  high: string;
  /** The rules whose reported figures imply it. */
  from: string[];
}

/** One finding. */
export interface Finding {
  /** Rule id ("P2-XF-750"), or "INPUT-..." for a problem with the input itself. */
  rule: string;
  title: string;
  severity: Severity;
  status: Status;
  section: SectionKey;
  category: RuleCategory | "input";
  /** The rule in item codes: "3870 = 2% × 4470". */
  formula: string;
  /** Every item the rule reads, target first. */
  items: string[];
  /** What the target should be (rounded as the form rounds), when known. */
  expected: string | null;
  /** What the report says, when it says anything. */
  actual: string | null;
  /** actual - expected. */
  difference: string | null;
  /** Form line and/or CFR paragraph. */
  citation: string;
  /** One or two sentences for a FINOP. */
  message: string;
  /** Where the items were read (cells, lines), when known. */
  where: string[];
  /** Inputs that were blank but implied by other reported figures, and used. */
  implied: ImpliedUse[];
  /** Inputs that are blank and that the rule cannot do without. */
  missing: string[];
  /** Inputs whose content is not usable (not an amount, a cell error, a duplicate). */
  invalid: string[];
  /** Items of the rule whose codes no source confirms. */
  unconfirmed: string[];
  /** Caveat carried by the rule. */
  note?: string;
}

/** Counts of findings by status. */
export interface StatusCounts {
  pass: number;
  fail: number;
  cannotEvaluate: number;
  notApplicable: number;
}

/** Count findings by status. */
export function countStatuses(findings: readonly Finding[]): StatusCounts {
  const c: StatusCounts = { pass: 0, fail: 0, cannotEvaluate: 0, notApplicable: 0 };
  for (const f of findings) {
    if (f.status === "pass") c.pass++;
    else if (f.status === "fail") c.fail++;
    else if (f.status === "cannot-evaluate") c.cannotEvaluate++;
    else c.notApplicable++;
  }
  return c;
}

/** True when some finding is a failing error-severity rule or input problem. */
export function hasFailingError(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status === "fail" && f.severity === "error");
}
