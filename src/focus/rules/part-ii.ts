/**
 * Rules of the current (2021+) Part II, as data. Sources: the filed Part II in
 * reference/seeds/focus-part-ii-mirae-2024-12-31.txt (whose amounts reconcile, confirming the codes),
 * the draft relations in reference/forms/focus-relations.md, and the rule fragments stored beside
 * them. Rates come from ../regulation.ts, never from here.
 */
import { RATES } from "../net-capital/regulation";
import { builders } from "./build";
import { greatest, item, minus, percentOf, times, total } from "./expr";
import { capitalLimits } from "./limits";
import { RESERVE_RULES } from "./reserve";
import { incomeRules, PART_II_INCOME } from "./income";
import { statementRules, type StatementLine } from "./statement";
import type { Rule } from "./types";

const SFC = "Part II, Statement of Financial Condition";

const { eq, limit } = builders("part-ii");

// ---------------------------------------------------------------------------------------------
// Statement of financial condition: assets. [line, label, total, allowable parts, non-allowable parts]
// ---------------------------------------------------------------------------------------------
const ASSET_LINES: StatementLine[] = [
  ["1", "Cash", "750", ["200"], ["12014"]],
  ["2", "Cash segregated", "760", ["210"], []],
  ["3.A", "Failed to deliver", "770", ["220", "230"], []],
  ["3.B", "Securities borrowed", "780", ["240", "250"], []],
  ["3.C", "Omnibus accounts", "790", ["260", "270"], []],
  ["3.D", "Clearing organizations", "800", ["280", "290"], []],
  ["3.E", "Other receivables from brokers/dealers", "810", ["300"], ["550"]],
  ["4", "Receivables from customers (net of allowance)", "820", ["310", "320", "330", "-335"], ["560", "570", "580", "-590"]],
  ["5", "Receivables from non-customers", "830", ["340", "350"], ["600"]],
  ["6", "Excess cash collateral pledged on derivative transactions", "12017", ["12015"], ["12016"]],
  ["7", "Securities purchased under agreements to resell", "840", ["360"], ["605"]],
  ["8", "Trade date receivable", "802", ["292"], []],
  ["9", "Total net securities, commodities and swaps positions", "12024", ["12019"], ["12022"]],
  ["10", "Securities borrowed under subordination agreements", "880", ["460"], ["630"]],
  ["11", "Secured demand notes: market value of collateral", "890", ["470"], ["640"]],
  ["12", "Memberships in exchanges", "900", [], ["650", "660"]],
  ["13", "Investment in and receivables from affiliates", "910", ["480"], ["670"]],
  ["14", "Property, furniture, equipment and leasehold improvements", "920", ["490"], ["680"]],
  ["15", "Other assets", "930", ["500", "510", "520", "530", "536", "537"], ["690", "700", "710", "720"]],
];

// Liabilities: [line, label, total, A.I. parts, non-A.I. parts]
const LIABILITY_LINES: StatementLine[] = [
  ["17.A", "Bank loans payable: includible in segregation requirement", "1460", ["1030"], ["1240"]],
  ["17.B", "Bank loans payable: other", "1470", ["1040"], ["1250"]],
  ["18", "Securities sold under repurchase agreements", "1480", [], ["1260"]],
  ["19.A.1", "Failed to receive: includible in segregation requirement", "1490", ["1050"], ["1270"]],
  ["19.A.2", "Failed to receive: other", "1500", ["1060"], ["1280"]],
  ["19.B.1", "Securities loaned: includible in segregation requirement", "1510", ["1070"], []],
  ["19.B.2", "Securities loaned: other", "1520", ["1080"], ["1290"]],
  ["19.C.1", "Omnibus accounts: includible in segregation requirement", "1530", ["1090"], []],
  ["19.C.2", "Omnibus accounts: other", "1540", ["1095"], ["1300"]],
  ["19.D.1", "Clearing organizations: includible in segregation requirement", "1550", ["1100"], []],
  ["19.D.2", "Clearing organizations: other", "1560", ["1105"], ["1310"]],
  ["19.E", "Payable to brokers/dealers: other", "1570", ["1110"], ["1320"]],
  ["20.A", "Payable to customers: securities accounts", "1580", ["1120"], []],
  ["20.B", "Payable to customers: commodities accounts", "1590", ["1130"], ["1330"]],
  ["21.A", "Payable to non-customers: securities accounts", "1600", ["1140"], ["1340"]],
  ["21.B", "Payable to non-customers: commodities accounts", "1610", ["1150"], ["1350"]],
  ["22", "Excess cash collateral received on derivative transactions", "12027", ["12025"], ["12026"]],
  ["23", "Trade date payable", "1562", ["12031"], ["12037"]],
  ["24", "Total net securities, commodities and swaps positions", "12044", ["12032"], ["12038"]],
  ["25.A", "Drafts payable", "1630", ["1160"], []],
  ["25.B", "Accounts payable", "1640", ["1170"], []],
  ["25.C", "Income taxes payable", "1650", ["1180"], []],
  ["25.D", "Deferred income taxes", "1660", [], ["1370"]],
  ["25.E", "Accrued expenses and other liabilities", "1670", ["1190"], []],
  ["25.F", "Other", "1680", ["1200"], ["1380"]],
  ["25.G", "Obligation to return securities", "1686", ["12033"], ["1386"]],
  ["25.H", "SPE liabilities", "1687", ["12045"], ["1387"]],
  ["26.A", "Notes and mortgages payable: unsecured", "1690", ["1210"], []],
  ["26.B", "Notes and mortgages payable: secured", "1700", ["1211"], ["1390"]],
  ["27.A", "Subordinated liabilities: cash borrowings", "1710", [], ["1400"]],
  ["27.B", "Subordinated liabilities: securities borrowings", "1720", [], ["1410"]],
  ["27.C", "Subordinated liabilities: secured demand note agreements", "1730", [], ["1420"]],
  ["27.D", "Subordinated liabilities: exchange memberships contributed", "1740", [], ["1430"]],
  ["27.E", "Accounts and other borrowings not qualified for net capital", "1750", ["1220"], ["1440"]],
];

const statement: Rule[] = statementRules("part-ii", {
  prefix: "P2",
  citation: SFC,
  assets: ASSET_LINES,
  liabilities: LIABILITY_LINES,
  totalAssetsLine: "16",
  totalLiabilitiesLine: "28",
  liabilityNote:
    "A firm on the alternative standard may leave the A.I. / non-A.I. split blank; the split is checked when it is reported, and always under the aggregate indebtedness standard (15c3-1(a)(1)(i)).",
});

const equityRules: Rule[] = [
  // 1800 = 1770 + 1780 + 1795 (the seed's words), so the corporation's total is net of treasury
  // stock: deducted once, here, as line 31 prints it (1796 in parentheses).
  eq("P2-EQ-1795", "1795", total("1791", "1792", "1793", "1794", "-1796"), {
    section: "ownership-equity",
    category: "ownership-equity",
    title: "Corporation: total = preferred + common + additional paid-in capital + retained earnings - capital stock in treasury",
    citation: `${SFC}, line 31 (items 1791-1796)`,
    note: "The codes of lines 31.A-31.F are recalled (UNCONFIRMED); line 31.E, accumulated other comprehensive income, has no known code: a firm with it reports 1795 above this sum by that amount.",
    since: "0.3.0",
    // A report that gives only the total (a ledger mapped to 1795) has not reported the split.
    partsOptional: true,
    defines: true,
  }),
  eq("P2-EQ-1800", "1800", total("1770", "1780", "1795"), {
    section: "ownership-equity",
    category: "ownership-equity",
    title: "Total ownership equity = sole proprietorship + partnership/LLC + corporation",
    citation: `${SFC}, line 32 (item 1800: "sum of Line Items 1770, 1780, 1795")`,
    defines: true,
  }),
  eq("P2-BS-1810", "1810", total("1760", "1800"), {
    section: "ownership-equity",
    category: "balance",
    title: "Total liabilities and ownership equity = total liabilities + total ownership equity",
    citation: `${SFC}, line 33 (item 1810: "sum of Line Items 1760 and 1800")`,
    defines: true,
  }),
  eq("P2-BS-940", "940", item("1810"), {
    section: "ownership-equity",
    category: "balance",
    title: "Total assets = total liabilities and ownership equity",
    citation: `${SFC}, lines 16 and 33 (items 940, 1810)`,
  }),
  // A blank memo is "none": read 1020 as a line (blank = 0), 1780 as the total it is part of.
  limit("P2-EQ-1020", total("1020"), "<=", item("1780"), {
    section: "ownership-equity",
    category: "ownership-equity",
    title: "Limited partners' / members' equity is part of the partnership / LLC total",
    citation: `${SFC}, line 30 (items 1020, 1780)`,
    severity: "warning",
  }),
];

const HAIRCUTS = ["3660", "3670", "3680", "3690", "3700", "3710", "3720", "3730", "3732", "12028", "3734", "3650", "3736", "12053", "12054"];
const NC = "Part II, Computation of Net Capital";

const netCapitalRules: Rule[] = [
  eq("P2-NC-3480", "3480", item("1800"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 1: total ownership equity is item 1800",
    citation: `${NC}, line 1 (item 3480: "Total ownership equity from Item 1800")`,
  }),
  eq("P2-NC-3500", "3500", total("3480", "-3490"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 3: ownership equity qualified for net capital = line 1 - line 2",
    citation: `${NC}, lines 1-3 (items 3480, 3490, 3500)`,
    defines: true,
  }),
  eq("P2-NC-3530", "3530", total("3500", "3520", "3525"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 5: total capital and allowable subordinated liabilities = line 3 + line 4A + line 4B",
    citation: `${NC}, lines 3-5 (items 3500, 3520, 3525, 3530)`,
    defines: true,
  }),
  eq("P2-NC-3540", "3540", item("740"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 6A: total non-allowable assets from the statement of financial condition (item 740)",
    citation: `${NC}, line 6A (item 3540); 15c3-1(c)(2)(iv)`,
    severity: "warning",
    note: "Adjustments to non-allowable assets are possible (the pre-2021 form refers to its Notes B and C), so a difference is a warning, not an error.",
    defines: true,
  }),
  eq("P2-NC-3620", "3620", total("3540", "3550", "3560", "12051", "12052", "12047", "12048", "3570", "3580", "3590", "3600", "3610", "3615"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 6H: total deductions and/or charges = sum of lines 6A-6G",
    citation: `${NC}, line 6H (item 3620: "sum of Lines 6A-6G"); 15c3-1(c)(2)`,
    note: "Lines 6A.3 and 6A.4 are 12051/12052 on the computation for firms not using models and 12047/12048 for firms using models; both pairs are added.",
    defines: true,
  }),
  eq("P2-NC-3640", "3640", total("3530", "-3620", "3630"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 8: tentative net capital = line 5 - line 6H + line 7",
    citation: `${NC}, line 8 (item 3640)`,
    defines: true,
  }),
  eq("P2-NC-3740", "3740", total(...HAIRCUTS), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 12: total haircuts = sum of lines 9A-9E, 10 and 11",
    citation: `${NC}, line 12 ("sum of Lines 9A-9E, 10, and 11"); 15c3-1(c)(2)(vi)`,
    when: "non-models",
    defines: true,
  }),
  eq("P2-NC-3750", "3750", total("3640", "-3740"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 13: net capital = line 8 - line 12",
    citation: `${NC}, line 13 (item 3750: "Line 8 minus Line 12")`,
    when: "non-models",
    defines: true,
  }),
];

const NCM = "Part II, Computation of Net Capital (filer authorized to use models)";
const modelsRules: Rule[] = [
  eq("P2-NCM-3634", "3634", total("3636", "3637", "3638", "3639", "3641"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 9A: total value at risk = sum of lines 9A1-9A5",
    citation: `${NCM}, line 9A (item 3634)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3643", "3643", total("3634", "3642"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 9C: total diversified VaR = line 9A + line 9B (the benefit is negative)",
    citation: `${NCM}, line 9C (item 3643)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3647", "3647", total("3648", "3649", "3651", "3652", "3653"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 9G: risk deduction using scenario analysis = sum of lines 9G1-9G5",
    citation: `${NCM}, line 9G (item 3647)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3677", "3677", total("3655", "3646", "3647", "3665"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 9: market risk exposure for VaR firms = lines 9E + 9F + 9G + 9H",
    citation: `${NCM}, line 9 (item 3677)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-12762", "12762", total("12758", "12759", "12760", "12761", "12029"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 10A: total value at risk = sum of lines 10A1-10A5",
    citation: `${NCM}, line 10A (item 12762)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-12030", "12030", total("12762", "12763"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 10C: total diversified VaR = line 10A + line 10B",
    citation: `${NCM}, line 10C (item 12030)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3676", "3676", total("12049", "12050"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 11A: counterparty exposure charge = line 11A1 + line 11A2",
    citation: `${NCM}, line 11A (item 3676)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3659", "3659", total("3656", "3657", "3658"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 11B: concentration charge = lines 11B1 + 11B2 + 11B3",
    citation: `${NCM}, line 11B (item 3659)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3688", "3688", total("3676", "3659", "3678"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 12: total credit risk exposure = lines 11A + 11B + 11C",
    citation: `${NCM}, line 12 (item 3688, assigned to line 12 by position)`,
    when: "models",
    defines: true,
  }),
  eq("P2-NCM-3750", "3750", total("3640", "-3677", "-12776", "-3688"), {
    section: "net-capital-models",
    category: "net-capital",
    title: "Line 13: net capital = line 8 - line 9 (or 10) - line 12",
    citation: `${NCM}, line 13 (item 3750)`,
    when: "models",
    defines: true,
  }),
  eq("P2-MIN-12056", "12056", minus("3640", "12055"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 3: excess tentative net capital = line 1 - line 2",
    citation: "Part II, Minimum Regulatory Capital Requirements, line 3 (item 12056); 15c3-1(a)(7)",
    when: "models",
    defines: true,
  }),
  eq("P2-MIN-12057", "12057", minus("3640", times(RATES.earlyWarningMinimum, "12055")), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 4: tentative net capital in excess of 120% of the minimum tentative net capital requirement",
    citation: "Part II, Minimum Regulatory Capital Requirements, line 4 (item 12057)",
    derivation: "percentage",
    when: "models",
    defines: true,
  }),
];

const MIN = "Part II, Computation of Minimum Regulatory Capital Requirements";
const ratioRequirement = total("3756", "3870", "12058", "12059");
/** The firm's own ratio line is a required input of the requirement: blank, it is missing, never zero. */
const FIRMS_RATIO_LINE = [
  { when: "alternative" as const, items: ["3870"] },
  { when: "basic" as const, items: ["3756"] },
];

const minimumRules: Rule[] = [
  eq("P2-MIN-3756", "3756", times(RATES.aiMinimum, "3840"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 5A: 6-2/3% of total aggregate indebtedness (item 3840)",
    citation: `${MIN}, line 5A (item 3756); 15c3-1(a)(1)(i)`,
    derivation: "percentage",
    when: "basic",
  }),
  eq("P2-MIN-3870", "3870", times(RATES.alternativeMinimum, "4470"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 5B: 2% of aggregate debit items (item 4470, Exhibit A to Rule 15c3-3)",
    citation: `${MIN}, line 5B (item 3870); 15c3-1(a)(1)(ii)`,
    derivation: "percentage",
    when: "alternative",
  }),
  eq("P2-MIN-12060", "12060", ratioRequirement, {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 5E: minimum ratio requirement = lines 5A + 5B + 5C + 5D",
    citation: `${MIN}, line 5E ("sum of Lines 5A, 5B, 5C, and/or 5D, as applicable")`,
    severity: "warning",
    note: "The code of line 5E (12060) is inferred from the sequence 12058-12061, not read in a source.",
    defines: true,
    requiredWhen: FIRMS_RATIO_LINE,
  }),
  eq("P2-MIN-3760", "3760", greatest(ratioRequirement, "3880", total("90051")), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 7: minimum net capital requirement = greater of line 5E, line 6 (fixed-dollar minimum 3880) and, for a futures commission merchant, line 5B.i (CFTC minimum)",
    citation: `${MIN}, lines 5B.i and 7 (items 90051, 3760); 15c3-1(a); 15c3-1(a)(1)(iii)`,
    note: "Line 5B.i has no printed code in the sources here: 90051 is this project's placeholder (unconfirmed).",
    defines: true,
    requiredWhen: FIRMS_RATIO_LINE,
  }),
  eq("P2-MIN-3910", "3910", minus("3750", "3760"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 8: excess net capital = item 3750 - item 3760",
    citation: `${MIN}, line 8 ("Item 3750 minus Item 3760")`,
    defines: true,
  }),
  eq("P2-MIN-12061", "12061", minus("3750", times(RATES.earlyWarningMinimum, "3760")), {
    section: "minimum-requirement",
    category: "early-warning",
    title: "Line 9A: net capital in excess of 120% of the minimum net capital requirement",
    citation: `${MIN}, line 9A (item 12061); 17a-11(b)(3)`,
    derivation: "percentage",
    defines: true,
  }),
  eq("P2-MIN-3920", "3920", minus("3750", times(RATES.earlyWarningDebits, "4470")), {
    section: "minimum-requirement",
    category: "early-warning",
    title: "Line 9B: net capital in excess of 5% of aggregate debit items",
    citation: `${MIN}, line 9B (item 3920); 17a-11(b)(2)`,
    derivation: "percentage",
    when: "alternative",
    defines: true,
  }),
];

const AI = "Part II, Computation of Aggregate Indebtedness";
const aiRules: Rule[] = [
  eq("P2-AI-3790", "3790", item("1230"), {
    section: "aggregate-indebtedness",
    category: "aggregate-indebtedness",
    title: "Line 10: total A.I. liabilities from the statement of financial condition (item 1230)",
    citation: `${AI}, line 10 (item 3790: "Item 1230")`,
    when: "basic",
    note: "The form heads this computation 'If Applicable': it applies under the aggregate indebtedness standard.",
    defines: true,
  }),
  eq("P2-AI-3830", "3830", total("3800", "3810", "3820"), {
    section: "aggregate-indebtedness",
    category: "aggregate-indebtedness",
    title: "Line 11D: total additions = 3800 + 3810 + 3820",
    citation: `${AI}, line 11D (item 3830: "sum of Line Items 3800, 3810, and 3820")`,
    defines: true,
  }),
  eq("P2-AI-3840", "3840", total("3790", "3830", "-3838"), {
    section: "aggregate-indebtedness",
    category: "aggregate-indebtedness",
    title: "Line 13: total aggregate indebtedness = line 10 + line 11D - line 12",
    citation: `${AI}, lines 10-13 (item 3840); 15c3-1(c)(1)(vii) for the line 12 deduction`,
    when: "basic",
    note: "The form labels line 13 'sum of Line Items 3790 and 3830'; line 12 (3838) is a deduction, so it is subtracted. With 3838 blank the two readings agree.",
    defines: true,
  }),
];

const RAT = "Part II, Calculation of Other Ratios";
const ratioRules: Rule[] = [
  eq("P2-RAT-3850", "3850", percentOf("3840", "3750"), {
    section: "ratios",
    category: "ratio",
    title: "Line 14: aggregate indebtedness to net capital, % (3840 / 3750)",
    citation: `${AI}, line 14 (item 3850)`,
    derivation: "ratio",
    when: "basic",
    defines: true,
  }),
  eq("P2-RAT-3853", "3853", percentOf("3840", total("3750", "-4880")), {
    section: "ratios",
    category: "ratio",
    title: "Line 15: aggregate indebtedness to net capital after anticipated capital withdrawals, %",
    citation: `${AI}, line 15 (item 3853: "Item 3840 divided by Item 3750 less Item 4880")`,
    derivation: "ratio",
    targetOptional: true,
    when: "basic",
    defines: true,
  }),
  eq("P2-RAT-3851", "3851", percentOf("3750", "4470"), {
    section: "ratios",
    category: "ratio",
    title: "Line 16: net capital to aggregate debit items, % (3750 / 4470)",
    citation: `${RAT}, line 16 (item 3851)`,
    derivation: "ratio",
    when: "alternative",
    defines: true,
  }),
  eq("P2-RAT-3854", "3854", percentOf(total("3750", "-4880"), "4470"), {
    section: "ratios",
    category: "ratio",
    title: "Line 17: net capital after anticipated capital withdrawals to aggregate debit items, %",
    citation: `${RAT}, line 17 (item 3854: "Item 3750 less Item 4880, divided by Item 4470")`,
    derivation: "ratio",
    targetOptional: true,
    when: "alternative",
    defines: true,
  }),
  eq("P2-RAT-3860", "3860", percentOf(total("3520"), total("3530")), {
    section: "ratios",
    category: "ratio",
    title: "Line 18: debt to debt-equity total, % (allowable subordinated liabilities 3520 / total capital and allowable subordinated liabilities 3530)",
    citation: `${RAT}, line 18 (item 3860); 15c3-1(d)`,
    derivation: "ratio",
    targetOptional: true,
    note: "The debt-equity total of 15c3-1(d) is taken as line 4 of the net capital computation (3530), as filed computations print it; subordinations that qualify as equity are not separated.",
    since: "0.2.0",
  }),
];

const limitRules: Rule[] = [
  ...capitalLimits("part-ii", { prefix: "P2", requirementSection: "minimum-requirement", aiSection: "aggregate-indebtedness", aiLimitSeverity: "error" }),
  limit("P2-EW-5PCT", item("3750"), ">=", times(RATES.earlyWarningDebits, "4470"), {
    section: "minimum-requirement",
    category: "early-warning",
    title: "Early warning: net capital is at least 5% of aggregate debit items",
    citation: "17a-11(b)(2) (notice within 24 hours)",
    severity: "warning",
    when: "alternative",
  }),
];

/** Every Part II rule, in form order. */
export const PART_II_RULES: readonly Rule[] = [
  ...statement,
  ...equityRules,
  ...netCapitalRules,
  ...modelsRules,
  ...minimumRules,
  ...aiRules,
  ...ratioRules,
  ...limitRules,
  ...RESERVE_RULES,
  ...incomeRules("part-ii", "P2", PART_II_INCOME, "0.3.0"),
];
