/**
 * Net capital (Rule 15c3-1): the regulation's numbers as quoted data (regulation.ts, and their register), the minimum requirement, early warning and the reserve computation's arithmetic (capital.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./capital";
export { RATES, TOLERANCES, CFR_SOURCE, applyRate, rateValue, quotedRate, quotedDollars, quotedCount, unverifiedRate, type Rate, type Quote, type QuoteRef, type DollarFigure, type CountFigure } from "./regulation";
export { RULE_WORDS } from "./rule-words";
export { regulatoryNumbers, type RegulatoryNumber } from "./regulatory-numbers";
