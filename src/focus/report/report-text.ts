/**
 * Reading a report from text, for the CLI and the task pane alike: a JSON object keyed by item code,
 * or the records of a CSV with a header "item,value" (the caller parses the CSV with its own
 * library: csv-parse in Node, its browser build in the pane). No Node or DOM API here.
 */
import { UnusableInput } from "./errors";
import { UNITS, type InputEntry, type Units } from "./report";
import type { RawCell } from "./amount";

/** What a reader returns: the entries and how many cells/lines/keys it read. */
export interface InputRead {
  entries: InputEntry[];
  /** "workbook", "CSV" or "JSON". */
  kind: string;
  /** The unit the file says its dollar amounts are printed in (a JSON key or CSV row "units"), if it says. */
  units?: Units;
  /** Explanations by item code, from a CSV's "explanation" column (for `focus reconcile`). */
  explanations?: Map<string, string>;
  /** How the file was read, when a user should know (a CSV's delimiter, encoding, decimal comma): one sentence each. */
  notes?: string[];
  /**
   * The file says it is a partial report (a CSV row or JSON key "partial", a workbook cell named
   * FOCUS_PARTIAL): blank boxes are unknown, not zero. A report built from a trial balance says so,
   * since haircuts and deductions are not in a ledger.
   */
  partial?: boolean;
}

/** A "partial" setting given inside a file: yes/true/partial/x are partial, no/false/whole/blank are not; anything else throws UnusableInput naming where. */
export function partialOf(value: string, where: string): boolean {
  const v = value.trim().toLowerCase();
  if (["yes", "true", "partial", "x", "1"].includes(v)) return true;
  if (["no", "false", "whole", "", "0"].includes(v)) return false;
  throw new UnusableInput(`${where}: partial "${value}" is not known; use partial (or yes) or whole (or no).`);
}

/** An amount as a locale with the decimal comma writes it: dots or spaces between thousands, a comma before the decimals. */
const EURO_AMOUNT = /^(?<pre>[-\u2212(]?\s*\$?\s*[-\u2212]?)(?<int>\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,(?<frac>\d+))?(?<post>\s*\)?)$/;

/**
 * An amount written with a decimal comma (`1.234,56`, `-1234,5`, `(1.234,56)`, `1 234,56`) as
 * the form's readers take it (`1,234.56`). Text that is not such an amount is returned unchanged.
 */
export function fromDecimalComma(text: string): string {
  const t = text.trim();
  const m = EURO_AMOUNT.exec(t);
  if (!m?.groups) return text;
  const { pre, int, frac, post } = m.groups;
  const digits = int.replace(/[. \u00a0\u202f]/g, "");
  return `${pre}${digits}${frac !== undefined ? `.${frac}` : ""}${post}`;
}

/** Read a "units" setting given inside a file; throws UnusableInput naming where for an unknown unit. */
export function unitsOf(value: string, where: string): Units {
  const u = value.trim().toLowerCase();
  if ((UNITS as readonly string[]).includes(u)) return u as Units;
  throw new UnusableInput(`${where}: units "${value}" is not known; use ${UNITS.join(", ")}.`);
}

function jsonToRaw(v: unknown): RawCell {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "string") return { kind: "text", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  return { kind: "text", value: JSON.stringify(v) };
}

/**
 * Keys that occur more than once at the top level of a JSON object (JSON.parse silently keeps the
 * last one). A small scanner: strings (with escapes) and nesting depth, nothing else.
 */
export function duplicateTopLevelKeys(text: string): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      let str = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\") j++;
        str += text[j];
        j++;
      }
      if (depth === 1 && expectKey) {
        if (seen.has(str)) dups.add(str);
        seen.add(str);
        expectKey = false;
      }
      i = j;
    } else if (ch === "{" || ch === "[") {
      depth++;
      if (depth === 1 && ch === "{") expectKey = true;
    } else if (ch === "}" || ch === "]") {
      depth--;
    } else if (ch === "," && depth === 1) {
      expectKey = true;
    }
  }
  return [...dups];
}

/** Entries of a JSON object keyed by item code. Throws UnusableInput when the text is not such an object. */
export function readJsonText(text: string, file = "input"): InputRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UnusableInput(`${file} must hold one JSON object keyed by item code, e.g. {"3750": "299,549,779"}.`, { notAReport: true });
  }
  const obj = { ...(data as Record<string, unknown>) };
  // A report built from the ledger carries its accounts beside the items: not items.
  delete obj.sources;
  delete obj.unmapped;
  let units: Units | undefined;
  if ("units" in obj) {
    units = unitsOf(String(obj.units), `${file} key "units"`);
    delete obj.units;
  }
  let partial: boolean | undefined;
  if ("partial" in obj) {
    partial = partialOf(String(obj.partial), `${file} key "partial"`);
    delete obj.partial;
  }
  const entries: InputEntry[] = Object.entries(obj).map(([code, v]) => {
    const entry: InputEntry = { code, raw: jsonToRaw(v), where: `key "${code}"` };
    if (typeof v === "object" && v !== null) entry.problem = `the value is a nested ${Array.isArray(v) ? "array" : "object"}, not an amount`;
    return entry;
  });
  // A key given twice: JSON.parse kept only its last value; report the code as given twice.
  for (const code of duplicateTopLevelKeys(text)) entries.push({ code, raw: { kind: "blank" }, where: `key "${code}" (again)` });
  if (entries.length === 0) throw new UnusableInput(`${file} has no items: nothing to check.`);
  return { entries, kind: "JSON", ...(units ? { units } : {}), ...(partial ? { partial } : {}) };
}

/**
 * Entries of a CSV's parsed records (header row first, each with the line it started on): the
 * header names the columns item and value (and optionally explanation); a row "units,<unit>" sets
 * the unit. `decimalComma`: the values are written with a decimal comma (a semicolon-separated
 * CSV), read through fromDecimalComma. Throws UnusableInput naming the file and line otherwise.
 */
export function readCsvRecords(records: readonly { record: string[]; info: { lines: number } }[], file = "input", opts: { decimalComma?: boolean } = {}): InputRead {
  if (records.length === 0) throw new UnusableInput(`${file} is empty: a CSV needs a header row "item,value" and one row per item.`);
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const itemCol = header.indexOf("item");
  const valueCol = header.indexOf("value");
  const explanationCol = header.indexOf("explanation");
  const explanations = new Map<string, string>();
  if (itemCol < 0 || valueCol < 0) {
    throw new UnusableInput(`${file} line 1 must be the header "item,value" (found "${records[0].record.join(",")}").`, { notAReport: true });
  }
  const entries: InputEntry[] = [];
  let units: Units | undefined;
  let partial = false;
  for (const { record: r, info } of records.slice(1)) {
    const code = (r[itemCol] ?? "").trim();
    const value = opts.decimalComma ? fromDecimalComma(r[valueCol] ?? "") : (r[valueCol] ?? "");
    if (code === "" && value.trim() === "") continue;
    if (code.toLowerCase() === "units") {
      units = unitsOf(value, `${file} line ${info.lines}`);
      continue;
    }
    if (code.toLowerCase() === "partial") {
      partial = partialOf(value, `${file} line ${info.lines}`);
      continue;
    }
    entries.push({ code: code === "" ? "(blank item code)" : code, raw: { kind: "text", value }, where: `line ${info.lines}` });
    const explanation = explanationCol >= 0 ? (r[explanationCol] ?? "").trim() : "";
    if (explanation) explanations.set(code, explanation);
  }
  if (entries.length === 0) throw new UnusableInput(`${file} has a header but no items: nothing to check.`);
  return { entries, kind: "CSV", ...(units ? { units } : {}), ...(partial ? { partial } : {}), ...(explanations.size ? { explanations } : {}) };
}
