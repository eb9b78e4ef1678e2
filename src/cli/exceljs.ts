/**
 * ExcelJS, loaded on first use. Most commands never read or write a workbook (a CSV or JSON
 * report, the rules, a diff), and loading ExcelJS costs about 0.35 s of a command's 0.45 s start.
 */
import type ExcelJS from "exceljs";

let loaded: typeof ExcelJS | null = null;

/** The ExcelJS module (required the first time it is asked for). */
export function excel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("exceljs") as typeof ExcelJS;
  return loaded;
}
