/**
 * The item catalogue: every FOCUS item the engine knows, keyed by (form, item code), with its
 * section, line, label, column, value kind and whether a source confirms its code.
 */
import { PART_II_ROWS } from "./part-ii.rows";
import type { CatalogueRow, FocusItem, FormId, UncodedLine, ValueKind } from "./types";

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
const PRINTED_NEGATIVE = new Set(["335", "590", "3490", "3620", "3740", "1796"]);

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
      const item: FocusItem = {
        form,
        code: row.code,
        section: row.section,
        line: row.line,
        label: row.label,
        column: row.column,
        kind: kindOf(row),
        confidence: row.confidence,
        confirmed: row.confidence === "seen",
        source: row.source,
        note: row.note,
        printedNegative: PRINTED_NEGATIVE.has(row.code),
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
 * the draft catalogue's other pages. Throws Error for a form whose catalogue is not built yet.
 */
export function catalogue(form: FormId): Catalogue {
  let c = cache.get(form);
  if (!c) {
    if (form !== "part-ii") throw new Error(`the ${form} catalogue is not available yet`);
    c = new Catalogue(form, PART_II_ROWS);
    cache.set(form, c);
  }
  return c;
}
