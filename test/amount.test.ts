import fc from "fast-check";
import { D, formatAmount, parseAmount, plainAmount, type AmountErrorCode, type Scale } from "../src/focus";

describe("parseAmount accepts what FINOPs type", () => {
  const accepted: [string | number, Scale, string | null][] = [
    ["1234", "dollars", "1234"],
    ["1,234", "dollars", "1234"],
    ["(1,234)", "dollars", "-1234"],
    ["-1,234", "dollars", "-1234"],
    ["−1,234", "dollars", "-1234"],
    ["$1,234", "dollars", "1234"],
    ["$(1,234)", "dollars", "-1234"],
    ["($1,234)", "dollars", "-1234"],
    ["-$1,234", "dollars", "-1234"],
    ["$ 22,150,484,829", "dollars", "22150484829"],
    ["  299,549,779  ", "dollars", "299549779"],
    ["0", "dollars", "0"],
    ["-0", "dollars", "0"],
    ["", "dollars", null],
    ["   ", "dollars", null],
    ["85.47", "percent", "85.47"],
    ["85.47%", "percent", "85.47"],
    ["0.00", "percent", "0"],
    ["1,234.50", "dollars", "1235"],
    ["3", "count", "3"],
    ["2.5", "factor", "2.5"],
    [299549779, "dollars", "299549779"],
    [0.1 + 0.2, "percent", "0.3"],
    [999999999999999, "dollars", "999999999999999"],
  ];
  test.each(accepted)("%p as %s -> %p", (input, scale, want) => {
    const r = parseAmount(input, scale);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value === null ? null : r.value.toString()).toBe(want);
  });

  test("cents are rounded half-up to whole dollars, and say so", () => {
    const r = parseAmount("7,009,112.50", "dollars");
    expect(r).toMatchObject({ ok: true, rounded: { from: "7009112.5" } });
    if (r.ok) expect(r.value?.toString()).toBe("7009113");
  });

  test("a formula's fraction from Excel is rounded to whole dollars, and says so", () => {
    const r = parseAmount({ kind: "number", value: 7009112.4 }, "dollars");
    expect(r).toMatchObject({ ok: true, rounded: { from: "7009112.4" } });
    if (r.ok) expect(r.value?.toString()).toBe("7009112");
  });

  test("a percentage-formatted cell's 0.8547 is 85.47", () => {
    const r = parseAmount({ kind: "number", value: 0.8547, percentFormat: true }, "percent");
    expect(r.ok && r.value?.toString()).toBe("85.47");
  });

  test("percentages are rounded to the form's two decimals", () => {
    const r = parseAmount("85.4738", "percent");
    expect(r.ok && r.value?.toString()).toBe("85.47");
    expect(r.ok && r.rounded).toEqual({ from: "85.4738" });
  });
});

describe("parseAmount refuses everything else, naming the input", () => {
  const rejected: [Parameters<typeof parseAmount>[0], Scale, AmountErrorCode][] = [
    ["n/a", "dollars", "not-an-amount"],
    ["1.234,56", "dollars", "european-format"],
    ["1.234.567", "dollars", "european-format"],
    ["-", "dollars", "dash"],
    ["$ -", "dollars", "dash"],
    ["—", "dollars", "dash"],
    ["1,234.567", "dollars", "fraction-of-cent"],
    ["1234567890123456", "dollars", "too-many-digits"],
    [1e15, "dollars", "too-many-digits"],
    ["(1,234", "dollars", "not-an-amount"],
    ["-(1,234)", "dollars", "not-an-amount"],
    ["12,34", "dollars", "european-format"],
    ["1,23,4", "dollars", "not-an-amount"],
    ["85.47%", "dollars", "percent-on-dollars"],
    ["$85.47", "percent", "currency-on-percent"],
    ["2.5", "count", "not-whole"],
    [{ kind: "boolean", value: true }, "dollars", "boolean"],
    [{ kind: "error", value: "#REF!" }, "dollars", "cell-error"],
    [{ kind: "error", value: "#DIV/0!" }, "dollars", "cell-error"],
    [{ kind: "date", value: "2024-12-31" }, "dollars", "date"],
    [Number.NaN, "dollars", "not-finite"],
    [Number.POSITIVE_INFINITY, "dollars", "not-finite"],
  ];
  test.each(rejected)("%p as %s -> %s", (input, scale, code) => {
    const r = parseAmount(input, scale);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message.length).toBeGreaterThan(10);
    if (typeof input === "string") expect(r.error.message).toContain(input);
  });
});

describe("formatting", () => {
  test.each([
    ["299549779", "dollars", "299,549,779", "299549779"],
    ["-212820486", "dollars", "(212,820,486)", "-212820486"],
    ["85.4738", "percent", "85.47", "85.47"],
    ["0", "percent", "0.00", "0.00"],
    ["7009112.5", "dollars", "7,009,113", "7009113"],
  ] as const)("%s as %s prints %s / %s", (v, scale, text, plain) => {
    expect(formatAmount(new D(v), scale)).toBe(text);
    expect(plainAmount(new D(v), scale)).toBe(plain);
  });

  test("the parser reads back what the formatter prints (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }), (n) => {
        const v = new D(n.toString());
        for (const text of [formatAmount(v, "dollars"), formatAmount(v, "dollars", { negative: "minus" }), plainAmount(v, "dollars")]) {
          const r = parseAmount(text, "dollars");
          expect(r.ok && r.value?.eq(v)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
