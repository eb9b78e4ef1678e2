/**
 * The Map tab: find an item and map the selected cell to it (the workbook name FOCUS_<code>),
 * insert a sheet laid out like the form, build the FOCUS cells from a trial balance, insert the
 * haircut schedule, and the list of mapped items with their problems. Loaded with the pane; its
 * actions on the workbook (map-actions.ts) are fetched on first use.
 */
import { catalogue, formFit, SECTION_ORDER, sectionTitle, type FocusItem, type FormId } from "../focus";
import type { CellConflict } from "../excel/owned-cells";
import { mapSelection, unmapCode } from "../excel/mapping";
import type { MappedCell } from "../excel/read";
import { fill, h } from "./dom";
import { CheckerUnavailable, type PaneContext } from "./pane-common";

/** The Map tab (see the file's comment). */
export class MapTab {
  private searchText = "";

  constructor(
    private readonly panel: HTMLElement,
    private readonly ctx: PaneContext,
  ) {}

  private get form(): FormId {
    return this.ctx.settings().form;
  }

  /** Draw the tab from the shell's mapping and settings. */
  render(): void {
    const cat = catalogue(this.form);
    const search = h("input", {
      id: "item-search",
      type: "search",
      value: this.searchText,
      placeholder: "3750 or net capital",
      "aria-describedby": "item-search-help",
      autocomplete: "off",
    });
    const results = h("ul", { id: "search-results", class: "results", "aria-label": "Matching items" });
    const drawResults = () => {
      this.searchText = search.value;
      const q = search.value.trim();
      const found = q ? cat.search(q).slice(0, 40) : [];
      fill(results, ...found.map((it) => this.resultRow(it)));
    };
    search.addEventListener("input", drawResults);
    const problems = this.ctx.cells().filter((c) => c.problem);
    const shared = this.sharedCells();
    const unknown = this.ctx.cells().filter((c) => !c.problem && !cat.has(c.code));
    const problemList = h(
      "ul",
      { class: "problems", "aria-label": "Mapping problems" },
      ...problems.map((c) => h("li", {}, `${c.name}: ${c.problem}`)),
      ...shared.map(([address, codes]) => h("li", {}, `${address} is mapped to ${codes.join(" and ")}; each line needs its own cell.`)),
      ...unknown.map((c) => h("li", {}, `${c.name} (${c.address ?? "no cell"}): ${c.code} is not an item code of this form.`)),
      ...this.ctx.cells()
        .filter((c) => !c.problem && cat.has(c.code) && ["error", "boolean", "date"].includes(c.raw.kind))
        .map((c) => h("li", {}, `${c.code} at ${c.address}: the cell holds ${c.display || c.raw.kind}, not an amount.`)),
    );
    const insertForm = h(
      "select",
      { id: "insert-form" },
      h("option", { value: "part-ii", selected: this.form === "part-ii" }, "Part II"),
      h("option", { value: "part-iia", selected: this.form === "part-iia" }, "Part IIA"),
    );
    const fit = formFit(this.form, this.ctx.cells().map((c) => c.code));
    const formName = (f: FormId) => (f === "part-ii" ? "Part II" : "Part IIA");
    const fitNote = fit.otherFitsBetter
      ? h(
          "p",
          { class: "problem-box", id: "form-fit" },
          `The mapped codes fit ${formName(fit.other)} better than ${formName(this.form)} (${fit.knownOther} against ${fit.known} of ${this.ctx.cells().length}). Change the form in the Check tab's settings if this workbook is a ${formName(fit.other)} report.`,
        )
      : null;
    fill(
      this.panel,
      h("h2", {}, "Map a cell to a FOCUS item"),
      h("p", { id: "item-search-help", class: "help" }, "Select a cell in the sheet, find its item by code or by words of its label, and map it. The mapping is saved in the workbook as the name FOCUS_<code>."),
      h("label", { for: "item-search" }, "Find an item"),
      search,
      results,
      h(
        "div",
        { class: "row" },
        h("label", { for: "insert-form" }, "Insert a sheet laid out like"),
        insertForm,
        h("button", { id: "insert-sheet", onclick: () => this.insertSheet(insertForm.value as FormId) }, "Insert FOCUS sheet"),
        h("button", { id: "refresh", onclick: () => this.ctx.refresh() }, "Refresh"),
      ),
      h(
        "div",
        { class: "row" },
        h("button", { id: "insert-haircuts", onclick: () => this.insertHaircuts("ask") }, "Insert haircut schedule"),
        h("button", { id: "build-ledger", title: "Select the trial balance first: a header row (account, name, balance, item) and its rows", onclick: () => this.buildLedger("ask") }, "Build from trial balance"),
      ),
      conflictBox("ledger-conflicts", "Cells the build would replace", "Building from the trial balance would replace what these FOCUS cells hold:", this.ledgerConflicts, [
        h("button", { id: "ledger-replace", onclick: () => this.buildLedger("replace") }, "Replace them"),
        h("button", { id: "ledger-keep", onclick: () => this.buildLedger("keep") }, "Keep them, write the rest"),
        h("button", { id: "ledger-cancel", onclick: () => ((this.ledgerConflicts = []), this.render(), this.ctx.say("Nothing was written.")) }, "Cancel"),
      ]),
      this.ledgerView,
      conflictBox("schedule-conflicts", "Cells the haircut schedule would replace", "The haircut schedule would replace what these FOCUS cells hold:", this.scheduleConflicts, [
        h("button", { id: "schedule-replace", onclick: () => this.insertHaircuts("replace") }, "Replace them"),
        h("button", { id: "schedule-keep", onclick: () => this.insertHaircuts("keep") }, "Keep them, link the rest"),
        h("button", { id: "schedule-cancel", onclick: () => this.cancelSchedule() }, "Cancel"),
      ]),
      fitNote,
      h("h2", {}, `Mapped items (${this.ctx.cells().length})`),
      problemList.childElementCount ? h("div", { class: "problem-box" }, h("h3", {}, `Problems (${problemList.childElementCount})`), problemList) : null,
      this.mappedList(),
    );
    drawResults();
  }

  private resultRow(it: FocusItem): HTMLElement {
    const mapped = this.ctx.cells().find((c) => c.code === it.code);
    return h(
      "li",
      {},
      h("span", { class: "code" }, it.code),
      " ",
      h("span", { class: "label" }, it.label),
      it.confirmed ? null : h("span", { class: "badge", title: "No source confirms this item code yet" }, "unconfirmed code"),
      mapped?.address ? h("span", { class: "where" }, ` mapped to ${mapped.address}`) : null,
      h(
        "button",
        { class: "small", "data-code": it.code, "aria-label": `Map the selected cell to ${it.code} ${it.label}`, onclick: () => this.map(it.code) },
        mapped ? "Remap to selection" : "Map to selection",
      ),
    );
  }

  private sharedCells(): [string, string[]][] {
    const by = new Map<string, string[]>();
    for (const c of this.ctx.cells()) if (c.address && !c.problem) by.set(c.address, [...(by.get(c.address) ?? []), c.code]);
    return [...by].filter(([, codes]) => codes.length > 1);
  }

  private mappedList(): HTMLElement {
    const cat = catalogue(this.form);
    const bySection = new Map<string, MappedCell[]>();
    for (const c of this.ctx.cells()) {
      const key = cat.get(c.code)?.section ?? "unknown";
      bySection.set(key, [...(bySection.get(key) ?? []), c]);
    }
    const groups = [...SECTION_ORDER, "unknown"]
      .filter((s) => bySection.has(s))
      .map((s) =>
        h(
          "div",
          { class: "group" },
          h("h3", {}, s === "unknown" ? "Codes not on this form" : sectionTitle(this.form, s as Parameters<typeof sectionTitle>[1])),
          h(
            "ul",
            { class: "mapped" },
            ...bySection.get(s)!.map((c) => {
              const it = cat.get(c.code);
              return h(
                "li",
                { class: c.problem ? "has-problem" : "" },
                h("span", { class: "code" }, c.code),
                " ",
                h("span", { class: "label" }, it?.label ?? "(not on this form)"),
                it && !it.confirmed ? h("span", { class: "badge" }, "unconfirmed code") : null,
                h("span", { class: "where" }, c.address ?? c.name),
                h("span", { class: "value" }, c.problem ? c.problem : c.display || "(blank)"),
                h(
                  "span",
                  { class: "actions" },
                  c.address ? h("button", { class: "small", "aria-label": `Go to ${c.code}`, onclick: () => this.ctx.goTo([c.address as string]) }, "Go to") : null,
                  h("button", { class: "small", "aria-label": `Remap ${c.code} to the selected cell`, onclick: () => this.map(c.code) }, "Remap"),
                  h("button", { class: "small", "aria-label": `Unmap ${c.code}`, onclick: () => this.unmap(c.code) }, "Unmap"),
                ),
              );
            }),
          ),
        ),
      );
    return h("div", { id: "mapped" }, ...groups);
  }

  private async map(code: string): Promise<void> {
    await this.ctx.act(`Mapping ${code}…`, async () => {
      const r = await this.ctx.host.run((ctx) => mapSelection(ctx, this.form, code, { mergedAreas: this.ctx.host.mergedAreas }));
      await this.ctx.reload();
      return r.previous ? `${code} moved from ${r.previous} to ${r.address}.` : `${code} mapped to ${r.address}.`;
    });
  }

  private async unmap(code: string): Promise<void> {
    await this.ctx.act(`Unmapping ${code}…`, async () => {
      const done = await this.ctx.host.run((ctx) => unmapCode(ctx, code));
      await this.ctx.reload();
      return done ? `${code} unmapped (the cell is unchanged).` : `${code} was not mapped.`;
    });
  }


  /** What the actions (map-actions.ts) leave for the tab to draw: the questions before a build or the schedule replaces cells, and the build's result. */
  ledgerConflicts: CellConflict[] = [];
  ledgerView: HTMLElement | null = null;
  scheduleConflicts: CellConflict[] = [];

  /**
   * The tab's actions on the workbook (Build from trial balance, Insert haircut schedule, Insert
   * FOCUS sheet) are a script of their own, fetched on the first press (#25: the pane's scripts at
   * load stay under 150 KB); a failed fetch says so and changes nothing.
   */
  private actions(): Promise<typeof import("./map-actions")> {
    return import(/* webpackChunkName: "map-actions" */ "./map-actions").catch((e: unknown) => {
      throw new CheckerUnavailable(e, "The Map tab's actions", "press the button again");
    });
  }

  /** Build the FOCUS cells from the selected trial balance; asks before replacing a cell's own figure. */
  private buildLedger(mode: "ask" | "replace" | "keep"): Promise<void> {
    return this.ctx.act("Building from the trial balance…", async () => (await this.actions()).buildLedger(this.ctx, this, mode));
  }

  private cancelSchedule(): void {
    this.scheduleConflicts = [];
    this.render();
    this.ctx.say("Nothing was inserted.");
  }

  /** Insert the haircut schedule; asks before replacing a FOCUS cell's content. */
  private insertHaircuts(mode: "ask" | "replace" | "keep"): Promise<void> {
    return this.ctx.act("Inserting the haircut schedule…", async () => (await this.actions()).insertHaircuts(this.ctx, this, mode));
  }

  private insertSheet(form: FormId): Promise<void> {
    return this.ctx.act("Inserting the FOCUS sheet…", async () => (await this.actions()).insertSheet(this.ctx, form));
  }
}

/**
 * The question asked before a build replaces what FOCUS cells hold: the cells (code, address,
 * what each holds now) and the choices. Null when there is nothing to ask.
 */
function conflictBox(id: string, label: string, intro: string, conflicts: CellConflict[], buttons: HTMLElement[]): HTMLElement | null {
  if (!conflicts.length) return null;
  return h(
    "div",
    { class: "problem-box", id, role: "group", "aria-label": label },
    h("p", {}, intro),
    h("ul", {}, ...conflicts.map((c) => h("li", {}, `${c.code} at ${c.address}: ${c.holds}`))),
    h("div", { class: "row" }, ...buttons),
  );
}
