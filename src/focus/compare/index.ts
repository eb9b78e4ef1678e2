/**
 * Comparing reports: period against period with the net capital bridge (compare.ts) and the audited reconciliation of Rule 17a-5 (reconcile.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./compare";
export * from "./reconcile";
