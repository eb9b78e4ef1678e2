/**
 * Properties of the engine (fast-check):
 * - the evaluator never throws, whatever the report (10,000 random reports of both forms);
 * - a Part II report consistent by construction passes every rule: its figures are computed here
 *   with BigInt arithmetic over the rules' line structure, an oracle independent of the engine's
 *   decimal and interval code;
 * - changing one addend of such a report fails exactly the rules that read it.
 */
import fc from "fast-check";
import { catalogue, checkReport, rulesFor, type EquationRule, type FormId, type InputEntry, type RawCell, type Term } from "../src/focus";

// ------------------------------------------------------------------------------ never throws

const rawCell: fc.Arbitrary<RawCell> = fc.oneof(
  fc.constant<RawCell>({ kind: "blank" }),
  fc.double({ noNaN: false }).map((value): RawCell => ({ kind: "number", value })),
  fc.integer({ min: -1e9, max: 1e9 }).map((value): RawCell => ({ kind: "number", value })),
  fc.integer({ min: -1e9, max: 1e9 }).map((v): RawCell => ({ kind: "text", value: v < 0 ? `(${(-v).toLocaleString("en-US")})` : `$${v.toLocaleString("en-US")}` })),
  fc.string().map((value): RawCell => ({ kind: "text", value })),
  fc.constantFrom<RawCell>({ kind: "error", value: "#REF!" }, { kind: "error", value: "#N/A" }, { kind: "boolean", value: true }, { kind: "date", value: "45657" }),
);

function codes(form: FormId): string[] {
  return catalogue(form).items.map((i) => i.code);
}

test("the evaluator never throws on 10,000 random reports (both forms, junk included)", () => {
  const forms: FormId[] = ["part-ii", "part-iia"];
  const all = [...new Set([...codes("part-ii"), ...codes("part-iia")])];
  fc.assert(
    fc.property(
      fc.constantFrom(...forms),
      fc.array(fc.record({ code: fc.oneof(fc.constantFrom(...all), fc.string({ maxLength: 6 })), raw: rawCell, problem: fc.option(fc.string(), { nil: undefined }) }), { maxLength: 40 }),
      fc.boolean(),
      (form, rows, firstYear) => {
        const entries: InputEntry[] = rows.map((r, i) => ({ code: r.code, raw: r.raw, where: `row ${i}`, ...(r.problem && i % 7 === 0 ? { problem: r.problem } : {}) }));
        const r = checkReport(form, entries, { firstYear });
        expect(r.findings.length).toBeGreaterThan(0);
        for (const f of r.findings) expect(["pass", "fail", "cannot-evaluate", "not-applicable"]).toContain(f.status);
      },
    ),
    { numRuns: 10_000 },
  );
}, 120_000);

// ------------------------------------------------------------------------------ consistent by construction

/** Round a / b half away from zero (decimal.js ROUND_HALF_UP), in BigInt. */
function roundDiv(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const q = (2n * x + y) / (2n * y);
  return neg ? -q : q;
}

const RULES = rulesFor("part-ii").filter((r): r is EquationRule => r.kind === "equation");
const rule = (id: string) => RULES.find((r) => r.id === id)!;
const termsOf = (r: EquationRule): { code: string; sign: bigint }[] => {
  if (r.expr.op !== "total") throw new Error(`${r.id} is not a total`);
  return r.expr.terms.map((t: Term) => ({ code: (t.expr as { code: string }).code, sign: t.sign === 1 ? 1n : -1n }));
};

/** Leaves of the statement of financial condition: the parts of every line's cross-foot. */
const assetLines = RULES.filter((r) => r.section === "assets" && r.category === "cross-foot" && r.id !== "P2-XF-940");
const liabilityLines = RULES.filter((r) => r.section === "liabilities" && r.category === "cross-foot" && r.id !== "P2-XF-1760");
const LEAVES = [...assetLines, ...liabilityLines].flatMap((r) => termsOf(r).map((t) => t.code));

interface Seeds {
  leaves: Record<string, bigint | null>;
  cash: bigint;
  deductions: bigint[];
  haircuts: bigint[];
  debits: bigint;
  reverseRepo: bigint;
  subordinated: bigint;
  /** The reserve formula: credit items (lines 1-10), shares of aggregate debit items, the account before the deposit, the cushion after it. */
  reserveCredits: bigint[];
  debitShares: bigint[];
  onDeposit: bigint;
  cushion: bigint;
}

const seeds: fc.Arbitrary<Seeds> = fc.record({
  leaves: fc.record(Object.fromEntries(LEAVES.map((c) => [c, fc.option(fc.bigInt({ min: 0n, max: 100_000n }), { nil: null, freq: 2 })]))) as fc.Arbitrary<Record<string, bigint | null>>,
  cash: fc.bigInt({ min: 10_000_000n, max: 1_000_000_000n }),
  deductions: fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 2, maxLength: 2 }),
  haircuts: fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 2, maxLength: 2 }),
  debits: fc.bigInt({ min: 100_000n, max: 10_000_000n }),
  reverseRepo: fc.bigInt({ min: 0n, max: 100_000n }),
  subordinated: fc.bigInt({ min: 0n, max: 100_000n }),
  reserveCredits: fc.array(fc.bigInt({ min: 0n, max: 3_000_000n }), { minLength: 10, maxLength: 10 }),
  debitShares: fc.array(fc.bigInt({ min: 0n, max: 100n }), { minLength: 7, maxLength: 7 }),
  onDeposit: fc.bigInt({ min: 0n, max: 20_000_000n }),
  cushion: fc.bigInt({ min: 0n, max: 1_000_000n }),
});

const CREDIT_ITEMS = ["4340", "4350", "4360", "4370", "4380", "4390", "4400", "4410", "4420", "4425"];
const DEBIT_ITEMS = ["4440", "4450", "4460", "4465", "4467", "90015", "4469"];

/** A Part II report whose every line is computed from its parts (alternative standard, no models). */
function construct(s: Seeds): Map<string, bigint | string | null> {
  const v = new Map<string, bigint | string | null>();
  const get = (c: string) => (v.get(c) as bigint | null | undefined) ?? 0n;
  for (const [c, x] of Object.entries(s.leaves)) v.set(c, x);
  v.set("200", s.cash);
  // An allowance for doubtful accounts never exceeds the receivables it is an allowance for.
  for (const [allowance, parts] of [["335", ["310", "320", "330"]], ["590", ["560", "570", "580"]]] as const) {
    const receivables = parts.reduce((a, c) => a + ((v.get(c) as bigint | null) ?? 0n), 0n);
    if (((v.get(allowance) as bigint | null) ?? 0n) > receivables) v.set(allowance, null);
  }
  for (const r of [...assetLines, ...liabilityLines]) v.set(r.target, termsOf(r).reduce((a, t) => a + t.sign * get(t.code), 0n));
  for (const id of ["P2-COL-540", "P2-COL-740", "P2-COL-940", "P2-COL-1230", "P2-COL-1450", "P2-COL-1760"]) {
    const r = rule(id);
    v.set(r.target, termsOf(r).reduce((a, t) => a + t.sign * get(t.code), 0n));
  }
  const equity = get("940") - get("1760");
  v.set("1780", equity);
  v.set("1800", equity);
  v.set("1810", get("1760") + equity);
  // Net capital.
  v.set("3480", equity);
  v.set("3490", 0n);
  v.set("3500", equity);
  v.set("3520", s.subordinated);
  v.set("3530", equity + s.subordinated);
  v.set("3540", get("740"));
  v.set("3570", s.deductions[0]);
  v.set("3610", s.deductions[1]);
  v.set("3620", get("740") + s.deductions[0] + s.deductions[1]);
  const tnc = get("3530") - get("3620");
  v.set("3640", tnc);
  v.set("3660", s.haircuts[0]);
  v.set("3680", s.haircuts[1]);
  v.set("3740", s.haircuts[0] + s.haircuts[1]);
  const nc = tnc - get("3740");
  v.set("3750", nc);
  // Minimum requirement, alternative standard.
  v.set("4470", s.debits);
  const r2 = roundDiv(s.debits * 2n, 100n);
  v.set("3870", r2);
  v.set("12059", s.reverseRepo);
  v.set("12060", r2 + s.reverseRepo);
  v.set("3880", 250_000n);
  const min = r2 + s.reverseRepo > 250_000n ? r2 + s.reverseRepo : 250_000n;
  v.set("3760", min);
  v.set("3910", nc - min);
  v.set("12061", roundDiv(nc * 10n - min * 12n, 10n));
  v.set("3920", roundDiv(nc * 100n - s.debits * 5n, 100n));
  const hundredths = roundDiv(nc * 10_000n, s.debits);
  v.set("3851", `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")}`);
  // 3860 = 3520 / 3530 × 100, two decimals.
  const total3530 = equity + s.subordinated;
  if (total3530 > 0n) {
    const de = roundDiv(s.subordinated * 10_000n, total3530);
    v.set("3860", `${de / 100n}.${String(de % 100n).padStart(2, "0")}`);
  }
  // The reserve formula (alternative standard, weekly): debit items that add up to 4470.
  const shares = s.debitShares.reduce((a, b) => a + b, 0n) || 1n;
  let left = s.debits;
  DEBIT_ITEMS.forEach((c, i) => {
    const part = i === DEBIT_ITEMS.length - 1 ? left : (s.debits * s.debitShares[i]) / shares;
    v.set(c, part);
    left -= part;
  });
  CREDIT_ITEMS.forEach((c, i) => v.set(c, s.reserveCredits[i]));
  const credits = s.reserveCredits.reduce((a, b) => a + b, 0n);
  v.set("4430", credits);
  const reduction = roundDiv(s.debits * 3n, 100n);
  v.set("4471", reduction);
  v.set("4472", s.debits - reduction);
  const excess = credits - (s.debits - reduction);
  v.set("4490", excess > 0n ? excess : 0n);
  v.set("4480", excess < 0n ? -excess : 0n);
  const after = (excess > 0n ? excess : 0n) + s.cushion;
  v.set("4510", s.onDeposit);
  v.set("4520", after - s.onDeposit);
  v.set("4530", after);
  return v;
}

function entries(v: Map<string, bigint | string | null>): InputEntry[] {
  return [...v].filter(([, x]) => x !== null).map(([code, x]) => ({ code, raw: { kind: "text", value: String(x) }, where: `item ${code}` }));
}

test("a Part II report consistent by construction passes every rule (nothing fails, nothing cannot be evaluated)", () => {
  fc.assert(
    fc.property(seeds, (s) => {
      const r = checkReport("part-ii", entries(construct(s)));
      const bad = r.findings.filter((f) => f.status === "fail" || f.status === "cannot-evaluate").map((f) => `${f.rule}: ${f.message}`);
      expect(bad).toEqual([]);
      expect(r.summary.pass).toBeGreaterThan(25);
    }),
    { numRuns: Number(process.env.FOCUS_PROPERTY_RUNS ?? 300) },
  );
}, 600_000);

test("changing one addend of a consistent report fails exactly the rules that read it", () => {
  fc.assert(
    fc.property(seeds, fc.nat(), fc.bigInt({ min: 1n, max: 1_000_000n }), (s, pick, delta) => {
      const v = construct(s);
      const reported = LEAVES.filter((c) => v.get(c) !== null && v.get(c) !== undefined);
      fc.pre(reported.length > 0);
      const code = reported[pick % reported.length];
      const before = checkReport("part-ii", entries(v));
      v.set(code, (v.get(code) as bigint) + delta);
      const after = checkReport("part-ii", entries(v));
      const status = (r: typeof before) => new Map(r.findings.map((f) => [f.rule, f.status]));
      const b = status(before);
      const changed = [...status(after)].filter(([id, st]) => b.get(id) !== st).map(([id]) => id).sort();
      const readers = before.findings.filter((f) => f.status === "pass" && f.items.includes(code)).map((f) => f.rule).sort();
      expect(changed).toEqual(readers);
      expect(readers.length).toBeGreaterThanOrEqual(2);
    }),
    { numRuns: Number(process.env.FOCUS_PROPERTY_RUNS ?? 200) },
  );
}, 600_000);

test("changing one credit or debit item of a consistent reserve page fails exactly the rules that read it", () => {
  fc.assert(
    fc.property(seeds, fc.constantFrom(...CREDIT_ITEMS, ...DEBIT_ITEMS), fc.bigInt({ min: 1n, max: 1_000_000n }), (s, code, delta) => {
      const v = construct(s);
      const before = checkReport("part-ii", entries(v));
      expect(before.findings.filter((f) => f.section === "reserve-formula" && f.status === "pass").length).toBeGreaterThanOrEqual(8);
      v.set(code, (v.get(code) as bigint) + delta);
      const after = checkReport("part-ii", entries(v));
      const b = new Map(before.findings.map((f) => [f.rule, f.status]));
      const changed = after.findings.filter((f) => b.get(f.rule) !== f.status).map((f) => f.rule);
      expect(changed).toEqual([CREDIT_ITEMS.includes(code) ? "P2-RES-4430" : "P2-RES-4470"]);
    }),
    { numRuns: Number(process.env.FOCUS_PROPERTY_RUNS ?? 200) },
  );
}, 600_000);
