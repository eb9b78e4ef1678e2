/**
 * The task pane's shell: the tabs (Map, Check, Compare), the status line, and what the tabs share
 * (the workbook's mapping and settings, read here). Each tab is a module of its own that owns its
 * DOM and its Excel calls through src/excel: Map is loaded with the pane, Check and Compare when
 * first opened. No tab imports another; they share pane-common.ts.
 */
import { readWorkbook, type MappedCell } from "../excel/read";
import { selectCells } from "../excel/mapping";
import { DEFAULT_SETTINGS, type WorkbookSettings } from "../excel/settings";
import { fill, h } from "./dom";
import { MapTab } from "./map-tab";
import { CheckerUnavailable, describeError, loadChecker, type Host, type PaneContext } from "./pane-common";

export { CheckerUnavailable, describeError, type Host } from "./pane-common";

type Tab = "map" | "check" | "compare";
const TABS: readonly Tab[] = ["map", "check", "compare"];
const TITLES: Record<Tab, string> = { map: "Map", check: "Check", compare: "Compare" };

/** The task pane. */
export class TaskPane {
  private tab: Tab = "map";
  private settings: WorkbookSettings = { ...DEFAULT_SETTINGS };
  private cells: MappedCell[] = [];
  private readonly status: HTMLElement;
  private readonly panels: Record<Tab, HTMLElement>;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly ctx: PaneContext;
  private readonly mapTab: MapTab;
  private checkTab: Promise<import("./check-tab").CheckTab> | null = null;
  private checkLoaded: import("./check-tab").CheckTab | null = null;
  private compareTab: Promise<unknown> | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: Host,
  ) {
    this.status = h("p", { id: "status", class: "status", role: "status", "aria-live": "polite" });
    const button = (t: Tab) => h("button", { id: `tab-${t}`, role: "tab", "aria-controls": `panel-${t}`, onclick: () => this.select(t) }, TITLES[t]);
    this.tabs = { map: button("map"), check: button("check"), compare: button("compare") };
    const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": "FOCUS Workbench" }, this.tabs.map, this.tabs.check, this.tabs.compare);
    tablist.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        const i = TABS.indexOf(this.tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1);
        this.select(TABS[i % TABS.length]);
        this.tabs[this.tab].focus();
        e.preventDefault();
      }
    });
    const panel = (t: Tab) => h("section", { id: `panel-${t}`, role: "tabpanel", "aria-labelledby": `tab-${t}`, tabindex: "0" });
    this.panels = { map: panel("map"), check: panel("check"), compare: panel("compare") };
    fill(root, h("header", {}, h("h1", {}, "FOCUS Workbench"), this.status), tablist, this.panels.map, this.panels.check, this.panels.compare);
    this.ctx = {
      host,
      act: (busy, f) => this.act(busy, f),
      say: (text, kind) => this.say(text, kind),
      settings: () => this.settings,
      setSettings: (s) => {
        if (s.form !== this.settings.form || s.frequency !== this.settings.frequency) this.checkLoaded?.forget();
        this.settings = s;
      },
      cells: () => this.cells,
      setCells: (c) => {
        this.cells = c;
      },
      refresh: () => this.refresh(),
      reload: () => this.reload(),
      redraw: () => this.redraw(),
      goTo: (addresses) => this.goTo(addresses),
      ledger: { built: false },
      busy: () => this.running > 0,
    };
    this.mapTab = new MapTab(this.panels.map, this.ctx);
    this.select("map");
  }

  /** Load the mapping and settings from the workbook and draw the pane, then fetch the checker in the background (a failure is left to the first Check, which says so and tries again). */
  async start(): Promise<void> {
    await this.refresh();
    loadChecker().catch(() => undefined);
    // Check as I edit, saved on in this workbook: the Check tab (its script) listens from the start.
    if (this.settings.liveCheck) this.openCheck().then((t) => t.watch(), () => undefined);
  }

  private say(text: string, kind: "info" | "error" = "info"): void {
    this.status.textContent = text;
    this.status.className = `status ${kind}`;
    this.status.setAttribute("role", kind === "error" ? "alert" : "status");
  }

  private running = 0;
  private async act(busy: string, f: () => Promise<string | void>): Promise<void> {
    this.running++;
    this.say(busy);
    this.root.setAttribute("aria-busy", "true");
    try {
      const done = await f();
      if (done) this.say(done);
    } catch (e) {
      this.say(describeError(e), "error");
    } finally {
      this.running--;
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
    if (tab === "check" && !this.checkTab) void this.openCheck();
    if (tab === "compare" && !this.compareTab) void this.openCompare();
  }

  /** Load the Check tab's script (the first time it is opened) and draw it; a failed load is said and tried again when the tab is next opened. */
  private openCheck(): Promise<import("./check-tab").CheckTab> {
    const loading = import(/* webpackChunkName: "check-tab" */ "./check-tab").then(
      (mod) => {
        this.checkLoaded = new mod.CheckTab(this.panels.check, this.ctx);
        this.checkLoaded.render();
        return this.checkLoaded;
      },
      (e: unknown) => {
        this.checkTab = null;
        this.say(describeError(new CheckerUnavailable(e, "The Check tab's script", "open the tab again")), "error");
        throw e;
      },
    );
    loading.catch(() => undefined);
    this.checkTab = loading;
    return loading;
  }

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

  /** Re-read the mapped cells and settings (3 syncs); also when the pane is shown again (taskpane.ts). */
  async refresh(): Promise<void> {
    await this.act("Reading the workbook…", async () => {
      await this.reload();
      return `${this.cells.length} item${this.cells.length === 1 ? "" : "s"} mapped.`;
    });
  }

  private async reload(): Promise<void> {
    const read = await this.host.run((ctx) => readWorkbook(ctx, { mergedAreas: this.host.mergedAreas }));
    this.cells = read.cells;
    this.settings = read.settings;
    this.redraw();
  }

  private redraw(): void {
    this.mapTab.render();
    this.checkLoaded?.render();
  }

  private async goTo(addresses: string[]): Promise<void> {
    await this.act("Selecting…", async () => {
      const r = await this.host.run((ctx) => selectCells(ctx, addresses, { multiAreaSelect: this.host.multiAreaSelect }));
      return `Selected ${r.selected.join(", ")}.${r.notSelected.length ? ` Its other cells: ${r.notSelected.join(", ")}.` : ""}`;
    });
  }
}
