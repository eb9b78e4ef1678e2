/**
 * The interval arithmetic's shortcuts (points, zero, non-negative quotients) give the same
 * intervals as the general corner formulas, checked against a reference written here.
 */
import fc from "fast-check";
import { D, type Decimal } from "../src/focus";
import { I } from "../src/focus";

/** A bound: whole dollars or cents, with infinities now and then. */
const bound = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((n) => new D(n.toString())) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((n) => new D(n.toString()).div(100)) },
  { weight: 1, arbitrary: fc.constantFrom(new D(0), new D(Infinity), new D(-Infinity)) },
);

/** An interval: often a point (one object at both ends, as the engine makes them), else [lo, hi]. */
const interval = fc.oneof(
  bound.map((v) => I.point(v)),
  fc.tuple(bound, bound).map(([a, b]) => (a.lte(b) ? { lo: a, hi: b } : { lo: b, hi: a })),
);

function same(a: I.Interval | null, b: I.Interval | null): boolean {
  if (a === null || b === null) return a === b;
  return a.lo.eq(b.lo) && a.hi.eq(b.hi);
}

/** Reference quotient: every corner, NaN corners dropped. */
function refDiv(i: I.Interval, j: I.Interval): I.Interval | null {
  if (j.lo.lte(0) && j.hi.gte(0)) return null;
  const c: Decimal[] = [i.lo.div(j.lo), i.lo.div(j.hi), i.hi.div(j.lo), i.hi.div(j.hi)].filter((x) => !x.isNaN());
  return c.length ? { lo: D.min(...c), hi: D.max(...c) } : null;
}

test("sums and differences equal the corner formulas, zero included", () => {
  fc.assert(
    fc.property(interval, interval, (i, j) => {
      const sum = { lo: i.lo.plus(j.lo), hi: i.hi.plus(j.hi) };
      const diff = { lo: i.lo.minus(j.hi), hi: i.hi.minus(j.lo) };
      // inf + -inf is NaN in the corner formula; the shortcut cannot meet it (a point of zero is finite).
      if (!sum.lo.isNaN() && !sum.hi.isNaN()) expect(same(I.add(i, j), sum)).toBe(true);
      if (!diff.lo.isNaN() && !diff.hi.isNaN()) expect(same(I.sub(i, j), diff)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test("adding or subtracting the zero point returns the same interval", () => {
  const i = { lo: new D("350455575"), hi: new D("350455625") };
  const zero = I.point(new D(0));
  expect(I.add(i, zero)).toBe(i);
  expect(I.add(zero, i)).toBe(i);
  expect(I.sub(i, zero)).toBe(i);
  expect(I.sub(zero, i)).toEqual({ lo: new D("-350455625"), hi: new D("-350455575") });
});

test("quotients equal the corner formula (the non-negative shortcut included)", () => {
  fc.assert(
    fc.property(interval, interval, (i, j) => {
      expect(same(I.div(i, j), refDiv(i, j))).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

test("3851 from the real report: net capital over the aggregate debits that 3870 implies", () => {
  // 3750 = 299,549,779; 4470 in [350,455,575, 350,455,625] (from 3870 = 7,009,112 at 2%).
  const q = I.div(I.point(new D("299549779")), { lo: new D("350455575"), hi: new D("350455625") });
  expect(q).not.toBeNull();
  expect(q!.lo.times(100).toDecimalPlaces(2).toString()).toBe("85.47");
  expect(q!.hi.times(100).toDecimalPlaces(2).toString()).toBe("85.47");
  expect(q!.lo.lt(q!.hi)).toBe(true);
});
