/**
 * Amounts as FINOPs type them, parsed into exact decimals, and printed back as the form prints them.
 *
 * Units: dollar lines are whole dollars; percent lines are percentages with two decimals as the
 * form prints them (85.47 means 85.47 %, not 0.8547); factor lines (VaR multiplication factors)
 * are plain decimals; count lines (number of items) are whole numbers.
 *
 * Rounding: the FOCUS Report reports whole dollars and percentages to two decimals. Where an input
 * carries more (cents typed in a cell, a formula result such as 7,009,112.4, a percentage such as
 * 85.4738), it is rounded half-up to the form's unit and the result says so (`rounded`), so the
 * caller can tell the user. Text with fractions of a cent is refused: nobody types that on purpose.
 */
import { D, Decimal, fromExcelNumber } from "./decimal";

/** How an item's amount is measured: see the module comment for units. */
export type Scale = "dollars" | "percent" | "factor" | "count";

/**
 * A cell's content as any source hands it over, before it is read as an amount.
 * `number` values are JavaScript doubles from Excel or JSON; `percentFormat` is true when the cell
 * is formatted as a percentage (Excel then stores 0.8547 for "85.47%"); `dateFormat` is true when
 * the cell is formatted as a date or time (see number-format.ts), and `date` is then the calendar
 * date it shows (YYYY-MM-DD), absent when the number is too large to be one. A `date` cell is a
 * date stored as a date (an ISO cell, `t="d"`, or JSON text the reader knows to be a date).
 */
export type RawCell =
  | { kind: "blank" }
  | { kind: "number"; value: number; percentFormat?: boolean; dateFormat?: boolean; date?: string }
  | { kind: "text"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "date"; value: string };

/** Why an input is not an amount. Stable codes; the message is for people. */
export type AmountErrorCode =
  | "not-an-amount"
  | "european-format"
  | "dash"
  | "fraction-of-cent"
  | "too-many-digits"
  | "not-whole"
  | "cell-error"
  | "boolean"
  | "date"
  | "not-finite"
  | "currency-on-percent"
  | "percent-on-dollars";

/** A typed parse failure naming the input. */
export interface AmountError {
  code: AmountErrorCode;
  /** The input as the user sees it. */
  input: string;
  /** One sentence for a FINOP: what is wrong and what to type instead. */
  message: string;
}

/** Result of reading one input as an amount: a value (null = blank) or an error. */
export type AmountResult =
  | { ok: true; value: Decimal | null; rounded?: { from: string }; half?: Decimal }
  | { ok: false; error: AmountError };

/**
 * How a dollar amount is printed: `unit` is dollars per printed unit (1,000 for thousands,
 * 1,000,000,000 for billions; see report.ts UNIT_FACTOR). With a unit above one dollar the input is
 * scaled first and judged after: "15.57" in billions is exactly 15,570,000,000 dollars, a whole
 * amount, with a printed precision of half its last digit (± 5,000,000).
 */
export interface PrintedUnit {
  unit: Decimal;
}

/** Largest number of integer digits accepted: Excel keeps 15 significant digits, and no FOCUS amount needs more. */
export const MAX_INTEGER_DIGITS = 15;
const MAX_MAGNITUDE = new D(10).pow(MAX_INTEGER_DIGITS);

const DECIMALS: Record<Scale, number | null> = { dollars: 0, percent: 2, factor: null, count: 0 };

const AMOUNT_TEXT =
  /^(?<s0>[-\u2212])?\s*(?<d0>\$)?\s*(?<open>\()?\s*(?<s1>[-\u2212])?\s*(?<d1>\$)?\s*(?<s2>[-\u2212])?\s*(?<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?<frac>\d*))?\s*(?<pct>%)?\s*(?<close>\))?$/;
const EUROPEAN = /^[-(]?\s*\$?\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?\s*\)?$|^[-(]?\s*\$?\s*\d+,\d{1,2}\s*\)?$/;
const DASH_ONLY = /^[-\u2212\u2012\u2013\u2014\u2015$\s]+$/;

function fail(code: AmountErrorCode, input: string, message: string): AmountResult {
  return { ok: false, error: { code, input, message } };
}

/** Show a raw cell the way a user would recognise it in a message. */
export function describeRaw(raw: RawCell): string {
  switch (raw.kind) {
    case "blank":
      return "(blank)";
    case "number":
      return String(raw.value);
    case "text":
      return JSON.stringify(raw.value);
    case "boolean":
      return raw.value ? "TRUE" : "FALSE";
    case "error":
      return raw.value;
    case "date":
      return raw.value;
  }
}

/**
 * Quantise a value to the unit the form reports for `scale` (whole dollars, two-decimal percent),
 * rounding half-up. Factors are left as they are. Counts must already be whole (see `parseAmount`).
 */
export function roundToScale(value: Decimal, scale: Scale): Decimal {
  const places = DECIMALS[scale];
  return places === null || value.decimalPlaces() <= places ? value : value.toDecimalPlaces(places, D.ROUND_HALF_UP);
}

function finish(value: Decimal, scale: Scale, input: string, printed?: { unit: Decimal; decimals: number }): AmountResult {
  let half: Decimal | undefined;
  if (printed) {
    // Scale first, then judge: the printed figure times its unit is the amount in dollars, and it
    // carries half of its last printed digit (15.57 billions: ± 5,000,000).
    half = new D("0.5").times(new D(10).pow(-printed.decimals)).times(printed.unit);
    value = value.times(printed.unit);
  }
  if (value.abs().gte(MAX_MAGNITUDE)) {
    return fail(
      "too-many-digits",
      input,
      `${input} has more than ${MAX_INTEGER_DIGITS} digits before the decimal point; Excel cannot hold it exactly and no FOCUS amount is that large.`,
    );
  }
  if (scale === "count" && !value.isInteger()) {
    return fail("not-whole", input, `${input} is not a whole number; this line counts items.`);
  }
  const q = roundToScale(value, scale);
  const withHalf = half ? { half } : {};
  if (!q.eq(value)) return { ok: true, value: q, rounded: { from: value.toString() }, ...withHalf };
  // Normalise negative zero.
  return { ok: true, value: q.isZero() ? new D(0) : q, ...withHalf };
}

/** The unit of a dollar amount when it is not whole dollars (null: plain dollars). */
function unitOf(scale: Scale, printed: PrintedUnit | undefined): Decimal | null {
  return scale === "dollars" && printed && printed.unit.gt(1) ? printed.unit : null;
}

function parseText(text: string, scale: Scale, printed?: PrintedUnit): AmountResult {
  const input = text;
  const t = text.replace(/[\u00a0\u202f\u2009]/g, " ").trim();
  if (t === "") return { ok: true, value: null };
  if (DASH_ONLY.test(t)) {
    return fail("dash", input, `${JSON.stringify(input)} is a dash, not an amount: type 0 for zero, or leave the cell blank if there is nothing to report.`);
  }
  if (EUROPEAN.test(t) && !AMOUNT_TEXT.test(t)) {
    return fail(
      "european-format",
      input,
      `${JSON.stringify(input)} looks like a European-style number (dot for thousands, comma for decimals); FOCUS amounts use 1,234.56.`,
    );
  }
  const m = AMOUNT_TEXT.exec(t);
  const g = m?.groups ?? {};
  if (!m || (g.int === undefined && !g.frac) || (g.d0 && g.d1)) {
    return fail("not-an-amount", input, `${JSON.stringify(input)} is not an amount.`);
  }
  const { open, s1: sign1, s2: sign2, int: intPart, frac, pct, close } = g;
  const dollar = g.d0 ?? g.d1;
  if (Boolean(open) !== Boolean(close)) {
    return fail("not-an-amount", input, `${JSON.stringify(input)} has an unmatched parenthesis.`);
  }
  const negatives = (g.s0 ? 1 : 0) + (open ? 1 : 0) + (sign1 ? 1 : 0) + (sign2 ? 1 : 0);
  if (negatives > 1) {
    return fail("not-an-amount", input, `${JSON.stringify(input)} is negative twice over; write (1,234) or -1,234.`);
  }
  if (pct && scale !== "percent") {
    return fail("percent-on-dollars", input, `${JSON.stringify(input)} is a percentage, but this line is an amount in dollars.`);
  }
  if (dollar && (scale === "percent" || scale === "factor" || scale === "count")) {
    return fail("currency-on-percent", input, `${JSON.stringify(input)} has a dollar sign, but this line is not in dollars.`);
  }
  const digits = (intPart ?? "0").replace(/,/g, "");
  if (digits.replace(/^0+/, "").length > MAX_INTEGER_DIGITS) {
    return fail(
      "too-many-digits",
      input,
      `${JSON.stringify(input)} has more than ${MAX_INTEGER_DIGITS} digits before the decimal point; Excel cannot hold it exactly and no FOCUS amount is that large.`,
    );
  }
  const unit = unitOf(scale, printed);
  if (!unit && scale === "dollars" && frac !== undefined && frac.length > 2) {
    return fail("fraction-of-cent", input, `${JSON.stringify(input)} has fractions of a cent; FOCUS amounts are whole dollars.`);
  }
  let value = new D(`${digits}.${frac || "0"}`);
  if (negatives === 1) value = value.neg();
  return finish(value, scale, input, unit ? { unit, decimals: frac?.length ?? 0 } : undefined);
}

/**
 * Read one input as an amount of the given scale.
 *
 * Accepted text: `1234`, `1,234`, `$1,234`, `(1,234)` and `-1,234` (negative), `$(1,234)`, `-$1,234`,
 * `1,234.56` (cents, rounded to whole dollars with `rounded` set), `85.47` or `85.47%` on percent
 * lines, blank or white space (value null: nothing reported). Numbers (Excel or JSON doubles) are
 * taken at Excel's 15 significant digits, the value the user sees; a percentage-formatted cell's
 * 0.8547 is read as 85.47.
 *
 * Refused, with a typed error naming the input: other text (`n/a`, `1.234,56`, a lone dash or
 * `$ -`), fractions of a cent in text, more than 15 integer digits, non-whole counts, booleans,
 * dates, Excel error values (`#REF!`, `#N/A`, `#DIV/0!`), and non-finite numbers.
 *
 * `printed` (dollar lines only): the amount is printed in a unit above the dollar (thousands,
 * millions, billions). The value returned is in dollars, scaled before it is judged ("15.57" in
 * billions is 15,570,000,000, whole, no rounding), with `half` its printed precision in dollars:
 * half of the last digit typed ("15.57" ± 5,000,000; "2,453.9" millions ± 50,000; "4" millions
 * ± 500,000). A number cell's last digit is that of its shortest decimal form (15.5 has one).
 * Only a fraction of a dollar after scaling is rounded (INPUT-ROUNDED at the caller).
 */
export function parseAmount(input: RawCell | string | number | null | undefined, scale: Scale, printed?: PrintedUnit): AmountResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === "string") return parseText(input, scale, printed);
  if (typeof input === "number") return parseAmount({ kind: "number", value: input }, scale, printed);
  switch (input.kind) {
    case "blank":
      return { ok: true, value: null };
    case "text":
      return parseText(input.value, scale, printed);
    case "number": {
      const n = input.value;
      if (!Number.isFinite(n)) return fail("not-finite", String(n), `${n} is not a finite number.`);
      const shown = String(n);
      if (Math.abs(n) >= 1e15) {
        return fail(
          "too-many-digits",
          shown,
          `${shown} has more than ${MAX_INTEGER_DIGITS} digits; Excel keeps only 15 significant digits, so the amount is not exact.`,
        );
      }
      let value = fromExcelNumber(n);
      if (input.percentFormat && scale === "percent") value = value.times(100);
      const unit = unitOf(scale, printed);
      return finish(value, scale, shown, unit ? { unit, decimals: value.decimalPlaces() } : undefined);
    }
    case "boolean":
      return fail("boolean", describeRaw(input), `${describeRaw(input)} is a TRUE/FALSE value, not an amount.`);
    case "error":
      return fail("cell-error", input.value, `the cell shows the error ${input.value}, not an amount.`);
    case "date":
      return fail("date", input.value, `${input.value} is a date, not an amount.`);
  }
}

/**
 * An amount as written, to the cent or beyond, never rounded: a trial balance's balance ("1,234.56",
 * "(0.49)"), which is summed exactly and rounded once where the form rounds (the line). Null for a
 * blank; `ok: false` with the reason for text that is not an amount (as parseAmount).
 */
export function exactAmount(input: string | number): AmountResult {
  const a = parseAmount(input, "dollars");
  if (!a.ok || !a.rounded) return a;
  return { ok: true, value: new D(a.rounded.from) };
}

/**
 * |value| rounded half-up to `places` decimals, as digits with no exponent, and whether the rounded
 * value is negative (a value that rounds to zero is not).
 */
function fixedDigits(value: Decimal, places: number): { digits: string; negative: boolean } {
  // A whole-dollar value is its own digits (D never prints an exponent): the common case, without
  // the rounding copy that toFixed makes.
  const s = places === 0 && value.isInteger() ? value.toString() : value.toFixed(places, D.ROUND_HALF_UP);
  if (s.charCodeAt(0) !== 45 /* - */) return { digits: s, negative: false };
  const digits = s.slice(1);
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    if (c !== 48 /* 0 */ && c !== 46 /* . */) return { digits, negative: true };
  }
  return { digits, negative: false };
}

/** Group an integer string's digits in threes: "1234567" -> "1,234,567". */
function group(intDigits: string): string {
  const n = intDigits.length;
  if (n <= 3) return intDigits;
  let out = intDigits.slice(0, n % 3 || 3);
  for (let k = n % 3 || 3; k < n; k += 3) out += "," + intDigits.slice(k, k + 3);
  return out;
}

/**
 * Print an amount as the form does: `1,234,567` for dollars, `85.47` for percentages, negatives in
 * parentheses (`(1,234)`) unless `negative: "minus"`. Infinite values print as "unbounded".
 */
export function formatAmount(value: Decimal, scale: Scale, opts: { negative?: "parentheses" | "minus" } = {}): string {
  if (!value.isFinite()) return value.isPositive() ? "unbounded" : "-unbounded";
  const places = DECIMALS[scale];
  let fixed: string;
  let negative: boolean;
  if (places === null) {
    fixed = value.abs().toString();
    negative = value.isNegative() && !value.isZero();
  } else {
    ({ digits: fixed, negative } = fixedDigits(value, places));
  }
  const dot = fixed.indexOf(".");
  const body = dot < 0 ? group(fixed) : group(fixed.slice(0, dot)) + fixed.slice(dot);
  if (!negative) return body;
  return opts.negative === "minus" ? `-${body}` : `(${body})`;
}

/**
 * Plain machine form for JSON output: no grouping, minus sign, the form's decimals
 * (`"299549779"`, `"85.47"`, `"-1234"`). Exact: it is the decimal's own digits.
 */
export function plainAmount(value: Decimal, scale: Scale): string {
  const places = DECIMALS[scale];
  if (places === null) return value.toString();
  const { digits, negative } = fixedDigits(value, places);
  return negative ? `-${digits}` : digits;
}
