/**
 * Types of the FOCUS item catalogue. An item is keyed by (form, item code), never by code alone:
 * the same number means different lines in Part II and Part IIA.
 */
import type { Scale } from "../report/amount";

/** Which FOCUS form. Part II: carrying/clearing firms (2021+ layout). Part IIA: other broker-dealers. */
export type FormId = "part-ii" | "part-iia";

/** Every form this engine knows, in display order. */
export const FORMS: readonly FormId[] = ["part-ii", "part-iia"];

/** Human name of each form. */
export const FORM_NAMES: Record<FormId, string> = {
  "part-ii": "FOCUS Report Part II (Form X-17A-5, 2021+ layout)",
  "part-iia": "FOCUS Report Part IIA (Form X-17A-5)",
};

/** Sections of the form, in form order. */
export type SectionKey =
  | "cover"
  | "assets"
  | "liabilities"
  | "ownership-equity"
  | "net-capital"
  | "net-capital-models"
  | "minimum-requirement"
  | "minimum-requirement-alternative"
  | "aggregate-indebtedness"
  | "ratios"
  | "reserve-formula"
  | "possession-control"
  | "exemptions"
  | "capital-withdrawals"
  | "income-statement"
  | "changes-in-equity";

/** Section titles as the form prints them (shortened where the form is verbose). */
export const SECTION_TITLES: Record<SectionKey, string> = {
  cover: "Cover page",
  assets: "Statement of financial condition: assets",
  liabilities: "Statement of financial condition: liabilities",
  "ownership-equity": "Statement of financial condition: ownership equity",
  "net-capital": "Computation of net capital (filer not authorized to use models)",
  "net-capital-models": "Computation of net capital (filer authorized to use models)",
  "minimum-requirement": "Computation of minimum regulatory capital requirements",
  "minimum-requirement-alternative": "Computation of alternate net capital requirement (Part B)",
  "aggregate-indebtedness": "Computation of aggregate indebtedness",
  ratios: "Ratios",
  "reserve-formula": "Computation for determination of customer reserve requirements (15c3-3)",
  "possession-control": "Possession or control requirements (15c3-3)",
  exemptions: "Exemptive provisions under Rule 15c3-3",
  "capital-withdrawals": "Scheduled capital withdrawals",
  "income-statement": "Statement of income (loss)",
  "changes-in-equity": "Statement of changes in ownership equity and subordinated liabilities",
};

/** Section titles where a form words them differently from Part II. */
const TITLE_OVERRIDES: Partial<Record<FormId, Partial<Record<SectionKey, string>>>> = {
  "part-iia": {
    "net-capital": "Computation of net capital",
    "minimum-requirement": "Computation of basic net capital requirement (Part A)",
    "aggregate-indebtedness": "Computation of aggregate indebtedness (Part A)",
  },
};

/** A section's title on a given form. */
export function sectionTitle(form: FormId, section: SectionKey): string {
  return TITLE_OVERRIDES[form]?.[section] ?? SECTION_TITLES[section];
}

/** Order of sections on the form. */
export const SECTION_ORDER: readonly SectionKey[] = Object.keys(SECTION_TITLES) as SectionKey[];

/**
 * The column a box sits in. Assets: allowable / non-allowable / total. Liabilities: A.I. /
 * non-A.I. / total (aggregate indebtedness). Everything else: single.
 */
export type Column = "allowable" | "non-allowable" | "A.I." | "non-A.I." | "total" | "single";

/**
 * How sure we are of an item's code: "seen" means a source prints the code beside the line (the
 * filed report in reference/seeds or an official form page); "shared" (Part IIA only) means the same
 * code is confirmed on Part II, or on the pre-2021 Part II pages, for a line of the same meaning.
 * The rest are not confirmed.
 */
export type Confidence = "seen" | "shared" | "recalled" | "inferred" | "unknown";

/** What a box holds: an amount of some scale, or a cover-page text, check box or date. */
export type ValueKind = Scale | "text" | "flag" | "date";

/** One row of the catalogue (decoded from the generated data). */
export interface CatalogueRow {
  /** Item code as printed on the form; null where the line's code is not known. */
  code: string | null;
  section: SectionKey;
  /** Line number as printed (e.g. "3.B.2"); empty on the cover. */
  line: string;
  label: string;
  column: Column;
  confidence: Confidence;
  /** The draft's note, kept only for lines without a code (the rest is in the provenance module). */
  note: string;
}

/** The generated rows of a form, packed as text over small string tables (scripts/import-catalogue.js; decoded by unpackRows). */
export interface PackedRows {
  sections: string[];
  columns: string[];
  confidences: string[];
  /** One text line per row: code|section|line|label|column|confidence|note (see unpackRows). */
  rows: string;
}

/** Where an item appears on the form (some codes appear on several lines). */
export interface Placement {
  section: SectionKey;
  line: string;
  label: string;
}

/** A FOCUS item: one box on the form, keyed by (form, code). */
export interface FocusItem {
  form: FormId;
  code: string;
  section: SectionKey;
  line: string;
  label: string;
  column: Column;
  /** What the box holds; amounts are whole dollars unless the kind says otherwise. */
  kind: ValueKind;
  confidence: Confidence;
  /** True only when a source prints this code for this line (confidence "seen" or "shared"). */
  confirmed: boolean;
  /** For confidence "shared": which source confirms the code for this line. */
  confirmedBy?: string;
  /**
   * True when the form prints the box inside parentheses (a deduction such as 3620): the filer
   * enters the amount without a sign and the form subtracts it.
   */
  printedNegative: boolean;
  /**
   * True for balances that cannot be below zero (the reserve formula's credit and debit items and
   * its totals): a negative entry is an input error naming the box, not a deduction.
   */
  nonNegative?: boolean;
  /** Other lines that print the same code (e.g. 3480 on both net capital computations). */
  alsoOn: Placement[];
}

/** A line of the form whose code no source shows: kept so templates can print the line. */
export interface UncodedLine extends Placement {
  form: FormId;
  column: Column;
  note: string;
}
