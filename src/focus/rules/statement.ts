/**
 * The statement of financial condition's arithmetic, for any form: each line's cross-foot
 * (allowable + non-allowable = total; A.I. + non-A.I. = total), the column totals, and the
 * cross-foots of the total lines. Each form gives its line tables and where its totals sit.
 */
import type { FormId } from "../catalogue/types";
import { builders } from "./build";
import { total } from "./expr";
import type { Rule } from "./types";

/** A line: [line number, label, total's code, first-column parts, second-column parts] ("-335" subtracts). */
export type StatementLine = [string, string, string, string[], string[]];

/** A form's statement of financial condition. */
export interface StatementSpec {
  /** Rule-id prefix: "P2" or "P2A". Ids are stable: P2-XF-750, P2-COL-540, ... */
  prefix: string;
  /** Citation stem, e.g. "Part II, Statement of Financial Condition". */
  citation: string;
  assets: StatementLine[];
  liabilities: StatementLine[];
  /** Line numbers of total assets and total liabilities on the form. */
  totalAssetsLine: string;
  totalLiabilitiesLine: string;
  /** Caveats shown with the line rules (e.g. a recalled layout). */
  assetNote?: string;
  liabilityNote: string;
}

/** The statement's rules, in form order: asset lines, asset totals, liability lines, liability totals. */
export function statementRules(form: FormId, s: StatementSpec): Rule[] {
  const { eq } = builders(form);
  const codes = (parts: string[]) => parts.map((c) => c.replace("-", ""));
  const lines = (which: StatementLine[]) => which.filter(([, , , a, n]) => a.length + n.length > 0);
  const assetLines = lines(s.assets).map(([line, label, tot, a, n]) =>
    eq(`${s.prefix}-XF-${tot}`, tot, total(...a, ...n), {
      section: "assets",
      category: "cross-foot",
      title: `Line ${line} ${label}: allowable + non-allowable = total`,
      citation: `${s.citation}, assets line ${line} (items ${codes([...a, ...n]).join(", ")}, ${tot})`,
      ...(s.assetNote ? { note: s.assetNote } : {}),
      defines: true,
    }),
  );
  const liabilityLines = lines(s.liabilities).map(([line, label, tot, a, n]) =>
    eq(`${s.prefix}-XF-${tot}`, tot, total(...a, ...n), {
      section: "liabilities",
      category: "cross-foot",
      title: `Line ${line} ${label}: A.I. + non-A.I. = total`,
      citation: `${s.citation}, liabilities line ${line} (items ${codes([...a, ...n]).join(", ")}, ${tot})`,
      partsOptional: true,
      partsRequiredWhen: "basic",
      note: s.liabilityNote,
    }),
  );
  const column = (which: StatementLine[], i: 2 | 3 | 4) => which.flatMap((l) => (i === 2 ? [l[2]] : l[i]));
  const A = s.totalAssetsLine;
  const L = s.totalLiabilitiesLine;
  return [
    ...assetLines,
    eq(`${s.prefix}-COL-540`, "540", total(...column(s.assets, 3)), { section: "assets", category: "column-total", title: "Total allowable assets = sum of the allowable column", citation: `${s.citation}, line ${A} (item 540)`, defines: true }),
    eq(`${s.prefix}-COL-740`, "740", total(...column(s.assets, 4)), { section: "assets", category: "column-total", title: "Total non-allowable assets = sum of the non-allowable column", citation: `${s.citation}, line ${A} (item 740)`, defines: true }),
    eq(`${s.prefix}-COL-940`, "940", total(...column(s.assets, 2)), { section: "assets", category: "column-total", title: "Total assets = sum of the total column", citation: `${s.citation}, line ${A} (item 940)`, defines: true }),
    eq(`${s.prefix}-XF-940`, "940", total("540", "740"), { section: "assets", category: "cross-foot", title: `Line ${A} total assets: allowable + non-allowable = total`, citation: `${s.citation}, line ${A} (items 540, 740, 940)` }),
    ...liabilityLines,
    eq(`${s.prefix}-COL-1230`, "1230", total(...column(s.liabilities, 3)), { section: "liabilities", category: "column-total", title: "Total A.I. liabilities = sum of the A.I. column", citation: `${s.citation}, line ${L} (item 1230)`, defines: true }),
    eq(`${s.prefix}-COL-1450`, "1450", total(...column(s.liabilities, 4)), { section: "liabilities", category: "column-total", title: "Total non-A.I. liabilities = sum of the non-A.I. column", citation: `${s.citation}, line ${L} (item 1450)`, defines: true }),
    eq(`${s.prefix}-COL-1760`, "1760", total(...column(s.liabilities, 2)), { section: "liabilities", category: "column-total", title: "Total liabilities = sum of the total column", citation: `${s.citation}, line ${L} (item 1760)`, defines: true }),
    eq(`${s.prefix}-XF-1760`, "1760", total("1230", "1450"), {
      section: "liabilities",
      category: "cross-foot",
      title: `Line ${L} total liabilities: A.I. + non-A.I. = total`,
      citation: `${s.citation}, line ${L} (items 1230, 1450, 1760)`,
      partsOptional: true,
      partsRequiredWhen: "basic",
    }),
  ];
}
