/**
 * The form laid out as a worksheet: one row per form line, the boxes of a line in the columns the
 * form prints (allowable / non-allowable / total on assets, A.I. / non-A.I. / total on
 * liabilities, one amount column elsewhere). `focus template` and the add-in's "Insert FOCUS
 * sheet" both write this layout; it is data only, with no spreadsheet API.
 */
import { catalogue } from "../catalogue/catalogue";
import { sectionTitle, type Column, type FocusItem, type FormId, type SectionKey } from "../catalogue/types";

/** The three value columns of the layout. */
export type LayoutColumn = "first" | "second" | "amount";

/** Column headings of a section: assets, liabilities, or a single amount column. */
export function columnHeadings(section: SectionKey): Record<LayoutColumn, string> {
  if (section === "assets") return { first: "Allowable", second: "Non-allowable", amount: "Total" };
  if (section === "liabilities") return { first: "A.I. liabilities", second: "Non-A.I. liabilities", amount: "Total" };
  return { first: "", second: "", amount: "Amount" };
}

function layoutColumn(c: Column): LayoutColumn {
  if (c === "allowable" || c === "A.I.") return "first";
  if (c === "non-allowable" || c === "non-A.I.") return "second";
  return "amount";
}

/** A box on a layout row: the item, and whether this is the row that carries its name. */
export interface LayoutCell {
  code: string;
  item: FocusItem;
  /**
   * True on the item's first placement, the cell named FOCUS_<code>. On later placements (3480
   * on the models computation, 3640 on the minimum-requirement page) the cell repeats the named
   * one by formula.
   */
  primary: boolean;
}

/** A row of the layout. */
export type LayoutRow =
  | { kind: "section"; section: SectionKey; title: string; headings: Record<LayoutColumn, string> }
  | {
      kind: "line";
      section: SectionKey;
      line: string;
      label: string;
      cells: Partial<Record<LayoutColumn, LayoutCell>>;
      /** Codes of the row in column order, and the codes no source confirms. */
      codes: string[];
      unconfirmed: string[];
      /** Notes for the filer: unknown codes, caveats. */
      note: string;
    };

/** The whole form, in form order. */
export function formLayout(form: FormId): LayoutRow[] {
  const cat = catalogue(form);
  const rows: LayoutRow[] = [];
  const placed = new Set<string>();
  let section: SectionKey | null = null;
  let current: Extract<LayoutRow, { kind: "line" }> | null = null;
  for (const r of cat.rows) {
    if (r.section !== section) {
      section = r.section;
      rows.push({ kind: "section", section, title: sectionTitle(form, section), headings: columnHeadings(section) });
      current = null;
    }
    const col = layoutColumn(r.column);
    const sameLine = current && current.line === r.line && current.label === r.label && !current.cells[col];
    if (!current || !sameLine) {
      current = { kind: "line", section: r.section, line: r.line, label: r.label, cells: {}, codes: [], unconfirmed: [], note: "" };
      rows.push(current);
    }
    if (r.code === null) {
      current.note = ["code not known: no source shows it", r.note].filter(Boolean).join("; ");
      continue;
    }
    const item = cat.require(r.code);
    const primary = !placed.has(r.code);
    placed.add(r.code);
    current.cells[col] = { code: r.code, item, primary };
    current.codes.push(r.code);
    if (!item.confirmed) current.unconfirmed.push(r.code);
    if (!primary) current.note = [current.note, `${r.code} repeats the line above named FOCUS_${r.code}`].filter(Boolean).join("; ");
  }
  for (const row of rows) {
    if (row.kind === "line" && row.unconfirmed.length) {
      row.note = [`unconfirmed code${row.unconfirmed.length > 1 ? "s" : ""}: ${row.unconfirmed.join(", ")}`, row.note].filter(Boolean).join("; ");
    }
  }
  return rows;
}

export { nameForCode, codeFromName } from "./item-names";
