/**
 * FOCUS Workbench engine: the FOCUS Report's arithmetic and Rule 15c3-1 computations, pure
 * TypeScript over decimal.js. No Office, DOM or Node APIs: it runs in Node, the browser and the
 * custom-functions runtime alike. A folder per capability, each with an index.ts as its face:
 * report (amounts, units, reading), catalogue, rules (as data) and evaluator, net-capital,
 * reserve, haircuts, ledger, compare, review.
 */
export * from "./report";
export * from "./catalogue";
export * from "./evaluator";
export * from "./rules/types";
export { formatExpr, formatRule, itemsOf, ruleItems } from "./rules/expr";
export { rulesFor } from "./rules/index";
export * from "./net-capital";
export * from "./reserve";
export * from "./haircuts";
export * from "./ledger";
export * from "./compare";
