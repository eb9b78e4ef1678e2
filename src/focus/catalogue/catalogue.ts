/**
 * The item catalogue: every FOCUS item the engine knows, keyed by (form, item code), with its
 * section, line, label, column, value kind and whether a source confirms its code.
 */
import { PART_II_ROWS } from "./part-ii.rows";
import { PART_IIA_ROWS } from "./part-iia.rows";
import type { CatalogueRow, Column, Confidence, FocusItem, FormId, PackedRows, SectionKey, UncodedLine, ValueKind } from "./types";

/**
 * Decode the generated rows (scripts/import-catalogue.js): one text line per row,
 * code|section|line|label|column|confidence|note, where `"` is the row above's section, line or
 * label, a label `^N^rest` is the row above's first N characters then `rest`, and a missing column
 * or confidence is 0.
 */
export function unpackRows(p: PackedRows): CatalogueRow[] {
  let above = { section: 0, line: "", label: "" };
  return p.rows
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const [code, section, line, label, column, confidence, note] = l.split("|");
      const front = /^\^(\d+)\^/.exec(label);
      const row = {
        section: section === '"' ? above.section : Number(section),
        line: line === '"' ? above.line : line,
        label: label === '"' ? above.label : front ? above.label.slice(0, Number(front[1])) + label.slice(front[0].length) : label,
      };
      above = row;
      return {
        code: code === "" ? null : code,
        section: p.sections[row.section] as SectionKey,
        line: row.line,
        label: row.label,
        column: p.columns[Number(column ?? 0)] as Column,
        confidence: p.confidences[Number(confidence ?? 0)] as Confidence,
        note: note ?? "",
      };
    });
}

/** Cover check boxes of Part II (value "X" / TRUE when checked). Source: 2025 OMB cover and the seed. */
const FLAG_CODES = new Set([
  "12000", "12001", "12002", "12003", "12004", "12005", "12006", "12007", "12008",
  "16", "17", "18", "19", "26", "40", "41", "42", "198", "199",
  "4550", "4560", "4570", "4580", "4584", "4585",
]);
const DATE_CODES = new Set(["24", "25", "4540"]);
/** Percentage lines (printed with two decimals, e.g. 85.47). Source: Part II page 9 of the seed. */
const PERCENT_CODES = new Set(["3850", "3851", "3852", "3853", "3854", "3860"]);
/** VaR multiplication factors: plain decimals, not dollars. */
const FACTOR_CODES = new Set(["3645", "12764", "12767"]);
/** "Number of items" boxes. */
const COUNT_CODES = new Set(["3450", "3470", "4587", "4589"]);
/**
 * Boxes the form prints inside parentheses: deductions entered without a sign. Source: the seed
 * (4.C allowance "$( )", 2. "Deduct ... )", 6.H "$( ... )", 12 "( ... )") and the pre-2021 layout
 * (31.G treasury stock).
 */
const PRINTED_NEGATIVE = new Set(["335", "590", "3490", "3620", "3740", "1796", "4471"]);
/**
 * Part II reserve-formula boxes that hold balances (Exhibit A's credit and debit items, their
 * totals, the excess, the amounts on deposit): never negative. 4471 is printed in parentheses
 * (HSBC's Schedule II, reference/x17a5) and 4520 is signed (a withdrawal is negative).
 */
const NON_NEGATIVE_PART_II = new Set([
  "4340", "4350", "4360", "4370", "4380", "4390", "4400", "4410", "4420", "4425", "4430",
  "4440", "4450", "4460", "4465", "4467", "90015", "4469", "4470", "4472", "4480", "4490", "4500", "4510", "4530",
  // The PAB page (placeholder codes; 90123, the deposit or withdrawal, is signed) and the (e)(5) exclusions.
  "90101", "90102", "90103", "90104", "90105", "90106", "90107", "90108", "90109", "90110", "90111",
  "90112", "90113", "90114", "90115", "90116", "90117", "90118", "90119", "90120", "90121", "90122", "90124", "90126", "90127",
]);

const ON_PART_II = "code confirmed on the filed Part II (reference/seeds) for a line of the same meaning";
const ON_PRE2021 = "code printed on the pre-2021 Part II page for a line of the same wording (focus-part-ii-pre2021-form-excerpts.txt)";

/**
 * Part IIA codes whose line means what the same code means on a source-confirmed form: the issue's
 * "codes it shares with Part II", curated line by line. Codes that Part II uses for another line
 * (1540, 1560, 1610 payables; 810, whose IIA total includes the clearance account; 1470; 3920,
 * whose IIA wording adds 120 % of the minimum) are left unconfirmed on purpose.
 */
const IIA_CONFIRMED: Record<string, string> = Object.fromEntries([
  ...["200", "750", "300", "550", "600", "830", "150", "160", "460", "630", "880", "170", "180", "470", "640", "890", "650", "660", "900", "480", "670", "910", "490", "680", "920", "930", "540", "740", "940"].map((c) => [c, ON_PART_II]),
  ...["1210", "1690", "1211", "1390", "1700", "1400", "1710", "970", "980", "1410", "1720", "1420", "1730", "1000", "1430", "1740", "1220", "1440", "1750", "1230", "1450", "1760"].map((c) => [c, ON_PART_II]),
  ...["1770", "1780", "1020", "1796", "1800", "1810"].map((c) => [c, ON_PART_II]),
  ...["3480", "3490", "3500", "3520", "3525", "3530", "3540", "3590", "3600", "3610", "3620", "3630", "3640", "3660", "3670", "3734", "3650", "3750"].map((c) => [c, ON_PART_II]),
  ...["3756", "3760", "3870", "3880", "3830", "3840", "3850", "3860"].map((c) => [c, ON_PART_II]),
  ...["3758", "3770", "3780", "3790", "3800", "3810", "3820", "4550", "4560", "4570", "4335", "4580"].map((c) => [c, ON_PRE2021]),
]);

function kindOf(row: CatalogueRow): ValueKind {
  const c = row.code ?? "";
  if (FLAG_CODES.has(c)) return "flag";
  if (DATE_CODES.has(c)) return "date";
  if (PERCENT_CODES.has(c)) return "percent";
  if (FACTOR_CODES.has(c)) return "factor";
  if (COUNT_CODES.has(c)) return "count";
  if (row.section === "cover" || c === "4335") return "text";
  return "dollars";
}

/** An immutable catalogue of one form. */
export class Catalogue {
  private readonly byCode = new Map<string, FocusItem>();
  /** Items in form order (first placement). */
  readonly items: readonly FocusItem[];
  /** Lines of the form whose codes are not known. */
  readonly uncoded: readonly UncodedLine[];

  /** @param rows the form's rows in form order (a code may appear on several rows). */
  constructor(readonly form: FormId, readonly rows: readonly CatalogueRow[]) {
    const items: FocusItem[] = [];
    const uncoded: UncodedLine[] = [];
    for (const row of rows) {
      if (row.code === null) {
        uncoded.push({ form, section: row.section, line: row.line, label: row.label, column: row.column, note: row.note });
        continue;
      }
      const existing = this.byCode.get(row.code);
      if (existing) {
        existing.alsoOn.push({ section: row.section, line: row.line, label: row.label });
        continue;
      }
      const shared = form === "part-iia" && row.confidence !== "seen" ? IIA_CONFIRMED[row.code] : undefined;
      const confidence = shared ? "shared" : row.confidence;
      const item: FocusItem = {
        form,
        code: row.code,
        section: row.section,
        line: row.line,
        label: row.label,
        column: row.column,
        kind: kindOf(row),
        confidence,
        confirmed: confidence === "seen" || confidence === "shared",
        ...(shared ? { confirmedBy: shared } : {}),
        printedNegative: PRINTED_NEGATIVE.has(row.code),
        ...(form === "part-ii" && NON_NEGATIVE_PART_II.has(row.code) ? { nonNegative: true } : {}),
        alsoOn: [],
      };
      this.byCode.set(row.code, item);
      items.push(item);
    }
    this.items = items;
    this.uncoded = uncoded;
  }

  /** The item with this code on this form, or undefined. */
  get(code: string): FocusItem | undefined {
    return this.byCode.get(code);
  }

  /** True when the form has an item with this code. */
  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The item with this code; throws Error naming the code and form when there is none (a programming error). */
  require(code: string): FocusItem {
    const item = this.byCode.get(code);
    if (!item) throw new Error(`item ${code} is not in the ${this.form} catalogue`);
    return item;
  }

  /**
   * Items whose code starts with `text`, or whose label, line or section contains every word of
   * it (case-insensitive). Empty text returns every item.
   */
  search(text: string): FocusItem[] {
    const q = text.trim().toLowerCase();
    if (q === "") return [...this.items];
    const words = q.split(/\s+/);
    return this.items.filter((it) => {
      if (/^\d+$/.test(q)) return it.code.startsWith(q);
      const hay = `${it.code} ${it.line} ${it.label} ${it.section} ${it.alsoOn.map((p) => p.label).join(" ")}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }
}

const cache = new Map<FormId, Catalogue>();

/**
 * The catalogue of a form. Part II is the current (2021+) layout as filed in the seed report plus
 * the draft catalogue's other pages; Part IIA is the draft catalogue, its body recalled, with the
 * codes confirmed as described at IIA_CONFIRMED. Throws Error for an unknown form.
 */
export function catalogue(form: FormId): Catalogue {
  let c = cache.get(form);
  if (!c) {
    if (form === "part-ii") c = new Catalogue(form, unpackRows(PART_II_ROWS));
    else if (form === "part-iia") c = new Catalogue(form, unpackRows(PART_IIA_ROWS));
    else throw new Error(`unknown form "${form as string}"`);
    cache.set(form, c);
  }
  return c;
}

/** How well a set of item codes fits each form. */
export interface FormFit {
  form: FormId;
  /** Codes that are items of the chosen form / of the other form. */
  known: number;
  knownOther: number;
  other: FormId;
  /** True when the other form knows more of the codes. */
  otherFitsBetter: boolean;
}

/** Compare how many of the codes each form knows (for "these names fit Part IIA better"). */
export function formFit(form: FormId, codes: readonly string[]): FormFit {
  const other: FormId = form === "part-ii" ? "part-iia" : "part-ii";
  const unique = [...new Set(codes)];
  const known = unique.filter((c) => catalogue(form).has(c)).length;
  const knownOther = unique.filter((c) => catalogue(other).has(c)).length;
  return { form, known, knownOther, other, otherFitsBetter: knownOther > known };
}
