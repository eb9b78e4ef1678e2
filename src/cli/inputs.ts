/**
 * Reading a report from a file: .json ({"3750": "299,549,779", ...}), .csv (header item,value;
 * further columns are ignored) or .xlsx (cells named FOCUS_<code>). Problems with single values
 * become entries the engine reports on; a file that cannot be used at all raises UnusableInput
 * (the CLI's exit code 2) with a message saying why and where.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import { readCsvRecords, readJsonText, type InputRead } from "../focus/report-text";
import { UnusableInput } from "./errors";
import { readWorkbookEntries } from "./xlsx";

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

/** Entries of a CSV with a header row naming the columns item and value. Throws UnusableInput otherwise. */
export function readCsvText(text: string, file = "input"): InputRead {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new UnusableInput(`${file} is not readable CSV: ${(e as Error).message}`);
  }
  return readCsvRecords(records, file);
}

/** Read any supported file by its extension. Throws UnusableInput for a missing, oversized, unknown or unreadable file. */
export async function readInputFile(file: string): Promise<InputRead> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UnusableInput(`${file}: no such file.`);
  }
  if (!stat.isFile()) throw new UnusableInput(`${file} is not a file.`);
  const ext = path.extname(file).toLowerCase();
  const limit = ext === ".xlsx" || ext === ".xlsm" ? MAX_WORKBOOK_BYTES : MAX_INPUT_BYTES;
  if (stat.size > limit) {
    throw new UnusableInput(`${file} is ${(stat.size / 1048576).toFixed(1)} MB; a FOCUS report is far smaller (limit ${limit / 1048576} MB for ${ext || "this kind of file"}).`);
  }
  switch (ext) {
    case ".json":
      return readJsonText(fs.readFileSync(file, "utf8"), file);
    case ".csv":
      return readCsvText(fs.readFileSync(file, "utf8"), file);
    case ".xlsx":
    case ".xlsm":
      return { entries: await readWorkbookEntries(file), kind: "workbook" };
    default:
      throw new UnusableInput(`${file}: unsupported file type "${ext || "(none)"}"; use .xlsx, .csv or .json.`);
  }
}

/**
 * Explanations for `focus reconcile`, by item code: a CSV with a header naming the columns item and
 * explanation, or a JSON object {"3750": "why"}. Throws UnusableInput for a missing or unreadable file.
 */
export function readExplanations(file: string): Map<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UnusableInput(`${file}: no such file.`);
  }
  const out = new Map<string, string>();
  if (path.extname(file).toLowerCase() === ".json") {
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
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new UnusableInput(`${file} is not readable CSV: ${(e as Error).message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const i = header.indexOf("item");
  const j = header.indexOf("explanation");
  if (i < 0 || j < 0) throw new UnusableInput(`${file} line 1 must be the header "item,explanation".`);
  for (const r of rows.slice(1)) if ((r[i] ?? "").trim()) out.set(r[i].trim(), (r[j] ?? "").trim());
  return out;
}
