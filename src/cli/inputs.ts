/**
 * Reading a report from a file: .json ({"3750": "299,549,779", ...}), .csv (header item,value;
 * further columns are ignored) or .xlsx (cells named FOCUS_<code>). Problems with single values
 * become entries the engine reports on; a file that cannot be used at all raises UnusableInput
 * (the CLI's exit code 2) with a message saying why and where.
 */
import * as fs from "fs";
import * as path from "path";
import { readCsvRecords, readJsonText, type InputRead } from "../focus/report-text";
import { UnusableInput } from "./errors";
import { decodeText, parseCsvBytes } from "./csv";
import { fsProblem } from "./output";
import { readWorkbookReport } from "./xlsx";

export { UnusableInput };
export { duplicateTopLevelKeys, readJsonText, type InputRead } from "../focus/report-text";

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
 * Explanations for `focus reconcile`, by item code: a CSV with a header naming the columns item and
 * explanation, or a JSON object {"3750": "why"}. Throws UnusableInput for a missing or unreadable file.
 */
export function readExplanations(file: string): Map<string, string> {
  const bytes = readBytes(file);
  const out = new Map<string, string>();
  if (path.extname(file).toLowerCase() === ".json") {
    const text = decodeText(bytes).text;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UnusableInput(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw new UnusableInput(`${file} must hold one JSON object: {"3750": "explanation"}.`);
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") throw new UnusableInput(`${file} key "${k}": an explanation is text.`);
      out.set(k.trim(), v);
    }
    return out;
  }
  const rows = parseCsvBytes(bytes, file).records.map((r) => r.record);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const i = header.indexOf("item");
  const j = header.indexOf("explanation");
  if (i < 0 || j < 0) throw new UnusableInput(`${file} line 1 must be the header "item,explanation".`);
  for (const r of rows.slice(1)) if ((r[i] ?? "").trim()) out.set(r[i].trim(), (r[j] ?? "").trim());
  return out;
}
