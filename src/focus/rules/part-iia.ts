/**
 * Rules of Part IIA, the FOCUS form of broker-dealers that neither carry customer accounts nor
 * clear. Sources: the draft catalogue (reference/focus-items-part-iia-draft.csv, its body
 * recalled, not seen) and the pre-2021 Part II page 8, which prints the basic-method lines Part
 * IIA keeps (3756, 3758, 3760, 3770, 3780, 3790-3840). The line structure of the IIA statement of
 * financial condition is recalled: every finding says which of its codes are unconfirmed.
 */
import { RATES } from "../net-capital/regulation";
import { builders } from "./build";
import { incomeRules, PART_IIA_INCOME } from "./income";
import { greatest, item, minus, percentOf, times, total } from "./expr";
import { capitalLimits } from "./limits";
import { statementRules, type StatementLine } from "./statement";
import type { Rule } from "./types";

const { eq } = builders("part-iia");

const SFC = "Part IIA, Statement of Financial Condition";
const NC = "Part IIA, Computation of Net Capital";
const PART_A = "Part IIA, Computation of Basic Net Capital Requirement (Part A)";
const PART_B = "Part IIA, Computation of Alternate Net Capital Requirement (Part B)";
const RECALLED = "Part IIA's line structure is from the draft catalogue (recalled, not seen in a source).";

// [line, label, total, allowable parts, non-allowable parts]
const ASSET_LINES: StatementLine[] = [
  ["1", "Cash", "750", ["200"], []],
  ["2", "Receivables from brokers or dealers", "810", ["295", "300"], ["550"]],
  ["3", "Receivables from non-customers", "830", ["355"], ["600"]],
  ["4", "Securities and spot commodities owned, at market value", "850", ["418", "419", "420", "424", "430"], []],
  ["5", "Securities and other investments not readily marketable", "860", ["440"], ["610"]],
  ["6", "Securities borrowed under subordination agreements", "880", ["460"], ["630"]],
  ["7", "Secured demand notes: market value of collateral", "890", ["470"], ["640"]],
  ["8", "Memberships in exchanges", "900", [], ["650", "660"]],
  ["9", "Investment in and receivables from affiliates", "910", ["480"], ["670"]],
  ["10", "Property, furniture, equipment and leasehold improvements", "920", ["490"], ["680"]],
  ["11", "Other assets", "930", ["535"], ["735"]],
];

// [line, label, total, A.I. parts, non-A.I. parts]
const LIABILITY_LINES: StatementLine[] = [
  ["13", "Bank loans payable", "1470", ["1045"], ["1255"]],
  ["14.A", "Payable to brokers or dealers: clearance account", "1560", ["1114"], ["1315"]],
  ["14.B", "Payable to brokers or dealers: other", "1540", ["1115"], ["1305"]],
  ["15", "Payable to non-customers", "1610", ["1155"], ["1355"]],
  ["16", "Securities sold not yet purchased, at market value", "1620", [], ["1360"]],
  ["17", "Accounts payable, accrued liabilities, expenses and other", "1685", ["1205"], ["1385"]],
  ["18.A", "Notes and mortgages payable: unsecured", "1690", ["1210"], []],
  ["18.B", "Notes and mortgages payable: secured", "1700", ["1211"], ["1390"]],
  ["19.A", "Subordinated liabilities: cash borrowings", "1710", [], ["1400"]],
  ["19.B", "Subordinated liabilities: securities borrowings", "1720", [], ["1410"]],
  ["19.C", "Subordinated liabilities: secured demand note agreements", "1730", [], ["1420"]],
  ["19.D", "Subordinated liabilities: exchange memberships contributed", "1740", [], ["1430"]],
  ["19.E", "Accounts and other borrowings not qualified for net capital", "1750", ["1220"], ["1440"]],
];

const statement: Rule[] = statementRules("part-iia", {
  prefix: "P2A",
  citation: SFC,
  assets: ASSET_LINES,
  liabilities: LIABILITY_LINES,
  totalAssetsLine: "12",
  totalLiabilitiesLine: "20",
  assetNote: RECALLED,
  liabilityNote: `${RECALLED} The A.I. / non-A.I. split is required under the aggregate indebtedness standard.`,
});

const equityRules: Rule[] = [
  eq("P2A-EQ-1795", "1795", total("1791", "1792", "1793", "1794"), {
    section: "ownership-equity",
    category: "ownership-equity",
    title: "Corporation: total = preferred + common + additional paid-in capital + retained earnings",
    citation: `${SFC}, line 23.E (item 1795)`,
    note: `${RECALLED} Treasury stock (1796) is deducted at line 24, as on the pre-2021 layout.`,
    defines: true,
  }),
  eq("P2A-EQ-1800", "1800", total("1770", "1780", "1795", "-1796"), {
    section: "ownership-equity",
    category: "ownership-equity",
    title: "Total ownership equity = sole proprietorship + partnership + corporation - treasury stock",
    citation: `${SFC}, line 24 (item 1800)`,
    defines: true,
  }),
  eq("P2A-BS-1810", "1810", total("1760", "1800"), { section: "ownership-equity", category: "balance", title: "Total liabilities and ownership equity = total liabilities + total ownership equity", citation: `${SFC}, line 25 (item 1810)`, defines: true }),
  eq("P2A-BS-940", "940", item("1810"), { section: "ownership-equity", category: "balance", title: "Total assets = total liabilities and ownership equity", citation: `${SFC}, lines 12 and 25 (items 940, 1810)` }),
];

const HAIRCUTS = ["3660", "3670", "3735", "3733", "3730", "3734", "3650", "3736"];
const netCapitalRules: Rule[] = [
  eq("P2A-NC-3480", "3480", item("1800"), { section: "net-capital", category: "net-capital", title: "Line 1: total ownership equity from the statement of financial condition (item 1800)", citation: `${NC}, line 1 (item 3480)` }),
  eq("P2A-NC-3500", "3500", total("3480", "-3490"), { section: "net-capital", category: "net-capital", title: "Line 3: ownership equity qualified for net capital = line 1 - line 2", citation: `${NC}, lines 1-3 (items 3480, 3490, 3500)`, defines: true }),
  eq("P2A-NC-3530", "3530", total("3500", "3520", "3525"), { section: "net-capital", category: "net-capital", title: "Line 5: total capital and allowable subordinated liabilities = line 3 + line 4A + line 4B", citation: `${NC}, lines 3-5 (items 3500, 3520, 3525, 3530)`, defines: true }),
  eq("P2A-NC-3540", "3540", item("740"), {
    section: "net-capital",
    category: "net-capital",
    title: "Line 6A: total non-allowable assets (item 740)",
    citation: `${NC}, line 6A (item 3540); 15c3-1(c)(2)(iv)`,
    severity: "warning",
    note: "The form refers to its Notes B and C for adjustments, so a difference is a warning, not an error.",
    defines: true,
  }),
  eq("P2A-NC-3620", "3620", total("3540", "3590", "3600", "3610"), { section: "net-capital", category: "net-capital", title: "Line 6: total deductions and/or charges = lines 6A-6D", citation: `${NC}, line 6 (item 3620); 15c3-1(c)(2)`, defines: true }),
  eq("P2A-NC-3640", "3640", total("3530", "-3620", "3630"), { section: "net-capital", category: "net-capital", title: "Line 8: net capital before haircuts (tentative net capital) = line 5 - line 6 + line 7", citation: `${NC}, line 8 (item 3640)`, defines: true }),
  eq("P2A-NC-3740", "3740", total(...HAIRCUTS), { section: "net-capital", category: "net-capital", title: "Line 9: total haircuts = lines 9A-9E", citation: `${NC}, line 9; 15c3-1(c)(2)(vi)`, note: RECALLED, defines: true }),
  eq("P2A-NC-3750", "3750", total("3640", "-3740"), { section: "net-capital", category: "net-capital", title: "Line 10: net capital = line 8 - line 9", citation: `${NC}, line 10 (item 3750)`, defines: true }),
];

const partARules: Rule[] = [
  eq("P2A-MIN-3756", "3756", times(RATES.aiMinimum, "3840"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 11: minimum net capital required, 6-2/3% of total aggregate indebtedness (line 19)",
    citation: `${PART_A}, line 11 (item 3756); 15c3-1(a)(1)(i)`,
    derivation: "percentage",
    when: "basic",
  }),
  eq("P2A-MIN-3760A", "3760", greatest("3756", "3758"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 13: net capital requirement = greater of line 11 and line 12 (the dollar minimum 3758)",
    citation: `${PART_A}, line 13 (item 3760); 15c3-1(a)`,
    when: "basic",
    defines: true,
  }),
  eq("P2A-MIN-3770", "3770", minus("3750", "3760"), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 14: excess net capital = line 10 - line 13",
    citation: `${PART_A}, line 14 (item 3770)`,
    when: "basic",
    defines: true,
  }),
  eq("P2A-MIN-3780", "3780", minus("3750", times(RATES.aiExcess1000, "3840")), {
    section: "minimum-requirement",
    category: "minimum-requirement",
    title: "Line 15: excess net capital at 1000% = line 10 - 10% of line 19",
    citation: `${PART_A}, line 15 (item 3780)`,
    derivation: "percentage",
    when: "basic",
    note: "The wording of the pre-2021 Part II page 8. Some Part IIA editions print 'net capital less the greater of 10% of line 19 or 120% of line 12' (unconfirmed); the two agree when 10% of A.I. is the greater.",
    defines: true,
  }),
];

const aiRules: Rule[] = [
  eq("P2A-AI-3790", "3790", item("1230"), { section: "aggregate-indebtedness", category: "aggregate-indebtedness", title: "Line 16: total A.I. liabilities from the statement of financial condition (item 1230)", citation: `${PART_A}, line 16 (item 3790)`, when: "basic", defines: true }),
  eq("P2A-AI-3830", "3830", total("3800", "3810", "3820"), { section: "aggregate-indebtedness", category: "aggregate-indebtedness", title: "Line 17: total additions = 3800 + 3810 + 3820", citation: `${PART_A}, line 17 (item 3830)`, defines: true }),
  eq("P2A-AI-3840", "3840", total("3790", "3830"), { section: "aggregate-indebtedness", category: "aggregate-indebtedness", title: "Line 19: total aggregate indebtedness = line 16 + line 17", citation: `${PART_A}, line 19 (item 3840)`, defines: true }),
  eq("P2A-RAT-3850", "3850", percentOf("3840", "3750"), {
    section: "ratios",
    category: "ratio",
    title: "Line 20: aggregate indebtedness to net capital, % (line 19 / line 10)",
    citation: `${PART_A}, line 20 (item 3850)`,
    derivation: "ratio",
    when: "basic",
    defines: true,
  }),
];

const partBRules: Rule[] = [
  eq("P2A-MIN-3760B", "3760", greatest("3870", "3880"), {
    section: "minimum-requirement-alternative",
    category: "minimum-requirement",
    title: "Line 24: net capital requirement = greater of line 22 (2% of aggregate debit items) and line 23 (the dollar minimum)",
    citation: `${PART_B}, line 24 (item 3760); 15c3-1(a)(1)(ii)`,
    when: "alternative",
    defines: true,
  }),
  eq("P2A-MIN-3910", "3910", minus("3750", "3760"), {
    section: "minimum-requirement-alternative",
    category: "minimum-requirement",
    title: "Line 25: excess net capital = line 10 - line 24",
    citation: `${PART_B}, line 25 (item 3910)`,
    when: "alternative",
    defines: true,
  }),
];

const limitRules: Rule[] = capitalLimits("part-iia", { prefix: "P2A", requirementSection: "minimum-requirement", aiSection: "ratios", aiLimitSeverity: "warning" });

/** Every Part IIA rule, in form order. */
export const PART_IIA_RULES: readonly Rule[] = [
  ...statement,
  ...equityRules,
  ...netCapitalRules,
  ...partARules,
  ...aiRules,
  ...partBRules,
  ...limitRules,
  ...incomeRules("part-iia", "P2A", PART_IIA_INCOME, "0.3.0"),
];
