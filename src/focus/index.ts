/**
 * FOCUS Workbench engine: the FOCUS Report's arithmetic and Rule 15c3-1 computations, pure
 * TypeScript over decimal.js. No Office, DOM or Node APIs: it runs in Node, the browser and the
 * custom-functions runtime alike.
 */
export * from "./amount";
export * from "./catalogue/types";
export { Catalogue, catalogue, formFit, type FormFit } from "./catalogue/catalogue";
export { D, Decimal, fromExcelNumber } from "./decimal";
export * from "./findings";
export * from "./report";
export { evaluate, describeInterval, type Evaluation, type EvaluateOptions, type Profile, type Implication } from "./evaluate";
export * from "./summary";
export * from "./rules/types";
export { formatExpr, formatRule, itemsOf, ruleItems } from "./rules/expr";
export { rulesFor } from "./rules/index";
export { RATES, TOLERANCES, CFR_SOURCE, applyRate, quotedRate, quotedDollars, quotedCount, unverifiedRate, type Rate, type Quote, type DollarFigure, type CountFigure } from "./regulation";
export { regulatoryNumbers, type RegulatoryNumber } from "./regulatory-numbers";
export { checkReport, type CheckResult } from "./check";
export * from "./layout";
export { DomainError, UnusableInput, type DomainErrorKind } from "./errors";
export * from "./haircuts";
export * from "./capital";
export * from "./compare";
export * from "./reconcile";
export * from "./reserve-frequency";
export * from "./report-text";
export * from "./haircut-schedule";
export * from "./ledger";
