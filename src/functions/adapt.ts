/**
 * The boundary between Excel's custom-function arguments and the engine: Excel doubles become
 * exact decimals (at Excel's 15 significant digits, the value the user sees), omitted optional
 * arguments (which arrive as null) become null, and engine failures become Excel errors with a
 * message that names the argument: #VALUE! (bad argument) and #N/A (unknown category, method or
 * firm type, listing the valid ones). #DIV/0! and #NUM! carry no message: Excel shows a custom
 * message only on #VALUE! and #N/A (learn.microsoft.com, "Handle and return errors from your
 * custom function"; @types/custom-functions-runtime ErrorCode). The functions are synchronous, but
 * Excel still calls them asynchronously: a cell shows #BUSY! until the runtime has started.
 *
 * Blank cells: a blank cell passed to a parameter arrives as 0 on Excel desktop and as null on
 * Excel on the web (OfficeDev/office-js #4702). A required amount reads both as 0; a required text
 * argument (an item code, a category) reads both as missing, since 0 is never one of them.
 */
import { D, Decimal, DomainError, fromExcelNumber, parseAmount } from "../focus";

/**
 * A required dollar (or percent) argument. A blank cell is 0 (desktop passes 0, the web null; a
 * required argument cannot be left out of the formula). Throws DomainError when it is not a finite number.
 */
export function amountArg(name: string, v: number | null | undefined): Decimal {
  if (v === null || v === undefined) return new D(0);
  return toDecimal(name, v);
}

/** An optional numeric argument: null when omitted. */
export function optionalAmountArg(name: string, v: number | null | undefined): Decimal | null {
  if (v === null || v === undefined) return null;
  return toDecimal(name, v);
}

function toDecimal(name: string, v: unknown): Decimal {
  if (v !== null && typeof v === "object") throw new DomainError("invalid-argument", `${name} holds a data type (an entity or linked cell), not a number.`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new DomainError("invalid-argument", `${name} is not a finite number.`);
    return fromExcelNumber(v);
  }
  throw new DomainError("invalid-argument", `${name} must be a number (got ${JSON.stringify(v)}).`);
}

/**
 * A required text argument (numbers are accepted and read as text, e.g. an item code). A blank cell
 * (null on the web, 0 on desktop) is missing: no code or category is 0.
 */
export function textArg(name: string, v: unknown): string {
  if (v === null || v === undefined || v === 0 || (typeof v === "string" && v.trim() === "")) {
    throw new DomainError("invalid-argument", `${name} is missing (the argument or its cell is blank).`);
  }
  if (typeof v === "object") throw new DomainError("invalid-argument", `${name} holds a data type (an entity or linked cell), not text.`);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v !== "string") throw new DomainError("invalid-argument", `${name} must be text (got ${JSON.stringify(v)}).`);
  return v;
}

/** An optional text argument: null when omitted or blank (0 from a blank cell on desktop included). */
export function optionalTextArg(name: string, v: unknown): string | null {
  if (v === null || v === undefined || v === 0 || (typeof v === "string" && v.trim() === "")) return null;
  return textArg(name, v);
}

/** The Excel error for a failure: DomainError kinds map to #VALUE! and #N/A (with the message), #DIV/0! and #NUM! (without: Excel cannot show one); anything else is #VALUE!. */
export function excelError(e: unknown): CustomFunctions.Error {
  const E = CustomFunctions.ErrorCode;
  if (e instanceof DomainError) {
    switch (e.kind) {
      case "invalid-argument":
        return new CustomFunctions.Error(E.invalidValue, e.message);
      case "unknown-choice":
        return new CustomFunctions.Error(E.notAvailable, e.message);
      // Excel shows no custom message on #DIV/0! and #NUM!: none is given.
      case "division-by-zero":
        return new CustomFunctions.Error(E.divisionByZero);
      case "out-of-range":
        return new CustomFunctions.Error(E.invalidNumber);
    }
  }
  return new CustomFunctions.Error(E.invalidValue, `FOCUS: unexpected error: ${(e as Error)?.message ?? String(e)}`);
}

/** Run a computation and hand Excel its number, or throw the Excel error for its failure (#NUM! when the result is beyond a double). */
export function compute(f: () => Decimal): number {
  try {
    const n = f().toNumber();
    if (!Number.isFinite(n)) throw new DomainError("out-of-range", "the result is too large for Excel to hold.");
    return n === 0 ? 0 : n;
  } catch (e) {
    throw excelError(e);
  }
}

/** Run a computation that returns text or a matrix, mapping failures the same way. */
export function computeValue<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw excelError(e);
  }
}

/**
 * The amounts of a range argument, row by row, in whole dollars: blank cells (null, "") are left
 * out, numbers are taken at Excel's 15 digits, text amounts ("(1,234)", "$1,234") are read as the
 * CLI reads them. Anything else (other text, TRUE/FALSE, an entity or Stocks cell) throws
 * DomainError (invalid-argument) naming the range, row and column.
 */
export function rangeAmounts(name: string, range: unknown[][]): Decimal[] {
  const out: Decimal[] = [];
  range.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell === null || cell === undefined || cell === "") return;
      const at = `${name}, row ${i + 1} column ${j + 1}`;
      if (typeof cell === "object") throw new DomainError("invalid-argument", `${at} holds a data type (an entity or linked cell), not an amount.`);
      const r = parseAmount(typeof cell === "number" ? cell : typeof cell === "boolean" ? { kind: "boolean", value: cell } : String(cell), "dollars");
      if (!r.ok) throw new DomainError("invalid-argument", `${at}: ${r.error.message}`);
      if (r.value) out.push(r.value);
    }),
  );
  return out;
}
