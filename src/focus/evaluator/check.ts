/**
 * One call from entries to everything a caller shows: findings, counts and the summary.
 */
import type { FormId } from "../catalogue/types";
import { evaluate, type EvaluateOptions, type Evaluation, type Profile } from "./evaluate";
import { countStatuses, hasFailingError, type Finding, type StatusCounts } from "./findings";
import { buildReport, type InputEntry, type ReportOptions } from "../report/report";
import { netCapitalSummary, type NetCapitalSummary } from "./summary";

/** Everything a check produces. */
export interface CheckResult {
  form: FormId;
  profile: Profile;
  summary: StatusCounts;
  findings: Finding[];
  netCapital: NetCapitalSummary;
  /** True when some error-severity rule or input problem fails. */
  failing: boolean;
  evaluation: Evaluation;
}

/**
 * Read the entries against the form, evaluate every rule and build the net capital summary. Never
 * throws on bad input; throws Error only for an invalid option (a negative or fractional tolerance).
 */
export function checkReport(form: FormId, entries: readonly InputEntry[], options: EvaluateOptions & ReportOptions = {}): CheckResult {
  const evaluation = evaluate(buildReport(form, entries, { units: options.units }), options);
  return {
    form,
    profile: evaluation.profile,
    summary: countStatuses(evaluation.findings),
    findings: evaluation.findings,
    netCapital: netCapitalSummary(evaluation),
    failing: hasFailingError(evaluation.findings),
    evaluation,
  };
}
