import * as fs from "fs";
import * as path from "path";
import { parse } from "csv-parse/sync";
import { checkReport, type CheckResult, type Finding, type InputEntry } from "../src/focus";

export const ROOT = path.join(__dirname, "..");
export const SEED_CSV = path.join(ROOT, "examples", "mirae-2024-12-31.csv");
export const SEED_XLSX = path.join(ROOT, "examples", "mirae-2024-12-31.xlsx");

/** The transcribed seed report as item -> value text. */
export function seedValues(): Map<string, string> {
  const rows = parse(fs.readFileSync(SEED_CSV, "utf8"), { columns: true }) as { item: string; value: string }[];
  return new Map(rows.map((r) => [r.item, r.value]));
}

/** Entries for the engine from item -> value text. */
export function entries(values: Map<string, string>): InputEntry[] {
  return [...values].map(([code, value]) => ({ code, raw: { kind: "text", value }, where: `item ${code}` }));
}

/** Check a Part II report given as item -> value text. */
export function check(values: Map<string, string>): CheckResult {
  return checkReport("part-ii", entries(values));
}

/** The finding of one rule. */
export function finding(result: CheckResult, rule: string): Finding {
  const f = result.findings.find((x) => x.rule === rule);
  if (!f) throw new Error(`no finding for ${rule}`);
  return f;
}

/** Rule id -> status. */
export function statuses(result: CheckResult): Map<string, string> {
  return new Map(result.findings.filter((f) => !f.rule.startsWith("INPUT")).map((f) => [f.rule, f.status]));
}
