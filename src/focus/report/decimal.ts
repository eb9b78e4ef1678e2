/**
 * The project's one decimal constructor. Money and percentages never touch binary floating point:
 * every amount is a `Decimal` made by `D`, a private clone of decimal.js (the global `Decimal`
 * configuration is never changed, so other libraries sharing decimal.js are unaffected).
 *
 * 40 significant digits hold any FOCUS amount (at most 15 integer digits) times any rate with room
 * to spare; the one rounding that matters, where the form rounds, is always explicit
 * (see `roundToScale`). Exponent notation is switched off for everything we print.
 */
import { Decimal } from "decimal.js";

export { Decimal };

/** Decimal constructor for all FOCUS arithmetic: 40 significant digits, ROUND_HALF_UP, no exponent notation. */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/**
 * An Excel double as the decimal Excel shows: its 15 significant digits (Excel's precision), so
 * 100.30000000000001 is 100.3. The one place a double from a cell, a JSON number or a custom
 * function argument becomes a Decimal. `n` must be finite.
 */
export function fromExcelNumber(n: number): Decimal {
  return new D(n.toPrecision(15));
}

/** Zero, shared. */
export const ZERO = new D(0);

/** Positive infinity, used only as an interval bound ("at least ..."). */
export const POS_INF = new D(Infinity);
/** Negative infinity, used only as an interval bound ("at most ..."). */
export const NEG_INF = new D(-Infinity);
