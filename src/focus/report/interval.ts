/**
 * Closed intervals of decimals, for values the report implies but does not state.
 *
 * A reported amount is exact: the interval [v, v]. An amount the form derives by a percentage is
 * rounded to whole dollars, so what it says about its inputs is a range: 3870 = 7,009,112 says
 * that 2 % of aggregate debit items lies in [7,009,111.5, 7,009,112.5], so aggregate debit items
 * (4470) lie in [350,455,575, 350,455,625]. Carrying ranges instead of a single guessed figure
 * keeps every check exact. Bounds may be infinite ("at least 7,153,876").
 */
import { D, Decimal, NEG_INF, POS_INF, ZERO } from "./decimal";

/** A closed interval [lo, hi] with lo <= hi; bounds may be infinite. */
export interface Interval {
  readonly lo: Decimal;
  readonly hi: Decimal;
}

/** The one-point interval [v, v]. */
export function point(v: Decimal): Interval {
  return { lo: v, hi: v };
}

/** [lo, hi]; throws Error when lo > hi (a programming error). */
export function interval(lo: Decimal, hi: Decimal): Interval {
  if (lo.gt(hi)) throw new Error(`empty interval [${lo}, ${hi}]`);
  return { lo, hi };
}

/** True when the interval is a single value. */
export function isPoint(i: Interval): boolean {
  return i.lo.eq(i.hi);
}

/** i + j. (Points, whose ends are one object, are added once; adding zero returns the other interval itself.) */
export function add(i: Interval, j: Interval): Interval {
  if (j.lo === j.hi && j.lo.isZero()) return i;
  if (i.lo === i.hi && i.lo.isZero()) return j;
  if (i.lo === i.hi && j.lo === j.hi) return point(i.lo.plus(j.lo));
  return { lo: i.lo.plus(j.lo), hi: i.hi.plus(j.hi) };
}

/** i - j. */
export function sub(i: Interval, j: Interval): Interval {
  if (j.lo === j.hi && j.lo.isZero()) return i;
  if (i.lo === i.hi && j.lo === j.hi) return point(i.lo.minus(j.lo));
  return { lo: i.lo.minus(j.hi), hi: i.hi.minus(j.lo) };
}

/** -i. */
export function neg(i: Interval): Interval {
  if (i.lo === i.hi) return point(i.lo.neg());
  return { lo: i.hi.neg(), hi: i.lo.neg() };
}

/** k * i for a finite constant k (0 * unbounded is 0). */
export function scale(i: Interval, k: Decimal): Interval {
  if (k.isZero()) return point(new D(0));
  if (i.lo === i.hi) return point(i.lo.times(k));
  const a = i.lo.times(k);
  const b = i.hi.times(k);
  return k.isNegative() ? { lo: b, hi: a } : { lo: a, hi: b };
}

/** max(i, j), elementwise. */
export function max(i: Interval, j: Interval): Interval {
  return { lo: D.max(i.lo, j.lo), hi: D.max(i.hi, j.hi) };
}

/** True when the interval contains zero. */
export function containsZero(i: Interval): boolean {
  return i.lo.lte(0) && i.hi.gte(0);
}

/** i / j, or null when j contains zero (the quotient is unbounded or undefined). */
export function div(i: Interval, j: Interval): Interval | null {
  if (containsZero(j)) return null;
  if (i.lo === i.hi && j.lo === j.hi) {
    const q = i.lo.div(j.lo);
    return q.isNaN() ? null : point(q); // infinity over infinity
  }
  // Both non-negative and finite, the divisor positive: the quotient grows with i and falls with j.
  if (i.lo.gte(ZERO) && j.lo.gt(ZERO) && i.hi.isFinite() && j.hi.isFinite()) return { lo: i.lo.div(j.hi), hi: i.hi.div(j.lo) };
  const cands = [i.lo.div(j.lo), i.lo.div(j.hi), i.hi.div(j.lo), i.hi.div(j.hi)].filter((x) => !x.isNaN());
  if (cands.length === 0) return null;
  return { lo: D.min(...cands), hi: D.max(...cands) };
}

/** The common part of i and j, or null when they do not meet. */
export function intersect(i: Interval, j: Interval): Interval | null {
  const lo = D.max(i.lo, j.lo);
  const hi = D.min(i.hi, j.hi);
  return lo.gt(hi) ? null : { lo, hi };
}

/** The point of i nearest to v (v itself when inside). */
export function nearest(i: Interval, v: Decimal): Decimal {
  if (v.lt(i.lo)) return i.lo;
  if (v.gt(i.hi)) return i.hi;
  return v;
}

/** The interval widened by w on each side. */
export function widen(i: Interval, w: Decimal): Interval {
  return { lo: i.lo.minus(w), hi: i.hi.plus(w) };
}

/** The whole line: nothing known. */
export const UNBOUNDED: Interval = { lo: NEG_INF, hi: POS_INF };

/** Midpoint of a bounded interval; the finite bound of a half-bounded one. */
export function middle(i: Interval): Decimal {
  if (i.lo.isFinite() && i.hi.isFinite()) return i.lo.plus(i.hi).div(2);
  return i.lo.isFinite() ? i.lo : i.hi;
}
