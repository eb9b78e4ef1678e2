/**
 * The reserve formula (Rule 15c3-3): how often it must be computed (reserve-frequency.ts). Its page's rules are in rules/reserve.ts and its arithmetic in net-capital/capital.ts.
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./reserve-frequency";
