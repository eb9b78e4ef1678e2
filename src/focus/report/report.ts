/**
 * A report: what the user entered, item by item, read against the catalogue. Building it never
 * throws on bad input: every problem (an amount that is not an amount, a duplicate code, a code
 * not on the form, a sign typed inside the form's printed parentheses) becomes an input finding
 * that names the item and where it came from, and the item is marked invalid, never zero.
 */
import { describeRaw, formatAmount, parseAmount, plainAmount, type AmountError, type RawCell } from "./amount";
import { catalogue, formFit } from "../catalogue/catalogue";
import type { FocusItem, FormId } from "../catalogue/types";
import { D, type Decimal } from "./decimal";
import type { Units } from "./units";
import type { Finding } from "../evaluator/findings";

/** One value handed to the engine: an item code, its raw content, and where it was read. */
export interface InputEntry {
  /** The item code as given (e.g. "3750"). */
  code: string;
  raw: RawCell;
  /** Where the value came from, for messages: "FOCUS!E12", "line 14", "key \"3750\"". */
  where?: string;
  /**
   * A problem the reader found with the mapping itself (a name pointing at #REF!, a name covering
   * several cells): the item is unusable and the problem is reported as INPUT-MAPPING.
   */
  problem?: string;
}

/** The state of one item after reading. */
export type ItemValue =
  /** `half`: half the last printed digit, in dollars or percent (1,234 in thousands: 500; 15.57 in billions: 5,000,000; "16%": 0.5); absent when exact. */
  | { state: "amount"; value: Decimal; where?: string; half?: Decimal }
  | { state: "text"; text: string; where?: string }
  | { state: "flag"; checked: boolean; where?: string }
  | { state: "blank"; where?: string }
  | { state: "invalid"; reason: string; where?: string; error?: AmountError };

export { UNITS, type Units } from "./units";

/** Dollars per printed unit. */
export const UNIT_FACTOR: Record<Units, Decimal> = {
  dollars: new D(1),
  thousands: new D(1000),
  millions: new D(1_000_000),
  billions: new D(1_000_000_000),
};

/** How a report is read. */
export interface ReportOptions {
  /**
   * The unit of its dollar amounts (default dollars). Amounts are scaled to dollars and carry ±
   * half of their last printed digit: 1,234 in thousands is 1,233,500 to 1,234,500 dollars; 15.57
   * in billions is 15,565,000,000 to 15,575,000,000.
   */
  units?: Units;
}

/** A report read against a form's catalogue. */
export interface Report {
  form: FormId;
  /** The unit its dollar amounts were printed in; values are in dollars. */
  units: Units;
  /** Values by item code; items not given are absent (blank). */
  values: Map<string, ItemValue>;
  /** Problems with the input itself, as findings (rule ids "INPUT-..."). */
  inputFindings: Finding[];
}

function where(w: string | undefined): string {
  return w ? ` at ${w}` : "";
}

/** "3750 net capital" as used in messages. */
export function itemName(it: FocusItem | undefined, code: string): string {
  return it ? `${code} (${it.label})` : code;
}

function inputFinding(
  rule: string,
  severity: "error" | "warning",
  code: string,
  it: FocusItem | undefined,
  message: string,
  wheres: (string | undefined)[],
  actual: string | null = null,
): Finding {
  return {
    rule,
    title: message,
    severity,
    status: "fail",
    section: it?.section ?? "cover",
    category: "input",
    formula: "",
    items: [code],
    expected: null,
    actual,
    difference: null,
    citation: "",
    message,
    where: wheres.filter((w): w is string => Boolean(w)),
    implied: [],
    missing: [],
    invalid: [],
    unconfirmed: it && !it.confirmed ? [code] : [],
  };
}

const CHECKED = new Set(["x", "yes", "true", "1", "✓", "✔", "☒", "[x]"]);
const UNCHECKED = new Set(["", "no", "false", "0", "☐", "[ ]"]);

function readFlag(raw: RawCell): boolean | null {
  switch (raw.kind) {
    case "blank":
      return false;
    case "boolean":
      return raw.value;
    case "number":
      return raw.value === 1 ? true : raw.value === 0 ? false : null;
    case "text": {
      const t = raw.value.trim().toLowerCase();
      if (CHECKED.has(t)) return true;
      if (UNCHECKED.has(t)) return false;
      return null;
    }
    default:
      return null;
  }
}

/**
 * Read entries against the form's catalogue.
 *
 * - Amount items are parsed with `parseAmount` at the item's scale; a value that is not an amount
 *   makes the item invalid (error finding INPUT-AMOUNT naming the item and where).
 * - A value rounded to the form's unit (cents, a formula's fraction) gives INPUT-ROUNDED (warning).
 * - A number in a date-formatted cell on an amount line is the amount, with INPUT-DATE-FORMAT
 *   (warning); on a date box it is the date it shows.
 * - A negative amount in a box the form prints in parentheses (3620, 3740, 335, ...) is taken as
 *   the deduction it means, with INPUT-SIGN (warning).
 * - A code given twice makes the item invalid (INPUT-DUPLICATE, error), whatever the values.
 * - A code not on the form gives INPUT-UNKNOWN-CODE (warning); the value is ignored.
 * - An entry with a `problem` (found by the reader) makes the item invalid (INPUT-MAPPING, error).
 * - Two codes read from the same place give INPUT-SHARED-CELL (warning): one cell, two lines.
 * - When the other form knows more of the codes, INPUT-FORM (warning) says so.
 * - Printed precision: with `units` other than dollars, dollar amounts are scaled to dollars first
 *   and judged after ("15.57" billions is 15,570,000,000, whole: no INPUT-ROUNDED), and carry half
 *   of their last printed digit ("15.57" billions ± 5,000,000; "2,453.9" millions ± 50,000; "4"
 *   millions ± 500,000); a percentage typed with fewer than two decimals ("16%", "16.5") or
 *   as a ratio "x to 1" ("0.16 to 1" is 16%) carries half its last printed digit.
 */
export function buildReport(form: FormId, entries: readonly InputEntry[], options: ReportOptions = {}): Report {
  const units = options.units ?? "dollars";
  const cat = catalogue(form);
  const values = new Map<string, ItemValue>();
  const inputFindings: Finding[] = [];
  const seen = new Map<string, InputEntry[]>();
  for (const e of entries) {
    const code = e.code.trim();
    const list = seen.get(code) ?? [];
    list.push(e);
    seen.set(code, list);
  }
  for (const [code, list] of seen) {
    const it = cat.get(code);
    if (!it) {
      inputFindings.push(
        inputFinding(
          "INPUT-UNKNOWN-CODE",
          "warning",
          code,
          undefined,
          `${code}${where(list[0].where)} is not an item code of ${form === "part-ii" ? "Part II" : "Part IIA"}; its value is not used.`,
          list.map((e) => e.where),
        ),
      );
      continue;
    }
    if (list.length > 1) {
      const places = list.map((e) => e.where ?? describeRaw(e.raw)).join(" and ");
      inputFindings.push(
        inputFinding(
          "INPUT-DUPLICATE",
          "error",
          code,
          it,
          `${itemName(it, code)} is given ${list.length} times (${places}); keep one, so that the check knows which value is meant.`,
          list.map((e) => e.where),
        ),
      );
      values.set(code, { state: "invalid", reason: `given ${list.length} times (${places})`, where: list[0].where });
      continue;
    }
    const e = list[0];
    if (e.problem) {
      inputFindings.push(inputFinding("INPUT-MAPPING", "error", code, it, `${itemName(it, code)}${where(e.where)}: ${e.problem}`, [e.where]));
      values.set(code, { state: "invalid", reason: e.problem, where: e.where });
      continue;
    }
    values.set(code, withPrecision(readOne(it, e, inputFindings, UNIT_FACTOR[units]), it, e));
  }
  const byPlace = new Map<string, string[]>();
  for (const [code, list] of seen) {
    for (const e of list) {
      if (!e.where || e.problem || !cat.has(code)) continue;
      const codes = byPlace.get(e.where) ?? [];
      if (!codes.includes(code)) codes.push(code);
      byPlace.set(e.where, codes);
    }
  }
  const fit = formFit(form, [...seen.keys()]);
  if (fit.otherFitsBetter) {
    const name = (f: FormId) => (f === "part-ii" ? "Part II" : "Part IIA");
    inputFindings.push({
      ...inputFinding(
        "INPUT-FORM",
        "warning",
        "",
        undefined,
        `These item codes fit ${name(fit.other)} better than ${name(form)}: ${fit.knownOther} of ${seen.size} are ${name(fit.other)} items, ${fit.known} are ${name(form)} items. Check the report as ${name(fit.other)} (focus check --form ${fit.other}, or the form setting in the task pane).`,
        [],
      ),
      items: [],
    });
  }
  for (const [place, codes] of byPlace) {
    if (codes.length < 2) continue;
    inputFindings.push({
      ...inputFinding(
        "INPUT-SHARED-CELL",
        "warning",
        codes[0],
        cat.get(codes[0]),
        `${place} is mapped to ${codes.length} items (${codes.map((c) => itemName(cat.get(c), c)).join(", ")}); each FOCUS line needs its own cell.`,
        [place],
      ),
      items: codes,
    });
  }
  return { form, units, values, inputFindings };
}

/** One entry read against its item; dollar amounts in `unit` dollars per printed unit are scaled to dollars (see parseAmount). */
function readOne(it: FocusItem, e: InputEntry, out: Finding[], unit: Decimal): ItemValue {
  const code = it.code;
  switch (it.kind) {
    case "text":
    case "date": {
      if (e.raw.kind === "blank") return { state: "blank", where: e.where };
      if (e.raw.kind === "error") {
        out.push(inputFinding("INPUT-AMOUNT", "error", code, it, `${itemName(it, code)}${where(e.where)}: the cell shows the error ${e.raw.value}.`, [e.where], e.raw.value));
        return { state: "invalid", reason: `the cell shows ${e.raw.value}`, where: e.where };
      }
      // A date box typed as 12/31/24 is a number formatted as a date: it is the date it shows.
      const text = e.raw.kind === "text" || e.raw.kind === "date" ? e.raw.value : e.raw.kind === "number" && e.raw.date ? e.raw.date : describeRaw(e.raw);
      return { state: "text", text, where: e.where };
    }
    case "flag": {
      const f = readFlag(e.raw);
      if (f === null) {
        const msg = `${itemName(it, code)}${where(e.where)} holds ${describeRaw(e.raw)}; a check box takes X (checked) or nothing.`;
        out.push(inputFinding("INPUT-AMOUNT", "error", code, it, msg, [e.where], describeRaw(e.raw)));
        return { state: "invalid", reason: `holds ${describeRaw(e.raw)}, not X or blank`, where: e.where };
      }
      return { state: "flag", checked: f, where: e.where };
    }
    default: {
      const scale = it.kind;
      const ratio = scale === "percent" ? readToOne(e.raw) : null;
      if (ratio) return { state: "amount", value: ratio.value, where: e.where, half: ratio.half };
      const r = parseAmount(e.raw, scale, { unit });
      if (!r.ok) {
        out.push(inputFinding("INPUT-AMOUNT", "error", code, it, `${itemName(it, code)}${where(e.where)}: ${r.error.message}`, [e.where], r.error.input));
        return { state: "invalid", reason: r.error.message, where: e.where, error: r.error };
      }
      if (r.value === null) return { state: "blank", where: e.where };
      let value = r.value;
      if (e.raw.kind === "number" && e.raw.dateFormat) {
        const shows = e.raw.date ? `shows the date ${e.raw.date}` : "is too large to show as a date (####)";
        out.push(
          inputFinding(
            "INPUT-DATE-FORMAT",
            "warning",
            code,
            it,
            `${itemName(it, code)}${where(e.where)} is formatted as a date and ${shows}; it is read as the amount ${formatAmount(value, scale)}. Format the cell as a number.`,
            [e.where],
            plainAmount(value, scale),
          ),
        );
      }
      if (r.rounded) {
        out.push(
          inputFinding(
            "INPUT-ROUNDED",
            "warning",
            code,
            it,
            `${itemName(it, code)}${where(e.where)} holds ${r.rounded.from}; the form reports ${scale === "percent" ? "percentages to two decimals" : "whole dollars"}, so ${formatAmount(value, scale)} is used.`,
            [e.where],
            r.rounded.from,
          ),
        );
      }
      if (it.printedNegative && value.isNegative()) {
        value = value.abs();
        out.push(
          inputFinding(
            "INPUT-SIGN",
            "warning",
            code,
            it,
            `${itemName(it, code)}${where(e.where)} is negative, but the form prints this box in parentheses: enter the deduction without a sign. Taken as ${formatAmount(value, scale)}.`,
            [e.where],
          ),
        );
      }
      if (it.nonNegative && value.isNegative()) {
        const msg = `${itemName(it, code)}${where(e.where)} is ${formatAmount(value, scale)}: a balance of the reserve formula is never negative (15c3-3a); enter the amount without a sign, or correct the box.`;
        out.push(inputFinding("INPUT-NEGATIVE", "error", code, it, msg, [e.where], plainAmount(value, scale)));
        return { state: "invalid", reason: `negative (${formatAmount(value, scale)})`, where: e.where };
      }
      return r.half ? { state: "amount", value, where: e.where, half: r.half } : { state: "amount", value, where: e.where };
    }
  }
}

/** "0.16 to 1": a ratio written as a multiple; the form's percent lines take it times 100. */
const TO_ONE = /^\s*(\d+(?:\.(\d+))?)\s*to\s*1\s*$/i;

/** Read a percent line written "x to 1" (before the amount parser, which does not know the form). */
export function readToOne(raw: RawCell): { value: Decimal; half: Decimal } | null {
  if (raw.kind !== "text") return null;
  const m = TO_ONE.exec(raw.value);
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  return { value: new D(m[1]).times(100), half: new D("0.5").times(new D(10).pow(-decimals)).times(100) };
}

/** The printed precision of a short percentage: half its last digit (dollar amounts in a unit get theirs from parseAmount). */
function withPrecision(v: ItemValue, it: FocusItem, e: InputEntry): ItemValue {
  if (v.state !== "amount" || v.half) return v;
  if (it.kind === "percent" && e.raw.kind === "text") {
    const m = /^[^.]*?(?:\.(\d*))?\s*%?\s*$/.exec(e.raw.value.trim());
    const decimals = m?.[1]?.length ?? 0;
    if (decimals < 2) return { ...v, half: new D("0.5").times(new D(10).pow(-decimals)) };
  }
  return v;
}
