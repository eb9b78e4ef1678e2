/**
 * The period a report covers, as the commands read it: item 25 ("And ending"), else a date in the
 * file name. Used by reconcile (same date), review (labels) and check of a folder (month-ends).
 */
import type { Report } from "../focus";

/**
 * The period end a report gives: item 25 ("And ending (MM/DD/YY)") as a date, else a date in the
 * file's name (2008-12-31, 20081231 or 12-31-2008). YYYY-MM-DD, or null when neither tells.
 */
export function periodEnd(report: Report, file: string): { date: string; from: string } | null {
  const v = report.values.get("25");
  const text = v?.state === "text" ? v.text : null;
  const fromText = text ? isoDate(text) : null;
  if (fromText) return { date: fromText, from: "item 25" };
  const name = file.replace(/^.*[\\/]/, "");
  const m = /(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(name) ?? null;
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) return { date: `${m[1]}-${m[2]}-${m[3]}`, from: "the file name" };
  const us = /(\d{2})-(\d{2})-(\d{4})/.exec(name);
  if (us) return { date: `${us[3]}-${us[1]}-${us[2]}`, from: "the file name" };
  return null;
}

/** "12/31/08", "12/31/2008", "2008-12-31" as YYYY-MM-DD (two-digit years are 19xx from 70, else 20xx). */
function isoDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(t);
  if (!us) return null;
  const y = us[3].length === 4 ? us[3] : `${Number(us[3]) >= 70 ? "19" : "20"}${us[3]}`;
  return `${y}-${us[1].padStart(2, "0")}-${us[2].padStart(2, "0")}`;
}

