/**
 * The Compare tab: save the mapped values as a baseline inside the workbook, and compare the
 * workbook as it is now with a baseline or with a CSV / JSON report chosen from disk (read in the
 * pane, nothing uploaded). Flagged movements are listed with before, after, change and %, their
 * cells get the add-in's own highlight in a colour of its own (removed by the same Clear), and the
 * net capital bridge is drawn as a waterfall (plain SVG) with the same figures as a table.
 *
 * Loaded as a script of its own the first time the tab is opened.
 */
import { parse } from "csv-parse/browser-sync";
import {
  buildReport,
  compareReports,
  D,
  formatAmount,
  readCsvRecords,
  readJsonText,
  UnusableInput,
  type Bridge,
  type Comparison,
  type Decimal,
  type InputRead,
  type Report,
} from "../focus";
import { readBaselines, saveBaseline, type Baseline } from "../excel/baselines";
import { describeHighlightNotes, highlightAfterRead, readFindingHighlights, type PlannedHighlight } from "../excel/highlight";
import { readWorkbook, type MappedCell } from "../excel/read";
import type { WorkbookSettings } from "../excel/settings";
import { fill, h, svg } from "./dom";

/** What the tab needs from the pane. */
export interface CompareDeps {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  mergedAreas: boolean;
  act(busy: string, f: () => Promise<string | void>): Promise<void>;
  settings(): WorkbookSettings;
}

const money = (v: Decimal | null) => (v === null ? "—" : formatAmount(v, "dollars"));
const signed = (v: Decimal) => (v.isNegative() ? formatAmount(v, "dollars", { negative: "minus" }) : `+${formatAmount(v, "dollars")}`);

/** A report file's text as entries: JSON, or CSV with a header "item,value". Throws UnusableInput. */
export function readReportText(name: string, text: string): InputRead {
  if (/\.json$/i.test(name)) return readJsonText(text, name);
  if (!/\.csv$/i.test(name)) throw new UnusableInput(`${name}: choose a .csv or .json report.`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new UnusableInput(`${name} is not readable CSV: ${(e as Error).message}`);
  }
  return readCsvRecords(records, name);
}

/** The compare tab. */
export class CompareTab {
  private baselines: Baseline[] = [];
  private result: { comparison: Comparison; against: string; highlighted: number } | null = null;
  private file: { name: string; read: InputRead } | null = null;
  /** The thresholds as last typed (kept across redraws). */
  private thresholds = { amount: "10,000", pct: "10" };

  constructor(
    private readonly panel: HTMLElement,
    private readonly deps: CompareDeps,
  ) {}

  /** Read the workbook's baselines and draw the tab. */
  async start(): Promise<void> {
    this.baselines = await this.deps.run((ctx) => readBaselines(ctx));
    this.render();
  }

  private async save(label: string): Promise<void> {
    await this.deps.act("Saving a baseline…", async () => {
      const s = this.deps.settings();
      const read = await this.deps.run((ctx) => readWorkbook(ctx, { mergedAreas: this.deps.mergedAreas }));
      const b = await this.deps.run((ctx) => saveBaseline(ctx, { label, form: s.form, units: s.units, entries: read.entries }));
      this.baselines = await this.deps.run((ctx) => readBaselines(ctx));
      this.render(b.id);
      return `Saved the baseline "${b.label}" (${b.entries.length} mapped values) in this workbook.`;
    });
  }

  private async compare(source: string, amount: string, pct: string): Promise<void> {
    this.thresholds = { amount, pct };
    await this.deps.act("Comparing…", async () => {
      const s = this.deps.settings();
      const thresholdAmount = threshold("amount", amount);
      const thresholdPct = threshold("percentage", pct);
      let before: Report;
      let against: string;
      if (source === "file") {
        if (!this.file) throw new UnusableInput("Choose a CSV or JSON report to compare with.");
        before = buildReport(s.form, this.file.read.entries, { units: this.file.read.units ?? s.units });
        against = this.file.name;
      } else {
        const b = this.baselines.find((x) => x.id === source);
        if (!b) throw new UnusableInput("Choose a baseline to compare with.");
        before = buildReport(s.form, b.entries.map((e) => ({ ...e, where: `baseline "${b.label}"` })), { units: b.units });
        against = `the baseline "${b.label}" (${b.savedAt.slice(0, 16).replace("T", " ")})`;
      }
      // One batch of 4 syncs, as Check: the earlier highlights are found while the workbook is
      // read, and deleted in the sync that adds the new ones (0.3.0 took 8: a read, then a clear).
      const { comparison, cleared, outcome } = await this.deps.run(async (ctx) => {
        const { read, cleared } = await readFindingHighlights(ctx, { mergedAreas: this.deps.mergedAreas });
        const after = buildReport(s.form, read.entries, { units: s.units });
        const comparison = compareReports(before, after, { thresholdAmount, thresholdPct });
        return { comparison, cleared, outcome: await highlightAfterRead(ctx, movedCells(comparison, read.cells), read.cells) };
      });
      this.result = { comparison, against, highlighted: outcome.applied.length };
      this.render(source);
      const flagged = comparison.changes.filter((c) => c.flagged).length;
      return `Compared with ${against}: ${plural(comparison.changes.length, "item")} changed, ${flagged} flagged; ${outcome.applied.length} cells highlighted.${describeHighlightNotes(outcome, cleared)}`;
    });
  }

  private render(selected?: string): void {
    const label = h("input", { id: "baseline-label", type: "text", placeholder: "e.g. October FOCUS as filed" });
    const source = h(
      "select",
      { id: "compare-source" },
      ...this.baselines.map((b) => h("option", { value: b.id, selected: b.id === selected }, `${b.label} (${b.savedAt.slice(0, 10)})`)),
      h("option", { value: "file", selected: selected === "file" || this.baselines.length === 0 }, "A report file (CSV or JSON)…"),
    );
    const file = h("input", { id: "compare-file", type: "file", accept: ".csv,.json" });
    file.addEventListener("change", () => {
      const f = file.files?.[0];
      if (!f) return;
      void this.deps.act(`Reading ${f.name}…`, async () => {
        this.file = { name: f.name, read: readReportText(f.name, await f.text()) };
        source.value = "file";
        return `Read ${f.name}: ${plural(this.file.read.entries.length, "item")}${this.file.read.units ? ` in ${this.file.read.units}` : ""}. Nothing leaves this computer.`;
      });
    });
    const amount = h("input", { id: "threshold-amount", type: "text", inputmode: "numeric", value: this.thresholds.amount });
    const pct = h("input", { id: "threshold-pct", type: "text", inputmode: "decimal", value: this.thresholds.pct });
    fill(
      this.panel,
      h("h2", {}, "Compare with a baseline or another report"),
      h("p", { class: "help" }, "A baseline keeps the mapped values inside this workbook (its settings); nothing leaves the workbook. Compare lists what moved, highlights the cells in blue (Clear on the Check tab removes them) and draws the net capital bridge."),
      h("label", { for: "baseline-label" }, "Baseline label"),
      h("div", { class: "row" }, label, h("button", { id: "save-baseline", onclick: () => this.save(label.value) }, "Save baseline")),
      h("label", { for: "compare-source" }, "Compare the workbook with"),
      source,
      h("label", { for: "compare-file" }, "Report file (read here, not uploaded)"),
      file,
      h("label", { for: "threshold-amount" }, "Flag changes above (dollars)"),
      amount,
      h("label", { for: "threshold-pct" }, "… and above (percent of the before figure)"),
      pct,
      h("div", { class: "row" }, h("button", { id: "run-compare", class: "primary", onclick: () => this.compare(source.value, amount.value, pct.value) }, "Compare")),
      this.result ? this.resultView() : null,
    );
  }

  private resultView(): HTMLElement {
    const { comparison: c, against } = this.result!;
    const flagged = c.changes.filter((x) => x.flagged);
    // The item and its label on a row of their own across the table, its figures on the row below:
    // at the pane's width a label beside four numbers wrapped to five lines.
    const rows = flagged.flatMap((x) => [
      h("tr", { class: "flagged item-row", "data-item": x.item }, h("th", { scope: "row", colspan: "4", title: x.label }, `${x.item} ${x.label}`)),
      h(
        "tr",
        { class: "flagged", "data-item": x.item },
        h("td", {}, money(x.before)),
        h("td", {}, money(x.after)),
        h("td", {}, signed(x.change)),
        h("td", {}, x.changePct === null ? x.kind : `${x.changePct.toFixed(2)}%`),
      ),
    ]);
    return h(
      "section",
      { class: "compare", "aria-labelledby": "compare-title" },
      h("h3", { id: "compare-title" }, `Against ${against}`),
      c.otherForm ? h("p", { class: "help" }, `Different forms: only the items both forms share by meaning are compared.`) : null,
      h("p", {}, `${plural(c.changes.length, "item")} changed; ${flagged.length} flagged (above ${money(c.thresholdAmount)} and ${c.thresholdPct.toFixed()}%).`),
      flagged.length
        ? h(
            "table",
            { id: "moves" },
            h("caption", {}, "Flagged movements"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Before"), h("th", { scope: "col" }, "After"), h("th", { scope: "col" }, "Change"), h("th", { scope: "col" }, "%"))),
            h("tbody", {}, ...rows),
          )
        : null,
      ...c.notCompared.map((n) => h("p", { class: "problem-box" }, `Not compared: ${n.item} (${n.label}): ${n.reason}`)),
      c.bridge.netCapital ? bridgeView(c.bridge.netCapital, "bridge-nc") : h("p", { class: "help" }, "No net capital bridge: neither report gives net capital or its lines."),
      c.bridge.excessNetCapital ? bridgeView(c.bridge.excessNetCapital, "bridge-excess") : null,
    );
  }
}

/** "1 item", "2 items". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A threshold typed in the pane: a number of at least zero ("10,000", "10%"). */
function threshold(what: string, text: string): Decimal {
  const t = text.trim().replace(/,/g, "").replace(/%$/, "");
  if (!/^\d+(\.\d+)?$/.test(t)) throw new UnusableInput(`The ${what} threshold "${text}" is not a number of at least 0.`);
  return new D(t);
}

/** The cells of flagged movements, to highlight in the compare colour. */
export function movedCells(c: Comparison, cells: readonly MappedCell[]): PlannedHighlight[] {
  const byCode = new Map(cells.filter((x) => x.address).map((x) => [x.code, x.address as string]));
  return c.changes.filter((x) => x.flagged && byCode.has(x.item)).map((x) => ({ address: byCode.get(x.item)!, role: "moved" as const, rules: ["COMPARE"] }));
}

/**
 * The bridge as a waterfall (SVG, one row per step: the before and after figures as bars from the
 * axis, each step as a floating bar, green up, red down) and the same figures as a table for
 * screen readers and for copying.
 */
export function bridgeView(b: Bridge, id: string): HTMLElement {
  const rows: { label: string; from: Decimal; to: Decimal; kind: "total" | "up" | "down" }[] = [];
  let run = b.before;
  rows.push({ label: "Before", from: new D(0), to: b.before, kind: "total" });
  for (const s of b.steps) {
    rows.push({ label: s.label, from: run, to: run.plus(s.change), kind: s.change.isNegative() ? "down" : "up" });
    run = run.plus(s.change);
  }
  rows.push({ label: "After", from: new D(0), to: b.after, kind: "total" });
  // Scale from zero, so a bar's length is its figure (250,000,000 after a 16.5% fall looks as
  // long as it is); each row: the step's name, then its bar with the amount written beside it.
  const points = rows.flatMap((r) => [r.from, r.to]);
  const lo = D.min(0, ...points);
  const hi = D.max(0, ...points);
  const span = hi.minus(lo).isZero() ? new D(1) : hi.minus(lo);
  const W = 320;
  const PLOT = 230; // the bars' width; the 90 units beyond hold the amounts (11 characters)
  const ROW = 30;
  const x = (v: Decimal) => Number(v.minus(lo).div(span).times(PLOT).toFixed(1));
  const bars = rows.flatMap((r, i) => {
    const a = x(D.min(r.from, r.to));
    const z = x(D.max(r.from, r.to));
    const amount = r.kind === "total" ? money(r.to) : signed(r.to.minus(r.from));
    const label = r.label.length > 52 ? `${r.label.slice(0, 51)}…` : r.label;
    return [
      svg("text", { class: "step", x: 0, y: i * ROW + 10 }, label),
      svg("rect", { class: r.kind, x: a, y: i * ROW + 14, width: Math.max(1, z - a), height: 11 }),
      svg("text", { class: "amount", x: z + 3, y: i * ROW + 24 }, amount),
    ];
  });
  const chart = svg(
    "svg",
    { class: "waterfall", id: `${id}-chart`, viewBox: `0 0 ${W} ${rows.length * ROW + 14}`, "aria-hidden": "true", focusable: "false" },
    ...bars,
    svg("line", { class: "axis", x1: x(new D(0)), x2: x(new D(0)), y1: 12, y2: rows.length * ROW }),
    svg("text", { class: "scale", x: x(new D(0)), y: rows.length * ROW + 12, "text-anchor": x(new D(0)) < 5 ? "start" : "middle" }, "0"),
  );
  const table = h(
    "table",
    { id: `${id}-table` },
    h("caption", {}, `${b.label}: ${money(b.before)} to ${money(b.after)}`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Step"), h("th", { scope: "col" }, "Change"))),
    h(
      "tbody",
      {},
      h("tr", {}, h("td", {}, "Before"), h("td", {}, money(b.before))),
      ...b.steps.map((s) => h("tr", {}, h("td", {}, `${s.label} (${s.items.join(", ")})`), h("td", {}, signed(s.change)))),
      h("tr", {}, h("td", {}, "After"), h("td", {}, money(b.after))),
    ),
  );
  return h("figure", { class: "bridge" }, chart, table);
}
