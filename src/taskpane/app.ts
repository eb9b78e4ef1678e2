/**
 * The task pane: Map (cells to FOCUS item codes) and Check (the form's arithmetic, highlights,
 * findings, the capital summary). All Excel work goes through the adapter in src/excel with the
 * host's `run`, so the pane runs the same against Excel and against a test host.
 */
import {
  catalogue,
  D,
  formatAmount,
  formFit,
  SECTION_ORDER,
  sectionTitle,
  type Finding,
  type FocusItem,
  type FormId,
  type ReserveFrequency,
  type ReserveSummary,
  type Units,
  UNITS,
  type SummaryLine,
} from "../focus";
import type { WorkbookCheck } from "../excel/check";
import type { Measure } from "../focus/review/notices";
import { clearPreviousHighlights, describeHighlightNotes, describeRefusedClear, describeUnreadable } from "../excel/highlight";
import type { CellConflict } from "../excel/owned-cells";
import { insertFocusSheet, mapSelection, MappingError, selectCells, unmapCode } from "../excel/mapping";
import { loadedContent, readWorkbook, type MappedCell } from "../excel/read";
import type { WrittenCell } from "../excel/ledger-sheet";
import { DEFAULT_SETTINGS, saveSettings, type WorkbookSettings } from "../excel/settings";
import { fill, h } from "./dom";

/** What the pane needs from its host: a way to run a batch against the workbook. */
export interface Host {
  /** Excel.run (with delayForCellEdit) in the add-in; a fake in tests. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** ExcelApi 1.13 is available (names on merged cells). */
  mergedAreas: boolean;
  /** ExcelApi 1.18 is available (RangeAreas.select: a finding's cells selected together). */
  multiAreaSelect?: boolean;
  /** Office.onReady's platform ("OfficeOnline", "PC", "Mac", …): the web can download a file, the others cannot reliably. */
  platform?: string;
  /** Show an HTML document in an Office dialog (DialogApi 1.2), where the pane cannot download; absent when the host has no such dialog. */
  openDialog?: (html: string) => Promise<void>;
}

type Tab = "map" | "check" | "compare";
const TABS: readonly Tab[] = ["map", "check", "compare"];

/** The checker's script could not be fetched (the add-in's server or the network is down). */
export class CheckerUnavailable extends Error {
  constructor(cause: unknown, what = "The checker", retry = "press Check again") {
    super(`${what} could not be loaded (${(cause as Error)?.message ?? String(cause)}). The workbook was not changed; check the connection to the add-in's server and ${retry}.`);
    this.name = "CheckerUnavailable";
  }
}

/**
 * The checker (the rule sets, the evaluator, the capital summary) is a script of its own: the pane
 * and the custom functions start without it, and the pane fetches it once it has shown the
 * workbook's mapping, so the first Check rarely waits for it. A failed load rejects with
 * `CheckerUnavailable`; the next call tries again. (webpack's `webpackPrefetch` hint does nothing
 * here: with the pane's entry depending on the functions' entry, the prefetch handler is never
 * installed, as the browser test showed.)
 */
function loadChecker(): Promise<typeof import("../excel/check")> {
  return import(/* webpackChunkName: "checker" */ "../excel/check").catch((e: unknown) => {
    throw new CheckerUnavailable(e);
  });
}

const STATUS_LABEL: Record<Finding["status"], string> = {
  fail: "Fails",
  "cannot-evaluate": "Cannot evaluate",
  pass: "Passes",
  "not-applicable": "Not applicable",
};

function money(plain: string | null, percent = false): string {
  if (plain === null || !/^-?\d+(\.\d+)?$/.test(plain)) return "—";
  return formatAmount(new D(plain), percent ? "percent" : "dollars");
}

/**
 * One measure of capital at a glance as a labelled bar: the figure drawn from zero, each level a
 * mark, and beneath it a legend naming the figure and every level with its margin (so the bar is
 * never a picture without a scale). The bar shows red when a level is breached.
 */
function gauge(m: Measure): HTMLElement {
  const value = Number(m.value);
  const levels = m.thresholds.map((t) => Number(t.amount));
  const top = Math.max(value, ...levels, 1) * 1.1; // drawing only: never money arithmetic
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / top) * 100)).toFixed(2)}%`;
  const breached = m.thresholds.some((t) => t.breached);
  // A figure the report does not give but other figures imply is drawn in grey and said so: never a plain pass.
  const state = breached ? "low" : m.basis === "implied" ? "implied" : "ok";
  const basisWords = m.basis === "implied" ? ", implied by other figures" : m.basis === "recomputed" ? ", from its lines" : "";
  const legend = (t: Measure["thresholds"][number]) => `${t.label} ${money(t.amount)}: margin ${money(t.margin)}${t.marginPct === null ? "" : ` (${t.marginPct}%)`}`;
  return h(
    "figure",
    { class: "gauge" },
    h("figcaption", {}, m.title),
    h(
      "div",
      { class: "bar", role: "img", "aria-label": `${m.valueLabel} ${money(m.value)}${basisWords} on a scale from 0; ${m.thresholds.map(legend).join("; ")}` },
      h("div", { class: `fill ${state}`, style: `width:${pct(value)}` }),
      ...m.thresholds.map((t) => h("div", { class: `mark${t.breached ? " breached" : ""}`, style: `left:${pct(Number(t.amount))}`, title: legend(t) })),
    ),
    h(
      "ul",
      { class: "legend" },
      h("li", {}, h("span", { class: `key fill ${state}` }), `${m.valueLabel} ${money(m.value)} (scale from 0${basisWords})`),
      ...m.thresholds.map((t) => h("li", { class: t.breached ? "low" : "" }, h("span", { class: "key mark" }), legend(t))),
    ),
  );
}

/** Turn an Office.js or adapter failure into a sentence for the user. */
export function describeError(e: unknown): string {
  if (e instanceof MappingError || e instanceof CheckerUnavailable) return e.message;
  // A report file or threshold the Compare tab cannot use (its own script defines the class).
  if ((e as Error)?.name === "UnusableInput") return (e as Error).message;
  const code = (e as { code?: string })?.code;
  // Excel.run waits while a cell is being edited (delayForCellEdit), so InvalidOperationInCellEditMode
  // does not reach here. When another workbook takes the focus during a call, getSelectedRange
  // fails with InvalidSelection and select/activate/add with GeneralException (learn.microsoft.com,
  // "Troubleshooting Excel add-ins": "Another workbook has focus").
  if (code === "InvalidSelection") return "Excel could not read the selection: another workbook or window has the focus. Click a cell in this workbook, then try again.";
  if (code === "GeneralException") return "Excel could not complete the request; this happens when another workbook takes the focus while the add-in works. Click in this workbook and try again.";
  if (code === "AccessDenied") return "Excel refused the change: the sheet or workbook is protected.";
  // Excel on the web refuses a request or response above 5 MB (office.js CoreErrorCodes); the
  // trial balance is read in parts, so this reaches the pane only from an unusually large range.
  if (code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded") {
    return "Excel on the web will not pass more than 5 MB at once: select a smaller range (only the trial balance's own columns), or use Excel on the desktop.";
  }
  if (code === "ApiNotFound") return "This version of Excel lacks a feature the add-in asked for; update Excel (File > Account > Update Options) or tell us which version you use.";
  return `Excel reported an error: ${(e as Error)?.message ?? String(e)}`;
}

/** The task pane. */
export class TaskPane {
  private tab: Tab = "map";
  private settings: WorkbookSettings = { ...DEFAULT_SETTINGS };
  private cells: MappedCell[] = [];
  private check: WorkbookCheck | null = null;
  private showPassing = false;
  private readonly status: HTMLElement;
  private readonly panels: Record<Tab, HTMLElement>;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private searchText = "";

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {
    this.status = h("p", { id: "status", class: "status", role: "status", "aria-live": "polite" });
    this.tabs = {
      map: h("button", { id: "tab-map", role: "tab", "aria-controls": "panel-map", onclick: () => this.select("map") }, "Map"),
      check: h("button", { id: "tab-check", role: "tab", "aria-controls": "panel-check", onclick: () => this.select("check") }, "Check"),
      compare: h("button", { id: "tab-compare", role: "tab", "aria-controls": "panel-compare", onclick: () => this.select("compare") }, "Compare"),
    };
    const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "FOCUS Workbench" }, this.tabs.map, this.tabs.check, this.tabs.compare);
    tablist.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const i = TABS.indexOf(this.tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1);
        this.select(TABS[i % TABS.length]);
        this.tabs[this.tab].focus();
        e.preventDefault();
      }
    });
    this.panels = {
      map: h("section", { id: "panel-map", role: "tabpanel", "aria-labelledby": "tab-map", tabindex: "0" }),
      check: h("section", { id: "panel-check", role: "tabpanel", "aria-labelledby": "tab-check", tabindex: "0" }),
      compare: h("section", { id: "panel-compare", role: "tabpanel", "aria-labelledby": "tab-compare", tabindex: "0" }),
    };
    fill(root, h("header", {}, h("h1", {}, "FOCUS Workbench"), this.status), tablist, this.panels.map, this.panels.check, this.panels.compare);
    this.select("map");
  }

  /** Load the mapping and settings from the workbook and draw the pane, then fetch the checker in the background (a failure is left to the first Check, which says so and tries again). */
  async start(): Promise<void> {
    await this.refresh();
    loadChecker().catch(() => undefined);
  }

  private say(text: string, kind: "info" | "error" = "info"): void {
    this.status.textContent = text;
    this.status.className = `status ${kind}`;
    this.status.setAttribute("role", kind === "error" ? "alert" : "status");
  }

  private async act(busy: string, f: () => Promise<string | void>): Promise<void> {
    this.say(busy);
    this.root.setAttribute("aria-busy", "true");
    try {
      const done = await f();
      if (done) this.say(done);
    } catch (e) {
      this.say(describeError(e), "error");
    } finally {
      this.root.removeAttribute("aria-busy");
    }
  }

  private select(tab: Tab): void {
    this.tab = tab;
    for (const t of TABS) {
      this.tabs[t].setAttribute("aria-selected", String(t === tab));
      this.tabs[t].tabIndex = t === tab ? 0 : -1;
      this.panels[t].hidden = t !== tab;
    }
    if (tab === "compare" && !this.compareTab) void this.openCompare();
  }

  private compareTab: Promise<unknown> | null = null;

  /** Load the Compare tab's script (the first time it is opened) and draw it. */
  private openCompare(): Promise<void> {
    const started = this.act("Opening Compare…", async () => {
      let mod: typeof import("./compare-tab");
      try {
        mod = await import(/* webpackChunkName: "compare" */ "./compare-tab");
      } catch (e) {
        this.compareTab = null;
        throw new CheckerUnavailable(e, "The Compare tab's script", "open the tab again");
      }
      const tab = new mod.CompareTab(this.panels.compare, {
        run: (batch) => this.host.run(batch),
        mergedAreas: this.host.mergedAreas,
        act: (busy, f) => this.act(busy, f),
        settings: () => this.settings,
      });
      await tab.start();
      return "Compare: save a baseline, or compare with one or with a report file.";
    });
    this.compareTab = started;
    return started;
  }

  private get form(): FormId {
    return this.settings.form;
  }

  /** Re-read the mapped cells and settings (3 syncs); also when the pane is shown again (taskpane.ts). */
  async refresh(): Promise<void> {
    await this.act("Reading the workbook…", async () => {
      const read = await this.host.run((ctx) => readWorkbook(ctx, { mergedAreas: this.host.mergedAreas }));
      this.cells = read.cells;
      this.settings = read.settings;
      this.renderMap();
      this.renderCheck();
      return `${read.cells.length} item${read.cells.length === 1 ? "" : "s"} mapped.`;
    });
  }

  // ------------------------------------------------------------------------------------------ Map

  private renderMap(): void {
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
    const problems = this.cells.filter((c) => c.problem);
    const shared = this.sharedCells();
    const unknown = this.cells.filter((c) => !c.problem && !cat.has(c.code));
    const problemList = h(
      "ul",
      { class: "problems", "aria-label": "Mapping problems" },
      ...problems.map((c) => h("li", {}, `${c.name}: ${c.problem}`)),
      ...shared.map(([address, codes]) => h("li", {}, `${address} is mapped to ${codes.join(" and ")}; each line needs its own cell.`)),
      ...unknown.map((c) => h("li", {}, `${c.name} (${c.address ?? "no cell"}): ${c.code} is not an item code of this form.`)),
      ...this.cells
        .filter((c) => !c.problem && cat.has(c.code) && ["error", "boolean", "date"].includes(c.raw.kind))
        .map((c) => h("li", {}, `${c.code} at ${c.address}: the cell holds ${c.display || c.raw.kind}, not an amount.`)),
    );
    const insertForm = h(
      "select",
      { id: "insert-form" },
      h("option", { value: "part-ii", selected: this.form === "part-ii" }, "Part II"),
      h("option", { value: "part-iia", selected: this.form === "part-iia" }, "Part IIA"),
    );
    const fit = formFit(this.form, this.cells.map((c) => c.code));
    const formName = (f: FormId) => (f === "part-ii" ? "Part II" : "Part IIA");
    const fitNote = fit.otherFitsBetter
      ? h(
          "p",
          { class: "problem-box", id: "form-fit" },
          `The mapped codes fit ${formName(fit.other)} better than ${formName(this.form)} (${fit.knownOther} against ${fit.known} of ${this.cells.length}). Change the form in the Check tab's settings if this workbook is a ${formName(fit.other)} report.`,
        )
      : null;
    fill(
      this.panels.map,
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
        h("button", { id: "refresh", onclick: () => this.refresh() }, "Refresh"),
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
        h("button", { id: "ledger-cancel", onclick: () => ((this.ledgerConflicts = []), this.renderMap(), this.say("Nothing was written.")) }, "Cancel"),
      ]),
      this.ledgerView,
      conflictBox("schedule-conflicts", "Cells the haircut schedule would replace", "The haircut schedule would replace what these FOCUS cells hold:", this.scheduleConflicts, [
        h("button", { id: "schedule-replace", onclick: () => this.insertHaircuts("replace") }, "Replace them"),
        h("button", { id: "schedule-keep", onclick: () => this.insertHaircuts("keep") }, "Keep them, link the rest"),
        h("button", { id: "schedule-cancel", onclick: () => this.cancelSchedule() }, "Cancel"),
      ]),
      fitNote,
      h("h2", {}, `Mapped items (${this.cells.length})`),
      problemList.childElementCount ? h("div", { class: "problem-box" }, h("h3", {}, `Problems (${problemList.childElementCount})`), problemList) : null,
      this.mappedList(),
    );
    drawResults();
  }

  private resultRow(it: FocusItem): HTMLElement {
    const mapped = this.cells.find((c) => c.code === it.code);
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
    for (const c of this.cells) if (c.address && !c.problem) by.set(c.address, [...(by.get(c.address) ?? []), c.code]);
    return [...by].filter(([, codes]) => codes.length > 1);
  }

  private mappedList(): HTMLElement {
    const cat = catalogue(this.form);
    const bySection = new Map<string, MappedCell[]>();
    for (const c of this.cells) {
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
                  c.address ? h("button", { class: "small", "aria-label": `Go to ${c.code}`, onclick: () => this.goTo([c.address as string]) }, "Go to") : null,
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
    await this.act(`Mapping ${code}…`, async () => {
      const r = await this.host.run((ctx) => mapSelection(ctx, this.form, code, { mergedAreas: this.host.mergedAreas }));
      await this.reload();
      return r.previous ? `${code} moved from ${r.previous} to ${r.address}.` : `${code} mapped to ${r.address}.`;
    });
  }

  private async unmap(code: string): Promise<void> {
    await this.act(`Unmapping ${code}…`, async () => {
      const done = await this.host.run((ctx) => unmapCode(ctx, code));
      await this.reload();
      return done ? `${code} unmapped (the cell is unchanged).` : `${code} was not mapped.`;
    });
  }

  private async goTo(addresses: string[]): Promise<void> {
    await this.act("Selecting…", async () => {
      const r = await this.host.run((ctx) => selectCells(ctx, addresses, { multiAreaSelect: this.host.multiAreaSelect }));
      return `Selected ${r.selected.join(", ")}.${r.notSelected.length ? ` Its other cells: ${r.notSelected.join(", ")}.` : ""}`;
    });
  }

  private ledgerConflicts: CellConflict[] = [];
  private ledgerView: HTMLElement | null = null;
  /** The workbook records a trial balance (a build happened here, or the record was found). */
  private settingsHasLedger = false;
  private accountsView: HTMLElement | null = null;

  /** Build the FOCUS cells from the selected trial balance (the ledger's script is loaded on first use); asks before replacing a cell's own figure. */
  private async buildLedger(mode: "ask" | "replace" | "keep"): Promise<void> {
    await this.act("Building from the trial balance…", async () => {
      const mod = await this.ledgerModule();
      // One batch of four syncs: the selection and the names, the trial balance with the FOCUS
      // cells, the formulas, the written cells' new values (no second read of the workbook).
      const { ledger, write, shown } = await this.host.run((ctx) => mod.buildFromSelection(ctx, this.form, mode));
      if (ledger.problem) throw new MappingError(ledger.problem);
      if (!write) {
        const added = await this.host.run((ctx) => mod.addMapColumn(ctx, this.form, ledger));
        return `Added the map column "item" (column ${added.letter}) beside the trial balance, offering the form's codes: give each account its item (or "exclude"), then select the trial balance with that column and build again.${added.note ? ` ${added.note}` : ""}`;
      }
      const r = write;
      if (r.conflicts.length) {
        this.ledgerConflicts = r.conflicts;
        this.renderMap();
        return `The build would replace ${r.conflicts.length} FOCUS cell${r.conflicts.length === 1 ? "" : "s"} holding your own figures: choose below. Nothing was changed.`;
      }
      this.ledgerConflicts = [];
      this.settingsHasLedger = true;
      const unmapped = r.build.unmapped;
      const problems = r.build.findings;
      this.ledgerView = h(
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
      this.showWritten(shown);
      return `Wrote ${r.written.length} FOCUS cells from the trial balance (SUMIFS by item; totals from their lines)${r.kept.length ? `; ${r.kept.length} kept as they were` : ""}${unmapped.length ? `; ${unmapped.length} accounts with a balance have no item` : ""}.`;
    });
  }

  /** The map after a build: the written cells' new content, as the build read it back, and the workbook's ledger setting. */
  private showWritten(shown: readonly WrittenCell[]): void {
    const byCode = new Map(shown.map((c) => [c.code, c]));
    this.cells = this.cells.map((cell) => {
      const w = byCode.get(cell.code);
      if (!w || cell.problem) return cell;
      return { ...cell, ...loadedContent(w.value, w.valueType, w.numberFormat, w.text) };
    });
    this.settings = { ...this.settings, ledger: true };
    this.renderMap();
  }

  private ledgerModule(): Promise<typeof import("../excel/ledger-sheet")> {
    return import(/* webpackChunkName: "ledger" */ "../excel/ledger-sheet").catch((e: unknown) => {
      throw new CheckerUnavailable(e, "The ledger's script", "try again");
    });
  }

  /** Select a finding's cells; when the workbook was built from a trial balance, list the accounts behind its items and select their rows. */
  private async openFinding(f: Finding, cells: string[]): Promise<void> {
    if (cells.length) await this.goTo(cells);
    else this.say("None of this rule's items is mapped to a cell.");
    if (!this.settingsHasLedger && !this.settings.ledger) return;
    await this.act("Finding the accounts…", async () => {
      const mod = await this.ledgerModule();
      const ledger = await this.host.run((ctx) => mod.readRecordedLedger(ctx));
      if (!ledger) {
        this.settingsHasLedger = false;
        return;
      }
      const build = mod.buildLedger(this.form, ledger);
      const own = f.items.filter((c) => build.sources.has(c));
      const rows = [...new Set(own.flatMap((c) => build.sources.get(c)!.map((a) => ledger.rows.get(a.account)).filter((x): x is string => Boolean(x))))];
      this.accountsView = h(
        "section",
        { class: "ledger", id: "finding-accounts", "aria-label": `Accounts behind ${f.rule}` },
        h("h3", {}, `Accounts behind ${f.rule}`),
        ...own.map((c) =>
          h("p", {}, `${c}: `, build.sources.get(c)!.map((a) => `${a.account} ${a.name} ${money(a.balance.toFixed())}`).join("; ")),
        ),
      );
      this.renderCheck();
      if (rows.length) await this.host.run((ctx) => selectCells(ctx, rows, { multiAreaSelect: this.host.multiAreaSelect }));
      return own.length ? `${f.rule}: ${rows.length} trial balance row${rows.length === 1 ? "" : "s"} selected.` : `${f.rule}: no account of the trial balance is behind its items.`;
    });
  }

  private scheduleConflicts: CellConflict[] = [];

  private cancelSchedule(): void {
    this.scheduleConflicts = [];
    this.renderMap();
    this.say("Nothing was inserted.");
  }

  /** Insert the haircut schedule (its adapter is a script of its own); asks before replacing a FOCUS cell's content. */
  private async insertHaircuts(mode: "ask" | "replace" | "keep"): Promise<void> {
    await this.act("Inserting the haircut schedule…", async () => {
      let mod: typeof import("../excel/haircut-sheet");
      try {
        mod = await import(/* webpackChunkName: "haircuts" */ "../excel/haircut-sheet");
      } catch (e) {
        throw new CheckerUnavailable(e, "The haircut schedule's script", "press Insert again");
      }
      const r = await this.host.run((ctx) => mod.insertHaircutSchedule(ctx, { replace: mode }));
      if (r.conflicts.length) {
        this.scheduleConflicts = r.conflicts;
        this.renderMap();
        return `The schedule would replace ${r.conflicts.length} FOCUS cell${r.conflicts.length === 1 ? "" : "s"} that hold${r.conflicts.length === 1 ? "s" : ""} your own figures: choose below. Nothing was changed.`;
      }
      this.scheduleConflicts = [];
      await this.reload();
      return `Added the sheet "${r.sheet}" with the table ${r.table}: ${r.linked.length} FOCUS cells now follow it${r.named.length ? `, ${r.named.length} lines named on it` : ""}${r.kept.length ? `, ${r.kept.length} kept as they were` : ""}.`;
    });
  }

  private async insertSheet(form: FormId): Promise<void> {
    await this.act("Inserting the FOCUS sheet…", async () => {
      const r = await this.host.run((ctx) => insertFocusSheet(ctx, form));
      await this.reload();
      return `Added the sheet "${r.sheet}" with ${r.named} named cells${r.skipped.length ? `; ${r.skipped.length} items were already mapped elsewhere and keep their cells` : ""}.`;
    });
  }

  private async reload(): Promise<void> {
    const read = await this.host.run((ctx) => readWorkbook(ctx, { mergedAreas: this.host.mergedAreas }));
    this.cells = read.cells;
    this.settings = read.settings;
    this.renderMap();
  }

  // ---------------------------------------------------------------------------------------- Check

  private async runCheck(): Promise<void> {
    await this.act("Checking…", async () => {
      const { checkWorkbook } = await loadChecker();
      // One batch of 4 syncs: the earlier highlights are found while the workbook is read and
      // removed just before the new ones are added. The form is the workbook's saved setting, read
      // by the check itself (never a stale copy).
      const check = await this.host.run((ctx) => checkWorkbook(ctx, { mergedAreas: this.host.mergedAreas, clearFirst: true }));
      this.check = check;
      this.cells = check.read.cells;
      this.renderCheck();
      this.renderMap();
      const s = check.result.summary;
      return `Checked ${check.read.cells.length} mapped items: ${s.fail} fail, ${s.cannotEvaluate} cannot evaluate, ${s.pass} pass (${s.notApplicable} not applicable). ${check.highlight.applied.length} cells highlighted.${describeHighlightNotes(check.highlight, check.cleared)}`;
    });
  }

  /** The last review pack's link (Excel on the web), kept so it can be saved again. */
  private packLink: HTMLAnchorElement | null = null;

  /**
   * Make the review pack from the last check and the workbook's baselines, and offer it: a download
   * on Excel on the web, an Office dialog to print or save from elsewhere (see review-pack.ts).
   */
  private async reviewPack(): Promise<void> {
    const check = this.check;
    if (!check) return;
    await this.act("Making the review pack…", async () => {
      let mod: typeof import("./review-pack");
      try {
        mod = await import(/* webpackChunkName: "review" */ "./review-pack");
      } catch (e) {
        throw new CheckerUnavailable(e, "The review pack's script", "press Review pack again");
      }
      const { html, name, pack } = await mod.makeReviewPack((b) => this.host.run(b), check, this.settings);
      const notices = pack.notices.notices.length ? ` It drafts ${pack.notices.notices.map((n) => n.paragraph).join(" and ")}.` : "";
      if (this.host.platform !== "OfficeOnline" && this.host.openDialog) {
        await this.host.openDialog(html);
        return `The review pack is open in a dialog: print it (or save it as PDF) or save it as HTML from there.${notices}`;
      }
      if (this.packLink) URL.revokeObjectURL(this.packLink.href);
      this.packLink = mod.downloadLink(html, name);
      this.renderCheck();
      this.packLink.click();
      return `The review pack ${name} is downloaded (open it in a browser; it works offline).${notices}`;
    });
  }

  private async clear(): Promise<void> {
    await this.act("Clearing highlights…", async () => {
      const r = await this.host.run((ctx) => clearPreviousHighlights(ctx));
      return `Removed ${r.removed} highlight${r.removed === 1 ? "" : "s"}; the workbook's own formatting is as it was.${r.refused.length ? ` ${describeRefusedClear(r.refused)}` : ""}${r.unreadable.length ? ` ${describeUnreadable(r.unreadable)}` : ""}`;
    });
  }

  private async save(changes: Omit<WorkbookSettings, "ledger">): Promise<void> {
    await this.act("Saving settings…", async () => {
      await this.host.run((ctx) => saveSettings(ctx, changes));
      this.settings = { ...this.settings, ...changes };
      this.check = null;
      this.renderMap();
      this.renderCheck();
      return "Settings saved in this workbook.";
    });
  }

  private renderCheck(): void {
    const formSelect = h(
      "select",
      { id: "setting-form" },
      h("option", { value: "part-ii", selected: this.form === "part-ii" }, "Part II"),
      h("option", { value: "part-iia", selected: this.form === "part-iia" }, "Part IIA"),
    );
    const firstYear = h("input", { id: "setting-first-year", type: "checkbox", checked: this.settings.firstYear });
    const frequency = h(
      "select",
      { id: "setting-frequency" },
      h("option", { value: "weekly", selected: this.settings.frequency === "weekly" }, "Weekly"),
      h("option", { value: "monthly", selected: this.settings.frequency === "monthly" }, "Monthly (105%; basic standard only)"),
      h("option", { value: "daily", selected: this.settings.frequency === "daily" }, "Daily (alternative standard: 2% reduction)"),
    );
    const partial = h("input", { id: "setting-partial", type: "checkbox", checked: this.settings.partial });
    const standard = h(
      "select",
      { id: "setting-standard" },
      h("option", { value: "", selected: this.settings.standard === null }, "Read from the lines"),
      h("option", { value: "basic", selected: this.settings.standard === "basic" }, "Aggregate indebtedness (basic)"),
      h("option", { value: "alternative", selected: this.settings.standard === "alternative" }, "Alternative (2% of aggregate debit items)"),
    );
    const units = h(
      "select",
      { id: "setting-units" },
      ...UNITS.map((u) => h("option", { value: u, selected: this.settings.units === u }, u[0].toUpperCase() + u.slice(1))),
    );
    const tolerance = h("input", { id: "setting-tolerance", type: "number", min: "0", max: "1000", step: "1", value: String(this.settings.tolerance) });
    const settings = h(
      "details",
      { class: "settings" },
      h("summary", {}, "Settings of this workbook"),
      h("label", { for: "setting-form" }, "Form"),
      formSelect,
      h("label", { for: "setting-tolerance" }, "Tolerance on lines derived by a percentage (whole dollars)"),
      tolerance,
      h("div", { class: "row" }, firstYear, h("label", { for: "setting-first-year" }, "The firm is in its first 12 months of business (A.I. limit 800%)")),
      h("label", { for: "setting-frequency" }, "Reserve formula computed (15c3-3(e)(3))"),
      frequency,
      h("label", { for: "setting-standard" }, "Ratio standard (15c3-1(a)(1))"),
      standard,
      h("label", { for: "setting-units" }, "Amounts are in (each figure then carries ± half its last printed digit)"),
      units,
      h("div", { class: "row" }, partial, h("label", { for: "setting-partial" }, "Partial report (a note, one page, a draft): blank boxes are unknown, not zero")),
      h(
        "button",
        {
          id: "save-settings",
          onclick: () => {
            const t = Number(tolerance.value);
            if (!Number.isInteger(t) || t < 0 || t > 1000) {
              this.say("The tolerance must be a whole number of dollars from 0 to 1,000.", "error");
              return;
            }
            void this.save({
              form: formSelect.value as FormId,
              tolerance: t,
              firstYear: firstYear.checked,
              frequency: frequency.value as ReserveFrequency,
              partial: partial.checked,
              standard: standard.value === "basic" || standard.value === "alternative" ? standard.value : null,
              units: units.value as Units,
            });
          },
        },
        "Save settings",
      ),
    );
    const showPassing = h("input", { id: "show-passing", type: "checkbox", checked: this.showPassing });
    showPassing.addEventListener("change", () => {
      this.showPassing = showPassing.checked;
      this.renderCheck();
    });
    fill(
      this.panels.check,
      h("h2", {}, "Check the workbook"),
      h("p", { class: "help" }, "Reads every mapped cell, checks the form's arithmetic and highlights the cells that do not reconcile. The check never changes a value; Clear removes its highlights and nothing else."),
      h(
        "div",
        { class: "row" },
        h("button", { id: "run-check", class: "primary", onclick: () => this.runCheck() }, "Check workbook"),
        h("button", { id: "clear-highlights", onclick: () => this.clear() }, "Clear highlights"),
        this.check ? h("button", { id: "review-pack", onclick: () => this.reviewPack(), title: "One self-contained HTML workpaper: capital at a glance, Rule 17a-11 notices, findings, the baselines as prior periods, sign-off" }, "Review pack") : null,
      ),
      this.packLink ? h("p", { class: "pack-links" }, this.packLink) : null,
      this.check ? this.summaryCard(this.check) : null,
      this.accountsView,
      this.check ? h("div", { class: "row" }, showPassing, h("label", { for: "show-passing" }, "Show passing and not applicable")) : null,
      this.check ? this.findingsList(this.check) : null,
      settings,
    );
  }

  private summaryCard(check: WorkbookCheck): HTMLElement {
    const s = check.result.netCapital;
    const line = (label: string, l: SummaryLine | undefined, percent = false) =>
      !l || (l.basis === "unavailable" && l.item === "")
        ? null
        : h(
        "div",
        { class: "sline" },
        h("dt", {}, `${label} (${l.item})`),
        h(
          "dd",
          {},
          // The reported figure first, as the findings state it; the lines' figure beside it when they differ.
          h("span", { class: "figure" }, money(l.reported ?? l.computed, percent)),
          l.basis === "implied" ? h("span", { class: "badge", title: l.note }, "implied") : null,
          l.reported === null && l.computed !== null ? h("span", { class: "badge" }, "blank on the form") : null,
          l.reported !== null && l.computed !== null && l.difference !== null && !/^-?0(\.0+)?$/.test(l.difference) ? h("span", { class: "badge differs", title: l.note }, `its lines give ${money(l.computed, percent)}`) : null,
        ),
      );
    // One labelled bar per measure (the review pack's, computed by the checker with the rule's
    // rates): the figure from zero, each level marked and named with its margin.
    const gauges = check.measures.filter((m) => m.value !== null && m.thresholds.length).map((m) => gauge(m));
    return h(
      "section",
      { class: "summary", "aria-labelledby": "summary-title" },
      h("h3", { id: "summary-title" }, "Capital summary"),
      check.notices.length
        ? h(
            "div",
            { class: "notices", role: "alert" },
            h("strong", {}, "Notice under Rule 17a-11"),
            ...check.notices.map((n) => h("p", {}, `${n.paragraph}: ${n.title}. Notice is due ${n.due}. The review pack drafts it with the figures.`)),
          )
        : null,
      ...gauges,
      h(
        "dl",
        {},
        line("Net capital", s.netCapital),
        line("Minimum requirement", s.minimumRequirement),
        line("CFTC minimum (futures commission merchant)", s.cftcMinimum),
        line("Excess net capital", s.excessNetCapital),
        line("Over 120% of minimum", s.earlyWarningMinimum),
        line("Over 5% of aggregate debits", s.earlyWarningDebits),
        line("Tentative net capital", s.tentativeNetCapital),
        line("Excess net capital at 1000%", s.excessNetCapitalAt1000),
      ),
      s.reserve ? this.reserveBlock(s.reserve, line) : null,
    );
  }

  /** The reserve formula's lines (15c3-3, Exhibit A), each as computed with its form item. */
  private reserveBlock(r: ReserveSummary, line: (label: string, l: SummaryLine | undefined) => HTMLElement | null): HTMLElement {
    const after = r.excessOrDeficiency;
    const short = after.computed !== null && Number(after.computed) < 0;
    return h(
      "div",
      { class: "reserve" },
      h("h4", { id: "reserve-title" }, `Reserve formula (15c3-3, Exhibit A; ${r.frequency})`),
      h(
        "dl",
        { "aria-labelledby": "reserve-title" },
        line("Total credits", r.totalCredits),
        line("Aggregate debit items", r.aggregateDebitItems),
        line("Reduction of debit items", r.reduction),
        line("Total 15c3-3 debits", r.totalDebits),
        line("Reserve requirement", r.requirement),
        line("On deposit", r.onDeposit),
        line("After the deposit", r.afterDeposit),
        after.computed === null
          ? null
          : h(
              "div",
              { class: "sline" },
              h("dt", {}, short ? "Deficiency after the deposit" : "Excess after the deposit"),
              h("dd", { class: short ? "low" : "" }, money(after.computed)),
            ),
      ),
    );
  }

  private findingsList(check: WorkbookCheck): HTMLElement {
    const cat = catalogue(this.form);
    const addressOf = new Map(check.read.cells.filter((c) => c.address).map((c) => [c.code, c.address as string]));
    const shown = check.result.findings.filter((f) => this.showPassing || f.status === "fail" || f.status === "cannot-evaluate");
    // A total whose lines are all blank "expects" 0: say why, not just the zero (3740 with every haircut line blank).
    const raw = new Map(check.read.entries.map((e) => [e.code, e.raw]));
    const linesBlank = (f: Finding) => f.status === "fail" && f.expected === "0" && f.items.length > 1 && f.items.slice(1).every((c) => (raw.get(c)?.kind ?? "blank") === "blank");
    const groups = SECTION_ORDER.filter((s) => shown.some((f) => f.section === s)).map((s) =>
      h(
        "div",
        { class: "group" },
        h("h3", {}, sectionTitle(this.form, s)),
        h(
          "ul",
          { class: "findings" },
          ...shown
            .filter((f) => f.section === s)
            .map((f) => {
              const cells = f.items.map((c) => addressOf.get(c)).filter((a): a is string => Boolean(a));
              const percent = cat.get(f.items[0])?.kind === "percent";
              return h(
                "li",
                { class: `finding ${f.status}` },
                h(
                  "button",
                  {
                    class: "finding-button",
                    "data-rule": f.rule,
                    "aria-label": `${STATUS_LABEL[f.status]}: ${f.rule}. ${f.message}${cells.length ? " Select its cells." : ""}`,
                    onclick: () => this.openFinding(f, cells),
                  },
                  h("span", { class: `pill ${f.status}` }, STATUS_LABEL[f.status]),
                  f.severity === "warning" ? h("span", { class: "badge" }, "warning") : null,
                  " ",
                  h("strong", {}, f.rule),
                  " ",
                  f.status === "pass" || f.status === "not-applicable" ? f.title : f.message,
                ),
                h(
                  "dl",
                  { class: "numbers" },
                  h("dt", {}, "Expected"),
                  linesBlank(f) ? h("dd", { class: "words" }, "0: its lines are blank") : h("dd", {}, money(f.expected?.replace(/^[<>]=\s*/, "") ?? null, percent)),
                  h("dt", {}, "Actual"),
                  h("dd", {}, money(f.actual, percent)),
                  h("dt", {}, "Difference"),
                  h("dd", {}, money(f.difference, percent)),
                ),
                h(
                  "details",
                  {},
                  h("summary", {}, "Formula and citation"),
                  h("p", { class: "formula" }, f.formula),
                  h("ul", { class: "items" }, ...f.items.map((c) => h("li", {}, `${c} ${cat.get(c)?.label ?? ""}${addressOf.get(c) ? ` (${addressOf.get(c)})` : ""}`))),
                  h("p", { class: "citation" }, f.citation),
                  f.note ? h("p", { class: "note" }, f.note) : null,
                  f.unconfirmed.length ? h("p", { class: "note" }, `Unconfirmed code${f.unconfirmed.length > 1 ? "s" : ""}: ${f.unconfirmed.join(", ")}`) : null,
                ),
              );
            }),
        ),
      ),
    );
    return h("div", { id: "findings" }, ...groups);
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
