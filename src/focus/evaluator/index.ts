/**
 * The rules' evaluator: one finding per rule (evaluate.ts and its parts), the check of a report (check.ts) and the net capital summary (summary.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./findings";
export { evaluate, describeInterval, Engine, type Evaluation, type EvaluateOptions, type Profile, type Implication, type ExprValue, type Resolver, type Resolved } from "./evaluate";
export * from "./summary";
export { checkReport, type CheckResult } from "./check";
export { whatMoved } from "./moved";
