/**
 * The evaluator: a report's values -> one finding per rule (plus the input findings).
 *
 * Blank boxes. A blank line inside a total counts as zero (the form: no response means nothing
 * to report). A blank total whose lines are filled is reported as a failure that says what the
 * total should be. A blank input that a rule cannot do without (4470 in 3870 = 2 % × 4470) is
 * either implied by other reported figures, or the rule "cannot evaluate" and names it.
 *
 * Implied values. Figures the form derives from a blank box say what that box must be: 3870 =
 * 7,009,112 says aggregate debit items (4470) lie in [350,455,575, 350,455,625]. The evaluator
 * derives such ranges from every rule (`Implication`), never from a rule about itself, and uses
 * them where a rule needs a blank input; each finding lists the implied inputs it used. Ranges,
 * not guesses: a check on an implied input passes only if some value in the range satisfies it.
 */
import type { Finding } from "./findings";
import type { Report } from "../report/report";
import { reserveFrequencyFindings } from "../reserve/reserve-frequency";
import { Engine } from "./evaluate-engine";
import { evaluateEquation, evaluateLimit, standardContradiction } from "./evaluate-findings";
import type { EvaluateOptions, Evaluation } from "./evaluate-types";

export * from "./evaluate-types";
export { Engine } from "./evaluate-engine";
export { describeInterval } from "./evaluate-findings";

/**
 * Evaluate every rule of the report's form. Never throws on bad input: unusable values give
 * input findings and "cannot evaluate" findings. Findings: input findings first, then one per
 * rule in form order.
 */
export function evaluate(report: Report, options: EvaluateOptions = {}): Evaluation {
  if (options.percentageTolerance && (options.percentageTolerance.isNegative() || !options.percentageTolerance.isInteger())) {
    throw new Error(`percentageTolerance must be a whole number of dollars, not ${options.percentageTolerance.toString()}`);
  }
  const engine = new Engine(report, options);
  engine.deriveImplications();
  const findings: Finding[] = [...report.inputFindings];
  const contradiction = standardContradiction(engine);
  if (contradiction) findings.push(contradiction);
  for (const rule of engine.rules) {
    findings.push(rule.kind === "equation" ? evaluateEquation(rule, engine) : evaluateLimit(rule, engine));
  }
  findings.push(...reserveFrequencyFindings(engine));
  return { report, profile: engine.profile, findings, implications: engine.implications, engine };
}
