/**
 * The Map tab's actions on the workbook: Build from trial balance, Insert haircut schedule and
 * Insert FOCUS sheet. A script of its own, fetched on the first press (#25), so the pane's scripts
 * at load carry only what draws the tab and maps a cell. Each action returns the status line's
 * words (PaneContext.act shows them, or the error's words) and leaves what the tab must draw
 * (questions before replacing cells, the build's result) on the tab's `MapView`.
 */
import type { CellConflict } from "../excel/owned-cells";
import { insertFocusSheet } from "../excel/focus-sheet";
import { MappingError } from "../excel/mapping";
import { loadedContent } from "../excel/read";
import type { WrittenCell } from "../excel/ledger-sheet";
import type { FormId } from "../focus";
import { h } from "./dom";
import { CheckerUnavailable, ledgerModule, money, type PaneContext } from "./pane-common";

/** What the Map tab shows for its actions, and how to redraw it. */
export interface MapView {
  ledgerConflicts: CellConflict[];
  ledgerView: HTMLElement | null;
  scheduleConflicts: CellConflict[];
  render(): void;
}

/**
 * Build the FOCUS cells from the selected trial balance (the ledger's script is loaded on first
 * use); with `mode` "ask", a FOCUS cell holding the user's own figure is a question, not a write.
 * Four syncs (`buildFromSelection`). Throws MappingError when the selection is not a trial balance.
 */
export async function buildLedger(ctx: PaneContext, view: MapView, mode: "ask" | "replace" | "keep"): Promise<string> {
  const form: FormId = ctx.settings().form;
  const mod = await ledgerModule();
  // One batch of four syncs: the selection and the names, the trial balance with the FOCUS
  // cells, the formulas, the written cells' new values (no second read of the workbook).
  const { ledger, write, shown } = await ctx.host.run((c) => mod.buildFromSelection(c, form, mode));
  if (ledger.problem) throw new MappingError(ledger.problem);
  if (!write) {
    const added = await ctx.host.run((c) => mod.addMapColumn(c, form, ledger));
    return `Added the map column "item" (column ${added.letter}) beside the trial balance, offering the form's codes: give each account its item (or "exclude"), then select the trial balance with that column and build again.${added.note ? ` ${added.note}` : ""}`;
  }
  const r = write;
  if (r.conflicts.length) {
    view.ledgerConflicts = r.conflicts;
    view.render();
    return `The build would replace ${r.conflicts.length} FOCUS cell${r.conflicts.length === 1 ? "" : "s"} holding your own figures: choose below. Nothing was changed.`;
  }
  view.ledgerConflicts = [];
  ctx.ledger.built = true;
  const unmapped = r.build.unmapped;
  const problems = r.build.findings;
  view.ledgerView = h(
    "div",
    { class: "ledger", id: "ledger-result" },
    h("h3", {}, "Built from the trial balance"),
    r.missing.length ? h("p", { class: "problem-box" }, `These items have accounts but no FOCUS cell (map them or insert the FOCUS sheet, then build again): ${r.missing.join(", ")}.`) : null,
    problems.length ? h("ul", { class: "problems", id: "ledger-problems" }, ...problems.map((f) => h("li", {}, `${f.severity === "error" ? "Error" : "Warning"}: ${f.message}`))) : null,
    unmapped.length
      ? h(
          "table",
          { id: "unmapped" },
          h("caption", {}, "Accounts with a balance and no item, biggest first"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Account"), h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Balance"))),
          h("tbody", {}, ...unmapped.map((a) => h("tr", {}, h("td", {}, a.account), h("td", {}, a.name), h("td", {}, money(a.balance.toFixed()))))),
        )
      : null,
  );
  showWritten(ctx, view, shown);
  return `Wrote ${r.written.length} FOCUS cells from the trial balance (SUMIFS by item; totals from their lines)${r.kept.length ? `; ${r.kept.length} kept as they were` : ""}${unmapped.length ? `; ${unmapped.length} accounts with a balance have no item` : ""}.`;
}

/** The map after a build: the written cells' new content, as the build read it back, and the workbook's ledger setting. */
function showWritten(ctx: PaneContext, view: MapView, shown: readonly WrittenCell[]): void {
  const byCode = new Map(shown.map((c) => [c.code, c]));
  ctx.setCells(
    ctx.cells().map((cell) => {
      const w = byCode.get(cell.code);
      if (!w || cell.problem) return cell;
      return { ...cell, ...loadedContent(w.value, w.valueType, w.numberFormat, w.text) };
    }),
  );
  ctx.setSettings({ ...ctx.settings(), ledger: true });
  view.render();
}

/** Insert the haircut schedule (its adapter is a script of its own); with `mode` "ask", a FOCUS cell's own content is a question, not a write. */
export async function insertHaircuts(ctx: PaneContext, view: MapView, mode: "ask" | "replace" | "keep"): Promise<string> {
  let mod: typeof import("../excel/haircut-sheet");
  try {
    mod = await import(/* webpackChunkName: "haircuts" */ "../excel/haircut-sheet");
  } catch (e) {
    throw new CheckerUnavailable(e, "The haircut schedule's script", "press Insert again");
  }
  const r = await ctx.host.run((c) => mod.insertHaircutSchedule(c, { replace: mode }));
  if (r.conflicts.length) {
    view.scheduleConflicts = r.conflicts;
    view.render();
    return `The schedule would replace ${r.conflicts.length} FOCUS cell${r.conflicts.length === 1 ? "" : "s"} that hold${r.conflicts.length === 1 ? "s" : ""} your own figures: choose below. Nothing was changed.`;
  }
  view.scheduleConflicts = [];
  await ctx.reload();
  return `Added the sheet "${r.sheet}" with the table ${r.table}: ${r.linked.length} FOCUS cells now follow it${r.named.length ? `, ${r.named.length} lines named on it` : ""}${r.kept.length ? `, ${r.kept.length} kept as they were` : ""}.`;
}

/** Insert a sheet laid out like `form`, its value cells named (two syncs; writes only to the new sheet). */
export async function insertSheet(ctx: PaneContext, form: FormId): Promise<string> {
  const r = await ctx.host.run((c) => insertFocusSheet(c, form));
  await ctx.reload();
  return `Added the sheet "${r.sheet}" with ${r.named} named cells${r.skipped.length ? `; ${r.skipped.length} items were already mapped elsewhere and keep their cells` : ""}.`;
}
