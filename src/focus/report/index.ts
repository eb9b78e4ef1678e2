/**
 * The report and its amounts: reading entries against the form (report.ts), amounts and their units (amount.ts), exact decimals, the number-format classifier, report text (CSV/JSON), the workbook layout, intervals and errors.
 * The face of this capability: the rest of the engine and the tests import from here.
 */
export * from "./amount";
export { D, Decimal, fromExcelNumber } from "./decimal";
export { DomainError, UnusableInput, type DomainErrorKind } from "./errors";
export * as I from "./interval";
export type { Interval } from "./interval";
export * from "./layout";
export * from "./number-format";
export * from "./report";
export * from "./report-text";
