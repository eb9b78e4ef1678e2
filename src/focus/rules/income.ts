/**
 * The statement of income (loss) and the statement of changes in ownership equity and in
 * subordinated liabilities, as data, for Part II and Part IIA. The codes and lines are the draft
 * catalogues' (reference/focus-items-part-ii-draft.csv, -part-iia-draft.csv), "recalled" there:
 * the catalogue marks them UNCONFIRMED and every rule here says so. The formulas are the form's
 * own words: "TOTAL REVENUE", "TOTAL EXPENSES", "(12 - 28)", "Net income (loss) after federal
 * income taxes and extraordinary items", "balance, end of period (from item 1800)". Memo lines
 * ("... includes") never add into a total.
 */
import type { FormId } from "../catalogue/types";
import { builders } from "./build";
import { item, total } from "./expr";
import type { Rule } from "./types";

/** The lines of one form's statement of income: which add into total revenue and total expenses, with their form lines. */
export interface IncomeLayout {
  /** Lines of total revenue (4030), in form order; subtotals (3940, 3950) stand for their parts. */
  revenue: string[];
  /** Subtotals inside revenue: total -> its parts (commissions 3940, trading 3950). */
  subtotals: [string, string[], string][];
  /** Lines of total expenses (4200), in form order. */
  expenses: string[];
  /** Form lines for citations: [total revenue, total expenses, income before taxes, net income]. */
  lines: [string, string, string, string];
}

/** The statement of income of Part II (pre-2021 layout lines, as the draft catalogue gives them). */
export const PART_II_INCOME: IncomeLayout = {
  revenue: ["3940", "3950", "3952", "3955", "3960", "3970", "3975", "3980", "3990", "3985", "3995"],
  subtotals: [
    ["3940", ["3935", "3938", "3939"], "1.d"],
    ["3950", ["3941", "3944", "3945", "3949"], "2.e"],
  ],
  expenses: ["4110", "4040", "4120", "4055", "4145", "4135", "4060", "4080", "4150", "4075", "4170", "4186", "4190", "4195", "4100"],
  lines: ["12", "28", "29", "34"],
};

/** The statement of income of Part IIA (2020 edition lines, as the draft catalogue gives them). */
export const PART_IIA_INCOME: IncomeLayout = {
  revenue: ["3940", "3950", "3952", "3955", "3970", "3990", "3975", "3995"],
  subtotals: [
    ["3940", ["3935", "3938", "3939"], "1.d"],
    ["3950", ["3945", "3949"], "2.c"],
  ],
  expenses: ["4120", "4115", "4140", "4075", "4195", "4100"],
  lines: ["9", "16", "17", "22"],
};

/** The subordinated liabilities of the statement of financial condition (27.A-D totals on Part II; Part IIA's 18.A-D likewise). */
const SUBORDINATED = ["1710", "1720", "1730", "1740"];

const RECALLED = "The codes of this page are recalled, not confirmed by a source (the catalogue marks them UNCONFIRMED).";

/**
 * The rules of the two pages for a form: the revenue subtotals, total revenue, total expenses,
 * income before taxes (total revenue - total expenses), net income (income before taxes - the
 * provision + equity in subsidiaries + extraordinary items + the cumulative effect of accounting
 * changes), net income carried to the statement of changes in ownership equity, the ending
 * balances (beginning + net income + additions - deductions; = 1800) and the subordinated
 * liabilities (beginning + increases - decreases; = the statement of financial condition's).
 */
export function incomeRules(form: FormId, prefix: "P2" | "P2A", layout: IncomeLayout, since: string): Rule[] {
  const { eq } = builders(form);
  const name = form === "part-ii" ? "Part II" : "Part IIA";
  const IS = `${name}, Statement of Income (Loss)`;
  const CE = `${name}, Statement of Changes in Ownership Equity and in Liabilities Subordinated to Claims of General Creditors`;
  const [rev, exp, before, net] = layout.lines;
  const is = { section: "income-statement" as const, category: "cross-foot" as const, note: RECALLED, since };
  const ce = { section: "changes-in-equity" as const, category: "balance" as const, note: RECALLED, since };
  return [
    ...layout.subtotals.map(([t, parts, line]) =>
      eq(`${prefix}-IS-${t}`, t, total(...parts), { ...is, title: `Line ${line}: the subtotal is the sum of its lines`, citation: `${IS}, line ${line} (item ${t})`, defines: true }),
    ),
    eq(`${prefix}-IS-4030`, "4030", total(...layout.revenue), { ...is, title: `Line ${rev}: total revenue = the sum of the revenue lines`, citation: `${IS}, line ${rev} (item 4030: "TOTAL REVENUE")`, defines: true }),
    eq(`${prefix}-IS-4200`, "4200", total(...layout.expenses), { ...is, title: `Line ${exp}: total expenses = the sum of the expense lines`, citation: `${IS}, line ${exp} (item 4200: "TOTAL EXPENSES")`, defines: true }),
    eq(`${prefix}-IS-4210`, "4210", total("4030", "-4200"), { ...is, title: `Line ${before}: income (loss) before federal income taxes = total revenue - total expenses`, citation: `${IS}, line ${before} (item 4210: "(${rev} - ${exp})")`, defines: true }),
    eq(`${prefix}-IS-4230`, "4230", total("4210", "-4220", "4222", "4224", "4225"), {
      ...is,
      title: `Line ${net}: net income (loss) = income before taxes - the provision for federal income taxes + equity in subsidiaries + extraordinary items + the cumulative effect of accounting changes`,
      citation: `${IS}, line ${net} (item 4230: "Net income (loss) after federal income taxes and extraordinary items")`,
      note: `${RECALLED} The memo lines (4235-4239, 4070, 4130: "... includes") are not added.`,
      defines: true,
    }),
    // The ties to the other pages apply when the statement of changes is filled: a blank page is
    // not applicable, whatever the statement of financial condition reports.
    eq(`${prefix}-CE-4250`, "4250", item("4230"), { ...ce, targetOptional: true, title: "Net income of the period is the statement of income's net income (4230)", citation: `${CE}, line 1.A (item 4250); ${IS}, line ${net} (item 4230)` }),
    eq(`${prefix}-CE-4290`, "4290", total("4240", "4250", "4260", "-4270"), {
      ...ce,
      title: "Ownership equity at the end of the period = beginning balance + net income + additions - deductions",
      citation: `${CE}, lines 1-2 (items 4240, 4250, 4260, 4270, 4290)`,
      defines: true,
    }),
    eq(`${prefix}-CE-1800`, "4290", item("1800"), { ...ce, targetOptional: true, title: "Ownership equity at the end of the period is total ownership equity (1800)", citation: `${CE}, line 2 (item 4290: "balance, end of period (from item 1800)")` }),
    eq(`${prefix}-CE-4330`, "4330", total("4300", "4310", "-4320"), {
      ...ce,
      title: "Subordinated liabilities at the end of the period = beginning balance + increases - decreases",
      citation: `${CE}, lines 3-4 (items 4300, 4310, 4320, 4330)`,
      defines: true,
    }),
    eq(`${prefix}-CE-SUB`, "4330", total(...SUBORDINATED), {
      ...ce,
      targetOptional: true,
      title: "Subordinated liabilities at the end of the period are those of the statement of financial condition",
      citation: `${CE}, line 4 (item 4330); Statement of Financial Condition, subordinated liabilities (items ${SUBORDINATED.join(", ")})`,
      note: `${RECALLED} The draft labels line 4 "from item 3520" (the allowable subordinated liabilities of the net capital computation); the statement of financial condition's subordinated liabilities are the balance the statement of changes rolls forward.`,
    }),
  ];
}
