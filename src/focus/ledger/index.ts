/**
 * From the ledger: a trial balance and its map to the report (ledger.ts), with accounts split between lines (ledger-split.ts).
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./ledger";
