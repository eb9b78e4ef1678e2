/**
 * Reading a report from a file: .json ({"3750": "299,549,779", ...}), .csv (header item,value;
 * further columns are ignored) or .xlsx (cells named FOCUS_<code>). Problems with single values
 * become entries the engine reports on; a file that cannot be used at all raises UnusableInput
 * (the CLI's exit code 2) with a message saying why and where.
 */
import * as fs from "fs";
import * as path from "path";
import { readCsvRecords, readJsonText, type InputRead } from "../focus/report/report-text";
import { parseAmount, type Adjustment, type Decimal } from "../focus";
import { UnusableInput } from "./errors";
import { decodeText, parseCsvBytes } from "./csv";
import { fsProblem } from "./output";
import { readWorkbookReport } from "./xlsx";

export { UnusableInput };
export { duplicateTopLevelKeys, readJsonText, type InputRead } from "../focus/report/report-text";

/** Largest CSV or JSON report read (bytes): a FOCUS report is a few hundred values. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/**
 * Largest workbook read (bytes). A workbook often carries a trial balance or a position list beside
 * the form; only the named cells are read (xlsx-cells.ts), so memory stays near the file's size
 * plus about 70 MB. Measured (README, "Big workbooks"): a 100 MB workbook with the form first is
 * read in well under a second; one whose last named cell is at the foot of a long list is read
 * through, at about 0.1 million rows per second.
 */
export const MAX_WORKBOOK_BYTES = 100 * 1024 * 1024;

/**
 * Entries of a CSV report with a header row naming the columns item and value, in any encoding and
 * delimiter csv.ts detects (a semicolon file's values with a decimal comma). Throws UnusableInput otherwise.
 */
export function readCsvText(text: string | Uint8Array, file = "input"): InputRead {
  const csv = parseCsvBytes(typeof text === "string" ? new TextEncoder().encode(text) : text, file);
  const read = readCsvRecords(csv.records, file, { decimalComma: csv.decimalComma });
  return csv.notes.length ? { ...read, notes: csv.notes } : read;
}

/** A file's bytes; a file-system error is an UnusableInput naming the file (permission denied, ...). */
export function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UnusableInput(`${file} cannot be read: ${fsProblem(e)}.`);
  }
}

/** Read any supported file by its extension. Throws UnusableInput for a missing, oversized, unknown or unreadable file. */
export async function readInputFile(file: string): Promise<InputRead> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UnusableInput((e as NodeJS.ErrnoException).code === "ENOENT" ? `${file}: no such file.` : `${file} cannot be read: ${fsProblem(e)}.`);
  }
  if (!stat.isFile()) throw new UnusableInput(`${file} is not a file.`);
  const ext = path.extname(file).toLowerCase();
  const limit = ext === ".xlsx" || ext === ".xlsm" ? MAX_WORKBOOK_BYTES : MAX_INPUT_BYTES;
  if (stat.size > limit) {
    throw new UnusableInput(`${file} is ${(stat.size / 1048576).toFixed(1)} MB; a FOCUS report is far smaller (limit ${limit / 1048576} MB for ${ext || "this kind of file"}).`);
  }
  switch (ext) {
    case ".json":
      return readJsonText(decodeText(readBytes(file)).text, file);
    case ".csv":
      return readCsvText(readBytes(file), file);
    case ".xlsx":
    case ".xlsm":
      return readWorkbookReport(file);
    default:
      throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .xlsx, .csv or .json.`);
  }
}

/**
 * Adjustments for `focus reconcile`, each an amount at the line where it arises with its
 * explanation (Rule 17a-5(d)(2)(iii)): a CSV with the header item,amount,explanation (one row per
 * adjustment, several per line allowed; amount is audited less unaudited, as signed as the line's
 * difference; a row without an amount, or a file without the amount column, explains the whole of
 * what arises at its line), or JSON: an array [{"item": "3480", "amount": "-25000", "explanation":
 * "..."}] or an object {"3750": "explanation"}. Throws UnusableInput naming the row for an amount
 * that is not one, or for a missing or unreadable file.
 */
export function readAdjustments(file: string): Adjustment[] {
  const bytes = readBytes(file);
  const out: Adjustment[] = [];
  const amountOf = (text: string, where: string): Decimal | null => {
    const t = text.trim();
    if (!t) return null;
    const a = parseAmount(t, "dollars");
    if (!a.ok || a.value === null) throw new UnusableInput(`${where}: the amount "${text}" is not an amount (audited less unaudited, e.g. -25,000).`);
    return a.value;
  };
  if (path.extname(file).toLowerCase() === ".json") {
    const text = decodeText(bytes).text;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (Array.isArray(data)) {
      data.forEach((x, n) => {
        const where = `${file} [${n}]`;
        if (typeof x !== "object" || x === null || typeof (x as { item?: unknown }).item !== "string") throw new UnusableInput(`${where}: an adjustment is {"item": "3480", "amount": "-25000", "explanation": "..."}.`);
        const o = x as { item: string; amount?: unknown; explanation?: unknown };
        out.push({ item: o.item.trim(), amount: o.amount === undefined || o.amount === null ? null : amountOf(String(o.amount), where), explanation: typeof o.explanation === "string" ? o.explanation.trim() : "", where });
      });
      return out;
    }
    if (typeof data !== "object" || data === null) throw new UnusableInput(`${file} must hold a list of adjustments [{"item", "amount", "explanation"}] or an object {"3750": "explanation"}.`);
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") throw new UnusableInput(`${file} key "${k}": an explanation is text.`);
      out.push({ item: k.trim(), amount: null, explanation: v.trim(), where: `${file} key "${k}"` });
    }
    return out;
  }
  const records = parseCsvBytes(bytes, file).records;
  const header = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const [i, k, j] = ["item", "amount", "explanation"].map((h) => header.indexOf(h));
  if (i < 0 || j < 0) throw new UnusableInput(`${file} line 1 must be the header "item,amount,explanation" (or "item,explanation").`);
  for (const { record: r, info } of records.slice(1)) {
    if (!(r[i] ?? "").trim()) continue;
    const where = `${path.basename(file)} line ${info.lines}`;
    out.push({ item: r[i].trim(), amount: k >= 0 ? amountOf(r[k] ?? "", where) : null, explanation: (r[j] ?? "").trim(), where });
  }
  return out;
}
