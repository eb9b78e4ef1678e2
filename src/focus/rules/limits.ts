/**
 * The capital limits and early-warning levels that Part II and Part IIA share: net capital at
 * least the requirement (15c3-1(a)), the 17a-11(b) early-warning levels, the aggregate
 * indebtedness limits of 15c3-1(a)(1)(i) and the 15c3-1(d) debt-equity limit. One definition for
 * both forms; each form passes its rule-id prefix and where its lines sit.
 */
import type { FormId, SectionKey } from "../catalogue/types";
import { RATES } from "../net-capital/regulation";
import { builders } from "./build";
import { item, points, times } from "./expr";
import type { Rule, Severity } from "./types";

/** Where a form prints the lines the limits read, and how severe its A.I. limit is. */
export interface LimitPlacement {
  /** Rule-id prefix: "P2" or "P2A". Ids are stable: P2-LIM-NC, P2A-EW-120, ... */
  prefix: string;
  /** Section of the net capital requirement lines. */
  requirementSection: SectionKey;
  /** Section of the aggregate indebtedness lines. */
  aiSection: SectionKey;
  /** Severity of the 1,500 % / 800 % A.I. limits (an error on Part II; a warning on Part IIA, as its issue asks). */
  aiLimitSeverity: Severity;
}

/** The shared limits of a form, in form order. */
export function capitalLimits(form: FormId, p: LimitPlacement): Rule[] {
  const { limit } = builders(form);
  return [
    limit(`${p.prefix}-LIM-NC`, item("3750"), ">=", item("3760"), {
      section: p.requirementSection,
      category: "capital-limit",
      title: "Net capital is at least the minimum net capital requirement",
      citation: "15c3-1(a); a deficiency is a same-day notice under 17a-11(a)(1)",
    }),
    limit(`${p.prefix}-EW-120`, item("3750"), ">=", times(RATES.earlyWarningMinimum, "3760"), {
      section: p.requirementSection,
      category: "early-warning",
      title: "Early warning: net capital is at least 120% of the minimum requirement",
      citation: "17a-11(b)(3) (notice within 24 hours)",
      severity: "warning",
    }),
    limit(`${p.prefix}-EW-AI`, item("3840"), "<=", times(RATES.earlyWarningAI, "3750"), {
      section: p.aiSection,
      category: "early-warning",
      title: "Early warning: aggregate indebtedness is at most 1,200% of net capital",
      citation: "17a-11(b)(1) (notice within 24 hours)",
      severity: "warning",
      when: "basic",
    }),
    limit(`${p.prefix}-LIM-AI`, item("3840"), "<=", times(RATES.aiLimit, "3750"), {
      section: p.aiSection,
      category: "capital-limit",
      title: "Aggregate indebtedness is at most 1,500% of net capital",
      citation: "15c3-1(a)(1)(i)",
      severity: p.aiLimitSeverity,
      when: ["basic", "established"],
    }),
    limit(`${p.prefix}-LIM-AI-1Y`, item("3840"), "<=", times(RATES.aiLimitFirstYear, "3750"), {
      section: p.aiSection,
      category: "capital-limit",
      title: "First 12 months of business: aggregate indebtedness is at most 800% of net capital",
      citation: "15c3-1(a)(1)(i)",
      severity: p.aiLimitSeverity,
      when: ["basic", "first-year"],
    }),
    limit(`${p.prefix}-LIM-DE`, item("3860"), "<=", points(RATES.debtEquityLimit), {
      section: "ratios",
      category: "capital-limit",
      title: "Debt to debt-equity total is at most 70% (item 3860)",
      citation: "15c3-1(d) (70% for more than 90 days)",
      severity: "warning",
    }),
  ];
}
