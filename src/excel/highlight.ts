/**
 * Highlighting the cells of failing rules with conditional formats the add-in owns, and removing
 * exactly those. The user's own fill and formats are never read or written: a conditional format
 * shows over them while it exists, and deleting it restores the cell's look exactly.
 *
 * Ours are recognisable by their rule formula, which carries a marker (`=N("FOCUS Workbench
 * highlight")=0`, always TRUE), and their addresses are kept in the workbook settings; Clear
 * deletes the conditional formats at those addresses whose formula carries the marker, and no
 * other.
 */
import type { CheckResult } from "../focus";
import { splitAddress } from "./address";
import type { MappedCell } from "./read";
import { SETTING_KEYS } from "./settings";

/** The text that marks a conditional format as the add-in's. */
export const HIGHLIGHT_MARK = "FOCUS Workbench highlight";
/** The rule formula of our conditional formats: TRUE, and recognisably ours. */
export const HIGHLIGHT_FORMULA = `=N("${HIGHLIGHT_MARK}")=0`;
/**
 * Fill of the cell that does not reconcile (the rule's target) and of the cells it is computed
 * from; and, in a colour of its own, of a cell whose value moved against a baseline (Compare).
 */
export const HIGHLIGHT_COLORS = { target: "#F4B6B6", part: "#FFE8A3", moved: "#B4D3F0" } as const;

/** A cell to highlight. */
export interface PlannedHighlight {
  address: string;
  role: "target" | "part" | "moved";
  /** Rule ids of the failing findings that involve the cell. */
  rules: string[];
}

/** The cells to highlight: every mapped cell of every failing finding; a rule's target wins over a part. */
export function planHighlights(result: CheckResult, cells: readonly MappedCell[]): PlannedHighlight[] {
  const byCode = new Map(cells.filter((c) => c.address).map((c) => [c.code, c.address as string]));
  const plan = new Map<string, PlannedHighlight>();
  for (const f of result.findings) {
    if (f.status !== "fail") continue;
    f.items.forEach((code, i) => {
      const address = byCode.get(code);
      if (!address) return;
      const role = i === 0 ? "target" : "part";
      const p = plan.get(address);
      if (!p) plan.set(address, { address, role, rules: [f.rule] });
      else {
        if (!p.rules.includes(f.rule)) p.rules.push(f.rule);
        if (role === "target") p.role = "target";
      }
    });
  }
  return [...plan.values()];
}

/** What highlighting did. */
export interface HighlightOutcome {
  applied: string[];
  /** Cells not highlighted, and why (a protected sheet). */
  refused: { address: string; reason: string }[];
  syncs: number;
}

/**
 * Add one conditional format per planned cell and record the addresses in the workbook settings,
 * in one sync. Cells on protected sheets are refused (Excel would reject the whole batch).
 */
export async function applyHighlights(context: Excel.RequestContext, plan: readonly PlannedHighlight[], cells: readonly MappedCell[]): Promise<HighlightOutcome> {
  const protectedAt = new Set(cells.filter((c) => c.protectedSheet && c.address).map((c) => c.address));
  const applied: string[] = [];
  const refused: HighlightOutcome["refused"] = [];
  for (const p of plan) {
    const a = splitAddress(p.address);
    if (!a) continue;
    if (protectedAt.has(p.address)) {
      refused.push({ address: p.address, reason: `sheet "${a.sheet}" is protected; unprotect it to see highlights` });
      continue;
    }
    const cf = context.workbook.worksheets.getItem(a.sheet).getRange(a.cell).conditionalFormats.add("Custom");
    cf.custom.rule.formula = HIGHLIGHT_FORMULA;
    cf.custom.format.fill.color = HIGHLIGHT_COLORS[p.role];
    applied.push(p.address);
  }
  if (applied.length === 0 && refused.length === 0) return { applied, refused, syncs: 0 };
  context.workbook.settings.add(SETTING_KEYS.highlights, JSON.stringify(applied));
  await context.sync();
  return { applied, refused, syncs: 1 };
}

/**
 * Remove the add-in's highlights: at the addresses the settings record, delete the conditional
 * formats whose rule carries the marker, then forget the addresses. The user's conditional formats
 * at the same cells stay. Returns how many were removed.
 */
export async function clearHighlights(context: Excel.RequestContext, addresses: readonly string[], record?: Excel.Setting): Promise<{ removed: number; syncs: number }> {
  let syncs = 0;
  const collections = addresses
    .map((address) => splitAddress(address))
    .filter((a): a is NonNullable<typeof a> => a !== null)
    .map((a) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(a.sheet);
      const cfs = sheet.getRange(a.cell).conditionalFormats;
      cfs.load("items/type");
      return { sheet, cfs };
    });
  if (collections.length) {
    await context.sync();
    syncs++;
  }
  const custom = collections
    .filter((c) => !c.sheet.isNullObject)
    .flatMap((c) => c.cfs.items.filter((cf) => cf.type === "Custom"))
    .map((cf) => {
      const rule = cf.custom.rule;
      rule.load("formula");
      return { cf, rule };
    });
  if (custom.length) {
    await context.sync();
    syncs++;
  }
  let removed = 0;
  for (const { cf, rule } of custom) {
    if (rule.formula.includes(HIGHLIGHT_MARK)) {
      cf.delete();
      removed++;
    }
  }
  // Forget the addresses: delete the record when the caller loaded it (so it is known to exist),
  // otherwise overwrite it with an empty list.
  if (record) record.delete();
  else context.workbook.settings.add(SETTING_KEYS.highlights, "[]");
  await context.sync();
  syncs++;
  return { removed, syncs };
}

/** Remove the highlights the last check recorded in the workbook (reads the record first). */
export async function clearPreviousHighlights(context: Excel.RequestContext): Promise<{ removed: number; syncs: number }> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTING_KEYS.highlights);
  setting.load("value");
  await context.sync();
  if (setting.isNullObject) return { removed: 0, syncs: 1 };
  let addresses: string[] = [];
  try {
    const v = JSON.parse(String(setting.value));
    if (Array.isArray(v)) addresses = v.filter((x): x is string => typeof x === "string");
  } catch {
    // An unreadable record clears nothing but is itself removed.
  }
  const r = await clearHighlights(context, addresses, setting);
  return { removed: r.removed, syncs: r.syncs + 1 };
}
