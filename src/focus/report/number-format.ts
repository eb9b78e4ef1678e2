/**
 * What a cell's number format says about the number in it: a date, a percentage, or an amount.
 *
 * Excel stores every number as a double and lets the format decide how it shows. Three readers
 * depend on that decision: the add-in (the Excel API gives `numberFormat`), the CLI's .xlsx reader
 * (styles.xml gives a format code or a built-in format id) and the engine's date boxes. One
 * classifier serves all three, so a format is never an amount in the pane and a date in the CLI.
 *
 * Format code syntax (ECMA-376 Part 1, 18.8.31 numFmts; Excel's "Review guidelines for customizing
 * a number format"): up to four sections separated by `;` (positive; negative; zero; text).
 * Literal text is "quoted", or a single character escaped with a backslash; `_x` leaves the width
 * of x, `*x` repeats x; `[Red]`, `[Color10]`, `[>=100]`, `[$-409]` and `[$USD-409]` are colours,
 * conditions and locale/currency tags; `[h]`, `[mm]`, `[ss]` are elapsed time. Only what is left is
 * format codes: y m d h s (and AM/PM) make a date or time; % makes a percentage (the value is
 * multiplied by 100 for display).
 */

/** How a number format presents a number. */
export type NumberFormatKind = "general" | "number" | "percent" | "date" | "text";

/**
 * Excel's built-in number formats by id (ECMA-376 Part 1, 18.8.30), as the en-US Excel shows
 * them. A workbook's styles.xml refers to these by id without writing their code. Ids 27-36 and
 * 50-58 are East Asian date formats and 5-8, 37-44 the locale's currency/accounting formats.
 */
export const BUILT_IN_NUMBER_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yyyy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yyyy h:mm",
  27: "[$-404]e/m/d",
  28: '[$-404]e"年"m"月"d"日"',
  29: '[$-404]e"年"m"月"d"日"',
  30: "m/d/yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: "[$-404]e/m/d",
  37: "#,##0_);(#,##0)",
  38: "#,##0_);[Red](#,##0)",
  39: "#,##0.00_);(#,##0.00)",
  40: "#,##0.00_);[Red](#,##0.00)",
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mm:ss.0",
  48: "##0.0E+0",
  49: "@",
  50: "[$-404]e/m/d",
  51: '[$-404]e"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-404]e"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: "[$-404]e/m/d",
  58: '[$-404]e"年"m"月"d"日"',
};

/** The format code of a built-in format id; "General" for an id Excel does not define. */
export function builtInNumberFormat(id: number): string {
  return BUILT_IN_NUMBER_FORMATS[id] ?? "General";
}

/**
 * The sections of a format code, split at `;` outside quotes, escapes and brackets.
 * `0;[Red](0)` -> ["0", "[Red](0)"].
 */
export function formatSections(code: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quoted) {
      cur += c;
      if (c === '"') quoted = false;
    } else if (c === "\\" || c === "_" || c === "*") {
      cur += c + (code[i + 1] ?? "");
      i++;
    } else if (c === '"') {
      quoted = true;
      cur += c;
    } else if (bracket) {
      cur += c;
      if (c === "]") bracket = false;
    } else if (c === "[") {
      bracket = true;
      cur += c;
    } else if (c === ";") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * The format codes of one section with literal text, padding, fill, colours, conditions and
 * locale tags removed; elapsed-time brackets ([h], [mm], [ss]) are kept as their letters.
 * `0.00" %"` -> "0.00"; `[$-409]mmmm d, yyyy` -> "mmmm d, yyyy"; `#,##0.0,,\M` -> "#,##0.0,,".
 */
export function formatCodes(section: string): string {
  let out = "";
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (c === "\\" || c === "_" || c === "*") {
      i++;
    } else if (c === "[") {
      const end = section.indexOf("]", i + 1);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (/^(h+|m+|s+)$/i.test(inner)) out += inner;
      i = end < 0 ? section.length : end;
    } else out += c;
  }
  return out;
}

/**
 * How a format code presents a number, from its first section (the one a positive number uses;
 * Excel decides "is this a date" the same way).
 *
 * - "date": the codes hold y, m, d, h or s (or AM/PM, A/P): a date, a time or both.
 * - "percent": the codes hold % (a quoted or escaped "%" is text, not a percentage).
 * - "text": the code is @ only.
 * - "general": General (or empty).
 * - "number": anything else: amounts, currency, accounting, scientific, fractions, scaled.
 */
export function numberFormatKind(code: string): NumberFormatKind {
  const first = formatSections(code ?? "")[0];
  const codes = formatCodes(first).trim();
  if (codes === "" || /^general$/i.test(codes)) return "general";
  if (/^@$/.test(codes)) return "text";
  const lower = codes.toLowerCase().replace(/am\/pm|a\/p/g, "h").replace(/general/g, "");
  if (/[ymdhs]/.test(lower)) return "date";
  if (lower.includes("%")) return "percent";
  return "number";
}

/** Largest serial number Excel shows as a date: 9999-12-31 in the 1900 date system. */
const MAX_DATE_SERIAL = 2958465;

/**
 * The calendar date (YYYY-MM-DD) of an Excel date serial, or null when the number is not a date
 * Excel can show (negative, or after 9999-12-31: Excel fills the cell with ####). The time of day
 * (the fraction) is dropped. The 1900 system keeps Excel's day 60, 1900-02-29 (a day that did not
 * exist, kept for Lotus 1-2-3 compatibility), so serials from 61 on are counted from 1899-12-30.
 * `date1904`: the workbook uses the 1904 date system (serial 0 = 1904-01-01).
 */
export function serialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  // A date serial, not money: the day is the integer part of Excel's double (the fraction is the time).
  const day = Math.floor(serial);
  if (day > MAX_DATE_SERIAL - (date1904 ? 1462 : 0)) return null;
  if (!date1904 && day === 60) return "1900-02-29";
  if (!date1904 && day === 0) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + day * 86400000).toISOString().slice(0, 10);
}
